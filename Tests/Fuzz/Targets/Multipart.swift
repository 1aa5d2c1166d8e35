/// Fuzz target: `multipart/form-data` bodies (RFC 7578, `Sources/HTTP/Multipart.swift`).
///
/// Why: the matrix CSV and other uploads arrive this way; a part cut in the wrong place is a
/// file stored wrongly, and the parser walks offsets by hand. Properties:
/// - Round trip: any parts (names and file names in any Unicode, bodies of any bytes, with or
///   without a Content-Type), written as a browser writes them (WHATWG HTML "multipart/form-data
///   encoding algorithm": `"`, CR and LF in names as %22, %0D, %0A) with a boundary that occurs
///   in no body, read back as the same parts, byte for byte. Names holding "%22", "%0D", "%0A" or
///   a backslash are left out: a browser's bytes for them are ambiguous (RFC 9110 quoting would
///   read a backslash as an escape, WHATWG's as itself).
/// - For any body: at most `maxParts` parts, no part body holds the delimiter, and what was read,
///   written out again, reads the same.
@testable import HTTP

/// RFC 2046 §5.1.1 bchars (space only inside).
let boundaryBytes = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?".utf8)

/// `"`, CR and LF as %22, %0D, %0A, byte by byte (a quote followed by a combining mark is one
/// Character, so Character-level replacing would miss it).
func escapedName(_ name: String) -> String {
    var out: [UInt8] = []
    for byte in name.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += Array("%22".utf8)
        case 13: out += Array("%0D".utf8)
        case 10: out += Array("%0A".utf8)
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

func isUnambiguous(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    return !["%22", "%0D", "%0A", "\\"].contains { contains(bytes, Array($0.utf8)) }
}

/// The body a browser sends for `parts`.
func encoded(_ parts: [Multipart.Part], boundary: String) -> [UInt8] {
    var out: [UInt8] = []
    for part in parts {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(escapedName(part.name))\""
        if let filename = part.filename { head += "; filename=\"\(escapedName(filename))\"" }
        head += "\r\n"
        if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
        out += Array((head + "\r\n").utf8) + part.body + [13, 10]
    }
    return out + Array("--\(boundary)--\r\n".utf8)
}

func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard !pattern.isEmpty, bytes.count >= pattern.count else { return false }
    return (0...(bytes.count - pattern.count)).contains { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
}

func describe(_ parts: [Multipart.Part]) -> String {
    parts.map { "\(shown($0.name)) \($0.filename.map(shown) ?? "-") \($0.contentType ?? "-") \($0.body.count)B" }.joined(separator: " | ")
}

func same(_ a: [Multipart.Part], _ b: [Multipart.Part]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy {
        sameBytes($0.name, $1.name) && sameBytes($0.filename, $1.filename) && $0.contentType == $1.contentType && $0.body == $1.body
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    guard let mode = raw.first else { return 0 }
    if mode & 1 == 1 {
        var input = FuzzInput(Array(raw.dropFirst()))
        let boundary = String(decoding: (0..<input.int(1...70)).map { _ in boundaryBytes[Int(input.byte()) % boundaryBytes.count] }, as: UTF8.self)
        let types = [nil, "text/plain", "text/csv; charset=utf-8", "application/octet-stream"]
        var parts: [Multipart.Part] = []
        while !input.isExhausted && parts.count < 20 {
            let name = input.text(maxLength: 40)
            let filename: String? = input.bool() ? input.text(maxLength: 40) : nil
            parts.append(Multipart.Part(name: name, filename: filename, contentType: types[input.int(0...3)], body: input.run()))
        }
        let delimiter = Array("\r\n--\(boundary)".utf8)
        guard !parts.isEmpty, parts.allSatisfy({ isUnambiguous($0.name) && isUnambiguous($0.filename ?? "") && !contains($0.body, delimiter) })
        else { return 0 }
        let body = encoded(parts, boundary: boundary)
        let read = try? Multipart.parse(body: body, contentType: "multipart/form-data; boundary=\"\(boundary)\"")
        require(read != nil && same(read!.parts, parts),
                "parts \(describe(parts)) with boundary \(boundary) read back as \(read.map { describe($0.parts) } ?? "an error")")
        return 0
    }
    let body = Array(raw.dropFirst())
    let boundary = "b0undary"
    guard let read = try? Multipart.parse(body: body, contentType: "multipart/form-data; boundary=\(boundary)",
                                          limits: Multipart.Limits(maxParts: 8, maxHeaderBytes: 256)) else { return 0 }
    require(!read.parts.isEmpty && read.parts.count <= 8, "\(read.parts.count) parts")
    let delimiter = Array("\r\n--\(boundary)".utf8)
    require(read.parts.allSatisfy { !contains($0.body, delimiter) }, "a part body holds the delimiter")
    let plain = read.parts.allSatisfy { isUnambiguous($0.name) && isUnambiguous($0.filename ?? "")
        && !($0.contentType ?? "").utf8.contains(where: { $0 == 13 || $0 == 10 }) }
    if plain {
        let again = try? Multipart.parse(body: encoded(read.parts, boundary: boundary), contentType: "multipart/form-data; boundary=\(boundary)")
        require(again != nil && same(again!.parts, read.parts), "\(describe(read.parts)) written out again reads as \(again.map { describe($0.parts) } ?? "an error")")
    }
    return 0
}
