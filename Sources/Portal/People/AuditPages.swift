import Foundation
import HTTP
import SQLite
import Templates

/// The audit log as people read it: who changed what, when (Morocco time), newest first, 50 to
/// a page, filtered by commune, person, entity, action and dates. Administrators read every
/// entry; a focal point reads only the entries of the communes where they are focal point —
/// the rule is in the query itself, so no filter the URL carries can widen it.
enum AuditPages {
    static let pageSize = 50
    static let actions = ["create", "update", "delete", "transition", "import", "merge", "hide", "login", "logout"]

    /// The filters as typed in the query string.
    struct Filters {
        var commune = "", person = "", entity = "", action = "", from = "", to = ""
        var page = 1

        init(_ request: HTTPRequest) {
            func value(_ name: String) -> String {
                (request.queryValue(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            }
            commune = value("commune"); person = value("person"); entity = value("entity"); action = value("action")
            from = value("from"); to = value("to")
            page = Int(value("page")).map { min(max($0, 1), 100_000) } ?? 1
        }

        /// The query string of these filters on another page.
        func query(page: Int) -> String {
            let pairs = [("commune", commune), ("person", person), ("entity", entity), ("action", action), ("from", from), ("to", to)]
                .filter { !$0.1.isEmpty } + (page > 1 ? [("page", String(page))] : [])
            return pairs.isEmpty ? "" : "?" + pairs.map { $0.0 + "=" + Site.percentEncoded($0.1) }.joined(separator: "&")
        }
    }

    static func handle(_ route: AuditRoute, _ context: AdminContext) throws -> Outcome {
        let filters = Filters(context.request)
        // nil: every entry (an administrator); else only the communes where this person is focal point.
        let viewer: Int? = context.account.isAdmin ? nil : context.account.id
        var scope = AuditStore.Scope(viewer: viewer)
        var errors: [String: String] = [:]
        if !filters.commune.isEmpty { scope.communeSlug = filters.commune }
        if !filters.person.isEmpty {
            if let id = Int(filters.person) {
                scope.userID = id
            } else { errors["person"] = context.t("people.error.choose") }
        }
        if !filters.entity.isEmpty { scope.entity = filters.entity }
        if !filters.action.isEmpty { scope.action = filters.action }
        if !filters.from.isEmpty {
            if let start = MoroccoTime.start(ofDay: filters.from) {
                scope.from = start
            } else { errors["from"] = context.t("audit.error.date") }
        }
        if !filters.to.isEmpty {
            if let end = MoroccoTime.end(ofDay: filters.to) {
                scope.to = end
            } else { errors["to"] = context.t("audit.error.date") }
        }
        let (rows, communes, people, entities) = try context.database.read { db in
            (try AuditStore.entries(db, scope, limit: pageSize + 1, offset: (filters.page - 1) * pageSize),
             try AuditStore.communes(db, viewer: viewer),
             try AuditStore.people(db, viewer: viewer),
             try AuditStore.entities(db, viewer: viewer))
        }
        let language = context.language
        let translations = context.site.templates.translations
        func label(_ prefix: String, _ code: String) -> String { translations.text(prefix + code, language) ?? code }
        let entries = rows.prefix(pageSize).map { entry in
            AuditEntryView(
                when: Timestamp.date(entry.at).map { PeoplePages.moment($0, context) } ?? entry.at, at: entry.at, who: entry.userName,
                action: label("audit.action.", entry.action),
                entity: label("audit.entity.", entry.entity) + (entry.entityID.map { " #" + String($0) } ?? ""),
                commune: entry.communeName?.text(language), field: entry.field,
                before: entry.before.map(AuditText.init), after: entry.after.map(AuditText.init))
        }
        let base = AdminRoute.network(language, .audit(.log)).path
        func options(_ values: [(String, String)], selected: String) -> [FormChoice] {
            values.map { FormChoice(value: $0.0, label: $0.1, selected: $0.0 == selected) }
        }
        // Issue 14: the filters are folded below a one-line summary so the log comes first on a
        // phone; it says how many narrow the list (a refused one is not applied), and opens only
        // when one was refused.
        let applied = [("commune", filters.commune), ("person", filters.person), ("entity", filters.entity), ("action", filters.action),
                       ("from", filters.from), ("to", filters.to)].filter { !$0.1.isEmpty && errors[$0.0] == nil }.count
        return context.render(PageView(template: "admin/audit", title: context.t("audit.title"), view: AuditView(
            actionHref: base, entries: Array(entries),
            filters: AuditView.Filters(
                from: filters.from, to: filters.to,
                communes: options(communes.map { ($0.slug, $0.name.text(language)) }, selected: filters.commune),
                people: options(people.map { (String($0.id), $0.name) }, selected: filters.person),
                entities: options(entities.map { ($0, label("audit.entity.", $0)) }, selected: filters.entity),
                actions: options(actions.map { ($0, label("audit.action.", $0)) }, selected: filters.action)),
            errors: FieldTexts(texts: errors), activeFilters: applied == 0 ? nil : applied,
            scope: context.t(viewer == nil ? "audit.scope.all" : "audit.scope.communes"), page: filters.page,
            previousHref: filters.page > 1 ? base + filters.query(page: filters.page - 1) : nil,
            nextHref: rows.count > pageSize ? base + filters.query(page: filters.page + 1) : nil)))
    }
}

/// The audit log's page: the filters as typed, a page of entries, and the links to the pages around it.
struct AuditView: TemplateView {
    /// The filter form: the dates as typed and the choices of each select.
    struct Filters: TemplateView {
        let from: String
        let to: String
        let communes: [FormChoice]
        let people: [FormChoice]
        let entities: [FormChoice]
        let actions: [FormChoice]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "from": return .string(from)
            case "to": return .string(to)
            case "communes": return .init(communes)
            case "people": return .init(people)
            case "entities": return .init(entities)
            case "actions": return .init(actions)
            default: return nil
            }
        }
    }

    let actionHref: String
    let entries: [AuditEntryView]
    let filters: Filters
    let errors: FieldTexts
    /// How many filters narrow the list, nil when none does.
    let activeFilters: Int?
    /// Whose entries the viewer reads, in words.
    let scope: String
    let page: Int
    let previousHref: String?
    let nextHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action_href": return .string(actionHref)
        case "entries": return .init(entries)
        case "filters": return .init(filters)
        case "errors": return .init(errors)
        case "active_filters": return .init(activeFilters)
        case "filters_open": return .bool(!errors.texts.isEmpty)
        case "scope": return .string(scope)
        case "page": return .int(page)
        case "previous_href": return .init(previousHref)
        case "next_href": return .init(nextHref)
        default: return nil
        }
    }
}

/// An entry of the audit log as people read it: who changed what, when (Morocco time).
struct AuditEntryView: TemplateView {
    let when: String
    /// The instant as stored (UTC).
    let at: String
    let who: String
    let action: String
    /// The entity in words, and its number.
    let entity: String
    let commune: String?
    let field: String?
    let before: AuditText?
    let after: AuditText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "when": return .string(when)
        case "at": return .string(at)
        case "who": return .string(who)
        case "action": return .string(action)
        case "entity": return .string(entity)
        case "commune": return .init(commune)
        case "field": return .init(field)
        case "before": return .init(before)
        case "after": return .init(after)
        default: return nil
        }
    }
}

/// A before/after value (`admin/audit_value`): short texts whole; long ones shortened, the
/// whole text in a <details>.
struct AuditText: TemplateView {
    /// Texts longer than this are shortened in the table, the whole text one click away.
    static let shortLength = 80

    let text: String
    /// The whole text, when `text` is shortened.
    let full: String?

    init(_ whole: String) {
        let shortened = whole.count > AuditText.shortLength
        text = shortened ? String(whole.prefix(AuditText.shortLength - 1)) + "…" : whole
        full = shortened ? whole : nil
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .string(text)
        case "full": return .init(full)
        default: return nil
        }
    }
}
