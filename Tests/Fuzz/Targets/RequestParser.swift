/// Fuzz target: the HTTP/1.1 request parser (`Sources/HTTP/RequestParser.swift`) on whole byte
/// streams, pipelined requests included. The input is what a client sends on one connection.
///
/// Why: the parser is the first code every byte from the network reaches, and a framing
/// disagreement with a proxy is request smuggling (RFC 9112 §11.2). Properties checked:
/// - Split independence: the stream fed at once, byte by byte and in pseudo-random pieces gives
///   the same requests and fails or not alike (a TCP segmentation must not change the meaning).
/// - Every accepted request is unambiguous: never both Content-Length and Transfer-Encoding;
///   Transfer-Encoding only as the single coding `chunked` in HTTP/1.1; a Content-Length equal
///   to the body's length; exactly one Host in HTTP/1.1; version 1.0 or 1.1.
/// - The limits hold: body, header count, request-target length.
/// - Field names are tokens, values hold no CR, LF, NUL or surrounding blanks.
/// - The path is normalised: starts with "/", no empty, "." or ".." segment, no NUL, and the
///   segments are the path's; `RequestTarget.parse` of the target gives the same path and query.
/// - Writing an accepted request back out (with Content-Length framing) and parsing it again
///   gives the same request.
@testable import HTTP

let limits = HTTPRequestParser.Limits(maxHeaderBytes: 1024, maxURIBytes: 256, maxHeaderCount: 16, maxBodyBytes: 2048)

/// What a request means, in comparable form.
struct Meaning: Equatable {
    var method: String, target: String, path: String, segments: [String], query: [[String]]
    var version: [Int], headers: [[String]], body: [UInt8]

    init(_ request: HTTPRequest, droppingFraming: Bool = false) {
        method = request.method.rawValue; target = request.target; path = request.path; segments = request.pathSegments
        query = request.query.map { [$0.name, $0.value] }
        version = [request.version.major, request.version.minor]
        headers = request.headers.fields.filter { field in
            !droppingFraming || !["content-length", "transfer-encoding"].contains(field.name.lowercased())
        }.map { [$0.name, $0.value] }
        body = request.body
    }
}

/// Feeds `stream` in `pieces` and collects every request until the parser fails or wants more.
func parse(_ stream: [UInt8], pieces: [Int], limits: HTTPRequestParser.Limits = limits) -> (requests: [HTTPRequest], failed: Bool) {
    var parser = HTTPRequestParser(limits: limits)
    var requests: [HTTPRequest] = []
    var offset = 0
    for piece in pieces {
        parser.append(contentsOf: stream[offset..<(offset + piece)])
        offset += piece
        loop: while true {
            do {
                switch try parser.next() {
                case .needMore: break loop
                case .continueExpected: continue
                case .request(let request): requests.append(request)
                }
            } catch {
                return (requests, true)
            }
        }
    }
    return (requests, false)
}

/// The request written back out: request-line, its fields without framing, Content-Length.
func serialized(_ request: HTTPRequest) -> [UInt8] {
    var text = "\(request.method.rawValue) \(request.target) HTTP/\(request.version.major).\(request.version.minor)\r\n"
    for field in request.headers.fields where !["content-length", "transfer-encoding"].contains(field.name.lowercased()) {
        text += "\(field.name): \(field.value)\r\n"
    }
    text += "Content-Length: \(request.body.count)\r\n\r\n"
    return Array(text.utf8) + request.body
}

func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
}

func check(_ request: HTTPRequest) {
    let headers = request.headers
    let lengths = headers.values("Content-Length"), codings = headers.values("Transfer-Encoding")
    require(lengths.isEmpty || codings.isEmpty, "accepted both Content-Length and Transfer-Encoding")
    if !codings.isEmpty {
        require(request.version.minor == 1, "Transfer-Encoding accepted in HTTP/1.0")
        require(codings.count == 1 && codings[0].trimmingASCIIBlanks.lowercased() == "chunked",
                "Transfer-Encoding other than a single chunked: \(codings)")
    }
    for value in lengths {
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            require(Int(String(item).trimmingASCIIBlanks) == request.body.count,
                    "Content-Length \(value) but a body of \(request.body.count) bytes")
        }
    }
    require(request.body.count <= limits.maxBodyBytes, "body over the limit")
    require(request.version.major == 1 && request.version.minor <= 1, "version \(request.version)")
    if request.version.minor == 1 { require(headers.values("Host").count == 1, "HTTP/1.1 without exactly one Host") }
    require(headers.count <= limits.maxHeaderCount, "more fields than the limit")
    for field in headers.fields {
        require(!field.name.isEmpty && field.name.utf8.allSatisfy(isTokenByte), "field name \(shown(field.name))")
        require(!field.value.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }, "CR, LF or NUL in a field value")
        require(field.value.utf8.first.map { $0 != 32 && $0 != 9 } ?? true
                && field.value.utf8.last.map { $0 != 32 && $0 != 9 } ?? true, "field value with surrounding blanks")
    }
    let target = Array(request.target.utf8)
    require(target.count <= limits.maxURIBytes && target.allSatisfy { $0 > 32 && $0 < 127 }, "request-target \(shown(request.target))")
    if request.target == "*" {
        require(request.method == .options && request.path == "*", "asterisk-form outside OPTIONS")
        return
    }
    require(request.path.hasPrefix("/") && !request.path.utf8.contains(0), "path \(shown(request.path))")
    require(!request.path.contains("//"), "empty segment in \(shown(request.path))")
    require(request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && request.pathSegments.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }, "dot-segment in \(shown(request.path))")
    let joined = "/" + request.pathSegments.joined(separator: "/")
    require(sameBytes(joined, request.path) || sameBytes(joined + "/", request.path), "segments are not the path's")
    let again = try? RequestTarget.parse(target[...])
    require(again != nil && again!.path == request.path
            && again!.query.map { [$0.name, $0.value] } == request.query.map { [$0.name, $0.value] },
            "RequestTarget.parse disagrees with the parser on \(shown(request.target))")
}

extension String {
    var trimmingASCIIBlanks: String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" { slice = slice.dropFirst() }
        while let c = slice.last, c == " " || c == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let stream = bytes(data, size)
    let whole = parse(stream, pieces: stream.isEmpty ? [] : [stream.count])
    let meanings = whole.requests.map { Meaning($0) }
    var random = SplitMix(seeding: stream)
    var splits = [random.pieces(of: stream.count)]
    if stream.count <= 1024 { splits.append(Array(repeating: 1, count: stream.count)) }
    for pieces in splits {
        let split = parse(stream, pieces: pieces)
        require(split.requests.map { Meaning($0) } == meanings && split.failed == whole.failed,
                "fed in \(pieces.count) pieces: \(split.requests.count) requests (failed: \(split.failed)), "
                + "at once: \(meanings.count) (failed: \(whole.failed))")
    }
    for request in whole.requests {
        check(request)
        // Rewritten fields may be a little longer ("a:b" becomes "a: b") and Content-Length is
        // one more field, hence the roomier head.
        var roomy = limits
        roomy.maxHeaderBytes += 2048
        roomy.maxHeaderCount += 1
        let reread = parse(serialized(request), pieces: [serialized(request).count], limits: roomy)
        require(reread.requests.count == 1 && !reread.failed
                && Meaning(reread.requests[0], droppingFraming: true) == Meaning(request, droppingFraming: true),
                "the request written back out does not read the same: \(shown(String(decoding: serialized(request), as: UTF8.self)))")
    }
    return 0
}
