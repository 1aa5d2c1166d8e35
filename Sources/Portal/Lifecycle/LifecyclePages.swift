import HTTP
import Templates

/// The lifecycle handlers.
enum LifecyclePages {
    static func handle(_ route: LifecycleRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
