import XCTest
@testable import HTTP

/// `multipart/form-data` bodies as Chromium and Firefox send them (RFC 7578), and the shapes
/// that must be refused.
final class MultipartTests: XCTestCase {
    private func bytes(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    /// What Chromium sends for a form with a hidden token, a select and a file input.
    func testChromiumUploadWithFile() throws {
        let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
        let body = bytes("""
            --\(boundary)
            Content-Disposition: form-data; name="csrf"

            abc123
            --\(boundary)
            Content-Disposition: form-data; name="language"

            fr
            --\(boundary)
            Content-Disposition: form-data; name="file"; filename="matrice 2024.csv"
            Content-Type: text/csv

            axe,titre
            1,"Gouvernance, ouverte"

            --\(boundary)--

            """)
        let form = try Multipart.parse(body: body, contentType: "multipart/form-data; boundary=\(boundary)")
        XCTAssertEqual(form.parts.map(\.name), ["csrf", "language", "file"])
        XCTAssertEqual(form["csrf"], "abc123")
        XCTAssertEqual(form["language"], "fr")
        let file = try XCTUnwrap(form.file("file"))
        XCTAssertEqual(file.filename, "matrice 2024.csv")
        XCTAssertEqual(file.contentType, "text/csv")
        // The CRLF before the delimiter belongs to the delimiter (RFC 2046 §5.1.1), the file's own last CRLF stays.
        XCTAssertEqual(file.text, "axe,titre\r\n1,\"Gouvernance, ouverte\"\r\n")
        XCTAssertNil(form["file"], "a file is not a plain field")
    }

    /// Firefox's boundary shape, a quoted boundary parameter, Arabic UTF-8 in a field, an empty
    /// file input (empty filename, empty body) and a preamble/epilogue that must be ignored.
    func testFirefoxShapeQuotedBoundaryArabicAndEmptyFile() throws {
        let boundary = "---------------------------735323031399963166993862150"
        let body = bytes("""
            This is a preamble no browser sends but RFC 2046 allows.
            --\(boundary)
            Content-Disposition: form-data; name="csv"

            المحور 1
            --\(boundary)
            Content-Disposition: form-data; name="file"; filename=""
            Content-Type: application/octet-stream


            --\(boundary)--
            epilogue
            """)
        let form = try Multipart.parse(body: body, contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"\(boundary)\"")
        XCTAssertEqual(form["csv"], "المحور 1")
        let file = try XCTUnwrap(form.file("file"))
        XCTAssertEqual(file.filename, "")
        XCTAssertEqual(file.body, [])
    }

    /// Binary content that happens to contain "--" and CR/LF but not the full delimiter; names
    /// escaped the WHATWG way; a name with a backslash-escaped quote.
    func testBinaryBodyAndEscapedNames() throws {
        let boundary = "XyZ"
        var body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"a%22b\"; filename=\"x\\\"y.bin\"\r\n\r\n".utf8)
        let payload: [UInt8] = [0, 255, 13, 10, 45, 45, 88, 121, 13, 10, 45, 45, 0xC3]
        body += payload + Array("\r\n--XyZ--\r\n".utf8)
        let form = try Multipart.parse(body: body, contentType: "multipart/form-data; boundary=XyZ")
        XCTAssertEqual(form.parts.count, 1)
        XCTAssertEqual(form.parts[0].name, "a\"b")
        XCTAssertEqual(form.parts[0].filename, "x\"y.bin")
        XCTAssertEqual(form.parts[0].body, payload)
        XCTAssertNil(form.parts[0].text, "not UTF-8")
        _ = boundary
    }

    /// Found by Tests/Fuzz (Multipart): a name starting with a combining mark (U+0658, U+064E
    /// fatha) or ending with a prepended mark (U+0605, U+06DD end of ayah) forms one Character
    /// with its quote, so the quote was not seen: the name came back with its quotes, or ran on
    /// into the next parameter. Quotes, semicolons and colons are bytes of the header, not letters.
    func testNamesStartingOrEndingWithMarksKeepTheirQuotes() throws {
        for name in ["\u{0658}", "\u{064E}تعليق", "رقم\u{0605}", "آية\u{06DD}", "\u{200D}x"] {
            let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).csv\"\r\n\r\nv\r\n--XyZ--\r\n".utf8)
            let form = try Multipart.parse(body: body, contentType: "multipart/form-data; boundary=XyZ")
            XCTAssertEqual(form.parts.map { Array($0.name.utf8) }, [Array(name.utf8)], name.debugDescription)
            XCTAssertEqual(form.parts.map { $0.filename.map { Array($0.utf8) } }, [Array((name + ".csv").utf8)], name.debugDescription)
        }
        // Browsers' %22, %0D and %0A are undone even when a combining mark follows them.
        for (sent, name) in [("%22\u{0301}", "\"\u{0301}"), ("a%0A\u{0485}", "a\n\u{0485}"), ("%0D\u{064B}", "\r\u{064B}")] {
            let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"\(sent)\"\r\n\r\nv\r\n--XyZ--\r\n".utf8)
            let form = try Multipart.parse(body: body, contentType: "multipart/form-data; boundary=XyZ")
            XCTAssertEqual(form.parts.map { Array($0.name.utf8) }, [Array(name.utf8)], sent)
        }
        let typed = Array("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nContent-Type:\u{0301}x/y\r\n\r\nv\r\n--XyZ--\r\n".utf8)
        XCTAssertEqual(try Multipart.parse(body: typed, contentType: "multipart/form-data; boundary=XyZ").parts.first?.contentType,
                       "\u{0301}x/y", "a header's colon is found before a combining mark")
    }

    func testMalformedBodiesAreRefusedWith400() {
        func status(_ body: String, _ type: String = "multipart/form-data; boundary=b") -> Int? {
            do { _ = try Multipart.parse(body: bytes(body), contentType: type); return nil }
            catch let error as Multipart.ParseError { return error.status.code } catch { return -1 }
        }
        let good = "--b\nContent-Disposition: form-data; name=\"x\"\n\n1\n--b--\n"
        XCTAssertNil(status(good))
        XCTAssertEqual(status(good, "multipart/form-data"), 400, "no boundary")
        XCTAssertEqual(status(good, "multipart/form-data; boundary=\"\""), 400, "empty boundary")
        XCTAssertEqual(status(good, "multipart/form-data; boundary=" + String(repeating: "b", count: 71)), 400, "boundary over 70")
        XCTAssertEqual(status(good, "application/x-www-form-urlencoded"), 415)
        XCTAssertEqual(status("--c\nContent-Disposition: form-data; name=\"x\"\n\n1\n--c--\n"), 400, "other boundary")
        XCTAssertEqual(status("--b\nContent-Disposition: form-data; name=\"x\"\n\n1\n"), 400, "never closed")
        XCTAssertEqual(status("--b\nContent-Disposition: form-data; name=\"x\"\n1\n--b--\n"), 400, "headers not ended")
        XCTAssertEqual(status("--b\nContent-Disposition: attachment; name=\"x\"\n\n1\n--b--\n"), 400, "not form-data")
        XCTAssertEqual(status("--b\nContent-Disposition: form-data\n\n1\n--b--\n"), 400, "no name")
        XCTAssertEqual(status("--b\nContent-Type text/plain\n\n1\n--b--\n"), 400, "header without colon")
        XCTAssertEqual(status("--b\nContent-Disposition: form-data; name=\"x\"\nContent-Transfer-Encoding: base64\n\nMQ==\n--b--\n"), 400)
        XCTAssertEqual(status("--b--\n"), 400, "no parts")
        XCTAssertEqual(status("--bX\nContent-Disposition: form-data; name=\"x\"\n\n1\n--b--\n"), 400, "junk after boundary")
    }

    func testLimits() throws {
        let many = (0..<5).map { "--b\nContent-Disposition: form-data; name=\"f\($0)\"\n\n\($0)\n" }.joined() + "--b--\n"
        XCTAssertEqual(try Multipart.parse(body: bytes(many), contentType: "multipart/form-data; boundary=b").parts.count, 5)
        XCTAssertThrowsError(try Multipart.parse(body: bytes(many), contentType: "multipart/form-data; boundary=b",
                                                 limits: Multipart.Limits(maxParts: 4))) { error in
            XCTAssertEqual((error as? Multipart.ParseError)?.status.code, 413)
        }
        let longHeader = "--b\nContent-Disposition: form-data; name=\"" + String(repeating: "n", count: 10_000) + "\"\n\n1\n--b--\n"
        XCTAssertThrowsError(try Multipart.parse(body: bytes(longHeader), contentType: "multipart/form-data; boundary=b")) { error in
            XCTAssertEqual((error as? Multipart.ParseError)?.status.code, 431)
        }
    }

    /// The admin area reads a multipart form's token like any other form's.
    func testFormDataReadsMultipartFields() throws {
        let body = bytes("--b\nContent-Disposition: form-data; name=\"csrf\"\n\nt0k\n--b\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\n\nx\n--b--\n")
        let request = HTTPRequest(method: .post, target: "/", path: "/",
                                  headers: HTTPHeaders([("Content-Type", "multipart/form-data; boundary=b")]), body: body, remoteAddress: "127.0.0.1")
        let form = try FormData(request: request)
        XCTAssertEqual(form["csrf"], "t0k")
        XCTAssertNil(form["file"])
    }
}
