import Foundation
import HTTP
import SQLite
import Templates

/// A project card (بطاقة المشروع): what the project is for, what it should change, who takes
/// part and with what, how it is followed, then its activities as in the matrix. Reached from
/// the matrix's project cells; previous/next links let a reader go through the cards in order.
enum ProjectPage {
    static func load(_ db: Connection, slug: String, period: String, number: Int, now: Date, page: PageRequest) throws -> PageView {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        guard let position = program.projects.firstIndex(where: { $0.number == number }) else { throw PageError(.notFound, message: "error.404.project") }
        let project = program.projects[position]
        let view = ProgramView(program: program, page: page)

        // Lists of the card, each shown only when the documents give it.
        let lists: [(id: String, key: String, items: [Localized])] = [
            ("objectives", "project.objectives", project.objectives),
            ("results", "project.expected_results", project.expectedResults),
            ("follow-up", "project.follow_up_indicators", project.followUpIndicators),
            ("impact", "project.impact_indicators", project.impactIndicators),
        ]
        let sections = lists.filter { !$0.items.isEmpty }.map { list -> TemplateValue in
            ["id": .string("project-" + list.id), "heading": .string(page.t(list.key)), "items": view.texts(list.items)]
        }
        func neighbour(_ at: Int) -> TemplateValue {
            guard program.projects.indices.contains(at) else { return .null }
            let other = program.projects[at]
            return ["number": .int(other.number), "title": view.text(other.title),
                    "href": .string(view.route(.project(other.number)).path)]
        }
        // The citizens' ideas the commune folded into this project (public columns only), and
        // whether the draft is open to comments now (then each card invites an observation
        // card): one query, so the card stays within the program's 9 plus one.
        var ideas: [TemplateValue] = []
        var commentsOpen = false
        let instant = Call.utcText(now)
        for row in try db.query("""
            SELECT EXISTS (SELECT 1 FROM calls c WHERE c.program_id = ? AND c.kind = 'draft-comments'
                           AND c.opens_at <= ? AND c.closes_at > ?) AS comments_open,
                   p.tracking_code, p.title, CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name
            FROM (SELECT 1) LEFT JOIN proposals p ON p.integrated_project_id = ? AND p.status = 'integrated'
                 AND p.hidden = 0 AND p.merged_into_id IS NULL
            ORDER BY p.created_at, p.id
            """, [program.id, instant, instant, project.id]) {
            commentsOpen = try row.int("comments_open") == 1
            guard let code = try row.optionalString("tracking_code") else { continue }
            ideas.append(["title": .string(try row.string("title")), "name": TemplateValue(try row.optionalString("shown_name")),
                          "href": .string(SiteRoute.proposal(page.language, code: code).path)])
        }
        return PageView(template: "pages/project",
                        title: page.t("project.label") + " \(project.number) · " + project.title.text(page.language),
                        context: [
                            "summary": .object(view.summary),
                            "project": view.project(project),
                            "sections": .array(sections),
                            "has_partners": .bool(project.partners.contains(where: \.listed)),
                            "has_contributions": .bool(project.partners.contains { $0.contribution != nil }),
                            "has_activities": .bool(!project.activities.isEmpty),
                            "previous": neighbour(position - 1),
                            "next": neighbour(position + 1),
                            "proposals": .array(ideas),
                            "has_proposals": .bool(!ideas.isEmpty),
                            "observation_href": commentsOpen ? .string(view.route(.newObservation(project.number)).path) : .null,
                            "updated_on": TemplateValue(try LastUpdated.day(db, programID: program.id)),
                            "execution": try ProjectExecution.value(db, program: program, project: project, page: page),
                        ])
    }
}
