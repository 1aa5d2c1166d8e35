import Glibc

/// The parts of a `multipart/form-data` body (RFC 7578), the only way a browser uploads a file
/// from an HTML form. Parsed whole from the already-limited request body: a part is its
/// `name`, its `filename` when it came from a file input, its declared type and its bytes.
/// Anything a browser would not send (no boundary, a part without a `form-data` disposition,
/// a body cut short) is refused with 400 rather than guessed at.
public struct Multipart: Sendable {
    /// One form field or one file.
    public struct Part: Sendable, Equatable {
        /// The field name (RFC 7578 §4.2: the `name` parameter of Content-Disposition).
        public var name: String
        /// The file's name as the browser gave it (RFC 7578 §4.2), nil for a plain field.
        /// Never a path to trust: browsers send the base name, others may send anything.
        public var filename: String?
        /// The part's Content-Type (RFC 7578 §4.4), nil when absent (text/plain by default).
        public var contentType: String?
        public var body: [UInt8]

        /// The body as UTF-8 text (RFC 7578 §5.1: our forms declare `accept-charset="utf-8"`),
        /// nil when it is not valid UTF-8.
        public var text: String? { String(validating: body, as: UTF8.self) }
    }

    /// How much one body may hold, beyond the server's own body limit.
    public struct Limits: Sendable {
        public var maxParts: Int
        public var maxHeaderBytes: Int
        public init(maxParts: Int = 200, maxHeaderBytes: Int = 8 * 1024) {
            self.maxParts = maxParts; self.maxHeaderBytes = maxHeaderBytes
        }
    }

    /// Why a body could not be read as multipart form data: 400 for a malformed body, 413
    /// for one over the limits, 415 for another media type.
    public struct ParseError: HTTPStatusError, CustomStringConvertible {
        public let status: HTTPStatus
        public let description: String
    }

    public var parts: [Part]

    /// The first plain field named `name`, as text.
    public subscript(name: String) -> String? { parts.first { $0.name == name && $0.filename == nil }?.text }

    /// The first file part named `name`.
    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }

    /// Whether a Content-Type header says `multipart/form-data`.
    public static func isMultipart(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return mediaType(contentType) == "multipart/form-data"
    }

    /// Reads `body` sent with the header `contentType`.
    public static func parse(body: [UInt8], contentType: String, limits: Limits = Limits()) throws -> Multipart {
        guard mediaType(contentType) == "multipart/form-data" else {
            throw ParseError(status: .unsupportedMediaType, description: "expected multipart/form-data")
        }
        // RFC 7578 §4.1 / RFC 2046 §5.1.1: a required parameter of 1 to 70 characters.
        guard let boundary = parameters(of: contentType)["boundary"], (1...70).contains(boundary.utf8.count) else {
            throw malformed("no usable boundary parameter")
        }
        let dashBoundary = Array(("--" + boundary).utf8)
        let crlf: [UInt8] = [13, 10]
        // RFC 2046 §5.1.1: a preamble may precede the first delimiter; it is ignored.
        var position: Int
        if body.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = search(body, crlf + dashBoundary, from: 0) {
            position = found + 2 + dashBoundary.count
        } else {
            throw malformed("no opening boundary")
        }
        let delimiter = crlf + dashBoundary
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body, else transport padding then CRLF.
            if body.count >= position + 2, body[position] == 45, body[position + 1] == 45 { break }
            while position < body.count, body[position] == 32 || body[position] == 9 { position += 1 }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else {
                throw malformed("boundary line not ended by CRLF")
            }
            position += 2
            guard parts.count < limits.maxParts else {
                throw ParseError(status: .contentTooLarge, description: "more than \(limits.maxParts) parts")
            }
            let headerEnd: Int
            if body.count >= position + 2, body[position] == 13, body[position + 1] == 10 {
                headerEnd = position   // a part with no header lines at all
            } else {
                guard let end = search(body, crlf + crlf, from: position) else { throw malformed("part headers not terminated") }
                headerEnd = end + 2
            }
            guard headerEnd - position <= limits.maxHeaderBytes else {
                throw ParseError(status: .requestHeaderFieldsTooLarge, description: "part headers over \(limits.maxHeaderBytes) bytes")
            }
            let headers = try partHeaders(body[position..<headerEnd])
            let contentStart = headerEnd + 2
            guard let contentEnd = search(body, delimiter, from: contentStart) else {
                throw malformed("part not closed by a boundary")
            }
            parts.append(try part(headers, Array(body[contentStart..<contentEnd])))
            position = contentEnd + delimiter.count
        }
        guard !parts.isEmpty else { throw malformed("no parts") }
        return Multipart(parts: parts)
    }

    // MARK: Pieces

    private static func malformed(_ reason: String) -> ParseError {
        ParseError(status: .badRequest, description: "malformed multipart body: " + reason)
    }

    /// The `type/subtype` of a header value, lowercased (RFC 9110 §8.3.1: case-insensitive).
    private static func mediaType(_ value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `; name=value` parameters of a header value (RFC 9110 §5.6.6), names lowercased, values
    /// unquoted (a quoted-string's backslash escapes undone, §5.6.4). Read scalar by scalar, not
    /// Character by Character: a value starting with a combining mark, or ending with a prepended
    /// one (U+0605, U+06DD), would otherwise join its quote into one Character and hide it.
    static func parameters(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        var scalars = Substring(value).unicodeScalars
        guard let semicolon = scalars.firstIndex(of: ";") else { return result }
        scalars = scalars[scalars.index(after: semicolon)...]
        while !scalars.isEmpty {
            scalars = scalars.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            guard let equals = scalars.firstIndex(of: "=") else { break }
            let name = String(Substring(scalars[..<equals])).trimmingCharacters(in: .whitespaces).lowercased()
            scalars = scalars[scalars.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
            var parameter = ""
            if scalars.first == "\"" {
                scalars = scalars.dropFirst()
                var escaped = false
                var closed = false
                while let c = scalars.first {
                    scalars = scalars.dropFirst()
                    if escaped { parameter.unicodeScalars.append(c); escaped = false }
                    else if c == "\\" { escaped = true }
                    else if c == "\"" { closed = true; break }
                    else { parameter.unicodeScalars.append(c) }
                }
                if !closed { break }
                scalars = scalars.drop { $0 != ";" }
            } else {
                let end = scalars.firstIndex(of: ";") ?? scalars.endIndex
                parameter = String(Substring(scalars[..<end])).trimmingCharacters(in: .whitespaces)
                scalars = scalars[end...]
            }
            if !name.isEmpty, result[name] == nil { result[name] = parameter }
        }
        return result
    }

    /// The header lines of one part, names lowercased (RFC 7578 §4.8: only Content-Type,
    /// Content-Disposition and Content-Transfer-Encoding mean anything).
    private static func partHeaders(_ bytes: ArraySlice<UInt8>) throws -> [String: String] {
        guard let text = String(validating: Array(bytes), as: UTF8.self) else { throw malformed("part headers are not UTF-8") }
        var headers: [String: String] = [:]
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            // The colon as a scalar, for the reason `parameters(of:)` gives.
            let scalars = line.unicodeScalars
            guard let colon = scalars.firstIndex(of: ":") else { throw malformed("part header line without a colon") }
            let name = String(Substring(scalars[..<colon])).trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = String(Substring(scalars[scalars.index(after: colon)...])).trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    private static func part(_ headers: [String: String], _ body: [UInt8]) throws -> Part {
        // RFC 7578 §4.2: each part has a Content-Disposition of type form-data with a name.
        guard let disposition = headers["content-disposition"], mediaType(disposition) == "form-data" else {
            throw malformed("part without a form-data Content-Disposition")
        }
        let parameters = parameters(of: disposition)
        guard let name = parameters["name"] else { throw malformed("part without a name") }
        // RFC 7578 §4.7: Content-Transfer-Encoding is deprecated; anything but identity is refused.
        if let encoding = headers["content-transfer-encoding"]?.lowercased(), !["7bit", "8bit", "binary"].contains(encoding) {
            throw malformed("unsupported Content-Transfer-Encoding \(encoding)")
        }
        return Part(name: decodeName(name), filename: parameters["filename"].map(decodeName),
                    contentType: headers["content-type"], body: body)
    }

    /// Browsers (WHATWG HTML "multipart/form-data encoding algorithm") escape `"`, CR and LF
    /// in names and file names as %22, %0D and %0A; undo exactly those. Byte by byte: a text
    /// search would not match "%0A" when a combining mark follows (its "A" is then part of a
    /// larger Character).
    private static func decodeName(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return name }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count {
                switch (bytes[i + 1], bytes[i + 2]) {
                case (UInt8(ascii: "2"), UInt8(ascii: "2")): out.append(UInt8(ascii: "\"")); i += 3; continue
                case (UInt8(ascii: "0"), UInt8(ascii: "D")): out.append(13); i += 3; continue
                case (UInt8(ascii: "0"), UInt8(ascii: "A")): out.append(10); i += 3; continue
                default: break
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The index of the first occurrence of `pattern` in `bytes` at or after `start`: memchr
    /// finds each candidate first byte and memcmp checks the rest, so an upload of several
    /// megabytes is scanned at memory speed, not byte by byte in Swift.
    private static func search(_ bytes: [UInt8], _ pattern: [UInt8], from start: Int) -> Int? {
        var position = max(start, 0)
        guard let first = pattern.first, position + pattern.count <= bytes.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            pattern.withUnsafeBytes { needle in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
                let last = haystack.count - needle.count
                while position <= last {
                    guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, needleBase, needle.count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }
}

extension FormData {
    /// The plain (non-file) fields of a multipart body, so a handler and the admin
    /// dispatcher's token check read an upload form like any other form. Files are read
    /// with `Multipart.parse` by the handler that expects them.
    public init(multipart: Multipart) throws {
        var fields: [(String, String)] = []
        for part in multipart.parts where part.filename == nil {
            guard let text = part.text else { throw DecodingError(description: "form field \(part.name) is not valid UTF-8") }
            fields.append((part.name, text))
        }
        self.init(fields: fields)
    }
}
