/// Walks a library's compiled steps (`CompiledTemplates`) once per request, appending UTF-8 into
/// a single buffer. It holds no shared state, so any number of threads render concurrently
/// from the same templates.
struct Renderer {
    /// Guards against a partial or layout that includes itself without end.
    static let maximumDepth = 64
    /// The helpers and plural categories by the index a step or a form table gives, made once
    /// (`allCases` builds its array at each use).
    static let helpers = Helper.allCases
    static let categories = PluralCategory.allCases

    private let templates: CompiledTemplates
    private let steps: [CompiledTemplates.Step]
    private let paths: [CompiledTemplates.CompiledPath]
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    let language: Language
    var out: [UInt8] = []
    var stack: [TemplateValue]
    var loops: [(index: Int, count: Int)] = []
    /// The block overrides in force: each block's body, as its first step.
    var overrides: [String: Int32] = [:]
    var depth = 0
    /// The strictest slot of the blocks being rendered: a page's override placed inside a
    /// layout's attribute (`id="{{$ caption_id }}…"`) writes its values as that attribute allows.
    var slotLimit = Slot.text

    init(templates: CompiledTemplates, language: Language, context: TemplateValue, capacity: Int) {
        self.templates = templates
        self.steps = templates.steps
        self.paths = templates.paths
        self.bytes = templates.bytes
        self.language = language
        self.stack = [context]
        stack.reserveCapacity(16)
        out.reserveCapacity(capacity)
    }

    /// Renders the template of that library name (nothing for a name the library lacks).
    mutating func render(template name: String) throws {
        guard let entry = templates.entries[name] else { return }
        try enter(name)
        try render(from: Int(entry))
        depth -= 1
    }

    /// Renders the steps from `start` up to their `end`.
    mutating func render(from start: Int) throws {
        var i = start
        while true {
            let step = steps[i]
            switch step.operation {
            case .end:
                return
            case .jump:
                i = Int(step.second)
                continue
            case .text:
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(step.first)..<Int(step.first + step.second)]))
            case .value:
                write(resolve(step.first), escaped: step.escaped, slot: max(step.slot, slotLimit))
            case .section:
                let value = resolve(step.first)
                switch value {
                case .array(let items):
                    loops.append((0, items.count))
                    for (index, item) in items.enumerated() {
                        loops[loops.count - 1].index = index
                        stack.append(item)
                        try render(from: i + 1)
                        stack.removeLast()
                    }
                    loops.removeLast()
                case .object, .view:
                    stack.append(value)
                    try render(from: i + 1)
                    stack.removeLast()
                default:
                    if value.isTruthy { try render(from: i + 1) }
                }
                i = Int(step.second)
                continue
            case .inverted:
                if !resolve(step.first).isTruthy { try render(from: i + 1) }
                i = Int(step.second)
                continue
            case .partial:
                if step.first >= 0 {
                    try enter(entry: step.first)
                    try render(from: Int(step.first))
                    depth -= 1
                }
            case .block:
                let name = templates.blockNames[Int(step.first)]
                if let override = overrides[name] {
                    // An override may hold a block of its own name: it counts as nesting, so
                    // such a page fails like a self-including partial instead of recursing.
                    try enter(name)
                    let saved = slotLimit
                    slotLimit = max(step.slot, slotLimit)
                    try render(from: Int(override))
                    slotLimit = saved
                    depth -= 1
                } else {
                    try render(from: i + 1)
                }
                i = Int(step.second)
                continue
            case .parent:
                let saved = overrides
                let own = templates.overrides[Int(step.first)]
                // The outermost override wins: a page beats the layout it extends.
                overrides = saved.isEmpty ? own : own.merging(saved) { _, outer in outer }
                if step.second >= 0 {
                    try enter(entry: step.second)
                    try render(from: Int(step.second))
                    depth -= 1
                }
                overrides = saved
            case .translation:
                translate(templates.translations[Int(step.first)], slot: max(step.slot, slotLimit))
            case .helper:
                writeHelper(Renderer.helpers[Int(step.second)], arguments: Int(step.first), slot: max(step.slot, slotLimit))
            }
            i += 1
        }
    }

    /// Goes one level deeper into partials, layouts and block overrides, or throws past the limit.
    mutating func enter(_ name: String) throws {
        guard depth < Renderer.maximumDepth else { throw nestedTooDeep(name) }
        depth += 1
    }

    /// Goes one level deeper into the template whose first step is `entry`.
    mutating func enter(entry: Int32) throws {
        guard depth < Renderer.maximumDepth else { throw nestedTooDeep(templates.name(at: entry)) }
        depth += 1
    }

    private func nestedTooDeep(_ name: String) -> TemplateError {
        TemplateError(file: name + ".html", line: 0,
                      message: "templates nested more than \(Renderer.maximumDepth) deep (a partial, layout or block includes itself?)")
    }

    /// A catalog text in the render language: for a counted entry, the form its first
    /// argument asks for (a value that is no whole number reads as "other").
    mutating func translate(_ tag: CompiledTemplates.Translation, slot: Slot) {
        var form: CompiledTemplates.PieceRange
        if tag.counted {
            var category = PluralCategory.other
            if case .int(let n) = resolve(templates.arguments[Int(tag.argumentStart)]) { category = PluralCategory.of(n, language) }
            let base = Int(tag.formStart) + language.index * Renderer.categories.count
            form = templates.forms[base + Renderer.categories.firstIndex(of: category)!]
            if form.count < 0 { form = templates.forms[base + Renderer.categories.count - 1] }
        } else {
            form = templates.forms[Int(tag.formStart) + language.index]
        }
        guard form.count > 0 else { return }
        for p in Int(form.start)..<Int(form.start + form.count) {
            let piece = templates.pieces[p]
            if piece.argument < 0 {
                let (start, count): (Int32, Int32)
                switch slot {
                case .text: (start, count) = (piece.starts.0, piece.counts.0)
                case .isolates: (start, count) = (piece.starts.1, piece.counts.1)
                case .verbatim: (start, count) = (piece.starts.2, piece.counts.2)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)]))
            } else {
                let value = resolve(templates.arguments[Int(tag.argumentStart + piece.argument)])
                if case .int(let n) = value {
                    Format.appendNumber(n, language, to: &out)
                } else {
                    write(value, escaped: true, slot: slot)
                }
            }
        }
    }

    func resolve(_ index: Int32) -> TemplateValue {
        let path = paths[Int(index)]
        switch path.kind {
        case .current:
            return stack[stack.count - 1]
        case .keys:
            let keys = templates.keys
            let first = Int(path.keyStart), end = Int(path.keyStart + path.keyCount)
            var i = stack.count - 1
            while i >= 0 {
                if var value = stack[i].member(keys[first]) {
                    for k in (first + 1)..<end {
                        guard let next = value.member(keys[k]) else { return .null }
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

    /// A helper of the paths listed from `templates.arguments[arguments]`.
    mutating func writeHelper(_ helper: Helper, arguments: Int, slot: Slot) {
        let value = resolve(templates.arguments[arguments])
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
            if case .int(let whole) = resolve(templates.arguments[arguments + 1]) {
                HTMLEscape.append(raw: Format.percent(part, of: whole), to: &out)
            }
        case (.percent, _):
            break
        default:
            write(value, escaped: true, slot: slot)
        }
    }
}
