import XCTest
@testable import HTTP

/// A response kept to be sent many times (a cached page) remembers its encoded head; every
/// answer must still be byte for byte what encoding it afresh gives.
final class ResponseEncoderTests: XCTestCase {
    let encoder = ResponseEncoder(securityHeaders: ServerConfiguration.defaultSecurityHeaders)
    let monday = Array("Date: Mon, 07 Dec 2026 06:00:00 GMT\r\n".utf8)
    let tuesday = Array("Date: Tue, 08 Dec 2026 06:00:01 GMT\r\n".utf8)

    func page(_ bytes: Int) -> HTTPResponse {
        var headers = HTTPHeaders([("Content-Type", "text/html; charset=utf-8")])
        headers.set("ETag", "W/\"abc\"")
        headers.set("Cache-Control", "public, max-age=10")
        return HTTPResponse(headers: headers, body: Array(repeating: UInt8(ascii: "a"), count: bytes))
    }

    func encode(_ response: HTTPResponse, method: HTTPMethod = .get, gzip: Bool = false, keepAlive: Bool = true,
                http10: Bool = false, date: [UInt8]) -> [UInt8] {
        let (head, body) = encoder.encode(response, requestMethod: method, acceptEncoding: gzip ? "gzip" : nil,
                                          keepAlive: keepAlive, http10: http10, dateField: date)
        return head + body
    }

    func testAKeptHeadEncodesAsAFreshOneDoes() {
        for size in [100, 5_000] {
            let kept = page(size).keepingEncodedHead()
            let cases: [(HTTPMethod, Bool, Bool, Bool, [UInt8])] = [
                (.get, false, true, false, monday), (.get, false, true, false, tuesday), (.get, false, false, false, monday),
                (.get, false, true, true, tuesday), (.head, false, true, false, monday),
                // A client taking gzip gets the compressed body, never the head kept for plain text.
                (.get, true, true, false, tuesday), (.get, false, true, false, monday),
            ]
            for (method, gzip, keepAlive, http10, date) in cases {
                let fresh = encode(page(size), method: method, gzip: gzip, keepAlive: keepAlive, http10: http10, date: date)
                let again = encode(kept, method: method, gzip: gzip, keepAlive: keepAlive, http10: http10, date: date)
                XCTAssertEqual(String(decoding: again, as: UTF8.self), String(decoding: fresh, as: UTF8.self),
                               "\(size) bytes, \(method) gzip \(gzip) keep-alive \(keepAlive) 1.0 \(http10)")
            }
            XCTAssertNotNil(kept.encodedHead?.value, "the first answer filled the kept head")
        }
        // A compressed body's kept head stands for any client.
        let compressed = encode(page(5_000), gzip: true, date: monday)
        var alreadyGzip = page(5_000)
        alreadyGzip.headers.set("Content-Encoding", "gzip")
        let keptGzip = alreadyGzip.keepingEncodedHead()
        _ = encode(keptGzip, date: monday)
        XCTAssertNotNil(keptGzip.encodedHead?.value)
        XCTAssertEqual(encode(keptGzip, gzip: true, date: monday), encode(alreadyGzip, gzip: true, date: monday))
        XCTAssertNotEqual(compressed, encode(keptGzip, gzip: true, date: monday))
    }

    func testChangingAKeptResponseForgetsItsHead() {
        var kept = page(300).keepingEncodedHead()
        _ = encode(kept, date: monday)
        XCTAssertNotNil(kept.encodedHead?.value)
        kept.headers.set("Cache-Control", "private, no-store")
        XCTAssertNil(kept.encodedHead)
        XCTAssertTrue(String(decoding: encode(kept, date: monday), as: UTF8.self).contains("Cache-Control: private, no-store\r\n"))
        var status = page(300).keepingEncodedHead()
        _ = encode(status, date: monday)
        status.status = .notModified
        XCTAssertTrue(String(decoding: encode(status, date: monday), as: UTF8.self).hasPrefix("HTTP/1.1 304"))
        var body = page(300).keepingEncodedHead()
        _ = encode(body, date: monday)
        body.body = Array("short".utf8)
        XCTAssertTrue(String(decoding: encode(body, date: monday), as: UTF8.self).contains("Content-Length: 5\r\n"))
    }
}
