import HTTP
import Templates

/// The page a visitor sees when something goes wrong, in their language, saying what
/// happened and what they can do, rather than a bare status line.
struct ErrorPage {
    let status: HTTPStatus
    let translations: Translations
    let language: Language

    /// The messages exist per status family; unknown codes use the generic ones.
    private var key: String {
        let known = [400, 403, 404, 405, 408, 413, 414, 429, 431, 500, 501, 503, 505]
        return known.contains(status.code) ? "error.\(status.code)" : (status.code >= 500 ? "error.500" : "error.400")
    }

    var view: PageView {
        let title = translations.text(key + ".title", language) ?? status.reason
        let message = translations.text(key + ".message", language) ?? ""
        return PageView(template: "pages/error", title: title, context: [
            "status": .int(status.code),
            "title": .string(title),
            "message": .string(message),
        ])
    }
}
