import Foundation
import Glibc
import XCTest
@testable import HTTP

/// Streamed response bodies (`HTTPResponse(stream:)`) and per-route body limits (issue 13's
/// evidence files), over a real socket: a multi-megabyte body pulled in chunks arrives intact,
/// a slow reader does not cut it, HEAD sends none of it, a failing stream ends the connection
/// rather than sending a short body, and only the upload route takes a large request body.
final class StreamedBodyTests: XCTestCase {
    private func startServer(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        configuration.workerThreads = 4
        configuration.shutdownGrace = 2
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        addTeardownBlock { server.shutdown() }
        return server
    }

    private func expected(_ count: Int) -> [UInt8] { (0..<count).map(PatternStream.byte) }

    func testAMultiMegabyteStreamArrivesIntactInChunksAndTheConnectionGoesOn() throws {
        let server = try startServer()
        PatternStream.pulls.reset()
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("GET /stream HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Length"), String(PatternStream.size))
        XCTAssertNil(response.header("Content-Encoding"), "a streamed body is sent as it is read, never compressed")
        XCTAssertEqual(response.body.count, PatternStream.size)
        XCTAssertTrue(response.body == expected(PatternStream.size), "every byte in order")
        let pulls = PatternStream.pulls.snapshot
        XCTAssertGreaterThanOrEqual(pulls.calls, PatternStream.size / EventLoop.streamChunk, "read a chunk at a time")
        XCTAssertLessThanOrEqual(pulls.largest, EventLoop.streamChunk, "never more than one chunk at once")
        // Keep-alive: the next request on the same connection is answered.
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
    }

    /// Reads until the server closes.
    private func readAll(_ client: RawClient) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }

    private func index(of pattern: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let needle = Array(pattern.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Issue 16: a body made as it is read goes chunked to HTTP/1.1 (RFC 9112 §7.1), the last
    /// chunk ends it, and the connection goes on with the next (pipelined) request.
    func testABodyOfUnknownLengthIsChunkedAndTheConnectionGoesOn() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("GET /stream-unknown HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let bytes = readAll(client)
        let headEnd = try XCTUnwrap(index(of: "\r\n\r\n", in: bytes))
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self).lowercased()
        XCTAssertTrue(head.hasPrefix("http/1.1 200"), head)
        XCTAssertTrue(head.contains("transfer-encoding: chunked"), head)
        XCTAssertFalse(head.contains("content-length"), "no length is promised")
        // Decode the chunks: size in hex, CRLF, the bytes, CRLF; a zero size ends it.
        var at = headEnd + 4, body: [UInt8] = [], chunks = 0
        while true {
            let lineEnd = try XCTUnwrap(index(of: "\r\n", in: bytes, from: at))
            let size = try XCTUnwrap(Int(String(decoding: bytes[at..<lineEnd], as: UTF8.self), radix: 16))
            at = lineEnd + 2
            if size == 0 { XCTAssertTrue(bytes[at..<(at + 2)].elementsEqual([13, 10])); at += 2; break }
            body += bytes[at..<(at + size)]
            XCTAssertTrue(bytes[(at + size)..<(at + size + 2)].elementsEqual([13, 10]))
            at += size + 2
            chunks += 1
        }
        XCTAssertEqual(body.count, UnknownLengthStream.size)
        XCTAssertTrue(body == expected(UnknownLengthStream.size), "every byte in order")
        XCTAssertGreaterThan(chunks, 1)
        let next = String(decoding: bytes[at...], as: UTF8.self)
        XCTAssertTrue(next.hasPrefix("HTTP/1.1 200") && next.hasSuffix("<p>hello</p>"), "the pipelined request is answered after the last chunk")
    }

    /// An HTTP/1.0 client knows no chunks: the body ends where the connection closes.
    func testABodyOfUnknownLengthEndsByClosingForHTTP10() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 10)
        client.send("GET /stream-unknown HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\n\r\n")
        let bytes = readAll(client)
        let headEnd = try XCTUnwrap(index(of: "\r\n\r\n", in: bytes))
        let head = String(decoding: bytes[..<headEnd], as: UTF8.self).lowercased()
        XCTAssertFalse(head.contains("transfer-encoding") || head.contains("content-length"), head)
        XCTAssertTrue(head.contains("connection: close"), head)
        XCTAssertTrue(Array(bytes[(headEnd + 4)...]) == expected(UnknownLengthStream.size))
    }

    func testASlowReaderGetsTheWholeStream() throws {
        let server = try startServer { $0.writeTimeout = 3 }
        let client = try RawClient(port: server.port, timeout: 10)
        // A small receive buffer makes the server's socket fill and the loop hand the connection back and forth.
        var size: Int32 = 16 * 1024
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        client.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.5)   // read nothing while the socket fills
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.body.count, PatternStream.size)
        XCTAssertTrue(response.body == expected(PatternStream.size))
    }

    func testHeadSendsTheLengthButNoBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(head.header("Content-Length"), String(PatternStream.size))
        client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>", "no body bytes were left before the next answer")
    }

    func testAStreamThatFailsEndsTheConnectionShort() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 5)
        client.send("GET /stream-broken HTTP/1.1\r\nHost: t\r\n\r\n")
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: received.prefix(2000), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("HTTP/1.1 200"), "\(received.count) bytes: \(text)")
        XCTAssertTrue(text.contains("Content-Length: \(1 << 20)"))
        XCTAssertLessThan(received.count, 1 << 20, "the connection closed before the promised length: the client knows the body is cut")
    }

    func testOnlyTheUploadRouteTakesALargeBody() throws {
        let server = try startServer {
            $0.maxBodyBytes = 1000
            $0.uploadBodyLimit = { method, segments in method == .post && segments == ["echo"] ? 3 << 20 : nil }
        }
        let large = [UInt8](repeating: 65, count: 2 << 20)
        let client = try RawClient(port: server.port, timeout: 10)
        client.send(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(large.count)\r\n\r\n".utf8) + large)
        let echoed = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(echoed.status, 200)
        XCTAssertEqual(echoed.body.count, large.count)

        // Past the upload limit, and the same size on any other route: 413 before the body is read.
        let over = try RawClient(port: server.port)
        over.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \((3 << 20) + 1)\r\n\r\n")
        XCTAssertEqual(over.readResponse()?.status, 413)
        let elsewhere = try RawClient(port: server.port)
        elsewhere.send("POST /echo/other HTTP/1.1\r\nHost: t\r\nContent-Length: 1001\r\n\r\n")
        XCTAssertEqual(elsewhere.readResponse()?.status, 413)
        let chunked = try RawClient(port: server.port)
        chunked.send("POST /only-get HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n" + String(repeating: "b", count: 1001) + "\r\n0\r\n\r\n")
        XCTAssertEqual(chunked.readResponse()?.status, 413)
    }
}
