import HTTP
import Templates

/// The handlers of a program's details.
enum DetailsPages {
    static func handle(_ route: DetailsRoute, _ context: AdminContext) throws -> HTTPResponse {
        try context.render(PageView(template: "admin/placeholder", title: context.t("admin.dashboard.title"), context: [:]))
    }
}
