import Foundation
import HTTP
import SQLite
import Templates

/// A program at a glance: where it stands, its calls for participation (open or not at
/// `now`), its axes and projects, budget, the dated co-preparation timeline, the
/// participation figures and the committee. ProgramRecord's nine queries plus five or six,
/// whatever the program holds.
enum ProgramOverviewPage {
    static func load(_ db: Connection, slug: String, period: String, now: Date, baseURL: String, page: PageRequest) throws -> PageView {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let language = page.language

        let axes = program.axes.map { axis -> TemplateValue in
            var value: [String: TemplateValue] = ["number": .int(axis.number), "title": axis.title.value(language)]
            value["projects"] = .array(program.projects.filter { $0.axisID == axis.id }.map(view.project))
            return .object(value)
        }
        let unassigned = program.projects.filter { project in program.axis(of: project) == nil }.map(view.project)

        let milestoneRows = try db.query("SELECT * FROM milestones WHERE program_id = ? ORDER BY position", [program.id])
        let milestones = try milestoneRows.map { row -> TemplateValue in
            [
                "title": try Localized(row, "title").value(language),
                "place": try Localized(optional: row, "place")?.value(language) ?? .null,
                "when": TemplateValue(try Self.when(row)),
                "kind": .string(page.t("milestone.kind." + (try row.string("kind")))),
                "done": .bool(try row.bool("done")),
            ]
        }
        // Ideas and comments on the draft are counted apart, as the documents count them (Settat:
        // 31 ideas, 16 comments), never summed into a total no document states.
        let figures = try db.queryOne("""
            SELECT count(*) AS events, sum(participants) AS participants, sum(women) AS women,
                   sum(associations) AS associations, sum(equality_body_members) AS equality_body_members,
                   (SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
                    WHERE e.program_id = ?1 AND e.kind NOT IN ('consultation-workshop', 'digital-consultation')) AS proposals,
                   (SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
                    WHERE e.program_id = ?1 AND e.kind IN ('consultation-workshop', 'digital-consultation')) AS comments
            FROM events WHERE program_id = ?1
            """, [program.id])
        var figureValues: [String: TemplateValue] = [:]
        if let figures, try figures.int("events") > 0 {
            for column in ["participants", "women", "associations", "equality_body_members", "proposals", "comments"] {
                figureValues[column] = TemplateValue(try figures.optionalInt(column))
            }
        }
        let committee = try Committee.load(db, programID: program.id, page: page)
        // The letters and texts the program cites as its basis (Settat's preamble, "تمهيد").
        let references = try db.query("SELECT text_ar, text_fr FROM program_references WHERE program_id = ? ORDER BY position",
                                      [program.id]).map { row -> TemplateValue in ["text": try Localized(row, "text").value(language)] }

        let calls = try Call.all(db, programID: program.id)
        let formHref = SiteRoute.program(language, slug: slug, period: period, .newProposal).path
        let projectHref = SiteRoute.program(language, slug: slug, period: period, .newProject).path

        var context = view.summary
        context["calls"] = calls.isEmpty ? .null : .array(calls.map { $0.value(at: now, page: page, formHref: formHref, projectHref: projectHref) })
        // The open calls again at the top, where a phone shows them without scrolling (issue 12).
        let listed = calls.filter { $0.state(at: now) == .open }.map {
            OpenCalls.Listed(call: $0, slug: slug, period: period, commune: Localized(arabic: "", french: nil), program: program.title)
        }
        context["open_calls"] = .array(listed.map { OpenCalls.value($0, at: now, page: page, baseURL: baseURL) })
        context["axes"] = .array(axes)
        context["references"] = .array(references)
        context["search_commune"] = .string(slug)
        context["unassigned_projects"] = .array(unassigned)
        // Issue 6: the state transitions recorded in the admin area, merged with the milestones by date.
        context["milestones"] = .array(try ProgramTimeline.merged(db, programID: program.id, milestones: milestoneRows, values: milestones,
                                                                      calls: calls, now: now, page: page))
        context["figures"] = figureValues.isEmpty ? .null : .object(figureValues)
        context["committee"] = committee ?? .null
        context["updated_on"] = TemplateValue(try LastUpdated.day(db, programID: program.id))
        context["execution_href"] = (ProgramState(rawValue: program.status)?.isAdopted ?? false) ? .string(view.route(.execution).path) : .null
        let feed = view.route(.feed)
        return PageView(template: "pages/program", title: program.title.text(language), context: [
            "program": .object(context),
            "follow": FollowLinks.value(page, feed: feed, calendar: .calendar(language, slug: slug)),
            "alternate_feed": FollowLinks.alternate(feed, title: page.fill("feed.program.title", program.title.text(language))),
        ])
    }

    /// The ISO date text the `date` helper formats: a day, a month, or "start/end".
    static func when(_ row: Row) throws -> String? {
        guard let start = try row.optionalString("date_start") else { return nil }
        if let end = try row.optionalString("date_end") { return start + "/" + end }
        return start
    }
}
