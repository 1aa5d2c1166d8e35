import HTTP
import Templates

/// Every page of the admin area, as one value that parses a path and prints it, like
/// `SiteRoute` for the public pages. Each route says who may open it (`requirement`), and the
/// admin dispatcher checks that on the server before any handler runs: no admin page can
/// forget its authorization check, because no handler does it itself.
///
/// The pages of one commune and of the network are grouped by feature in their own route
/// types (`EditorRoute`, `DetailsRoute`, `TriageRoute`, `LifecycleRoute`, `ReviewRoute`, `CallRoute`, `ExecutionRoute`, `EvaluationRoute`, `PeopleRoute`, `AuditRoute`, `MailRoute`), each in its feature's folder.
public enum AdminRoute: Equatable, Sendable {
    /// `/admin`: to the visitor's language.
    case root
    /// `/admin/{lang}/login`: the sign-in form (GET) and sign-in (POST). Open to anyone.
    case login(Language)
    /// `/admin/{lang}/logout` (POST): ends this session, or every session with `everywhere=1`.
    case logout(Language)
    /// `/admin/{lang}/password/{token}`: choosing a password from a one-time link. Open to anyone with the link.
    case password(Language, token: String)
    /// `/admin/{lang}/`: what the person can act on.
    case dashboard(Language)
    /// `/admin/{lang}/account`: one's own password and sessions.
    case account(Language)
    /// `/admin/{lang}/communes/{slug}/…`: the pages of one commune's programs.
    case commune(Language, slug: String, CommuneArea)
    /// `/admin/{lang}/…`: the network's pages (people, communes, audit log, mail outbox).
    case network(Language, NetworkArea)

    /// Pages kept inside one commune; authorization is for that commune.
    public enum CommuneArea: Equatable, Sendable {
        case editor(EditorRoute)
        case details(DetailsRoute)
        case triage(TriageRoute)
        case lifecycle(LifecycleRoute)
        case review(ReviewRoute)
        case calls(CallRoute)
        case execution(ExecutionRoute)
        case evaluation(EvaluationRoute)
    }

    /// Pages about the whole network.
    public enum NetworkArea: Equatable, Sendable {
        case people(PeopleRoute)
        case audit(AuditRoute)
        case mail(MailRoute)
    }

    public init?(segments: [String]) {
        guard segments.first == "admin" else { return nil }
        let rest = Array(segments.dropFirst())
        guard let first = rest.first else { self = .root; return }
        guard let language = Language(rawValue: first) else { return nil }
        let tail = Array(rest.dropFirst())
        switch tail {
        case []: self = .dashboard(language)
        case ["login"]: self = .login(language)
        case ["logout"]: self = .logout(language)
        case ["account"]: self = .account(language)
        case let t where t.count == 2 && t[0] == "password": self = .password(language, token: t[1])
        case let t where t.count >= 2 && t[0] == "communes" && t[1] != "new":
            let inner = Array(t.dropFirst(2))
            if let route = TriageRoute(tail: inner) { self = .commune(language, slug: t[1], .triage(route)) }
            else if let route = DetailsRoute(tail: inner) { self = .commune(language, slug: t[1], .details(route)) }
            else if let route = LifecycleRoute(tail: inner) { self = .commune(language, slug: t[1], .lifecycle(route)) }
            else if let route = CallRoute(tail: inner) { self = .commune(language, slug: t[1], .calls(route)) }
            else if let route = ReviewRoute(tail: inner) { self = .commune(language, slug: t[1], .review(route)) }
            else if let route = ExecutionRoute(tail: inner) { self = .commune(language, slug: t[1], .execution(route)) }
            else if let route = EvaluationRoute(tail: inner) { self = .commune(language, slug: t[1], .evaluation(route)) }
            else if let route = EditorRoute(tail: inner) { self = .commune(language, slug: t[1], .editor(route)) }
            else { return nil }
        default:
            if let route = PeopleRoute(tail: tail) { self = .network(language, .people(route)) }
            else if let route = AuditRoute(tail: tail) { self = .network(language, .audit(route)) }
            else if let route = MailRoute(tail: tail) { self = .network(language, .mail(route)) }
            else { return nil }
        }
    }

    public var path: String {
        func join(_ language: Language, _ tail: [String]) -> String {
            "/admin/\(language.rawValue)/" + tail.joined(separator: "/")
        }
        switch self {
        case .root: return "/admin"
        case .login(let language): return join(language, ["login"])
        case .logout(let language): return join(language, ["logout"])
        case .password(let language, let token): return join(language, ["password", token])
        case .dashboard(let language): return join(language, [])
        case .account(let language): return join(language, ["account"])
        case .commune(let language, let slug, let area):
            switch area {
            case .editor(let route): return join(language, ["communes", slug] + route.tail)
            case .details(let route): return join(language, ["communes", slug] + route.tail)
            case .lifecycle(let route): return join(language, ["communes", slug] + route.tail)
            case .review(let route): return join(language, ["communes", slug] + route.tail)
            case .triage(let route): return join(language, ["communes", slug] + route.tail)
            case .calls(let route): return join(language, ["communes", slug] + route.tail)
            case .execution(let route): return join(language, ["communes", slug] + route.tail)
            case .evaluation(let route): return join(language, ["communes", slug] + route.tail)
            }
        case .network(let language, let area):
            switch area {
            case .people(let route): return join(language, route.tail)
            case .audit(let route): return join(language, route.tail)
            case .mail(let route): return join(language, route.tail)
            }
        }
    }

    public var language: Language? {
        switch self {
        case .root: return nil
        case .login(let l), .logout(let l), .password(let l, _), .dashboard(let l), .account(let l),
             .commune(let l, _, _), .network(let l, _): return l
        }
    }

    /// The same page in the other language (the admin language switch).
    public func with(language: Language) -> AdminRoute {
        switch self {
        case .root: return .root
        case .login: return .login(language)
        case .logout: return .logout(language)
        case .password(_, let token): return .password(language, token: token)
        case .dashboard: return .dashboard(language)
        case .account: return .account(language)
        case .commune(_, let slug, let area): return .commune(language, slug: slug, area)
        case .network(_, let area): return .network(language, area)
        }
    }

    /// Methods the route answers; HEAD goes wherever GET goes.
    public var methods: [HTTPMethod] {
        switch self {
        case .root, .dashboard: return [.get, .head]
        case .logout: return [.post]
        case .login, .password, .account: return [.get, .head, .post]
        case .commune(_, _, .editor(let route)): return route.methods
        case .commune(_, _, .details(let route)): return route.methods
        case .commune(_, _, .lifecycle(let route)): return route.methods
        case .commune(_, _, .review(let route)): return route.methods
        case .commune(_, _, .triage(let route)): return route.methods
        case .commune(_, _, .calls(let route)): return route.methods
        case .commune(_, _, .execution(let route)): return route.methods
        case .commune(_, _, .evaluation(let route)): return route.methods
        case .network(_, .people(let route)): return route.methods
        case .network(_, .audit(let route)): return route.methods
        case .network(_, .mail(let route)): return route.methods
        }
    }

    /// The body limit of a request to `segments` with `method`, when it is larger than the
    /// server's usual one: the evidence forms take a file of up to `maxEvidenceBytes` plus room
    /// for their text fields and the multipart framing. Every other route keeps the usual limit.
    public static func uploadLimit(_ method: HTTPMethod, _ segments: [String], maxEvidenceBytes: Int) -> Int? {
        guard method == .post, segments.first == "admin",
              case .commune(_, _, .execution(let route))? = AdminRoute(segments: segments), route.takesEvidence else { return nil }
        return maxEvidenceBytes + 256 * 1024
    }

    /// Who may open the page; checked by the dispatcher before the handler runs.
    public var requirement: AdminRequirement {
        switch self {
        case .root, .login, .password: return .nobody
        case .logout, .dashboard, .account: return .signedIn
        case .commune(_, _, .editor(let route)): return route.requirement
        case .commune(_, _, .details(let route)): return route.requirement
        case .commune(_, _, .lifecycle(let route)): return route.requirement
        case .commune(_, _, .review(let route)): return route.requirement
        case .commune(_, _, .triage(let route)): return route.requirement
        case .commune(_, _, .calls(let route)): return route.requirement
        case .commune(_, _, .execution(let route)): return route.requirement
        case .commune(_, _, .evaluation(let route)): return route.requirement
        case .network(_, .people(let route)): return route.requirement
        case .network(_, .audit(let route)): return route.requirement
        case .network(_, .mail(let route)): return route.requirement
        }
    }
}

/// Who may open an admin page.
public enum AdminRequirement: Equatable, Sendable {
    /// Anyone, signed in or not (sign-in, password links).
    case nobody
    /// Any active staff account.
    case signedIn
    /// Network administrators only.
    case admin
    /// One of these roles in the route's commune (administrators always qualify).
    case roles(Set<Role>)
    /// One of these roles in at least one commune (for network pages filtered to the person's communes).
    case anywhere(Set<Role>)
}

/// The shape every feature's route type has, so the admin route can parse and print it.
public protocol AdminAreaRoute: Equatable, Sendable {
    /// Parses the path segments after the area's prefix (after `communes/{slug}` for commune
    /// areas, after `{lang}` for network areas).
    init?(tail: [String])
    /// The segments `init?(tail:)` reads back.
    var tail: [String] { get }
    var methods: [HTTPMethod] { get }
    var requirement: AdminRequirement { get }
}
