import HTTP
import Templates

/// The triage handlers.
enum TriagePages {
    static func handle(_ route: TriageRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
