import Foundation
import HTTP
import SQLite

/// The store side of a program's life (tables `program_transitions` and `program_amendments`,
/// Migrations/0009): reading the history, and the writes that each make one transaction with
/// their audit entries and the version they freeze. The caller has already asked
/// `Lifecycle.decide`; these functions only do what was decided.
enum LifecycleStore {
    /// The program a lifecycle page is about.
    struct Program {
        var id: Int
        var communeID: Int
        var period: String
        var title: Localized
        var state: ProgramState
    }

    /// A recorded change of state.
    struct Transition {
        var id: Int
        var from: ProgramState
        var to: ProgramState
        /// The Moroccan day it happened, 'YYYY-MM-DD' (the order of the history).
        var day: String
        /// When it took effect as dated (day, month or range; Migrations/0018); nil for a row
        /// recorded before effective dates, which reads as its day.
        var effective: DateSpan?
        /// The date the timeline shows: the effective date, else the day.
        var shownDate: String { effective?.formatted ?? day }
        var note: Localized?
        var recordedAt: String
        var recordedBy: String?
        var versionID: Int
    }

    /// A named change of an adopted program.
    struct Amendment {
        var id: Int
        var title: Localized
        var decisionRef: String
        var openedAt: String
        var openedBy: String
        var closedAt: String?
        var versionID: Int?
        var isOpen: Bool { closedAt == nil }
    }

    /// What the council's adoption writes on the program (its adoption columns).
    struct Adoption {
        var session: Localized
        var decisionRef: String
    }

    /// The program of `communeID` for `period`, or 404.
    static func program(_ db: Connection, communeID: Int, period: String) throws -> Program {
        guard let row = try db.queryOne("SELECT id, commune_id, period, title_ar, title_fr, status FROM programs WHERE commune_id = ? AND period = ?",
                                        [communeID, period]),
              let state = ProgramState(rawValue: try row.string("status")) else { throw PageError.notFound }
        return Program(id: try row.int("id"), communeID: try row.int("commune_id"), period: try row.string("period"),
                       title: try Localized(row, "title"), state: state)
    }

    /// The program's transitions in the order they happened (day, then recording order).
    static func transitions(_ db: Connection, programID: Int) throws -> [Transition] {
        try db.query("""
            SELECT t.id, t.from_state, t.to_state, t.happened_on, t.note_ar, t.note_fr, t.recorded_at, t.version_id, u.name,
                   t.effective_start, t.effective_end, t.effective_precision
            FROM program_transitions t LEFT JOIN users u ON u.id = t.recorded_by
            WHERE t.program_id = ? ORDER BY t.happened_on, t.id
            """, [programID]).compactMap { row in
            guard let from = ProgramState(rawValue: try row.string("from_state")),
                  let to = ProgramState(rawValue: try row.string("to_state")) else { return nil }
            let note = try row.optionalString("note_ar").map { Localized(arabic: $0, french: try row.optionalString("note_fr")) }
            let effective = try row.optionalString("effective_start") == nil ? nil
                : DateSpan(start: try row.optionalString("effective_start"), end: try row.optionalString("effective_end"),
                           precision: try row.optionalString("effective_precision"))
            return Transition(id: try row.int("id"), from: from, to: to, day: try row.string("happened_on"), effective: effective, note: note,
                              recordedAt: try row.string("recorded_at"), recordedBy: try row.optionalString("name"),
                              versionID: try row.int("version_id"))
        }
    }

    /// The program's amendments, oldest first.
    static func amendments(_ db: Connection, programID: Int) throws -> [Amendment] {
        try db.query("""
            SELECT id, title_ar, title_fr, decision_ref, opened_at, opened_by_name, closed_at, version_id
            FROM program_amendments WHERE program_id = ? ORDER BY id
            """, [programID]).map { row in
            Amendment(id: try row.int("id"), title: try Localized(row, "title"), decisionRef: try row.string("decision_ref"),
                      openedAt: try row.string("opened_at"), openedBy: try row.string("opened_by_name"),
                      closedAt: try row.optionalString("closed_at"), versionID: try row.optionalInt("version_id"))
        }
    }

    static func openAmendment(_ db: Connection, programID: Int) throws -> Amendment? {
        try amendments(db, programID: programID).first { $0.isOpen }
    }

    // MARK: - Writes

    /// Moves the program to `to` on `day`, freezes the version of that moment (public from the
    /// consultation draft on) and records both, with the audit entries, in the caller's write.
    /// Returns the frozen version's id.
    @discardableResult
    static func transition(_ db: Connection, program: Program, to: ProgramState, day: String, effective typed: DateSpan? = nil, note: Localized?,
                           adoption: Adoption?, label: Localized, audit: Audit, userID: Int?) throws -> Int {
        try db.run("UPDATE programs SET status = ? WHERE id = ?", [to.rawValue, program.id])
        try audit.record(db, action: "transition", entity: "program", entityID: program.id, field: "status",
                         before: program.state.rawValue, after: to.rawValue, communeID: program.communeID, programID: program.id)
        if let adoption {
            guard let row = try db.queryOne("SELECT adoption_session_ar, adoption_session_fr, adopted_on, decision_ref FROM programs WHERE id = ?",
                                             [program.id]) else { throw PageError.notFound }
            var before: [String: String?] = [:]
            for column in ["adoption_session_ar", "adoption_session_fr", "adopted_on", "decision_ref"] { before[column] = try row.optionalString(column) }
            // A session dated by its month is adopted "in October 2023", as the documents say.
            let adoptedOn = typed?.precision == "month" ? typed?.start ?? day : day
            let after: [String: String?] = ["adoption_session_ar": adoption.session.arabic, "adoption_session_fr": adoption.session.french,
                                            "adopted_on": adoptedOn, "decision_ref": adoption.decisionRef]
            try db.run("UPDATE programs SET adoption_session_ar = ?, adoption_session_fr = ?, adopted_on = ?, decision_ref = ? WHERE id = ?",
                       [adoption.session.arabic, adoption.session.french, adoptedOn, adoption.decisionRef, program.id])
            try audit.recordChanges(db, entity: "program", entityID: program.id, before: before, after: after,
                                    communeID: program.communeID, programID: program.id)
        }
        // The step's day is the effective date of both the transition and the version it freezes
        // (issue 14); the recorded time stays beside it as the technical one.
        let effective = typed?.start == nil ? DateSpan(start: day, precision: "day") : typed!
        let versionID = try VersionStore.freeze(db, programID: program.id, reason: .transition, label: label,
                                                   isPublic: to.versionsArePublic, by: userID, at: audit.at, effective: effective)
        try db.run("""
            INSERT INTO program_transitions (program_id, from_state, to_state, happened_on, note_ar, note_fr, recorded_at, recorded_by, version_id,
                                             effective_start, effective_end, effective_precision)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [program.id, program.state.rawValue, to.rawValue, day, note?.arabic, note?.french, Timestamp.text(audit.at), userID, versionID,
                  effective.start, effective.end, effective.precision])
        try audit.record(db, action: "create", entity: "version", entityID: versionID, field: "reason", after: "transition",
                         communeID: program.communeID, programID: program.id)
        return versionID
    }

    /// "Publish this draft": freezes the program as it stands (public from the consultation
    /// draft on, like every version). Returns the version's id.
    @discardableResult
    static func publish(_ db: Connection, program: Program, label: Localized, audit: Audit, userID: Int?) throws -> Int {
        let versionID = try VersionStore.freeze(db, programID: program.id, reason: .publish, label: label,
                                                   isPublic: program.state.versionsArePublic, by: userID, at: audit.at)
        try audit.record(db, action: "create", entity: "version", entityID: versionID, field: "reason", after: "publish",
                         communeID: program.communeID, programID: program.id)
        return versionID
    }

    /// Opens an amendment; from now on the program's matrix may be edited. Returns its id.
    @discardableResult
    static func openAmendment(_ db: Connection, program: Program, title: Localized, decisionRef: String,
                              audit: Audit, userID: Int?) throws -> Int {
        try db.run("""
            INSERT INTO program_amendments (program_id, title_ar, title_fr, decision_ref, opened_at, opened_by, opened_by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [program.id, title.arabic, title.french, decisionRef, Timestamp.text(audit.at), userID, audit.userName])
        let id = Int(db.lastInsertRowID)
        for (field, value) in [("title_ar", title.arabic), ("title_fr", title.french), ("decision_ref", decisionRef)] where value != nil {
            try audit.record(db, action: "create", entity: "amendment", entityID: id, field: field, after: value,
                             communeID: program.communeID, programID: program.id)
        }
        return id
    }

    /// Closes the open amendment `amendment`: freezes the amended program (reason amendment,
    /// named after the amendment) and records the version on it. Returns the version's id.
    @discardableResult
    static func closeAmendment(_ db: Connection, program: Program, amendment: Amendment, audit: Audit, userID: Int?) throws -> Int {
        let versionID = try VersionStore.freeze(db, programID: program.id, reason: .amendment, label: amendment.title,
                                                   isPublic: program.state.versionsArePublic, by: userID, at: audit.at)
        try db.run("UPDATE program_amendments SET closed_at = ?, closed_by = ?, version_id = ? WHERE id = ? AND closed_at IS NULL",
                   [Timestamp.text(audit.at), userID, versionID, amendment.id])
        try audit.record(db, action: "update", entity: "amendment", entityID: amendment.id, field: "closed_at",
                         after: Timestamp.text(audit.at), communeID: program.communeID, programID: program.id)
        try audit.record(db, action: "create", entity: "version", entityID: versionID, field: "reason", after: "amendment",
                         communeID: program.communeID, programID: program.id)
        return versionID
    }

    /// The program's status as stored, and whether an amendment of it is open; 404 for an
    /// unknown program. What `ProgramLock` decides from.
    static func lockFacts(_ db: Connection, programID: Int) throws -> (status: String, amendmentOpen: Bool) {
        guard let row = try db.queryOne("""
            SELECT status, EXISTS (SELECT 1 FROM program_amendments a WHERE a.program_id = p.id AND a.closed_at IS NULL) AS open
            FROM programs p WHERE p.id = ?
            """, [programID]) else { throw PageError.notFound }
        return (try row.string("status"), try row.bool("open"))
    }
}
