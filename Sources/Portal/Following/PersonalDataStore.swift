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

    /// Which personal columns of a proposal hold something, as `has_{column}` flags (written out,
    /// like all this store's SQL, with no text built at run time; `PersonalDataTests` checks that
    /// these statements name every column of `columns`).
    static let heldFlags = """
        (p.author_name IS NOT NULL AND p.author_name <> '') AS has_author_name,
        (p.gender IS NOT NULL AND p.gender <> '') AS has_gender,
        (p.age_band IS NOT NULL AND p.age_band <> '') AS has_age_band,
        (p.association IS NOT NULL AND p.association <> '') AS has_association,
        (p.neighbourhood IS NOT NULL AND p.neighbourhood <> '') AS has_neighbourhood,
        (p.email IS NOT NULL AND p.email <> '') AS has_email,
        (p.remote_address IS NOT NULL AND p.remote_address <> '') AS has_remote_address
        """

    /// Every personal column emptied (the citizen's erasure: the name too, even when shown).
    static let eraseAll = """
        UPDATE proposals SET author_name = NULL, gender = NULL, age_band = NULL, association = NULL, neighbourhood = NULL,
            email = NULL, remote_address = NULL, show_name = 0 WHERE id = ?
        """

    /// Retention's erasure of one program's proposals: a name the author chose to show stays.
    static let eraseExpiredOfProgram = """
        UPDATE proposals SET author_name = CASE WHEN show_name = 1 THEN author_name END, gender = NULL, age_band = NULL,
            association = NULL, neighbourhood = NULL, email = NULL, remote_address = NULL
        WHERE program_id = ? AND ((author_name IS NOT NULL AND show_name = 0) OR gender IS NOT NULL OR age_band IS NOT NULL
            OR association IS NOT NULL OR neighbourhood IS NOT NULL OR email IS NOT NULL OR remote_address IS NOT NULL)
        """

    /// The proposal with this canonical code and what it holds, or nil.
    static func holding(_ db: Connection, code: String) throws -> Holding? {
        guard let row = try db.queryOne("SELECT p.id, g.commune_id, p.show_name, " + heldFlags + """

            FROM proposals p JOIN programs g ON g.id = p.program_id WHERE p.tracking_code = ?
            """, [code]) else { return nil }
        return Holding(id: try row.int("id"), communeID: try row.int("commune_id"), held: try held(row, hiddenNameOnly: false),
                       nameShown: try row.int("show_name") == 1)
    }

    /// The columns a row of `heldFlags` says hold something, in `columns` order.
    private static func held(_ row: Row, hiddenNameOnly: Bool) throws -> [String] {
        try columns.map(\.name).filter { name in
            guard try row.int("has_" + name) == 1 else { return false }
            guard hiddenNameOnly, name == "author_name" else { return true }
            return try row.int("show_name") == 0
        }
    }

    /// Erases every personal column of the proposal with this code, the name too even when it
    /// was shown, with one audit entry naming the columns erased (never their values, which
    /// would keep in the log what was just erased). Nothing to erase writes nothing, so the
    /// same request sent twice is harmless. Returns the holding before, or nil for an unknown code.
    static func eraseByCitizen(_ db: Connection, code: String, at now: Date) throws -> Holding? {
        guard let holding = try holding(db, code: code) else { return nil }
        guard !holding.held.isEmpty else { return holding }
        try db.run(eraseAll, [holding.id])
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
        let stillHeld = """
            ((p.author_name IS NOT NULL AND p.show_name = 0) OR p.gender IS NOT NULL OR p.age_band IS NOT NULL
             OR p.association IS NOT NULL OR p.neighbourhood IS NOT NULL OR p.email IS NOT NULL OR p.remote_address IS NOT NULL)
            """
        let programs = try db.query("""
            SELECT g.id, g.period FROM programs g
            WHERE EXISTS (SELECT 1 FROM proposals p WHERE p.program_id = g.id AND
            """ + stillHeld + ")").filter { expired(try $0.string("period")) }.map { try $0.int("id") }
        var erased = 0
        for programID in programs {
            let rows = try db.query("SELECT p.id, g.commune_id, p.show_name, " + heldFlags + """

                FROM proposals p JOIN programs g ON g.id = p.program_id
                WHERE p.program_id = ? AND
                """ + stillHeld + " ORDER BY p.id", [programID])
            try db.run(eraseExpiredOfProgram, [programID])
            for row in rows {
                let held = try held(row, hiddenNameOnly: true)
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
