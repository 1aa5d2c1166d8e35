import XCTest
@testable import HTTP

/// Runs StaticFiles against a real folder in a temporary directory:
///
///     <tmp>/outside.txt            a secret the root must never reveal
///     <tmp>/outside-dir/file.txt
///     <tmp>/Public/                the root
///         index.html app.css app.js data.json logo.png notes.txt report.csv
///         feed.xml font.woff2 icon.svg blob.bin LICENSE .env
///         sub/page.txt sub/.hidden
///         link-out -> ../outside.txt      link-dir -> ../outside-dir
///         link-in.css -> app.css          link-hidden -> .env
final class StaticFilesTests: XCTestCase {
    private var base: URL!
    private var root: URL!
    private var files: StaticFiles!

    private let css = String(repeating: ".card { margin: 0 auto; padding: 1rem; color: #223; }\n", count: 60)

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory
            .appendingPathComponent("infitah-static-\(UUID().uuidString)")
        root = base.appendingPathComponent("Public")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try manager.createDirectory(at: base.appendingPathComponent("outside-dir"), withIntermediateDirectories: true)
        try write("outside.txt", "SECRET", in: base)
        try write("outside-dir/file.txt", "SECRET", in: base)
        try write("x", "SECRET", in: base)
        try write("index.html", "<h1>مرحبا</h1>\n")
        try write("app.css", css)
        try write("app.js", "console.log('hi')\n")
        try write("data.json", "{\"a\":1}\n")
        try Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).write(to: root.appendingPathComponent("logo.png"))
        try write("notes.txt", "notes\n")
        try write("report.csv", "a,b\n1,2\n")
        try write("feed.xml", "<feed/>\n")
        try write("font.woff2", "wOF2")
        try write("icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try write("blob.bin", "??")
        try write("LICENSE", "MIT\n")
        try write(".env", "PASSWORD=hunter2\n")
        try write("sub/page.txt", "page in a folder\n")
        try write("sub/.hidden", "hidden\n")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-out").path, withDestinationPath: "../outside.txt")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-dir").path, withDestinationPath: "../outside-dir")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-in.css").path, withDestinationPath: "app.css")
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("link-hidden").path, withDestinationPath: ".env")
        files = try StaticFiles(root: root, revalidationInterval: 0)
    }

    override func tearDownWithError() throws {
        if let base { try? FileManager.default.removeItem(at: base) }
    }

    // MARK: - Helpers

    private func write(_ name: String, _ text: String, in folder: URL? = nil) throws {
        try Data(text.utf8).write(to: (folder ?? root).appendingPathComponent(name))
    }

    private func request(_ path: String, _ method: HTTPMethod = .get, _ headers: [(String, String)] = []) -> HTTPRequest {
        HTTPRequest(method: method, target: path, path: path,
                    headers: HTTPHeaders(headers))
    }

    private func get(_ path: String, _ headers: [(String, String)] = [], file: StaticString = #filePath,
                     line: UInt = #line) throws -> HTTPResponse {
        try XCTUnwrap(files.response(for: request(path, .get, headers)), "\(path) should be ours", file: file, line: line)
    }

    private func assertNotFound(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        let response = files.response(for: request(path))
        XCTAssertEqual(response?.status.code, 404, "\(path.debugDescription) must be 404", file: file, line: line)
        XCTAssertFalse(String(decoding: response?.body ?? [], as: UTF8.self).contains("SECRET"), file: file, line: line)
        XCTAssertFalse(String(decoding: response?.body ?? [], as: UTF8.self).contains("hunter2"), file: file, line: line)
    }

    private func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    // MARK: - Media types

    func testMediaTypes() {
        XCTAssertEqual(MediaType.forExtension("html"), "text/html; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("css"), "text/css; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("js"), "text/javascript; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("json"), "application/json; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("svg"), "image/svg+xml; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("png"), "image/png")
        XCTAssertEqual(MediaType.forExtension("jpg"), "image/jpeg")
        XCTAssertEqual(MediaType.forExtension("JPEG"), "image/jpeg")
        XCTAssertEqual(MediaType.forExtension(".gif"), "image/gif")
        XCTAssertEqual(MediaType.forExtension("webp"), "image/webp")
        XCTAssertEqual(MediaType.forExtension("ico"), "image/x-icon")
        XCTAssertEqual(MediaType.forExtension("txt"), "text/plain; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("csv"), "text/csv; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("xml"), "application/xml; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("woff2"), "font/woff2")
        XCTAssertEqual(MediaType.forExtension("pdf"), "application/pdf")
        XCTAssertEqual(MediaType.forExtension("map"), "application/json; charset=utf-8")
        XCTAssertEqual(MediaType.forExtension("exe"), "application/octet-stream")
        XCTAssertEqual(MediaType.forExtension(""), "application/octet-stream")
        XCTAssertEqual(MediaType.forPath("css/app.min.css"), "text/css; charset=utf-8")
        XCTAssertEqual(MediaType.forPath("LICENSE"), "application/octet-stream")
        XCTAssertEqual(MediaType.forPath("dir.d/README"), "application/octet-stream")
    }

    func testServedFilesCarryTheirContentType() throws {
        let expected = [
            "index.html": "text/html; charset=utf-8", "app.css": "text/css; charset=utf-8",
            "app.js": "text/javascript; charset=utf-8", "data.json": "application/json; charset=utf-8",
            "logo.png": "image/png", "notes.txt": "text/plain; charset=utf-8",
            "report.csv": "text/csv; charset=utf-8", "feed.xml": "application/xml; charset=utf-8",
            "font.woff2": "font/woff2", "icon.svg": "image/svg+xml; charset=utf-8",
            "blob.bin": "application/octet-stream", "LICENSE": "application/octet-stream",
        ]
        for (name, type) in expected {
            let response = try get("/static/" + name)
            XCTAssertEqual(response.status.code, 200, name)
            XCTAssertEqual(response.headers["Content-Type"], type, name)
        }
    }

    // MARK: - Plain serving

    func testGetServesTheFileWithValidators() throws {
        let response = try get("/static/index.html")
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(text(response), "<h1>مرحبا</h1>\n")
        let etag = try XCTUnwrap(response.headers["ETag"])
        XCTAssertTrue(etag.range(of: #"^"[0-9a-f]{16}"$"#, options: .regularExpression) != nil, "strong ETag: \(etag)")
        XCTAssertEqual(response.headers["Cache-Control"], "public, no-cache")
        XCTAssertEqual(response.headers["Vary"], "Accept-Encoding")
        XCTAssertNil(response.headers["Content-Encoding"])
        let lastModified = try XCTUnwrap(response.headers["Last-Modified"])
        XCTAssertTrue(lastModified.range(of: #"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$"#,
                                          options: .regularExpression) != nil, "IMF-fixdate: \(lastModified)")
        let mtime = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("index.html").path)[.modificationDate] as! Date
        XCTAssertEqual(StaticFiles.HTTPDate.parse(lastModified), Int(mtime.timeIntervalSince1970))
    }

    func testReadyResponseIsOnlyForAFileAlreadyInMemory() throws {
        let kept = try StaticFiles(root: root, revalidationInterval: 60)
        let gzip = [("Accept-Encoding", "gzip")]
        XCTAssertNil(kept.readyResponse(for: request("/static/app.css", .get, gzip)), "not read yet: that would touch the disk")
        let served = try XCTUnwrap(kept.response(for: request("/static/app.css", .get, gzip)))
        let ready = try XCTUnwrap(kept.readyResponse(for: request("/static/app.css", .get, gzip)))
        XCTAssertEqual(ready.status, .ok)
        XCTAssertEqual(ready.body, served.body)
        XCTAssertEqual(ready.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(ready.headers["ETag"], served.headers["ETag"])
        XCTAssertNil(kept.readyResponse(for: request("/static/app.css", .post)), "only GET and HEAD")
        XCTAssertNil(kept.readyResponse(for: request("/static/missing.css")), "a missing file is the worker's 404")
        XCTAssertNil(kept.readyResponse(for: request("/elsewhere")))
        // With every use due for a check (interval 0), a file always needs stat(2): never ready.
        _ = files.response(for: request("/static/app.css"))
        XCTAssertNil(files.readyResponse(for: request("/static/app.css")))
    }

    func testNestedFileAndSymlinkInsideRootAreServed() throws {
        XCTAssertEqual(text(try get("/static/sub/page.txt")), "page in a folder\n")
        XCTAssertEqual(text(try get("/static/link-in.css")), css)
    }

    func testBinaryFilesAreNotCompressedAndDoNotVary() throws {
        let response = try get("/static/logo.png", [("Accept-Encoding", "gzip")])
        XCTAssertEqual(response.body.count, 12)
        XCTAssertNil(response.headers["Content-Encoding"])
        XCTAssertNil(response.headers["Vary"])
    }

    func testHeadGetsTheSameHeaders() throws {
        let getResponse = try get("/static/app.css")
        let head = try XCTUnwrap(files.response(for: request("/static/app.css", .head)))
        XCTAssertEqual(head.status, .ok)
        for name in ["Content-Type", "ETag", "Last-Modified", "Cache-Control", "Vary"] {
            XCTAssertEqual(head.headers[name], getResponse.headers[name], name)
        }
    }

    func testOtherMethodsGet405WithAllow() throws {
        for method in [HTTPMethod.post, .put, .delete, .patch, .options] {
            let response = try XCTUnwrap(files.response(for: request("/static/app.css", method)))
            XCTAssertEqual(response.status, .methodNotAllowed, method.rawValue)
            XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
        }
        // Even for a file that does not exist: nothing under the prefix accepts a POST.
        XCTAssertEqual(files.response(for: request("/static/nope.css", .post))?.status.code, 405)
    }

    func testPathsOutsideThePrefixAreNotOurs() {
        XCTAssertNil(files.response(for: request("/")))
        XCTAssertNil(files.response(for: request("/app.css")))
        XCTAssertNil(files.response(for: request("/staticky/app.css")))
        XCTAssertNil(files.response(for: request("/ar/static/app.css")))
        XCTAssertNil(files.response(for: request("/other", .post)))
    }

    func testCustomAndEmptyPrefixes() throws {
        let assets = try StaticFiles(root: root, urlPrefix: "/assets/")
        XCTAssertEqual(assets.urlPrefix, "/assets")
        XCTAssertEqual(assets.response(for: request("/assets/notes.txt"))?.status, .ok)
        XCTAssertNil(assets.response(for: request("/static/notes.txt")))
        let everything = try StaticFiles(root: root, urlPrefix: "")
        XCTAssertEqual(everything.response(for: request("/notes.txt"))?.status, .ok)
        XCTAssertEqual(everything.url(for: "notes.txt").hasPrefix("/notes."), true)
    }

    func testMissingRootThrows() {
        XCTAssertThrowsError(try StaticFiles(root: base.appendingPathComponent("no-such-folder")))
        XCTAssertThrowsError(try StaticFiles(root: root.appendingPathComponent("notes.txt")), "a file is not a root")
    }

    // MARK: - Refusals

    func testMissingFilesAre404() {
        assertNotFound("/static/nope.css")
        assertNotFound("/static/sub/nope.txt")
        assertNotFound("/static/notes.txt/more")
    }

    func testTraversalAttemptsAre404() {
        assertNotFound("/static/../x")
        assertNotFound("/static/../outside.txt")
        assertNotFound("/static/%2e%2e/x")
        assertNotFound("/static/%2e%2e/outside.txt")
        assertNotFound("/static/a/../../x")
        assertNotFound("/static/sub/../../outside.txt")
        assertNotFound("/static/./notes.txt")
        assertNotFound("/static/sub/./page.txt")
        assertNotFound("/static/..")
        assertNotFound("/static//etc/passwd")
        assertNotFound("/static/" + base.path + "/outside.txt")
        assertNotFound("/static/..\\outside.txt")
        assertNotFound("/static/sub\\page.txt")
    }

    func testUnsafeSegmentsAreRefusedBeforeTheFileSystemIsAsked() {
        // The first of two layers: the real-path check behind it is tested by the symlink cases.
        for bad in ["..", "../x", "a/../../x", "./a", "a/./b", "a//b", "a/", "", ".env", "sub/.git/config",
                    "a\\b", "a\0b", "..\\x"] {
            XCTAssertNil(StaticFiles.safeSegments(bad[...]), bad.debugDescription)
        }
        XCTAssertEqual(StaticFiles.safeSegments("css/app.min.css")?.map(String.init), ["css", "app.min.css"])
        XCTAssertEqual(StaticFiles.safeSegments("%2e%2e/x")?.count, 2, "a literal name, which then does not exist")
    }

    func testFingerprintSplitting() {
        XCTAssertEqual(StaticFiles.splitFingerprint("app.3f2a9c1b.css").map { [String($0.name), String($0.hash)] },
                       ["app.css", "3f2a9c1b"])
        XCTAssertEqual(StaticFiles.splitFingerprint("app.min.3f2a9c1b.css")?.name, "app.min.css")
        XCTAssertEqual(StaticFiles.splitFingerprint("LICENSE.3f2a9c1b")?.name, "LICENSE")
        for plain in ["app.css", "app.3F2A9C1B.css", "app.3f2a9c1.css", "app.3f2a9c1bb.css", "3f2a9c1b", ".3f2a9c1b"] {
            XCTAssertNil(StaticFiles.splitFingerprint(plain[...]), plain)
        }
    }

    func testNulIsRefused() {
        assertNotFound("/static/notes.txt\0")
        assertNotFound("/static/notes.txt\0.png")
        assertNotFound("/static/\0")
    }

    func testSymlinksLeadingOutsideAre404() {
        assertNotFound("/static/link-out")
        assertNotFound("/static/link-dir/file.txt")
        assertNotFound("/static/link-dir")
    }

    func testHiddenFilesAre404EvenThroughSymlinks() {
        assertNotFound("/static/.env")
        assertNotFound("/static/sub/.hidden")
        assertNotFound("/static/link-hidden")
        XCTAssertEqual(files.url(for: ".env"), "/static/.env", "no fingerprint means it was not read")
    }

    func testDirectoriesAre404() {
        assertNotFound("/static")
        assertNotFound("/static/")
        assertNotFound("/static/sub")
        assertNotFound("/static/sub/")
    }

    // MARK: - Conditional requests

    func testIfNoneMatchGives304() throws {
        let first = try get("/static/app.css")
        let etag = try XCTUnwrap(first.headers["ETag"])
        let cases = [etag, "W/" + etag, "\"other\", " + etag, "\"a,b\",W/\(etag)", "*"]
        for value in cases {
            let response = try get("/static/app.css", [("If-None-Match", value)])
            XCTAssertEqual(response.status, .notModified, value)
            XCTAssertTrue(response.body.isEmpty, value)
            XCTAssertEqual(response.headers["ETag"], etag)
            XCTAssertEqual(response.headers["Cache-Control"], "public, no-cache")
            XCTAssertEqual(response.headers["Vary"], "Accept-Encoding")
        }
        // Several If-None-Match lines are one list (RFC 9110 §5.3).
        let split = try get("/static/app.css", [("If-None-Match", "\"nope\""), ("If-None-Match", etag)])
        XCTAssertEqual(split.status, .notModified)
        XCTAssertEqual(try get("/static/app.css", [("If-None-Match", "\"nope\"")]).status, .ok)
        XCTAssertEqual(try get("/static/app.css", [("If-None-Match", String(etag.dropFirst().dropLast()))]).status, .ok,
                       "an unquoted tag is not an entity-tag")
        let head = try XCTUnwrap(files.response(for: request("/static/app.css", .head, [("If-None-Match", etag)])))
        XCTAssertEqual(head.status, .notModified)
    }

    func testIfModifiedSinceGives304() throws {
        let lastModified = try XCTUnwrap(try get("/static/app.css").headers["Last-Modified"])
        let response = try get("/static/app.css", [("If-Modified-Since", lastModified)])
        XCTAssertEqual(response.status, .notModified)
        XCTAssertTrue(response.body.isEmpty)
        XCTAssertNotNil(response.headers["ETag"])

        let later = StaticFiles.HTTPDate.format(StaticFiles.HTTPDate.parse(lastModified)! + 3600)
        XCTAssertEqual(try get("/static/app.css", [("If-Modified-Since", later)]).status, .notModified)
        XCTAssertEqual(try get("/static/app.css", [("If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")]).status, .ok)
        XCTAssertEqual(try get("/static/app.css", [("If-Modified-Since", "yesterday")]).status, .ok, "invalid dates are ignored")
    }

    func testIfNoneMatchTakesPrecedenceOverIfModifiedSince() throws {
        let lastModified = try XCTUnwrap(try get("/static/app.css").headers["Last-Modified"])
        let response = try get("/static/app.css", [("If-None-Match", "\"stale\""), ("If-Modified-Since", lastModified)])
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(text(response), css)
    }

    func testHTTPDateFormats() {
        // The three forms of RFC 9110 §5.6.7, all the same instant.
        XCTAssertEqual(StaticFiles.HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777)
        XCTAssertEqual(StaticFiles.HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777)
        XCTAssertEqual(StaticFiles.HTTPDate.parse("Sun Nov  6 08:49:37 1994"), 784111777)
        XCTAssertEqual(StaticFiles.HTTPDate.format(784111777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(StaticFiles.HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
        for bad in ["", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                    "1994-11-06T08:49:37Z"] {
            XCTAssertNil(StaticFiles.HTTPDate.parse(bad), bad)
        }
    }

    // MARK: - Changes on disk

    func testChangedFileGetsNewETagAndContent() throws {
        let before = try get("/static/notes.txt")
        try write("notes.txt", "notes, edited and longer\n")
        let after = try get("/static/notes.txt")
        XCTAssertEqual(text(after), "notes, edited and longer\n")
        XCTAssertNotEqual(after.headers["ETag"], before.headers["ETag"])
        let old = try get("/static/notes.txt", [("If-None-Match", before.headers["ETag"]!)])
        XCTAssertEqual(old.status, .ok, "the old tag must no longer validate")
        XCTAssertNotEqual(files.url(for: "notes.txt"), "/static/notes.\(StaticFiles.contentHash(Array("notes\n".utf8)).prefix(8)).txt")
    }

    func testReplacedByRenameIsNoticed() throws {
        _ = try get("/static/notes.txt")
        let staged = base.appendingPathComponent("staged.txt")
        try Data("NEW!!\n".utf8).write(to: staged)  // same size as "notes\n"
        XCTAssertEqual(rename(staged.path, root.appendingPathComponent("notes.txt").path), 0)
        XCTAssertEqual(text(try get("/static/notes.txt")), "NEW!!\n")
    }

    func testDeletedFileBecomes404() throws {
        XCTAssertEqual(try get("/static/notes.txt").status, .ok)
        try FileManager.default.removeItem(at: root.appendingPathComponent("notes.txt"))
        assertNotFound("/static/notes.txt")
    }

    func testFilesAreCachedBetweenChecks() throws {
        let cached = try StaticFiles(root: root, revalidationInterval: 3600)
        XCTAssertEqual(cached.response(for: request("/static/notes.txt"))?.body, Array("notes\n".utf8))
        try write("notes.txt", "changed on disk\n")
        XCTAssertEqual(cached.response(for: request("/static/notes.txt"))?.body, Array("notes\n".utf8),
                       "within the interval the file is served from memory")
        XCTAssertEqual(files.response(for: request("/static/notes.txt"))?.body, Array("changed on disk\n".utf8))
    }

    // MARK: - Fingerprints

    func testFingerprintedURL() throws {
        let hash = StaticFiles.contentHash(Array(css.utf8)).prefix(8)
        XCTAssertEqual(files.url(for: "app.css"), "/static/app.\(hash).css")
        XCTAssertEqual(files.url(for: "/app.css"), "/static/app.\(hash).css")
        XCTAssertEqual(files.url(for: "/static/app.css"), "/static/app.\(hash).css")
        let page = files.url(for: "sub/page.txt")
        XCTAssertTrue(page.range(of: #"^/static/sub/page\.[0-9a-f]{8}\.txt$"#, options: .regularExpression) != nil, page)
        XCTAssertTrue(files.url(for: "LICENSE").range(of: #"^/static/LICENSE\.[0-9a-f]{8}$"#, options: .regularExpression) != nil)
        XCTAssertEqual(files.url(for: "missing.css"), "/static/missing.css")
        XCTAssertEqual(files.url(for: "/static/missing.css"), "/static/missing.css")
        XCTAssertEqual(files.url(for: "link-out"), "/static/link-out")
        // The link is kept with the file and made again when the file changes.
        XCTAssertEqual(files.url(for: "app.css"), "/static/app.\(hash).css")
        try write("app.css", "body { color: red }\n")
        XCTAssertEqual(files.url(for: "app.css"), "/static/app.\(StaticFiles.contentHash(Array("body { color: red }\n".utf8)).prefix(8)).css")
    }

    func testURLsArePercentEncoded() throws {
        try write("my file.txt", "spaces\n")
        let link = files.url(for: "my file.txt")
        XCTAssertTrue(link.hasPrefix("/static/my%20file."), link)
        // The parser decodes before we see the path.
        let decoded = try XCTUnwrap(link.removingPercentEncoding)
        XCTAssertEqual(text(try get(decoded)), "spaces\n")
    }

    func testFingerprintedRequestIsImmutable() throws {
        for url in [files.url(for: "app.css"), files.url(for: "LICENSE"), files.url(for: "sub/page.txt")] {
            let response = try get(url)
            XCTAssertEqual(response.status, .ok, url)
            XCTAssertEqual(response.headers["Cache-Control"], "public, max-age=31536000, immutable", url)
        }
        XCTAssertEqual(text(try get(files.url(for: "app.css"))), css)
        XCTAssertEqual(try get(files.url(for: "app.css")).headers["Content-Type"], "text/css; charset=utf-8")
        let etag = try get(files.url(for: "app.css")).headers["ETag"]!
        let revalidated = try get(files.url(for: "app.css"), [("If-None-Match", etag)])
        XCTAssertEqual(revalidated.status, .notModified)
        XCTAssertEqual(revalidated.headers["Cache-Control"], "public, max-age=31536000, immutable")
    }

    func testWrongFingerprintServesCurrentFileWithoutLongCaching() throws {
        let current = String(StaticFiles.contentHash(Array(css.utf8)).prefix(8))
        let wrong = current == "00000000" ? "11111111" : "00000000"
        let response = try get("/static/app.\(wrong).css")
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(text(response), css)
        XCTAssertEqual(response.headers["Cache-Control"], "public, no-cache")
        XCTAssertEqual(response.headers["Content-Type"], "text/css; charset=utf-8")
        assertNotFound("/static/nope.\(current).css")
        assertNotFound("/static/.env.\(current)")
    }

    func testAfterDeployOldFingerprintIsNoLongerImmutable() throws {
        let old = files.url(for: "app.css")
        try write("app.css", css + "/* v2 */\n")
        let new = files.url(for: "app.css")
        XCTAssertNotEqual(old, new)
        XCTAssertEqual(try get(new).headers["Cache-Control"], StaticFiles.immutableCacheControl)
        let stale = try get(old)
        XCTAssertEqual(stale.headers["Cache-Control"], StaticFiles.revalidateCacheControl)
        XCTAssertTrue(text(stale).hasSuffix("/* v2 */\n"))
    }

    func testLiteralFileWithHexLookingNameIsServed() throws {
        try write("vendor.deadbeef.js", "vendor\n")
        let response = try get("/static/vendor.deadbeef.js")
        XCTAssertEqual(text(response), "vendor\n")
        XCTAssertEqual(response.headers["Cache-Control"], "public, no-cache")
        let link = files.url(for: "vendor.deadbeef.js")
        XCTAssertTrue(link.range(of: #"^/static/vendor\.deadbeef\.[0-9a-f]{8}\.js$"#, options: .regularExpression) != nil, link)
        XCTAssertEqual(try get(link).headers["Cache-Control"], StaticFiles.immutableCacheControl)
    }

    // MARK: - gzip

    func testGzipWhenAccepted() throws {
        let response = try get("/static/app.css", [("Accept-Encoding", "gzip, deflate, br")])
        XCTAssertEqual(response.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(response.headers["Vary"], "Accept-Encoding")
        XCTAssertEqual(response.headers["Content-Type"], "text/css; charset=utf-8")
        XCTAssertLessThan(response.body.count, css.utf8.count)
        XCTAssertEqual(try Gzip.decompress(response.body), Array(css.utf8))
        // The gzip bytes are a different representation, so they carry a different strong tag.
        let identity = try get("/static/app.css")
        XCTAssertNotEqual(response.headers["ETag"], identity.headers["ETag"])
        let revalidated = try get("/static/app.css", [("Accept-Encoding", "gzip"), ("If-None-Match", response.headers["ETag"]!)])
        XCTAssertEqual(revalidated.status, .notModified)
        XCTAssertEqual(revalidated.headers["ETag"], response.headers["ETag"])
    }

    func testIdentityWhenGzipRefused() throws {
        for value in ["gzip;q=0", "identity", "*;q=0, identity", "br"] {
            let response = try get("/static/app.css", [("Accept-Encoding", value)])
            XCTAssertNil(response.headers["Content-Encoding"], value)
            XCTAssertEqual(text(response), css, value)
            XCTAssertEqual(response.headers["Vary"], "Accept-Encoding", value)
        }
        XCTAssertNil(try get("/static/app.css").headers["Content-Encoding"], "no Accept-Encoding: identity")
    }

    func testTinyFilesThatGzipWouldGrowAreSentAsIs() throws {
        let response = try get("/static/app.js", [("Accept-Encoding", "gzip")])
        XCTAssertNil(response.headers["Content-Encoding"])
        XCTAssertEqual(response.headers["Vary"], "Accept-Encoding")
        XCTAssertEqual(text(response), "console.log('hi')\n")
    }

    func testIncompressibleTextIsStillGzippedSoTheEncoderNeverRecompressesIt() throws {
        // Random bytes: gzip makes them larger, yet at 400 bytes the encoder would try.
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<400).map { _ in UInt8.random(in: 0...255, using: &generator) }
        XCTAssertGreaterThan(try XCTUnwrap(Gzip.compress(noise, level: 9)).count, noise.count)
        try Data(noise).write(to: root.appendingPathComponent("noise.txt"))
        let response = try get("/static/noise.txt", [("Accept-Encoding", "gzip")])
        XCTAssertEqual(response.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(try Gzip.decompress(response.body), noise)
    }

    // MARK: - Threads

    func testConcurrentRequestsAgree() throws {
        let shared = try XCTUnwrap(files)
        let paths = ["/static/app.css", "/static/notes.txt", "/static/sub/page.txt", "/static/link-out", "/static/index.html"]
        let expected = paths.map { shared.response(for: request($0))?.status.code }
        let results = ResultBox(count: 200)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let path = paths[i % paths.count]
            let request = HTTPRequest(method: .get, target: path, path: path,
                                      headers: HTTPHeaders([("Accept-Encoding", i % 2 == 0 ? "gzip" : "identity")]))
            results.set(i, shared.response(for: request)?.status.code)
        }
        for i in 0..<200 { XCTAssertEqual(results.get(i), expected[i % paths.count]) }
    }
}

/// Collects results from concurrentPerform.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Int?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> Int? { lock.withLock { values[index] } }
}
