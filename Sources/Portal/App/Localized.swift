import SQLite
import Templates

/// A text stored in Arabic and, when translated, French. A page in French shows the Arabic
/// when no translation exists, and says so (the template marks it), rather than show nothing.
public struct Localized: Sendable, Equatable {
    public var arabic: String
    public var french: String?

    public init(arabic: String, french: String?) {
        self.arabic = arabic
        self.french = french.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `<base>_ar` and `<base>_fr` from a row; a NULL Arabic column reads as empty.
    public init(_ row: Row, _ base: String) throws {
        self.init(arabic: try row.optionalString(base + "_ar") ?? "", french: try row.optionalString(base + "_fr"))
    }

    /// The view value: `text`, and `fallback` when a French page must show the Arabic.
    public func value(_ language: Language) -> TemplateValue {
        switch language {
        case .ar: return ["text": .string(Self.isolatingNumbers(arabic))]
        case .fr:
            if let french { return ["text": .string(french)] }
            return ["text": .string(Self.isolatingNumbers(arabic)), "fallback": true]
        }
    }

    /// Arabic text with each run of Western digits joined by "-" or "/" (a period "2024-2025",
    /// a date "2023-06-09") wrapped in a left-to-right isolate (U+2066 … U+2069). Without it the
    /// Unicode bidi algorithm reads those digits after Arabic letters as Arabic numbers and shows
    /// "2025-2024". Only for display: stored texts, exports and comparisons keep the text as typed.
    static func isolatingNumbers(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ index: Int) -> Bool { index < scalars.count && ("0"..."9").contains(scalars[index]) }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard isDigit(index) else { out.append(scalars[index]); index += 1; continue }
            // A run of digits, separators between digits included.
            var end = index
            var joined = false
            while isDigit(end) || (end < scalars.count && (scalars[end] == "-" || scalars[end] == "/") && end > index && isDigit(end + 1)) {
                if !isDigit(end) { joined = true }
                end += 1
            }
            if joined { out.append("\u{2066}") }
            out.append(contentsOf: scalars[index..<end])
            if joined { out.append("\u{2069}") }
            index = end
        }
        return String(out)
    }

    /// The plain text in `language`, falling back to Arabic (for titles and attributes).
    public func text(_ language: Language) -> String {
        language == .fr ? (french ?? arabic) : arabic
    }

    /// The text as a reader sees it outside a page (feeds, calendars): `text(language)`, with the
    /// Arabic's periods and dates isolated left to right as on the pages (`isolatingNumbers`).
    public func shownText(_ language: Language) -> String {
        if language == .fr, let french { return french }
        return Self.isolatingNumbers(arabic)
    }
}
