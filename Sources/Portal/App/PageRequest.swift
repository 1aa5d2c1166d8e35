import HTTP
import Templates

/// What a feature needs to know about the visitor to build a page: the language, the
/// catalog (for words that come from the data, like a status), and the route being shown.
struct PageRequest: Sendable {
    let route: SiteRoute
    let language: Language
    let translations: Translations

    /// The catalog text for `key` in the page's language (the key itself if missing, which
    /// the catalog tests prevent).
    func t(_ key: String) -> String { translations.text(key, language) ?? key }

    /// The counted entry `key` in the page's language, in its form for `count` (`{1}`), with
    /// `others` in `{2}`, `{3}`… (see `Translations.counted`).
    func t(_ key: String, count: Int, _ others: [String] = []) -> String {
        translations.counted(key, count, language, others) ?? key
    }
}
