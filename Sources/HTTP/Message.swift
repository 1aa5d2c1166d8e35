import Foundation

/// The request methods the server knows (RFC 9110 §9). Anything else is answered 501.
public enum HTTPMethod: String, Sendable, CaseIterable, Hashable {
    case get = "GET", head = "HEAD", post = "POST", put = "PUT", delete = "DELETE"
    case patch = "PATCH", options = "OPTIONS", trace = "TRACE", connect = "CONNECT"
}

/// A response status code with its reason phrase (RFC 9110 §15).
public struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let reason: String
    public init(_ code: Int, _ reason: String) { self.code = code; self.reason = reason }
    public var description: String { "\(code) \(reason)" }

    public static let `continue` = HTTPStatus(100, "Continue")
    public static let ok = HTTPStatus(200, "OK")
    public static let created = HTTPStatus(201, "Created")
    public static let noContent = HTTPStatus(204, "No Content")
    public static let movedPermanently = HTTPStatus(301, "Moved Permanently")
    public static let found = HTTPStatus(302, "Found")
    public static let seeOther = HTTPStatus(303, "See Other")
    public static let notModified = HTTPStatus(304, "Not Modified")
    public static let temporaryRedirect = HTTPStatus(307, "Temporary Redirect")
    public static let badRequest = HTTPStatus(400, "Bad Request")
    public static let unauthorized = HTTPStatus(401, "Unauthorized")
    public static let forbidden = HTTPStatus(403, "Forbidden")
    public static let notFound = HTTPStatus(404, "Not Found")
    public static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    public static let requestTimeout = HTTPStatus(408, "Request Timeout")
    public static let conflict = HTTPStatus(409, "Conflict")
    public static let lengthRequired = HTTPStatus(411, "Length Required")
    public static let contentTooLarge = HTTPStatus(413, "Content Too Large")
    public static let uriTooLong = HTTPStatus(414, "URI Too Long")
    public static let unsupportedMediaType = HTTPStatus(415, "Unsupported Media Type")
    public static let expectationFailed = HTTPStatus(417, "Expectation Failed")
    public static let unprocessableContent = HTTPStatus(422, "Unprocessable Content")
    public static let tooManyRequests = HTTPStatus(429, "Too Many Requests")
    public static let requestHeaderFieldsTooLarge = HTTPStatus(431, "Request Header Fields Too Large")
    public static let internalServerError = HTTPStatus(500, "Internal Server Error")
    public static let notImplemented = HTTPStatus(501, "Not Implemented")
    public static let serviceUnavailable = HTTPStatus(503, "Service Unavailable")
    public static let httpVersionNotSupported = HTTPStatus(505, "HTTP Version Not Supported")
}

/// Header fields in arrival order; names compare case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []
    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }
    /// The first value of `name`, if present.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }
    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }
    public func contains(_ name: String) -> Bool { self[name] != nil }
    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }
    /// Replaces every value of `name` with one.
    public mutating func set(_ name: String, _ value: String) { remove(name); fields.append((name, value)) }
    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }
    /// Whether two field names are the same name: field names are tokens (RFC 9110 §5.1), ASCII
    /// only, so ASCII case folding is the whole comparison (Foundation's Unicode-aware
    /// `caseInsensitiveCompare` cost a cached page more than its lookup).
    static func sameName(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard x.count == y.count else { return false }
                for index in 0..<x.count where x[index] != y[index] {
                    guard x[index] | 0x20 == y[index] | 0x20, (x[index] | 0x20) &- 97 < 26 else { return false }
                }
                return true
            }
        }
    }
    public var count: Int { fields.count }
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }
}

/// A complete, parsed request as handlers see it: the path already percent-decoded and
/// normalised once, by the parser, so no handler ever has to do it again.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent (RFC 9112 §3.2), for logs.
    public var target: String
    /// Decoded, normalised absolute path: starts with "/", no "." or ".." segments, no NUL.
    public var path: String
    /// The decoded path segments ("/ar/communes/settat" -> ["ar", "communes", "settat"]), read
    /// from `path` when asked: a cached page the loop answers never needs them.
    public var pathSegments: [String] { RequestTarget.segments(of: path) }
    /// Decoded query parameters in order ("+" is a space, as in HTML forms).
    public var query: [(name: String, value: String)]
    public var version: (major: Int, minor: Int)
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The peer's address ("127.0.0.1"), for rate limits and logs.
    public var remoteAddress: String

    public init(method: HTTPMethod, target: String, path: String,
                query: [(name: String, value: String)] = [], version: (major: Int, minor: Int) = (1, 1),
                headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String = "") {
        self.method = method; self.target = target; self.path = path
        self.query = query; self.version = version; self.headers = headers; self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first query value named `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// A response body the server pulls in pieces as the socket drains, instead of one array
/// held whole: a stored file of several megabytes (evidence, issue 13) is read a chunk at a time
/// and never sits in memory at once. Its length is known before the first byte is sent, so it
/// is framed by Content-Length (RFC 9112 §6.2) and a keep-alive connection goes on after it.
/// `read` runs on a worker thread (never on the event loop), so it may block on the store.
///
/// A body made as it is read (a network-wide export, issue 16) does not know its length: it says
/// so with `isLengthKnown`, and is sent chunked (RFC 9112 §7.1) to an HTTP/1.1 client, or
/// delimited by closing the connection to an HTTP/1.0 one.
public protocol HTTPBodyStream: Sendable {
    /// The body's length in bytes (ignored when `isLengthKnown` is false).
    var count: Int { get }
    /// False for a body whose end is known only when `read` returns 0.
    var isLengthKnown: Bool { get }
    /// Copies the bytes from `offset` on into `buffer` (at most `buffer.count`, never past
    /// `count`) and returns how many it copied; fewer than asked only at the end (0 at the end of
    /// a body of unknown length). A throw ends the connection: the head is already sent, so no
    /// other status can be given (a chunked body then lacks its last chunk, so the client knows).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension HTTPBodyStream {
    public var isLengthKnown: Bool { true }
}

/// What a handler returns. The server adds Date, Content-Length, security headers,
/// compression and HEAD handling, so handlers only say what is theirs to say.
public struct HTTPResponse: Sendable {
    // Changing any part forgets the kept head (`keepingEncodedHead`).
    public var status: HTTPStatus { didSet { encodedHead = nil } }
    public var headers: HTTPHeaders { didSet { encodedHead = nil } }
    public var body: [UInt8] { didSet { encodedHead = nil } }
    /// A body pulled in chunks instead of `body` (which is then ignored): never compressed,
    /// never cached by the page cache, framed by its `count` (or chunked when it has none).
    public var stream: (any HTTPBodyStream)? { didSet { encodedHead = nil } }
    /// Where the encoder keeps this response's head once made, for a response sent many times.
    var encodedHead: EncodedHead?

    /// This response, made to keep its encoded head: a page the cache answers thousands of
    /// times a second is then not re-encoded field by field for each (only its Date and
    /// Connection lines are written per request).
    public func keepingEncodedHead() -> HTTPResponse {
        var kept = self
        kept.encodedHead = EncodedHead()
        return kept
    }

    /// The memory a kept response's body takes again once it is sent from a memory file
    /// (`MemoryFile`, made at its second answer, for a body of `MemoryFile.threshold` or more):
    /// a cache bounded in bytes counts it from the entry's second answer on.
    public var memoryFileBytes: Int { body.count >= MemoryFile.threshold ? body.count : 0 }

    /// Asks that this kept response never be sent from a memory file (a bounded cache without
    /// room for one); it then leaves by `sendmsg` from its bytes. False when a file was already
    /// made, which then stays (and must be counted).
    public func forgoMemoryFile() -> Bool {
        encodedHead?.forgoFile() ?? true
    }

    /// Lets go of this kept response's memory file, made or not yet, and makes none again: a
    /// cache bounded in bytes that needs room for a page gives up files before pages. An answer
    /// already sending from the file keeps it until it is done.
    public func dropMemoryFile() {
        encodedHead?.dropFile()
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body; self.stream = nil
    }

    /// A response whose body the server pulls from `stream` as the client reads.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), stream: any HTTPBodyStream) {
        self.status = status; self.headers = headers; self.body = []; self.stream = stream
    }

    /// An HTML page in UTF-8.
    public static func html(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/html; charset=utf-8")]),
                     body: Array(text.utf8))
    }

    /// A redirect to `location` (303 by default: after a POST, the browser GETs the receipt).
    public static func redirect(to location: String, status: HTTPStatus = .seeOther) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Location", location)]))
    }
}

/// An error that knows the status it should be answered with. Handlers throw these;
/// anything else thrown becomes a logged 500.
public protocol HTTPStatusError: Error {
    var status: HTTPStatus { get }
    /// Extra headers the error response must carry (e.g. Allow for 405).
    var headers: HTTPHeaders { get }
}

extension HTTPStatusError {
    public var headers: HTTPHeaders { HTTPHeaders() }
}

/// The simplest status error: "this request gets that status".
public struct HTTPError: HTTPStatusError, CustomStringConvertible {
    public let status: HTTPStatus
    public let headers: HTTPHeaders
    public let reason: String
    public init(_ status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), reason: String = "") {
        self.status = status; self.headers = headers; self.reason = reason
    }
    public var description: String { reason.isEmpty ? status.description : "\(status): \(reason)" }
}

/// The application behind the server. `respond` runs on a worker thread (never on the
/// event loop), so it may block on the store. `errorPage` renders the pages for errors
/// the server detects itself (400, 413, 431...), possibly with no parsed request.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) throws -> HTTPResponse
    /// An answer ready now, without waiting on anything (a file or a page already in memory),
    /// or nil. It is asked on the event loop, before a request is handed to a worker thread, so
    /// it must never block: no store, no disk, no compression. A request answered here costs no
    /// hand-over between threads. Nil sends the request to `respond(to:)` on a worker as usual.
    func immediateResponse(to request: HTTPRequest) -> HTTPResponse?
    /// A page for `status`. `request` is nil when the request could not be parsed;
    /// `acceptLanguage` is whatever Accept-Language header could be read.
    func errorPage(for status: HTTPStatus, request: HTTPRequest?, acceptLanguage: String?) -> HTTPResponse
    /// The page for an error a handler threw: an application whose errors say more than their
    /// status (a sentence for the person, in the page's language) reads it from `error` here.
    func errorPage(for error: any HTTPStatusError, request: HTTPRequest) -> HTTPResponse
}

extension HTTPResponder {
    /// By default every request goes to a worker.
    public func immediateResponse(to request: HTTPRequest) -> HTTPResponse? { nil }

    /// By default a thrown error's page is its status's page.
    public func errorPage(for error: any HTTPStatusError, request: HTTPRequest) -> HTTPResponse {
        errorPage(for: error.status, request: request, acceptLanguage: request.headers["Accept-Language"])
    }

    /// What the server answers to `request`: the handler's response or, when it throws, the error
    /// page of the status it names with the fields it carries (Allow on a 405, Retry-After on a
    /// 503), or a 500 page for any other failure, which is logged. The one place an error becomes a
    /// response: the server and the tests' harness both answer through it.
    public func response(to request: HTTPRequest) -> HTTPResponse {
        do {
            return try respond(to: request)
        } catch let error as any HTTPStatusError {
            var response = errorPage(for: error, request: request)
            for (name, value) in error.headers { response.headers.set(name, value) }
            return response
        } catch {
            logError("\(request.method.rawValue) \(request.path) failed: \(String(describing: error))")
            return errorPage(for: .internalServerError, request: request, acceptLanguage: request.headers["Accept-Language"])
        }
    }
}

/// A response's head as `ResponseEncoder` last made it, in the two parts around the Date line,
/// for a client that takes the response as it is (no compression on the way out). Shared by
/// the copies of one kept response; filled by the first answer.
final class EncodedHead: @unchecked Sendable {
    struct Parts {
        /// Status line and fields, up to the Date line.
        let beforeDate: [UInt8]
        /// The Content-Length line (or nothing).
        let length: [UInt8]
        /// Whether a client accepting gzip would get a compressed body instead (then not used).
        let compressesForGzip: Bool
    }

    private let lock = NSLock()
    private var parts: Parts?
    private var file: MemoryFile?
    private var fileTried = false

    var value: Parts? {
        get { lock.withLock { parts } }
        set { lock.withLock { parts = newValue } }
    }

    /// The kept body in a memory file for `sendfile`, made when an answer first sends it from
    /// the kept head: a page answered once (a render nobody asks for again) never pays for one.
    /// Nil below `MemoryFile.threshold`, or when the system refused one.
    func memoryFile(for body: [UInt8]) -> MemoryFile? {
        guard body.count >= MemoryFile.threshold else { return nil }
        return lock.withLock {
            if !fileTried {
                fileTried = true
                file = MemoryFile(body)
            }
            return file
        }
    }

    /// No file from now on, and none kept (see `HTTPResponse.dropMemoryFile`).
    func dropFile() {
        lock.withLock {
            fileTried = true
            file = nil
        }
    }

    /// No file from now on (see `HTTPResponse.forgoMemoryFile`); false when one was made already.
    func forgoFile() -> Bool {
        lock.withLock {
            fileTried = true
            return file == nil
        }
    }

    /// The memory file made so far, if any (for tests).
    var madeFile: MemoryFile? { lock.withLock { file } }
}
