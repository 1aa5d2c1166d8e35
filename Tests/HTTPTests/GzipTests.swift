import XCTest
@testable import HTTP

final class GzipTests: XCTestCase {
    func testRoundTripRestoresTheBytes() throws {
        let text = Array(String(repeating: "Programme d'action communale — برنامج عمل الجماعة\n", count: 200).utf8)
        let compressed = try XCTUnwrap(Gzip.compress(text))
        XCTAssertLessThan(compressed.count, text.count / 4, "repetitive text must shrink")
        XCTAssertEqual(Array(compressed.prefix(2)), [0x1f, 0x8b], "RFC 1952 §2.3.1 magic bytes")
        XCTAssertEqual(try Gzip.decompress(compressed), text)
    }

    func testRoundTripOfEmptyAndBinaryBodies() throws {
        XCTAssertEqual(try Gzip.decompress(try XCTUnwrap(Gzip.compress([]))), [])
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        XCTAssertEqual(try Gzip.decompress(try XCTUnwrap(Gzip.compress(noise, level: 1))), noise)
    }

    func testDecompressRejectsGarbage() throws {
        XCTAssertThrowsError(try Gzip.decompress(Array("not gzip at all".utf8)))
        let truncated = Array(try XCTUnwrap(Gzip.compress(Array(repeating: 65, count: 1000))).dropLast(12))
        XCTAssertThrowsError(try Gzip.decompress(truncated))
    }

    func testIsAccepted() {
        XCTAssertTrue(Gzip.isAccepted(by: "gzip"))
        XCTAssertTrue(Gzip.isAccepted(by: "GZIP"))
        XCTAssertTrue(Gzip.isAccepted(by: "x-gzip"))
        XCTAssertTrue(Gzip.isAccepted(by: "gzip, deflate, br"))
        XCTAssertFalse(Gzip.isAccepted(by: "gzip;q=0"))
        XCTAssertFalse(Gzip.isAccepted(by: "gzip; q=0.0"))
        XCTAssertTrue(Gzip.isAccepted(by: "*"))
        XCTAssertFalse(Gzip.isAccepted(by: "*;q=0, identity"))
        XCTAssertTrue(Gzip.isAccepted(by: "deflate, gzip;q=0.5"))
        // An explicit gzip entry overrides the wildcard (RFC 9110 §12.5.3).
        XCTAssertFalse(Gzip.isAccepted(by: "*, gzip;q=0"))
        XCTAssertTrue(Gzip.isAccepted(by: "*;q=0, gzip"))
        XCTAssertFalse(Gzip.isAccepted(by: "identity"))
        XCTAssertFalse(Gzip.isAccepted(by: "deflate, br"))
        XCTAssertFalse(Gzip.isAccepted(by: ""))
        XCTAssertFalse(Gzip.isAccepted(by: nil))
    }

    func testIsCompressible() {
        XCTAssertTrue(Gzip.isCompressible(contentType: "text/html; charset=utf-8"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "text/css"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "Text/JavaScript; charset=utf-8"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "application/json"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "image/svg+xml"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "application/xml; charset=utf-8"))
        XCTAssertTrue(Gzip.isCompressible(contentType: "application/atom+xml; charset=utf-8"))
        XCTAssertFalse(Gzip.isCompressible(contentType: "image/png"))
        XCTAssertFalse(Gzip.isCompressible(contentType: "font/woff2"))
        XCTAssertFalse(Gzip.isCompressible(contentType: "application/octet-stream"))
        XCTAssertFalse(Gzip.isCompressible(contentType: nil))
        // Every textual type in our table must be compressible, or Vary/gzip would silently stop.
        for ext in ["html", "css", "js", "json", "svg", "txt", "csv", "xml", "map"] {
            XCTAssertTrue(Gzip.isCompressible(contentType: MediaType.forExtension(ext)), ext)
        }
    }
}
