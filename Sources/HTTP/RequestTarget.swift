/// Turns a raw origin-form request-target (RFC 9112 §3.2.1) into the decoded, normalised
/// path and query that handlers see. Done once, here, so that no handler (and above all the
/// static-file handler) ever sees "%2e%2e", a NUL or a ".." segment.
enum RequestTarget {
    static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: "."), percent = UInt8(ascii: "%")

    /// Splits `target` at the first "?" and decodes both halves.
    static func parse(_ target: ArraySlice<UInt8>) throws(HTTPParseError)
        -> (path: String, query: [(name: String, value: String)]) {
        let questionMark = target.firstIndex(of: UInt8(ascii: "?"))
        let rawPath = target[target.startIndex..<(questionMark ?? target.endIndex)]
        let path = try normalize(rawPath)
        var query: [(name: String, value: String)] = []
        if let questionMark {
            query = try parseQuery(target[(questionMark + 1)...])
        }
        return (path, query)
    }

    /// Percent-decodes once, then removes dot-segments (RFC 3986 §5.2.4) without ever
    /// climbing above the root, and collapses empty segments. Decoding first means an encoded
    /// "/" or "." cannot smuggle a segment past the normalisation.
    static func normalize(_ raw: ArraySlice<UInt8>) throws(HTTPParseError) -> String {
        guard raw.first == slash else { throw HTTPParseError(.badRequest, "path must start with /") }
        // Fast path: nothing encoded, no dot-segment, no empty segment.
        var simple = true
        var previous: UInt8 = 0
        for byte in raw {
            if byte == percent || (previous == slash && (byte == dot || byte == slash)) { simple = false; break }
            previous = byte
        }
        if simple {
            return String(decoding: raw, as: UTF8.self)
        }
        let decoded = try percentDecode(raw, plusAsSpace: false)
        guard !decoded.contains(0) else { throw HTTPParseError(.badRequest, "NUL in path") }
        guard String(validating: decoded, as: UTF8.self) != nil else {
            throw HTTPParseError(.badRequest, "path is not UTF-8")
        }
        // Split as bytes, as `segments(of:)` does: every "/" separates, even one a combining mark
        // follows (which a split by characters would take as one character with it).
        var stack: [ArraySlice<UInt8>] = []
        var endsWithSlash = false
        for part in decoded.split(separator: slash, omittingEmptySubsequences: false).dropFirst() {
            if part.isEmpty || part.elementsEqual([dot]) {
                endsWithSlash = true
            } else if part.elementsEqual([dot, dot]) {
                guard !stack.isEmpty else { throw HTTPParseError(.badRequest, "path climbs above the root") }
                stack.removeLast()
                endsWithSlash = true
            } else {
                stack.append(part)
                endsWithSlash = false
            }
        }
        let segments = stack.map { String(decoding: $0, as: UTF8.self) }
        var path = "/" + segments.joined(separator: "/")
        if endsWithSlash && !segments.isEmpty { path += "/" }
        return path
    }

    /// A normalised path's segments: its parts between slashes (it has no empty, "." or ".."
    /// segment, and an encoded "/" was decoded before normalising, so none hides in a segment).
    /// Split as bytes: a "/" is never inside a UTF-8 sequence, and splitting the string would
    /// walk it by grapheme clusters. The asterisk-form of `OPTIONS *` has none.
    static func segments(of path: String) -> [String] {
        guard path.utf8.first == slash else { return [] }
        return path.utf8.split(separator: slash).map { String(decoding: $0, as: UTF8.self) }
    }

    /// application/x-www-form-urlencoded pairs: "+" is a space, then percent-decoding.
    static func parseQuery(_ raw: ArraySlice<UInt8>) throws(HTTPParseError) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for pair in raw.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let name = try decodeComponent(pair[pair.startIndex..<(equals ?? pair.endIndex)])
            let value = try equals.map { i throws(HTTPParseError) in try decodeComponent(pair[(i + 1)...]) } ?? ""
            result.append((name, value))
        }
        return result
    }

    /// Decodes a form-encoded body the same way as a query (for POSTed forms).
    static func decodeComponent(_ raw: ArraySlice<UInt8>) throws(HTTPParseError) -> String {
        let bytes = try percentDecode(raw, plusAsSpace: true)
        guard !bytes.contains(0) else { throw HTTPParseError(.badRequest, "NUL in query") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw HTTPParseError(.badRequest, "query is not UTF-8")
        }
        return text
    }

    static func percentDecode(_ raw: ArraySlice<UInt8>, plusAsSpace: Bool) throws(HTTPParseError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            let byte = raw[i]
            if byte == percent {
                guard i + 2 < raw.endIndex,
                      let high = hexValue(raw[i + 1]), let low = hexValue(raw[i + 2]) else {
                    throw HTTPParseError(.badRequest, "invalid percent-escape")
                }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
