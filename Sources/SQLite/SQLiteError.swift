import CSQLite

/// A failure reported by SQLite, carrying everything needed to understand it from a log line
/// alone: the primary result code, the extended code (which says *which* constraint or I/O
/// step failed), SQLite's own message and the SQL that was running.
public struct SQLiteError: Error, CustomStringConvertible {
    /// Primary result code, e.g. 19 (`SQLITE_CONSTRAINT`).
    public let code: Int32
    /// Extended result code, e.g. 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    public let extendedCode: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code & 0xFF
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// Builds the error from the connection's current error state after a call returned `rc`.
    init(rc: Int32, db: OpaquePointer?, sql: String?) {
        let message: String
        if let db, let text = sqlite3_errmsg(db) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(rc))
        }
        self.init(code: rc & 0xFF, extendedCode: rc, message: message, sql: sql)
    }

    public var description: String {
        var text = "SQLite error \(code)"
        if extendedCode != code { text += "/\(extendedCode)" }
        text += " (\(String(cString: sqlite3_errstr(extendedCode)))): \(message)"
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
            text += " — SQL: " + (oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine)
        }
        return text
    }

    // The result codes callers commonly branch on, so they need not import CSQLite.
    public static let busy: Int32 = 5            // SQLITE_BUSY
    public static let locked: Int32 = 6          // SQLITE_LOCKED
    public static let readOnly: Int32 = 8        // SQLITE_READONLY
    public static let full: Int32 = 13           // SQLITE_FULL
    public static let cantOpen: Int32 = 14       // SQLITE_CANTOPEN
    public static let constraint: Int32 = 19     // SQLITE_CONSTRAINT
    public static let misuse: Int32 = 21         // SQLITE_MISUSE
    public static let range: Int32 = 25          // SQLITE_RANGE
    public static let constraintUnique: Int32 = 2067      // SQLITE_CONSTRAINT_UNIQUE
    public static let constraintPrimaryKey: Int32 = 1555  // SQLITE_CONSTRAINT_PRIMARYKEY
    public static let constraintForeignKey: Int32 = 787   // SQLITE_CONSTRAINT_FOREIGNKEY
    public static let constraintNotNull: Int32 = 1299     // SQLITE_CONSTRAINT_NOTNULL
    public static let constraintCheck: Int32 = 275        // SQLITE_CONSTRAINT_CHECK

    /// True for any constraint violation (unique, foreign key, not null, check…).
    public var isConstraintViolation: Bool { code == SQLiteError.constraint }
}
