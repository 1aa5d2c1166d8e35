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
    /// Texts longer than this are shortened in the table, the whole text one click away.
    static let shortLength = 80
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
        let entries = rows.prefix(pageSize).map { entry -> TemplateValue in
            let at = entry.at
            let entityID = entry.entityID
            return [
                "when": .string(Timestamp.date(at).map { PeoplePages.moment($0, context) } ?? at),
                "at": .string(at),
                "who": .string(entry.userName),
                "action": .string(label("audit.action.", entry.action)),
                "entity": .string(label("audit.entity.", entry.entity) + (entityID.map { " #" + String($0) } ?? "")),
                "commune": TemplateValue(entry.communeName?.text(language)),
                "field": TemplateValue(entry.field),
                "before": shortened(entry.before),
                "after": shortened(entry.after),
            ]
        }
        let base = AdminRoute.network(language, .audit(.log)).path
        let hasNext = rows.count > pageSize
        func options(_ values: [(String, String)], selected: String) -> TemplateValue {
            .array(values.map { ["value": .string($0.0), "label": .string($0.1), "selected": .bool($0.0 == selected)] })
        }
        return context.render(PageView(template: "admin/audit", title: context.t("audit.title"), context: [
            "action_href": .string(base),
            "entries": .array(Array(entries)),
            "filters": [
                "from": .string(filters.from), "to": .string(filters.to),
                "communes": options(communes.map { ($0.slug, $0.name.text(language)) }, selected: filters.commune),
                "people": options(people.map { (String($0.id), $0.name) }, selected: filters.person),
                "entities": options(entities.map { ($0, label("audit.entity.", $0)) }, selected: filters.entity),
                "actions": options(actions.map { ($0, label("audit.action.", $0)) }, selected: filters.action),
            ],
            "errors": .object(errors.mapValues { .string($0) }),
            // Issue 14: the filters are folded below a one-line summary so the log comes first on a
            // phone; it says how many narrow the list, and opens only when one was refused.
            "active_filters": { (count: Int) -> TemplateValue in count == 0 ? .null : .int(count) }(
                [("commune", filters.commune), ("person", filters.person), ("entity", filters.entity), ("action", filters.action),
                 ("from", filters.from), ("to", filters.to)].filter { !$0.1.isEmpty && errors[$0.0] == nil }.count),   // a refused one is not applied
            "filters_open": .bool(!errors.isEmpty),
            "scope": .string(context.t(viewer == nil ? "audit.scope.all" : "audit.scope.communes")),
            "page": .int(filters.page),
            "previous_href": filters.page > 1 ? .string(base + filters.query(page: filters.page - 1)) : .null,
            "next_href": hasNext ? .string(base + filters.query(page: filters.page + 1)) : .null,
        ]))
    }

    /// A before/after value: short texts whole; long ones shortened, the whole text in a <details>.
    static func shortened(_ text: String?) -> TemplateValue {
        guard let text else { return .null }
        guard text.count > shortLength else { return ["text": .string(text)] }
        return ["text": .string(String(text.prefix(shortLength - 1)) + "…"), "full": .string(text)]
    }
}
