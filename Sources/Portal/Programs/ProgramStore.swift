import Foundation
import HTTP
import SQLite

/// The program pages' reads (issue 17, a store per feature): the whole program as the
/// documents present it (`ProgramRecord`), its dated milestones, participation totals,
/// references, committee, the citizens' ideas folded into a project, and the day it was last
/// changed. The overview, matrix and project pages call these and build their views; they hold
/// no SQL. Everything runs in the read transaction the page opened (one snapshot).
enum ProgramStore {
    /// The program as the documents present it, with its commune, axes, projects and activities:
    /// nine queries, whatever the number of projects and activities. Each list is read in the
    /// order its index already gives (the program's projects by id, then each one's rows by
    /// position or number), so SQLite sorts nothing (`MatrixAndProjectTests`).
    static func record(_ db: Connection, slug: String, period: String) throws -> ProgramRecord {
        guard let row = try db.queryOne("""
            SELECT p.*, c.id AS commune_id, c.slug, c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr,
                   c.region_ar, c.region_fr, c.province_ar, c.province_fr, c.is_sandbox, c.region_inferred
            FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE c.slug = ? AND p.period = ?
            """, [slug, period]) else { throw PageError(.notFound, message: "error.404.program") }
        let programID = try row.int("id")
        let commune = ProgramRecord.Commune(id: try row.int("commune_id"), slug: try row.string("slug"),
                              name: try Localized(row, "commune_name"),
                              region: try Localized(optional: row, "region"),
                              province: try Localized(optional: row, "province"),
                              isSandbox: try row.bool("is_sandbox"), regionInferred: try row.bool("region_inferred"))
        let axes = try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ? ORDER BY number", [programID]).map {
            ProgramRecord.Axis(id: try $0.int("id"), number: try $0.int("number"), title: try Localized($0, "title"))
        }
        var projects = try db.query("SELECT * FROM projects WHERE program_id = ? ORDER BY number", [programID]).map {
            ProgramRecord.Project(id: try $0.int("id"), number: try $0.int("number"), axisID: try $0.optionalInt("axis_id"),
                    title: try Localized($0, "title"), slogan: try Localized(optional: $0, "slogan"),
                    duration: try Localized(optional: $0, "duration"), start: try $0.optionalString("date_start"),
                    end: try $0.optionalString("date_end"), budgetCentimes: try $0.optionalInt("budget_centimes"))
        }
        var index: [Int: Int] = [:]
        for (position, project) in projects.enumerated() { index[project.id] = position }

        for row in try db.query("""
            SELECT o.project_id, o.text_ar, o.text_fr FROM projects p JOIN project_objectives o ON o.project_id = p.id
            WHERE p.program_id = ? ORDER BY p.id, o.position
            """, [programID]) {
            if let at = index[try row.int("project_id")] { projects[at].objectives.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT r.project_id, r.text_ar, r.text_fr FROM projects p JOIN project_expected_results r ON r.project_id = p.id
            WHERE p.program_id = ? ORDER BY p.id, r.position
            """, [programID]) {
            if let at = index[try row.int("project_id")] { projects[at].expectedResults.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT i.project_id, i.kind, i.text_ar, i.text_fr FROM projects p JOIN project_indicators i ON i.project_id = p.id
            WHERE p.program_id = ? ORDER BY p.id, i.kind, i.position
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            if try row.string("kind") == "impact" { projects[at].impactIndicators.append(try Localized(row, "text")) }
            else { projects[at].followUpIndicators.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT pp.project_id, pp.listed, pp.contribution_ar, pp.contribution_fr, pa.name_ar, pa.name_fr, pa.short_name,
                   pa.description_ar, pa.description_fr
            FROM projects p JOIN project_partners pp ON pp.project_id = p.id JOIN partners pa ON pa.id = pp.partner_id
            WHERE p.program_id = ? ORDER BY p.id, pp.position
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            projects[at].partners.append(ProgramRecord.ProjectPartner(name: try Localized(row, "name"), shortName: try row.optionalString("short_name"),
                                                        contribution: try Localized(optional: row, "contribution"),
                                                        listed: try row.bool("listed"),
                                                        description: try Localized(optional: row, "description")))
        }
        var activityIndex: [Int: (Int, Int)] = [:]
        for row in try db.query("""
            SELECT a.* FROM projects p JOIN activities a ON a.project_id = p.id
            WHERE p.program_id = ? ORDER BY p.id, a.number
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            let activity = ProgramRecord.Activity(id: try row.int("id"), number: try row.int("number"), title: try Localized(row, "title"),
                                    partners: [], costCentimes: try row.optionalInt("cost_centimes"),
                                    costText: try Localized(optional: row, "cost_text"), funding: try Localized(optional: row, "funding"),
                                    start: try row.optionalString("date_start"), end: try row.optionalString("date_end"))
            activityIndex[activity.id] = (at, projects[at].activities.count)
            projects[at].activities.append(activity)
        }
        for row in try db.query("""
            SELECT ap.activity_id, pa.name_ar, pa.name_fr FROM projects p JOIN activities a ON a.project_id = p.id
            JOIN activity_partners ap ON ap.activity_id = a.id JOIN partners pa ON pa.id = ap.partner_id
            WHERE p.program_id = ? ORDER BY p.id, a.id, ap.position
            """, [programID]) {
            guard let (project, activity) = activityIndex[try row.int("activity_id")] else { continue }
            projects[project].activities[activity].partners.append(try Localized(row, "name"))
        }
        return ProgramRecord(id: programID, commune: commune, period: period, title: try Localized(row, "title"),
                             status: try row.string("status"), adoptionSession: try Localized(optional: row, "adoption_session"),
                             adoptedOn: try row.optionalString("adopted_on"), decisionRef: try row.optionalString("decision_ref"),
                             totalBudgetCentimes: try row.optionalInt("total_budget_centimes"),
                             notes: try Localized(optional: row, "notes"), axes: axes, projects: projects,
                             sourceOn: try row.optionalString("source_on"), periodInferred: try row.bool("period_inferred"))
    }

    /// A co-preparation step of the program's timeline (ورش، لقاءات، المنصة...), in its stored order.
    struct Milestone {
        let title: Localized
        let place: Localized?
        /// ISO day or month it starts, nil when undated.
        let start: String?
        /// Its date text for the `date` helper (see `when`).
        let when: String?
        let kind: String
        let done: Bool
    }

    /// The ISO date text the `date` helper formats from a dated row's `date_start` and
    /// `date_end`: a day, a month, or "start/end"; nil when undated.
    static func when(_ row: Row) throws -> String? {
        guard let start = try row.optionalString("date_start") else { return nil }
        if let end = try row.optionalString("date_end") { return start + "/" + end }
        return start
    }

    static func milestones(_ db: Connection, programID: Int) throws -> [Milestone] {
        try db.query("SELECT * FROM milestones WHERE program_id = ? ORDER BY position", [programID]).map { row in
            Milestone(title: try Localized(row, "title"), place: try Localized(optional: row, "place"),
                      start: try row.optionalString("date_start"), when: try when(row),
                      kind: try row.string("kind"), done: try row.bool("done"))
        }
    }

    /// The participation figures of a program's events, summed: nil when no event is recorded.
    /// Ideas and comments on the draft are counted apart, as the documents count them (Settat:
    /// 31 ideas, 16 comments), never summed into a total no document states.
    struct ParticipationTotals {
        let participants: Int?
        let women: Int?
        let associations: Int?
        let equalityBodyMembers: Int?
        let proposals: Int?
        let comments: Int?
    }

    static func participationTotals(_ db: Connection, programID: Int) throws -> ParticipationTotals? {
        guard let row = try db.queryOne("""
            SELECT count(*) AS events, sum(participants) AS participants, sum(women) AS women,
                   sum(associations) AS associations, sum(equality_body_members) AS equality_body_members,
                   (SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
                    WHERE e.program_id = ?1 AND e.kind NOT IN ('consultation-workshop', 'digital-consultation')) AS proposals,
                   (SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
                    WHERE e.program_id = ?1 AND e.kind IN ('consultation-workshop', 'digital-consultation')) AS comments
            FROM events WHERE program_id = ?1
            """, [programID]), try row.int("events") > 0 else { return nil }
        return ParticipationTotals(participants: try row.optionalInt("participants"), women: try row.optionalInt("women"),
                                   associations: try row.optionalInt("associations"),
                                   equalityBodyMembers: try row.optionalInt("equality_body_members"),
                                   proposals: try row.optionalInt("proposals"), comments: try row.optionalInt("comments"))
    }

    /// The letters and texts the program cites as its basis (Settat's preamble, "تمهيد").
    static func references(_ db: Connection, programID: Int) throws -> [Localized] {
        try db.query("SELECT text_ar, text_fr FROM program_references WHERE program_id = ? ORDER BY position", [programID]).map {
            try Localized($0, "text")
        }
    }

    /// The follow-up committee (لجنة التتبع): the decision that created it and its members.
    struct Committee {
        struct Member {
            let honorific: Localized?
            let name: Localized
            let function: Localized?
            let role: String
            let category: String
        }
        let name: Localized
        let decisionNumber: String?
        let decisionDate: String?
        let decidedBy: Localized?
        let mandate: Localized?
        let members: [Member]
    }

    /// The committee of `programID`, or nil when none is recorded. Two queries.
    static func committee(_ db: Connection, programID: Int) throws -> Committee? {
        guard let row = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [programID]) else { return nil }
        let members = try db.query("SELECT * FROM committee_members WHERE committee_id = ? ORDER BY position", [try row.int("id")]).map {
            Committee.Member(honorific: try Localized(optional: $0, "honorific"), name: try Localized($0, "name"),
                             function: try Localized(optional: $0, "function"), role: try $0.string("role"), category: try $0.string("category"))
        }
        return Committee(name: try Localized(row, "name"), decisionNumber: try row.optionalString("decision_number"),
                         decisionDate: try row.optionalString("decision_date"), decidedBy: try Localized(optional: row, "decided_by"),
                         mandate: try Localized(optional: row, "mandate"), members: members)
    }

    /// A citizen's idea the commune folded into a project: its public columns only.
    struct IntegratedIdea {
        let title: String
        /// The author's name when they chose to show it.
        let shownName: String?
        let trackingCode: String
    }

    /// The ideas folded into `projectID` and whether the draft is open to comments at `instant`
    /// (a `Call.utcText`): one query, so the project card stays within the program's nine plus one.
    static func integratedIdeas(_ db: Connection, programID: Int, projectID: Int, at instant: String) throws
        -> (commentsOpen: Bool, ideas: [IntegratedIdea]) {
        var commentsOpen = false
        var ideas: [IntegratedIdea] = []
        for row in try db.query("""
            SELECT EXISTS (SELECT 1 FROM calls c WHERE c.program_id = ? AND c.kind = 'draft-comments'
                           AND c.opens_at <= ? AND c.closes_at > ?) AS comments_open,
                   p.tracking_code, p.title, CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name
            FROM (SELECT 1) LEFT JOIN proposals p ON p.integrated_project_id = ? AND p.status = 'integrated'
                 AND p.hidden = 0 AND p.merged_into_id IS NULL
            ORDER BY p.created_at, p.id
            """, [programID, instant, instant, projectID]) {
            commentsOpen = try row.int("comments_open") == 1
            guard let code = try row.optionalString("tracking_code") else { continue }
            ideas.append(IntegratedIdea(title: try row.string("title"), shownName: try row.optionalString("shown_name"), trackingCode: code))
        }
        return (commentsOpen, ideas)
    }

    /// "Last updated on …": the Moroccan day of the newest audit entry about the program, so a
    /// reader can tell a kept program from a forgotten one; nil when nothing was ever changed
    /// through the admin area. One query (served by the `audit_log_program` index).
    static func lastUpdatedDay(_ db: Connection, programID: Int) throws -> String? {
        guard let at = try db.scalar("SELECT max(at) FROM audit_log WHERE program_id = ?", [programID], as: String.self),
              let date = Timestamp.date(at) else { return nil }
        return MoroccoTime.day(date)
    }
}
