/// Fuzz target: `application/x-www-form-urlencoded` bodies (`Sources/HTTP/FormData.swift`).
///
/// Why: every public form (proposals, comments, sign-in) arrives this way, and a field read
/// wrongly is a proposal stored wrongly. Properties:
/// - Round trip: any list of names and values (any Unicode, NUL and "&=+%" included), written
///   by the WHATWG serializer as a browser does, reads back as the same list, byte for byte.
/// - For any body: what `FormData` reads, written out again, reads the same; and the query
///   parser (`RequestTarget.parseQuery`, the same format in a URL) reads the same pairs
///   whenever neither refuses the body, and refuses only bodies with a NUL.
@testable import HTTP

func encode(_ fields: [(name: String, value: String)]) -> [UInt8] {
    var out: [UInt8] = []
    for (index, field) in fields.enumerated() {
        if index > 0 { out.append(UInt8(ascii: "&")) }
        out += formEncoded(field.name) + [UInt8(ascii: "=")] + formEncoded(field.value)
    }
    return out
}

func same(_ a: [(name: String, value: String)], _ b: [(name: String, value: String)]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { sameBytes($0.name, $1.name) && sameBytes($0.value, $1.value) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    guard let mode = raw.first else { return 0 }
    if mode & 1 == 1 {
        var input = FuzzInput(Array(raw.dropFirst()))
        var fields: [(name: String, value: String)] = []
        while !input.isExhausted { fields.append((input.text(maxLength: 40), input.text())) }
        let read = try? FormData(urlEncoded: encode(fields))
        require(read != nil && same(read!.fields, fields), "fields \(fields.map { shown($0.name) + "=" + shown($0.value) }) read back as "
                + "\(read.map { $0.fields.map { shown($0.name) + "=" + shown($0.value) } } ?? [])")
        return 0
    }
    let body = Array(raw.dropFirst())
    let form = try? FormData(urlEncoded: body)
    let query = try? RequestTarget.parseQuery(body[...])
    if let form {
        let again = try? FormData(urlEncoded: encode(form.fields))
        require(again != nil && same(again!.fields, form.fields), "a form written out again reads differently")
        let hasNUL = form.fields.contains { $0.name.utf8.contains(0) || $0.value.utf8.contains(0) }
        require(hasNUL || query != nil, "the query parser refuses a body FormData reads (no NUL in it)")
    }
    if let query { require(form != nil && same(form!.fields, query), "FormData and the query parser read the same body differently") }
    return 0
}
