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
        var communes: [DashboardCommune] = []
        let visible = account.communeIDs
        for row in rows {
            let id = row.communeID
            if let visible, !visible.contains(id) { continue }
            let slug = row.slug
            // The rows come commune by commune, each commune's programs together.
            if communes.last?.id != id {
                communes.append(DashboardCommune(
                    id: id, name: row.name.text(language),
                    href: AdminRoute.commune(language, slug: slug, .editor(.commune)).path,
                    publicHref: SiteRoute.commune(language, slug: slug).path,
                    roles: account.isAdmin ? context.t("role.admin")
                        : account.grants.filter { $0.communeID == id }.map { context.t("role." + $0.role.rawValue) }.joined(separator: "، ")))
            }
            guard let (period, title, status) = row.program else { continue }
            communes[communes.count - 1].programs.append(DashboardProgram(
                period: period, title: title.text(language), status: context.t("status." + status),
                publicHref: SiteRoute.program(language, slug: slug, period: period, .overview).path,
                editHref: account.holds([.focalPoint], in: id)
                    ? AdminRoute.commune(language, slug: slug, .editor(.program(period: period))).path : nil,
                triageHref: account.holds([.committee], in: id)
                    ? AdminRoute.commune(language, slug: slug, .triage(.queue(period: period))).path : nil))
        }
        return context.render(PageView(template: "admin/dashboard", title: context.t("admin.dashboard.title"), view: DashboardView(communes: communes)))
    }
}

/// The dashboard: the communes a person works in.
struct DashboardView: TemplateView {
    let communes: [DashboardCommune]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "communes": return .init(communes)
        case "has_communes": return .bool(!communes.isEmpty)
        default: return nil
        }
    }
}

/// A commune on the dashboard, with the person's roles there and its programs.
struct DashboardCommune: TemplateView {
    let id: Int
    let name: String
    /// The commune's editor.
    let href: String
    let publicHref: String
    /// The person's roles in the commune, in words.
    let roles: String
    var programs: [DashboardProgram] = []

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "href": return .string(href)
        case "public_href": return .string(publicHref)
        case "roles": return .string(roles)
        case "programs": return .init(programs)
        default: return nil
        }
    }
}

/// A program on the dashboard (`admin/program_item`), with the links the person's roles open.
struct DashboardProgram: TemplateView {
    let period: String
    let title: String
    let status: String
    let publicHref: String
    /// The program's editor, for a focal point.
    let editHref: String?
    /// The proposals' triage, for a committee member.
    let triageHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "period": return .string(period)
        case "title": return .string(title)
        case "status": return .string(status)
        case "public_href": return .string(publicHref)
        case "edit_href": return .init(editHref)
        case "triage_href": return .init(triageHref)
        default: return nil
        }
    }
}
