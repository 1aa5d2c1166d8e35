import Foundation
import HTTP
import SQLite

/// The store side of a program's frozen versions (table `program_versions`, Migrations/0006,
/// issue 17, step 4): freezing the live program into its next numbered version, listing the
/// versions, reading one back, and the parts of the live program a snapshot takes besides the
/// program record (its committee and milestones). `ProgramVersions`, `ProgramSnapshot` and the
/// version pages hold no SQL.
enum VersionStore {
    /// The commune slug and period of program `programID`, nil for an unknown id.
    static func slugAndPeriod(_ db: Connection, programID: Int) throws -> (slug: String, period: String)? {
        try db.queryOne("""
            SELECT c.slug, p.period FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = ?
            """, [programID]).map { (slug: try $0.string("slug"), period: try $0.string("period")) }
    }

    /// The program of commune `slug` for `period` as the version pages show it, or 404.
    static func program(_ db: Connection, slug: String, period: String) throws -> VersionPages.Program {
        guard let row = try db.queryOne("""
            SELECT p.id, p.title_ar, p.title_fr, c.name_ar, c.name_fr FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE c.slug = ? AND p.period = ?
            """, [slug, period]) else { throw PageError.notFound }
        return VersionPages.Program(id: try row.int("id"), slug: slug, period: period, title: try Localized(row, "title"),
                                    commune: try Localized(row, "name"))
    }

    /// The committee that follows the program, with its members in order; nil when it has none.
    static func committee(_ db: Connection, programID: Int) throws -> ProgramSnapshot.Committee? {
        guard let row = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [programID]) else { return nil }
        let members = try db.query("SELECT * FROM committee_members WHERE committee_id = ? ORDER BY position",
                                   [try row.int("id")]).map {
            ProgramSnapshot.CommitteeMember(honorific: try Localized(optional: $0, "honorific"), name: try Localized($0, "name"),
                                            function: try Localized(optional: $0, "function"),
                                            role: try $0.string("role"), category: try $0.string("category"))
        }
        return ProgramSnapshot.Committee(name: try Localized(row, "name"), decisionNumber: try row.optionalString("decision_number"),
                                         decisionDate: try row.optionalString("decision_date"),
                                         decidedBy: try Localized(optional: row, "decided_by"),
                                         mandate: try Localized(optional: row, "mandate"), members: members)
    }

    /// The program's milestones, in order.
    static func milestones(_ db: Connection, programID: Int) throws -> [ProgramSnapshot.Milestone] {
        try db.query("SELECT * FROM milestones WHERE program_id = ? ORDER BY position", [programID]).map {
            ProgramSnapshot.Milestone(kind: try $0.string("kind"), title: try Localized($0, "title"),
                                      place: try Localized(optional: $0, "place"),
                                      start: try $0.optionalString("date_start"), end: try $0.optionalString("date_end"),
                                      precision: try $0.optionalString("date_precision"), done: try $0.bool("done"))
        }
    }

    /// Freezes the live program `programID` as its next version and returns the new version's
    /// id. Reads and writes in one transaction (a savepoint when one is already open), so the
    /// snapshot is consistent and two freezes cannot take the same number. `effective` is the
    /// date the frozen state took effect, when known (the council's session, the day of the step).
    @discardableResult
    static func freeze(_ db: Connection, programID: Int, reason: ProgramVersions.Reason, label: Localized,
                       isPublic: Bool, by userID: Int?, at date: Date = Date(), effective: DateSpan? = nil) throws -> Int {
        try db.transaction {
            let snapshot = try ProgramSnapshot.load(db, programID: programID)
            let json = try snapshot.encoded()
            let number = (try db.scalar("SELECT max(number) FROM program_versions WHERE program_id = ?", [programID], as: Int.self) ?? 0) + 1
            try db.run("""
                INSERT INTO program_versions (program_id, number, label_ar, label_fr, reason, state, is_public,
                                              frozen_at, frozen_by, snapshot, snapshot_sha256,
                                              effective_start, effective_end, effective_precision)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [programID, number, label.arabic, label.french, reason.rawValue, snapshot.overview.status, isPublic,
                      Call.utcText(date), userID, String(decoding: json, as: UTF8.self), SHA256.hex(json),
                      effective?.start, effective?.end, effective?.precision])
            return Int(db.lastInsertRowID)
        }
    }

    /// The versions of `programID`, oldest first.
    static func list(_ db: Connection, programID: Int) throws -> [ProgramVersions.Version] {
        try db.query("""
            SELECT id, program_id, number, label_ar, label_fr, reason, state, is_public, frozen_at, frozen_by, snapshot_sha256,
                   effective_start, effective_end, effective_precision
            FROM program_versions WHERE program_id = ? ORDER BY number
            """, [programID]).map(version)
    }

    /// One version's listing, or 404.
    static func version(_ db: Connection, versionID: Int) throws -> ProgramVersions.Version {
        guard let row = try db.queryOne("""
            SELECT id, program_id, number, label_ar, label_fr, reason, state, is_public, frozen_at, frozen_by, snapshot_sha256,
                   effective_start, effective_end, effective_precision
            FROM program_versions WHERE id = ?
            """, [versionID]) else { throw PageError.notFound }
        return try version(row)
    }

    /// The snapshot frozen as version `versionID`, or 404. Refuses a snapshot whose bytes no
    /// longer match the checksum recorded when it was frozen (a copy edited outside the portal).
    static func load(_ db: Connection, versionID: Int) throws -> ProgramSnapshot {
        guard let row = try db.queryOne("SELECT snapshot, snapshot_sha256 FROM program_versions WHERE id = ?",
                                        [versionID]) else { throw PageError.notFound }
        let bytes = Array(try row.string("snapshot").utf8)
        guard SHA256.hex(bytes) == (try row.string("snapshot_sha256")) else {
            throw SnapshotFormatError(description: "program version \(versionID): snapshot does not match its recorded SHA-256")
        }
        return try ProgramSnapshot.decode(bytes)
    }

    private static func version(_ row: Row) throws -> ProgramVersions.Version {
        let reasonCode = try row.string("reason")
        guard let reason = ProgramVersions.Reason(rawValue: reasonCode) else {
            throw SnapshotFormatError(description: "program version: unknown reason '\(reasonCode)'")
        }
        return ProgramVersions.Version(id: try row.int("id"), programID: try row.int("program_id"), number: try row.int("number"),
                                       label: try Localized(row, "label"), reason: reason, state: try row.string("state"),
                                       isPublic: try row.bool("is_public"), frozenAt: try row.string("frozen_at"),
                                       frozenBy: try row.optionalInt("frozen_by"), sha256: try row.string("snapshot_sha256"),
                                       effective: try row.optionalString("effective_start") == nil ? nil
                                           : DateSpan(start: try row.optionalString("effective_start"), end: try row.optionalString("effective_end"),
                                                      precision: try row.optionalString("effective_precision")))
    }
}
