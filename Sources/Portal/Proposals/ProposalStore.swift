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
        /// "idea", "observation" or "project" (`ProposalList.kindSQL`).
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
            """ + ProposalList.kindSQL + """
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
}
