import XCTest
import HTTP
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
        let cache = PageCache(maxEntries: 2, maxAge: 0.05)
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
        let cache = PageCache(maxEntries: 8, maxAge: 2)
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
