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

    /// Runs every `*.sql` file of the demo folder, in name order, in one transaction:
    /// either all of the demo is there or none of it is.
    public static func loadDemoData(into connection: Connection, from directory: URL) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".sql") }.sorted()
        try connection.transaction {
            for file in files {
                let script = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                do { try connection.execute(script) } catch {
                    throw OpenError(description: "demo data \(file) failed: \(error)")
                }
            }
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
