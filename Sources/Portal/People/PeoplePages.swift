import HTTP
import Templates

/// The people and communes handlers.
enum PeoplePages {
    static func handle(_ route: PeopleRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
