import Glibc

/// Why a request could not be read, with the status to answer before closing the connection.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let reason: String
    /// The Accept-Language field if it had been read, so the error page can be localised.
    public internal(set) var acceptLanguage: String?

    public init(_ status: HTTPStatus, _ reason: String, acceptLanguage: String? = nil) {
        self.status = status; self.reason = reason; self.acceptLanguage = acceptLanguage
    }
    public var description: String { "\(status): \(reason)" }
}

/// An incremental HTTP/1.1 request parser (RFC 9112). It owns no socket: bytes go in with
/// `append`, complete requests come out of `next()`, so tests can feed any split of any
/// byte stream and the server feeds whatever `read` returned. It is strict where leniency
/// lets two parsers disagree about message boundaries (request smuggling, RFC 9112 §11.2).
public struct HTTPRequestParser {
    /// The size limits the parser enforces while reading.
    public struct Limits: Sendable {
        public var maxHeaderBytes: Int
        public var maxURIBytes: Int
        public var maxHeaderCount: Int
        public var maxBodyBytes: Int
        /// The body limit of an upload route (see `ServerConfiguration.uploadBodyLimit`).
        public var uploadBodyLimit: @Sendable (HTTPMethod, [String]) -> Int?
        public init(maxHeaderBytes: Int = 16 * 1024, maxURIBytes: Int = 8 * 1024,
                    maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20,
                    uploadBodyLimit: @escaping @Sendable (HTTPMethod, [String]) -> Int? = { _, _ in nil }) {
            self.maxHeaderBytes = maxHeaderBytes; self.maxURIBytes = maxURIBytes
            self.maxHeaderCount = maxHeaderCount; self.maxBodyBytes = maxBodyBytes
            self.uploadBodyLimit = uploadBodyLimit
        }
        public init(_ configuration: ServerConfiguration) {
            self.init(maxHeaderBytes: configuration.maxHeaderBytes, maxURIBytes: configuration.maxURIBytes,
                      maxHeaderCount: configuration.maxHeaderCount, maxBodyBytes: configuration.maxBodyBytes,
                      uploadBodyLimit: configuration.uploadBodyLimit)
        }

        /// The body limit of one request, from its method and decoded path.
        func maxBody(_ method: HTTPMethod, _ segments: [String]) -> Int { uploadBodyLimit(method, segments) ?? maxBodyBytes }
    }

    /// What `next()` found.
    public enum Progress: Sendable {
        /// The buffered bytes do not finish anything yet.
        case needMore
        /// The head asked for `Expect: 100-continue` (RFC 9110 §10.1.1) and its body has not
        /// started: the server should send `100 Continue` now, then keep feeding bytes.
        case continueExpected
        case request(HTTPRequest)
    }

    /// Where the parser is in the current message; the server picks its timeout from this.
    public enum Phase: Sendable, Equatable { case idle, head, body }

    private enum State {
        case requestLine, fields, fixedBody(Int), chunkSize, chunkData(Int), chunkDataEnd, trailers
        case failed(HTTPParseError)
    }

    public let limits: Limits
    /// Copied into every request, for handlers' logs and rate limits.
    public var remoteAddress: String

    private var buffer: [UInt8] = []
    private var position = 0          // first unconsumed byte
    private var scan = 0              // where the line-feed search resumes
    private var sectionBytes = 0      // bytes of the current head (or trailer section) consumed
    private var state = State.requestLine
    private var sendContinue = false

    // The message being assembled.
    private var method = HTTPMethod.get
    private var target = ""
    private var path = "/"
    private var query: [(name: String, value: String)] = []
    private var version = (major: 1, minor: 1)
    private var fields: [(String, String)] = []
    private var body: [UInt8] = []
    private var acceptLanguage: String?
    private var trailerCount = 0
    /// The body limit of the message being read, decided when its head is complete.
    private var bodyLimit = 0

    public init(limits: Limits = Limits(), remoteAddress: String = "") {
        self.limits = limits; self.remoteAddress = remoteAddress
    }

    /// Bytes received and not yet consumed by a returned request.
    public var bufferedByteCount: Int { buffer.count - position }

    public var phase: Phase {
        switch state {
        case .requestLine: position == buffer.count && sectionBytes == 0 ? .idle : .head
        case .fields, .failed: .head
        default: .body
        }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Drops consumed bytes; cheap when everything was consumed, which is the usual case.
    private mutating func compact() {
        guard position > 0 else { return }
        if position == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 256 * 1024)
        } else if position >= 4096 || position * 2 >= buffer.count {
            buffer.removeFirst(position)
        } else {
            return
        }
        scan -= position
        position = 0
    }

    /// Parses as far as the buffered bytes allow. After a thrown error the parser stays
    /// failed: the connection must be answered with the error's status and closed.
    public mutating func next() throws(HTTPParseError) -> Progress {
        do {
            return try advance()
        } catch {
            var error = error
            if error.acceptLanguage == nil { error.acceptLanguage = acceptLanguage }
            state = .failed(error)
            throw error
        }
    }

    private mutating func advance() throws(HTTPParseError) -> Progress {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine, .fields:
                switch try parseHeadLine() {
                case .needMore: return .needMore
                case .line: continue
                case .done: break
                }
                if sendContinue {
                    sendContinue = false
                    return .continueExpected
                }
            case .fixedBody(let length):
                guard buffer.count - position >= length else { return .needMore }
                body = Array(buffer[position..<(position + length)])
                position += length
                scan = position
                return .request(finish())
            case .chunkSize:
                // The bound holds whether the line arrives whole or in pieces: a line is
                // judged by its bytes up to its CR, which is all a piece can show before its LF.
                guard let line = try nextLine() else {
                    if buffer.count - position > Self.maxChunkLineBytes { throw HTTPParseError(.badRequest, "chunk-size line too long") }
                    return .needMore
                }
                if line.count + 1 > Self.maxChunkLineBytes { throw HTTPParseError(.badRequest, "chunk-size line too long") }
                let size = try parseChunkSize(line)
                if size == 0 {
                    sectionBytes = 0
                    trailerCount = 0
                    state = .trailers
                } else {
                    guard size <= bodyLimit - body.count else {
                        throw HTTPParseError(.contentTooLarge, "chunked body over \(bodyLimit) bytes")
                    }
                    state = .chunkData(size)
                }
            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - position)
                guard available > 0 else { return .needMore }
                body.append(contentsOf: buffer[position..<(position + available)])
                position += available
                scan = position
                state = available == remaining ? .chunkDataEnd : .chunkData(remaining - available)
            case .chunkDataEnd:
                let available = buffer.count - position
                if available >= 1 && buffer[position] != 13 || available >= 2 && buffer[position + 1] != 10 {
                    throw HTTPParseError(.badRequest, "chunk data not followed by CRLF")
                }
                guard available >= 2 else { return .needMore }
                position += 2
                scan = position
                state = .chunkSize
            case .trailers:
                guard let line = try nextLine() else {
                    if sectionBytes + buffer.count - position > limits.maxHeaderBytes {
                        throw HTTPParseError(.requestHeaderFieldsTooLarge, "trailer section too large")
                    }
                    return .needMore
                }
                sectionBytes += line.count + 2
                if sectionBytes > limits.maxHeaderBytes {
                    throw HTTPParseError(.requestHeaderFieldsTooLarge, "trailer section too large")
                }
                if line.isEmpty { return .request(finish()) }
                // Trailers are validated like fields, then dropped: nothing here needs them
                // and merging them into the header section is unsafe (RFC 9110 §6.5.1).
                _ = try parseField(line)
                trailerCount += 1
                if trailerCount > limits.maxHeaderCount {
                    throw HTTPParseError(.requestHeaderFieldsTooLarge, "too many trailer fields")
                }
            }
        }
    }

    /// The next CRLF-terminated line without its CRLF, consuming it. A bare LF is an error
    /// (RFC 9112 §2.2 allows rejecting it, and accepting it is how smuggling starts).
    private mutating func nextLine() throws(HTTPParseError) -> Range<Int>? {
        let end = buffer.count
        guard scan < end else { return nil }
        let start = scan
        let lineFeed: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let hit = memchr(base + start, 10, end - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        guard let lineFeed else {
            scan = end
            return nil
        }
        guard lineFeed > position, buffer[lineFeed - 1] == 13 else {
            throw HTTPParseError(.badRequest, "bare LF")
        }
        let line = position..<(lineFeed - 1)
        position = lineFeed + 1
        scan = position
        return line
    }

    private enum HeadStep { case needMore, line, done }

    /// Consumes one line of the head.
    private mutating func parseHeadLine() throws(HTTPParseError) -> HeadStep {
        guard let line = try nextLine() else {
            let pending = buffer.count - position
            if case .requestLine = state, targetTooLong(in: position..<buffer.count) {
                throw HTTPParseError(.uriTooLong, "request-target over \(limits.maxURIBytes) bytes")
            }
            if sectionBytes + pending > limits.maxHeaderBytes {
                throw HTTPParseError(.requestHeaderFieldsTooLarge, "head over \(limits.maxHeaderBytes) bytes")
            }
            return .needMore
        }
        sectionBytes += line.count + 2
        if case .requestLine = state {
            // RFC 9112 §2.2: ignore empty lines before the request-line (bounded by the limit).
            if !line.isEmpty {
                try parseRequestLine(line)
                state = .fields
            }
            if sectionBytes > limits.maxHeaderBytes {
                throw HTTPParseError(.requestHeaderFieldsTooLarge, "head over \(limits.maxHeaderBytes) bytes")
            }
            return .line
        }
        if sectionBytes > limits.maxHeaderBytes {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "head over \(limits.maxHeaderBytes) bytes")
        }
        if line.isEmpty {
            try finishHead()
            return .done
        }
        let field = try parseField(line)
        guard fields.count < limits.maxHeaderCount else {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "more than \(limits.maxHeaderCount) header fields")
        }
        if Self.equalsLowercase(field.name, "accept-language") { acceptLanguage = field.value }
        fields.append(field)
        return .line
    }

    /// Whether an unfinished request-line already carries a target over the URI limit, so a
    /// long URI is answered 414 as soon as it is known, not when the head limit trips.
    private func targetTooLong(in range: Range<Int>) -> Bool {
        var start = range.lowerBound
        while start < range.upperBound, buffer[start] == 13 || buffer[start] == 10 { start += 1 }
        guard let space = buffer[start..<range.upperBound].firstIndex(of: 32) else { return false }
        let rest = buffer[(space + 1)..<range.upperBound]
        let targetEnd = rest.firstIndex(of: 32) ?? range.upperBound
        return targetEnd - space - 1 > limits.maxURIBytes
    }

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
    private mutating func parseRequestLine(_ line: Range<Int>) throws(HTTPParseError) {
        guard let space1 = buffer[line].firstIndex(of: 32),
              let space2 = buffer[(space1 + 1)..<line.upperBound].firstIndex(of: 32) else {
            throw HTTPParseError(.badRequest, "malformed request-line")
        }
        let methodBytes = buffer[line.lowerBound..<space1]
        let targetBytes = buffer[(space1 + 1)..<space2]
        let versionBytes = buffer[(space2 + 1)..<line.upperBound]
        guard targetBytes.count <= limits.maxURIBytes else {
            throw HTTPParseError(.uriTooLong, "request-target over \(limits.maxURIBytes) bytes")
        }
        guard !methodBytes.isEmpty, methodBytes.allSatisfy({ Self.isTokenByte[Int($0)] }) else {
            throw HTTPParseError(.badRequest, "invalid method")
        }
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3)
        let v = versionBytes.startIndex
        guard versionBytes.count == 8, versionBytes.starts(with: Self.httpSlash),
              (48...57).contains(buffer[v + 5]), buffer[v + 6] == UInt8(ascii: "."), (48...57).contains(buffer[v + 7]) else {
            throw HTTPParseError(.badRequest, "malformed HTTP-version")
        }
        version = (Int(buffer[v + 5] - 48), Int(buffer[v + 7] - 48))
        guard version.major == 1, version.minor <= 1 else {
            throw HTTPParseError(.httpVersionNotSupported, "HTTP/\(version.major).\(version.minor)")
        }
        guard let known = HTTPMethod(rawValue: String(decoding: methodBytes, as: UTF8.self)) else {
            throw HTTPParseError(.notImplemented, "unknown method")
        }
        method = known
        guard !targetBytes.isEmpty, targetBytes.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw HTTPParseError(.badRequest, "invalid request-target")
        }
        target = String(decoding: targetBytes, as: UTF8.self)
        if targetBytes.first == UInt8(ascii: "/") {
            (path, query) = try RequestTarget.parse(targetBytes)
        } else if method == .options && targetBytes.count == 1 && targetBytes.first == UInt8(ascii: "*") {
            // asterisk-form (RFC 9112 §3.2.4)
            (path, query) = ("*", [])
        } else {
            throw HTTPParseError(.badRequest, "request-target is not origin-form")
        }
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    private func parseField(_ line: Range<Int>) throws(HTTPParseError) -> (name: String, value: String) {
        let first = buffer[line.lowerBound]
        if first == 32 || first == 9 {
            throw HTTPParseError(.badRequest, "obsolete line folding")   // RFC 9112 §5.2
        }
        guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else {
            throw HTTPParseError(.badRequest, "malformed field line")
        }
        // No whitespace is allowed between name and colon (RFC 9112 §5.1): it fails the token test.
        let nameBytes = buffer[line.lowerBound..<colon]
        guard nameBytes.allSatisfy({ Self.isTokenByte[Int($0)] }) else {
            throw HTTPParseError(.badRequest, "invalid field name")
        }
        var lower = colon + 1, upper = line.upperBound
        while lower < upper, buffer[lower] == 32 || buffer[lower] == 9 { lower += 1 }
        while upper > lower, buffer[upper - 1] == 32 || buffer[upper - 1] == 9 { upper -= 1 }
        let valueBytes = buffer[lower..<upper]
        // field-vchar / SP / HTAB; obs-text is tolerated; CR, LF, NUL and other controls are not.
        guard valueBytes.allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
            throw HTTPParseError(.badRequest, "invalid field value")
        }
        return (String(decoding: nameBytes, as: UTF8.self), String(decoding: valueBytes, as: UTF8.self))
    }

    /// Decides the message body length (RFC 9112 §6.3) and refuses every ambiguous framing.
    private mutating func finishHead() throws(HTTPParseError) {
        var hostCount = 0
        var contentLength: Int? = nil
        var codings: [Substring] = []
        var sawTransferEncoding = false
        var expectation: String? = nil
        for (name, value) in fields {
            switch name.utf8.count {
            case 4 where Self.equalsLowercase(name, "host"):
                hostCount += 1
            case 6 where Self.equalsLowercase(name, "expect"):
                expectation = value
            case 14 where Self.equalsLowercase(name, "content-length"):
                // A list of identical values is one length (RFC 9110 §8.6); differing ones are fatal.
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let length = try Self.parseContentLength(item)
                    if let contentLength, contentLength != length {
                        throw HTTPParseError(.badRequest, "conflicting Content-Length values")
                    }
                    contentLength = length
                }
            case 17 where Self.equalsLowercase(name, "transfer-encoding"):
                sawTransferEncoding = true
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    codings.append(Self.trimmed(item))
                }
            default:
                break
            }
        }
        // RFC 9112 §3.2: exactly one Host in HTTP/1.1.
        if version.minor == 1 && hostCount != 1 {
            throw HTTPParseError(.badRequest, hostCount == 0 ? "missing Host" : "several Host fields")
        }
        if sawTransferEncoding {
            // RFC 9112 §6.1 and §6.3: TE with CL is a smuggling attempt; chunked must be the
            // final (here: the only) coding; HTTP/1.0 has no transfer codings.
            guard contentLength == nil else { throw HTTPParseError(.badRequest, "both Content-Length and Transfer-Encoding") }
            guard version.minor == 1 else { throw HTTPParseError(.badRequest, "Transfer-Encoding in HTTP/1.0") }
            guard codings.count == 1, Self.equalsLowercase(String(codings[0]), "chunked") else {
                throw HTTPParseError(.badRequest, "Transfer-Encoding other than chunked")
            }
        }
        // The route decides how much it takes, before a byte of the body is read; a request
        // without a body has nothing to limit (and a cached page's GET builds no segments).
        let expectsBody = sawTransferEncoding || (contentLength ?? 0) > 0
        bodyLimit = expectsBody ? limits.maxBody(method, RequestTarget.segments(of: path)) : limits.maxBodyBytes
        if let contentLength, contentLength > bodyLimit {
            throw HTTPParseError(.contentTooLarge, "Content-Length over \(bodyLimit) bytes")
        }
        if let expectation, version.minor == 1 {   // HTTP/1.0 Expect is ignored (RFC 9110 §10.1.1)
            guard Self.equalsLowercase(String(Self.trimmed(Substring(expectation))), "100-continue") else {
                throw HTTPParseError(.expectationFailed, "unsupported expectation")
            }
            // A client that already started the body is not waiting for the interim response.
            sendContinue = expectsBody && position == buffer.count
        }
        body = []
        sectionBytes = 0
        if sawTransferEncoding {
            state = .chunkSize
        } else {
            state = .fixedBody(contentLength ?? 0)
        }
    }

    /// chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1); extensions are checked and ignored.
    private func parseChunkSize(_ line: Range<Int>) throws(HTTPParseError) -> Int {
        var i = line.lowerBound
        var value: UInt64 = 0
        var digits = 0, significant = 0
        while i < line.upperBound, let digit = RequestTarget.hexValue(buffer[i]) {
            if value != 0 || digit != 0 { significant += 1 }
            guard significant <= 15 else { throw HTTPParseError(.badRequest, "chunk size overflow") }
            value = value << 4 | UInt64(digit)
            digits += 1
            i += 1
        }
        guard digits > 0 else { throw HTTPParseError(.badRequest, "invalid chunk size") }
        while i < line.upperBound, buffer[i] == 32 || buffer[i] == 9 { i += 1 }
        if i < line.upperBound {
            guard buffer[i] == UInt8(ascii: ";"),
                  buffer[(i + 1)..<line.upperBound].allSatisfy({ $0 == 9 || ($0 >= 32 && $0 != 127) }) else {
                throw HTTPParseError(.badRequest, "invalid chunk extension")
            }
        }
        return Int(value)
    }

    private mutating func finish() -> HTTPRequest {
        let request = HTTPRequest(method: method, target: target, path: path,
                                  query: query, version: version, headers: HTTPHeaders(fields),
                                  body: body, remoteAddress: remoteAddress)
        state = .requestLine
        sectionBytes = 0
        fields = []
        body = []
        query = []
        acceptLanguage = nil
        sendContinue = false
        return request
    }

    // MARK: - Helpers

    /// Content-Length = 1*DIGIT; absurdly long values are simply too large.
    private static func parseContentLength(_ raw: Substring) throws(HTTPParseError) -> Int {
        let text = trimmed(raw)
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw HTTPParseError(.badRequest, "invalid Content-Length")
        }
        guard text.utf8.count <= 18, let value = Int(text) else {
            throw HTTPParseError(.contentTooLarge, "Content-Length too large")
        }
        return value
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let c = text.first, c == " " || c == "\t" { text.removeFirst() }
        while let c = text.last, c == " " || c == "\t" { text.removeLast() }
        return text
    }

    /// ASCII case-insensitive comparison with an already lowercase literal.
    static func equalsLowercase(_ text: String, _ lowercase: String) -> Bool {
        var text = text, lowercase = lowercase
        return text.withUTF8 { x in
            lowercase.withUTF8 { y in
                guard x.count == y.count else { return false }
                for index in 0..<x.count where x[index] != y[index] {
                    guard x[index] >= 65 && x[index] <= 90 && x[index] + 32 == y[index] else { return false }
                }
                return true
            }
        }
    }

    /// Whether `value` (a comma-separated list, e.g. Connection) contains `token`.
    static func listContains(_ value: String, _ token: String) -> Bool {
        value.split(separator: ",").contains { equalsLowercase(String(trimmed($0)), token) }
    }

    /// Whether the connection stays open after answering `request` (RFC 9112 §9.3).
    public static func keepAlive(for request: HTTPRequest) -> Bool {
        let connection = request.headers.values("Connection")
        if request.version.minor >= 1 {
            return !connection.contains { listContains($0, "close") }
        }
        return connection.contains { listContains($0, "keep-alive") }
    }

    private static let httpSlash: [UInt8] = Array("HTTP/".utf8)

    /// The longest chunk-size line, extensions included, counted with its CR.
    static let maxChunkLineBytes = 4096

    /// tchar (RFC 9110 §5.6.2).
    static let isTokenByte: [Bool] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(UInt8(byte))
        }
    }
}
