/// Walks a parsed tree once per request, appending UTF-8 into a single buffer. It holds no
/// shared state, so any number of threads render concurrently from the same templates.
struct Renderer {
    /// Guards against a partial or layout that includes itself without end.
    static let maximumDepth = 64

    let templates: [String: [Node]]
    let language: Language
    var out: [UInt8] = []
    var stack: [TemplateValue]
    var loops: [(index: Int, count: Int)] = []
    var overrides: [String: [Node]] = [:]
    var depth = 0
    /// The strictest slot of the blocks being rendered: a page's override placed inside a
    /// layout's attribute (`id="{{$ caption_id }}…"`) writes its values as that attribute allows.
    var slotLimit = Slot.text

    init(templates: [String: [Node]], language: Language, context: TemplateValue, capacity: Int) {
        self.templates = templates
        self.language = language
        self.stack = [context]
        out.reserveCapacity(capacity)
    }

    mutating func render(_ nodes: [Node]) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .value(let path, let escaped, let slot):
                write(resolve(path), escaped: escaped, slot: max(slot, slotLimit))
            case .section(let path, let body):
                let value = resolve(path)
                switch value {
                case .array(let items):
                    loops.append((0, items.count))
                    for (i, item) in items.enumerated() {
                        loops[loops.count - 1].index = i
                        stack.append(item)
                        try render(body)
                        stack.removeLast()
                    }
                    loops.removeLast()
                case .object, .view:
                    stack.append(value)
                    try render(body)
                    stack.removeLast()
                default:
                    if value.isTruthy { try render(body) }
                }
            case .inverted(let path, let body):
                if !resolve(path).isTruthy { try render(body) }
            case .partial(let name, let line):
                try include(name, line: line)
            case .block(let name, let fallback, let slot):
                if let override = overrides[name] {
                    // An override may hold a block of its own name: it counts as nesting, so
                    // such a page fails like a self-including partial instead of recursing.
                    try enter(name)
                    let saved = slotLimit
                    slotLimit = max(slot, slotLimit)
                    try render(override)
                    slotLimit = saved
                    depth -= 1
                } else {
                    try render(fallback)
                }
            case .parent(let name, let newOverrides, let line):
                let saved = overrides
                // The outermost override wins: a page beats the layout it extends.
                overrides = saved.isEmpty ? newOverrides : newOverrides.merging(saved) { _, outer in outer }
                try include(name, line: line)
                overrides = saved
            case .translation(let tag):
                let text: CompiledText
                if tag.plurals.isEmpty {
                    text = tag.texts[language.index]
                } else {
                    // The count is the first argument; a value that is no whole number reads as "other".
                    var category = PluralCategory.other
                    if case .int(let n) = resolve(tag.arguments[0]) { category = PluralCategory.of(n, language) }
                    let forms = tag.plurals[language.index]
                    guard let form = forms[PluralCategory.allCases.firstIndex(of: category)!] ?? forms.last! else { continue }
                    text = form
                }
                for piece in text.pieces {
                    switch piece {
                    case .literal(let ways):
                        out.append(contentsOf: ways[Int(max(tag.slot, slotLimit).rawValue)])
                    case .argument(let i):
                        let value = resolve(tag.arguments[i])
                        if case .int(let n) = value {
                            Format.appendNumber(n, language, to: &out)
                        } else {
                            write(value, escaped: true, slot: max(tag.slot, slotLimit))
                        }
                    }
                }
            case .helper(let helper, let arguments, let slot):
                writeHelper(helper, arguments, slot: max(slot, slotLimit))
            }
        }
    }

    mutating func include(_ name: String, line: Int) throws {
        // Names were checked when the library linked its templates.
        guard let nodes = templates[name] else { return }
        try enter(name)
        try render(nodes)
        depth -= 1
    }

    /// Goes one level deeper into partials, layouts and block overrides, or throws past the limit.
    mutating func enter(_ name: String) throws {
        guard depth < Renderer.maximumDepth else {
            throw TemplateError(file: name + ".html", line: 0,
                                message: "templates nested more than \(Renderer.maximumDepth) deep (a partial, layout or block includes itself?)")
        }
        depth += 1
    }

    func resolve(_ path: Path) -> TemplateValue {
        switch path {
        case .current:
            return stack[stack.count - 1]
        case .keys(let keys):
            var i = stack.count - 1
            while i >= 0 {
                if var value = stack[i].member(keys[0]) {
                    for key in keys.dropFirst() {
                        guard let next = value.member(key) else { return .null }
                        value = next
                    }
                    return value
                }
                i -= 1
            }
            return .null
        case .index:
            guard let loop = loops.last else { return .null }
            return .int(loop.index)
        case .number:
            guard let loop = loops.last else { return .null }
            return .int(loop.index + 1)
        case .first:
            guard let loop = loops.last else { return .null }
            return .bool(loop.index == 0)
        case .last:
            guard let loop = loops.last else { return .null }
            return .bool(loop.index == loop.count - 1)
        case .lang:
            return .string(language.rawValue)
        case .dir:
            return .string(language.direction)
        }
    }

    /// A string between tags is written with its opposite-direction runs isolated (`Bidi`), as
    /// Unicode isolates where no tag may go, and as it is inside a tag or a form's text.
    mutating func write(_ value: TemplateValue, escaped: Bool, slot: Slot) {
        switch value {
        case .null, .array, .object, .view:
            break
        case .bool(let b):
            HTMLEscape.append(b ? "true" : "false", to: &out)
        case .int(let n):
            HTMLEscape.append(int: n, to: &out)
        case .double(let d):
            if d.rounded() == d, abs(d) < 1e15 {
                HTMLEscape.append(int: Int(d), to: &out)
            } else {
                HTMLEscape.append(raw: String(d), to: &out)
            }
        case .string(let s):
            if escaped {
                switch slot {
                case .text: Bidi.appendHTML(s, language, to: &out)
                case .isolates: HTMLEscape.append(escaping: Bidi.isolated(s, language), to: &out)
                case .verbatim: HTMLEscape.append(escaping: s, to: &out)
                }
            } else {
                HTMLEscape.append(raw: s, to: &out)
            }
        case .html(let s):
            HTMLEscape.append(raw: s, to: &out)
        }
    }

    mutating func writeHelper(_ helper: Helper, _ arguments: [Path], slot: Slot) {
        let value = resolve(arguments[0])
        // Format's writers emit nothing that needs escaping; any other kind of value is shown
        // as it is (escaped) rather than hidden.
        switch (helper, value) {
        case (.date, .string(let iso)):
            // "12–19 يونيو 2023": the days' range is isolated so it reads 12–19 in Arabic too.
            write(.string(Format.date(iso, language)), escaped: true, slot: slot)
        case (.money, .int(let centimes)):
            Format.appendMoney(centimes: Int64(centimes), language, to: &out)
        case (.money, .double(let centimes)) where centimes.isFinite && abs(centimes) < 9e18:
            Format.appendMoney(centimes: Int64(centimes.rounded()), language, to: &out)
        case (.number, .int(let n)):
            Format.appendNumber(n, language, to: &out)
        case (.percent, .int(let part)):
            if case .int(let whole) = resolve(arguments[1]) {
                HTMLEscape.append(raw: Format.percent(part, of: whole), to: &out)
            }
        case (.percent, _):
            break
        default:
            write(value, escaped: true, slot: slot)
        }
    }
}
