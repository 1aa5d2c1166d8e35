import Foundation
import SQLite

/// All the SQL of the feeds and calendars (values bound, as everywhere), each read in a fixed
/// number of queries whatever the network holds. Only what the public pages show: proposals
/// neither hidden nor merged (`ProposalVisibility`), no column of personal data (author, gender,
/// age, association, neighbourhood, address) is ever selected, and no staff name either.
enum FeedStore {
    /// The program a feed follows, with its commune (the feed's author).
    struct Program {
        var id: Int
        var slug: String
        var period: String
        var title: Localized
        var communeName: Localized
    }

    /// The program of commune `slug` for `period`, or 404.
    static func program(_ db: Connection, slug: String, period: String) throws -> Program {
        guard let row = try db.queryOne("""
            SELECT g.id, g.period, g.title_ar, g.title_fr, c.slug, c.name_ar, c.name_fr
            FROM programs g JOIN communes c ON c.id = g.commune_id WHERE c.slug = ? AND g.period = ?
            """, [slug, period]) else { throw PageError.notFound }
        return try program(row, id: "id")
    }

    private static func program(_ row: Row, id: String) throws -> Program {
        Program(id: try row.int(id), slug: try row.string("slug"), period: try row.string("period"),
                title: try Localized(row, "title"), communeName: try Localized(row, "name"))
    }

    /// The network's name and the Moroccan midnight it was founded: what a feed or calendar
    /// says was its last change when nothing in it was ever dated by the store.
    static func network(_ db: Connection) throws -> (name: Localized, founded: Date) {
        guard let row = try db.queryOne("SELECT name_ar, name_fr, founded_on FROM network WHERE id = 1"),
              let founded = MoroccoTime.start(ofDay: try row.string("founded_on")) else { throw PageError.notFound }
        return (try Localized(row, "name"), founded)
    }

    // MARK: - A program's feed

    /// The committee's answer to a public proposal, as the program's feed tells it: title and
    /// status, when.
    struct Answer {
        var id: Int
        var code: String
        var title: String
        var status: String
        var answeredAt: Date
    }

    /// The public proposals of a program that were answered (a status other than "in
    /// processing", or a public answer), newest answer first, at most `limit`.
    static func answers(_ db: Connection, programID: Int, limit: Int) throws -> [Answer] {
        try db.query("""
            SELECT p.id, p.tracking_code, p.title, p.status, p.answered_at FROM proposals p
            WHERE p.program_id = ? AND p.hidden = 0 AND p.merged_into_id IS NULL AND p.answered_at IS NOT NULL
              AND (p.status <> 'processing' OR p.public_answer IS NOT NULL)
            ORDER BY p.answered_at DESC, p.id DESC LIMIT ?
            """, [programID, limit]).compactMap { row in
            guard let at = Timestamp.date(try row.string("answered_at")) else { return nil }
            return Answer(id: try row.int("id"), code: try row.string("tracking_code"), title: try row.string("title"),
                          status: try row.string("status"), answeredAt: at)
        }
    }

    // MARK: - A proposal's feed

    /// One proposal as its tracking page shows it (never its author's data).
    struct Proposal {
        var id: Int
        var code: String
        var title: String
        var status: String
        var answer: String?
        /// Public only when the status is "not accepted", as on the tracking page.
        var reason: String?
        var integratedProjectID: Int?
        var createdAt: Date
        var answeredAt: Date?
        /// The proposal it was merged into, when that one is not hidden (as the tracking page).
        var kept: (code: String, title: String)?
        var program: Program
    }

    /// The proposal with tracking code `code` (canonical), or 404.
    static func proposal(_ db: Connection, code: String) throws -> Proposal {
        guard let row = try db.queryOne("""
            SELECT p.id, p.tracking_code, p.title, p.status, p.public_answer, p.integrated_project_id, p.created_at, p.answered_at,
                   CASE WHEN p.status = 'rejected' THEN p.rejection_reason END AS rejection_reason,
                   k.tracking_code AS kept_code, k.title AS kept_title,
                   g.id AS program_id, g.period, g.title_ar, g.title_fr, c.slug, c.name_ar, c.name_fr
            FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
            LEFT JOIN proposals k ON k.id = p.merged_into_id AND k.hidden = 0
            WHERE p.tracking_code = ?
            """, [code]), let created = Timestamp.date(try row.string("created_at")) else { throw PageError.notFound }
        return Proposal(id: try row.int("id"), code: try row.string("tracking_code"), title: try row.string("title"),
                        status: try row.string("status"), answer: try row.optionalString("public_answer"),
                        reason: try row.optionalString("rejection_reason"), integratedProjectID: try row.optionalInt("integrated_project_id"),
                        createdAt: created, answeredAt: try row.optionalString("answered_at").flatMap(Timestamp.date),
                        kept: try row.optionalString("kept_code").map { ($0, try row.string("kept_title")) },
                        program: try program(row, id: "program_id"))
    }

    /// A recorded change of a proposal (table `audit_log`, written by the triage in the same
    /// transaction as the change): which field, its new value, when. Who made it is not read.
    struct Change {
        var id: Int
        /// The stored text of `at`, which groups the fields of one decision.
        var atText: String
        var at: Date
        var action: String
        var field: String
        var after: String?
    }

    /// What the committee decided on proposal `proposalID`, oldest first: its status at
    /// creation, each status, answer, reason and project it was given, and its merge.
    static func changes(_ db: Connection, programID: Int, proposalID: Int) throws -> [Change] {
        // Through the program's index: the log has none on the entity.
        try db.query("""
            SELECT id, at, action, field, after FROM audit_log
            WHERE program_id = ? AND entity = 'proposal' AND entity_id = ?
              AND field IN ('status', 'public_answer', 'rejection_reason', 'integrated_project_id', 'merged_into_id')
            ORDER BY at, id
            """, [programID, proposalID]).compactMap { row in
            let text = try row.string("at")
            guard let at = Timestamp.date(text) else { return nil }
            return Change(id: try row.int("id"), atText: text, at: at, action: try row.string("action"),
                          field: try row.string("field"), after: try row.optionalString("after"))
        }
    }

    /// The program's projects by id, to name the one a proposal was integrated into.
    static func projects(_ db: Connection, programID: Int) throws -> [Int: (number: Int, title: Localized)] {
        var projects: [Int: (number: Int, title: Localized)] = [:]
        for row in try db.query("SELECT id, number, title_ar, title_fr FROM projects WHERE program_id = ?", [programID]) {
            projects[try row.int("id")] = (try row.int("number"), try Localized(row, "title"))
        }
        return projects
    }

    // MARK: - Calendars

    /// A program as a calendar entry names it.
    struct ProgramPlace {
        var slug: String
        var period: String
        var title: Localized
        var communeName: Localized
    }

    /// A dated milestone or event as stored (ISO day or month texts).
    struct Dated {
        var id: Int
        var programID: Int
        var kind: String
        var title: Localized
        var place: Localized?
        var description: Localized?
        var start: String
        var end: String?
        var precision: String
        /// "HH:MM", events only.
        var time: String?
    }

    /// Everything a calendar shows, for one commune (`communeID`) or the whole network (nil:
    /// every commune but the sandboxes, whose calls and steps are examples).
    struct CalendarData {
        var programs: [Int: ProgramPlace] = [:]
        var calls: [(programID: Int, call: Call)] = []
        var milestones: [Dated] = []
        var events: [Dated] = []
        /// When each entry ("call-501", "milestone-104", "event-11") was last changed in the admin area.
        var stamps: [String: Date] = [:]
    }

    /// The commune `slug`'s id and name, or 404.
    static func commune(_ db: Connection, slug: String) throws -> (id: Int, name: Localized) {
        guard let row = try db.queryOne("SELECT id, name_ar, name_fr FROM communes WHERE slug = ?", [slug]) else { throw PageError.notFound }
        return (try row.int("id"), try Localized(row, "name"))
    }

    /// Calls, dated milestones and dated events of the commune's programs (or the network's).
    /// A milestone that a dated event records (the workshop held on that step) is left to the
    /// event, which says more (time, place), so the day is not in the calendar twice. Five queries.
    static func calendar(_ db: Connection, communeID: Int?) throws -> CalendarData {
        // Each query's scope, `(c.id = ? OR (? IS NULL AND c.is_sandbox = 0))`: one commune, or the network without its sandboxes.
        let bound: [any SQLBindable] = [communeID, communeID]
        var data = CalendarData()
        for row in try db.query("""
            SELECT g.id, g.period, g.title_ar, g.title_fr, c.slug, c.name_ar, c.name_fr
            FROM programs g JOIN communes c ON c.id = g.commune_id WHERE (c.id = ? OR (? IS NULL AND c.is_sandbox = 0))
            """, bound) {
            data.programs[try row.int("id")] = ProgramPlace(slug: try row.string("slug"), period: try row.string("period"),
                                                            title: try Localized(row, "title"), communeName: try Localized(row, "name"))
        }
        data.calls = try db.query("""
            SELECT k.* FROM calls k JOIN programs g ON g.id = k.program_id JOIN communes c ON c.id = g.commune_id
            WHERE (c.id = ? OR (? IS NULL AND c.is_sandbox = 0)) ORDER BY k.opens_at, k.id
            """, bound).map { row in
            (try row.int("program_id"),
             Call(id: try row.int("id"), kind: try row.string("kind"), channel: try row.string("channel"),
                  title: try Localized(row, "title"), announcement: try Localized(optional: row, "announcement"),
                  opensAt: try Call.parse(row.string("opens_at")), closesAt: try Call.parse(row.string("closes_at")), axisIDs: []))
        }
        data.milestones = try db.query("""
            SELECT m.id, m.program_id, m.kind, m.title_ar, m.title_fr, m.place_ar, m.place_fr,
                   NULL AS description_ar, NULL AS description_fr, m.date_start, m.date_end, m.date_precision, NULL AS time_start
            FROM milestones m JOIN programs g ON g.id = m.program_id JOIN communes c ON c.id = g.commune_id
            WHERE (c.id = ? OR (? IS NULL AND c.is_sandbox = 0)) AND m.date_start IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.milestone_id = m.id AND e.date_start IS NOT NULL)
            ORDER BY m.date_start, m.program_id, m.position
            """, bound).map(dated)
        data.events = try db.query("""
            SELECT e.id, e.program_id, e.kind, e.title_ar, e.title_fr, e.place_ar, e.place_fr, e.description_ar, e.description_fr,
                   e.date_start, e.date_end, e.date_precision, e.time_start
            FROM events e JOIN programs g ON g.id = e.program_id JOIN communes c ON c.id = g.commune_id
            WHERE (c.id = ? OR (? IS NULL AND c.is_sandbox = 0)) AND e.date_start IS NOT NULL
            ORDER BY e.date_start, e.program_id, e.id
            """, bound).map(dated)
        for row in try db.query("""
            SELECT entity, entity_id, max(at) AS at FROM audit_log
            WHERE entity IN ('call', 'milestone', 'event') AND entity_id IS NOT NULL AND (commune_id = ? OR ? IS NULL)
            GROUP BY entity, entity_id
            """, bound) {
            if let at = Timestamp.date(try row.string("at")) {
                data.stamps["\(try row.string("entity"))-\(try row.int("entity_id"))"] = at
            }
        }
        return data
    }

    private static func dated(_ row: Row) throws -> Dated {
        Dated(id: try row.int("id"), programID: try row.int("program_id"), kind: try row.string("kind"),
              title: try Localized(row, "title"), place: try Localized(optional: row, "place"),
              description: try Localized(optional: row, "description"), start: try row.string("date_start"),
              end: try row.optionalString("date_end"), precision: try row.optionalString("date_precision") ?? "day",
              time: try row.optionalString("time_start"))
    }
}
