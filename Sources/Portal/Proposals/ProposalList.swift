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

    /// Bindings for `ProposalList.filterSQL` (?1 program, ?2 axis number, ?3 channel, ?4 status),
    /// leaving out the facet being counted so each option shows what choosing it would give.
    func bindings(programID: Int, except facet: String? = nil) -> [any SQLBindable] {
        [programID, facet == "axis" ? nil : axis, facet == "channel" ? nil : channel, facet == "status" ? nil : status]
    }
}

/// `.../programs/{period}/proposals`: what citizens proposed and what became of it, with the
/// public answer. Only public columns are ever selected: the author's name only when they
/// asked for it to be shown; never gender, age band, association, neighbourhood or address.
enum ProposalList {
    static let filterSQL = """
        p.program_id = ?1 AND (?2 IS NULL OR a.number = ?2) AND (?3 IS NULL OR p.channel = ?3) AND (?4 IS NULL OR p.status = ?4)
        AND p.hidden = 0 AND p.merged_into_id IS NULL
        """

    /// What a proposal is, as the public sees it: 'idea', 'observation' or 'project' (a new
    /// project card: kind 'idea' in the store, marked by its card row; see 0004).
    static let kindSQL = """
        CASE WHEN EXISTS (SELECT 1 FROM proposal_projects n WHERE n.proposal_id = p.id) THEN 'project' ELSE p.kind END
        """

    /// The public columns of a proposal, shared by the list and the exports.
    static let publicColumns = """
        p.tracking_code, p.created_at, p.title, p.description, p.channel, p.status, p.public_answer,
        """ + kindSQL + """
         AS kind,
        CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name,
        a.number AS axis_number, a.title_ar AS axis_title_ar, a.title_fr AS axis_title_fr
        """

    static func load(_ db: Connection, slug: String, period: String, query: [(name: String, value: String)], page: PageRequest) throws -> PageView {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let filter = ProposalFilter(query: query, axisNumbers: Set(program.axes.map(\.number)))
        let from = " FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id WHERE " + filterSQL

        let total = try db.scalar("SELECT count(*)" + from, filter.bindings(programID: program.id), as: Int.self) ?? 0
        let pageCount = max(1, (total + ProposalFilter.pageSize - 1) / ProposalFilter.pageSize)
        guard filter.page <= pageCount else { throw HTTPNotFound() }
        let rows = try db.query("SELECT " + publicColumns + from + " ORDER BY p.created_at DESC, p.id DESC LIMIT ?5 OFFSET ?6",
                                filter.bindings(programID: program.id)
                                    + [ProposalFilter.pageSize, (filter.page - 1) * ProposalFilter.pageSize])

        // One GROUP BY per facet, each with the other facets' filters applied.
        func counts(_ facet: String, _ column: String) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try db.query("SELECT CAST(" + column + " AS TEXT) AS value, count(*) AS n" + from + " GROUP BY 1",
                                    filter.bindings(programID: program.id, except: facet)) {
                result[try row.optionalString("value") ?? ""] = try row.int("n")
            }
            return result
        }
        let axisCounts = try counts("axis", "a.number"), channelCounts = try counts("channel", "p.channel")
        let statusCounts = try counts("status", "p.status")
        // The ideas the commune reported per meeting (figures), apart from the proposals listed here one by one.
        let counted = try db.scalar("""
            SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
            WHERE e.program_id = ? AND e.kind NOT IN ('consultation-workshop', 'digital-consultation')
            """, [program.id], as: Int.self)

        let base = view.route(.proposals).path
        func option(_ value: String, _ label: String, _ counts: [String: Int], selected: Bool) -> TemplateValue {
            ["value": .string(value), "label": .string(label), "count": .int(counts[value] ?? 0), "selected": .bool(selected)]
        }
        var pageView = PageView(template: "pages/proposals", title: page.t("proposals.title") + " · " + program.title.text(page.language), context: [
            "summary": .object(view.summary),
            "action": .string(base),
            "total": .int(total),
            "counted": TemplateValue(counted),
            "participation_href": .string(view.route(.participation).path),
            "axes": .array(program.axes.map { axis in
                option(String(axis.number), page.axisLabel(axis.number, axis.title), axisCounts, selected: filter.axis == axis.number)
            }),
            "channels": .array(ProposalFilter.channels.map {
                option($0, page.t("participation.channel." + $0), channelCounts, selected: filter.channel == $0)
            }),
            "statuses": .array(ProposalFilter.statuses.map {
                option($0, page.t("proposal.status." + $0), statusCounts, selected: filter.status == $0)
            }),
            "proposals": .array(try rows.map { try item($0, page: page) }),
            "page": .int(filter.page),
            "page_count": .int(pageCount),
            "previous_href": filter.page > 1 ? .string(base + filter.query(page: filter.page - 1)) : .null,
            "next_href": filter.page < pageCount ? .string(base + filter.query(page: filter.page + 1)) : .null,
            "csv_href": .string(view.route(.proposalsCSV).path),
            "json_href": .string(view.route(.proposalsJSON).path),
        ])
        // The language switch keeps the filters and the page (known values only, re-encoded).
        pageView.switchQuery = filter.query(page: filter.page)
        return pageView
    }

    static func item(_ row: Row, page: PageRequest) throws -> TemplateValue {
        let code = try row.string("tracking_code"), status = try row.string("status"), channel = try row.string("channel")
        let kind = try row.string("kind")
        let created = try row.string("created_at")
        var axis: TemplateValue = .null
        if let number = try row.optionalInt("axis_number") {
            axis = ["number": .int(number), "title": try Localized(row, "axis_title").value(page.language)]
        }
        return [
            "title": .string(try row.string("title")),
            "href": .string(SiteRoute.proposal(page.language, code: code).path),
            "status": .string(page.t("proposal.status." + status)),
            "status_code": .string(status),
            "kind": .string(page.t("proposal.kind." + kind)),
            "kind_code": .string(kind),
            "channel": .string(page.t("participation.channel." + channel)),
            "answer": TemplateValue(try row.optionalString("public_answer")),
            "name": TemplateValue(try row.optionalString("shown_name")),
            "submitted": .string((try? Call.moroccoTime(Call.parse(created), page: page)) ?? created),
            "axis": axis,
        ]
    }
}

/// The proposals of a program as open data: CSV (in the page's language) and JSON (both
/// languages), every proposal, with the same public columns as the list and nothing personal.
enum ProposalExport {
    static let columns = ["tracking_code", "date", "kind", "axis_number", "axis_title", "channel", "status",
                          "public_answer", "title", "description", "author_name"]

    private static func rows(_ db: Connection, _ program: ProgramRecord) throws -> [Row] {
        try db.query("SELECT " + ProposalList.publicColumns
                     + " FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id WHERE p.program_id = ? AND " + ProposalVisibility.publicSQL
                     + " ORDER BY p.created_at, p.id",
                     [program.id])
    }

    static func csv(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        let language = page.language
        var lines = [columns]
        for row in try rows(db, program) {
            let axisTitle = try row.optionalString("axis_title_ar") == nil ? "" : try Localized(row, "axis_title").text(language)
            lines.append([try row.string("tracking_code"), try row.string("created_at"), try row.string("kind"),
                          try row.optionalInt("axis_number").map(String.init) ?? "", axisTitle,
                          try row.string("channel"), try row.string("status"), try row.optionalString("public_answer") ?? "",
                          try row.string("title"), try row.string("description"), try row.optionalString("shown_name") ?? ""])
        }
        return CSV.response(CSV.document(lines),
                            filename: "\(program.commune.slug)-\(program.period)-proposals-\(language.rawValue).csv")
    }

    static func json(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        let proposals = try rows(db, program).map { row -> [String: Any] in
            [
                "tracking_code": try row.string("tracking_code"),
                "date": try row.string("created_at"),
                "kind": try row.string("kind"),
                "axis_number": ProgramExport.nullable(try row.optionalInt("axis_number")),
                "axis_title": try row.optionalString("axis_title_ar") == nil ? NSNull() : ProgramExport.pair(try Localized(row, "axis_title")),
                "channel": try row.string("channel"),
                "status": try row.string("status"),
                "public_answer": ProgramExport.nullable(try row.optionalString("public_answer")),
                "title": try row.string("title"),
                "description": try row.string("description"),
                "author_name": ProgramExport.nullable(try row.optionalString("shown_name")),
            ]
        }
        let object: [String: Any] = ["commune": program.commune.slug, "period": program.period, "proposals": proposals]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                            body: Array(data) + [UInt8(ascii: "\n")])
    }
}
