import Foundation
import Glibc
@testable import HTTP

/// The application the live server tests run behind the real server.
struct TestResponder: HTTPResponder {
    struct Boom: Error {}

    func respond(to request: HTTPRequest) throws -> HTTPResponse {
        switch request.path {
        case "/":
            return .html("<p>hello</p>")
        case "/echo":
            return HTTPResponse(headers: HTTPHeaders([("Content-Type", "application/octet-stream")]), body: request.body)
        case "/big":
            return .html(String(repeating: "<p>salam, bonjour, hello</p>\n", count: 100))
        case "/huge":
            return HTTPResponse(headers: HTTPHeaders([("Content-Type", "application/octet-stream")]),
                                body: [UInt8](repeating: 120, count: 32 << 20))
        case "/slow":
            Thread.sleep(forTimeInterval: 0.4)
            return .html("slow")
        case "/fail":
            throw Boom()
        case "/ready":
            return .html("ready")
        case "/only-get":
            guard request.method == .get || request.method == .head else {
                throw HTTPError(.methodNotAllowed, headers: HTTPHeaders([("Allow", "GET, HEAD")]))
            }
            return .html("only get")
        case "/own-frame-options":
            var response = HTTPResponse.html("framed")
            response.headers.add("X-Frame-Options", "SAMEORIGIN")
            return response
        case "/no-content":
            return HTTPResponse(status: .noContent)
        case "/stream":
            return HTTPResponse(headers: HTTPHeaders([("Content-Type", "text/plain")]), stream: PatternStream(count: PatternStream.size))
        case "/stream-unknown":
            return HTTPResponse(headers: HTTPHeaders([("Content-Type", "text/plain")]), stream: UnknownLengthStream(count: UnknownLengthStream.size))
        case "/stream-broken":
            return HTTPResponse(headers: HTTPHeaders([("Content-Type", "text/plain")]), stream: PatternStream(count: 1 << 20, failAt: 300_000))
        default:
            throw HTTPError(.notFound)
        }
    }

    func errorPage(for status: HTTPStatus, request: HTTPRequest?, acceptLanguage: String?) -> HTTPResponse {
        .html("error \(status.code) \(acceptLanguage ?? "-")", status: status)
    }

    /// `/ready` is answered on the loop (the worker gives the same answer when asked);
    /// `/ready-stream` offers a streamed body, which the loop must leave to a worker.
    func immediateResponse(to request: HTTPRequest) -> HTTPResponse? {
        switch request.path {
        case "/ready": return .html("ready")
        case "/which-loop":   // the answering thread's name, as the kernel knows it
            let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "-"
            return .html(name.trimmingCharacters(in: .newlines))
        case "/kept-large": return Self.keptLarge
        case "/kept-huge": return Self.keptHuge
        case "/ready-stream": return HTTPResponse(headers: HTTPHeaders([("Content-Type", "text/plain")]), stream: PatternStream(count: 10))
        default: return nil
        }
    }
}

extension TestResponder {
    /// Kept responses, one object answered again and again as a page cache's entry is: a page
    /// above `MemoryFile.threshold` (sent from a memory file from its second answer on), and
    /// 4 MB of it, more than a socket takes at once.
    static let keptLarge = keptPage(bytes: 40_000)
    static let keptHuge = keptPage(bytes: 4 << 20)

    static func keptPage(bytes: Int) -> HTTPResponse {
        HTTPResponse(headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]),
                     body: (0..<bytes).map { PatternStream.byte($0) & 0x3F | 0x40 }).keepingEncodedHead()
    }
}

/// A streamed body of `count` bytes whose byte i is `PatternStream.byte(i)`, counting the
/// pulls the server makes, so a test sees the body was read in chunks and arrived intact.
final class PatternStream: HTTPBodyStream, @unchecked Sendable {
    static let size = 5 * 1024 * 1024 + 123
    static let pulls = Counter()
    let count: Int
    let failAt: Int?
    init(count: Int, failAt: Int? = nil) { self.count = count; self.failAt = failAt }

    static func byte(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: index &* 31 &+ index >> 11) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        Self.pulls.add(buffer.count)
        if let failAt, offset + buffer.count > failAt { throw TestResponder.Boom() }
        let n = min(buffer.count, count - offset)
        for i in 0..<n { buffer[i] = Self.byte(offset + i) }
        return n
    }

    /// Pulls and the largest one, across threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var calls = 0
        private(set) var largest = 0
        func add(_ size: Int) { lock.lock(); calls += 1; largest = max(largest, size); lock.unlock() }
        func reset() { lock.lock(); calls = 0; largest = 0; lock.unlock() }
        var snapshot: (calls: Int, largest: Int) { lock.lock(); defer { lock.unlock() }; return (calls, largest) }
    }
}

/// A parsed response as the raw client read it.
struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client speaking raw bytes to 127.0.0.1, with a receive timeout so no
/// test can hang.
final class RawClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    /// `source`: the loopback address to connect from (127.0.0.2 is another visitor to the server).
    init(port: Int, timeout: Double = 3, source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let error = SocketError("bind \(source)")
                Glibc.close(fd)
                throw error
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let error = SocketError("connect")
            Glibc.close(fd)
            throw error
        }
        setTimeout(timeout)
    }

    deinit { Glibc.close(fd) }

    func setTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            offset += count
        }
    }

    /// Reads more bytes into the buffer; false on EOF, error or timeout.
    @discardableResult
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Reads exactly `count` raw bytes (or fewer at EOF/timeout).
    func readBytes(_ count: Int) -> [UInt8] {
        while buffer.count < count, fill() {}
        let result = Array(buffer.prefix(count))
        buffer.removeFirst(result.count)
        return result
    }

    /// One response; `bodyless` for HEAD (Content-Length describes a body that is not sent).
    func readResponse(bodyless: Bool = false) -> RawResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int? = nil
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) { headEnd = range.lowerBound; break }
            guard fill() else { return nil }
        }
        let head = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawResponse(status: status, headers: headers, body: [])
        if !bodyless, let length = response.header("Content-Length").flatMap(Int.init) {
            response.body = readBytes(length)
        }
        return response
    }

    /// True if the server closes the connection (EOF or reset) within the timeout set.
    func isClosedByServer() -> Bool {
        while true {
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return true }
            if count < 0 { return errno == ECONNRESET }
        }
    }
}

func elapsed(since start: UInt64) -> Double { Double(monotonicNanoseconds() - start) / 1e9 }

/// A body of unknown length (a network-wide export, issue 16): `PatternStream`'s bytes, given at
/// most 70,000 at a time whatever the buffer, then 0 at the end; one object per response.
final class UnknownLengthStream: HTTPBodyStream, @unchecked Sendable {
    static let size = 700_003
    let total: Int
    private var made = 0
    init(count: Int) { total = count }
    var count: Int { 0 }
    var isLengthKnown: Bool { false }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        precondition(offset == made, "pulled in order")
        let n = min(buffer.count, 70_000, total - made)
        for i in 0..<n { buffer[i] = PatternStream.byte(made + i) }
        made += n
        return n
    }
}
