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

    /// The view value: `text`, and `fallback` when a French page must show the Arabic. The text
    /// is as stored: `partials/text` shows it with `{{bidi text}}`, which keeps its periods,
    /// dates and Latin names reading as written.
    public func value(_ language: Language) -> TemplateValue {
        switch language {
        case .ar: return ["text": .string(arabic)]
        case .fr:
            if let french { return ["text": .string(french)] }
            return ["text": .string(arabic), "fallback": true]
        }
    }

    /// The plain text in `language`, falling back to Arabic (for titles and attributes).
    public func text(_ language: Language) -> String {
        language == .fr ? (french ?? arabic) : arabic
    }
}
