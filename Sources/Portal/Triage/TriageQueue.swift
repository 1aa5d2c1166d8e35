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
            // How many of the folded filters narrow the list (the status has its own row of tabs).
            let active = [filter.axis != nil, filter.channel != nil, filter.from != nil, filter.to != nil, filter.oldestFirst].filter { $0 }.count
            let queue = TriageQueueView(
                programNav: ProgramNav.view(context, period: period, current: "proposals"),
                action: base, total: total, allCount: counts["all_visible"] ?? 0, activeFilters: active == 0 ? nil : active,
                allHref: base + TriageFilter(copying: filter, status: nil).query(page: 1), allSelected: filter.status == nil,
                states: states.map { state in
                    TriageQueueView.State(value: state, label: context.t("triage.state." + state), count: counts[state] ?? 0,
                                          selected: filter.status == state,
                                          href: base + TriageFilter(copying: filter, status: state).query(page: 1))
                },
                axes: program.axes.map { axis in
                    FormChoice(value: String(axis.number), label: context.axisLabel(axis.number, axis.title), selected: filter.axis == axis.number)
                },
                channels: ProposalFilter.channels.map {
                    FormChoice(value: $0, label: context.t("participation.channel." + $0), selected: filter.channel == $0)
                },
                filter: filter,
                pager: PagerView(page: filter.page, pageCount: pageCount) { base + filter.query(page: $0) },
                workshopHref: AdminRoute.commune(language, slug: commune.slug, .triage(.workshop(period: period))).path,
                proposals: lines.map { line in
                    TriageQueueView.Line(
                        id: line.id, title: line.title,
                        href: AdminRoute.commune(language, slug: commune.slug, .triage(.proposal(period: period, id: line.id))).path,
                        day: (try? Call.parse(line.createdAt)).map(MoroccoTime.day) ?? String(line.createdAt.prefix(10)),   // the day in Morocco
                        channel: context.t("participation.channel." + line.channel), status: context.t("proposal.status." + line.status),
                        statusCode: line.status, axis: line.axisNumber, mergedInto: line.mergedIntoID, hidden: line.hidden,
                        observation: line.kind == "observation")
                })
            return PageView(template: "admin/triage_queue", title: context.t("triage.queue.title") + " · " + program.title.text(language),
                            view: queue)
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

/// The committee's queue: the state tabs with their counts, the folded filters, one page of
/// proposals and the pager.
struct TriageQueueView: TemplateView {
    /// A state tab: how many proposals are in it under the other filters, and its link.
    struct State: TemplateView {
        let value: String
        let label: String
        let count: Int
        let selected: Bool
        let href: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "value": return .string(value)
            case "label": return .string(label)
            case "count": return .int(count)
            case "selected": return .bool(selected)
            case "href": return .string(href)
            default: return nil
            }
        }
    }

    /// A proposal of the page: no personal data, which is on its own page.
    struct Line: TemplateView {
        let id: Int
        let title: String
        let href: String
        /// The day it was received, in Morocco.
        let day: String
        let channel: String
        let status: String
        let statusCode: String
        let axis: Int?
        let mergedInto: Int?
        let hidden: Bool
        let observation: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .int(id)
            case "title": return .string(title)
            case "href": return .string(href)
            case "day": return .string(day)
            case "channel": return .string(channel)
            case "status": return .string(status)
            case "status_code": return .string(statusCode)
            case "axis": return .init(axis)
            case "merged_into": return .init(mergedInto)
            case "hidden": return .bool(hidden)
            case "observation": return .bool(observation)
            default: return nil
            }
        }
    }

    let programNav: ProgramNavView?
    let action: String
    /// The proposals the filters keep, all pages together.
    let total: Int
    /// The visible proposals in every state, under the other filters.
    let allCount: Int
    /// How many folded filters narrow the list; nil for none.
    let activeFilters: Int?
    let allHref: String
    let allSelected: Bool
    let states: [State]
    let axes: [FormChoice]
    let channels: [FormChoice]
    let filter: TriageFilter
    let pager: PagerView
    let workshopHref: String
    let proposals: [Line]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program_nav": return .init(programNav)
        case "action": return .string(action)
        case "total": return .int(total)
        case "all_count": return .int(allCount)
        case "active_filters": return .init(activeFilters)
        case "all_href": return .string(allHref)
        case "all_selected": return .bool(allSelected)
        case "states": return .init(states)
        case "axes": return .init(axes)
        case "channels": return .init(channels)
        case "status_value": return .init(filter.status)
        case "from": return .init(filter.from)
        case "to": return .init(filter.to)
        case "oldest_first": return .bool(filter.oldestFirst)
        case "workshop_href": return .string(workshopHref)
        case "proposals": return .init(proposals)
        default: return pager.member(key)
        }
    }
}
