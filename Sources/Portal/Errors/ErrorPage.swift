import HTTP
import Templates

/// The page a visitor sees when something goes wrong, in their language, saying what
/// happened and what they can do, rather than a bare status line.
struct ErrorPage: TemplateView {
    let status: HTTPStatus
    /// The catalog key of the sentence that says what went wrong (`PageError.message`); nil:
    /// the status's generic sentence.
    let message: String?
    let translations: Translations
    let language: Language

    init(status: HTTPStatus, message: String? = nil, translations: Translations, language: Language) {
        self.status = status
        self.message = message
        self.translations = translations
        self.language = language
    }

    /// The messages exist per status family; unknown codes use the generic ones.
    private var key: String {
        let known = [400, 403, 404, 405, 408, 413, 414, 429, 431, 500, 501, 503, 505]
        return known.contains(status.code) ? "error.\(status.code)" : (status.code >= 500 ? "error.500" : "error.400")
    }

    var title: String { translations.text(key + ".title", language) ?? status.reason }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "status": return .int(status.code)
        case "title": return .string(title)
        case "message":
            return .string(message.flatMap { translations.text($0, language) } ?? translations.text(self.key + ".message", language) ?? "")
        default: return nil
        }
    }

    var view: PageView { PageView(template: "pages/error", title: title, view: self) }
}
