import XCTest
import Foundation
import Glibc
import HTTP
@testable import Portal

/// The portal behind the real server, over real sockets on loopback.
final class LiveServerTests: XCTestCase {
    var portal: Portal!
    var server: HTTPServer!

    override func setUpWithError() throws {
        portal = try Portal()
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        server = HTTPServer(configuration: configuration, responder: portal.site)
        try server.start()
    }

    override func tearDown() {
        server.shutdown()
        server = nil
        portal = nil
    }

    func testHomePageOverASocketWithSecurityHeaders() throws {
        let response = try RawClient.exchange(port: server.port, "GET /ar/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(response.head.hasPrefix("HTTP/1.1 200"))
        XCTAssertTrue(response.text.contains("سطات"))
        for header in ["content-security-policy:", "x-content-type-options: nosniff", "referrer-policy:", "date:"] {
            XCTAssertTrue(response.head.lowercased().contains(header), header)
        }
        XCTAssertTrue(response.head.contains("frame-ancestors 'none'"))
    }

    func testPathTraversalNeverLeavesPublic() throws {
        for target in ["/static/../Package.swift", "/static/%2e%2e/Package.swift", "/static/css/%2E%2E/%2E%2E/Package.swift",
                       "/static/..%2fPackage.swift", "/static/%2e%2e%2f%2e%2e%2fPackage.swift", "/../../etc/passwd"] {
            let response = try RawClient.exchange(port: server.port, "GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            XCTAssertFalse(response.head.hasPrefix("HTTP/1.1 200"), target)
            XCTAssertFalse(response.text.contains("PackageDescription"), target)
            XCTAssertFalse(response.text.contains("root:x:0"), target)
        }
    }

    func testStylesheetRevalidatesWith304AndCompressesWithGzip() throws {
        let home = try RawClient.exchange(port: server.port, "GET /fr/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let path = try XCTUnwrap(home.text.range(of: #"/static/css/app\.[0-9a-f]{8}\.css"#, options: .regularExpression).map { String(home.text[$0]) })
        let first = try RawClient.exchange(port: server.port, "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let etag = try XCTUnwrap(first.header("etag"))
        let again = try RawClient.exchange(port: server.port, "GET \(path) HTTP/1.1\r\nHost: x\r\nIf-None-Match: \(etag)\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(again.head.hasPrefix("HTTP/1.1 304"), again.head)
        XCTAssertTrue(again.body.isEmpty)

        let zipped = try RawClient.exchange(port: server.port, "GET /ar/ HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(zipped.header("content-encoding"), "gzip")
        XCTAssertTrue(zipped.header("vary")?.lowercased().contains("accept-encoding") ?? false)
        let plain = String(decoding: try Gzip.decompress(zipped.body), as: UTF8.self)
        XCTAssertTrue(plain.contains("سطات"))
    }

    /// Issue 15: a handler that reads a column the store does not have (a stale SELECT list, a
    /// migration gone wrong) fails that request with a 500 page; the process and every other
    /// connection go on. The network page reads its row by name (`SELECT *`), so renaming a
    /// column under it makes `Row` throw `MissingColumn` inside the handler.
    func testAMissingColumnFailsOneRequestAndTheServerGoesOn() throws {
        try portal.site.database.write { try $0.execute("ALTER TABLE network RENAME COLUMN award_place_ar TO award_place_renamed") }
        let failed = try RawClient.exchange(port: server.port, "GET /ar/network HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(failed.head.hasPrefix("HTTP/1.1 500"), failed.head)
        XCTAssertTrue(failed.text.contains("lang=\"ar\""), "a page in the request's language")
        // The process goes on: other pages are served.
        let other = try RawClient.exchange(port: server.port, "GET /fr/calls HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(other.head.hasPrefix("HTTP/1.1 200"), other.head)
        let next = try RawClient.exchange(port: server.port, "GET /fr/network HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(next.head.hasPrefix("HTTP/1.1 500"), "the French page reads the same missing column")
        try portal.site.database.write { try $0.execute("ALTER TABLE network RENAME COLUMN award_place_renamed TO award_place_ar") }
        let repaired = try RawClient.exchange(port: server.port, "GET /ar/network HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue(repaired.head.hasPrefix("HTTP/1.1 200"), repaired.head)
    }

    /// A text past the store's limit that a form let through is refused with a 413, nothing
    /// saved. No form lets one through today, so the test makes the store stricter than the
    /// proposal form (a 10-character title limit) and sends a 20-character title.
    func testATextPastTheStoresLimitIsRefusedWith413() throws {
        try portal.site.database.write { db in
            try db.execute("DROP TRIGGER text_limit_proposals_title_insert")
            try db.execute("""
                CREATE TRIGGER text_limit_proposals_title_insert BEFORE INSERT ON proposals WHEN length(NEW.title) > 10
                BEGIN SELECT RAISE(ABORT, 'text too long: proposals.title (at most 10 characters)'); END
                """)
        }
        let form = "/ar/communes/demo/programs/2025-2026/proposals/new"
        let page = portal.get(form)
        let sent = portal.post(form, form: [("token", try portal.formToken(from: page.body)), ("axis", "51"),
                                            ("title", "فكرة بعنوان أطول من عشرة"), ("description", "وصف الفكرة بتفصيل كاف"), ("consent", "1")])
        XCTAssertEqual(sent.status, 413)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM proposals", as: Int.self) }, 0)
    }

    func testErrorsFromTheServerItselfAreRenderedPages() throws {
        let bad = try RawClient.exchange(port: server.port, "GET /ar/ HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n")
        XCTAssertTrue(bad.head.hasPrefix("HTTP/1.1 400"), bad.head)
        XCTAssertTrue(bad.text.contains("<html"), "a 400 is a page, not a bare line")
        let unknown = try RawClient.exchange(port: server.port, "BREW /fr/ HTTP/1.1\r\nHost: x\r\nAccept-Language: fr\r\n\r\n")
        XCTAssertTrue(unknown.head.hasPrefix("HTTP/1.1 501"), unknown.head)
    }
}

/// A deliberately dumb HTTP client: sends bytes, reads until the server closes.
enum RawClient {
    struct Response {
        let head: String
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    struct Failure: Error { let what: String }

    static func exchange(port: Int, _ request: String, timeout: Int = 5) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(what: "socket") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(what: "connect: \(String(cString: strerror(errno)))") }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
            if let complete = completeLength(received), received.count >= complete { break }
        }
        guard let split = headEnd(received) else { throw Failure(what: "no response head in \(received.count) bytes") }
        return Response(head: String(decoding: received[..<split], as: UTF8.self),
                        body: Array(received[(split + 4)...].prefix(bodyLength(received, split) ?? Int.max)))
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func bodyLength(_ bytes: [UInt8], _ split: Int) -> Int? {
        let head = String(decoding: bytes[..<split], as: UTF8.self).lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }) else { return nil }
        return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
    }

    private static func completeLength(_ bytes: [UInt8]) -> Int? {
        guard let split = headEnd(bytes), let length = bodyLength(bytes, split) else { return nil }
        return split + 4 + length
    }
}
