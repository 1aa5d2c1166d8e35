import Foundation
import SQLite
import XCTest

final class MigratorTests: XCTestCase {
    private var migrations: URL!
    private var db: Connection!

    override func setUpWithError() throws {
        let dir = try makeTemporaryDirectory(self)
        migrations = dir.appendingPathComponent("Migrations", isDirectory: true)
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        db = try Connection(path: dir.appendingPathComponent("app.sqlite").path)
    }

    private func write(_ name: String, _ sql: String, in folder: URL? = nil) throws {
        try Data(sql.utf8).write(to: (folder ?? migrations).appendingPathComponent(name))
    }

    private func tables() throws -> [String] {
        try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { try $0.string("name") }
    }

    private func migrationError(_ body: @autoclosure () throws -> Any) -> MigrationError? {
        do {
            _ = try body()
            XCTFail("expected a MigrationError")
        } catch let error as MigrationError {
            return error
        } catch {
            XCTFail("expected a MigrationError, got \(error)")
        }
        return nil
    }

    func testFreshDatabaseAppliesFilesInNumberOrder() throws {
        // 0002 depends on 0001, and is written first so directory order cannot be relied on.
        try write("0002_add_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, list_id INTEGER REFERENCES lists(id));\nINSERT INTO lists (name) VALUES ('first');")
        try write("0001_init.sql", "CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
        try write("0010_later.sql", "CREATE TABLE later (a);")
        // Not migrations: wrong names, other extensions, subfolders.
        try write("README.md", "not sql")
        try write("0003_Bad_Case.sql", "CREATE TABLE bad_case (a);")
        try write("3_short.sql", "CREATE TABLE short (a);")
        try write("0004-dash.sql", "CREATE TABLE dash (a);")
        try write("0005_x.sql.bak", "CREATE TABLE bak (a);")
        let sub = migrations.appendingPathComponent("old", isDirectory: true)
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try write("0006_nested.sql", "CREATE TABLE nested (a);", in: sub)

        let migrator = Migrator(directory: migrations)
        XCTAssertEqual(try migrator.pending(db), ["0001_init.sql", "0002_add_items.sql", "0010_later.sql"])
        XCTAssertEqual(try migrator.migrate(db), ["0001_init.sql", "0002_add_items.sql", "0010_later.sql"])
        XCTAssertEqual(try tables(), ["items", "later", "lists", "schema_migrations"])
        XCTAssertEqual(try db.scalar("SELECT name FROM lists", as: String.self), "first")

        let recorded = try db.query("SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name")
        XCTAssertEqual(try recorded.map { try $0.string("name") }, ["0001_init.sql", "0002_add_items.sql", "0010_later.sql"])
        for row in recorded {
            XCTAssertEqual(try row.string("checksum").count, 64)
            XCTAssertTrue(try row.string("applied_at").hasSuffix("Z"))
        }

        XCTAssertEqual(try migrator.pending(db), [])
        XCTAssertEqual(try migrator.migrate(db), [], "running again applies nothing")
    }

    func testChecksumIsSHA256OfTheFileBytes() throws {
        try write("0001_a.sql", "CREATE TABLE a (x INTEGER);\n")
        // Longer than one 64-byte block, to cover the multi-block path.
        try write("0002_b.sql", "-- " + String(repeating: "x", count: 100) + "\nCREATE TABLE b (y TEXT);\n")
        try Migrator(directory: migrations).migrate(db)
        let sums = try db.query("SELECT checksum FROM schema_migrations ORDER BY name").map { try $0.string("checksum") }
        // Reference values from `sha256sum`.
        XCTAssertEqual(sums, ["6eb120b0a70656b1b48169154fa40d24182151dc0e057b785e20e96f007a610e",
                              "6eac9770e3aeed3fddb3651074df83d460a57506cb221e22336dbae74312b8aa"])
    }

    func testAddingAFileLaterAppliesOnlyThatFile() throws {
        try write("0001_init.sql", "CREATE TABLE a (x);")
        let migrator = Migrator(directory: migrations)
        XCTAssertEqual(try migrator.migrate(db), ["0001_init.sql"])
        try db.run("INSERT INTO a (x) VALUES (?)", [1])

        try write("0002_more.sql", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new';")
        XCTAssertEqual(try migrator.pending(db), ["0002_more.sql"])
        XCTAssertEqual(try migrator.migrate(db), ["0002_more.sql"])
        XCTAssertEqual(try db.scalar("SELECT y FROM a", as: String.self), "new", "existing data kept")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM schema_migrations", as: Int.self), 2)
    }

    func testFailingFileIsRolledBackAndNamed() throws {
        try write("0001_init.sql", "CREATE TABLE a (x);")
        try write("0002_broken.sql", "CREATE TABLE half (x);\nINSERT INTO a (x) VALUES (1);\nCREATE TABLEE oops (y);")
        try write("0003_after.sql", "CREATE TABLE after_broken (x);")
        let migrator = Migrator(directory: migrations)

        let error = migrationError(try migrator.migrate(db))
        let text = error.map { "\($0)" } ?? ""
        XCTAssertTrue(text.contains("0002_broken.sql"), text)
        XCTAssertTrue(text.contains("syntax error"), text)
        guard case .failed(let name, let sqlite)? = error?.kind else { return XCTFail("wrong kind: \(text)") }
        XCTAssertEqual(name, "0002_broken.sql")
        XCTAssertEqual(sqlite.code, 1)

        XCTAssertEqual(try tables(), ["a", "schema_migrations"], "0001 stays; 0002 rolled back; 0003 not run")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM a", as: Int.self), 0)
        XCTAssertEqual(try migrator.pending(db), ["0002_broken.sql", "0003_after.sql"])
        XCTAssertFalse(db.isInTransaction)

        // Fixing the file lets the run continue where it stopped.
        try write("0002_broken.sql", "CREATE TABLE half (x);")
        XCTAssertEqual(try migrator.migrate(db), ["0002_broken.sql", "0003_after.sql"])
    }

    func testEditedAppliedFileRefusesToRun() throws {
        try write("0001_init.sql", "CREATE TABLE a (x);")
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(db)
        try write("0001_init.sql", "CREATE TABLE a (x, y);")
        try write("0002_next.sql", "CREATE TABLE b (x);")

        let error = migrationError(try migrator.migrate(db))
        let text = error.map { "\($0)" } ?? ""
        XCTAssertTrue(text.contains("migration 0001_init.sql was changed after it was applied"), text)
        XCTAssertTrue(text.contains("restore it or add a new migration"), text)
        guard case .edited(let name, let recorded, let now)? = error?.kind else { return XCTFail("wrong kind: \(text)") }
        XCTAssertEqual(name, "0001_init.sql")
        XCTAssertNotEqual(recorded, now)
        XCTAssertNotNil(migrationError(try migrator.pending(db)))
        XCTAssertEqual(try tables(), ["a", "schema_migrations"], "nothing applied, not even the new file")
    }

    func testMissingAppliedFileRefusesToRun() throws {
        try write("0001_init.sql", "CREATE TABLE a (x);")
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(db)
        try FileManager.default.removeItem(at: migrations.appendingPathComponent("0001_init.sql"))
        try write("0002_next.sql", "CREATE TABLE b (x);")
        let error = migrationError(try migrator.migrate(db))
        guard case .missingFile(let name)? = error?.kind else { return XCTFail("wrong kind: \(String(describing: error))") }
        XCTAssertEqual(name, "0001_init.sql")
        XCTAssertFalse(try tables().contains("b"))
    }

    func testDuplicateNumberRefusesToRun() throws {
        try write("0001_a.sql", "CREATE TABLE a (x);")
        try write("0001_b.sql", "CREATE TABLE b (x);")
        let error = migrationError(try Migrator(directory: migrations).migrate(db))
        XCTAssertTrue(error.map { "\($0)" }?.contains("0001_a.sql and 0001_b.sql") ?? false)
        XCTAssertEqual(try tables(), ["schema_migrations"])
    }

    func testMissingDirectoryIsReported() throws {
        let missing = migrations.appendingPathComponent("nope")
        let error = migrationError(try Migrator(directory: missing).migrate(db))
        XCTAssertTrue(error.map { "\($0)" }?.contains(missing.path) ?? false)
    }

    func testFilesAreNeverModified() throws {
        let contents = ["0001_init.sql": "CREATE TABLE a (x);\n", "0002_bad.sql": "NOT SQL AT ALL;"]
        for (name, sql) in contents { try write(name, sql) }
        let fm = FileManager.default
        func snapshot() throws -> [String: [String]] {
            var result: [String: [String]] = [:]
            for name in try fm.contentsOfDirectory(atPath: migrations.path) {
                let url = migrations.appendingPathComponent(name)
                let attributes = try fm.attributesOfItem(atPath: url.path)
                result[name] = [String(decoding: try Data(contentsOf: url), as: UTF8.self),
                                "\(attributes[.modificationDate] ?? "")", "\(attributes[.posixPermissions] ?? "")"]
            }
            return result
        }
        let before = try snapshot()
        XCTAssertNotNil(migrationError(try Migrator(directory: migrations).migrate(db)))
        XCTAssertEqual(try snapshot(), before, "no file created, changed or removed")
    }

    func testMigrateThroughDatabaseUsesTheWriter() throws {
        try write("0001_init.sql", "CREATE TABLE a (x);")
        try write("0002_bad.sql", "CREATE TABLE b (x); SELECT nonsense(;")
        let dbPath = db.path + ".db2"
        let database = try Database(path: dbPath, readers: 1)
        defer { database.close() }
        let migrator = Migrator(directory: migrations)
        XCTAssertNotNil(migrationError(try migrator.migrate(database)))
        // 0001 committed on its own even though 0002 failed in the same run.
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) }, 1)
        try write("0002_bad.sql", "CREATE TABLE b (x);")
        XCTAssertEqual(try migrator.migrate(database), ["0002_bad.sql"])
    }
}
