import Foundation

/// The fields of an HTML form sent as `application/x-www-form-urlencoded` (the WHATWG URL
/// standard, §5.1 "application/x-www-form-urlencoded parsing"), decoded once so that handlers
/// read names and values, never bytes. Stricter than browsers' own parser on purpose: a
/// malformed escape or invalid UTF-8 is refused (400) rather than silently replaced, since a
/// form from our own pages never contains either.
public struct FormData: Sendable {
    public private(set) var fields: [(name: String, value: String)]

    /// Why a body could not be read as a form; answered 400 Bad Request.
    public struct DecodingError: HTTPStatusError, CustomStringConvertible {
        public let description: String
        public var status: HTTPStatus { .badRequest }
    }

    public init(fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// Decodes `name=value&name=value`: "+" is a space, `%XX` a byte, empty pieces skipped.
    public init(urlEncoded body: [UInt8]) throws {
        var fields: [(name: String, value: String)] = []
        for piece in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = piece.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try FormData.decode(parts[0])
            let value = parts.count > 1 ? try FormData.decode(parts[1]) : ""
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The form of a request, after checking its Content-Type (RFC 9110 §15.5.16: 415 for a
    /// media type this resource does not take).
    public init(request: HTTPRequest) throws {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        // RFC 7578: an upload form's text fields are form fields too.
        if type == "multipart/form-data", let contentType = request.headers["Content-Type"] {
            try self.init(multipart: Multipart.parse(body: request.body, contentType: contentType))
            return
        }
        guard type == "application/x-www-form-urlencoded" else {
            throw HTTPError(.unsupportedMediaType, reason: "expected a urlencoded form, got \(type ?? "no Content-Type")")
        }
        try self.init(urlEncoded: request.body)
    }

    /// The first value named `name`.
    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value named `name`, in order.
    public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    private static func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
                    throw DecodingError(description: "malformed percent-escape in form data")
                }
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw DecodingError(description: "form data is not valid UTF-8")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
