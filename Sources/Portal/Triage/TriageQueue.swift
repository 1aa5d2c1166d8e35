import Foundation
import HTTP
import SQLite
import Templates

/// What a committee member chose on the queue: the public list's facets (axis number,
/// channel, status) plus "merged" and, for administrators, "hidden" as states, a date range
/// on the day received, the order, and the page. Values that name nothing are ignored.
struct TriageFilter: Equatable {
    static let states = TriageProposal.statuses + ["merged", "hidden"]
    static let pageSize = 20

    var axis: Int?
    var channel: String?
    var status: String?
    var from: String?
    var to: String?
    var oldestFirst = false
    var page = 1

    init(query: [(name: String, value: String)], axisNumbers: Set<Int>, isAdmin: Bool) {
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        if let text = value("axis"), let number = Int(text), axisNumbers.contains(number) { axis = number }
        if let text = value("channel"), ProposalFilter.channels.contains(text) { channel = text }
        if let text = value("status"), Self.states.contains(text), text != "hidden" || isAdmin { status = text }
        if let text = value("from"), text.count == 10, EditorInput.isDate(text) { from = text }
        if let text = value("to"), text.count == 10, EditorInput.isDate(text) { to = text }
        oldestFirst = value("sort") == "oldest"
        if let text = value("page"), let number = Int(text), number >= 1 { page = number }
    }

    /// The query string that keeps these filters (every value is ASCII by construction).
    func query(page: Int) -> String {
        var items: [String] = []
        if let axis { items.append("axis=\(axis)") }
        if let channel { items.append("channel=" + channel) }
        if let status { items.append("status=" + status) }
        if let from { items.append("from=" + from) }
        if let to { items.append("to=" + to) }
        if oldestFirst { items.append("sort=oldest") }
        if page > 1 { items.append("page=\(page)") }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    /// ?1 program, ?2 axis number, ?3 channel, ?4 from day, ?5 to day, ?6 state. Without a
    /// state, hidden proposals are left out (administrators find them under "hidden"); the
    /// state '*' takes every proposal, for counting each state.
    static let whereSQL = """
        p.program_id = ?1 AND (?2 IS NULL OR a.number = ?2) AND (?3 IS NULL OR p.channel = ?3)
        AND (?4 IS NULL OR substr(p.created_at, 1, 10) >= ?4) AND (?5 IS NULL OR substr(p.created_at, 1, 10) <= ?5)
        AND (CASE WHEN ?6 IS NULL THEN p.hidden = 0
                  WHEN ?6 = '*' THEN 1
                  WHEN ?6 = 'hidden' THEN p.hidden = 1
                  WHEN ?6 = 'merged' THEN p.hidden = 0 AND p.merged_into_id IS NOT NULL
                  ELSE p.hidden = 0 AND p.status = ?6 END)
        """

    func bindings(programID: Int, withState: Bool = true) -> [any SQLBindable] {
        [programID, axis, channel, from, to, withState ? status : "*"]
    }
}

/// The committee's queue of one program's proposals: 20 a page, newest first unless asked,
/// with how many there are in each state under the other filters. No personal data here:
/// that is on each proposal's own page.
enum TriageQueue {
    static func page(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let isAdmin = context.account.isAdmin
        let view: PageView = try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            let filter = TriageFilter(query: context.request.query, axisNumbers: Set(program.axes.map(\.number)), isAdmin: isAdmin)
            let total = try TriageStore.queueCount(db, programID: program.id, filter)
            let pageCount = max(1, (total + TriageFilter.pageSize - 1) / TriageFilter.pageSize)
            guard filter.page <= pageCount else { throw PageError.notFound }
            let lines = try TriageStore.queueLines(db, programID: program.id, filter)
            let counts = try TriageStore.queueStateCounts(db, programID: program.id, filter)

            let base = AdminRoute.commune(language, slug: commune.slug, .triage(.queue(period: period))).path
            let states = TriageFilter.states.filter { $0 != "hidden" || isAdmin }
            let stateItems: [TemplateValue] = states.map { state in
                ["value": .string(state), "label": .string(context.t("triage.state." + state)),
                 "count": .int(counts[state] ?? 0), "selected": .bool(filter.status == state),
                 "href": .string(base + TriageFilter(copying: filter, status: state).query(page: 1))]
            }
            var page: [String: TemplateValue] = [
                "program_nav": ProgramNav.value(context, period: period, current: "proposals"),
                "action": .string(base),
                "total": .int(total),
                "all_count": .int(counts["all_visible"] ?? 0),
                // How many of the folded filters narrow the list (the status has its own row of tabs).
                "active_filters": { (count: Int) -> TemplateValue in count == 0 ? .null : .int(count) }(
                    [filter.axis != nil, filter.channel != nil, filter.from != nil, filter.to != nil, filter.oldestFirst].filter { $0 }.count),
                "all_href": .string(base + TriageFilter(copying: filter, status: nil).query(page: 1)),
                "all_selected": .bool(filter.status == nil),
                "states": .array(stateItems),
                "axes": .array(program.axes.map { axis in
                    ["value": .int(axis.number), "selected": .bool(filter.axis == axis.number),
                     "label": .string(context.axisLabel(axis.number, axis.title))]
                }),
                "channels": .array(ProposalFilter.channels.map {
                    ["value": .string($0), "label": .string(context.t("participation.channel." + $0)), "selected": .bool(filter.channel == $0)]
                }),
                "status_value": TemplateValue(filter.status),
                "from": TemplateValue(filter.from),
                "to": TemplateValue(filter.to),
                "oldest_first": .bool(filter.oldestFirst),
                "page": .int(filter.page),
                "page_count": .int(pageCount),
                "previous_href": filter.page > 1 ? .string(base + filter.query(page: filter.page - 1)) : .null,
                "next_href": filter.page < pageCount ? .string(base + filter.query(page: filter.page + 1)) : .null,
                "workshop_href": .string(AdminRoute.commune(language, slug: commune.slug, .triage(.workshop(period: period))).path),
            ]
            page["proposals"] = .array(lines.map { line in
                [
                    "id": .int(line.id),
                    "title": .string(line.title),
                    "href": .string(AdminRoute.commune(language, slug: commune.slug, .triage(.proposal(period: period, id: line.id))).path),
                    "day": .string((try? Call.parse(line.createdAt)).map(MoroccoTime.day) ?? String(line.createdAt.prefix(10))),   // the day in Morocco
                    "channel": .string(context.t("participation.channel." + line.channel)),
                    "status": .string(context.t("proposal.status." + line.status)),
                    "status_code": .string(line.status),
                    "axis": TemplateValue(line.axisNumber),
                    "merged_into": TemplateValue(line.mergedIntoID),
                    "hidden": .bool(line.hidden),
                    "observation": .bool(line.kind == "observation"),
                ]
            })
            return PageView(template: "admin/triage_queue", title: context.t("triage.queue.title") + " · " + program.title.text(language),
                            context: page)
        }
        return context.render(view)
    }
}

extension TriageFilter {
    /// The same filters with another state, back on page 1.
    init(copying other: TriageFilter, status: String?) {
        self = other
        self.status = status
        self.page = 1
    }
}
