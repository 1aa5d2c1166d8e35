import HTTP
import Templates

/// Every page of the portal, as one value. The same enum parses a request path and prints
/// the path for a link, so a link can never drift from the route that answers it.
public enum SiteRoute: Equatable, Sendable {
    /// `/`: sends the visitor to their language's home.
    case root
    /// `/{lang}/`: the network, its principles and goals, and the communes.
    case home(Language)

    /// The route for a decoded path, or nil when no page lives there.
    public init?(segments: [String]) {
        guard let first = segments.first else { self = .root; return }
        guard let language = Language(rawValue: first) else { return nil }
        let rest = Array(segments.dropFirst())
        switch rest.count {
        case 0: self = .home(language)
        default: return nil
        }
    }

    /// The absolute path that reaches this route.
    public var path: String {
        switch self {
        case .root: return "/"
        case .home(let language): return "/\(language.rawValue)/"
        }
    }

    /// The language of the page, when the route has one.
    public var language: Language? {
        switch self {
        case .root: return nil
        case .home(let language): return language
        }
    }

    /// The same page in another language (for the language switch).
    public func with(language: Language) -> SiteRoute {
        switch self {
        case .root: return .root
        case .home: return .home(language)
        }
    }

    /// Methods this route answers; HEAD goes wherever GET goes (RFC 9110 §9.3.2).
    public var methods: [HTTPMethod] {
        switch self {
        case .root, .home: return [.get, .head]
        }
    }
}
