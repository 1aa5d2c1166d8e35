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
}
