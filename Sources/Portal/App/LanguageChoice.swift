import HTTP
import Templates

/// Picks the visitor's language when the URL does not say it: Arabic first, French when
/// the browser prefers it (RFC 9110 §12.5.4 weights).
enum LanguageChoice {
    /// The language for an Accept-Language field value; Arabic when nothing decides.
    static func preferred(acceptLanguage: String?) -> Language {
        guard let acceptLanguage else { return .ar }
        var best: (language: Language, weight: Double)? = nil
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            guard weight > 0 else { continue }
            // Earlier entries win ties, as browsers list them by preference.
            if best == nil || weight > best!.weight { best = (language, weight) }
        }
        return best?.language ?? .ar
    }

    /// The language of a request: its first path segment, else its Accept-Language.
    static func of(_ request: HTTPRequest?, acceptLanguage: String?) -> Language {
        // Public pages start with the language; admin pages with "admin", then the language.
        let segments = request?.pathSegments ?? []
        let marker = segments.first == "admin" ? segments.dropFirst().first : segments.first
        if let marker, let language = Language(rawValue: marker) { return language }
        return preferred(acceptLanguage: acceptLanguage ?? request?.headers["Accept-Language"])
    }
}
