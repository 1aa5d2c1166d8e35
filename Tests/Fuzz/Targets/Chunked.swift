/// Fuzz target: chunked transfer coding (RFC 9112 §7.1) as `HTTPRequestParser` decodes it.
///
/// Why: where a chunked body ends decides where the next request starts; a parser that ends it
/// elsewhere than a proxy does lets one request hide inside another (RFC 9112 §11.2). The input
/// is either a body's chunks as a client sends them (even first byte), decoded behind a fixed
/// head and followed by a pipelined request, or a structured body (odd first byte). Properties:
/// - Against a reference decoder written from the RFC's grammar (with the server's limits): the
///   parser accepts exactly when it does, with the same body, and stops reading at the same byte.
/// - Split independence: fed in pieces, the same body and the same acceptance.
/// - Round trip: any body, cut into any chunks with extensions and trailers, decodes to itself.
@testable import HTTP

let limits = HTTPRequestParser.Limits(maxHeaderBytes: 512, maxURIBytes: 256, maxHeaderCount: 8, maxBodyBytes: 4096)
let head = Array("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
let next = Array("GET /next HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
/// A chunk-size line (with its CR) longer than this is refused (the parser's own bound).
let maxChunkLine = 4096

enum Expected: Equatable { case body([UInt8], consumed: Int), failed, incomplete }

/// RFC 9112 §7.1: chunked-body = *chunk last-chunk trailer-section CRLF, with
/// chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF. Extensions are any field-vchar, SP or
/// HTAB after ";" (the parser checks and ignores them); trailer fields are field lines.
func reference(_ b: [UInt8]) -> Expected {
    var i = 0
    var body: [UInt8] = []
    /// The next line from i, without CRLF; nil with `failed` set when it has a bare LF.
    func line(_ i: inout Int, _ failed: inout Bool) -> ArraySlice<UInt8>? {
        guard let lf = b[i...].firstIndex(of: 10) else { return nil }
        guard lf > i, b[lf - 1] == 13 else { failed = true; return nil }
        defer { i = lf + 1 }
        return b[i..<(lf - 1)]
    }
    func isFieldByte(_ c: UInt8) -> Bool { c == 9 || (c >= 32 && c != 127) }
    while true {
        var failed = false
        let start = i
        guard let sizeLine = line(&i, &failed) else {
            if failed { return .failed }
            return b.count - start > maxChunkLine ? .failed : .incomplete
        }
        guard sizeLine.count + 1 <= maxChunkLine else { return .failed }
        var value: UInt64 = 0, digits = 0, significant = 0
        var j = sizeLine.startIndex
        while j < sizeLine.endIndex, let digit = RequestTarget.hexValue(sizeLine[j]) {
            if value != 0 || digit != 0 { significant += 1 }
            guard significant <= 15 else { return .failed }
            value = value << 4 | UInt64(digit); digits += 1; j += 1
        }
        guard digits > 0 else { return .failed }
        while j < sizeLine.endIndex, sizeLine[j] == 32 || sizeLine[j] == 9 { j += 1 }
        if j < sizeLine.endIndex {
            guard sizeLine[j] == UInt8(ascii: ";"), sizeLine[(j + 1)...].allSatisfy(isFieldByte) else { return .failed }
        }
        if value == 0 { break }
        guard Int(value) <= limits.maxBodyBytes - body.count else { return .failed }
        let size = Int(value)
        guard b.count - i >= size else { return .incomplete }
        body += b[i..<(i + size)]
        i += size
        if b.count - i >= 1 && b[i] != 13 || b.count - i >= 2 && b[i + 1] != 10 { return .failed }
        guard b.count - i >= 2 else { return .incomplete }
        i += 2
    }
    var sectionBytes = 0, count = 0
    while true {
        var failed = false
        let start = i
        guard let field = line(&i, &failed) else {
            if failed { return .failed }
            return sectionBytes + b.count - start > limits.maxHeaderBytes ? .failed : .incomplete
        }
        sectionBytes += field.count + 2
        guard sectionBytes <= limits.maxHeaderBytes else { return .failed }
        if field.isEmpty { return .body(body, consumed: i) }
        guard let first = field.first, first != 32, first != 9,
              let colon = field.firstIndex(of: UInt8(ascii: ":")), colon > field.startIndex,
              field[..<colon].allSatisfy(isTokenByte), field[(colon + 1)...].allSatisfy(isFieldByte) else { return .failed }
        count += 1
        guard count <= limits.maxHeaderCount else { return .failed }
    }
}

func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
}

/// The first request's body (nil if none), whether the parser failed before it, and the bytes
/// it left unread after it.
func decode(_ stream: [UInt8], pieces: [Int]) -> (body: [UInt8]?, failed: Bool, left: Int) {
    var parser = HTTPRequestParser(limits: limits)
    var offset = 0
    for piece in pieces {
        parser.append(contentsOf: stream[offset..<(offset + piece)])
        offset += piece
        while true {
            do {
                switch try parser.next() {
                case .needMore: break
                case .continueExpected: continue
                case .request(let request): return (request.body, false, parser.bufferedByteCount + stream.count - offset)
                }
            } catch {
                return (nil, true, 0)
            }
            break
        }
    }
    return (nil, false, 0)
}

/// A chunked encoding of `body` whose cuts, extensions and trailers come from `input`.
func encoded(_ body: [UInt8], _ input: inout FuzzInput) -> [UInt8] {
    var out: [UInt8] = []
    var offset = 0
    while offset < body.count {
        let size = min(body.count - offset, input.int(1...600))
        let zeros = String(repeating: "0", count: input.int(0...3))
        var hex = zeros + String(size, radix: 16, uppercase: input.bool())
        if input.bool() { hex += ";name=\"quoted value\"" } else if input.bool() { hex += " ;x" }
        out += Array(hex.utf8) + [13, 10] + body[offset..<(offset + size)] + [13, 10]
        offset += size
    }
    out += Array("0\r\n".utf8)
    for index in 0..<input.int(0...3) { out += Array("Trailer-\(index): value \(index)\r\n".utf8) }
    return out + [13, 10]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    guard let mode = raw.first else { return 0 }
    if mode & 1 == 1 {
        var input = FuzzInput(Array(raw.dropFirst()))
        let body = input.run(maxLength: 255) + input.run(maxLength: 255) + input.run(maxLength: 255)
        let stream = head + encoded(body, &input) + next
        let result = decode(stream, pieces: [stream.count])
        require(result.body == body && result.left == next.count, "a chunked body of \(body.count) bytes read back as \(result)")
        return 0
    }
    let chunks = Array(raw.dropFirst())
    let expected = reference(chunks + next)
    let stream = head + chunks + next
    let whole = decode(stream, pieces: [stream.count])
    switch expected {
    case .body(let body, let consumed):
        require(whole.body == body && whole.left == chunks.count + next.count - consumed,
                "reference reads \(body.count) bytes, ending after byte \(consumed); the parser: \(whole.body?.count ?? -1) bytes, "
                + "\(whole.left) left unread (failed: \(whole.failed))")
    case .failed:
        require(whole.failed, "the reference refuses the body; the parser: \(whole)")
    case .incomplete:
        require(whole.body == nil && !whole.failed, "the reference wants more bytes; the parser: \(whole)")
    }
    var random = SplitMix(seeding: raw)
    let split = decode(stream, pieces: random.pieces(of: stream.count))
    require(split.body == whole.body && split.failed == whole.failed,
            "in pieces: \(split.body?.count ?? -1) bytes (failed: \(split.failed)); at once: \(whole.body?.count ?? -1) (failed: \(whole.failed))")
    return 0
}
