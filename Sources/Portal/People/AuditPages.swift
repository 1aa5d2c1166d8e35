import HTTP
import Templates

/// The audit log handlers.
enum AuditPages {
    static func handle(_ route: AuditRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
