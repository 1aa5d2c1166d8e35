import Foundation
import XCTest
@testable import SQLite

/// Group commit: concurrent `write` callers share one transaction and one COMMIT, yet each
/// keeps the promise of a lone write: its work is on disk when `write` returns, and a body that
/// throws loses only its own work.
final class GroupCommitTests: XCTestCase {
    private func openDatabase() throws -> Database {
        let dir = try makeTemporaryDirectory(self)
        let db = try Database(path: dir.appendingPathComponent("store.sqlite").path, readers: 2)
        addTeardownBlock { db.close() }
        try db.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, caller TEXT NOT NULL UNIQUE)") }
        return db
    }

    /// A connection of its own, so what it sees is what is committed to the file.
    private func freshConnection(_ db: Database) throws -> Connection {
        let connection = try Connection(path: db.path, readOnly: true)
        addTeardownBlock { connection.close() }
        return connection
    }

    /// Waits (bounded) until `n` writes are queued behind the one running.
    private func waitForQueue(_ db: Database, _ n: Int) {
        let deadline = Date().addingTimeInterval(5)
        while db.queuedWrites < n && Date() < deadline { usleep(1000) }
        XCTAssertEqual(db.queuedWrites, n, "the writers must queue behind the running body")
    }

    func testManyThreadsWritingEachSeesItsRowCommittedWhenWriteReturns() throws {
        let db = try openDatabase()
        let failures = Failures()
        let group = DispatchGroup()
        let threads = 8, perThread = 40
        let path = db.path
        for t in 0..<threads {
            spawn(group) {
                do {
                    // Each thread checks through its own connection, outside any transaction.
                    let check = try Connection(path: path, readOnly: true)
                    defer { check.close() }
                    for i in 0..<perThread {
                        let caller = "\(t)-\(i)"
                        let id = try db.write { c -> Int64 in
                            try c.run("INSERT INTO t (caller) VALUES (?)", [caller])
                            return c.lastInsertRowID
                        }
                        let seen = try check.scalar("SELECT caller FROM t WHERE id = ?", [id], as: String.self)
                        if seen != caller { failures.record("\(caller): row \(id) reads \(seen ?? "nothing") after write returned") }
                    }
                } catch {
                    failures.record("thread \(t): \(error)")
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try freshConnection(db).scalar("SELECT count(*) FROM t", as: Int.self), threads * perThread)
    }

    func testQueuedWritesShareOneGroupAndAFailingBodyLosesOnlyItsOwnWork() throws {
        struct Refused: Error {}
        let db = try openDatabase()
        let generation = db.writeGeneration
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let failures = Failures()
        let outcomes = Outcomes()

        // The first writer holds the writer until the others are queued, so they form one group.
        spawn(group) {
            do {
                try db.write { c in
                    try c.run("INSERT INTO t (caller) VALUES ('first')")
                    started.signal()
                    release.wait()
                }
            } catch { failures.record("first: \(error)") }
        }
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success)
        let names = ["a", "b", "bad", "c", "d"]
        for name in names {
            spawn(group) {
                let caller = pthread_self()
                do {
                    try db.write { c in
                        outcomes.ranOnCaller(name, pthread_equal(caller, pthread_self()) != 0)
                        try c.run("INSERT INTO t (caller) VALUES (?)", [name])
                        if name == "bad" {
                            try c.run("INSERT INTO t (caller) VALUES ('bad-2')")
                            throw Refused()
                        }
                    }
                    outcomes.finished(name, error: nil)
                } catch {
                    outcomes.finished(name, error: error)
                }
            }
        }
        waitForQueue(db, names.count)
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(failures.all, [])

        // Only the failing caller got an error, and only its rows are missing.
        for name in names where name != "bad" { XCTAssertTrue(outcomes.succeeded(name), name) }
        XCTAssertTrue(outcomes.error("bad") is Refused)
        let stored = try freshConnection(db).query("SELECT caller FROM t ORDER BY caller").map { try $0.string("caller") }
        XCTAssertEqual(stored, ["a", "b", "c", "d", "first"])
        // One group: a single leader ran the five queued bodies, so at most one ran on its caller's thread.
        XCTAssertLessThanOrEqual(outcomes.onCallerCount, 1)
        XCTAssertEqual(db.writeGeneration, generation + 2, "each group that changed rows moves the generation once: the first writer's, then the five queued")
    }

    func testNestedWriteIsASavepointOfTheGroup() throws {
        struct Refused: Error {}
        let db = try openDatabase()
        let generation = db.writeGeneration
        db.resetQueryCount()
        try db.write { c in
            try c.run("INSERT INTO t (caller) VALUES ('outer')")
            // A nested write that fails undoes only itself; one that succeeds stays.
            XCTAssertThrowsError(try db.write { inner in
                try inner.run("INSERT INTO t (caller) VALUES ('inner-undone')")
                throw Refused()
            })
            try db.write { inner in try inner.run("INSERT INTO t (caller) VALUES ('inner')") }
        }
        XCTAssertEqual(try freshConnection(db).query("SELECT caller FROM t ORDER BY caller").map { try $0.string("caller") },
                       ["inner", "outer"])
        XCTAssertEqual(db.writeGeneration, generation + 1, "the nested writes are part of the outer one")
        XCTAssertEqual(db.queryCount, 3, "each statement counted once, nested or not")
    }

    func testAWriteThatChangesNoRowKeepsTheGeneration() throws {
        struct Refused: Error {}
        let db = try openDatabase()
        let generation = db.writeGeneration
        // What the search indexer does every second when nothing is waiting to be indexed.
        try db.write { c in
            _ = try c.scalar("SELECT count(*) FROM t", as: Int.self)
            try c.run("UPDATE t SET caller = 'x' WHERE caller = 'nobody'")
            try c.run("DELETE FROM t WHERE caller = 'nobody'")
        }
        XCTAssertEqual(db.writeGeneration, generation, "cached pages stay current after a write that changed nothing")
        try db.write { try $0.run("INSERT INTO t (caller) VALUES ('someone')") }
        XCTAssertEqual(db.writeGeneration, generation + 1)
        try db.write { try $0.run("UPDATE t SET caller = 'someone else' WHERE caller = 'someone'") }
        XCTAssertEqual(db.writeGeneration, generation + 2)
        // A change rolled back may still move it: a cache drops a page it could have kept, never
        // keeps one it should have dropped.
        XCTAssertThrowsError(try db.write { c in
            try c.run("INSERT INTO t (caller) VALUES ('undone')")
            throw Refused()
        })
        XCTAssertGreaterThanOrEqual(db.writeGeneration, generation + 2)
        XCTAssertEqual(try freshConnection(db).scalar("SELECT count(*) FROM t", as: Int.self), 1)
    }

    func testWriteAfterCloseThrowsForEveryQueuedCaller() throws {
        let db = try openDatabase()
        db.close()
        let error = assertSQLiteError(try db.write { try $0.run("INSERT INTO t (caller) VALUES ('late')") })
        XCTAssertEqual(error?.code, SQLiteError.misuse)
    }
}

/// What each writer thread saw, for the test thread to check.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String: (any Error)?] = [:]
    private var onCaller = 0

    func ranOnCaller(_ name: String, _ yes: Bool) {
        lock.lock(); defer { lock.unlock() }
        if yes { onCaller += 1 }
    }

    func finished(_ name: String, error: (any Error)?) {
        lock.lock(); defer { lock.unlock() }
        errors[name] = .some(error)
    }

    func succeeded(_ name: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard let entry = errors[name] else { return false }
        return entry == nil
    }

    func error(_ name: String) -> (any Error)? {
        lock.lock(); defer { lock.unlock() }
        return errors[name] ?? nil
    }

    var onCallerCount: Int {
        lock.lock(); defer { lock.unlock() }
        return onCaller
    }
}
