import HTTP
import Templates

/// What a feature needs to know about the visitor to build a page: the language, the
/// catalog (for words that come from the data, like a status), and the route being shown.
public struct PageRequest: Sendable {
    public let route: SiteRoute
    public let language: Language
    public let translations: Translations

    /// The catalog text for `key` in the page's language (the key itself if missing, which
    /// the catalog tests prevent).
    public func t(_ key: String) -> String { translations.text(key, language) ?? key }

    /// The counted entry `key` in the page's language, in its form for `count` (`{1}`), with
    /// `others` in `{2}`, `{3}`… (see `Translations.counted`).
    public func t(_ key: String, count: Int, _ others: [String] = []) -> String {
        translations.counted(key, count, language, others) ?? key
    }
}
