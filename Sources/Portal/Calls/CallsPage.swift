import Foundation
import SQLite
import Templates

/// `/{lang}/calls`: every call of the network that citizens can answer now or soon, the open
/// ones first (closing soonest), then the upcoming ones (opening soonest), twenty a page.
/// Two queries whatever the network's size.
enum CallsPage {
    static func load(_ db: Connection, now: Date, number: Int, baseURL: String, page: PageRequest) throws -> PageView {
        let (total, calls) = try CallStore.openPage(db, at: now, number: number, pageSize: OpenCalls.pageSize)
        let pageCount = max(1, (total + OpenCalls.pageSize - 1) / OpenCalls.pageSize)
        guard number <= pageCount else { throw PageError.notFound }
        var view = PageView(template: "pages/calls", title: page.t("calls.public.title"), view: CallsPageView(
            openCalls: calls.map { OpenCallView($0, at: now, page: page, baseURL: baseURL) },
            total: total,
            pager: PagerView(page: number, pageCount: pageCount) { number in
                SiteRoute.calls(page.language).path + (number == 1 ? "" : "?page=\(number)")
            }))
        if number > 1 { view.switchQuery = "?page=\(number)" }
        return view
    }
}

/// A page of the network's open and upcoming calls.
struct CallsPageView: TemplateView {
    let openCalls: [OpenCallView]
    /// How many calls all the pages list.
    let total: Int
    let pager: PagerView

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "open_calls": return .init(openCalls)
        case "total": return .int(total)
        // Read by `partials/open_calls`: each call says which commune it is from.
        case "show_commune": return .bool(true)
        default: return pager.member(key)
        }
    }
}
