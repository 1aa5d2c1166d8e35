import Foundation
import HTTP
import SQLite
import Templates

/// Signing in, choosing a password from a one-time link, one's own account, and signing out.
extension Site {
    /// GET shows the form; POST checks the throttle, then the password, and opens a new session
    /// (a fresh token every time: a token planted before login is worth nothing after it).
    func loginPage(_ request: HTTPRequest, language: Language, now: Date) throws -> Outcome {
        let next = Self.safeNext(request.method == .post ? (try FormData(request: request))["next"] : request.queryValue("next"), language: language)
        guard request.method == .post else {
            return try loginForm(language: language, email: "", next: next, error: nil, status: .ok)
        }
        let form = try FormData(request: request)
        guard try formGuard.verify(form["token"]) != nil else {
            return try loginForm(language: language, email: form["email"] ?? "", next: next, error: "admin.login.expired", status: .forbidden)
        }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = form["password"] ?? ""
        let address = request.remoteAddress
        let attempt: Int
        switch try database.write({ try LoginThrottle.begin($0, email: email, address: address, policy: adminPolicy, at: now) }) {
        case .success(let id): attempt = id
        case .failure(let wait):
            return try loginForm(language: language, email: email, next: next, error: "admin.login.throttled",
                                 minutes: Int((wait.seconds / 60).rounded(.up)), status: .tooManyRequests,
                                 headers: HTTPHeaders([("Retry-After", String(Int(wait.seconds.rounded(.up))))]))
        }
        let user = try database.read { try AccountStore.credentials($0, email: email) }
        // Hashing happens even for an unknown email, so the answer takes as long either way.
        let matches = Passwords.verify(password, against: user?.passwordHash)
        guard matches, let user else {
            // Already counted as a failure by `begin`.
            return try loginForm(language: language, email: email, next: next, error: "admin.login.failed", status: .unprocessableContent)
        }
        let userID = user.id
        let name = user.name
        let opened = try database.write { db -> String in
            try LoginThrottle.succeeded(db, attempt: attempt)
            if let old = Session.token(in: request) {
                try SessionStore.close(db, tokenHash: SHA256.hex(Array(old.utf8)))
            }
            try Audit(userID: userID, userName: name, at: now).record(db, action: "login", entity: "session", entityID: nil, communeID: nil)
            return try SessionStore.open(db, userID: userID, address: address, at: now).token
        }
        return .redirect(to: next ?? AdminRoute.dashboard(language).path,
                         headers: HTTPHeaders([("Set-Cookie", Session.cookie(opened, secure: adminPolicy.isSecure(request)))]))
    }

    private func loginForm(language: Language, email: String, next: String?, error: String?, minutes: Int? = nil, status: HTTPStatus,
                           headers: HTTPHeaders = HTTPHeaders()) throws -> Outcome {
        let translations = templates.translations
        // The wait is written in its counted form ("بعد دقيقتين").
        let message = error.flatMap { error in minutes.flatMap { translations.counted(error, $0, language) } ?? translations.text(error, language) }
        let view = PageView(template: "admin/login", title: translations.text("admin.login.title", language) ?? "",
                            view: LoginView(action: AdminRoute.login(language).path, token: try formGuard.token(), email: email,
                                            next: next, error: message))
        return .page(view, status: status, headers: headers)
    }

    /// Only a path inside the admin area, so the sign-in page cannot send anyone elsewhere.
    static func safeNext(_ next: String?, language: Language) -> String? {
        guard let next, next.hasPrefix("/admin/"), !next.hasPrefix("//"), !next.contains("\\"),
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else { return nil }
        return next
    }

    /// `/admin/{lang}/password/{token}`: the person chooses their password; every other session
    /// of theirs ends, and they are signed in.
    func passwordLinkPage(_ request: HTTPRequest, language: Language, token: String, now: Date) throws -> Outcome {
        func expired() -> Outcome {
            let translations = templates.translations
            let view = PageView(template: "admin/forbidden", title: translations.text("admin.password.expired_title", language) ?? "",
                                view: RefusalView(reason: translations.text("admin.password.expired", language) ?? "",
                                                  dashboardHref: AdminRoute.login(language).path))
            return .page(view, status: .notFound)
        }
        guard let userID = try database.read({ try AccountStore.userForLink($0, token: token, at: now) }) else { return expired() }
        let (email, names) = try database.read { db in
            (try AccountStore.email(db, userID: userID) ?? "", try AccountStore.communeNames(db, userID: userID))
        }
        guard request.method == .post else {
            return try passwordForm(language: language, token: token, email: email, error: nil, status: .ok)
        }
        let form = try FormData(request: request)
        guard try formGuard.verify(form["form_token"]) != nil else {
            return try passwordForm(language: language, token: token, email: email, error: "admin.login.expired", status: .forbidden)
        }
        let password = form["password"] ?? ""
        if let weakness = Passwords.check(password, email: email, communeNames: names) {
            return try passwordForm(language: language, token: token, email: email, error: weakness.rawValue, status: .unprocessableContent)
        }
        guard password == form["confirm"] else {
            return try passwordForm(language: language, token: token, email: email, error: "password.mismatch", status: .unprocessableContent)
        }
        let hash = try Passwords.hash(password)
        let opened: String? = try database.write { db in
            // Spent here, in the same transaction that uses it: of two forms sent at once with
            // the same link, only the first sets a password.
            guard try AccountStore.spendLink(db, token: token, at: now) else { return nil }
            let name = try AccountStore.name(db, userID: userID) ?? ""
            try AccountStore.setPassword(db, userID: userID, hash: hash)
            try SessionStore.closeAll(db, userID: userID)
            try Audit(userID: userID, userName: name, at: now).record(db, action: "update", entity: "user", entityID: userID,
                                                                     field: "password", before: nil, after: nil, communeID: nil)
            return try SessionStore.open(db, userID: userID, address: request.remoteAddress, at: now).token
        }
        guard let opened else { return expired() }
        return .redirect(to: AdminRoute.dashboard(language).path + "?notice=notice.password_set",
                         headers: HTTPHeaders([("Set-Cookie", Session.cookie(opened, secure: adminPolicy.isSecure(request)))]))
    }

    private func passwordForm(language: Language, token: String, email: String, error: String?, status: HTTPStatus) throws -> Outcome {
        let translations = templates.translations
        let view = PageView(template: "admin/password", title: translations.text("admin.password.title", language) ?? "",
                            view: PasswordFormView(action: AdminRoute.password(language, token: token).path,
                                                   formToken: try formGuard.token(), email: email,
                                                   error: error.flatMap { translations.text($0, language) }))
        return .page(view, status: status)
    }

    /// POST `/admin/{lang}/logout`: ends this session, or all of the person's (`everywhere`).
    func logout(_ context: AdminContext) throws -> Outcome {
        let everywhere = context.form?["everywhere"] == "1"
        try database.write { db in
            if everywhere {
                try SessionStore.closeAll(db, userID: context.account.id)
            } else {
                try SessionStore.close(db, tokenHash: context.session.tokenHash)
            }
            try context.audit.record(db, action: "logout", entity: "session", entityID: nil, field: everywhere ? "everywhere" : nil, communeID: nil)
        }
        return .redirect(to: AdminRoute.login(context.language).path,
                         headers: HTTPHeaders([("Set-Cookie", Session.expiredCookie(secure: adminPolicy.isSecure(context.request)))]))
    }

    /// `/admin/{lang}/account`: who I am, my roles, and changing my password (which ends my
    /// other sessions).
    func accountPage(_ context: AdminContext) throws -> Outcome {
        var error: String? = nil
        if context.request.method == .post {
            let current = context.form?["current"] ?? "", password = context.form?["password"] ?? ""
            let (stored, names) = try database.read { db in
                (try AccountStore.passwordHash(db, userID: context.account.id),
                 try AccountStore.communeNames(db, userID: context.account.id))
            }
            if !Passwords.verify(current, against: stored) {
                error = "password.current_wrong"
            } else if let weakness = Passwords.check(password, email: context.account.email, communeNames: names) {
                error = weakness.rawValue
            } else if password != context.form?["confirm"] {
                error = "password.mismatch"
            } else {
                let hash = try Passwords.hash(password)
                try database.write { db in
                    try AccountStore.setPassword(db, userID: context.account.id, hash: hash)
                    try SessionStore.closeAll(db, userID: context.account.id, keeping: context.session.tokenHash)
                    try context.audit.record(db, action: "update", entity: "user", entityID: context.account.id, field: "password", communeID: nil)
                }
                return context.redirect(to: .account(context.language), notice: "notice.password_changed")
            }
        }
        let communes = Dictionary(uniqueKeysWithValues: try database.read { try PeopleStore.communes($0) }.map { ($0.id, $0.name) })
        let roles = context.account.grants.map { grant in
            GrantView(role: context.t("role." + grant.role.rawValue), commune: grant.communeID.flatMap { communes[$0] }?.text(context.language))
        }
        let view = PageView(template: "admin/account", title: context.t("admin.account.title"), view: AccountView(
            email: context.account.email, roles: roles, action: AdminRoute.account(context.language).path, error: error.map(context.t)))
        return context.render(view, status: error == nil ? .ok : .unprocessableContent)
    }
}

/// The sign-in form, with what was typed and why it was refused.
struct LoginView: TemplateView {
    let action: String
    /// The anti-forgery token of a form sent before any session exists.
    let token: String
    let email: String
    /// Where to go once signed in (`Site.safeNext`).
    let next: String?
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "token": return .string(token)
        case "email": return .string(email)
        case "next": return .init(next)
        case "error": return .init(error)
        default: return nil
        }
    }
}

/// The form a one-time link opens, where a person chooses their password.
struct PasswordFormView: TemplateView {
    let action: String
    let formToken: String
    let email: String
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "form_token": return .string(formToken)
        case "email": return .string(email)
        case "minimum": return .int(Passwords.minimumLength)
        case "error": return .init(error)
        default: return nil
        }
    }
}

/// One's own account: the roles held, and the form to change the password.
struct AccountView: TemplateView {
    let email: String
    let roles: [GrantView]
    let action: String
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "email": return .string(email)
        case "roles": return .init(roles)
        case "action": return .string(action)
        case "minimum": return .int(Passwords.minimumLength)
        case "error": return .init(error)
        default: return nil
        }
    }
}
