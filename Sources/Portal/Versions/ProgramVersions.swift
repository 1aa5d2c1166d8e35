import Foundation
import SQLite

/// The frozen versions of a program (table `program_versions`, Migrations/0006): freezing the
/// live program into a new numbered version, listing them, and reading one back. A version is
/// never changed or deleted (the store refuses it), so the consultation draft and the adopted
/// program remain exactly what people saw, whatever is edited later.
public enum ProgramVersions {
    /// Why a version was frozen.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The program moved to another state of the co-preparation method.
        case transition
        /// An adopted program was changed by a recorded amendment.
        case amendment
        /// Someone published the current draft on demand.
        case publish
    }

    /// A version as listed: everything but the snapshot itself.
    public struct Version: Sendable, Equatable {
        public var id: Int
        public var programID: Int
        public var number: Int
        public var label: Localized
        public var reason: Reason
        /// The program's status when it was frozen.
        public var state: String
        public var isPublic: Bool
        /// UTC, 'YYYY-MM-DDTHH:MM:SSZ': the technical time the snapshot was taken.
        public var frozenAt: String
        /// The date a page shows for the version: its effective date, else the day it was frozen.
        var shownDate: String { effective?.formatted ?? String(frozenAt.prefix(10)) }
        public var frozenBy: Int?
        /// Lowercase hex SHA-256 of the stored snapshot JSON.
        public var sha256: String
        /// When the state it shows took effect, as the documents (or the person freezing it) date
        /// it: a day, a month or a range (Migrations/0018); nil when not dated.
        var effective: DateSpan? = nil
    }

    /// Freezes the live program `programID` as its next version and returns the new version's
    /// id. Reads and writes in one transaction (a savepoint when one is already open), so the
    /// snapshot is consistent and two freezes cannot take the same number. `effective` is the
    /// date the frozen state took effect, when known (the council's session, the day of the step).
    @discardableResult
    static func freeze(_ db: Connection, programID: Int, reason: Reason, label: Localized,
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
    public static func list(_ db: Connection, programID: Int) throws -> [Version] {
        try db.query("""
            SELECT id, program_id, number, label_ar, label_fr, reason, state, is_public, frozen_at, frozen_by, snapshot_sha256,
                   effective_start, effective_end, effective_precision
            FROM program_versions WHERE program_id = ? ORDER BY number
            """, [programID]).map(version)
    }

    /// One version's listing, or 404.
    public static func version(_ db: Connection, versionID: Int) throws -> Version {
        guard let row = try db.queryOne("""
            SELECT id, program_id, number, label_ar, label_fr, reason, state, is_public, frozen_at, frozen_by, snapshot_sha256,
                   effective_start, effective_end, effective_precision
            FROM program_versions WHERE id = ?
            """, [versionID]) else { throw HTTPNotFound() }
        return try version(row)
    }

    /// The snapshot frozen as version `versionID`, or 404. Refuses a snapshot whose bytes no
    /// longer match the checksum recorded when it was frozen (a copy edited outside the portal).
    public static func load(_ db: Connection, versionID: Int) throws -> ProgramSnapshot {
        guard let row = try db.queryOne("SELECT snapshot, snapshot_sha256 FROM program_versions WHERE id = ?",
                                        [versionID]) else { throw HTTPNotFound() }
        let bytes = Array(try row.string("snapshot").utf8)
        guard SHA256.hex(bytes) == (try row.string("snapshot_sha256")) else {
            throw SnapshotFormatError(description: "program version \(versionID): snapshot does not match its recorded SHA-256")
        }
        return try ProgramSnapshot.decode(bytes)
    }

    private static func version(_ row: Row) throws -> Version {
        let reasonCode = try row.string("reason")
        guard let reason = Reason(rawValue: reasonCode) else {
            throw SnapshotFormatError(description: "program version: unknown reason '\(reasonCode)'")
        }
        return Version(id: try row.int("id"), programID: try row.int("program_id"), number: try row.int("number"),
                       label: try Localized(row, "label"), reason: reason, state: try row.string("state"),
                       isPublic: try row.bool("is_public"), frozenAt: try row.string("frozen_at"),
                       frozenBy: try row.optionalInt("frozen_by"), sha256: try row.string("snapshot_sha256"),
                       effective: try row.optionalString("effective_start") == nil ? nil
                           : DateSpan(start: try row.optionalString("effective_start"), end: try row.optionalString("effective_end"),
                                      precision: try row.optionalString("effective_precision")))
    }
}
