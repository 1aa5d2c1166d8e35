import Foundation
import HTTP
import SQLite
import Templates

/// The admin area's front door: every `/admin` request passes here, in this order —
/// route, method, session, role in the commune, anti-forgery token — before a feature's
/// handler sees it. Authorization lives in this one place on purpose: a handler cannot
/// forget a check it never has to make.
extension Site {
    func respondAdmin(_ route: AdminRoute, to request: HTTPRequest) throws -> HTTPResponse {
        guard route.methods.contains(request.method) else {
            throw PageError(.methodNotAllowed, headers: HTTPHeaders([("Allow", route.methods.map(\.rawValue).joined(separator: ", "))]))
        }
        let now = now()
        var response: HTTPResponse
        switch route {
        case .root:
            let language = LanguageChoice.preferred(acceptLanguage: request.headers["Accept-Language"])
            response = .redirect(to: AdminRoute.dashboard(language).path, status: .found)
        case .login(let language):
            response = try answer(try loginPage(request, language: language, now: now), route: route, language: language,
                                  signedIn: nil, notice: nil)
        case .password(let language, let token):
            response = try answer(try passwordLinkPage(request, language: language, token: token, now: now), route: route,
                                  language: language, signedIn: nil, notice: nil)
        default:
            response = try signedIn(request, route: route, now: now)
        }
        // Admin pages show one person's data: never stored by a browser or a proxy.
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// Every route that needs a session: find it, check the role (and the commune), check the
    /// form's token, then hand over to the feature.
    private func signedIn(_ request: HTTPRequest, route: AdminRoute, now: Date) throws -> HTTPResponse {
        let language = route.language ?? .ar
        // Who, and where: one read (one snapshot) for the session, the account and the commune.
        var communeSlug: String? = nil
        if case .commune(_, let slug, _) = route { communeSlug = slug }
        guard let token = Session.token(in: request),
              let (found, account, commune) = try database.read({ db -> ((session: Session, lastSeen: Date), Account, AdminCommune?)? in
                  guard let found = try SessionStore.find(db, token: token, policy: adminPolicy, at: now),
                        let account = try Account.load(db, userID: found.session.userID) else { return nil }
                  guard let communeSlug else { return (found, account, nil) }
                  let commune = try CommuneStore.commune(db, slug: communeSlug)
                  return (found, account, AdminCommune(id: commune.id, slug: communeSlug, name: commune.name))
              }) else {
            return toLogin(request, language: language)
        }
        let session = found.session
        // Sliding idle expiry, written at most once a minute so reading pages stays read-only.
        if now.timeIntervalSince(found.lastSeen) > 60 {
            try database.write { try SessionStore.touch($0, tokenHash: session.tokenHash, at: now) }
        }
        guard Self.allows(route.requirement, account: account, communeID: commune?.id) else {
            return try forbidden(route: route, language: language, account: account, session: session, reason: "admin.forbidden.role")
        }
        var form: FormData? = nil
        var upload: Multipart? = nil
        if request.method == .post {
            let submitted: FormData
            // An upload form is parsed once: its fields for the token check, its files for the handler.
            if Multipart.isMultipart(request.headers["Content-Type"]) {
                let parts = try Multipart.parse(body: request.body, contentType: request.headers["Content-Type"] ?? "")
                submitted = try FormData(multipart: parts)
                upload = parts
            } else {
                submitted = try FormData(request: request)
            }
            guard session.accepts(csrf: submitted["csrf"]) else {
                return try forbidden(route: route, language: language, account: account, session: session, reason: "admin.forbidden.csrf")
            }
            // No admin field may be longer than the longest a reader accepts (the readers name
            // the limit beside the field; this catches the fields read without one).
            if let long = submitted.fields.first(where: { $0.value.count > FieldLimit.long && !FieldLimit.files.contains($0.name) }) {
                throw PageError(.contentTooLarge, reason: "admin form field \(long.name) is longer than \(FieldLimit.long) characters")
            }
            form = submitted
        }
        let context = AdminContext(site: self, request: request, route: route, language: language, account: account,
                                   session: session, commune: commune, form: form, upload: upload, now: now)
        return try answer(outcome(context), context)
    }

    private func answer(_ outcome: Outcome, _ context: AdminContext) throws -> HTTPResponse {
        try answer(outcome, route: context.route, language: context.language, signedIn: (context.account, context.session),
                   notice: context.request.queryValue("notice"))
    }

    /// The one place an admin handler's outcome becomes a response: a page is put in the admin
    /// layout, for the person signed in (none on the sign-in pages), with the notice the last
    /// action left (`?notice=`).
    private func answer(_ outcome: Outcome, route: AdminRoute, language: Language, signedIn: (Account, Session)?,
                        notice: String?) throws -> HTTPResponse {
        switch outcome {
        case .page(let view, let status, let headers):
            var response = try renderAdmin(view, route: route, language: language, account: signedIn?.0,
                                           session: signedIn?.1, status: status, notice: notice)
            for (name, value) in headers { response.headers.set(name, value) }
            return response
        case .redirect(let location, let status, let headers):
            var response = HTTPResponse.redirect(to: location, status: status)
            for (name, value) in headers { response.headers.add(name, value) }
            return response
        case .response(let response):
            return response
        }
    }

    /// Sends a checked request to the handler of the feature that owns its page.
    private func outcome(_ context: AdminContext) throws -> Outcome {
        switch context.route {
        case .root, .login, .password: throw PageError.notFound   // answered before a session is needed
        case .logout: return try logout(context)
        case .dashboard: return try AdminDashboard.handle(context)
        case .account: return try accountPage(context)
        case .commune(_, _, .editor(let editor)): return try EditorPages.handle(editor, context)
        case .commune(_, _, .details(let details)): return try DetailsPages.handle(details, context)
        case .commune(_, _, .lifecycle(let lifecycle)): return try LifecyclePages.handle(lifecycle, context)
        case .commune(_, _, .review(let review)): return try ReviewPages.handle(review, context)
        case .commune(_, _, .triage(let triage)): return try TriagePages.handle(triage, context)
        case .commune(_, _, .calls(let calls)): return try CallPages.handle(calls, context)
        case .commune(_, _, .execution(let execution)): return try ExecutionPages.handle(execution, context)
        case .commune(_, _, .evaluation(let evaluation)): return try EvaluationPages.handle(evaluation, context)
        case .network(_, .people(let people)): return try PeoplePages.handle(people, context)
        case .network(_, .audit(let audit)): return try AuditPages.handle(audit, context)
        case .network(_, .mail(let mail)): return try OutboxPages.handle(mail, context)
        }
    }

    /// The authorization rule, in one place.
    static func allows(_ requirement: AdminRequirement, account: Account, communeID: Int?) -> Bool {
        switch requirement {
        case .nobody, .signedIn: return true
        case .admin: return account.isAdmin
        case .roles(let roles):
            guard let communeID else { return account.isAdmin }
            return account.holds(roles, in: communeID)
        case .anywhere(let roles):
            return account.isAdmin || account.grants.contains { roles.contains($0.role) }
        }
    }

    /// Not signed in (or the session ended): to the sign-in page, which brings the person back.
    private func toLogin(_ request: HTTPRequest, language: Language) -> HTTPResponse {
        var target = AdminRoute.login(language).path
        if request.method == .get || request.method == .head { target += "?next=" + Self.percentEncoded(request.target) }
        var response = HTTPResponse.redirect(to: target)
        if Session.token(in: request) != nil { response.headers.add("Set-Cookie", Session.expiredCookie(secure: adminPolicy.isSecure(request))) }
        return response
    }

    private func forbidden(route: AdminRoute, language: Language, account: Account, session: Session, reason: String) throws -> HTTPResponse {
        let translations = templates.translations
        let view = PageView(template: "admin/forbidden", title: translations.text("admin.forbidden.title", language) ?? "403",
                            view: RefusalView(reason: translations.text(reason, language) ?? reason,
                                              dashboardHref: AdminRoute.dashboard(language).path))
        return try renderAdmin(view, route: route, language: language, account: account, session: session, status: .forbidden, notice: nil)
    }

    /// An admin page inside the admin layout (see `Layout`, `AdminChrome`).
    func renderAdmin(_ view: PageView, route: AdminRoute, language: Language, account: Account?, session: Session?,
                     status: HTTPStatus, notice: String?) throws -> HTTPResponse {
        var signedIn: (Account, String)? = nil
        if let account, let session { signedIn = (account, session.csrfToken) }
        // Only catalog keys under `notice.` are shown, so a link cannot put words on our page.
        let noticeText = notice.flatMap { $0.hasPrefix("notice.") ? templates.translations.text($0, language) : nil }
        let chrome = AdminChrome(title: view.title, stylesheet: staticFiles.url(for: "css/app.css"), language: language,
                                 languageSwitch: LanguageSwitch(href: route.with(language: language.other).path, language: language.other),
                                 signedIn: signedIn, notice: noticeText)
        return try layout.render(view, chrome: chrome, language: language, status: status)
    }

    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Why a page is refused (`admin/forbidden`), and the way back: the dashboard, or the sign-in
/// page when a password link has expired.
struct RefusalView: TemplateView {
    let reason: String
    let dashboardHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "reason": return .string(reason)
        case "dashboard_href": return .string(dashboardHref)
        default: return nil
        }
    }
}
