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
        func href(_ number: Int) -> TemplateValue {
            .string(SiteRoute.calls(page.language).path + (number == 1 ? "" : "?page=\(number)"))
        }
        var view = PageView(template: "pages/calls", title: page.t("calls.public.title"), context: [
            "open_calls": .array(calls.map { OpenCalls.value($0, at: now, page: page, baseURL: baseURL) }),
            "total": .int(total),
            "page": .int(number), "page_count": .int(pageCount),
            "previous_href": number > 1 ? href(number - 1) : .null,
            "next_href": number < pageCount ? href(number + 1) : .null,
            "show_commune": true,
        ])
        if number > 1 { view.switchQuery = "?page=\(number)" }
        return view
    }
}
