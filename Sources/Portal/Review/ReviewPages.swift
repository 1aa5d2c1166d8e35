import HTTP
import Templates

/// The review handlers.
enum ReviewPages {
    static func handle(_ route: ReviewRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
