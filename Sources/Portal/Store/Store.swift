import Foundation
import SQLite

/// Opens the portal's SQLite file the way the portal needs it: migrated to the schema in
/// Migrations/, with the demo data from Migrations/demo/ loaded into an empty database,
/// so that `swift run infitah` on a fresh machine shows the real programs at once.
public enum Store {
    /// Why the store could not be opened, in one line a person can act on.
    public struct OpenError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Migrates (and seeds, if empty and asked) the file at `path`, then opens the pool.
    public static func open(path: String, migrations: URL, loadDemo: Bool, readers: Int = 4) throws -> Database {
        try prepare(path: path, migrations: migrations, loadDemo: loadDemo)
        return try Database(path: path, readers: readers)
    }

    /// Applies pending migrations and, when the database holds no commune yet and
    /// `loadDemo` is set, the demo data. Returns the names of the migrations applied.
    @discardableResult
    public static func prepare(path: String, migrations: URL, loadDemo: Bool) throws -> [String] {
        try checkUsable(path)
        let connection = try Connection(path: path)
        defer { connection.close() }
        let applied = try Migrator(directory: migrations).migrate(connection)
        if loadDemo, try connection.scalar("SELECT count(*) FROM communes", as: Int.self) == 0 {
            try loadDemoData(into: connection, from: migrations.appendingPathComponent("demo"))
        }
        return applied
    }

    /// The demo file holding the sandbox's changes after its consultation, run between its
    /// two frozen versions (see `loadDemoData`).
    static let demoAmendments = "08_demo_amendments.sql"

    /// Runs every `*.sql` file of the demo folder, in name order, and freezes the demo's
    /// versions (issue 6): each documented program once, as it stands; the sandbox `demo`
    /// once as the draft put to consultation, then again after `08_demo_amendments.sql`, so
    /// that its versions page has a real difference to show.
    ///
    /// All of it is one transaction, for two reasons: either all of the demo is there or none
    /// of it is (a half-loaded demo would not be reloaded, since the store is no longer empty);
    /// and a frozen version can never be deleted, so versions frozen by a load that then
    /// failed must disappear with that load's rollback rather than stay behind.
    public static func loadDemoData(into connection: Connection, from directory: URL) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".sql") }.sorted()
        func run(_ file: String) throws {
            let script = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            do { try connection.execute(script) } catch {
                throw OpenError(description: "demo data \(file) failed: \(error)")
            }
        }
        try connection.transaction {
            for file in files where file != demoAmendments { try run(file) }
            // A store migrated with an older set of migrations (a test of an upgrade) has no
            // versions table: it gets the same demo data, without versions.
            let hasVersions = try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                    ["program_versions"], as: Int.self) == 1
            if hasVersions {
                do { try freezeDemoVersions(connection) } catch {
                    throw OpenError(description: "demo versions could not be frozen: \(error)")
                }
            }
            guard files.contains(demoAmendments) else { return }
            try run(demoAmendments)
            guard hasVersions, let sandbox = try connection.scalar("""
                SELECT p.id FROM programs p JOIN communes c ON c.id = p.commune_id WHERE c.slug = ? AND p.period = ?
                """, ["demo", "2025-2026"], as: Int.self) else { return }
            try ProgramVersions.freeze(connection, programID: sandbox, reason: .publish,
                                       label: Localized(arabic: "المشروع المعدل خلال الاستشارة العمومية (مثال)",
                                                        french: "Le projet amendé pendant la consultation publique (exemple)"),
                                       isPublic: true, by: nil)
        }
    }

    /// Version 1 of every demo program, named after the state it is in. Public from the
    /// consultation draft on (issue 6); a program still in co-preparation (Beni Mellal) is
    /// frozen too, but for the admin area only.
    private static func freezeDemoVersions(_ connection: Connection) throws {
        let programs = try connection.query("SELECT id, status FROM programs ORDER BY id").map {
            (id: try $0.int("id"), status: try $0.string("status"))
        }
        for program in programs {
            let label: Localized, reason: ProgramVersions.Reason, isPublic: Bool
            switch program.status {
            case "adopted", "in-execution", "closed":
                (label, reason, isPublic) = (Localized(arabic: "البرنامج المصادق عليه", french: "Le programme adopté"), .transition, true)
            case "co-preparation":
                (label, reason, isPublic) = (Localized(arabic: "عمل في طور الإعداد المشترك", french: "Travail en co-construction"),
                                             .transition, false)
            default:
                (label, reason, isPublic) = (Localized(arabic: "مشروع البرنامج المعروض على الاستشارة العمومية",
                                                       french: "Le projet de programme soumis à la consultation publique"),
                                             .publish, true)
            }
            try ProgramVersions.freeze(connection, programID: program.id, reason: reason, label: label, isPublic: isPublic, by: nil)
        }
    }

    /// A clear refusal before SQLite gives a vaguer one: the folder must exist and the
    /// path must not be a folder.
    static func checkUsable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OpenError(description: "database path \(path) is a directory, not a file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw OpenError(description: "cannot create database \(path): folder \(folder) does not exist")
        }
        if !FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: folder) {
            throw OpenError(description: "cannot create database \(path): folder \(folder) is not writable")
        }
    }
}
