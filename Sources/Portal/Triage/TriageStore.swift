import Foundation
import SQLite
import Templates

/// The committee's reads and writes of proposals (issue 17, step 4): the queue and its counts,
/// the decisions, merges and hiding of one proposal, and the proposals typed in from a
/// workshop's paper cards. Every write runs inside the transaction its page opened, beside its
/// audit entries and queued mail; the pages hold no SQL.
enum TriageStore {
    // MARK: The queue

    /// A line of the queue (no personal data).
    struct QueueLine {
        var id: Int, title: String, createdAt: String, channel: String, status: String
        var mergedIntoID: Int?, hidden: Bool, kind: String, axisNumber: Int?
    }

    private static let queueFrom = " FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id WHERE " + TriageFilter.whereSQL

    /// How many proposals the filter finds.
    static func queueCount(_ db: Connection, programID: Int, _ filter: TriageFilter) throws -> Int {
        try db.scalar("SELECT count(*)" + queueFrom, filter.bindings(programID: programID), as: Int.self) ?? 0
    }

    /// The filter's page of proposals, newest first unless it asks for the oldest.
    static func queueLines(_ db: Connection, programID: Int, _ filter: TriageFilter) throws -> [QueueLine] {
        let order = filter.oldestFirst ? " ORDER BY p.created_at, p.id" : " ORDER BY p.created_at DESC, p.id DESC"
        return try db.query("""
            SELECT p.id, p.title, p.created_at, p.channel, p.status, p.merged_into_id, p.hidden, p.kind, a.number AS axis_number
            """ + queueFrom + order + " LIMIT ?7 OFFSET ?8",
            filter.bindings(programID: programID) + [TriageFilter.pageSize, (filter.page - 1) * TriageFilter.pageSize]).map { row in
            QueueLine(id: try row.int("id"), title: try row.string("title"), createdAt: try row.string("created_at"),
                      channel: try row.string("channel"), status: try row.string("status"), mergedIntoID: try row.optionalInt("merged_into_id"),
                      hidden: try row.int("hidden") == 1, kind: try row.string("kind"), axisNumber: try row.optionalInt("axis_number"))
        }
    }

    /// How many proposals are in each state under the filter's other conditions: "all_visible",
    /// the statuses, "merged" and "hidden".
    static func queueStateCounts(_ db: Connection, programID: Int, _ filter: TriageFilter) throws -> [String: Int] {
        guard let row = try db.queryOne("""
            SELECT count(*) FILTER (WHERE p.hidden = 0) AS all_visible,
                   count(*) FILTER (WHERE p.hidden = 0 AND p.status = 'processing') AS processing,
                   count(*) FILTER (WHERE p.hidden = 0 AND p.status = 'accepted') AS accepted,
                   count(*) FILTER (WHERE p.hidden = 0 AND p.status = 'integrated') AS integrated,
                   count(*) FILTER (WHERE p.hidden = 0 AND p.status = 'rejected') AS rejected,
                   count(*) FILTER (WHERE p.hidden = 0 AND p.merged_into_id IS NOT NULL) AS merged,
                   count(*) FILTER (WHERE p.hidden = 1) AS hidden
            """ + queueFrom, filter.bindings(programID: programID, withState: false)) else { return [:] }
        var counts: [String: Int] = [:]
        for name in ["all_visible", "processing", "accepted", "integrated", "rejected", "merged", "hidden"] { counts[name] = try row.int(name) }
        return counts
    }

    // MARK: One proposal

    /// The proposal `id` of program `programID`, or nil (another program's id names nothing here).
    static func proposal(_ db: Connection, id: Int, programID: Int, language: Language = .ar) throws -> TriageProposal? {
        guard let row = try db.queryOne("""
            SELECT p.*, c.title_ar AS call_title_ar, c.title_fr AS call_title_fr,
                   e.title_ar AS event_title_ar, e.title_fr AS event_title_fr,
                   b.problem, b.solutions, b.funding, b.follow_up, b.impact, b.remarks,
                   n.objective, n.expected_results, n.partners, n.estimated_cost,
            """ + ProposalStore.kindSQL + """
             AS shown_kind
            FROM proposals p LEFT JOIN calls c ON c.id = p.call_id LEFT JOIN events e ON e.id = p.event_id
            LEFT JOIN proposal_observations b ON b.proposal_id = p.id
            LEFT JOIN proposal_projects n ON n.proposal_id = p.id
            WHERE p.id = ? AND p.program_id = ?
            """, [id, programID]) else { return nil }
        var proposal = TriageProposal(
            id: try row.int("id"), kind: try row.string("shown_kind"), title: try row.string("title"),
            description: try row.string("description"), trackingCode: try row.string("tracking_code"),
            channel: try row.string("channel"), status: try row.string("status"),
            publicAnswer: try row.optionalString("public_answer"), rejectionReason: try row.optionalString("rejection_reason"),
            integratedProjectID: try row.optionalInt("integrated_project_id"), axisID: try row.optionalInt("axis_id"),
            projectID: try row.optionalInt("project_id"), authorName: try row.optionalString("author_name"),
            showName: try row.int("show_name") == 1, gender: try row.optionalString("gender"),
            ageBand: try row.optionalString("age_band"), association: try row.optionalString("association"),
            neighbourhood: try row.optionalString("neighbourhood"), createdAt: try row.string("created_at"),
            answeredAt: try row.optionalString("answered_at"), mergedIntoID: try row.optionalInt("merged_into_id"),
            hidden: try row.int("hidden") == 1, hiddenReason: try row.optionalString("hidden_reason"),
            callTitle: try row.optionalString("call_title_ar").map { _ in try Localized(row, "call_title") },
            eventTitle: try row.optionalString("event_title_ar").map { _ in try Localized(row, "event_title") })
        // The card's own fields, labelled as the citizen saw them (`observation.field.*`, `newproject.field.*`).
        for field in ProposalForm.observationFields {
            if let text = try row.optionalString(field), !text.isEmpty { proposal.card.append(("observation.field." + field, text)) }
        }
        for field in ProposalForm.projectFields {
            if let text = try row.optionalString(field), !text.isEmpty { proposal.card.append(("newproject.field." + field, text)) }
        }
        if let centimes = try row.optionalInt("estimated_cost") {
            proposal.card.append(("newproject.field.cost", Format.money(centimes: Int64(centimes), language)))
        }
        return proposal
    }

    /// Records the committee's decision and when it was made.
    static func decide(_ db: Connection, id: Int, status: String, answer: String?, projectID: Int?, reason: String?, at now: Date) throws {
        try db.run("""
            UPDATE proposals SET status = ?, public_answer = ?, integrated_project_id = ?, rejection_reason = ?, answered_at = ?
            WHERE id = ?
            """, [status, answer, projectID, reason, Timestamp.text(now), id])
    }

    /// Merges `id` into `targetID`, checked again where it is written (two merges sent at once
    /// must not make a chain): both still unmerged, the target visible. Whatever was merged
    /// into `id` now points at the target too. Nil when the check fails; else the proposals now
    /// following the target, `id` first.
    static func merge(_ db: Connection, id: Int, into targetID: Int) throws -> [Int]? {
        let stillFree = try db.scalar("""
            SELECT count(*) FROM proposals WHERE (id = ? AND merged_into_id IS NULL)
                OR (id = ? AND merged_into_id IS NULL AND hidden = 0)
            """, [id, targetID], as: Int.self)
        guard stillFree == 2 else { return nil }
        let followers = try db.query("SELECT id FROM proposals WHERE merged_into_id = ?", [id]).map { try $0.int("id") }
        try db.run("UPDATE proposals SET merged_into_id = ? WHERE id = ? OR merged_into_id = ?", [targetID, id, id])
        return [id] + followers
    }

    static func hide(_ db: Connection, id: Int, reason: String) throws {
        try db.run("UPDATE proposals SET hidden = 1, hidden_reason = ? WHERE id = ?", [reason, id])
    }

    static func unhide(_ db: Connection, id: Int) throws {
        try db.run("UPDATE proposals SET hidden = 0, hidden_reason = NULL WHERE id = ?", [id])
    }

    /// The proposal `id` as a merge names it (hidden ones only with `includingHidden`).
    static func mergeTarget(_ db: Connection, id: Int, includingHidden: Bool) throws -> (title: String, trackingCode: String)? {
        try db.queryOne("SELECT id, title, tracking_code FROM proposals WHERE id = ? AND (hidden = 0 OR ?)", [id, includingHidden]).map {
            (try $0.string("title"), try $0.string("tracking_code"))
        }
    }

    /// The proposals merged into `id`, oldest first (hidden ones only with `includingHidden`).
    static func mergedInto(_ db: Connection, id: Int, includingHidden: Bool) throws -> [(id: Int, title: String)] {
        try db.query("SELECT id, title FROM proposals WHERE merged_into_id = ? AND (hidden = 0 OR ?) ORDER BY id", [id, includingHidden]).map {
            (try $0.int("id"), try $0.string("title"))
        }
    }

    /// What `id` may be merged into: the program's other visible, unmerged proposals, those on
    /// its axis first, newest first, 500 at most.
    static func mergeCandidates(_ db: Connection, programID: Int, excluding id: Int, axisID: Int?) throws -> [(id: Int, title: String, axisNumber: Int?)] {
        try db.query("""
            SELECT p.id, p.title, a.number AS axis_number FROM proposals p LEFT JOIN axes a ON a.id = p.axis_id
            WHERE p.program_id = ? AND p.id <> ? AND p.hidden = 0 AND p.merged_into_id IS NULL
            ORDER BY p.axis_id IS NOT ?, p.id DESC LIMIT 500
            """, [programID, id, axisID]).map { (try $0.int("id"), try $0.string("title"), try $0.optionalInt("axis_number")) }
    }

    // MARK: A workshop's paper cards

    /// One card typed in, as stored.
    struct PaperProposal {
        let axisID: Int?
        let title: String
        let text: String
        let status: String
        let integratedProjectID: Int?
        let rejectionReason: String?
        let answeredAt: String?
    }

    /// Stores a workshop's card as a proposal of the event; its id.
    static func insertPaper(_ db: Connection, programID: Int, callID: Int, eventID: Int, _ card: PaperProposal, createdAt: String) throws -> Int {
        try db.run("""
            INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, status,
                                   integrated_project_id, rejection_reason, answered_at, tracking_code, created_at, event_id)
            VALUES (?, ?, ?, 'idea', ?, ?, 'workshop', ?, ?, ?, ?, ?, ?, ?)
            """, [programID, callID, card.axisID, card.title, card.text, card.status, card.integratedProjectID,
                  card.rejectionReason, card.answeredAt, TrackingCode.make(), createdAt, eventID])
        return Int(db.lastInsertRowID)
    }

    /// The program's ideas call a workshop's cards join (one held at workshops first).
    static func ideasCall(_ db: Connection, programID: Int) throws -> Int? {
        try db.scalar("""
            SELECT id FROM calls WHERE program_id = ? AND kind = 'ideas'
            ORDER BY channel = 'platform', opens_at DESC, id DESC LIMIT 1
            """, [programID], as: Int.self)
    }

    /// An event's title and dates.
    static func event(_ db: Connection, id: Int) throws -> (title: Localized, start: String?, end: String?)? {
        try db.queryOne("SELECT title_ar, title_fr, date_start, date_end FROM events WHERE id = ?", [id]).map {
            (try Localized($0, "title"), try $0.optionalString("date_start"), try $0.optionalString("date_end"))
        }
    }

    /// Adds a closed ideas call held at a workshop; its id.
    static func insertWorkshopCall(_ db: Connection, programID: Int, title: Localized, opens: Date, closes: Date) throws -> Int {
        try db.run("""
            INSERT INTO calls (program_id, kind, channel, title_ar, title_fr, opens_at, closes_at)
            VALUES (?, 'ideas', 'workshop', ?, ?, ?, ?)
            """, [programID, title.arabic, title.french, Call.utcText(opens), Call.utcText(closes)])
        return Int(db.lastInsertRowID)
    }

    /// The program's events, by date.
    static func events(_ db: Connection, programID: Int) throws -> [(id: Int, title: Localized, date: String?)] {
        try db.query("SELECT id, title_ar, title_fr, date_start FROM events WHERE program_id = ? ORDER BY date_start, id", [programID]).map {
            (try $0.int("id"), try Localized($0, "title"), try $0.optionalString("date_start"))
        }
    }
}
