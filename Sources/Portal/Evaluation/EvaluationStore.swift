import Foundation
import HTTP
import SQLite

/// Every read and write of annual evaluations (Migrations/0017): drafts saved and published, the
/// published figures read back (checked against the checksum recorded when they were frozen).
/// All the feature's SQL is here; writes record their audit entries in the caller's transaction.
enum EvaluationStore {
    /// The written parts, each in Arabic and French (nil when not written).
    struct Texts: Equatable {
        var workedAr: String?, workedFr: String?
        var notWorkedAr: String?, notWorkedFr: String?
        var changesAr: String?, changesFr: String?

        static let fields = ["worked_ar", "worked_fr", "not_worked_ar", "not_worked_fr", "changes_ar", "changes_fr"]

        var values: [String: String?] {
            ["worked_ar": workedAr, "worked_fr": workedFr, "not_worked_ar": notWorkedAr, "not_worked_fr": notWorkedFr,
             "changes_ar": changesAr, "changes_fr": changesFr]
        }

        /// What publishing needs: the three parts written in Arabic, the portal's first language.
        var missingForPublication: [String] {
            [("worked_ar", workedAr), ("not_worked_ar", notWorkedAr), ("changes_ar", changesAr)]
                .filter { ($0.1 ?? "").isEmpty }.map(\.0)
        }
    }

    /// One evaluation as stored.
    struct Evaluation: Equatable {
        var id: Int
        var year: Int
        var texts: Texts
        var isPublished: Bool
        var dataAsOf: String?
        /// The frozen figures of a published evaluation (nil for a draft: computed live).
        var figures: EvaluationFigures?
        var updatedAt: String
        var publishedAt: String?
    }

    /// Thrown when a published evaluation would change (answered 409).
    struct Frozen: Error {}

    // MARK: - Reads

    /// The evaluations of `programID`, by year; published figures decoded and checked.
    static func list(_ db: Connection, programID: Int) throws -> [Evaluation] {
        try db.query("SELECT * FROM evaluations WHERE program_id = ? ORDER BY year", [programID]).map(evaluation)
    }

    static func find(_ db: Connection, programID: Int, year: Int) throws -> Evaluation? {
        try db.queryOne("SELECT * FROM evaluations WHERE program_id = ? AND year = ?", [programID, year]).map(evaluation)
    }

    private static func evaluation(_ row: Row) throws -> Evaluation {
        var figures: EvaluationFigures? = nil
        if let json = try row.optionalString("figures") {
            let bytes = Array(json.utf8)
            guard SHA256.hex(bytes) == (try row.optionalString("figures_sha256")) else {
                throw SnapshotFormatError(description: "evaluation \(try row.int("id")): figures do not match their recorded SHA-256")
            }
            figures = try EvaluationFigures.decode(bytes)
        }
        func text(_ name: String) throws -> String? { try row.optionalString(name).flatMap { $0.isEmpty ? nil : $0 } }
        return Evaluation(id: try row.int("id"), year: try row.int("year"),
                          texts: Texts(workedAr: try text("worked_ar"), workedFr: try text("worked_fr"),
                                       notWorkedAr: try text("not_worked_ar"), notWorkedFr: try text("not_worked_fr"),
                                       changesAr: try text("changes_ar"), changesFr: try text("changes_fr")),
                          isPublished: try row.string("status") == "published", dataAsOf: try row.optionalString("data_as_of"),
                          figures: figures, updatedAt: try row.string("updated_at"), publishedAt: try row.optionalString("published_at"))
    }

    /// The days the program's evaluations were published (Moroccan days), for the timeline. One query.
    /// `at` is the instant of publication (the program's Atom feed dates its entry with it).
    static func publications(_ db: Connection, programID: Int) throws -> [(year: Int, day: String, at: Date)] {
        try db.query("SELECT year, published_at FROM evaluations WHERE program_id = ? AND status = 'published' ORDER BY published_at",
                     [programID]).map { row in
            let at = try Call.parse(try row.string("published_at"))
            return (try row.int("year"), MoroccoTime.day(at), at)
        }
    }

    // MARK: - Writes

    /// Saves the draft of `year` (creating it), one audit entry per changed part.
    static func save(_ texts: Texts, programID: Int, year: Int, audit: Audit, communeID: Int, _ db: Connection) throws {
        let old = try find(db, programID: programID, year: year)
        if old?.isPublished == true { throw Frozen() }
        try db.run("""
            INSERT INTO evaluations (program_id, year, worked_ar, worked_fr, not_worked_ar, not_worked_fr, changes_ar, changes_fr,
                                     updated_at, updated_by, updated_by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (program_id, year) DO UPDATE SET worked_ar = excluded.worked_ar, worked_fr = excluded.worked_fr,
                not_worked_ar = excluded.not_worked_ar, not_worked_fr = excluded.not_worked_fr, changes_ar = excluded.changes_ar,
                changes_fr = excluded.changes_fr, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                updated_by_name = excluded.updated_by_name
            """, [programID, year, texts.workedAr, texts.workedFr, texts.notWorkedAr, texts.notWorkedFr, texts.changesAr, texts.changesFr,
                  Timestamp.text(audit.at), audit.userID, audit.userName])
        guard let id = try db.scalar("SELECT id FROM evaluations WHERE program_id = ? AND year = ?", [programID, year], as: Int.self) else { return }
        if old == nil {
            try audit.record(db, action: "create", entity: "evaluation", entityID: id, field: "year", after: String(year),
                             communeID: communeID, programID: programID)
        }
        try audit.recordChanges(db, entity: "evaluation", entityID: id, before: old?.texts.values ?? [:], after: texts.values,
                                communeID: communeID, programID: programID)
    }

    /// Deletes the draft of `year` (a draft written for the wrong year, or abandoned); a published
    /// evaluation is frozen (`Frozen`, and the trigger of 0017 refuses it too). Audited: the year
    /// and every written part it held, so the audit log keeps what was deleted.
    static func deleteDraft(programID: Int, year: Int, audit: Audit, communeID: Int, _ db: Connection) throws {
        guard let draft = try find(db, programID: programID, year: year) else { throw PageError.notFound }
        if draft.isPublished { throw Frozen() }
        try db.run("DELETE FROM evaluations WHERE id = ? AND status = 'draft'", [draft.id])
        try audit.record(db, action: "delete", entity: "evaluation", entityID: draft.id, field: "year", before: String(year),
                         communeID: communeID, programID: programID)
        for (field, text) in draft.texts.values.sorted(by: { $0.key < $1.key }) {
            guard let text else { continue }
            try audit.record(db, action: "delete", entity: "evaluation", entityID: draft.id, field: field, before: text,
                             communeID: communeID, programID: programID)
        }
    }

    /// Publishes the draft of `year` with `figures` frozen beside it; audited.
    static func publish(programID: Int, year: Int, figures: EvaluationFigures, audit: Audit, communeID: Int, _ db: Connection) throws {
        guard let draft = try find(db, programID: programID, year: year) else { throw PageError.notFound }
        if draft.isPublished { throw Frozen() }
        let json = try figures.encoded()
        try db.run("""
            UPDATE evaluations SET status = 'published', figures = ?, figures_sha256 = ?, data_as_of = ?, published_at = ?,
                   published_by = ?, published_by_name = ?
            WHERE id = ?
            """, [String(decoding: json, as: UTF8.self), SHA256.hex(json), figures.asOf, Timestamp.text(audit.at), audit.userID, audit.userName,
                  draft.id])
        try audit.record(db, action: "update", entity: "evaluation", entityID: draft.id, field: "status", before: "draft", after: "published",
                         communeID: communeID, programID: programID)
        try audit.record(db, action: "update", entity: "evaluation", entityID: draft.id, field: "data_as_of", after: figures.asOf,
                         communeID: communeID, programID: programID)
    }

    // MARK: What the figures read beyond the execution record (`EvaluationFigures.compute`)

    /// The program's public proposals (not hidden, not merged into another), counted by status
    /// and by the project they were integrated into.
    static func publicProposals(_ db: Connection, programID: Int) throws -> [(status: String, integratedProjectID: Int?, count: Int)] {
        try db.query("""
            SELECT status, integrated_project_id, count(*) AS n FROM proposals
            WHERE program_id = ? AND hidden = 0 AND merged_into_id IS NULL GROUP BY status, integrated_project_id
            """, [programID]).map {
            (status: try $0.string("status"), integratedProjectID: try $0.optionalInt("integrated_project_id"), count: try $0.int("n"))
        }
    }

    /// How many public proposals the program received in `year`.
    static func proposalsReceived(_ db: Connection, programID: Int, year: Int) throws -> Int {
        try db.scalar("""
            SELECT count(*) FROM proposals WHERE program_id = ? AND hidden = 0 AND merged_into_id IS NULL AND substr(created_at, 1, 4) = ?
            """, [programID, String(year)], as: Int.self) ?? 0
    }

    /// The program's events of `year` up to `asOf`, by date.
    static func events(_ db: Connection, programID: Int, year: Int, asOf: String) throws -> [EvaluationFigures.EventRow] {
        try db.query("""
            SELECT title_ar, title_fr, date_start, date_end, date_precision, participants, women, associations, proposals_total
            FROM events WHERE program_id = ? AND substr(date_start, 1, 4) = ? AND date_start <= ? ORDER BY date_start, id
            """, [programID, String(year), asOf]).map { row -> EvaluationFigures.EventRow in
            var date = try row.optionalString("date_start")
            if let start = date, try row.optionalString("date_precision") == "range", let end = try row.optionalString("date_end") { date = start + "/" + end }
            return EvaluationFigures.EventRow(title: try Localized(row, "title"), date: date, participants: try row.optionalInt("participants"),
                                              women: try row.optionalInt("women"), associations: try row.optionalInt("associations"),
                                              proposals: try row.optionalInt("proposals_total"))
        }
    }
}
