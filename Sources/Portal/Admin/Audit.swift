import Foundation
import SQLite

/// The record of every change made in the admin area: who, when, what (entity, field, before,
/// after). Written inside the same transaction as the change it describes, so the log and the
/// data can never disagree: either both are on disk or neither is.
struct Audit {
    /// Who acts and where; made once per admin request.
    let userID: Int?
    let userName: String
    let at: Date
    /// False for the demo loader's examples (issue 13's illustrative program): they are no one's
    /// action in the admin area, so they leave no entry, like the rest of the demo data.
    var records = true

    /// One entry. `communeID`/`programID` say where, so focal points see their communes' entries
    /// and a program can say when it was last updated.
    func record(_ db: Connection, action: String, entity: String, entityID: Int?, field: String? = nil,
                before: String? = nil, after: String? = nil, communeID: Int?, programID: Int? = nil) throws {
        guard records else { return }
        try db.run("""
            INSERT INTO audit_log (at, user_id, user_name, commune_id, program_id, action, entity, entity_id, field, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [Timestamp.text(at), userID, userName, communeID, programID, action, entity, entityID, field, before, after])
    }

    /// One "update" entry per field whose value differs between `before` and `after` (fields
    /// missing from `before` count as empty). Returns how many fields changed.
    @discardableResult
    func recordChanges(_ db: Connection, entity: String, entityID: Int, before: [String: String?], after: [String: String?],
                       communeID: Int?, programID: Int? = nil) throws -> Int {
        var changed = 0
        for field in after.keys.sorted() {
            let old = before[field] ?? nil, new = after[field] ?? nil
            guard old != new else { continue }
            try record(db, action: "update", entity: entity, entityID: entityID, field: field, before: old, after: new,
                       communeID: communeID, programID: programID)
            changed += 1
        }
        return changed
    }
}
