/// Template syntax (a Mustache dialect, parsed once at start into a `Node` tree):
///
/// - `{{ name }}`, `{{ a.b.c }}`, `{{ . }}` — the value, HTML-escaped (`& < > " '` become
///   `&amp; &lt; &gt; &quot; &#39;`), safe in text and in quoted attributes. `.html(…)` values
///   are trusted markup and are written as-is. Numbers print in plain digits, booleans as
///   `true`/`false`, null/arrays/objects as nothing. A string between tags keeps its
///   periods, dates, codes and Latin names reading as written inside Arabic (and Arabic inside
///   French) in `<bdi>`; inside `<title>` and `<option>` with Unicode isolates; inside a tag or
///   a `<textarea>` as it is (`Slot`, `Bidi`). The same holds for `{{t}}`'s string arguments and `{{date}}`.
/// - `{{{ name }}}` or `{{& name }}` — the string unescaped (explicit, visibly different).
/// - `{{# name }}…{{/ name }}` — section. An array repeats the body per element, with the
///   element pushed as context and `{{@index}}` (0-based), `{{@number}}` (1-based), `@first`,
///   `@last` (booleans, usable as `{{#@first}}…{{/@first}}`, `{{^@last}}…{{/@last}}`) about the
///   innermost loop. An object is pushed as context. Any other truthy value renders the body
///   once with the same context. Falsy values (see `TemplateValue`) render nothing.
/// - `{{^ name }}…{{/ name }}` — inverted section: renders when the value is falsy.
/// - Name lookup: the first segment of `a.b.c` is searched from the innermost context
///   outwards; the rest descends from there (no further search). `lang` and `dir` are
///   reserved: always the render language code and `rtl`/`ltr`.
/// - `{{! comment }}` — dropped at parse time.
/// - `{{> partials/nav }}` — another template by library name, with the current context.
/// - `{{< layouts/base }}{{$ title }}…{{/ title }}{{/ layouts/base }}` — render the layout,
///   replacing its `{{$ title }}default{{/ title }}` blocks by these overrides (Mustache
///   inheritance). Only blocks, comments and whitespace may appear directly inside `{{< }}`.
///   Blocks are rendered with the page's context; an outer override beats an inner one, so a
///   page can override a block that an intermediate layout also overrides.
/// - `{{t some.key }}` — the catalog text in the render language, escaped. With arguments,
///   `{{t proposals.count n axis.name }}`, `{1}` and `{2}` are replaced by the escaped values
///   of `n` and `axis.name` (integers grouped like `Format.number`). A key missing from the
///   render language falls back to the other language (see `Translations.keysMissing`).
/// - `{{date field }}`, `{{money field }}` (integer centimes), `{{number field }}`,
///   `{{percent part whole }}` — formatted in the render language by `Format`.
///
/// Checked at start, each as a `TemplateError` with file and line: unclosed `{{`, unknown tag
/// forms, a section closed by the wrong name, a close with nothing open, a section never
/// closed, an unknown partial or layout, an unknown translation key, a translation whose
/// text uses more placeholders than the tag passes.
///
/// A line holding only a section, close, comment, partial, block or layout tag (plus
/// whitespace) is removed entirely, so templates can be indented without bloating pages.
enum Node: Sendable {
    case text([UInt8])
    case value(Path, escaped: Bool, slot: Slot)
    case section(Path, [Node])
    case inverted(Path, [Node])
    case partial(String, line: Int)
    case block(String, [Node], Slot)
    case parent(String, overrides: [String: [Node]], line: Int)
    case translation(TranslationTag)
    case helper(Helper, [Path], Slot)
}

/// Where in the HTML a tag's output lands, found once at parse time from the template's own
/// markup, so a value is written the one way that place allows (see `Bidi`). Ordered from the
/// most markup allowed to the least.
enum Slot: UInt8, Sendable, Comparable {
    /// Between tags: opposite-direction runs in `<bdi>`.
    case text
    /// Inside `<title>` or `<option>`, where tags are not allowed: Unicode isolates.
    case isolates
    /// Inside a tag (an attribute), `<textarea>`, `<script>` or `<style>`: the text as it is,
    /// since it is read back (a form's value) or is no prose.
    case verbatim

    static func < (a: Slot, b: Slot) -> Bool { a.rawValue < b.rawValue }
}

/// Follows a template's literal markup far enough to know the `Slot` at each tag: inside a
/// start or end tag (quotes respected), or inside an element whose content is not markup.
struct MarkupState {
    private var inTag = false
    private var readingName = false
    private var isEnd = false
    private var quote: UInt8 = 0
    private var name: [UInt8] = []
    private var element: [UInt8]? = nil

    private static let plainElements: [[UInt8]] = ["title", "option"].map { Array($0.utf8) }
    private static let verbatimElements: [[UInt8]] = ["textarea", "script", "style"].map { Array($0.utf8) }

    var slot: Slot {
        if inTag { return .verbatim }
        guard let element else { return .text }
        return Self.plainElements.contains(element) ? .isolates : .verbatim
    }

    mutating func feed(_ bytes: [UInt8]) {
        for b in bytes {
            if inTag {
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: ">") {
                    inTag = false
                    if isEnd {
                        if element == name { element = nil }
                    } else if element == nil, Self.plainElements.contains(name) || Self.verbatimElements.contains(name) {
                        element = name
                    }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    readingName = false
                    quote = b
                } else if readingName {
                    if name.isEmpty, b == UInt8(ascii: "/") {
                        isEnd = true
                    } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                        name.append(b | 0x20)
                    } else {
                        readingName = false
                    }
                }
            } else if b == UInt8(ascii: "<") {
                // A title or an option holds only text: any tag ends it (`<option>` often goes unclosed).
                if let open = element, Self.plainElements.contains(open) { element = nil }
                inTag = true
                readingName = true
                isEnd = false
                name = []
            }
        }
    }
}

/// A name as written in a tag, classified once so rendering never looks at strings twice.
enum Path: Sendable, Hashable {
    case current
    case keys([String])
    case index, number, first, last
    case lang, dir
}

enum Helper: String, Sendable, CaseIterable {
    case date, money, number, percent

    var argumentCount: Int { self == .percent ? 2 : 1 }
}

struct TranslationTag: Sendable {
    let key: String
    let arguments: [Path]
    let line: Int
    /// Where the text lands: string arguments are written as `Slot` says.
    var slot: Slot = .text
    /// Indexed by `Language.index`; filled when the library links its templates.
    var texts: [CompiledText] = []
    /// For a counted entry: per language, the form of each plural category (by its position in
    /// `PluralCategory.allCases`), picked by the tag's first argument. Empty otherwise.
    var plurals: [[CompiledText?]] = []
}

/// Turns one template file into a `Node` tree, or a `TemplateError` naming the file and line.
struct Parser {
    let file: String
    let bytes: [UInt8]

    init(file: String, text: String) {
        self.file = file
        self.bytes = Array(text.utf8)
    }

    func parse() throws -> [Node] {
        var tokens = try tokenize()
        trimStandaloneLines(&tokens)
        return try buildTree(tokens, slots: slots(tokens))
    }

    /// The slot of each token (text tokens' entries unused).
    func slots(_ tokens: [Token]) -> [Slot] {
        var state = MarkupState()
        return tokens.map { token in
            if case .text(let bytes, _) = token { state.feed(bytes) }
            return state.slot
        }
    }

    // MARK: Tokens

    enum Tag {
        case value(Path, escaped: Bool)
        case open(Path, name: String, inverted: Bool)
        case close(String)
        case comment
        case partial(String)
        case block(String)
        case parent(String)
        case translation(key: String, arguments: [Path])
        case helper(Helper, [Path])

        /// Tags that produce no output of their own may stand alone on a line.
        var mayStandAlone: Bool {
            switch self {
            case .open, .close, .comment, .partial, .block, .parent: return true
            case .value, .translation, .helper: return false
            }
        }
    }

    enum Token {
        case text([UInt8], line: Int)
        case tag(Tag, line: Int)
    }

    func error(_ line: Int, _ message: String) -> TemplateError {
        TemplateError(file: file, line: line, message: message)
    }

    func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        var line = 1
        var textStart = 0
        var textLine = 1
        var i = 0
        let brace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        while i < bytes.count {
            guard bytes[i] == brace, i + 1 < bytes.count, bytes[i + 1] == brace else {
                if bytes[i] == newline { line += 1 }
                i += 1
                continue
            }
            if textStart < i { tokens.append(.text(Array(bytes[textStart..<i]), line: textLine)) }
            let tagLine = line
            let triple = i + 2 < bytes.count && bytes[i + 2] == brace
            let contentStart = i + (triple ? 3 : 2)
            let closerLength = triple ? 3 : 2
            var j = contentStart
            var found = false
            while j + closerLength <= bytes.count {
                if bytes[j] == closeBrace, bytes[j + 1] == closeBrace, !triple || bytes[j + 2] == closeBrace {
                    found = true
                    break
                }
                if bytes[j] == newline { line += 1 }
                j += 1
            }
            guard found else { throw error(tagLine, "unclosed '\(triple ? "{{{" : "{{")'") }
            let content = String(decoding: bytes[contentStart..<j], as: UTF8.self)
            tokens.append(.tag(try parseTag(content, triple: triple, line: tagLine), line: tagLine))
            i = j + closerLength
            textStart = i
            textLine = line
        }
        if textStart < bytes.count { tokens.append(.text(Array(bytes[textStart...]), line: textLine)) }
        return tokens
    }

    func parseTag(_ content: String, triple: Bool, line: Int) throws -> Tag {
        let body = content.trimmingWhitespace()
        if triple { return .value(try path(body, line), escaped: false) }
        guard let sigil = body.first else { throw error(line, "empty tag '{{}}'") }
        let rest = String(body.dropFirst()).trimmingWhitespace()
        switch sigil {
        case "!": return .comment
        case "#", "^":
            return .open(try path(rest, line), name: rest, inverted: sigil == "^")
        case "/":
            guard !rest.isEmpty else { throw error(line, "'{{/}}' needs the name it closes") }
            return .close(rest)
        case ">": return .partial(try templateName(rest, line))
        case "<": return .parent(try templateName(rest, line))
        case "$":
            guard isPlainName(rest, allowDots: true) else { throw error(line, "invalid block name '\(rest)'") }
            return .block(rest)
        case "&": return .value(try path(rest, line), escaped: false)
        case "=": throw error(line, "delimiter changes '{{= =}}' are not supported")
        default: break
        }
        let words = body.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if words.count == 1 { return .value(try path(words[0], line), escaped: true) }
        if words[0] == "t" {
            let key = words[1]
            guard !key.contains("{"), !key.contains("}") else { throw error(line, "invalid translation key '\(key)'") }
            return .translation(key: key, arguments: try words.dropFirst(2).map { try path($0, line) })
        }
        if let helper = Helper(rawValue: words[0]) {
            guard words.count == helper.argumentCount + 1 else {
                throw error(line, "'\(helper.rawValue)' takes \(helper.argumentCount) argument(s), got \(words.count - 1)")
            }
            return .helper(helper, try words.dropFirst().map { try path($0, line) })
        }
        throw error(line, "unexpected tag '{{\(body)}}'")
    }

    func path(_ name: String, _ line: Int) throws -> Path {
        switch name {
        case ".": return .current
        case "@index": return .index
        case "@number": return .number
        case "@first": return .first
        case "@last": return .last
        case "lang": return .lang
        case "dir": return .dir
        default: break
        }
        guard isPlainName(name, allowDots: true) else {
            throw error(line, name.isEmpty ? "missing name in tag" : "invalid name '\(name)'")
        }
        return .keys(name.split(separator: ".").map(String.init))
    }

    func templateName(_ name: String, _ line: Int) throws -> String {
        let valid = !name.isEmpty && name.utf8.allSatisfy { isNameByte($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }
        guard valid else { throw error(line, "invalid template name '\(name)'") }
        return name
    }

    func isPlainName(_ name: String, allowDots: Bool) -> Bool {
        guard !name.isEmpty else { return false }
        var previousDot = true
        for byte in name.utf8 {
            if byte == UInt8(ascii: ".") && allowDots {
                if previousDot { return false }
                previousDot = true
            } else if isNameByte(byte) {
                previousDot = false
            } else {
                return false
            }
        }
        return !previousDot
    }

    func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    // MARK: Standalone lines

    /// Removes the indentation and line break around tags that sit alone on their line.
    /// Decisions are taken on the untouched tokens first, so two standalone tags on
    /// consecutive lines both see their original surroundings.
    func trimStandaloneLines(_ tokens: inout [Token]) {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        let newline = UInt8(ascii: "\n")
        var leadCut = [Int: Int]()   // text token index -> bytes to drop at the start
        var trailCut = [Int: Int]()  // text token index -> bytes to keep (drop after)
        for k in tokens.indices {
            guard case .tag(let tag, _) = tokens[k], tag.mayStandAlone else { continue }
            var keepBefore: Int? = nil
            if k > 0 {
                guard case .text(let text, _) = tokens[k - 1] else { continue }
                let lastNewline = text.lastIndex(of: newline)
                guard lastNewline != nil || k - 1 == 0 else { continue }
                let lineStart = lastNewline.map { $0 + 1 } ?? 0
                guard text[lineStart...].allSatisfy(isBlank) else { continue }
                keepBefore = lineStart
            }
            var dropAfter: Int? = nil
            if k + 1 < tokens.count {
                guard case .text(let text, _) = tokens[k + 1] else { continue }
                if let firstNewline = text.firstIndex(of: newline) {
                    guard text[..<firstNewline].allSatisfy(isBlank) else { continue }
                    dropAfter = firstNewline + 1
                } else {
                    guard k + 1 == tokens.count - 1, text.allSatisfy(isBlank) else { continue }
                    dropAfter = text.count
                }
            }
            if let keep = keepBefore { trailCut[k - 1] = keep }
            if let drop = dropAfter { leadCut[k + 1] = drop }
        }
        for (index, token) in tokens.enumerated() {
            guard case .text(let text, let line) = token, leadCut[index] != nil || trailCut[index] != nil else { continue }
            let start = leadCut[index] ?? 0
            let end = max(start, trailCut[index] ?? text.count)
            let droppedLines = text[..<start].filter { $0 == newline }.count
            tokens[index] = .text(Array(text[start..<end]), line: line + droppedLines)
        }
    }

    // MARK: Tree

    struct Frame {
        enum Kind { case root, section(Path), inverted(Path), block, parent }
        let kind: Kind
        let name: String
        let line: Int
        /// A block's place: an override put there is written no freer than the place allows.
        var slot: Slot = .text
        var nodes: [Node] = []
        var overrides: [String: [Node]] = [:]

        var opener: String {
            switch kind {
            case .root: return ""
            case .section: return "{{#\(name)}}"
            case .inverted: return "{{^\(name)}}"
            case .block: return "{{$\(name)}}"
            case .parent: return "{{<\(name)}}"
            }
        }

        var isParent: Bool {
            if case .parent = kind { return true }
            return false
        }
    }

    func buildTree(_ tokens: [Token], slots: [Slot]) throws -> [Node] {
        var stack = [Frame(kind: .root, name: "", line: 0)]

        func append(_ node: Node, line: Int) throws {
            let top = stack.count - 1
            if stack[top].isParent {
                throw error(line, "only {{$ block }} overrides may appear inside \(stack[top].opener)")
            }
            if case .text(let new) = node, case .text(let old)? = stack[top].nodes.last {
                stack[top].nodes[stack[top].nodes.count - 1] = .text(old + new)
            } else {
                stack[top].nodes.append(node)
            }
        }

        for (index, token) in tokens.enumerated() {
            let slot = slots[index]
            switch token {
            case .text(let text, let line):
                if text.isEmpty { continue }
                if stack[stack.count - 1].isParent {
                    guard let offset = text.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }) else { continue }
                    let contentLine = line + text[..<offset].filter { $0 == 0x0A }.count
                    throw error(contentLine, "only {{$ block }} overrides may appear inside \(stack[stack.count - 1].opener)")
                }
                try append(.text(text), line: line)
            case .tag(let tag, let line):
                switch tag {
                case .comment:
                    continue
                case .value(let path, let escaped):
                    try append(.value(path, escaped: escaped, slot: slot), line: line)
                case .translation(let key, let arguments):
                    try append(.translation(TranslationTag(key: key, arguments: arguments, line: line, slot: slot)), line: line)
                case .helper(let helper, let arguments):
                    try append(.helper(helper, arguments, slot), line: line)
                case .partial(let name):
                    try append(.partial(name, line: line), line: line)
                case .open(let path, let name, let inverted):
                    if stack[stack.count - 1].isParent {
                        throw error(line, "only {{$ block }} overrides may appear inside \(stack[stack.count - 1].opener)")
                    }
                    stack.append(Frame(kind: inverted ? .inverted(path) : .section(path), name: name, line: line))
                case .block(let name):
                    stack.append(Frame(kind: .block, name: name, line: line, slot: slot))
                case .parent(let name):
                    if stack[stack.count - 1].isParent {
                        throw error(line, "only {{$ block }} overrides may appear inside \(stack[stack.count - 1].opener)")
                    }
                    stack.append(Frame(kind: .parent, name: name, line: line))
                case .close(let name):
                    guard stack.count > 1 else { throw error(line, "'{{/\(name)}}' closes nothing") }
                    let frame = stack.removeLast()
                    guard frame.name == name else {
                        throw error(line, "'{{/\(name)}}' does not match \(frame.opener) opened on line \(frame.line)")
                    }
                    switch frame.kind {
                    case .root: break
                    case .section(let path): try append(.section(path, frame.nodes), line: frame.line)
                    case .inverted(let path): try append(.inverted(path, frame.nodes), line: frame.line)
                    case .parent:
                        try append(.parent(frame.name, overrides: frame.overrides, line: frame.line), line: frame.line)
                    case .block:
                        let top = stack.count - 1
                        if stack[top].isParent {
                            guard stack[top].overrides[name] == nil else {
                                throw error(frame.line, "block '\(name)' is overridden twice in \(stack[top].opener)")
                            }
                            stack[top].overrides[name] = frame.nodes
                        } else {
                            try append(.block(name, frame.nodes, frame.slot), line: frame.line)
                        }
                    }
                }
            }
        }
        if stack.count > 1 {
            let open = stack[stack.count - 1]
            throw error(open.line, "\(open.opener) is never closed")
        }
        return stack[0].nodes
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let c = slice.first, c.isWhitespace { slice = slice.dropFirst() }
        while let c = slice.last, c.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
