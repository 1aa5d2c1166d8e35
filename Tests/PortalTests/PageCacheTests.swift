import XCTest
@testable import HTTP
@testable import Portal

/// Cached pages never outlive the data they show.
final class PageCacheTests: XCTestCase {
    func testAWriteToTheStoreShowsOnTheNextRequest() throws {
        let portal = try Portal()
        XCTAssertTrue(portal.get("/ar/").contains("جماعة سطات"))
        XCTAssertTrue(portal.get("/ar/").contains("جماعة سطات"), "second request, from the cache")
        try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = ? WHERE slug = ?", ["جماعة سطات المحدثة", "settat"]) }
        XCTAssertTrue(portal.get("/ar/").contains("جماعة سطات المحدثة"))
    }

    func testCachedGzipFormIsTheSamePage() throws {
        let portal = try Portal()
        let plain = portal.get("/fr/communes/settat")
        let zipped = portal.get("/fr/communes/settat", headers: [("Accept-Encoding", "gzip")])
        XCTAssertEqual(zipped.headers["Content-Encoding"], "gzip")
        let raw = try XCTUnwrap(zipped.rawBody)
        XCTAssertEqual(String(decoding: try Gzip.decompress(raw), as: UTF8.self), plain.body)
        XCTAssertNil(portal.get("/fr/communes/settat").headers["Content-Encoding"], "identity when gzip is not accepted")
    }

    func testEntriesExpireAndErrorsAreNotKept() throws {
        let cache = PageCache(maxBytes: 1 << 20, maxAge: 0.05)
        let page = HTTPResponse.html(String(repeating: "x", count: 300))
        cache.store(page, for: "/a", generation: .init(writes: 1, callEdges: 0))
        XCTAssertNotNil(cache.response(for: "/a", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false))
        XCTAssertNil(cache.response(for: "/a", generation: .init(writes: 2, callEdges: 0), acceptsGzip: false), "a write since makes it stale")
        cache.store(page, for: "/b", generation: .init(writes: 1, callEdges: 0))
        usleep(80_000)
        XCTAssertNil(cache.response(for: "/b", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false), "too old")
        cache.store(HTTPResponse.html("missing", status: .notFound), for: "/c", generation: .init(writes: 1, callEdges: 0))
        XCTAssertNil(cache.response(for: "/c", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false))
    }

    /// A response that says how long it stays true (a feed, until the next call opens) is kept
    /// no longer than that, and one that must not be stored is not.
    func testAResponsesOwnMaxAgeShortensItsStay() throws {
        let cache = PageCache(maxBytes: 1 << 20, maxAge: 2)
        func page(_ cacheControl: String) -> HTTPResponse {
            var response = HTTPResponse.html(String(repeating: "x", count: 300))
            response.headers.set("Cache-Control", cacheControl)
            return response
        }
        cache.store(page("max-age=0"), for: "/now", generation: .init(writes: 1, callEdges: 0))
        XCTAssertNil(cache.response(for: "/now", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false), "max-age=0: not kept")
        cache.store(page("no-store"), for: "/private", generation: .init(writes: 1, callEdges: 0))
        XCTAssertNil(cache.response(for: "/private", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false))
        cache.store(page("max-age=1"), for: "/soon", generation: .init(writes: 1, callEdges: 0))
        cache.store(page("max-age=60"), for: "/later", generation: .init(writes: 1, callEdges: 0))
        XCTAssertNotNil(cache.response(for: "/soon", generation: .init(writes: 1, callEdges: 0), acceptsGzip: true))
        usleep(1_100_000)
        XCTAssertNil(cache.response(for: "/soon", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false), "gone after its own second")
        XCTAssertNotNil(cache.response(for: "/later", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false), "max-age=60 does not lengthen the 2 s")
    }
}

/// A cache no request can abuse (issue 16): unknown query parameters share the page's entry,
/// the cache is bounded in bytes (least recently used leave first), concurrent misses render
/// once, and pages carry ETags and a Cache-Control a shared cache can follow.
final class PageCacheAbuseTests: XCTestCase {
    func testUnknownQueryParametersHitTheSameEntry() throws {
        let portal = try Portal()
        let page = "/fr/communes/settat/programs/2024-2025"
        XCTAssertEqual(portal.get(page).status, 200)
        portal.resetQueryCount()
        for junk in 0..<20 { XCTAssertEqual(portal.get(page + "?nc=\(junk)").status, 200) }
        XCTAssertEqual(portal.site.database.queryCount, 0, "no render for ?nc=…")
        // Parameters a page reads are normalised: 02 and 2 are one page.
        XCTAssertEqual(SiteRoute.calls(.fr).cacheKey(query: [("page", "02"), ("x", "1")]), "/fr/calls?page=2")
        XCTAssertEqual(SiteRoute.program(.fr, slug: "s", period: "2024-2025", .proposals)
                        .cacheKey(query: [("status", "accepted"), ("axis", "1"), ("channel", "smoke")]),
                       "/fr/communes/s/programs/2024-2025/proposals?axis=1&channel=!smoke&status=accepted")
    }

    /// The event loop answers a page itself (no hand-over to a worker) only when the cache holds
    /// it current and in the form asked for, and without reading the store.
    func testTheLoopAnswersOnlyPagesTheCacheHoldsReady() throws {
        let portal = try Portal()
        let page = "/fr/communes/settat/programs/2024-2025"
        let gzip = [("Accept-Encoding", "gzip")]
        func ready(_ target: String, _ headers: [(String, String)] = []) -> HTTPResponse? {
            portal.site.immediateResponse(to: portal.request(target, headers: headers))
        }
        XCTAssertNil(ready(page), "not rendered yet")
        let rendered = portal.get(page)
        portal.resetQueryCount()
        let answer = try XCTUnwrap(ready(page + "?nc=1"))
        XCTAssertEqual(portal.site.database.queryCount, 0)
        XCTAssertEqual(answer.body, rendered.bytes)
        XCTAssertEqual(answer.headers["ETag"], rendered.headers["ETag"])
        XCTAssertNil(ready(page, gzip), "the gzip form is made on a worker")
        _ = portal.get(page, headers: gzip)
        XCTAssertEqual(ready(page, gzip)?.headers["Content-Encoding"], "gzip")
        let etag = try XCTUnwrap(rendered.headers["ETag"])
        XCTAssertEqual(ready(page, [("If-None-Match", etag)])?.status, .notModified)
        XCTAssertEqual(ready(page, [("If-None-Match", etag)])?.body, [])
        XCTAssertNil(portal.site.immediateResponse(to: portal.request(page, method: .post)))
        // A write since the page was kept: reading the store again is a worker's job.
        try portal.site.database.write { try $0.run("UPDATE communes SET name_fr = name_fr || ' ' WHERE slug = 'settat'") }
        XCTAssertNil(ready(page))
        // Searches, forms and admin pages are never answered on the loop; a static file is, once read.
        _ = portal.get("/fr/search?q=eau")
        XCTAssertNil(ready("/fr/search?q=eau"))
        _ = portal.get(page + "/proposals/new")
        XCTAssertNil(ready(page + "/proposals/new"))
        XCTAssertNil(ready("/admin/fr/login"))
        let css = try XCTUnwrap(portal.get(page).body.firstMatch(of: /\/static\/css\/app\.[0-9a-f]{8}\.css/)).output
        XCTAssertEqual(portal.get(String(css)).status, 200)
        XCTAssertEqual(ready(String(css))?.status, .ok)
    }

    /// The loop remembers what it decided per target (route and cache key), for a bounded number
    /// of targets: junk targets start it again empty rather than grow it, and a remembered
    /// target is not decided again.
    func testTheLoopRemembersABoundedNumberOfTargets() {
        let targets = ImmediateTargets()
        var decided = 0
        for n in 0..<(ImmediateTargets.capacity + 10) {
            _ = targets.decision(for: "/ar/?nc=\(n)") { decided += 1; return .worker }
            XCTAssertLessThanOrEqual(targets.count, ImmediateTargets.capacity)
        }
        XCTAssertEqual(decided, ImmediateTargets.capacity + 10)
        guard case .page(let key) = targets.decision(for: "/ar/", { .page(key: "/ar/") }) else { return XCTFail() }
        XCTAssertEqual(key, "/ar/")
        guard case .page(let again) = targets.decision(for: "/ar/", { decided += 1; return .worker }) else { return XCTFail("decided again") }
        XCTAssertEqual(again, "/ar/")
        XCTAssertEqual(decided, ImmediateTargets.capacity + 10)
        let long = "/ar/?nc=" + String(repeating: "x", count: ImmediateTargets.longestTarget)
        let before = targets.count
        _ = targets.decision(for: long) { decided += 1; return .worker }
        _ = targets.decision(for: long) { decided += 1; return .worker }
        XCTAssertEqual(decided, ImmediateTargets.capacity + 12, "a long target is decided each time")
        XCTAssertEqual(targets.count, before, "and never kept")
    }

    func testTheCacheIsBoundedInBytesLeastRecentlyUsedFirst() throws {
        let cache = PageCache(maxBytes: 20_000, maxAge: 60)
        let version = PageCache.Version(writes: 1, callEdges: 0)
        func page(_ n: Int) -> HTTPResponse { HTTPResponse.html(String(repeating: "\(n % 10)", count: 3_000)) }
        cache.store(page(0), for: "/keep", generation: version)
        for n in 1...30 {
            _ = cache.response(for: "/keep", generation: version, acceptsGzip: false)   // used all along
            cache.store(page(n), for: "/junk\(n)", generation: version)
            XCTAssertLessThanOrEqual(cache.heldBytes, 20_000)
        }
        XCTAssertNotNil(cache.response(for: "/keep", generation: version, acceptsGzip: false), "the page in use stays")
        XCTAssertNil(cache.response(for: "/junk1", generation: version, acceptsGzip: false), "the least recently used left")
        XCTAssertNotNil(cache.response(for: "/junk30", generation: version, acceptsGzip: false))
    }

    /// The gzip form is made for the first client that accepts it, not for every page kept: a
    /// rotation of uncompressed reads (a benchmark, a proxy) compresses nothing.
    func testTheGzipFormIsMadeWhenFirstAskedFor() throws {
        let cache = PageCache(maxBytes: 1 << 20, maxAge: 60)
        let version = PageCache.Version(writes: 1, callEdges: 0)
        let page = HTTPResponse.html(String(repeating: "صفحة ", count: 600))
        XCTAssertTrue(cache.store(page, for: "/p", generation: version))
        XCTAssertEqual(cache.heldBytes, page.body.count + 2 + 512, "the plain page only")
        XCTAssertNil(cache.response(for: "/p", generation: version, acceptsGzip: false)?.headers["Content-Encoding"])
        XCTAssertEqual(cache.heldBytes, page.body.count + 2 + 512)
        let zipped = try XCTUnwrap(cache.response(for: "/p", generation: version, acceptsGzip: true))
        XCTAssertEqual(zipped.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(zipped.headers["Vary"], "Accept-Encoding")
        XCTAssertEqual(try Gzip.decompress(zipped.body), page.body)
        XCTAssertEqual(cache.heldBytes, page.body.count + zipped.body.count + 2 + 512, "kept with the page")
        XCTAssertEqual(cache.response(for: "/p", generation: version, acceptsGzip: true)?.body, zipped.body, "made once")
        // A short page or an image is never compressed.
        cache.store(HTTPResponse.html("short"), for: "/s", generation: version)
        XCTAssertNil(cache.response(for: "/s", generation: version, acceptsGzip: true)?.headers["Content-Encoding"])
    }

    /// A large body is sent from a memory file from its second answer on (`MemoryFile`), and only
    /// then held twice: the bound counts the file from that answer, so pages rendered and never
    /// asked for again (a rotation wider than the cache) count once and twice as many fit.
    func testALargePageCountsItsMemoryFileFromItsSecondAnswer() throws {
        let cache = PageCache(maxBytes: 1 << 20, maxAge: 60)
        let version = PageCache.Version(writes: 1, callEdges: 0)
        var seed: UInt64 = 7
        let words = (0..<8_000).map { _ -> String in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return String(seed >> 40, radix: 36)
        }
        let page = HTTPResponse.html(words.joined(separator: " "))
        XCTAssertEqual(page.memoryFileBytes, page.body.count, "large enough for a memory file")
        let rendered = cache.response(for: "/p", generation: version, acceptsGzip: false) { page }
        XCTAssertEqual(rendered.body, page.body)
        XCTAssertEqual(cache.heldBytes, page.body.count + 2 + 512, "the render's own answer makes no file")
        XCTAssertNotNil(cache.ready(for: "/p", generation: version, acceptsGzip: false))
        XCTAssertEqual(cache.heldBytes, 2 * page.body.count + 2 + 512, "answered again: its file counts")
        XCTAssertNotNil(cache.response(for: "/p", generation: version, acceptsGzip: false))
        XCTAssertEqual(cache.heldBytes, 2 * page.body.count + 2 + 512, "counted once")
        // The gzip form (large too: the words barely compress) counts its file at its own second answer.
        let zipped = try XCTUnwrap(cache.response(for: "/p", generation: version, acceptsGzip: true))
        XCTAssertEqual(zipped.memoryFileBytes, zipped.body.count)
        XCTAssertEqual(cache.heldBytes, 2 * page.body.count + zipped.body.count + 2 + 512)
        XCTAssertNotNil(cache.ready(for: "/p", generation: version, acceptsGzip: true))
        XCTAssertEqual(cache.heldBytes, 2 * page.body.count + 2 * zipped.body.count + 2 + 512)
        // A page below the threshold never counts a file.
        cache.store(HTTPResponse.html(String(repeating: "a", count: 1_000)), for: "/s", generation: version)
        let before = cache.heldBytes
        _ = cache.ready(for: "/s", generation: version, acceptsGzip: false)
        XCTAssertEqual(cache.heldBytes, before)
    }

    /// A memory file only takes room the cache has spare: when the bound is reached, a large page
    /// answered again goes without one (sent from its bytes) and no page is pushed out for it.
    func testAMemoryFileNeverPushesAPageOut() throws {
        let version = PageCache.Version(writes: 1, callEdges: 0)
        func page(_ n: Int) -> HTTPResponse { HTTPResponse.html(String(repeating: "\(n % 10)", count: 20_000)) }
        // Room for eight pages held once and one memory file.
        let cache = PageCache(maxBytes: 8 * (20_000 + 2 + 512) + 20_000, maxAge: 60)
        for n in 0..<8 { cache.store(page(n), for: "/\(n)", generation: version) }
        let held = cache.heldBytes
        XCTAssertEqual(held, 8 * (20_000 + 2 + 512))
        for _ in 0..<3 {
            for n in 0..<8 {
                let answer = try XCTUnwrap(cache.ready(for: "/\(n)", generation: version, acceptsGzip: false), "page \(n) stays")
                XCTAssertEqual(answer.body.count, 20_000)
            }
        }
        XCTAssertEqual(cache.heldBytes, held + 20_000, "one file fitted in the spare room, the others were forgone")
        // The forgone ones are sent from their bytes: encoded twice, they never make a file.
        let encoder = ResponseEncoder(securityHeaders: [])
        var withFile: [Int] = []
        for n in 0..<8 {
            let kept = try XCTUnwrap(cache.ready(for: "/\(n)", generation: version, acceptsGzip: false))
            for _ in 0..<2 {
                let sent = encoder.encodeForSending(kept, requestMethod: .get, acceptEncoding: nil, keepAlive: true,
                                                   http10: false, dateField: Array("Date: x\r\n".utf8))
                XCTAssertEqual(sent.body.count, 20_000)
                if sent.file != nil { withFile.append(n) }
            }
        }
        XCTAssertEqual(withFile, [0], "only the page given room has a file, made at its second answer")
    }

    /// When a page stored later needs room, memory files leave before any page: the file a page
    /// was given in spare room is dropped (and never made again) and every page stays.
    func testAPageStoredLaterTakesAFilesRoomNotAPage() throws {
        let version = PageCache.Version(writes: 1, callEdges: 0)
        func page(_ n: Int) -> HTTPResponse { HTTPResponse.html(String(repeating: "\(n % 10)", count: 20_000)) }
        // Room for nine pages held once, or eight and one memory file.
        let cache = PageCache(maxBytes: 9 * (20_000 + 2 + 512) + 10_000, maxAge: 60)
        for n in 0..<8 { cache.store(page(n), for: "/\(n)", generation: version) }
        for n in 0..<8 { XCTAssertNotNil(cache.ready(for: "/\(n)", generation: version, acceptsGzip: false)) }
        XCTAssertEqual(cache.heldBytes, 8 * (20_000 + 2 + 512) + 20_000, "page 0 got the spare room for its file")
        let encoder = ResponseEncoder(securityHeaders: [])
        func sendsFromAFile(_ n: Int) throws -> Bool {
            let kept = try XCTUnwrap(cache.ready(for: "/\(n)", generation: version, acceptsGzip: false), "page \(n) stays")
            // The head is kept at the first encoding; a file, when there is one, is made at the second.
            return (0..<2).contains { _ in
                encoder.encodeForSending(kept, requestMethod: .get, acceptEncoding: nil, keepAlive: true,
                                         http10: false, dateField: Array("Date: x\r\n".utf8)).file != nil
            }
        }
        XCTAssertTrue(try sendsFromAFile(0))
        cache.store(page(8), for: "/8", generation: version)
        XCTAssertEqual(cache.heldBytes, 9 * (20_000 + 2 + 512), "the file left; no page did")
        for n in 0...8 { XCTAssertFalse(try sendsFromAFile(n), "page \(n) is kept and sent from its bytes") }
        XCTAssertEqual(cache.heldBytes, 9 * (20_000 + 2 + 512), "and no file is counted again")
    }

    /// Eviction follows use, at any number of entries: touching an entry moves it to the back.
    func testEvictionFollowsTheOrderOfUse() throws {
        let version = PageCache.Version(writes: 1, callEdges: 0)
        func page(_ n: Int) -> HTTPResponse { HTTPResponse.html(String(repeating: "\(n % 10)", count: 486)) }   // 1,000 bytes with its 2-byte key and 512 for the rest
        let cache = PageCache(maxBytes: 5_000, maxAge: 60)
        for n in 0..<5 { cache.store(page(n), for: "/\(n)", generation: version) }
        XCTAssertEqual(cache.heldBytes, 5_000)
        _ = cache.response(for: "/0", generation: version, acceptsGzip: false)
        _ = cache.response(for: "/2", generation: version, acceptsGzip: false)
        cache.store(page(5), for: "/5", generation: version)
        cache.store(page(6), for: "/6", generation: version)
        cache.store(page(7), for: "/7", generation: version)
        let kept = (0..<8).filter { cache.response(for: "/\($0)", generation: version, acceptsGzip: false) != nil }
        XCTAssertEqual(kept, [0, 2, 5, 6, 7], "1, 3 and 4 were the least recently used")
        // Storing a key again replaces its entry without counting it twice.
        cache.store(page(8), for: "/7", generation: version)
        XCTAssertEqual(cache.heldBytes, 5_000)
    }

    func testConcurrentMissesRenderOnce() throws {
        let cache = PageCache(maxBytes: 1 << 20, maxAge: 60)
        final class Count: @unchecked Sendable { let lock = NSLock(); var renders = 0; var served = 0 }
        let count = Count()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let response = cache.response(for: "/slow", generation: .init(writes: 1, callEdges: 0), acceptsGzip: false) {
                count.lock.lock(); count.renders += 1; count.lock.unlock()
                usleep(100_000)
                return HTTPResponse.html(String(repeating: "x", count: 500))
            }
            count.lock.lock(); if response.status == .ok { count.served += 1 }; count.lock.unlock()
        }
        XCTAssertEqual(count.renders, 1)
        XCTAssertEqual(count.served, 16)
    }

    /// A public page's freshness is shared between the portal's cache and a cache in front: the
    /// page says `max-age` of the time left (10 s, `Site.freshSeconds`, or until a call opens
    /// when that is sooner) less the 5 s the portal's cache may keep it (`Site.cacheSeconds`),
    /// and the portal keeps it no longer than its `max-age` either, so a copy a cache in front
    /// takes from the portal's, however late, never outlives the time left.
    func testAPagesFreshnessIsSharedBetweenThePortalAndACacheInFront() throws {
        let portal = try Portal()
        let window = try portal.callWindow(501)
        func touch() throws { try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = name_ar WHERE slug = 'demo'") } }
        portal.site.clock.set { window.opens.addingTimeInterval(-3600) }
        XCTAssertEqual(portal.get("/fr/calls").headers["Cache-Control"], "public, max-age=5")
        portal.site.clock.set { window.opens.addingTimeInterval(-7) }
        try touch()
        XCTAssertEqual(portal.get("/fr/calls").headers["Cache-Control"], "public, max-age=2", "the 7 s left, less the portal's 5")
        portal.site.clock.set { window.opens.addingTimeInterval(-1.5) }
        try touch()
        XCTAssertEqual(portal.get("/fr/calls").headers["Cache-Control"], "public, max-age=0", "nothing left for a cache in front")
    }

    func testETagsAnswer304AndCacheControlTellsSharedCaches() throws {
        let portal = try Portal()
        let first = portal.get("/ar/communes/settat")
        let etag = try XCTUnwrap(first.headers["ETag"])
        XCTAssertTrue(etag.hasPrefix("W/\""))
        XCTAssertTrue(first.headers["Cache-Control"]?.hasPrefix("public, max-age=") ?? false)
        let again = portal.get("/ar/communes/settat", headers: [("If-None-Match", etag)])
        XCTAssertEqual(again.status, 304)
        XCTAssertEqual(again.body, "")
        XCTAssertEqual(again.headers["ETag"], etag)
        XCTAssertEqual(portal.get("/ar/communes/settat", headers: [("If-None-Match", "W/\"other\", " + etag)]).status, 304)
        XCTAssertEqual(portal.get("/ar/communes/settat", headers: [("If-None-Match", "W/\"other\"")]).status, 200)
        // The same bytes after a restart give the same ETag (it comes from the content).
        XCTAssertEqual(portal.get("/ar/communes/settat?x=1").headers["ETag"], etag)
        // A change of data is a new ETag.
        try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = 'جماعة سطات الجديدة' WHERE slug = 'settat'") }
        XCTAssertEqual(portal.get("/ar/communes/settat", headers: [("If-None-Match", etag)]).status, 200)
        // Forms and tracking pages are nobody's to keep.
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/proposals/new").headers["Cache-Control"]?.contains("no-store") ?? false)
    }
}
