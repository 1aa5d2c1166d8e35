import SQLite
import Templates

/// A text stored in Arabic and, when translated, French. A page in French shows the Arabic
/// when no translation exists, and says so (the template marks it), rather than show nothing.
struct Localized: Sendable, Equatable {
    var arabic: String
    var french: String?

    init(arabic: String, french: String?) {
        self.arabic = arabic
        self.french = french.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `<base>_ar` and `<base>_fr` from a row; a NULL Arabic column reads as empty.
    init(_ row: Row, _ base: String) throws {
        self.init(arabic: try row.optionalString(base + "_ar") ?? "", french: try row.optionalString(base + "_fr"))
    }

    /// The view value: `text`, and `fallback` when a French page must show the Arabic (see
    /// `LocalizedText`, the typed view of the same).
    func value(_ language: Language) -> TemplateValue { LocalizedText(self, language).templateValue }

    /// The plain text in `language`, falling back to Arabic (for titles and attributes).
    func text(_ language: Language) -> String {
        language == .fr ? (french ?? arabic) : arabic
    }
}

/// A stored text in the page's language: what `partials/text` reads. The text is as stored:
/// the partial shows it with `{{bidi text}}`, which keeps its periods, dates and Latin names
/// reading as written.
struct LocalizedText: TemplateView, Sendable {
    let text: String
    /// A French page shows the Arabic because no translation exists (the template says so).
    let fallback: Bool

    init(_ localized: Localized, _ language: Language) {
        if language == .fr, let french = localized.french {
            text = french; fallback = false
        } else {
            text = localized.arabic; fallback = language == .fr
        }
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .string(text)
        case "fallback": return .bool(fallback)
        default: return nil
        }
    }
}
