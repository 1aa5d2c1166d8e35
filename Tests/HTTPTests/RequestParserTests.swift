import XCTest
@testable import HTTP

/// The parser fed raw bytes: every framing rule, limit and path rule, with no socket.
final class RequestParserTests: XCTestCase {
    typealias Limits = HTTPRequestParser.Limits

    /// Feeds `text` in one piece and returns every complete request.
    private func requests(_ text: String, limits: Limits = Limits()) throws -> [HTTPRequest] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(contentsOf: Array(text.utf8))
        return try drain(&parser)
    }

    private func drain(_ parser: inout HTTPRequestParser) throws -> [HTTPRequest] {
        var result: [HTTPRequest] = []
        for _ in 0..<100 {
            switch try parser.next() {
            case .needMore: return result
            case .continueExpected: continue
            case .request(let request): result.append(request)
            }
        }
        XCTFail("parser did not settle")
        return result
    }

    private func request(_ text: String, limits: Limits = Limits(), file: StaticString = #filePath,
                         line: UInt = #line) throws -> HTTPRequest {
        let all = try requests(text, limits: limits)
        XCTAssertEqual(all.count, 1, "expected one request", file: file, line: line)
        return try XCTUnwrap(all.first, file: file, line: line)
    }

    /// The status the parser answers `text` with (nil if it parsed or wants more).
    private func failure(_ text: String, limits: Limits = Limits()) -> Int? {
        failure(Array(text.utf8), limits: limits)
    }

    private func failure(_ bytes: [UInt8], limits: Limits = Limits()) -> Int? {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(contentsOf: bytes)
        do {
            _ = try drain(&parser)
            return nil
        } catch let error as HTTPParseError {
            return error.status.code
        } catch {
            return -1
        }
    }

    private func assertStatus(_ status: Int, _ text: String, limits: Limits = Limits(),
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(failure(text, limits: limits), status, text.debugDescription, file: file, line: line)
    }

    // MARK: Basics

    func testSimpleGet() throws {
        let r = try request("GET /ar/communes/settat?q=hello+world&x=%D8%A7&flag&empty= HTTP/1.1\r\nHost: example.ma\r\nAccept-Language: ar\r\nX-Spaces:   padded value \t\r\n\r\n")
        XCTAssertEqual(r.method, .get)
        XCTAssertEqual(r.target, "/ar/communes/settat?q=hello+world&x=%D8%A7&flag&empty=")
        XCTAssertEqual(r.path, "/ar/communes/settat")
        XCTAssertEqual(r.pathSegments, ["ar", "communes", "settat"])
        XCTAssertEqual(r.query.map(\.name), ["q", "x", "flag", "empty"])
        XCTAssertEqual(r.query.map(\.value), ["hello world", "ا", "", ""])
        XCTAssertEqual(r.version.major, 1)
        XCTAssertEqual(r.version.minor, 1)
        XCTAssertEqual(r.headers["host"], "example.ma")
        XCTAssertEqual(r.headers["X-Spaces"], "padded value")
        XCTAssertTrue(r.body.isEmpty)
    }

    func testLeadingEmptyLinesAreIgnored() throws {
        XCTAssertEqual(try request("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").path, "/")
    }

    func testContentLengthBody() throws {
        let r = try request("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        XCTAssertEqual(r.body, Array("hello".utf8))
        XCTAssertEqual(try request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc").body.count, 3)
    }

    static let chunked = "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value;flag\r\nhello\r\n6 ; ext=\"q\"\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n"

    func testChunkedBodyWithExtensionsAndTrailers() throws {
        let r = try request(Self.chunked)
        XCTAssertEqual(String(decoding: r.body, as: UTF8.self), "hello world")
        XCTAssertNil(r.headers["X-Trailer"], "trailers are not merged into the header section")
    }

    func testPipelinedRequestsComeOutInOrder() throws {
        let all = try requests("GET /one HTTP/1.1\r\nHost: a\r\n\r\nPOST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
            + Self.chunked.replacingOccurrences(of: "/echo", with: "/three"))
        XCTAssertEqual(all.map(\.path), ["/one", "/two", "/three"])
        XCTAssertEqual(all[1].body, Array("hi".utf8))
    }

    /// Every split of the stream must give the same requests as the whole stream.
    func testEverySplitPointGivesTheSameResult() throws {
        let streams = [
            "GET /a/b?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world",
            Self.chunked,
            "GET /x HTTP/1.1\r\nHost: a\r\n\r\n" + Self.chunked,
        ]
        for stream in streams {
            let bytes = Array(stream.utf8)
            let whole = try requests(stream)
            for split in 0...bytes.count {
                var parser = HTTPRequestParser()
                parser.append(contentsOf: bytes[..<split])
                var got = try drain(&parser)
                parser.append(contentsOf: bytes[split...])
                got += try drain(&parser)
                XCTAssertEqual(got.map(\.path), whole.map(\.path), "split at \(split)")
                XCTAssertEqual(got.map(\.body), whole.map(\.body), "split at \(split)")
            }
            // And one byte at a time.
            var parser = HTTPRequestParser()
            var got: [HTTPRequest] = []
            for byte in bytes {
                parser.append(contentsOf: [byte])
                got += try drain(&parser)
            }
            XCTAssertEqual(got.map(\.body), whole.map(\.body))
        }
    }

    func testBareLFFedByteByByteIsRejected() {
        var parser = HTTPRequestParser()
        var status: Int? = nil
        for byte in "GET / HTTP/1.1\nHost: a\n\n".utf8 {
            parser.append(contentsOf: [byte])
            do { _ = try drain(&parser) } catch let error as HTTPParseError { status = error.status.code; break } catch {}
        }
        XCTAssertEqual(status, 400)
    }

    func testExpectContinue() throws {
        var parser = HTTPRequestParser()
        parser.append(contentsOf: Array("PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .continueExpected = try parser.next() else { return XCTFail("no 100-continue signal") }
        guard case .needMore = try parser.next() else { return XCTFail("body should be awaited") }
        XCTAssertEqual(parser.phase, .body)
        parser.append(contentsOf: Array("abc".utf8))
        guard case .request(let r) = try parser.next() else { return XCTFail("no request") }
        XCTAssertEqual(r.body, Array("abc".utf8))
        XCTAssertEqual(parser.phase, .idle)
        // Too large: 413 straight from the head, before any body is read.
        assertStatus(413, "PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n",
                     limits: Limits(maxBodyBytes: 1000))
        assertStatus(417, "PUT /up HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 3\r\n\r\nabc")
    }

    func testPhases() {
        var parser = HTTPRequestParser()
        XCTAssertEqual(parser.phase, .idle)
        parser.append(contentsOf: Array("GE".utf8))
        XCTAssertEqual(parser.phase, .head)
    }

    // MARK: Limits

    func testLimits() {
        let small = Limits(maxHeaderBytes: 200, maxURIBytes: 50, maxHeaderCount: 3, maxBodyBytes: 10)
        let long = String(repeating: "a", count: 60)
        assertStatus(414, "GET /\(long) HTTP/1.1\r\nHost: a\r\n\r\n", limits: small)
        assertStatus(414, "GET /\(long)", limits: small)        // known before the line ends
        assertStatus(431, "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 300))\r\n\r\n", limits: small)
        assertStatus(431, "GET / HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "b", count: 300))", limits: small)
        assertStatus(431, "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: small)
        XCTAssertNil(failure("GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n\r\n", limits: small))
        assertStatus(413, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: small)
        assertStatus(413, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n")
        assertStatus(413, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", limits: small)
        XCTAssertNil(failure("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789", limits: small))
    }

    // MARK: Syntax

    func testMalformedSyntaxIs400() {
        assertStatus(400, "GET / HTTP/1.1\nHost: a\r\n\r\n")                // bare LF
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n")         // bare CR
        assertStatus(400, "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\r\nX: 1\r\n  folded\r\n\r\n")   // obs-fold
        assertStatus(400, "GET / HTTP/1.1\r\n\tHost: a\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost : a\r\n\r\n")              // space before colon
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\r\nBad[Name]: x\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n")
        assertStatus(400, "GET  / HTTP/1.1\r\nHost: a\r\n\r\n")              // double space
        assertStatus(400, "GET / HTTP/1.1 \r\nHost: a\r\n\r\n")
        assertStatus(400, "GET /\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1x\r\nHost: a\r\n\r\n")
        assertStatus(400, "G@T / HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(failure(Array("GET / HTTP/1.1\r\nHost: a\r\nX: a".utf8) + [0] + Array("b\r\n\r\n".utf8)), 400)
        XCTAssertEqual(failure(Array("GET /".utf8) + [0xD8, 0xA7] + Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8)), 400)
        XCTAssertNil(failure(Array("GET / HTTP/1.1\r\nHost: a\r\nX: caf".utf8) + [0xC3, 0xA9] + Array("\r\n\r\n".utf8)))
    }

    func testHostRequiredOnHTTP11Only() throws {
        assertStatus(400, "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")
        assertStatus(400, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        XCTAssertEqual(try request("GET / HTTP/1.0\r\n\r\n").version.minor, 0)
    }

    func testUnknownMethodIs501AndOtherVersionsAre505() {
        assertStatus(501, "BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n")
        assertStatus(501, "get / HTTP/1.1\r\nHost: a\r\n\r\n")     // methods are case-sensitive
        assertStatus(505, "GET / HTTP/2.0\r\nHost: a\r\n\r\n")
        assertStatus(505, "GET / HTTP/1.2\r\nHost: a\r\n\r\n")
        assertStatus(505, "GET / HTTP/0.9\r\n\r\n")
    }

    func testRequestTargetForms() throws {
        assertStatus(400, "GET http://example.ma/ HTTP/1.1\r\nHost: a\r\n\r\n")
        assertStatus(400, "CONNECT example.ma:443 HTTP/1.1\r\nHost: a\r\n\r\n")
        assertStatus(400, "GET * HTTP/1.1\r\nHost: a\r\n\r\n")
        XCTAssertEqual(try request("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").path, "*")
        XCTAssertEqual(try request("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").pathSegments, [], "the asterisk-form has no segments")
    }

    // MARK: Smuggling (RFC 9112 §6.3, §11.2)

    func testAmbiguousFramingIsRejected() {
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n")
        assertStatus(400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        XCTAssertNil(failure("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n"))
    }

    func testInvalidChunksAre400() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertStatus(400, head + "zz\r\nhello\r\n0\r\n\r\n")                       // non-hex
        assertStatus(400, head + "\r\nhello\r\n0\r\n\r\n")                         // empty size
        assertStatus(400, head + "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n")       // overflow
        assertStatus(400, head + "10000000000000001\r\nx\r\n0\r\n\r\n")
        assertStatus(400, head + "5\r\nhelloX\r\n0\r\n\r\n")                       // missing CRLF after data
        assertStatus(400, head + "5\r\nhello\n0\r\n\r\n")
        assertStatus(400, head + "5\nhello\r\n0\r\n\r\n")                          // bare LF in size line
        assertStatus(400, head + "5 junk\r\nhello\r\n0\r\n\r\n")
        assertStatus(400, head + "5;ext\rx\r\nhello\r\n0\r\n\r\n")
        assertStatus(400, head + "0\r\nBad Trailer: x\r\n\r\n")
        XCTAssertNil(failure(head + "0000000000000000000005\r\nhello\r\n0\r\n\r\n"))   // leading zeros are fine
    }

    /// Found by Tests/Fuzz (Chunked): a chunk-size line over 4096 bytes was refused when it
    /// arrived in pieces but accepted when it arrived whole, so a TCP segmentation decided
    /// whether a body was read. Both ways now refuse it; a line of 4096 bytes with its CR passes.
    func testLongChunkLineIsRefusedHoweverItArrives() throws {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let long = head + "1;" + String(repeating: "e", count: 4100) + "\r\nx\r\n0\r\n\r\n"
        XCTAssertEqual(failure(long), 400, "whole")
        var parser = HTTPRequestParser()
        var status: Int?
        for byte in Array(long.utf8) where status == nil {
            parser.append(contentsOf: [byte])
            do { _ = try drain(&parser) } catch let error as HTTPParseError { status = error.status.code } catch { status = -1 }
        }
        XCTAssertEqual(status, 400, "byte by byte")
        let longest = head + "1;" + String(repeating: "e", count: 4096 - 3) + "\r\nx\r\n0\r\n\r\n"
        XCTAssertEqual(try request(longest).body, Array("x".utf8))
    }

    // MARK: Paths

    func testPathNormalisation() throws {
        func path(_ target: String) throws -> (String, [String]) {
            let r = try request("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
            return (r.path, r.pathSegments)
        }
        XCTAssertEqual(try path("/").0, "/")
        XCTAssertEqual(try path("/ar/").0, "/ar/")
        XCTAssertEqual(try path("/a/b/../c").0, "/a/c")
        XCTAssertEqual(try path("/a/./b//c/").0, "/a/b/c/")
        XCTAssertEqual(try path("//a///b").1, ["a", "b"])
        XCTAssertEqual(try path("/a/b/..").0, "/a/")
        XCTAssertEqual(try path("/a/%2e%2e/b").0, "/b")
        XCTAssertEqual(try path("/a%2Fb").1, ["a", "b"])
        XCTAssertEqual(try path("/a%20b").1, ["a b"])
        XCTAssertEqual(try path("/a+b").1, ["a+b"], "+ is only a space in the query")
        let arabic = try path("/ar/%D8%AC%D9%85%D8%A7%D8%B9%D8%A9/%D8%B3%D8%B7%D8%A7%D8%AA")
        XCTAssertEqual(arabic.0, "/ar/جماعة/سطات")
        XCTAssertEqual(arabic.1, ["ar", "جماعة", "سطات"])
        // Every "/" separates, even one a combining mark follows (split as characters, "/" and the
        // mark would be one, and "a/\u{301}.." one segment); and the segments are always the path's.
        let marked = try path("/a/%CC%81b/c")
        XCTAssertEqual(marked.1, ["a", "\u{301}b", "c"])
        XCTAssertEqual(marked.0.utf8.count, "/a/\u{301}b/c".utf8.count)
        XCTAssertEqual(try path("/a/%CC%81/../b").1, ["a", "b"])
        for target in ["/", "/ar/", "/a/./b//c/", "/a/%2e%2e/b", "/a%2Fb", "/a/%CC%81b/c"] {
            let (normalised, segments) = try path(target)
            XCTAssertTrue(["/" + segments.joined(separator: "/"), "/" + segments.joined(separator: "/") + "/"]
                .contains { $0.utf8.elementsEqual(normalised.utf8) }, target)
        }
    }

    func testTraversalAndBadEncodingsAre400() {
        for target in ["/../etc/passwd", "/%2e%2e/", "/%2E%2E/etc/passwd", "/a/%2E%2E/%2e%2e/x", "/a/../../x",
                       "/..", "/a%2F..%2F..%2Fetc", "/%00", "/a%00.html", "/%zz", "/%4", "/a%", "/%C3%28", "/%FF",
                       "/?q=%zz", "/?q=%00", "/?q=%FF"] {
            assertStatus(400, "GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        }
    }

    func testErrorsCarryAcceptLanguage() {
        var parser = HTTPRequestParser(limits: Limits(maxBodyBytes: 1))
        parser.append(contentsOf: Array("POST / HTTP/1.1\r\nHost: a\r\nAccept-Language: fr\r\nContent-Length: 9\r\n\r\n".utf8))
        XCTAssertThrowsError(try parser.next()) { error in
            XCTAssertEqual((error as? HTTPParseError)?.acceptLanguage, "fr")
            XCTAssertEqual((error as? HTTPParseError)?.status, .contentTooLarge)
        }
        XCTAssertThrowsError(try parser.next(), "a failed parser stays failed")
    }

    func testFieldNamesCompareAsASCIIIgnoringCase() {
        XCTAssertTrue(HTTPHeaders.sameName("Content-Type", "content-type"))
        XCTAssertTrue(HTTPHeaders.sameName("ETAG", "ETag"))
        XCTAssertFalse(HTTPHeaders.sameName("ETag", "ETa"))
        XCTAssertFalse(HTTPHeaders.sameName("[", "{"), "0x20 apart, but not letters")
        XCTAssertFalse(HTTPHeaders.sameName("a@", "a`"))
        XCTAssertTrue(HTTPRequestParser.equalsLowercase("Keep-Alive", "keep-alive"))
        XCTAssertFalse(HTTPRequestParser.equalsLowercase("keep-alive", "Keep-Alive"), "the second is taken as lowercase")
        XCTAssertFalse(HTTPRequestParser.equalsLowercase("close", "closed"))
        var headers = HTTPHeaders([("Accept-Encoding", "gzip"), ("accept-encoding", "br")])
        XCTAssertEqual(headers.values("ACCEPT-ENCODING"), ["gzip", "br"])
        headers.remove("Accept-encoding")
        XCTAssertEqual(headers.count, 0)
    }

    func testKeepAliveRules() throws {
        XCTAssertTrue(HTTPRequestParser.keepAlive(for: try request("GET / HTTP/1.1\r\nHost: a\r\n\r\n")))
        XCTAssertFalse(HTTPRequestParser.keepAlive(for: try request("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n")))
        XCTAssertFalse(HTTPRequestParser.keepAlive(for: try request("GET / HTTP/1.0\r\n\r\n")))
        XCTAssertTrue(HTTPRequestParser.keepAlive(for: try request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")))
    }
}
