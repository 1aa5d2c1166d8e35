import HTTP
import Templates

/// The program editor's handlers.
enum EditorPages {
    static func handle(_ route: EditorRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
