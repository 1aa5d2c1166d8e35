import Foundation

/// Translation catalogs, one per language, so that page text lives in two reviewable files
/// (`i18n/ar.strings`, `i18n/fr.strings`) instead of inside templates.
///
/// File format: UTF-8 lines `key = value`; blank lines and lines starting with `#` are
/// ignored; the key and value are trimmed of spaces and tabs (a no-break space stays); the value may contain `{1}`, `{2}`… placeholders
/// filled by `{{t key arg1 arg2 }}`. A counted entry is written once per plural category,
/// `key[one] = …`, `key[few] = …` (see `PluralCategory`), and `{{t key n }}` picks the form by
/// `n`, its first argument (code writes one out with `counted`). A line without `=`, an empty
/// key, an unknown category or a repeated key is a `TemplateError` at the file and line.
public struct Translations: Sendable {
    /// Indexed by `Language.index`.
    private let catalogs: [[String: String]]

    /// Reads `ar.strings` and `fr.strings` from `directory`; both must exist.
    public init(directory: URL) throws {
        var catalogs: [[String: String]] = []
        for language in Language.allCases {
            let name = "\(language.rawValue).strings"
            let url = directory.appendingPathComponent(name)
            let shownName = "\(directory.lastPathComponent)/\(name)"
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError(file: shownName, line: 0, message: "cannot read catalog")
            }
            catalogs.append(try Translations.parse(String(decoding: data, as: UTF8.self), file: shownName))
        }
        self.catalogs = catalogs
    }

    /// Catalogs built in code (tests, or a portal with no translation files).
    public init(_ catalogs: [Language: [String: String]]) {
        self.catalogs = Language.allCases.map { catalogs[$0] ?? [:] }
    }

    /// The catalog text for `key`, placeholders left as `{1}`; nil when this language lacks it.
    public func text(_ key: String, _ language: Language) -> String? {
        catalogs[language.index][key]
    }

    /// The form of the counted entry `key` for `count` in `language`, placeholders left as
    /// `{1}`; nil when the entry has no forms (or not that one).
    public func text(_ key: String, count: Int, _ language: Language) -> String? {
        catalogs[language.index][Self.pluralKey(key, PluralCategory.of(count, language))]
    }

    /// The counted entry `key` written out for `count`, as `{{t key count …}}` renders it (without
    /// the HTML escaping): the form for `count` in `language`, `{1}` the count as pages write
    /// numbers (`Format.number`), `{2}`, `{3}`… the `others`. For messages built in code; nil when
    /// the entry has no forms.
    public func counted(_ key: String, _ count: Int, _ language: Language, _ others: [String] = []) -> String? {
        guard let text = text(key, count: count, language) else { return nil }
        return Self.fill(text, [Format.number(count, language)] + others)
    }

    /// The catalog text for `key` in `language` with `{1}`, `{2}`… replaced by `values` (the key
    /// itself when missing, which the catalog tests prevent).
    public func fill(_ key: String, _ language: Language, _ values: [String]) -> String {
        Self.fill(text(key, language) ?? key, values)
    }

    /// `text` with `{1}`, `{2}`… replaced by `values`, in one pass, so a value that itself holds
    /// "{2}" (a citizen's title) stays as typed. The one way a message built in code gets its values.
    public static func fill(_ text: String, _ values: [String]) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let number = Int(after[..<close]), number >= 1, number <= values.count {
                out += values[number - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    /// Whether `key` is a counted entry (has plural forms) in any language.
    public func isCounted(_ key: String) -> Bool {
        catalogs.contains { $0[Self.pluralKey(key, .other)] != nil || $0[Self.pluralKey(key, .one)] != nil }
    }

    /// The plural forms `key` lacks in `language`, in CLDR's order.
    public func formsMissing(_ key: String, in language: Language) -> [PluralCategory] {
        PluralCategory.needed(by: language).filter { catalogs[language.index][Self.pluralKey(key, $0)] == nil }
    }

    /// Every counted entry (with plural forms) in any language, sorted.
    public var countedKeys: [String] {
        var keys = Set<String>()
        for catalog in catalogs {
            for key in catalog.keys { if let open = key.firstIndex(of: "[") { keys.insert(String(key[..<open])) } }
        }
        return keys.sorted()
    }

    /// How a plural form is keyed in a catalog: `key[few]`.
    static func pluralKey(_ key: String, _ category: PluralCategory) -> String { key + "[" + category.rawValue + "]" }

    /// Keys that some other language has and `language` lacks, sorted: the list a translator
    /// needs before a release.
    public func keysMissing(in language: Language) -> [String] {
        let own = catalogs[language.index]
        var missing = Set<String>()
        for other in Language.allCases where other != language {
            for key in catalogs[other.index].keys where own[key] == nil {
                // A plural form is owed only where the language has that category (French has no "two").
                if let open = key.firstIndex(of: "["), let category = PluralCategory(rawValue: String(key[key.index(after: open)...].dropLast())) {
                    if PluralCategory.needed(by: language).contains(category) { missing.insert(key) }
                } else {
                    missing.insert(key)
                }
            }
        }
        return missing.sorted()
    }

    /// Every key in any language.
    public var allKeys: Set<String> {
        var keys = Set<String>()
        for catalog in catalogs { keys.formUnion(catalog.keys) }
        return keys
    }

    static func parse(_ text: String, file: String) throws -> [String: String] {
        var result: [String: String] = [:]
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so both line ends are named explicitly.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw TemplateError(file: file, line: lineNumber, message: "expected 'key = value'")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            // Only spaces and tabs are trimmed: a value may start with a no-break space (French " :").
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw TemplateError(file: file, line: lineNumber, message: "invalid key '\(key)'")
            }
            if let open = key.firstIndex(of: "[") {
                let category = key[key.index(after: open)...].dropLast()
                guard key.last == "]", open != key.startIndex, PluralCategory(rawValue: String(category)) != nil else {
                    throw TemplateError(file: file, line: lineNumber,
                                        message: "invalid plural form '\(key)' (zero, one, two, few, many, other)")
                }
            }
            guard result[key] == nil else {
                throw TemplateError(file: file, line: lineNumber, message: "duplicate key '\(key)'")
            }
            result[key] = value
        }
        return result
    }
}

/// A catalog text split once at start into literal runs (already HTML-escaped) and
/// placeholder references, so rendering `{{t}}` is appends only. Each literal run is kept the
/// three ways a `Slot` writes text: with `<bdi>` between tags, with Unicode isolates in a title
/// or option, as it is in an attribute (see `Bidi`), so a catalog needs no marks of its own.
struct CompiledText: Sendable {
    enum Piece: Sendable {
        /// Indexed by `Slot.rawValue`.
        case literal([[UInt8]])
        /// 0-based argument index (`{1}` is 0).
        case argument(Int)
    }
    let pieces: [Piece]
    /// Highest placeholder number used, to check the tag passes enough arguments.
    let placeholderCount: Int

    init(_ text: String, _ language: Language = .fr) {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var highest = 0
        let bytes = Array(text.utf8)
        func flush() {
            guard !literal.isEmpty else { return }
            let run = String(decoding: literal, as: UTF8.self)
            var html: [UInt8] = [], isolated: [UInt8] = [], plain: [UInt8] = []
            Bidi.appendHTML(run, language, to: &html)
            HTMLEscape.append(escaping: Bidi.isolated(run, language), to: &isolated)
            HTMLEscape.append(escaping: run, to: &plain)
            pieces.append(.literal([html, isolated, plain]))
            literal = []
        }
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{") {
                var j = i + 1
                var number = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39, number < 1000 {
                    number = number * 10 + Int(bytes[j] - 0x30)
                    j += 1
                }
                if j > i + 1, j < bytes.count, bytes[j] == UInt8(ascii: "}"), number >= 1 {
                    flush()
                    pieces.append(.argument(number - 1))
                    highest = max(highest, number)
                    i = j + 1
                    continue
                }
            }
            literal.append(bytes[i])
            i += 1
        }
        flush()
        self.pieces = pieces
        self.placeholderCount = highest
    }
}
