/// Fuzz target: the template parser (`Sources/Templates/Parser.swift`) and what it hands the
/// renderer.
///
/// Why: templates are ours, but the parser walks bytes by hand and a mistake there shows on
/// every page; and rendering writes user text into HTML, where one unescaped "<" is an XSS.
/// The input is a template (any bytes as UTF-8). Properties:
/// - Parsing ends with a tree or a `TemplateError` naming the file and a line that exists.
/// - A text without "{{" is one text node, unchanged; text nodes only ever hold bytes of the
///   input, in order (standalone-line trimming removes, never adds).
/// - A parsed template that links renders (or stops at the nesting guard) with a context of
///   fuzzed values, and the page is valid UTF-8.
/// - `{{ v }}` writes any string escaped: no "<", ">", quote or apostrophe, and unescaping gives
///   the string back; `{{{ v }}}` writes it as it is.
@testable import Templates

let file = "fuzz.html"

/// Text nodes in document order, layouts' overrides left out (a dictionary has no order).
func texts(_ nodes: [Node]) -> [UInt8] {
    var out: [UInt8] = []
    for node in nodes {
        switch node {
        case .text(let bytes): out += bytes
        case .section(_, let body), .inverted(_, let body), .block(_, let body, _): out += texts(body)
        default: break
        }
    }
    return out
}

func isSubsequence(_ small: [UInt8], of large: [UInt8]) -> Bool {
    var i = 0
    for byte in large where i < small.count && small[i] == byte { i += 1 }
    return i == small.count
}

/// The five entities undone, byte by byte (a text search would miss "&quot;" before a
/// combining mark, which joins the ";" into a larger Character).
func unescaped(_ text: String) -> String {
    let entities: [([UInt8], UInt8)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
        .map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var i = 0
    outer: while i < bytes.count {
        if bytes[i] == UInt8(ascii: "&") {
            for (entity, byte) in entities where bytes[i...].starts(with: entity) {
                out.append(byte)
                i += entity.count
                continue outer
            }
        }
        out.append(bytes[i])
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}

func render(_ nodes: [Node], _ context: TemplateValue, _ language: Language, partials: [String: [Node]] = [:]) throws -> [UInt8] {
    var renderer = Renderer(templates: CompiledTemplates(partials.merging(["fuzz": nodes]) { a, _ in a }), language: language,
                            context: context, capacity: 256)
    try renderer.render(template: "fuzz")
    return renderer.out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    let text = String(decoding: raw, as: UTF8.self)
    let source = Array(text.utf8)

    // Escaping, on the input as a value.
    let value = TemplateValue.object(["v": .string(text)])
    // In Arabic, runs of the other direction are isolated in <bdi>: the value itself never brings
    // a "<", so every tag in the output is one of those, and they come in pairs; without them
    // the escaping must hold.
    let isolated = String(decoding: try! render(try! Parser(file: file, text: "{{ v }}").parse(), value, .ar), as: UTF8.self)
    // Bytes, not Characters: a combining mark after ">" would join it into a larger Character.
    var kept: [UInt8] = [], opened = 0, balanced = true
    var bytes = Array(isolated.utf8)[...]
    while let lt = bytes.firstIndex(of: UInt8(ascii: "<")) {
        kept += bytes[..<lt]
        guard let gt = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { balanced = false; break }
        let tag = String(decoding: bytes[lt...gt], as: UTF8.self)
        if tag.hasPrefix("<bdi dir=") { opened += 1 } else if tag == "</bdi>" && opened > 0 { opened -= 1 } else { balanced = false }
        bytes = bytes[(gt + 1)...]
    }
    kept += bytes
    let escaped = String(decoding: kept, as: UTF8.self)
    require(balanced && opened == 0, "isolation tags not in pairs in \(shown(isolated))")
    require(!escaped.utf8.contains { $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 } && sameBytes(unescaped(escaped), text),
            "{{ v }} wrote \(shown(escaped)) for \(shown(text))")
    require(try! render(try! Parser(file: file, text: "{{{ v }}}").parse(), value, .fr) == source, "{{{ v }}} changed the text")

    let nodes: [Node]
    do {
        nodes = try Parser(file: file, text: text).parse()
    } catch let error as TemplateError {
        let lines = source.filter { $0 == 10 }.count + 1
        require(error.file == file && error.line >= 1 && error.line <= lines, "error on line \(error.line) of \(lines): \(error)")
        return 0
    } catch {
        require(false, "not a TemplateError: \(error)")
        return 0
    }
    if !contains(source, "{{") {
        if case .text(let bytes)? = nodes.first, nodes.count == 1 { require(bytes == source, "text changed") }
        else { require(source.isEmpty && nodes.isEmpty, "a text without tags is not one text node") }
    }
    require(isSubsequence(texts(nodes), of: source), "text nodes hold bytes the template does not")

    // Render with a linker that knows one partial, one layout and one translation.
    let partials: [String: [Node]] = ["partials/p": [.text(Array("<p>".utf8)), .value(.keys(["s"]), escaped: true, slot: .text)],
                                      "layouts/l": [.block("title", [.text(Array("T".utf8))], .text)]]
    let translations = Translations([.ar: ["k": "ك {1}", "n[one]": "{1} واحد", "n[other]": "{1}"],
                                     .fr: ["k": "K {1}", "n[one]": "{1} un", "n[other]": "{1}"]])
    var linker = Linker(templates: partials.merging(["fuzz": nodes]) { a, _ in a }, translations: translations)
    guard let linked = try? linker.link(nodes, file: file) else { return 0 }
    var input = FuzzInput(raw)
    let numbers = [0, 1, -1, 2, 11, 100, 1500, Int.max, Int.min, input.int(0...65535) - 32768]
    let context = TemplateValue.object([
        "s": .string(text), "n": .int(numbers[input.int(0...9)]), "m": .int(numbers[input.int(0...9)]),
        "d": .double([0, -0.5, 1e300, .nan, .infinity, 12.5][input.int(0...5)]),
        "date": .string(["2023-06-12", "2023-06-12/2023-06-19", "2024-02-30", "2023-06/2022-01", text][input.int(0...4)]),
        "b": .bool(input.bool()), "h": .html("<b>trusted</b>"),
        "list": .array([.object(["s": .string("one")]), .int(2), .string(text)]), "o": .object(["a": .object(["b": .string(text)])]),
    ])
    for language in Language.allCases {
        do {
            let page = try render(linked, context, language, partials: partials)
            require(String(validating: page, as: UTF8.self) != nil, "the page is not UTF-8")
        } catch let error as TemplateError {
            require(error.message.contains("nested more than"), "render failed: \(error)")
        } catch {
            require(false, "render threw \(error)")
        }
    }
    return 0
}

func contains(_ bytes: [UInt8], _ text: String) -> Bool {
    let pattern = Array(text.utf8)
    guard bytes.count >= pattern.count else { return false }
    return (0...(bytes.count - pattern.count)).contains { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
}
