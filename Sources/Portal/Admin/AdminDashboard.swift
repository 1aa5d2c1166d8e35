import Foundation
import HTTP
import SQLite
import Templates

/// `/admin/{lang}/`: the communes a person works in, each with its programs and the links
/// their roles open (edit, triage), so nobody has to know a URL.
enum AdminDashboard {
    static func handle(_ context: AdminContext) throws -> Outcome {
        let language = context.language
        let account = context.account
        let rows = try context.database.read { db in try AccountStore.dashboardLines(db) }
        var order: [Int] = []
        var communes: [Int: [String: TemplateValue]] = [:]
        var programs: [Int: [TemplateValue]] = [:]
        let visible = account.communeIDs
        for row in rows {
            let id = row.communeID
            if let visible, !visible.contains(id) { continue }
            let slug = row.slug
            if communes[id] == nil {
                order.append(id)
                communes[id] = [
                    "name": .string(row.name.text(language)),
                    "href": .string(AdminRoute.commune(language, slug: slug, .editor(.commune)).path),
                    "public_href": .string(SiteRoute.commune(language, slug: slug).path),
                    "roles": .string(account.isAdmin ? context.t("role.admin")
                        : account.grants.filter { $0.communeID == id }.map { context.t("role." + $0.role.rawValue) }.joined(separator: "، ")),
                ]
            }
            guard let stored = row.program else { continue }
            let (period, title, status) = stored
            var program: [String: TemplateValue] = [
                "period": .string(period),
                "title": .string(title.text(language)),
                "status": .string(context.t("status." + status)),
                "public_href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
            ]
            if account.holds([.focalPoint], in: id) {
                program["edit_href"] = .string(AdminRoute.commune(language, slug: slug, .editor(.program(period: period))).path)
            }
            if account.holds([.committee], in: id) {
                program["triage_href"] = .string(AdminRoute.commune(language, slug: slug, .triage(.queue(period: period))).path)
            }
            programs[id, default: []].append(.object(program))
        }
        let list: [TemplateValue] = order.map { id in
            var commune = communes[id]!
            commune["programs"] = .array(programs[id] ?? [])
            return .object(commune)
        }
        return context.render(PageView(template: "admin/dashboard", title: context.t("admin.dashboard.title"),
                                           context: ["communes": .array(list), "has_communes": .bool(!list.isEmpty)]))
    }
}
