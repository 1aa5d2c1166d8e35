import HTTP
import Templates

/// Every page of the admin area, as one value whose URLs are declared once in `forms`, like
/// `SiteRoute` for the public pages (see `RouteTable`). Each route says who may open it
/// (`requirement`), and the admin dispatcher checks that on the server before any handler runs:
/// no admin page can forget its authorization check, because no handler does it itself.
///
/// The pages of one commune and of the network are grouped by feature in their own route
/// types (`EditorRoute`, `DetailsRoute`, `TriageRoute`, `LifecycleRoute`, `ReviewRoute`, `CallRoute`, `ExecutionRoute`, `EvaluationRoute`, `PeopleRoute`, `AuditRoute`, `MailRoute`), each in its feature's folder
/// with its table of URLs; `CommuneArea.forms` and `NetworkArea.forms` mount them here.
enum AdminRoute: RouteTable {
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
    enum CommuneArea: RouteTable {
        case editor(EditorRoute)
        case details(DetailsRoute)
        case triage(TriageRoute)
        case lifecycle(LifecycleRoute)
        case review(ReviewRoute)
        case calls(CallRoute)
        case execution(ExecutionRoute)
        case evaluation(EvaluationRoute)

        /// After `/admin/{lang}/communes/{slug}`: every area's URLs in one table. No two areas
        /// write the same path (`RouteTests` parses every example against every form).
        static let forms: [RouteForm<CommuneArea>] = [
            RouteForm.mount("", forms: EditorRoute.forms, build: { .editor($0) }, read: { if case .editor(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: DetailsRoute.forms, build: { .details($0) }, read: { if case .details(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: TriageRoute.forms, build: { .triage($0) }, read: { if case .triage(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: LifecycleRoute.forms, build: { .lifecycle($0) }, read: { if case .lifecycle(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: ReviewRoute.forms, build: { .review($0) }, read: { if case .review(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: CallRoute.forms, build: { .calls($0) }, read: { if case .calls(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: ExecutionRoute.forms, build: { .execution($0) }, read: { if case .execution(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: EvaluationRoute.forms, build: { .evaluation($0) }, read: { if case .evaluation(let r) = $0 { r } else { nil } }),
        ].flatMap { $0 }
    }

    /// Pages about the whole network.
    enum NetworkArea: RouteTable {
        case people(PeopleRoute)
        case audit(AuditRoute)
        case mail(MailRoute)

        /// After `/admin/{lang}`.
        static let forms: [RouteForm<NetworkArea>] = [
            RouteForm.mount("", forms: PeopleRoute.forms, build: { .people($0) }, read: { if case .people(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: AuditRoute.forms, build: { .audit($0) }, read: { if case .audit(let r) = $0 { r } else { nil } }),
            RouteForm.mount("", forms: MailRoute.forms, build: { .mail($0) }, read: { if case .mail(let r) = $0 { r } else { nil } }),
        ].flatMap { $0 }
    }

    /// Every admin URL: the area's own pages, then one commune's pages and the network's.
    /// `communes/new` is the network's (a commune's slug is never a reserved word).
    static let forms: [RouteForm<AdminRoute>] = [
        RouteForm("/admin", .root),
        RouteForm("/admin/{lang}/", .language, build: { .dashboard($0) }, read: { if case .dashboard(let l) = $0 { l } else { nil } }),
        RouteForm("/admin/{lang}/login", .language, build: { .login($0) }, read: { if case .login(let l) = $0 { l } else { nil } }),
        RouteForm("/admin/{lang}/logout", .language, build: { .logout($0) }, read: { if case .logout(let l) = $0 { l } else { nil } }),
        RouteForm("/admin/{lang}/account", .language, build: { .account($0) }, read: { if case .account(let l) = $0 { l } else { nil } }),
        RouteForm("/admin/{lang}/password/{token}", .language, .token, build: { .password($0, token: $1) },
                  read: { if case .password(let l, let token) = $0 { (l, token) } else { nil } }),
    ] + RouteForm.mount("/admin/{lang}/communes/{slug}", .language, .slug, forms: CommuneArea.forms, build: { .commune($0, slug: $1, $2) },
                        read: { if case .commune(let l, let slug, let area) = $0 { (l, slug, area) } else { nil } })
      + RouteForm.mount("/admin/{lang}", .language, forms: NetworkArea.forms, build: { .network($0, $1) },
                        read: { if case .network(let l, let area) = $0 { (l, area) } else { nil } })

    var language: Language? {
        switch self {
        case .root: return nil
        case .login(let l), .logout(let l), .password(let l, _), .dashboard(let l), .account(let l),
             .commune(let l, _, _), .network(let l, _): return l
        }
    }

    /// The same page in the other language (the admin language switch).
    func with(language: Language) -> AdminRoute {
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
    var methods: [HTTPMethod] {
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
    static func uploadLimit(_ method: HTTPMethod, _ segments: [String], maxEvidenceBytes: Int) -> Int? {
        guard method == .post, segments.first == "admin",
              case .commune(_, _, .execution(let route))? = AdminRoute(segments: segments), route.takesEvidence else { return nil }
        return maxEvidenceBytes + 256 * 1024
    }

    /// Who may open the page; checked by the dispatcher before the handler runs.
    var requirement: AdminRequirement {
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
enum AdminRequirement: Equatable, Sendable {
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

/// The shape every feature's route type has: a table of its URLs after its mount point
/// (`communes/{slug}` for commune areas, `{lang}` for network areas), so the admin route can
/// mount them, and who may open each page.
protocol AdminAreaRoute: RouteTable {
    var methods: [HTTPMethod] { get }
    var requirement: AdminRequirement { get }
}
