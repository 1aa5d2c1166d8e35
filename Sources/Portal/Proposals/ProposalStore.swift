import Foundation
import SQLite

/// The citizens' proposals as a submission writes them and the tracking page reads them. The
/// submission's handler and the tracking page's view hold no SQL (issue 17): they get and give
/// the values below.
enum ProposalStore {
    // MARK: What a submission needs

    /// The program of `period` in the commune `slug`.
    static func programID(_ db: Connection, slug: String, period: String) throws -> Int? {
        try db.scalar("""
            SELECT g.id FROM programs g JOIN communes c ON c.id = g.commune_id WHERE c.slug = ? AND g.period = ?
            """, [slug, period], as: Int.self)
    }

    static func axisIDs(_ db: Connection, programID: Int) throws -> [Int] {
        try db.query("SELECT id FROM axes WHERE program_id = ?", [programID]).map { try $0.int("id") }
    }

    /// The draft project numbered `number` in the program, and its axis.
    static func project(_ db: Connection, programID: Int, number: Int) throws -> (id: Int, axisID: Int?)? {
        try db.queryOne("SELECT id, axis_id FROM projects WHERE program_id = ? AND number = ?", [programID, number]).map {
            (try $0.int("id"), try $0.optionalInt("axis_id"))
        }
    }

    /// The tracking code already given for a form's one-time nonce (a submission sent twice).
    static func code(_ db: Connection, forSubmission key: String) throws -> String? {
        try db.scalar("SELECT tracking_code FROM proposals WHERE submission_key = ?", [key], as: String.self)
    }

    // MARK: Storing a submission

    /// A proposal as a citizen sent it, ready to store.
    struct Submission {
        let programID: Int, callID: Int, axisID: Int?, projectID: Int?
        /// `proposals.kind`: "idea" or "observation".
        let kind: String
        let title: String, description: String
        let authorName: String?, showName: Bool
        let gender: String?, ageBand: String?, association: String?, neighbourhood: String?
        let trackingCode: String, submissionKey: String, remoteAddress: String, createdAt: String
        let email: String?, language: String
        /// What the card adds to an idea.
        let card: Card
    }

    /// The rows a card adds beside the proposal's own.
    enum Card {
        case none
        /// The observation card's texts, in `ProposalForm.observationFields` order.
        case observation([String])
        /// The new project card's texts, in `ProposalForm.projectFields` order, and its cost.
        case project([String], costCentimes: Int?)
    }

    /// Stores a submission (its card's row with it); the new proposal's id.
    static func insert(_ db: Connection, _ s: Submission) throws -> Int {
        try db.run("""
            INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, author_name, show_name,
                                   gender, age_band, association, neighbourhood, channel, tracking_code,
                                   submission_key, remote_address, created_at, email, language)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'platform', ?, ?, ?, ?, ?, ?)
            """, [s.programID, s.callID, s.axisID, s.projectID, s.kind, s.title, s.description, s.authorName, s.showName,
                  s.gender, s.ageBand, s.association, s.neighbourhood, s.trackingCode, s.submissionKey, s.remoteAddress,
                  s.createdAt, s.email, s.language])
        let id = Int(db.lastInsertRowID)
        switch s.card {
        case .none: break
        case .observation(let texts):
            try db.run("""
                INSERT INTO proposal_observations (proposal_id, problem, solutions, funding, follow_up, impact, remarks)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [id] + texts)
        case .project(let texts, let cost):
            let values: [any SQLBindable] = [id] + texts
            try db.run("""
                INSERT INTO proposal_projects (proposal_id, objective, expected_results, partners, estimated_cost)
                VALUES (?, ?, ?, ?, ?)
                """, values + [cost])
        }
        return id
    }

    // MARK: The tracking page

    /// A proposal as its tracking page shows it: what the citizen wrote, where it stands, and
    /// what it fed. No personal data beyond the name its author chose to show.
    struct Tracked {
        var code: String
        var title: String, description: String
        var status: String, publicAnswer: String?, answeredAt: String?, createdAt: String
        /// Only when the proposal was rejected.
        var rejectionReason: String?
        var shownName: String?
        /// "idea", "observation" or "project" (`kindSQL`).
        var kind: String
        var slug: String, period: String
        var programTitle: Localized, programStatus: String
        var axis: (number: Int, title: Localized)?
        /// The project it was folded into (once integrated).
        var integratedProject: (id: Int, number: Int, title: Localized)?
        /// The draft project an observation is about.
        var about: (number: Int, title: Localized)?
        /// The card's own texts by column (observation and new project cards), and the project card's cost.
        var cardTexts: [String: String]
        var estimatedCost: Int?
        /// The proposal a duplicate was merged into, when it is public.
        var mergedInto: (code: String, title: String)?
        /// Public duplicates merged into this one.
        var mergedCount: Int
    }

    static func tracked(_ db: Connection, code: String) throws -> Tracked? {
        guard let row = try db.queryOne("""
            SELECT p.title, p.description, p.status, p.public_answer, p.answered_at, p.created_at, p.tracking_code,
                   CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name,
                   g.period, c.slug, g.title_ar AS program_title_ar, g.title_fr AS program_title_fr, g.status AS program_status,
                   j.id AS project_id, a.number AS axis_number, a.title_ar AS axis_title_ar, a.title_fr AS axis_title_fr,
                   j.number AS project_number, j.title_ar AS project_title_ar, j.title_fr AS project_title_fr,
                   o.number AS about_number, o.title_ar AS about_title_ar, o.title_fr AS about_title_fr,
                   b.problem, b.solutions, b.funding, b.follow_up, b.impact, b.remarks,
                   n.objective, n.expected_results, n.partners, n.estimated_cost,
                   CASE WHEN p.status = 'rejected' THEN p.rejection_reason END AS rejection_reason,
                   k.tracking_code AS kept_code, k.title AS kept_title,
                   (SELECT count(*) FROM proposals m WHERE m.merged_into_id = p.id AND m.hidden = 0) AS merged_count,
            """ + kindSQL + """
             AS kind
            FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
            LEFT JOIN projects o ON o.id = p.project_id
            LEFT JOIN proposal_observations b ON b.proposal_id = p.id
            LEFT JOIN proposal_projects n ON n.proposal_id = p.id
            LEFT JOIN axes a ON a.id = p.axis_id
            LEFT JOIN projects j ON j.id = p.integrated_project_id AND p.status = 'integrated'
            LEFT JOIN proposals k ON k.id = p.merged_into_id AND k.hidden = 0
            WHERE p.tracking_code = ?
            """, [code]) else { return nil }
        var texts: [String: String] = [:]
        for name in ProposalForm.observationFields + ProposalForm.projectFields {
            if let text = try row.optionalString(name) { texts[name] = text }
        }
        return Tracked(
            code: try row.string("tracking_code"), title: try row.string("title"), description: try row.string("description"),
            status: try row.string("status"), publicAnswer: try row.optionalString("public_answer"),
            answeredAt: try row.optionalString("answered_at"), createdAt: try row.string("created_at"),
            rejectionReason: try row.optionalString("rejection_reason"), shownName: try row.optionalString("shown_name"),
            kind: try row.string("kind"), slug: try row.string("slug"), period: try row.string("period"),
            programTitle: try Localized(row, "program_title"), programStatus: try row.string("program_status"),
            axis: try row.optionalInt("axis_number").map { (number: $0, title: try Localized(row, "axis_title")) },
            integratedProject: try row.optionalInt("project_number").map { number in
                (id: try row.int("project_id"), number: number, title: try Localized(row, "project_title"))
            },
            about: try row.optionalInt("about_number").map { (number: $0, title: try Localized(row, "about_title")) },
            cardTexts: texts, estimatedCost: try row.optionalInt("estimated_cost"),
            mergedInto: try row.optionalString("kept_code").map { (code: $0, title: try row.string("kept_title")) },
            mergedCount: try row.int("merged_count"))
    }

    // MARK: The forms' secret

    /// The secret `FormGuard` signs the proposal forms' tokens with: the stored one, or `fresh`
    /// stored now when there is none yet (the first writer wins, so every worker agrees).
    static func formSecret(_ db: Connection, fresh: String) throws -> String {
        try db.run("INSERT OR IGNORE INTO settings (key, value) VALUES ('form_secret', ?)", [fresh])
        return try db.scalar("SELECT value FROM settings WHERE key = 'form_secret'", as: String.self) ?? fresh
    }

    // MARK: The public list and its exports

    /// The public list's filter: ?1 program, ?2 axis number, ?3 channel, ?4 status (`ProposalFilter.bindings`).
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

    /// A proposal as the public list and the exports show it: public columns only.
    struct PublicProposal {
        var trackingCode: String
        var createdAt: String
        var title: String
        var description: String
        var channel: String
        var status: String
        var publicAnswer: String?
        /// "idea", "observation" or "project" (`kindSQL`).
        var kind: String
        /// The author's name, only when they asked for it to be shown.
        var shownName: String?
        var axisNumber: Int?
        var axisTitle: Localized?

        init(_ row: Row) throws {
            trackingCode = try row.string("tracking_code")
            createdAt = try row.string("created_at")
            title = try row.string("title")
            description = try row.string("description")
            channel = try row.string("channel")
            status = try row.string("status")
            publicAnswer = try row.optionalString("public_answer")
            kind = try row.string("kind")
            shownName = try row.optionalString("shown_name")
            axisNumber = try row.optionalInt("axis_number")
            axisTitle = try row.optionalString("axis_title_ar") == nil ? nil : try Localized(row, "axis_title")
        }
    }

    private static let listFrom = " FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id WHERE " + filterSQL

    /// How many proposals of the program the public list shows under `filter`, all pages together.
    static func listedCount(_ db: Connection, programID: Int, filter: ProposalFilter) throws -> Int {
        try db.scalar("SELECT count(*)" + listFrom, filter.bindings(programID: programID), as: Int.self) ?? 0
    }

    /// The page of the public list `filter` asks for, newest first.
    static func listed(_ db: Connection, programID: Int, filter: ProposalFilter) throws -> [PublicProposal] {
        try db.query("SELECT " + publicColumns + listFrom + " ORDER BY p.created_at DESC, p.id DESC LIMIT ?5 OFFSET ?6",
                     filter.bindings(programID: programID)
                         + [ProposalFilter.pageSize, (filter.page - 1) * ProposalFilter.pageSize]).map(PublicProposal.init)
    }

    /// The public list's counts by the values of `column` ("" for none), with every filter but
    /// `facet`'s applied: what choosing each option would give.
    static func facetCounts(_ db: Connection, programID: Int, filter: ProposalFilter, facet: String, column: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try db.query("SELECT CAST(" + column + " AS TEXT) AS value, count(*) AS n" + listFrom + " GROUP BY 1",
                                filter.bindings(programID: programID, except: facet)) {
            result[try row.optionalString("value") ?? ""] = try row.int("n")
        }
        return result
    }

    /// The ideas the commune reported per meeting (figures), apart from the proposals sent one by one.
    static func countedAtMeetings(_ db: Connection, programID: Int) throws -> Int? {
        try db.scalar("""
            SELECT sum(c.count) FROM event_proposal_counts c JOIN events e ON e.id = c.event_id
            WHERE e.program_id = ? AND e.kind NOT IN ('consultation-workshop', 'digital-consultation')
            """, [programID], as: Int.self)
    }

    /// Every public proposal of the program, oldest first: what the exports give.
    static func publicProposals(_ db: Connection, programID: Int) throws -> [PublicProposal] {
        try db.query("SELECT " + publicColumns
                     + " FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id WHERE p.program_id = ? AND " + ProposalVisibility.publicSQL
                     + " ORDER BY p.created_at, p.id",
                     [programID]).map(PublicProposal.init)
    }
}
