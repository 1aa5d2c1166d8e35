import Foundation
import HTTP
import SQLite
import Templates

/// What a reader chose on the proposals list: an axis (by its number), a channel, a status and
/// a page. Values that name nothing (an unknown status, "abc" for a page) are ignored, so an
/// old or hand-edited link still shows proposals rather than an error.
struct ProposalFilter: Equatable {
    static let channels = ["platform", "workshop"]
    static let statuses = ["processing", "accepted", "integrated", "rejected"]
    static let pageSize = 20

    var axis: Int?
    var channel: String?
    var status: String?
    var page = 1

    init(axis: Int? = nil, channel: String? = nil, status: String? = nil, page: Int = 1) {
        self.axis = axis; self.channel = channel; self.status = status; self.page = page
    }

    init(query: [(name: String, value: String)], axisNumbers: Set<Int>) {
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        if let text = value("axis"), let number = Int(text), axisNumbers.contains(number) { axis = number }
        if let text = value("channel"), Self.channels.contains(text) { channel = text }
        if let text = value("status"), Self.statuses.contains(text) { status = text }
        if let text = value("page"), let number = Int(text), number >= 1 { page = number }
    }

    /// The query string that keeps these filters (values are ASCII by construction).
    func query(page: Int) -> String {
        var items: [String] = []
        if let axis { items.append("axis=\(axis)") }
        if let channel { items.append("channel=" + channel) }
        if let status { items.append("status=" + status) }
        if page > 1 { items.append("page=\(page)") }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    /// Bindings for `ProposalStore.filterSQL` (?1 program, ?2 axis number, ?3 channel, ?4 status),
    /// leaving out the facet being counted so each option shows what choosing it would give.
    func bindings(programID: Int, except facet: String? = nil) -> [any SQLBindable] {
        [programID, facet == "axis" ? nil : axis, facet == "channel" ? nil : channel, facet == "status" ? nil : status]
    }
}

/// `.../programs/{period}/proposals`: what citizens proposed and what became of it, with the
/// public answer. Only public columns are ever selected: the author's name only when they
/// asked for it to be shown; never gender, age band, association, neighbourhood or address.
enum ProposalList {
    static func load(_ db: Connection, slug: String, period: String, query: [(name: String, value: String)], page: PageRequest) throws -> PageView {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let filter = ProposalFilter(query: query, axisNumbers: Set(program.axes.map(\.number)))
        let total = try ProposalStore.listedCount(db, programID: program.id, filter: filter)
        let pageCount = max(1, (total + ProposalFilter.pageSize - 1) / ProposalFilter.pageSize)
        guard filter.page <= pageCount else { throw PageError.notFound }
        let proposals = try ProposalStore.listed(db, programID: program.id, filter: filter)

        // One GROUP BY per facet, each with the other facets' filters applied.
        let axisCounts = try ProposalStore.facetCounts(db, programID: program.id, filter: filter, facet: "axis", column: "a.number")
        let channelCounts = try ProposalStore.facetCounts(db, programID: program.id, filter: filter, facet: "channel", column: "p.channel")
        let statusCounts = try ProposalStore.facetCounts(db, programID: program.id, filter: filter, facet: "status", column: "p.status")
        // The ideas the commune reported per meeting (figures), apart from the proposals listed here one by one.
        let counted = try ProposalStore.countedAtMeetings(db, programID: program.id)

        let base = view.route(.proposals).path
        func option(_ value: String, _ label: String, _ counts: [String: Int], selected: Bool) -> ProposalFilterOption {
            ProposalFilterOption(value: value, label: label, count: counts[value] ?? 0, selected: selected)
        }
        var pageView = PageView(template: "pages/proposals", title: page.t("proposals.title") + " · " + program.title.text(page.language),
                                view: ProposalListView(
            summary: view.header,
            action: base,
            total: total,
            counted: counted,
            participationHref: view.route(.participation).path,
            axes: program.axes.map { axis in
                option(String(axis.number), page.axisLabel(axis.number, axis.title), axisCounts, selected: filter.axis == axis.number)
            },
            channels: ProposalFilter.channels.map {
                option($0, page.t("participation.channel." + $0), channelCounts, selected: filter.channel == $0)
            },
            statuses: ProposalFilter.statuses.map {
                option($0, page.t("proposal.status." + $0), statusCounts, selected: filter.status == $0)
            },
            proposals: proposals.map { ProposalListItem($0, page: page) },
            pager: PagerView(page: filter.page, pageCount: pageCount) { base + filter.query(page: $0) },
            csvHref: view.route(.proposalsCSV).path,
            jsonHref: view.route(.proposalsJSON).path))
        // The language switch keeps the filters and the page (known values only, re-encoded).
        pageView.switchQuery = filter.query(page: filter.page)
        return pageView
    }
}

/// A program's list of proposals: its header, the filters with what each choice would give,
/// a page of proposals, the pager and the open-data links.
struct ProposalListView: TemplateView {
    let summary: ProgramHeader
    /// Where the filter form is sent.
    let action: String
    /// Proposals that match the filters, all pages together.
    let total: Int
    /// The ideas the commune reported per meeting (figures), apart from the proposals listed here.
    let counted: Int?
    let participationHref: String
    let axes: [ProposalFilterOption]
    let channels: [ProposalFilterOption]
    let statuses: [ProposalFilterOption]
    let proposals: [ProposalListItem]
    let pager: PagerView
    let csvHref: String
    let jsonHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "summary": return .init(summary)
        case "action": return .string(action)
        case "total": return .int(total)
        case "counted": return .init(counted)
        case "participation_href": return .string(participationHref)
        case "axes": return .init(axes)
        case "channels": return .init(channels)
        case "statuses": return .init(statuses)
        case "proposals": return .init(proposals)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        default: return pager.member(key)
        }
    }
}

/// A choice of one of the list's filters, with how many proposals choosing it would give.
struct ProposalFilterOption: TemplateView {
    /// As the query gives it.
    let value: String
    let label: String
    let count: Int
    let selected: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "value": return .string(value)
        case "label": return .string(label)
        case "count": return .int(count)
        case "selected": return .bool(selected)
        default: return nil
        }
    }
}

/// A proposal in the list: only its public columns.
struct ProposalListItem: TemplateView {
    let title: String
    /// Its public page.
    let href: String
    /// The status's label in the page's language, and as stored.
    let status: String
    let statusCode: String
    /// The kind's label in the page's language ("idea", "observation" or "project" as stored).
    let kind: String
    let kindCode: String
    /// The channel's label in the page's language.
    let channel: String
    let answer: String?
    /// The author's name, only when they asked for it to be shown.
    let name: String?
    /// When it was sent, in Morocco time.
    let submitted: String
    let axis: AxisLabel?

    init(_ proposal: ProposalStore.PublicProposal, page: PageRequest) {
        let code = proposal.trackingCode, created = proposal.createdAt
        title = proposal.title
        href = SiteRoute.proposal(page.language, code: code).path
        status = page.t("proposal.status." + proposal.status)
        statusCode = proposal.status
        kind = page.t("proposal.kind." + proposal.kind)
        kindCode = proposal.kind
        channel = page.t("participation.channel." + proposal.channel)
        answer = proposal.publicAnswer
        name = proposal.shownName
        submitted = (try? Call.moroccoTime(Call.parse(created), page: page)) ?? created
        if let number = proposal.axisNumber, let title = proposal.axisTitle {
            axis = AxisLabel(number: number, title: LocalizedText(title, page.language))
        } else {
            axis = nil
        }
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .string(title)
        case "href": return .string(href)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "kind": return .string(kind)
        case "kind_code": return .string(kindCode)
        case "channel": return .string(channel)
        case "answer": return .init(answer)
        case "name": return .init(name)
        case "submitted": return .string(submitted)
        case "axis": return .init(axis)
        default: return nil
        }
    }
}

/// The proposals of a program as open data: CSV (in the page's language) and JSON (both
/// languages), every proposal, with the same public columns as the list and nothing personal.
enum ProposalExport {
    static let columns = ["tracking_code", "date", "kind", "axis_number", "axis_title", "channel", "status",
                          "public_answer", "title", "description", "author_name"]


    static func csv(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let language = page.language
        var lines = [columns]
        for row in try ProposalStore.publicProposals(db, programID: program.id) {
            let axisTitle = row.axisTitle?.text(language) ?? ""
            lines.append([row.trackingCode, row.createdAt, row.kind,
                          row.axisNumber.map(String.init) ?? "", axisTitle,
                          row.channel, row.status, row.publicAnswer ?? "",
                          row.title, row.description, row.shownName ?? ""])
        }
        return CSV.response(CSV.document(lines),
                            filename: "\(program.commune.slug)-\(program.period)-proposals-\(language.rawValue).csv")
    }

    static func json(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let proposals = try ProposalStore.publicProposals(db, programID: program.id).map { row -> [String: Any] in
            [
                "tracking_code": row.trackingCode,
                "date": row.createdAt,
                "kind": row.kind,
                "axis_number": ProgramExport.nullable(row.axisNumber),
                "axis_title": ProgramExport.pair(row.axisTitle),
                "channel": row.channel,
                "status": row.status,
                "public_answer": ProgramExport.nullable(row.publicAnswer),
                "title": row.title,
                "description": row.description,
                "author_name": ProgramExport.nullable(row.shownName),
            ]
        }
        let object: [String: Any] = ["commune": program.commune.slug, "period": program.period, "proposals": proposals]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                            body: Array(data) + [UInt8(ascii: "\n")])
    }
}
