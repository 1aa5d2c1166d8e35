import Foundation
import Glibc
import XCTest
@testable import HTTP

/// The real server on 127.0.0.1 and a spare port, spoken to in raw HTTP.
final class HTTPServerTests: XCTestCase {
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

    private func get(_ path: String, _ extra: String = "") -> String {
        "GET \(path) HTTP/1.1\r\nHost: test\r\n\(extra)\r\n"
    }

    // MARK: Connection handling

    func testKeepAliveServesTwoRequestsOnOneConnection() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        for _ in 0..<2 {
            client.send(get("/"))
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.text, "<p>hello</p>")
            XCTAssertNil(response.header("Connection"))
        }
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/") + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc" + get("/only-get"))
        let responses = (0..<3).compactMap { _ in client.readResponse() }
        XCTAssertEqual(responses.map(\.text), ["<p>hello</p>", "abc", "only get"])
    }

    /// The quiet task (the portal's `malloc_trim`) runs once after a burst, not while a request
    /// is handled, not again while nothing happens, and again after the next burst; not during
    /// a trickle of requests closer together than the quiet period.
    func testTheQuietTaskRunsOnceAfterEachBurst() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var runs = 0
            var during = 0
            func run(busy: Bool) { lock.lock(); runs += 1; if busy { during += 1 }; lock.unlock() }
            var counts: (Int, Int) { lock.lock(); defer { lock.unlock() }; return (runs, during) }
        }
        let counter = Counter()
        let inSlowRequest = NSLock()
        nonisolated(unsafe) var slowRunning = false
        let server = try startServer {
            $0.quietSeconds = 0.3
            $0.whenQuiet = { inSlowRequest.lock(); let busy = slowRunning; inSlowRequest.unlock(); counter.run(busy: busy) }
        }
        let client = try RawClient(port: server.port)
        /// `count` requests one after another on `client`, `gap` seconds after each.
        func requests(_ count: Int, gap: Double = 0) {
            for _ in 0..<count {
                client.send(get("/"))
                XCTAssertEqual(client.readResponse()?.status, 200)
                if gap > 0 { Thread.sleep(forTimeInterval: gap) }
            }
        }
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(counter.counts.0, 0, "no request yet, nothing to hand back")
        requests(3)
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertEqual(counter.counts.0, 1, "once after the burst")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertEqual(counter.counts.0, 1, "not again while the server is idle")
        // A quick request beside one longer than the quiet period: the task waits for both.
        let slowClient = try RawClient(port: server.port)
        inSlowRequest.lock(); slowRunning = true; inSlowRequest.unlock()
        slowClient.send(get("/slow"))
        Thread.sleep(forTimeInterval: 0.05)
        client.send(get("/"))
        XCTAssertEqual(client.readResponse()?.status, 200)
        XCTAssertEqual(slowClient.readResponse()?.text, "slow")
        inSlowRequest.lock(); slowRunning = false; inSlowRequest.unlock()
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertEqual(counter.counts.0, 2, "once after the next burst")
        XCTAssertEqual(counter.counts.1, 0, "never while a request was handled")
        // A trickle, each gap shorter than the quiet period: no run until it stops, whichever
        // worker answered last (the quiet is counted from the last request finished, not from
        // when a worker began to wait).
        requests(10, gap: 0.1)
        XCTAssertEqual(counter.counts.0, 2, "not during a trickle")
        Thread.sleep(forTimeInterval: 0.8)
        XCTAssertEqual(counter.counts.0, 3, "once after it")
    }

    func testImmediateAnswersDoNotWaitForABusyWorker() throws {
        let server = try startServer { $0.workerThreads = 1 }
        let busy = try RawClient(port: server.port)
        busy.send(get("/slow"))
        Thread.sleep(forTimeInterval: 0.05)
        let client = try RawClient(port: server.port)
        let started = Date()
        client.send(get("/ready"))
        let ready = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(ready.text, "ready")
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.3, "answered on the loop while the only worker sleeps")
        XCTAssertEqual(busy.readResponse()?.text, "slow")
        // Mixed with requests for the worker, pipelined answers keep their order; a streamed
        // immediate answer is left to the worker (whose answer is a 404 here).
        client.send(get("/ready") + get("/") + get("/ready") + get("/ready-stream") + get("/ready"))
        let responses = (0..<5).compactMap { _ in client.readResponse() }
        XCTAssertEqual(responses.map(\.text), ["ready", "<p>hello</p>", "ready", "error 404 -", "ready"])
    }

    func testConnectionCloseIsHonoured() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/", "Connection: close\r\n"))
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHalfClosedClientGetsEveryAnswer() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/") + get("/only-get"))
        Glibc.shutdown(client.fd, Int32(SHUT_WR))
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
        XCTAssertEqual(client.readResponse()?.text, "only get")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHTTP10ClosesUnlessKeepAliveAsked() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.header("Connection"), "keep-alive")
        client.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.status, 200)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHeadHasGetHeadersButNoBody() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/big"))
        let full = try XCTUnwrap(client.readResponse())
        client.send("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\n" + get("/"))
        let head = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), String(full.body.count))
        XCTAssertEqual(head.header("Content-Type"), "text/html; charset=utf-8")
        // Had a body been sent, this would read it instead of the next response.
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
        client.send(get("/no-content"))
        let empty = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(empty.status, 204)
        XCTAssertNil(empty.header("Content-Length"))
    }

    func testExpectContinue() throws {
        let server = try startServer { $0.maxBodyBytes = 1000 }
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        XCTAssertEqual(String(decoding: client.readBytes(25), as: UTF8.self), "HTTP/1.1 100 Continue\r\n\r\n")
        client.send("hello")
        XCTAssertEqual(client.readResponse()?.text, "hello")

        let refused = try RawClient(port: server.port)
        refused.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
        let response = try XCTUnwrap(refused.readResponse())
        XCTAssertEqual(response.status, 413, "no 100 Continue first: the body is refused unread")
        XCTAssertTrue(refused.isClosedByServer())
    }

    func testChunkedBodyIsEchoed() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nsala\r\n1\r\nm\r\n0\r\nT: 1\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "salam")
        client.send(get("/"))
        XCTAssertEqual(client.readResponse()?.status, 200, "the connection survives a chunked body")
    }

    // MARK: Limits and errors: each answered, then the connection closed

    private func assertRefused(_ server: HTTPServer, _ request: String, _ status: Int,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let client = try RawClient(port: server.port)
        client.send(request)
        let response = try XCTUnwrap(client.readResponse(), file: file, line: line)
        XCTAssertEqual(response.status, status, file: file, line: line)
        XCTAssertEqual(response.header("Connection"), "close", file: file, line: line)
        XCTAssertTrue(response.text.hasPrefix("error \(status)"), "the responder's error page", file: file, line: line)
        XCTAssertTrue(client.isClosedByServer(), "connection closed after \(status)", file: file, line: line)
    }

    func testLimitsAndSyntaxErrorsAnswerThenClose() throws {
        let server = try startServer {
            $0.maxHeaderBytes = 1024; $0.maxURIBytes = 256; $0.maxHeaderCount = 10; $0.maxBodyBytes = 100
        }
        try assertRefused(server, get("/", "X-Big: \(String(repeating: "x", count: 2000))\r\n"), 431)
        try assertRefused(server, get("/" + String(repeating: "a", count: 300)), 414)
        try assertRefused(server, get("/", (0..<11).map { "X-\($0): v\r\n" }.joined()), 431)
        try assertRefused(server, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n" + String(repeating: "b", count: 101), 413)
        try assertRefused(server, "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n" + String(repeating: "b", count: 101) + "\r\n0\r\n\r\n", 413)
        try assertRefused(server, "BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n", 501)
        try assertRefused(server, "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505)
        try assertRefused(server, "GET / HTTP/1.1\nHost: t\n\n", 400)
        try assertRefused(server, "GET /../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", 400)
        try assertRefused(server, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400)
        try assertRefused(server, "GET / HTTP/1.1\r\n\r\n", 400)
        // The parser's Accept-Language reaches the error page.
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nAccept-Language: ar\r\nContent-Length: 999\r\n\r\n")
        XCTAssertEqual(client.readResponse()?.text, "error 413 ar")
    }

    func testThrownStatusErrorsAndFailures() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send("POST /only-get HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        let notAllowed = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(notAllowed.status, 405)
        XCTAssertEqual(notAllowed.header("Allow"), "GET, HEAD")
        client.send(get("/missing"))
        XCTAssertEqual(client.readResponse()?.status, 404)
        client.send(get("/fail"))
        let failed = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(failed.status, 500)
        XCTAssertEqual(failed.text, "error 500 -")
        client.send(get("/"))
        XCTAssertEqual(client.readResponse()?.status, 200, "the server keeps answering after a failure")
        let other = try RawClient(port: server.port)
        other.send(get("/"))
        XCTAssertEqual(other.readResponse()?.status, 200)
    }

    // MARK: Response encoding

    func testSecurityHeadersAndDate() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/"))
        let response = try XCTUnwrap(client.readResponse())
        for (name, value) in ServerConfiguration.defaultSecurityHeaders {
            XCTAssertEqual(response.header(name), value, name)
        }
        let date = try XCTUnwrap(response.header("Date"))
        XCTAssertNotNil(date.range(of: #"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$"#,
                                   options: .regularExpression), date)
        client.send(get("/own-frame-options"))
        let own = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(own.headers.filter { $0.0.lowercased() == "x-frame-options" }.map(\.1), ["SAMEORIGIN"])
    }

    func testGzipRoundTripAndVary() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        client.send(get("/big"))
        let plain = try XCTUnwrap(client.readResponse())
        XCTAssertNil(plain.header("Content-Encoding"))
        XCTAssertEqual(plain.header("Vary"), "Accept-Encoding")

        client.send(get("/big", "Accept-Encoding: gzip, deflate, br\r\n"))
        let compressed = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(compressed.header("Content-Encoding"), "gzip")
        XCTAssertEqual(compressed.header("Vary"), "Accept-Encoding")
        XCTAssertLessThan(compressed.body.count, plain.body.count)
        XCTAssertEqual(try Gzip.decompress(compressed.body), plain.body)

        client.send(get("/", "Accept-Encoding: gzip\r\n"))
        let small = try XCTUnwrap(client.readResponse())
        XCTAssertNil(small.header("Content-Encoding"), "bodies under 256 bytes are sent as they are")
        XCTAssertEqual(small.header("Vary"), "Accept-Encoding")

        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\nContent-Length: 300\r\n\r\n" + String(repeating: "z", count: 300))
        let binary = try XCTUnwrap(client.readResponse())
        XCTAssertNil(binary.header("Content-Encoding"), "octet-stream is not compressed")
        XCTAssertNil(binary.header("Vary"))
    }

    // MARK: Concurrency and timeouts

    func testTricklingAndIdleClientsDoNotDelayOthers() throws {
        let server = try startServer()
        // Many connections sitting in the middle of a head...
        var idlers: [RawClient] = []
        for _ in 0..<200 {
            let idler = try RawClient(port: server.port)
            idler.send("GET / HTTP/1.1\r\nHo")
            idlers.append(idler)
        }
        // ...and one trickling a byte every 200 ms.
        let trickler = try RawClient(port: server.port)
        /// Tells the trickling thread to stop; `done` is guarded by the condition's lock.
        final class Stop: @unchecked Sendable { let condition = NSCondition(); var done = false }
        let stop = Stop()
        let thread = Thread {
            for byte in "GET /slowloris HTTP/1.1\r\nHost: t\r\nX-A: aaaaaaaaaaaaaaaa\r\n".utf8 {
                stop.condition.lock()
                if stop.done { stop.condition.unlock(); return }
                _ = stop.condition.wait(until: Date().addingTimeInterval(0.2))
                stop.condition.unlock()
                trickler.send([byte])
            }
        }
        thread.start()
        defer { stop.condition.lock(); stop.done = true; stop.condition.broadcast(); stop.condition.unlock() }
        Thread.sleep(forTimeInterval: 0.3)
        for _ in 0..<3 {
            let start = monotonicNanoseconds()
            let client = try RawClient(port: server.port)
            client.send(get("/"))
            XCTAssertEqual(client.readResponse()?.status, 200)
            XCTAssertLessThan(elapsed(since: start), 0.5)
        }
        XCTAssertEqual(idlers.count, 200)
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let server = try startServer { $0.idleTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        client.send(get("/"))
        XCTAssertEqual(client.readResponse()?.status, 200)
        let start = monotonicNanoseconds()
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertGreaterThan(elapsed(since: start), 0.35)
        XCTAssertLessThan(elapsed(since: start), 2)
    }

    func testHeaderTimeoutClosesATrickler() throws {
        let server = try startServer { $0.headerTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        let start = monotonicNanoseconds()
        var sent = 0
        // Keep trickling: a slowloris must be cut off at the head deadline regardless.
        for byte in "GET / HTTP/1.1\r\nHost: t\r\nX-Long: aaaaaaaaaaaaaaaaaa".utf8 where elapsed(since: start) < 1.5 {
            client.send([byte])
            sent += 1
            Thread.sleep(forTimeInterval: 0.05)
        }
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertLessThan(elapsed(since: start), 2.5)
    }

    // MARK: Kept bodies sent from memory files

    func testAKeptLargeBodyIsSentFromItsMemoryFileIntact() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port)
        let expected = TestResponder.keptLarge.body
        for _ in 0..<3 {
            client.send(get("/kept-large"))
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.header("Content-Length"), "\(expected.count)")
            XCTAssertTrue(response.body == expected, "the body arrives whole, byte for byte")
        }
        let file = try XCTUnwrap(TestResponder.keptLarge.encodedHead?.madeFile, "a kept body of 40,000 bytes has its memory file")
        XCTAssertEqual(file.count, expected.count)
        // HEAD sends no body; a client taking gzip gets the compressed form, not the file; and
        // the connection goes on reading after each.
        client.send("HEAD /kept-large HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try XCTUnwrap(client.readResponse(bodyless: true))
        XCTAssertEqual(head.header("Content-Length"), "\(expected.count)")
        client.send(get("/kept-large", "Accept-Encoding: gzip\r\n"))
        let gzipped = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(gzipped.header("Content-Encoding"), "gzip")
        XCTAssertLessThan(gzipped.body.count, expected.count)
        client.send(get("/"))
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
        // Below the threshold a kept body has no file; above it, a body answered only once has none yet.
        let encoder = ResponseEncoder(securityHeaders: [])
        let small = HTTPResponse.html(String(repeating: "a", count: MemoryFile.threshold - 1)).keepingEncodedHead()
        let once = HTTPResponse.html(String(repeating: "a", count: MemoryFile.threshold)).keepingEncodedHead()
        for _ in 0..<2 {
            _ = encoder.encodeForSending(small, requestMethod: .get, acceptEncoding: nil, keepAlive: true, http10: false, dateField: [])
        }
        _ = encoder.encodeForSending(once, requestMethod: .get, acceptEncoding: nil, keepAlive: true, http10: false, dateField: [])
        XCTAssertNotNil(small.encodedHead?.value)
        XCTAssertNil(small.encodedHead?.madeFile)
        XCTAssertNotNil(once.encodedHead?.value)
        XCTAssertNil(once.encodedHead?.madeFile, "made at the second answer, not the first")
        XCTAssertNotNil(encoder.encodeForSending(once, requestMethod: .get, acceptEncoding: nil, keepAlive: true, http10: false,
                                                 dateField: []).file)
    }

    func testASlowReaderGetsAllOfAKeptBodySentFromMemory() throws {
        let server = try startServer()
        let client = try RawClient(port: server.port, timeout: 5)
        var small: Int32 = 16 * 1024
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        let expected = TestResponder.keptHuge.body
        client.send(get("/kept-huge"))
        XCTAssertTrue(client.readResponse()?.body == expected, "the first answer fills the kept head")
        // Two more, pipelined: the socket fills during sendfile, the rest is written as it drains.
        client.send(get("/kept-huge") + get("/kept-huge") + get("/"))
        Thread.sleep(forTimeInterval: 0.3)
        for _ in 0..<2 {
            let response = try XCTUnwrap(client.readResponse())
            XCTAssertEqual(response.status, 200)
            XCTAssertTrue(response.body == expected, "4 MB arrive whole to a reader that starts late")
        }
        XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
        XCTAssertNotNil(TestResponder.keptHuge.encodedHead?.madeFile)
    }

    func testStalledBodyIsDropped() throws {
        let server = try startServer { $0.bodyTimeout = 0.5 }
        let client = try RawClient(port: server.port)
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        let start = monotonicNanoseconds()
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertLessThan(elapsed(since: start), 2)
    }

    func testStalledReaderIsDropped() throws {
        let server = try startServer { $0.writeTimeout = 0.5 }
        let client = try RawClient(port: server.port, timeout: 5)
        client.send(get("/huge"))
        Thread.sleep(forTimeInterval: 1.5)   // read nothing while the server's write stalls
        var received = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += count
        }
        XCTAssertLessThan(received, 32 << 20, "the 32 MB response was cut off")
    }

    func testConnectionsOverTheLimitGet503() throws {
        let server = try startServer { $0.maxConnections = 5 }
        var clients: [RawClient] = []
        for _ in 0..<5 {
            let client = try RawClient(port: server.port)
            client.send(get("/"))
            XCTAssertEqual(client.readResponse()?.status, 200)
            clients.append(client)
        }
        let extra = try RawClient(port: server.port)
        let refused = try XCTUnwrap(extra.readResponse())
        XCTAssertEqual(refused.status, 503)
        XCTAssertEqual(refused.header("Connection"), "close")
        XCTAssertTrue(extra.isClosedByServer())
        // A freed slot is usable again.
        clients.removeFirst()
        Thread.sleep(forTimeInterval: 0.2)
        let next = try RawClient(port: server.port)
        next.send(get("/"))
        XCTAssertEqual(next.readResponse()?.status, 200)
    }

    /// Slow header senders from one address cannot take every connection (issue 15, finding 2):
    /// past its share that address is refused, and another address is served at once.
    func testOneAddressCannotHoldEveryConnection() throws {
        let server = try startServer { $0.maxPendingPerAddress = 5; $0.maxConnections = 100 }
        var slow: [RawClient] = []
        for _ in 0..<5 {
            let client = try RawClient(port: server.port)
            client.send("GET / HTTP/1.1\r\nHost: te")   // a head that never ends
            slow.append(client)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let sixth = try RawClient(port: server.port)
        XCTAssertEqual(sixth.readResponse()?.status, 503, "the address's share is taken")
        let other = try RawClient(port: server.port, source: "127.0.0.2")
        other.send(get("/"))
        XCTAssertEqual(other.readResponse()?.status, 200, "another visitor is served")
        // A connection that sent a whole request no longer counts against its address.
        other.send(get("/"))
        XCTAssertEqual(other.readResponse()?.status, 200)
        slow.removeAll()
        Thread.sleep(forTimeInterval: 0.3)
        let again = try RawClient(port: server.port)
        again.send(get("/"))
        XCTAssertEqual(again.readResponse()?.status, 200, "closed slow connections free the share")
    }

    /// A full server sheds the oldest connection that has not sent a whole request before it
    /// refuses anyone; clients that did send one are never shed. With two loops the oldest idle
    /// connection was dealt to the second loop, so the accepting loop sheds it across loops.
    func testAFullServerShedsTheOldestPendingConnectionFirst() throws {
        let server = try startServer { $0.maxConnections = 4; $0.maxPendingPerAddress = 100; $0.eventLoops = 2 }
        let served = try RawClient(port: server.port)
        served.send(get("/"))
        XCTAssertEqual(served.readResponse()?.status, 200)
        var idle: [RawClient] = []
        for _ in 0..<3 { idle.append(try RawClient(port: server.port)); Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.2)
        let newcomer = try RawClient(port: server.port, source: "127.0.0.2")
        newcomer.send(get("/"))
        XCTAssertEqual(newcomer.readResponse()?.status, 200, "room made by shedding")
        XCTAssertTrue(idle[0].isClosedByServer(), "the oldest idle connection was shed")
        served.send(get("/"))
        XCTAssertEqual(served.readResponse()?.status, 200, "a client that sent a whole request keeps its connection")
        // Everyone has sent a whole request: the next one is refused.
        for client in idle.dropFirst() { client.send(get("/")); XCTAssertEqual(client.readResponse()?.status, 200) }
        let late = try RawClient(port: server.port)
        XCTAssertEqual(late.readResponse()?.status, 503)
    }

    /// Memory files hold descriptors: at most `MemoryFile.limit` live at once (the server keeps
    /// that many descriptors spare beside its connections), past it a body goes out as bytes,
    /// and a file given back makes room for the next.
    func testMemoryFilesAreBoundedInNumber() throws {
        let body = [UInt8](repeating: 65, count: MemoryFile.threshold)
        let before = MemoryFile.liveCount
        var files: [MemoryFile] = []
        while files.count <= MemoryFile.limit, let file = MemoryFile(body) { files.append(file) }
        XCTAssertEqual(before + files.count, MemoryFile.limit, "made up to the limit, and no further")
        XCTAssertNil(MemoryFile(body))
        files.removeLast()
        XCTAssertNotNil(MemoryFile(body), "a file given back makes room")
        files.removeAll()
        XCTAssertEqual(MemoryFile.liveCount, before)
    }

    /// The accepting loop deals connections to every loop in turn, and each loop answers what
    /// is ready on its own thread (so cached pages use every core).
    func testConnectionsAreDealtToEveryLoop() throws {
        let server = try startServer { $0.eventLoops = 3 }
        var clients: [RawClient] = []
        var answeredBy: [String] = []
        for _ in 0..<6 {
            let client = try RawClient(port: server.port)
            client.send(get("/which-loop"))
            answeredBy.append(try XCTUnwrap(client.readResponse()).text)
            clients.append(client)
        }
        XCTAssertEqual(Set(answeredBy), ["http-loop-0", "http-loop-1", "http-loop-2"])
        XCTAssertEqual(answeredBy.filter { $0 == "http-loop-0" }.count, 2, "in turn: two each")
        // Each connection stays on its loop, and a worker's answer goes back to it.
        for (client, loop) in zip(clients, answeredBy) {
            client.send(get("/"))
            XCTAssertEqual(client.readResponse()?.text, "<p>hello</p>")
            client.send(get("/which-loop"))
            XCTAssertEqual(client.readResponse()?.text, loop)
        }
    }

    func testGracefulShutdownFinishesInFlightRequests() throws {
        let server = try startServer()
        let port = server.port
        let idle = try RawClient(port: port)
        idle.send(get("/"))
        XCTAssertEqual(idle.readResponse()?.status, 200)
        let client = try RawClient(port: port)
        client.send(get("/slow"))
        Thread.sleep(forTimeInterval: 0.1)
        let finished = DispatchSemaphore(value: 0)
        Thread { server.shutdown(); finished.signal() }.start()
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "slow")
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(idle.isClosedByServer(), "idle connections are closed")
        XCTAssertEqual(finished.wait(timeout: .now() + 3), .success, "shutdown returns")
        server.waitUntilStopped()
        XCTAssertThrowsError(try RawClient(port: port), "no longer accepting")
        server.shutdown()   // idempotent
    }

    func testStartReportsErrno() throws {
        let server = try startServer()
        var configuration = ServerConfiguration()
        configuration.port = server.port
        let second = HTTPServer(configuration: configuration, responder: TestResponder())
        XCTAssertThrowsError(try second.start()) { error in
            let socketError = error as? SocketError
            XCTAssertEqual(socketError?.code, EADDRINUSE)
            XCTAssertTrue(String(describing: error).contains("Address already in use"), String(describing: error))
        }
    }
}
