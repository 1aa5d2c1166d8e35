import Foundation
import SQLite
import XCTest

final class DatabaseTests: XCTestCase {
    private func openDatabase(readers: Int = 4) throws -> Database {
        let dir = try makeTemporaryDirectory(self)
        let db = try Database(path: dir.appendingPathComponent("store.sqlite").path, readers: readers)
        addTeardownBlock { db.close() }
        // Every write adds +i and -i and bumps the counter by two, so in any committed state
        // count(*) == counter.n and sum(x) == 0. A reader seeing anything else saw a torn write.
        try db.write { c in
            try c.execute("""
                CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER NOT NULL, pad TEXT);
                CREATE TABLE counter (n INTEGER NOT NULL);
                INSERT INTO counter (n) VALUES (0);
                """)
        }
        return db
    }

    private static func writePair(_ db: Database, _ i: Int, pad: String = "") throws {
        try db.write { c in
            try c.run("INSERT INTO t (x, pad) VALUES (?, ?)", [i, pad])
            try c.run("INSERT INTO t (x, pad) VALUES (?, ?)", [-i, pad])
            try c.run("UPDATE counter SET n = n + ?", [2])
        }
    }

    /// Checks the invariant in one read; returns the count seen.
    private static func checkSnapshot(_ c: Connection) throws -> (count: Int, ok: Bool) {
        let count = try c.scalar("SELECT count(*) FROM t", as: Int.self) ?? -1
        let sum = try c.scalar("SELECT coalesce(sum(x), 0) FROM t", as: Int.self) ?? -1
        let n = try c.scalar("SELECT n FROM counter", as: Int.self) ?? -2
        return (count, count == n && sum == 0)
    }

    func testReadersReadConsistentSnapshotsWhileWriterWrites() throws {
        let db = try openDatabase()
        let failures = Failures()
        let writerDone = Flag()
        let group = DispatchGroup()
        let deadline = Date().addingTimeInterval(0.8)

        spawn(group) {
            var i = 1
            while Date() < deadline && i <= 5000 {
                do { try DatabaseTests.writePair(db, i) } catch { failures.record("writer: \(error)") }
                failures.count("writes")
                i += 1
            }
            writerDone.set()
        }
        for r in 0..<3 {
            spawn(group) {
                var last = 0
                var reads = 0
                // Bounded by the writer's end, the deadline, and a count.
                while !writerDone.isSet && Date() < deadline.addingTimeInterval(1) && reads < 100_000 {
                    do {
                        let (count, ok) = try db.read { try DatabaseTests.checkSnapshot($0) }
                        if !ok { failures.record("reader \(r): inconsistent snapshot at count \(count)") }
                        if count < last { failures.record("reader \(r): count went back from \(last) to \(count)") }
                        if count > 0 && !writerDone.isSet { failures.count("reads during writes") }
                        last = count
                    } catch {
                        failures.record("reader \(r): \(error)")
                    }
                    reads += 1
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(failures.all, [], "no SQLITE_BUSY, no torn reads")
        XCTAssertGreaterThan(failures.counter("writes"), 0)
        XCTAssertGreaterThan(failures.counter("reads during writes"), 0)
        let final = try db.read { try DatabaseTests.checkSnapshot($0) }
        XCTAssertTrue(final.ok)
        XCTAssertEqual(final.count, failures.counter("writes") * 2)
    }

    /// A clean close leaves every committed write in the database file itself: a copy of the
    /// `.sqlite` file alone (without its `-wal`) holds them all (issue 15, finding 7).
    func testACleanCloseLeavesEveryWriteInTheDatabaseFile() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("store.sqlite").path
        let db = try Database(path: path, readers: 2)
        try db.write { try $0.execute("CREATE TABLE users (name TEXT NOT NULL)") }
        for name in ["amina", "said"] { try db.write { try $0.run("INSERT INTO users (name) VALUES (?)", [name]) } }
        _ = try db.read { try $0.scalar("SELECT count(*) FROM users", as: Int.self) }
        db.close()
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy + "-wal"))
        let reopened = try Database(path: copy, readers: 1)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.read { try $0.scalar("SELECT count(*) FROM users", as: Int.self) }, 2)
    }

    func testWriteSerializesConcurrentWriters() throws {
        let db = try openDatabase()
        let failures = Failures()
        let group = DispatchGroup()
        let threads = 4, perThread = 40
        for t in 0..<threads {
            spawn(group) {
                for i in 0..<perThread {
                    do { try DatabaseTests.writePair(db, t * 1000 + i + 1) } catch { failures.record("\(error)") }
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 20), .success)
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) }, threads * perThread * 2)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT n FROM counter", as: Int.self) }, threads * perThread * 2)
    }

    func testWriteRollsBackWhenBodyThrows() throws {
        struct Refused: Error {}
        let db = try openDatabase()
        XCTAssertThrowsError(try db.write { c in
            try c.run("INSERT INTO t (x) VALUES (?)", [1])
            throw Refused()
        }) { XCTAssertTrue($0 is Refused) }
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) }, 0)
        // The writer is usable afterwards and its result comes back.
        let id = try db.write { c -> Int64 in
            try c.run("INSERT INTO t (x) VALUES (?)", [1])
            return c.lastInsertRowID
        }
        XCTAssertEqual(try db.read { try $0.scalar("SELECT x FROM t WHERE id = ?", [id], as: Int.self) }, 1)
        XCTAssertEqual(try db.read { try $0.scalar("PRAGMA journal_mode", as: String.self) }, "wal")
    }

    func testReadersCannotWrite() throws {
        let db = try openDatabase(readers: 1)
        let error = assertSQLiteError(try db.read { try $0.run("INSERT INTO t (x) VALUES (?)", [1]) })
        XCTAssertEqual(error?.code, SQLiteError.readOnly)
    }

    func testReadWaitsForAFreeReader() throws {
        let db = try openDatabase(readers: 1)
        let failures = Failures()
        let group = DispatchGroup()
        for _ in 0..<4 {
            spawn(group) {
                for _ in 0..<25 {
                    do { _ = try db.read { try $0.scalar("SELECT count(*) FROM t", as: Int.self) } } catch { failures.record("\(error)") }
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(failures.all, [])
    }

    func testQueryCountAcrossReadAndWrite() throws {
        let db = try openDatabase()
        db.resetQueryCount()
        try DatabaseTests.writePair(db, 1)
        _ = try db.read { try DatabaseTests.checkSnapshot($0) }
        XCTAssertEqual(db.queryCount, 6)
    }

    func testBackupWhileWritingGivesConsistentSnapshot() throws {
        let db = try openDatabase()
        // About 2 MB, so the backup takes several steps.
        let pad = String(repeating: "p", count: 1000)
        try db.write { c in
            for i in 1...1000 {
                try c.run("INSERT INTO t (x, pad) VALUES (?, ?)", [i, pad])
                try c.run("INSERT INTO t (x, pad) VALUES (?, ?)", [-i, pad])
            }
            try c.run("UPDATE counter SET n = ?", [2000])
        }
        let failures = Failures()
        let stop = Flag()
        let group = DispatchGroup()
        spawn(group) {
            var i = 2000
            let deadline = Date().addingTimeInterval(5)
            while !stop.isSet && Date() < deadline {
                do { try DatabaseTests.writePair(db, i, pad: pad) } catch { failures.record("writer: \(error)") }
                failures.count("writes")
                i += 1
            }
        }
        // Let the writer get going, bounded in time.
        let start = Date()
        while failures.counter("writes") < 5 && Date().timeIntervalSince(start) < 2 { usleep(1000) }

        let dir = try makeTemporaryDirectory(self)
        let target = dir.appendingPathComponent("backup.sqlite").path
        try db.backup(to: target)
        let writesDuringBackup = failures.counter("writes")
        stop.set()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(failures.all, [])
        XCTAssertGreaterThan(writesDuringBackup, 0)

        let copy = try Connection(path: target)
        XCTAssertEqual(try copy.scalar("PRAGMA integrity_check", as: String.self), "ok")
        let snapshot = try DatabaseTests.checkSnapshot(copy)
        XCTAssertTrue(snapshot.ok, "the backup is one committed state")
        XCTAssertGreaterThanOrEqual(snapshot.count, 2000)
    }

    func testClosedDatabaseThrows() throws {
        let db = try openDatabase()
        db.close()
        XCTAssertEqual(assertSQLiteError(try db.read { _ in 1 })?.code, SQLiteError.misuse)
        XCTAssertEqual(assertSQLiteError(try db.write { _ in 1 })?.code, SQLiteError.misuse)
    }

    func testUnusablePathThrows() {
        let error = assertSQLiteError(try Database(path: "/nonexistent-infitah-dir/store.sqlite"))
        XCTAssertTrue(error?.message.contains("does not exist") ?? false, error?.message ?? "")
    }
}
