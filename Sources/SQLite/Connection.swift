import CSQLite
import Foundation

/// One SQLite connection. It exists so the rest of the app never touches a C pointer:
/// statements are cached and reset here, values are always bound (never pasted into SQL),
/// and every failure becomes a `SQLiteError` that names its SQL.
///
/// Not thread-safe: use it from one thread at a time (it may move between threads, as
/// `Database` does with its pool). It is opened with `SQLITE_OPEN_NOMUTEX` for that reason.
///
/// Opening configures:
/// - `journal_mode=WAL`: readers see a stable snapshot and never block the writer, nor it them.
/// - `foreign_keys=ON`: SQLite leaves them off by default, which makes `REFERENCES` decorative.
/// - `busy_timeout=5000`: a second writer waits up to 5 s instead of failing at once with SQLITE_BUSY.
/// - `synchronous=FULL`: in WAL mode `NORMAL` may lose the last commits on power loss (they
///   sit in the WAL without an fsync). A form a citizen submitted and saw acknowledged must
///   survive that, and our write rate is small enough that one fsync per commit costs nothing.
public final class Connection {
    /// The file path the connection was opened with.
    public let path: String
    public let isReadOnly: Bool
    /// Statements stepped since the last reset (by `execute`, `run`, `query`, `queryOne`,
    /// `scalar`; transaction control statements are not counted). Tests use it to assert a
    /// page runs a bounded number of queries.
    public var queryCount = 0
    /// Sorts those statements made (`SQLITE_STMTSTATUS_SORT`: an ORDER BY or GROUP BY no index
    /// gives, each opening a temporary b-tree). Tests pin the hot reads at zero.
    public var sortCount = 0
    /// Blobs opened for incremental reading (`withBlob`), so tests can see a file was served
    /// through blob I/O rather than read whole as a column.
    public internal(set) var blobReads = 0

    /// The SQLite handle; internal so the blob reader (Blob.swift) can open blobs on it.
    var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// The column names of each cached statement, read once, with the number of times SQLite
    /// had re-prepared it then: a schema change re-prepares it, and its names are read again.
    private var columnIndexes: [OpaquePointer: (index: ColumnIndex, reprepared: Int32)] = [:]
    private var transactionDepth = 0
    /// Bound so that code generating many distinct SQL strings cannot grow memory forever.
    private static let statementCacheLimit = 256
    /// Settings the library takes only before its first connection (see `csqlite_configure_library`).
    private static let libraryConfigured: Void = { _ = csqlite_configure_library() }()

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    /// Throws a `SQLiteError` whose message names the path and, where it can tell, why it is unusable.
    public init(path: String, readOnly: Bool = false) throws {
        Self.libraryConfigured
        self.path = path
        self.isReadOnly = readOnly
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(rc: rc, db: db, sql: nil)
            sqlite3_close_v2(db)
            throw Connection.openFailure(path: path, readOnly: readOnly, error)
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
        handle = db
        do {
            try configure()
        } catch let error as SQLiteError {
            close()
            // SQLite opens lazily: a directory or a non-database file only fails at the first read.
            throw Connection.openFailure(path: path, readOnly: readOnly, error)
        }
        queryCount = 0
    }

    deinit { close() }

    private func configure() throws {
        try execute("PRAGMA foreign_keys = ON")
        if isReadOnly {
            // Readers keep 1 MiB of pages each, not SQLite's 2 MiB: the kernel's page cache holds
            // the file anyway, and a pool of readers would otherwise be the largest part of the
            // process's memory at national size (see README, Performance).
            try execute("PRAGMA cache_size = -1024")
            // Reading the schema now makes a bad file fail here, with a clear message, not later.
            _ = try scalar("PRAGMA schema_version", as: Int.self)
            return
        }
        let mode: String? = try scalar("PRAGMA journal_mode = WAL")
        let inMemory = path.isEmpty || path == ":memory:"
        if mode?.lowercased() != "wal" && !inMemory {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not switch to WAL journal mode (got \(mode ?? "nothing"))")
        }
        try execute("PRAGMA synchronous = FULL")
    }

    private static func openFailure(path: String, readOnly: Bool, _ error: SQLiteError) -> SQLiteError {
        var reason = error.message
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let parent = (path as NSString).deletingLastPathComponent
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                reason += "; the path is a directory, not a database file"
            } else if !fm.isReadableFile(atPath: path) {
                reason += "; the file is not readable by this process"
            }
        } else if readOnly {
            reason += "; the file does not exist (read-only connections do not create it)"
        } else if !parent.isEmpty && !fm.fileExists(atPath: parent) {
            reason += "; the directory \(parent) does not exist"
        } else if !parent.isEmpty && !fm.isWritableFile(atPath: parent) {
            reason += "; the directory \(parent) is not writable"
        }
        return SQLiteError(code: error.code, extendedCode: error.extendedCode,
                           message: "cannot open database at \(path): \(reason)", sql: error.sql)
    }

    /// Finalizes cached statements and closes the connection. Later calls throw SQLITE_MISUSE.
    public func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        columnIndexes.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    private func openHandle(_ sql: String?) throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "connection to \(path) is closed", sql: sql)
        }
        return handle
    }

    // MARK: - Running SQL

    /// Runs a script of one or more statements without parameters (schema files, pragmas).
    /// Statements run in order; the first failure stops the script and names that statement.
    public func execute(_ sql: String) throws {
        let db = try openHandle(sql)
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(db, current, -1, &statement, &tail)
                guard rc == SQLITE_OK else {
                    throw SQLiteError(rc: rc, db: db, sql: String(cString: current).trimmingCharacters(in: .whitespacesAndNewlines))
                }
                next = tail
                guard let statement else { continue }  // only whitespace or a comment
                defer { sqlite3_finalize(statement) }
                queryCount += 1
                var stepRC: Int32
                repeat { stepRC = sqlite3_step(statement) } while stepRC == SQLITE_ROW
                guard stepRC == SQLITE_DONE else {
                    throw SQLiteError(rc: stepRC, db: db, sql: sqlite3_sql(statement).map { String(cString: $0) })
                }
            }
        }
    }

    /// Rows inserted, updated or deleted through this connection since it was opened, triggers'
    /// work included (and work later rolled back: it only ever over-counts). `Database` compares
    /// it before and after a write to tell whether the data may have changed.
    var totalChanges: Int64 { handle.map { sqlite3_total_changes64($0) } ?? 0 }

    /// Runs one statement with bound parameters and returns the number of rows it changed.
    @discardableResult
    public func run(_ sql: String, _ bindings: [any SQLBindable] = []) throws -> Int {
        let db = try openHandle(sql)
        try withStatement(sql, bindings) { statement in
            while try step(statement, sql) {}
        }
        return Int(sqlite3_changes64(db))
    }

    /// Runs one statement with bound parameters and returns all its rows.
    public func query(_ sql: String, _ bindings: [any SQLBindable] = []) throws -> [Row] {
        try withStatement(sql, bindings) { statement in
            let columns = columnIndex(statement)
            var rows: [Row] = []
            while try step(statement, sql) {
                rows.append(readRow(statement, columns))
            }
            return rows
        }
    }

    /// Runs one statement and returns its first row, or nil when there is none.
    public func queryOne(_ sql: String, _ bindings: [any SQLBindable] = []) throws -> Row? {
        try withStatement(sql, bindings) { statement in
            guard try step(statement, sql) else { return nil }
            return readRow(statement, columnIndex(statement))
        }
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    public func scalar<T: SQLDecodable>(_ sql: String, _ bindings: [any SQLBindable] = [], as type: T.Type = T.self) throws -> T? {
        let value: SQLValue = try withStatement(sql, bindings) { statement in
            guard try step(statement, sql), sqlite3_column_count(statement) > 0 else { return .null }
            return columnValue(statement, 0)
        }
        if case .null = value { return nil }
        return try T(sqlValue: value)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// How many prepared statements are cached (exposed so tests can check reuse).
    public var cachedStatementCount: Int { statements.count }

    /// Runs `body` with the cached, bound statement for `sql`, then resets it and clears its
    /// bindings whatever happens, so the next user starts clean and no read lock is held.
    private func withStatement<T>(_ sql: String, _ bindings: [any SQLBindable], _ body: (OpaquePointer) throws -> T) throws -> T {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(statement, bindings, sql)
        queryCount += 1
        defer { sortCount += Int(sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_SORT, 1)) }
        return try body(statement)
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        let db = try openHandle(sql)
        var statement: OpaquePointer?
        var extra = false
        let rc = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let rc = sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, &tail)
            if rc == SQLITE_OK, let tail, tail.pointee != 0 {
                // Text after the first statement would be silently ignored; refuse unless it is
                // only whitespace or comments (which prepare to no statement).
                var more: OpaquePointer?
                if sqlite3_prepare_v2(db, tail, -1, &more, nil) != SQLITE_OK || more != nil { extra = true }
                sqlite3_finalize(more)
            }
            return rc
        }
        guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: db, sql: sql) }
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement to run", sql: sql)
        }
        if extra {
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement given; use execute() for scripts", sql: sql)
        }
        if statements.count >= Connection.statementCacheLimit {
            for old in statements.values { sqlite3_finalize(old) }
            statements.removeAll()
            columnIndexes.removeAll()
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ statement: OpaquePointer, _ bindings: [any SQLBindable], _ sql: String) throws {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == bindings.count else {
            throw SQLiteError(code: SQLITE_RANGE,
                              message: "statement has \(expected) parameter(s) but \(bindings.count) value(s) were given",
                              sql: sql)
        }
        for (offset, binding) in bindings.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch binding.sqlValue {
            case .null:
                rc = sqlite3_bind_null(statement, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(statement, index, v)
            case .real(let v):
                rc = sqlite3_bind_double(statement, index, v)
            case .text(var s):
                // An explicit byte length keeps NUL characters inside the string; SQLite copies
                // the bytes (SQLITE_TRANSIENT) because the buffer only lives for this call.
                rc = s.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        if let base = chars.baseAddress {
                            return sqlite3_bind_text64(statement, index, base, UInt64(chars.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                        }
                        // A nil pointer would bind NULL; an empty string must stay ''.
                        return "".withCString { sqlite3_bind_text64(statement, index, $0, 0, csqlite_transient(), UInt8(SQLITE_UTF8)) }
                    }
                }
            case .blob(let bytes):
                if bytes.isEmpty {
                    // A nil pointer would bind NULL; an empty blob must stay an empty blob.
                    rc = sqlite3_bind_zeroblob(statement, index, 0)
                } else {
                    rc = bytes.withUnsafeBytes {
                        sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), csqlite_transient())
                    }
                }
            }
            guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: handle, sql: sql) }
        }
    }

    /// Steps once; true when a row is available.
    private func step(_ statement: OpaquePointer, _ sql: String) throws -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(rc: rc, db: handle, sql: sql)
        }
    }

    private func columnIndex(_ statement: OpaquePointer) -> ColumnIndex {
        let reprepared = sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let known = columnIndexes[statement], known.reprepared == reprepared { return known.index }
        let count = sqlite3_column_count(statement)
        let index = ColumnIndex(names: (0..<count).map { i in
            sqlite3_column_name(statement, i).map { String(cString: $0) } ?? ""
        })
        columnIndexes[statement] = (index, reprepared)
        return index
    }

    private func readRow(_ statement: OpaquePointer, _ columns: ColumnIndex) -> Row {
        Row(columns: columns, values: (0..<Int32(columns.names.count)).map { columnValue(statement, $0) })
    }

    private func columnValue(_ statement: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, i))
        case SQLITE3_TEXT:
            // Text first, then its byte count (the order SQLite documents), decoded with the
            // length so embedded NULs survive.
            guard let text = sqlite3_column_text(statement, i) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, i))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        default:
            let bytes = sqlite3_column_blob(statement, i)
            let count = Int(sqlite3_column_bytes(statement, i))
            guard let bytes, count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        }
    }

    // MARK: - Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// The outermost call uses `BEGIN IMMEDIATE` so the write lock is taken up front (a deferred
    /// transaction that upgrades later can fail with SQLITE_BUSY mid-way); read-only connections
    /// use `BEGIN DEFERRED`, which gives the body one consistent snapshot. Nested calls use
    /// savepoints, so an inner failure undoes only the inner work if the outer body catches it.
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let db = try openHandle(nil)
        if transactionDepth == 0 {
            try control(isReadOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE")
            transactionDepth = 1
            defer { transactionDepth = 0 }
            let result: T
            do {
                result = try body()
                try control("COMMIT")
            } catch {
                // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL).
                if sqlite3_get_autocommit(db) == 0 { try? control("ROLLBACK") }
                throw error
            }
            return result
        }
        let name = "infitah_sp\(transactionDepth)"
        try control("SAVEPOINT \(name)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        let result: T
        do {
            result = try body()
        } catch {
            if sqlite3_get_autocommit(db) == 0 {
                try? control("ROLLBACK TO \(name)")
                try? control("RELEASE \(name)")
            }
            throw error
        }
        try control("RELEASE \(name)")
        return result
    }

    /// Whether a transaction opened by `transaction()` is in progress.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// Runs a transaction-control statement without counting it as a query.
    private func control(_ sql: String) throws {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement) }
        _ = try step(statement, sql)
    }

    // MARK: - Backup

    /// Copies the whole database to `path` with SQLite's online backup API, in steps.
    /// The source is held in one read transaction for the whole copy, so the result is a
    /// consistent snapshot even while other connections keep writing (WAL lets them). The copy
    /// is written next to `path` and renamed into place, so `path` is never a half-written file.
    public func backup(to path: String) throws {
        let source = try openHandle(nil)
        let temporary = path + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)
        var destination: OpaquePointer?
        var rc = sqlite3_open_v2(temporary, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let destination else {
            let error = SQLiteError(rc: rc, db: destination, sql: nil)
            sqlite3_close_v2(destination)
            throw Connection.openFailure(path: temporary, readOnly: false, error)
        }
        var closed = false
        defer {
            if !closed { sqlite3_close_v2(destination) }
            try? FileManager.default.removeItem(atPath: temporary)
        }

        let copy = {
            // Touch the schema so the read snapshot starts now and stays fixed until we finish.
            _ = try self.scalar("SELECT count(*) FROM sqlite_master", as: Int.self)
            guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
                throw SQLiteError(rc: sqlite3_errcode(destination), db: destination, sql: nil)
            }
            repeat {
                rc = sqlite3_backup_step(backup, 256)
                if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { usleep(2_000) }
            } while rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED
            let finish = sqlite3_backup_finish(backup)
            guard rc == SQLITE_DONE else { throw SQLiteError(rc: rc, db: destination, sql: nil) }
            guard finish == SQLITE_OK else { throw SQLiteError(rc: finish, db: destination, sql: nil) }
        }
        if transactionDepth > 0 {
            try copy()
        } else {
            // A deferred transaction, even on the writer: we only read, and must not block it.
            try control("BEGIN DEFERRED")
            transactionDepth = 1
            defer {
                transactionDepth = 0
                if sqlite3_get_autocommit(source) == 0 { try? control("COMMIT") }
            }
            try copy()
        }
        rc = sqlite3_close_v2(destination)
        closed = true
        guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: nil, sql: nil) }
        // A stale WAL left by an older file at `path` would be replayed onto the new copy.
        for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}
