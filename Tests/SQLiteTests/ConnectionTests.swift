import Foundation
import SQLite
import XCTest

final class ConnectionTests: XCTestCase {
    private func open() throws -> Connection {
        let dir = try makeTemporaryDirectory(self)
        return try Connection(path: dir.appendingPathComponent("test.sqlite").path)
    }

    func testOpeningCreatesFileAndSetsPragmas() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("new.sqlite").path
        let db = try Connection(path: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try db.scalar("PRAGMA journal_mode", as: String.self), "wal")
        XCTAssertEqual(try db.scalar("PRAGMA foreign_keys", as: Int.self), 1)
        XCTAssertEqual(try db.scalar("PRAGMA busy_timeout", as: Int.self), 5000)
        XCTAssertEqual(try db.scalar("PRAGMA synchronous", as: Int.self), 2, "FULL")

        try db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))")
        let error = assertSQLiteError(try db.run("INSERT INTO child (parent_id) VALUES (?)", [42]))
        XCTAssertEqual(error?.extendedCode, SQLiteError.constraintForeignKey, "foreign keys are enforced")
        // Readers keep 1 MiB of pages, the writer SQLite's default (issue 16's memory figures).
        let reader = try Connection(path: path, readOnly: true)
        XCTAssertEqual(try reader.scalar("PRAGMA cache_size", as: Int.self), -1024)
        XCTAssertEqual(try db.scalar("PRAGMA cache_size", as: Int.self), -2000)
    }

    /// Column names are read once per cached statement; a schema change that re-prepares the
    /// statement makes them read again, so a row never carries yesterday's names.
    func testCachedStatementsSeeColumnsAddedOrRenamedLater() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)")
        XCTAssertEqual(try db.queryOne("SELECT * FROM t")?.columnNames, ["a"])
        try db.execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'")
        XCTAssertEqual(try db.queryOne("SELECT * FROM t")?.columnNames, ["a", "b"])
        try db.execute("ALTER TABLE t RENAME COLUMN b TO c")
        let row = try XCTUnwrap(try db.queryOne("SELECT * FROM t"))
        XCTAssertEqual(row.columnNames, ["a", "c"])
        XCTAssertEqual(try row.string("c"), "x")
    }

    func testHostileStringsRoundTripExactly() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")
        let hostile = [
            "'); DROP TABLE t; --",
            "Robert'); DELETE FROM t WHERE ('1' = '1",
            "O'Brien said \"hi\" `x` \\ %_ ?1 :name",
            "before\u{0}after",
            "\u{0}",
            "🇲🇦 👩🏽‍💻 ✅",
            "مرحبا بكم في جماعة الرباط",
            "ⵜⴰⵎⴰⵣⵉⵖⵜ and français: élève, çà",
            "line\nbreak\r\n\ttab",
            "",
        ]
        for value in hostile {
            try db.run("INSERT INTO t (s) VALUES (?)", [value])
            let id = db.lastInsertRowID
            let row = try XCTUnwrap(try db.queryOne("SELECT s, length(CAST(s AS BLOB)) AS bytes FROM t WHERE id = ?", [id]))
            XCTAssertEqual(try row.string("s"), value)
            // The stored byte length proves NULs reached the database, not just both directions.
            XCTAssertEqual(try row.int("bytes"), value.utf8.count, "stored bytes of \(value.debugDescription)")
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM t WHERE s = ?", [value], as: Int.self), 1)
        }
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t", as: Int.self), hostile.count, "the table survived")
        XCTAssertEqual(try db.scalar("SELECT typeof(s) FROM t WHERE s = ?", [""], as: String.self), "text", "empty string is not NULL")
    }

    func testValuesOfEveryKindBindAndDecode() throws {
        let db = try open()
        try db.execute("CREATE TABLE v (i INTEGER, big INTEGER, r REAL, whole REAL, b INTEGER, bytes BLOB, empty BLOB, n TEXT, t TEXT)")
        let noName: String? = nil
        try db.run("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [42, Int64.max, 2.5, 3.0, true, [UInt8]([0, 1, 255]), [UInt8](), noName, SQLValue.text("x")])
        let row = try XCTUnwrap(try db.queryOne("SELECT * FROM v"))
        XCTAssertEqual(row.columnNames, ["i", "big", "r", "whole", "b", "bytes", "empty", "n", "t"])
        XCTAssertEqual(try row.int("i"), 42)
        XCTAssertEqual(try row.int64("big"), Int64.max)
        XCTAssertEqual(try row.double("r"), 2.5)
        XCTAssertEqual(try row.double("whole"), 3.0, "REAL 3.0 decodes as Double")
        XCTAssertEqual(try row.double("i"), 42.0, "Double from an integer is fine")
        XCTAssertEqual(try row.bool("b"), true)
        XCTAssertEqual(try row.blob("bytes"), [0, 1, 255])
        XCTAssertEqual(try row["empty"], .blob([]), "an empty blob is not NULL")
        XCTAssertEqual(try row["n"], .null)
        // A column the query does not return is an error of that read, not the end of the process.
        XCTAssertThrowsError(try row.string("no_such_column")) { error in
            XCTAssertEqual((error as? Row.MissingColumn)?.column, "no_such_column")
            XCTAssertTrue("\(error)".contains("columns: i, big"))
        }
        XCTAssertNil(try row.optionalString("n"))
        XCTAssertNil(try row.optionalInt("n"))
        XCTAssertEqual(try row.optionalInt("i"), 42)
        XCTAssertEqual(try row.optionalString("t"), "x")
        XCTAssertEqual(try row.get("t", as: SQLValue.self), .text("x"))
        XCTAssertEqual(try row.get("i") as Int?, 42)
        XCTAssertEqual(row.values.count, 9)
        XCTAssertTrue(row.hasColumn("i"))
        XCTAssertFalse(row.hasColumn("missing"))

        XCTAssertEqual(try db.scalar("SELECT b FROM v", as: Bool.self), true)
        XCTAssertNil(try db.scalar("SELECT n FROM v", as: String.self), "NULL scalar is nil")
        XCTAssertNil(try db.scalar("SELECT i FROM v WHERE i = ?", [-1], as: Int.self), "no row is nil")
        XCTAssertNil(try db.queryOne("SELECT i FROM v WHERE i = ?", [-1]))
        XCTAssertEqual(try db.query("SELECT i FROM v WHERE i = ?", [-1]).count, 0)
    }

    func testTypeMismatchThrowsNamingTheColumn() throws {
        let db = try open()
        try db.execute("CREATE TABLE m (digits TEXT, i INTEGER, r REAL, n TEXT)")
        try db.run("INSERT INTO m VALUES (?, ?, ?, NULL)", ["12", 7, 1.5])
        let row = try XCTUnwrap(try db.queryOne("SELECT * FROM m"))

        XCTAssertThrowsError(try row.int("digits")) { error in
            let decoding = error as? SQLDecodingError
            XCTAssertEqual(decoding?.column, "digits")
            XCTAssertEqual(decoding?.expected, "Int")
            XCTAssertEqual(decoding?.found, .text("12"))
            XCTAssertTrue("\(error)".contains("\"digits\""), "\(error)")
        }
        XCTAssertThrowsError(try row.string("i"))
        XCTAssertThrowsError(try row.int("r"), "a REAL is not silently truncated")
        XCTAssertThrowsError(try row.bool("digits"))
        XCTAssertThrowsError(try row.string("n"), "NULL is not a String")
        XCTAssertThrowsError(try row.optionalInt("digits"), "Optional still checks the type")
        XCTAssertThrowsError(try row.blob("digits"))
        XCTAssertThrowsError(try db.scalar("SELECT digits FROM m", as: Int.self))
    }

    func testErrorsCarryCodesMessageAndSQL() throws {
        let db = try open()
        try db.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)")
        let insert = "INSERT INTO u (email) VALUES (?)"
        try db.run(insert, ["a@example.ma"])

        let unique = assertSQLiteError(try db.run(insert, ["a@example.ma"]))
        XCTAssertEqual(unique?.code, SQLiteError.constraint)
        XCTAssertEqual(unique?.extendedCode, SQLiteError.constraintUnique)
        XCTAssertEqual(unique?.sql, insert)
        XCTAssertTrue(unique?.isConstraintViolation ?? false)
        XCTAssertTrue(unique?.message.contains("UNIQUE constraint failed: u.email") ?? false, unique?.message ?? "")
        XCTAssertTrue(unique.map { "\($0)" }?.contains(insert) ?? false, "description shows the SQL")
        XCTAssertTrue(unique.map { "\($0)" }?.contains("19/2067") ?? false, unique.map { "\($0)" } ?? "")

        let notNull = assertSQLiteError(try db.run(insert, [SQLValue.null]))
        XCTAssertEqual(notNull?.extendedCode, SQLiteError.constraintNotNull)

        // A failed step leaves the cached statement reset and usable.
        XCTAssertEqual(try db.run(insert, ["b@example.ma"]), 1)

        let syntax = assertSQLiteError(try db.query("SELEC * FROM u"))
        XCTAssertEqual(syntax?.code, 1)
        XCTAssertEqual(syntax?.sql, "SELEC * FROM u")
        XCTAssertTrue(syntax?.message.contains("syntax error") ?? false)

        let noTable = assertSQLiteError(try db.query("SELECT * FROM nowhere"))
        XCTAssertTrue(noTable?.message.contains("no such table: nowhere") ?? false)
    }

    func testBindCountMismatchIsAnError() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (a, b)")
        let tooFew = assertSQLiteError(try db.run("INSERT INTO t VALUES (?, ?)", [1]))
        XCTAssertEqual(tooFew?.code, SQLiteError.range)
        XCTAssertTrue(tooFew?.message.contains("2 parameter(s) but 1 value(s)") ?? false, tooFew?.message ?? "")
        XCTAssertNotNil(assertSQLiteError(try db.run("INSERT INTO t VALUES (?, ?)", [1, 2, 3])))
        XCTAssertNotNil(assertSQLiteError(try db.query("SELECT * FROM t", [1])))
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t", as: Int.self), 0, "nothing was inserted")
    }

    func testRunRefusesSeveralStatementsButExecuteRunsThem() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (a)")
        let error = assertSQLiteError(try db.run("INSERT INTO t VALUES (1); DROP TABLE t"))
        XCTAssertEqual(error?.code, SQLiteError.misuse)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t", as: Int.self), 0)
        // A trailing semicolon or comment is not a second statement.
        try db.run("INSERT INTO t VALUES (?); -- done", [1])

        try db.execute("""
            -- a script
            INSERT INTO t VALUES (2);
            INSERT INTO t VALUES (3);
            """)
        XCTAssertEqual(try db.scalar("SELECT sum(a) FROM t", as: Int.self), 6)

        let failing = assertSQLiteError(try db.execute("INSERT INTO t VALUES (4); INSERT INTO missing VALUES (5); INSERT INTO t VALUES (6)"))
        XCTAssertTrue(failing?.sql?.contains("missing") ?? false, failing?.sql ?? "")
        XCTAssertEqual(try db.scalar("SELECT sum(a) FROM t", as: Int.self), 10, "the script stopped at the failing statement")
    }

    func testRunReturnsChangesAndLastInsertRowID() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER)")
        XCTAssertEqual(try db.run("INSERT INTO t (a) VALUES (?)", [1]), 1)
        XCTAssertEqual(db.lastInsertRowID, 1)
        try db.run("INSERT INTO t (a) VALUES (?)", [1])
        XCTAssertEqual(db.lastInsertRowID, 2)
        XCTAssertEqual(try db.run("UPDATE t SET a = ? WHERE a = ?", [5, 1]), 2)
        XCTAssertEqual(try db.run("DELETE FROM t WHERE a = ?", [0]), 0)
    }

    func testTransactionCommitsAndRollsBackOnThrow() throws {
        struct Abort: Error {}
        let db = try open()
        try db.execute("CREATE TABLE t (a INTEGER)")
        let value = try db.transaction { () throws -> Int in
            try db.run("INSERT INTO t VALUES (?)", [1])
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", [2])
            XCTAssertTrue(db.isInTransaction)
            throw Abort()
        }) { XCTAssertTrue($0 is Abort) }
        XCTAssertFalse(db.isInTransaction)
        XCTAssertEqual(try db.query("SELECT a FROM t").map { try $0.int("a") }, [1])

        // A failing statement inside also rolls back the earlier ones.
        try db.execute("CREATE TABLE u (a INTEGER UNIQUE)")
        XCTAssertThrowsError(try db.transaction {
            try db.run("INSERT INTO u VALUES (?)", [1])
            try db.run("INSERT INTO u VALUES (?)", [1])
        })
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM u", as: Int.self), 0)
    }

    func testNestedTransactionsUseSavepoints() throws {
        struct Abort: Error {}
        let db = try open()
        try db.execute("CREATE TABLE t (a INTEGER)")
        try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", [1])
            do {
                try db.transaction {
                    try db.run("INSERT INTO t VALUES (?)", [2])
                    try db.transaction { try db.run("INSERT INTO t VALUES (?)", [3]) }
                    throw Abort()
                }
            } catch is Abort {}
            try db.transaction { try db.run("INSERT INTO t VALUES (?)", [4]) }
        }
        XCTAssertEqual(try db.query("SELECT a FROM t ORDER BY a").map { try $0.int("a") }, [1, 4],
                       "the inner failure undid only its own work; the outer transaction committed")

        // An outer failure undoes committed inner savepoints too.
        XCTAssertThrowsError(try db.transaction {
            try db.transaction { try db.run("INSERT INTO t VALUES (?)", [5]) }
            throw Abort()
        })
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM t", as: Int.self), 2)
    }

    func testStatementCacheReusesPreparedStatements() throws {
        let db = try open()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, s TEXT)")
        let before = db.cachedStatementCount
        for i in 0..<1000 {
            try db.run("INSERT INTO t (a, s) VALUES (?, ?)", [i, "v\(i)"])
        }
        XCTAssertEqual(db.cachedStatementCount, before + 1, "one prepared statement for 1000 runs")
        for i in stride(from: 0, to: 1000, by: 97) {
            XCTAssertEqual(try db.scalar("SELECT s FROM t WHERE a = ?", [i], as: String.self), "v\(i)",
                           "bindings from one use never leak into the next")
        }
        XCTAssertEqual(db.cachedStatementCount, before + 2)
        XCTAssertEqual(try db.scalar("SELECT sum(a) FROM t", as: Int.self), 999 * 1000 / 2)

        // A cached statement follows schema changes.
        let select = "SELECT * FROM t WHERE id = ?"
        XCTAssertEqual(try db.queryOne(select, [1])?.columnNames, ["id", "a", "s"])
        try db.execute("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'z'")
        XCTAssertEqual(try db.queryOne(select, [1])?.columnNames, ["id", "a", "s", "extra"])
    }

    func testQueryCountCountsStatements() throws {
        let db = try open()
        XCTAssertEqual(db.queryCount, 0, "opening pragmas are not counted")
        try db.execute("CREATE TABLE t (a); CREATE INDEX t_a ON t(a)")
        XCTAssertEqual(db.queryCount, 2)
        db.queryCount = 0
        try db.transaction {
            try db.run("INSERT INTO t VALUES (?)", [1])
            _ = try db.query("SELECT * FROM t")
            _ = try db.queryOne("SELECT * FROM t")
            _ = try db.scalar("SELECT count(*) FROM t", as: Int.self)
        }
        XCTAssertEqual(db.queryCount, 4, "BEGIN/COMMIT are not counted")
    }

    func testUnusablePathsThrowClearMessages() throws {
        let missingDir = "/nonexistent-infitah-dir/x.sqlite"
        let error = assertSQLiteError(try Connection(path: missingDir))
        XCTAssertEqual(error?.code, SQLiteError.cantOpen)
        XCTAssertTrue(error?.message.contains(missingDir) ?? false, error?.message ?? "")
        XCTAssertTrue(error?.message.contains("directory /nonexistent-infitah-dir does not exist") ?? false, error?.message ?? "")

        let dir = try makeTemporaryDirectory(self)
        let directoryError = assertSQLiteError(try Connection(path: dir.path))
        XCTAssertTrue(directoryError?.message.contains("is a directory") ?? false, directoryError.map { "\($0)" } ?? "")

        let notDatabase = dir.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "this is not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: notDatabase))
        let garbage = assertSQLiteError(try Connection(path: notDatabase))
        XCTAssertTrue(garbage?.message.contains(notDatabase) ?? false, garbage?.message ?? "")
        XCTAssertEqual(garbage?.code, 26, "SQLITE_NOTADB")

        let absent = dir.appendingPathComponent("absent.sqlite").path
        let readOnlyError = assertSQLiteError(try Connection(path: absent, readOnly: true))
        XCTAssertTrue(readOnlyError?.message.contains("does not exist") ?? false, readOnlyError?.message ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: absent), "a read-only open creates nothing")
    }

    func testReadOnlyConnectionCannotWrite() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("ro.sqlite").path
        let writer = try Connection(path: path)
        try writer.execute("CREATE TABLE t (a)")
        try writer.run("INSERT INTO t VALUES (?)", [1])
        let reader = try Connection(path: path, readOnly: true)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t", as: Int.self), 1)
        let error = assertSQLiteError(try reader.run("INSERT INTO t VALUES (?)", [2]))
        XCTAssertEqual(error?.code, SQLiteError.readOnly)
        XCTAssertEqual(try reader.transaction { try reader.scalar("SELECT a FROM t", as: Int.self) }, 1)
    }

    func testClosedConnectionThrows() throws {
        let db = try open()
        db.close()
        let error = assertSQLiteError(try db.query("SELECT 1"))
        XCTAssertEqual(error?.code, SQLiteError.misuse)
        db.close()  // closing twice is harmless
    }

    func testBackupCopiesTheDatabase() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try Connection(path: dir.appendingPathComponent("source.sqlite").path)
        try db.execute("CREATE TABLE t (a INTEGER, s TEXT)")
        try db.transaction {
            for i in 0..<2000 { try db.run("INSERT INTO t VALUES (?, ?)", [i, String(repeating: "x", count: 500)]) }
        }
        let target = dir.appendingPathComponent("copy.sqlite").path
        // An older file at the target is replaced.
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try db.backup(to: target)
        XCTAssertFalse(db.isInTransaction)
        try db.run("INSERT INTO t VALUES (?, ?)", [-1, "after"])

        let copy = try Connection(path: target)
        XCTAssertEqual(try copy.scalar("PRAGMA integrity_check", as: String.self), "ok")
        XCTAssertEqual(try copy.scalar("SELECT count(*) FROM t", as: Int.self), 2000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }
}
