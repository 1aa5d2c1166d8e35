import Foundation
import HTTP
import SQLite
import Templates

/// The network administrators' pages about people: who has an account, what they may do
/// where, and the one-time links that let them choose a password. Accounts are made by
/// `AccountStore.add`, the same function as `infitah user add`, so both make people the same way.
/// No email is sent: the administrator passes the link on themself.
enum PeoplePages {
    static func handle(_ route: PeopleRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .users: return try list(context)
        case .newUser: return try newUser(context)
        case .user(let id): return try person(id, context)
        case .addRole(let id): return try addRole(id, context)
        case .removeRole(let id, let grant): return try removeRole(id, grant: grant, context)
        case .active(let id): return try setActive(id, context)
        case .link(let id): return try link(id, context)
        case .communes, .newCommune, .commune: return try CommunePages.handle(route, context)
        }
    }

    // MARK: The list

    static func list(_ context: AdminContext) throws -> Outcome {
        let language = context.language
        let everyone = try context.database.read { try PeopleStore.everyone($0) }
        let people = everyone.map { person in
            PersonLine(name: person.name, email: person.email, href: AdminRoute.network(language, .people(.user(id: person.id))).path,
                       active: person.isActive, status: context.t(person.isActive ? "people.active" : "people.inactive"),
                       lastLogin: lastLogin(person.lastLogin, hasPassword: person.hasPassword, context),
                       roles: person.grants.map { $0.view(context) })
        }
        return context.render(PageView(template: "admin/people_users", title: context.t("people.title"), view: PeopleListView(
            people: people, newHref: AdminRoute.network(language, .people(.newUser)).path)))
    }

    /// "12 mars 2026, 10:04" in Morocco time, or why there is none.
    static func lastLogin(_ at: String?, hasPassword: Bool, _ context: AdminContext) -> String {
        guard let at, let date = Timestamp.date(at) else {
            return context.t(hasPassword ? "people.never" : "people.no_password")
        }
        return moment(date, context)
    }

    static func moment(_ date: Date, _ context: AdminContext) -> String {
        Format.date(MoroccoTime.day(date), context.language) + " " + MoroccoTime.time(date)
    }

    // MARK: Adding a person

    /// What the add form holds, kept as typed when it comes back with errors.
    struct NewPerson: Sendable {
        var email = "", name = "", role = "", commune = "", language = ""
        var errors: [String: String] = [:]
        var existingHref: String? = nil
    }

    static func newUser(_ context: AdminContext) throws -> Outcome {
        guard context.request.method == .post else {
            return try newUserForm(NewPerson(language: context.language.rawValue), context, status: .ok)
        }
        var typed = NewPerson(email: context.field("email"), name: context.field("name"), role: context.field("role"),
                              commune: context.field("commune"), language: context.field("language"))
        let communes = try context.database.read { try PeopleStore.communes($0) }
        if typed.email.isEmpty { typed.errors["email"] = context.t("people.error.required") }
        else if !AccountStore.isEmail(typed.email) { typed.errors["email"] = context.t("people.error.email") }
        else if let existing = try context.database.read({ try PeopleStore.userID($0, email: typed.email) }) {
            typed.errors["email"] = context.t("people.error.email_taken")
            typed.existingHref = AdminRoute.network(context.language, .people(.user(id: existing))).path
        }
        if typed.name.isEmpty { typed.errors["name"] = context.t("people.error.required") }
        else if typed.name.count > 200 { typed.errors["name"] = context.t("people.error.name_long") }
        let (role, communeID) = checkGrant(role: typed.role, commune: typed.commune, communes: communes, errors: &typed.errors, context)
        let language = Language(rawValue: typed.language)
        if language == nil { typed.errors["language"] = context.t("people.error.choose") }
        guard typed.errors.isEmpty, let role, let language else {
            return try newUserForm(typed, context, status: .unprocessableContent)
        }
        let slug = communeID.flatMap { id in communes.first { $0.id == id }?.slug }
        let (userID, token): (Int, String) = try context.database.write { db in
            let userID = try AccountStore.add(db, email: typed.email, name: typed.name, role: role, communeSlug: slug, at: context.now)
            try PeopleStore.setLanguage(db, userID: userID, language)
            let grantID = try PeopleStore.grantID(db, userID: userID, role: role, communeID: communeID)
            let audit = context.audit
            try audit.record(db, action: "create", entity: "user", entityID: userID, field: "email", after: typed.email, communeID: nil)
            try audit.record(db, action: "create", entity: "user", entityID: userID, field: "name", after: typed.name, communeID: nil)
            try audit.record(db, action: "create", entity: "user_role", entityID: grantID, field: "role",
                             after: Grant.describe(role, slug), communeID: communeID)
            let token = try AccountStore.passwordLink(db, userID: userID, at: context.now)
            try audit.record(db, action: "create", entity: "password_link", entityID: userID, communeID: nil)
            return (userID, token)
        }
        context.site.linkFlash.keep(token, userID: userID, session: context.session.tokenHash, at: context.now)
        return context.redirect(to: .network(context.language, .people(.link(id: userID))), notice: "notice.person_added")
    }

    static func newUserForm(_ typed: NewPerson, _ context: AdminContext, status: HTTPStatus) throws -> Outcome {
        let communes = try context.database.read { try PeopleStore.communes($0) }
        return context.render(PageView(template: "admin/people_new", title: context.t("people.add"), view: NewPersonView(
            person: typed, action: AdminRoute.network(context.language, .people(.newUser)).path,
            backHref: AdminRoute.network(context.language, .people(.users)).path,
            roles: roleOptions(selected: typed.role, context), communes: communeOptions(communes, selected: typed.commune, context),
            languages: Language.allCases.map { FormChoice(value: $0.rawValue, label: $0.ownName, selected: typed.language == $0.rawValue) })),
            status: status)
    }

    /// Checks a role and a commune chosen together: an administrator's role is held in no
    /// commune, every other role in one that exists.
    static func checkGrant(role text: String, commune: String, communes: [CommuneChoice], errors: inout [String: String],
                           _ context: AdminContext) -> (Role?, Int?) {
        guard let role = Role(rawValue: text) else {
            errors["role"] = context.t("people.error.choose")
            return (nil, nil)
        }
        if role == .admin {
            if !commune.isEmpty { errors["commune"] = context.t("people.error.admin_commune") }
            return (role, nil)
        }
        guard !commune.isEmpty else {
            errors["commune"] = context.t("people.error.commune_required")
            return (role, nil)
        }
        guard let found = communes.first(where: { $0.slug == commune }) else {
            errors["commune"] = context.t("people.error.choose")
            return (role, nil)
        }
        return (role, found.id)
    }

    static func roleOptions(selected: String, _ context: AdminContext) -> [FormChoice] {
        Role.allCases.map { FormChoice(value: $0.rawValue, label: context.t("role." + $0.rawValue), selected: $0.rawValue == selected) }
    }

    static func communeOptions(_ communes: [CommuneChoice], selected: String, _ context: AdminContext) -> [FormChoice] {
        communes.map { FormChoice(value: $0.slug, label: $0.name.text(context.language), selected: $0.slug == selected) }
    }

    // MARK: One person

    /// What the role form of a person's page holds, and a refusal to show at the top.
    struct PersonForm {
        var role = "", commune = ""
        var errors: [String: String] = [:]
        var refusal: String? = nil
    }

    static func person(_ id: Int, _ context: AdminContext, form: PersonForm = PersonForm(), status: HTTPStatus = .ok) throws -> Outcome {
        let language = context.language
        let (person, communes) = try context.database.read { db in (try PeopleStore.person(db, id: id), try PeopleStore.communes(db)) }
        let isSelf = person.id == context.account.id
        func path(_ route: PeopleRoute) -> String { AdminRoute.network(language, .people(route)).path }
        let grants = person.grants.map { grant in
            // One's own administrator role stays: the network must never lose its last way in.
            HeldGrant(grant: grant.view(context), removeAction: path(.removeRole(id: id, grant: grant.id)),
                      removable: !(isSelf && grant.role == .admin))
        }
        return context.render(PageView(template: "admin/people_user", title: person.name, view: PersonView(
            name: person.name, email: person.email, active: person.isActive, isSelf: isSelf,
            status: context.t(person.isActive ? "people.active" : "people.inactive"),
            lastLogin: lastLogin(person.lastLogin, hasPassword: person.hasPassword, context), grants: grants,
            backHref: path(.users), roleAction: path(.addRole(id: id)), activeAction: path(.active(id: id)), linkAction: path(.link(id: id)),
            auditHref: AdminRoute.network(language, .audit(.log)).path + "?person=" + String(id),
            roles: roleOptions(selected: form.role, context), communes: communeOptions(communes, selected: form.commune, context),
            errors: FieldTexts(texts: form.errors), refusal: form.refusal)), status: status)
    }

    static func addRole(_ id: Int, _ context: AdminContext) throws -> Outcome {
        var form = PersonForm(role: context.field("role"), commune: context.field("commune"))
        let (person, communes) = try context.database.read { db in (try PeopleStore.person(db, id: id), try PeopleStore.communes(db)) }
        let (role, communeID) = checkGrant(role: form.role, commune: form.commune, communes: communes, errors: &form.errors, context)
        if let role, form.errors.isEmpty, person.grants.contains(where: { $0.role == role && $0.communeID == communeID }) {
            form.errors["role"] = context.t("people.error.role_held")
        }
        guard form.errors.isEmpty, let role else {
            return try self.person(id, context, form: form, status: .unprocessableContent)
        }
        try context.database.write { db in
            let grantID = try PeopleStore.addGrant(db, userID: id, role: role, communeID: communeID)
            try context.audit.record(db, action: "create", entity: "user_role", entityID: grantID, field: "role",
                                     after: Grant.describe(role, form.commune.isEmpty ? nil : form.commune), communeID: communeID)
        }
        return context.redirect(to: .network(context.language, .people(.user(id: id))), notice: "notice.role_added")
    }

    static func removeRole(_ id: Int, grant grantID: Int, _ context: AdminContext) throws -> Outcome {
        let person = try context.database.read { try PeopleStore.person($0, id: id) }
        guard let grant = person.grants.first(where: { $0.id == grantID }) else { throw PageError.notFound }
        if person.id == context.account.id && grant.role == .admin {
            return try self.person(id, context, form: PersonForm(refusal: context.t("people.refuse.own_admin")), status: .unprocessableContent)
        }
        try context.database.write { db in
            try PeopleStore.removeGrant(db, id: grantID, userID: id)
            try context.audit.record(db, action: "delete", entity: "user_role", entityID: grantID, field: "role",
                                     before: Grant.describe(grant.role, grant.communeSlug), communeID: grant.communeID)
        }
        return context.redirect(to: .network(context.language, .people(.user(id: id))), notice: "notice.role_removed")
    }

    /// Deactivating ends the person's sessions and unused links in the same transaction, so
    /// their very next click goes to the sign-in page, which no longer lets them in.
    static func setActive(_ id: Int, _ context: AdminContext) throws -> Outcome {
        let person = try context.database.read { try PeopleStore.person($0, id: id) }
        guard let wanted = ["0": false, "1": true][context.field("active")] else { throw PageError(.badRequest) }
        if !wanted && person.id == context.account.id {
            return try self.person(id, context, form: PersonForm(refusal: context.t("people.refuse.own_deactivate")), status: .unprocessableContent)
        }
        guard wanted != person.isActive else {
            return context.redirect(to: .network(context.language, .people(.user(id: id))))
        }
        try context.database.write { db in
            try PeopleStore.setActive(db, userID: id, wanted)
            try context.audit.record(db, action: "update", entity: "user", entityID: id, field: "is_active",
                                     before: person.isActive ? "1" : "0", after: wanted ? "1" : "0", communeID: nil)
        }
        return context.redirect(to: .network(context.language, .people(.user(id: id))),
                                notice: wanted ? "notice.person_reactivated" : "notice.person_deactivated")
    }

    /// POST makes a new link (earlier unused ones stop working; sessions go on until the link
    /// is used); GET shows it to the administrator who made it, for a short while.
    static func link(_ id: Int, _ context: AdminContext) throws -> Outcome {
        let person = try context.database.read { try PeopleStore.person($0, id: id) }
        if context.request.method == .post {
            guard person.isActive else {
                return try self.person(id, context, form: PersonForm(refusal: context.t("people.refuse.inactive_link")), status: .unprocessableContent)
            }
            let token = try context.database.write { db -> String in
                let token = try AccountStore.passwordLink(db, userID: id, at: context.now)
                try context.audit.record(db, action: "create", entity: "password_link", entityID: id, communeID: nil)
                return token
            }
            context.site.linkFlash.keep(token, userID: id, session: context.session.tokenHash, at: context.now)
            return context.redirect(to: .network(context.language, .people(.link(id: id))), notice: "notice.link_issued")
        }
        var url: String? = nil
        if let token = context.site.linkFlash.token(userID: id, session: context.session.tokenHash, at: context.now) {
            let language = try context.database.read { try PeopleStore.language($0, userID: id) } ?? .ar
            let path = AdminRoute.password(language, token: token).path
            url = origin(context).map { $0 + path } ?? path
        }
        return context.render(PageView(template: "admin/people_link", title: context.t("people.link.title"), view: PasswordLinkView(
            name: person.name, email: person.email, url: url,
            personHref: AdminRoute.network(context.language, .people(.user(id: id))).path,
            linkAction: AdminRoute.network(context.language, .people(.link(id: id))).path, active: person.isActive)))
    }

    /// "https://host" as the administrator reached us, so the link they copy works as is.
    static func origin(_ context: AdminContext) -> String? {
        guard let host = context.request.headers["Host"], !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) }) else { return nil }
        return (context.site.adminPolicy.isSecure(context.request) ? "https://" : "http://") + host
    }
}

/// One role held by a person, with its commune.
struct Grant {
    var id: Int
    var userID: Int
    var role: Role
    var communeID: Int?
    var communeSlug: String?
    var communeName: Localized?

    /// How the audit log and the CLI write a grant: "committee settat", "admin".
    static func describe(_ role: Role, _ slug: String?) -> String {
        role.rawValue + (slug.map { " " + $0 } ?? "")
    }

    func view(_ context: AdminContext) -> GrantView {
        GrantView(role: context.t("role." + role.rawValue), commune: communeName?.text(context.language))
    }
}

/// A role held, in words, with the commune it is held in (none for an administrator).
struct GrantView: TemplateView {
    let role: String
    let commune: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "role": return .string(role)
        case "commune": return .init(commune)
        default: return nil
        }
    }
}

/// The people list: everyone with an account.
struct PeopleListView: TemplateView {
    let people: [PersonLine]
    let newHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "people": return .init(people)
        case "count": return .int(people.count)
        case "new_href": return .string(newHref)
        default: return nil
        }
    }
}

/// A person in the people list: who, whether active, their roles and when they last signed in.
struct PersonLine: TemplateView {
    let name: String
    let email: String
    /// The person's page.
    let href: String
    let active: Bool
    /// Active or not, in words.
    let status: String
    let lastLogin: String
    let roles: [GrantView]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "email": return .string(email)
        case "href": return .string(href)
        case "active": return .bool(active)
        case "status": return .string(status)
        case "last_login": return .string(lastLogin)
        case "roles": return .init(roles)
        default: return nil
        }
    }
}

/// The form that adds a person, re-shown with what was typed and each field's error.
struct NewPersonView: TemplateView {
    let person: PeoplePages.NewPerson
    let action: String
    let backHref: String
    let roles: [FormChoice]
    let communes: [FormChoice]
    let languages: [FormChoice]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        case "email": return .string(person.email)
        case "name": return .string(person.name)
        case "roles": return .init(roles)
        case "communes": return .init(communes)
        case "languages": return .init(languages)
        case "errors": return .init(FieldTexts(texts: person.errors))
        case "error_count": return person.errors.isEmpty ? .null : .int(person.errors.count)
        case "existing_href": return .init(person.existingHref)
        default: return nil
        }
    }
}

/// A person's page: who they are, their roles (each removable but one's own administrator
/// role), the form that adds one, and the switches for their account and password link.
struct PersonView: TemplateView {
    let name: String
    let email: String
    let active: Bool
    let isSelf: Bool
    let status: String
    let lastLogin: String
    let grants: [HeldGrant]
    let backHref: String
    let roleAction: String
    let activeAction: String
    let linkAction: String
    let auditHref: String
    let roles: [FormChoice]
    let communes: [FormChoice]
    let errors: FieldTexts
    /// Why the last action was refused (one's own administrator role, one's own account).
    let refusal: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "email": return .string(email)
        case "active": return .bool(active)
        case "is_self": return .bool(isSelf)
        case "status": return .string(status)
        case "last_login": return .string(lastLogin)
        case "grants": return .init(grants)
        case "back_href": return .string(backHref)
        case "role_action": return .string(roleAction)
        case "active_action": return .string(activeAction)
        case "link_action": return .string(linkAction)
        case "audit_href": return .string(auditHref)
        case "roles": return .init(roles)
        case "communes": return .init(communes)
        case "errors": return .init(errors)
        case "refusal": return .init(refusal)
        default: return nil
        }
    }
}

/// A role on a person's page, with the form that removes it.
struct HeldGrant: TemplateView {
    let grant: GrantView
    let removeAction: String
    let removable: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "remove_action": return .string(removeAction)
        case "removable": return .bool(removable)
        default: return grant.member(key)
        }
    }
}

/// A password link just made, for the administrator to pass on (or the way to make one).
struct PasswordLinkView: TemplateView {
    let name: String
    let email: String
    /// The link, shown only to the administrator who made it, for a short while.
    let url: String?
    let personHref: String
    let linkAction: String
    let active: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "email": return .string(email)
        case "url": return .init(url)
        case "days": return .int(Int(AccountStore.linkLifetime / 86_400))
        case "person_href": return .string(personHref)
        case "link_action": return .string(linkAction)
        case "active": return .bool(active)
        default: return nil
        }
    }
}

/// A commune offered in a select.
struct CommuneChoice {
    var id: Int
    var slug: String
    var name: Localized
}

/// A password link just made, kept in memory for the administrator who made it, so the page
/// after the redirect (RFC 9110 §15.4.4, Post/Redirect/Get) can show it without the secret
/// ever travelling in a URL, where access logs and browser history would keep it. Only the
/// same session sees it, for a quarter of an hour; after that, or after a restart, the
/// administrator makes a new one.
final class LinkFlash: @unchecked Sendable {
    static let lifetime: TimeInterval = 15 * 60
    static let capacity = 500

    private let lock = NSLock()
    private var links: [String: (token: String, expires: Date)] = [:]

    func keep(_ token: String, userID: Int, session: String, at now: Date) {
        lock.lock(); defer { lock.unlock() }
        links = links.filter { $0.value.expires > now }
        if links.count >= Self.capacity, let oldest = links.min(by: { $0.value.expires < $1.value.expires })?.key {
            links[oldest] = nil
        }
        links[session + ":" + String(userID)] = (token, now.addingTimeInterval(Self.lifetime))
    }

    func token(userID: Int, session: String, at now: Date) -> String? {
        lock.lock(); defer { lock.unlock() }
        guard let kept = links[session + ":" + String(userID)], kept.expires > now else { return nil }
        return kept.token
    }
}
