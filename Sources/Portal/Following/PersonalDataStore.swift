import Foundation
import SQLite

/// All the SQL of following a proposal and of its personal data (law 09-08): whether a code
/// names a proposal, which personal data a proposal still holds, and erasing it — at once for a
/// citizen who has the code, or when the retention period is over — each erasure audited in
/// the transaction that makes it. The proposal's text, status and answer always stay: they
/// are the public record of the consultation, and they name no one.
enum PersonalDataStore {
    /// The columns of `proposals` that are personal data, with the catalog key that names each
    /// to the citizen. One list, so that a new one (the e-mail address of the mail notices) is
    /// added here and is then erased everywhere. `author_name` is special: a name the author
    /// chose to show is public, so retention keeps it (the citizen can still erase it).
    static let columns: [(name: String, labelKey: String)] = [
        ("author_name", "proposal.field.name"),
        ("gender", "proposal.field.gender"),
        ("age_band", "proposal.field.age_band"),
        ("association", "proposal.field.association"),
        ("neighbourhood", "proposal.field.neighbourhood"),
        // The only copy of the address of the mail notices: erasing it also ends its
        // subscription, its links and what was waiting to be sent (trigger of 0014).
        ("email", "mail.personal.email"),
        ("remote_address", "privacy.field.remote_address"),
    ]

    /// Who the audit log names for an erasure asked by the citizen (there is no account).
    static let citizenActor = "مواطن(ة) برمز التتبع · citoyen(ne) avec le code de suivi"

    /// A proposal found by its code, and which personal columns still hold something.
    struct Holding {
        var id: Int
        var communeID: Int
        /// Names from `columns`, in that order.
        var held: [String]
        /// The author's name is on the public pages.
        var nameShown: Bool
    }

    /// Whether a proposal has this (canonical) code.
    static func exists(_ db: Connection, code: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM proposals WHERE tracking_code = ?", [code], as: Int.self) == 1
    }

    /// The proposal with this canonical code and what it holds, or nil.
    static func holding(_ db: Connection, code: String) throws -> Holding? {
        // Column names come from `columns` above, never from a request; values are bound.
        let flags = columns.map { "(p.\($0.name) IS NOT NULL AND p.\($0.name) <> '') AS has_\($0.name)" }.joined(separator: ", ")
        guard let row = try db.queryOne("""
            SELECT p.id, g.commune_id, p.show_name, \(flags)
            FROM proposals p JOIN programs g ON g.id = p.program_id WHERE p.tracking_code = ?
            """, [code]) else { return nil }
        return Holding(id: try row.int("id"), communeID: try row.int("commune_id"),
                       held: try columns.map(\.name).filter { try row.int("has_" + $0) == 1 },
                       nameShown: try row.int("show_name") == 1)
    }

    /// Erases every personal column of the proposal with this code, the name too even when it
    /// was shown, with one audit entry naming the columns erased (never their values, which
    /// would keep in the log what was just erased). Nothing to erase writes nothing, so the
    /// same request sent twice is harmless. Returns the holding before, or nil for an unknown code.
    static func eraseByCitizen(_ db: Connection, code: String, at now: Date) throws -> Holding? {
        guard let holding = try holding(db, code: code) else { return nil }
        guard !holding.held.isEmpty else { return holding }
        let assignments = columns.map { "\($0.name) = NULL" }.joined(separator: ", ")
        try db.run("UPDATE proposals SET \(assignments), show_name = 0 WHERE id = ?", [holding.id])
        try audit(db, proposal: holding.id, communeID: holding.communeID, erased: holding.held,
                  actor: Audit(userID: nil, userName: citizenActor, at: now))
        return holding
    }

    /// Erases the personal data of the proposals of every program whose period ended long
    /// enough ago (`expired` says which, from the program's period), one audit entry per
    /// proposal. A name the author chose to show stays: it is part of the public record.
    /// Returns how many proposals had something erased.
    static func eraseExpired(_ db: Connection, at now: Date, actor: Audit, expired: (String) -> Bool) throws -> Int {
        // A name counts only when it is not shown; every other column counts when it holds something.
        func still(_ table: String) -> String {
            columns.map { $0.name == "author_name" ? "(\(table)author_name IS NOT NULL AND \(table)show_name = 0)" : "\(table)\($0.name) IS NOT NULL" }
                .joined(separator: " OR ")
        }
        let programs = try db.query("""
            SELECT g.id, g.period FROM programs g
            WHERE EXISTS (SELECT 1 FROM proposals p WHERE p.program_id = g.id AND (\(still("p."))))
            """).filter { expired(try $0.string("period")) }.map { try $0.int("id") }
        var erased = 0
        for programID in programs {
            let flags = columns.map { $0.name == "author_name"
                ? "(p.author_name IS NOT NULL AND p.author_name <> '' AND p.show_name = 0) AS has_author_name"
                : "(p.\($0.name) IS NOT NULL AND p.\($0.name) <> '') AS has_\($0.name)" }.joined(separator: ", ")
            let rows = try db.query("""
                SELECT p.id, g.commune_id, \(flags) FROM proposals p JOIN programs g ON g.id = p.program_id
                WHERE p.program_id = ? AND (\(still("p."))) ORDER BY p.id
                """, [programID])
            let assignments = columns.map { $0.name == "author_name" ? "author_name = CASE WHEN show_name = 1 THEN author_name END" : "\($0.name) = NULL" }
                .joined(separator: ", ")
            try db.run("UPDATE proposals SET \(assignments) WHERE program_id = ? AND (\(still("")))", [programID])
            for row in rows {
                let held = try columns.map(\.name).filter { try row.int("has_" + $0) == 1 }
                // An empty string erased is not worth a line: there was nothing personal in it.
                if held.isEmpty { continue }
                try audit(db, proposal: try row.int("id"), communeID: try row.int("commune_id"), erased: held, actor: actor)
                erased += 1
            }
        }
        return erased
    }

    /// The Moroccan day ("YYYY-MM-DD") the proposal's personal data was last erased (by the
    /// citizen or by retention), from the audit log; nil when it never was.
    static func erasedOn(_ db: Connection, proposal id: Int) throws -> String? {
        try db.scalar("""
            SELECT max(at) FROM audit_log WHERE entity = 'proposal' AND entity_id = ? AND action = 'delete' AND field = 'personal_data'
            """, [id], as: String.self).flatMap(Timestamp.date).map(MoroccoTime.day)
    }

    /// Forgets the address of every proposal sent before `cutoff` (the submission limit counts
    /// in memory and no longer needs it). Returns how many were forgotten. Looks first (an index
    /// holds only the proposals that still have one) and writes only when there is something.
    static func clearRemoteAddresses(_ database: Database, before cutoff: Date) throws -> Int {
        let stamp = Timestamp.text(cutoff)
        let waiting = try database.read {
            try $0.scalar("SELECT count(*) FROM proposals WHERE remote_address IS NOT NULL AND created_at < ?", [stamp], as: Int.self)
        } ?? 0
        guard waiting > 0 else { return 0 }
        return try database.write { db in
            try db.run("UPDATE proposals SET remote_address = NULL WHERE remote_address IS NOT NULL AND created_at < ?", [stamp])
        }
    }

    /// One entry: which columns of which proposal were erased, by whom. Under the commune (its
    /// focal points read it) but not under the program: erasing personal data changes nothing
    /// of the program, so its "last updated" date must not move.
    private static func audit(_ db: Connection, proposal: Int, communeID: Int, erased: [String], actor: Audit) throws {
        try actor.record(db, action: "delete", entity: "proposal", entityID: proposal, field: "personal_data",
                         before: erased.joined(separator: ", "), after: nil, communeID: communeID)
    }
}
