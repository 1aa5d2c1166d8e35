/// A library's linked templates as the renderer walks them: one flat list of fixed-size steps
/// whose payloads are numbers (a range of the literal bytes, a path's index, where a section's
/// body ends), built once when the library loads. Walking the `Node` tree instead copied each
/// node's arrays and strings as it went (a retain and a release per payload): about a third of
/// a page's render time in a profile of the national rotation. Here a step, a path and a
/// translation's pieces are plain values, and the literal bytes live in one buffer the
/// library owns for its lifetime.
final class CompiledTemplates: @unchecked Sendable {
    /// What a step does; its numbers say with what (see each case).
    enum Operation: UInt8 {
        /// Literal bytes: `first` is their start in `bytes`, `second` their count.
        case text
        /// A value (`first`: its path); `escaped` as the tag was written, `slot` where it lands.
        case value
        /// A section over `first`'s value; its body follows and ends with `end`; `second` is
        /// the step after that `end`.
        case section
        /// As `section`, rendered when the value is falsy.
        case inverted
        /// Another template, whose first step is `first`.
        case partial
        /// A block named `blockNames[first]`; its fallback body follows (as a section's); `slot`
        /// is the block's place.
        case block
        /// A layout whose first step is `second`, with the overrides `overrides[first]`.
        case parent
        /// The catalog text `translations[first]`, arguments written as `slot` allows.
        case translation
        /// A formatting helper (`Helper` of raw index `second`) of the paths listed from
        /// `arguments[first]`.
        case helper
        /// Go on at step `second` (past a layout's override bodies).
        case jump
        /// The end of a template or a body.
        case end
    }

    /// One step: 12 bytes, no references.
    struct Step {
        var operation: Operation
        var slot: Slot = .text
        var escaped = false
        var first: Int32 = 0
        var second: Int32 = 0
    }

    /// A path as a kind and, for keys, where its keys are in `keys`.
    struct CompiledPath {
        enum Kind: UInt8 { case current, keys, index, number, first, last, lang, dir }
        var kind: Kind
        var keyStart: Int32 = 0
        var keyCount: Int32 = 0
    }

    /// A piece of a catalog text: an argument, or literal bytes written one of three ways (by
    /// `Slot.rawValue`, see `CompiledText`), each a range of `bytes`.
    struct Piece {
        var argument: Int32 = -1
        var starts: (Int32, Int32, Int32) = (0, 0, 0)
        var counts: (Int32, Int32, Int32) = (0, 0, 0)
    }

    /// A catalog text's pieces: `start..<start+count` of `pieces`; a count of -1 is a plural
    /// form the language lacks.
    struct PieceRange {
        var start: Int32
        var count: Int32
    }

    /// A `{{t}}` tag: its arguments (path indices, from `arguments[argumentStart]`) and its
    /// texts: per language (`Language.index`) one range, or for a counted entry per language
    /// six (one per `PluralCategory`), from `forms[formStart]`.
    struct Translation {
        var argumentStart: Int32
        var argumentCount: Int32
        var counted: Bool
        var formStart: Int32
    }

    let steps: [Step]
    let paths: [CompiledPath]
    let keys: [String]
    let arguments: [Int32]
    let translations: [Translation]
    let forms: [PieceRange]
    let pieces: [Piece]
    let blockNames: [String]
    /// Per `parent` step: its block overrides, by name, as the first step of each body.
    let overrides: [[String: Int32]]
    /// Each template's first step, by library name.
    let entries: [String: Int32]
    /// Every literal byte of every template and catalog text; freed with the library.
    let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ templates: [String: [Node]]) {
        var builder = Builder()
        for name in templates.keys.sorted() {
            builder.entries[name] = Int32(builder.steps.count)
            builder.compile(templates[name]!)
            builder.steps.append(Step(operation: .end))
        }
        // Partials and layouts point at their templates once every template has its first step
        // (-1 for a name the library lacks: the linker refuses those, and the renderer skips them).
        for (index, name) in builder.targetNames {
            let entry = builder.entries[name] ?? -1
            if builder.steps[index].operation == .partial { builder.steps[index].first = entry } else { builder.steps[index].second = entry }
        }
        steps = builder.steps
        paths = builder.paths
        keys = builder.keys
        arguments = builder.arguments
        translations = builder.translations
        forms = builder.forms
        pieces = builder.pieces
        blockNames = builder.blockNames
        overrides = builder.overrides
        entries = builder.entries
        bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(builder.bytes.count, 1))
        _ = bytes.initialize(from: builder.bytes)
    }

    deinit { bytes.deallocate() }

    /// The name of the template whose first step is `entry` (for an error message).
    func name(at entry: Int32) -> String {
        entries.first { $0.value == entry }?.key ?? "?"
    }

    /// Builds the tables from the tree, one node at a time.
    private struct Builder {
        var steps: [Step] = []
        var paths: [CompiledPath] = []
        var pathIndex: [Path: Int32] = [:]
        var keys: [String] = []
        var arguments: [Int32] = []
        var translations: [Translation] = []
        var forms: [PieceRange] = []
        var pieces: [Piece] = []
        var blockNames: [String] = []
        var overrides: [[String: Int32]] = []
        var entries: [String: Int32] = [:]
        /// The template a `partial` or `parent` step names, by step index, until entries are known.
        var targetNames: [Int: String] = [:]
        var bytes: [UInt8] = []

        mutating func literal(_ text: [UInt8]) -> (Int32, Int32) {
            let start = Int32(bytes.count)
            bytes += text
            return (start, Int32(text.count))
        }

        mutating func path(_ path: Path) -> Int32 {
            if let known = pathIndex[path] { return known }
            var compiled: CompiledPath
            switch path {
            case .current: compiled = CompiledPath(kind: .current)
            case .keys(let names):
                compiled = CompiledPath(kind: .keys, keyStart: Int32(keys.count), keyCount: Int32(names.count))
                keys += names
            case .index: compiled = CompiledPath(kind: .index)
            case .number: compiled = CompiledPath(kind: .number)
            case .first: compiled = CompiledPath(kind: .first)
            case .last: compiled = CompiledPath(kind: .last)
            case .lang: compiled = CompiledPath(kind: .lang)
            case .dir: compiled = CompiledPath(kind: .dir)
            }
            paths.append(compiled)
            pathIndex[path] = Int32(paths.count - 1)
            return Int32(paths.count - 1)
        }

        mutating func text(_ text: CompiledText?) -> PieceRange {
            guard let text else { return PieceRange(start: 0, count: -1) }
            let start = Int32(pieces.count)
            for piece in text.pieces {
                switch piece {
                case .argument(let i):
                    pieces.append(Piece(argument: Int32(i)))
                case .literal(let ways):
                    let a = literal(ways[0]), b = literal(ways[1]), c = literal(ways[2])
                    pieces.append(Piece(argument: -1, starts: (a.0, b.0, c.0), counts: (a.1, b.1, c.1)))
                }
            }
            return PieceRange(start: start, count: Int32(pieces.count) - start)
        }

        /// A body and its `end`, and the index of the step after it.
        mutating func body(_ nodes: [Node]) -> Int32 {
            compile(nodes)
            steps.append(Step(operation: .end))
            return Int32(steps.count)
        }

        mutating func compile(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    let (start, count) = literal(text)
                    steps.append(Step(operation: .text, first: start, second: count))
                case .value(let p, let escaped, let slot):
                    steps.append(Step(operation: .value, slot: slot, escaped: escaped, first: path(p)))
                case .section(let p, let nodes), .inverted(let p, let nodes):
                    let at = steps.count
                    var inverted = false
                    if case .inverted = node { inverted = true }
                    steps.append(Step(operation: inverted ? .inverted : .section, first: path(p)))
                    steps[at].second = body(nodes)
                case .partial(let name, _):
                    targetNames[steps.count] = name
                    steps.append(Step(operation: .partial))
                case .block(let name, let fallback, let slot):
                    let at = steps.count
                    blockNames.append(name)
                    steps.append(Step(operation: .block, slot: slot, first: Int32(blockNames.count - 1)))
                    steps[at].second = body(fallback)
                case .parent(let name, let blocks, _):
                    // The parent step, a jump over the overrides' bodies, then each body.
                    let at = steps.count
                    targetNames[at] = name
                    overrides.append([:])
                    let table = overrides.count - 1
                    steps.append(Step(operation: .parent, first: Int32(table)))
                    let jump = steps.count
                    steps.append(Step(operation: .jump))
                    for (block, nodes) in blocks.sorted(by: { $0.key < $1.key }) {
                        overrides[table][block] = Int32(steps.count)
                        compile(nodes)
                        steps.append(Step(operation: .end))
                    }
                    steps[jump].second = Int32(steps.count)
                case .translation(let tag):
                    let argumentStart = Int32(arguments.count)
                    arguments += tag.arguments.map { path($0) }
                    let formStart = Int32(forms.count)
                    if tag.plurals.isEmpty {
                        // An unlinked tag (no texts) renders nothing.
                        for language in Language.allCases {
                            forms.append(text(tag.texts.indices.contains(language.index) ? tag.texts[language.index] : nil))
                        }
                    } else {
                        for language in Language.allCases {
                            for form in tag.plurals[language.index] { forms.append(text(form)) }
                        }
                    }
                    translations.append(Translation(argumentStart: argumentStart, argumentCount: Int32(tag.arguments.count),
                                                    counted: !tag.plurals.isEmpty, formStart: formStart))
                    steps.append(Step(operation: .translation, slot: tag.slot, first: Int32(translations.count - 1)))
                case .helper(let helper, let paths, let slot):
                    let start = Int32(arguments.count)
                    arguments += paths.map { path($0) }
                    steps.append(Step(operation: .helper, slot: slot, first: start, second: Int32(Helper.allCases.firstIndex(of: helper)!)))
                }
            }
        }
    }
}
