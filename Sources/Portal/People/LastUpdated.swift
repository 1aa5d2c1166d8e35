import Foundation
import SQLite

/// "Last updated on …" for a program's public pages: the Moroccan day of the newest audit
/// entry about the program, so a reader can tell a kept program from a forgotten one.
enum LastUpdated {
    /// One query (served by the `audit_log_program` index); nil when nothing was ever
    /// changed through the admin area.
    static func day(_ db: Connection, programID: Int) throws -> String? {
        guard let at = try db.scalar("SELECT max(at) FROM audit_log WHERE program_id = ?", [programID], as: String.self),
              let date = Timestamp.date(at) else { return nil }
        return MoroccoTime.day(date)
    }
}
