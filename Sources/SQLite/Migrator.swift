import Foundation

/// Brings a database schema up to date from numbered SQL files (`Migrations/0001_init.sql`,
/// `0002_add_x.sql`, …). Files are applied in number order, each in its own transaction
/// together with its row in `schema_migrations`, so a file is either fully applied and
/// recorded or not at all. The recorded SHA-256 of each file lets us refuse to run when an
/// applied file was edited afterwards: the live schema would silently differ from a fresh one.
///
/// Files must not contain their own BEGIN/COMMIT. Because each file runs inside a transaction,
/// `PRAGMA foreign_keys = OFF` has no effect there; a table rebuild should use
/// `PRAGMA defer_foreign_keys = ON` instead, which checks the keys at commit. Only files directly in the directory whose
/// names match `^[0-9]{4}_[a-z0-9_]+\.sql$` count; anything else (subfolders, README) is ignored.
/// The migrator only reads the files, never changes them.
public struct Migrator: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// A migration file on disk.
    struct File {
        let name: String
        let sql: String
        let checksum: String
    }

    /// Applies every pending file in order and returns the names applied now.
    /// Checks every applied file first (still present, unchanged) and applies nothing if one is not.
    /// When a file fails it is rolled back, files before it stay applied, and the error names it.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        let pendingFiles = try plan(connection)
        var applied: [String] = []
        for file in pendingFiles {
            do {
                try connection.transaction {
                    try connection.execute(file.sql)
                    try connection.run(
                        "INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                        [file.name, file.checksum])
                }
            } catch let error as SQLiteError {
                throw MigrationError(.failed(name: file.name, error))
            }
            applied.append(file.name)
        }
        return applied
    }

    /// Migrates using the database's writer, outside any surrounding transaction so that each
    /// file commits on its own.
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        try database.withWriter { try migrate($0) }
    }

    /// Names of files not yet applied, in the order `migrate` would apply them.
    /// Throws like `migrate` when an applied file is missing or was edited.
    public func pending(_ connection: Connection) throws -> [String] {
        try plan(connection).map(\.name)
    }

    private func plan(_ connection: Connection) throws -> [File] {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name TEXT PRIMARY KEY,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let files = try readFiles()
        var recorded: [String: String] = [:]
        for row in try connection.query("SELECT name, checksum FROM schema_migrations ORDER BY name") {
            recorded[try row.string("name")] = try row.string("checksum")
        }
        let onDisk = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })
        for (name, checksum) in recorded.sorted(by: { $0.key < $1.key }) {
            guard let file = onDisk[name] else { throw MigrationError(.missingFile(name: name)) }
            if file.checksum != checksum {
                throw MigrationError(.edited(name: name, recordedChecksum: checksum, fileChecksum: file.checksum))
            }
        }
        return files.filter { recorded[$0.name] == nil }
    }

    /// The migration files, sorted by number.
    func readFiles() throws -> [File] {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError(.unreadableDirectory(path: directory.path, reason: "\(error.localizedDescription)"))
        }
        var files: [File] = []
        for name in entries.sorted() where Migrator.isMigrationName(name) {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: url))
            } catch {
                throw MigrationError(.unreadableDirectory(path: url.path, reason: "\(error.localizedDescription)"))
            }
            if let previous = files.last, previous.name.prefix(4) == name.prefix(4) {
                throw MigrationError(.duplicateNumber(first: previous.name, second: name))
            }
            files.append(File(name: name, sql: String(decoding: bytes, as: UTF8.self), checksum: SHA256.hex(bytes)))
        }
        return files
    }

    /// Whether `name` matches `^[0-9]{4}_[a-z0-9_]+\.sql$`.
    static func isMigrationName(_ name: String) -> Bool {
        guard name.hasSuffix(".sql") else { return false }
        let stem = Array(name.utf8.dropLast(4))
        guard stem.count >= 6, stem[4] == UInt8(ascii: "_") else { return false }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        let isLower = { (c: UInt8) in c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") }
        return stem[0..<4].allSatisfy(isDigit)
            && stem[5...].allSatisfy { isDigit($0) || isLower($0) || $0 == UInt8(ascii: "_") }
    }
}

/// Why the schema could not be brought up to date, worded for the person deploying:
/// which file, what happened, and what to do about it.
public struct MigrationError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file's SQL failed; it was rolled back and nothing after it ran.
        case failed(name: String, SQLiteError)
        /// The file changed after it was applied.
        case edited(name: String, recordedChecksum: String, fileChecksum: String)
        /// A file recorded as applied is no longer in the directory.
        case missingFile(name: String)
        /// Two files share a number, so their order is ambiguous.
        case duplicateNumber(first: String, second: String)
        /// The directory or a file in it could not be read.
        case unreadableDirectory(path: String, reason: String)
    }

    public let kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .failed(let name, let error):
            return "migration \(name) failed and was rolled back (earlier migrations stay applied): \(error)"
        case .edited(let name, let recorded, let file):
            return "migration \(name) was changed after it was applied (checksum recorded \(recorded.prefix(12))…, file now \(file.prefix(12))…); restore it or add a new migration"
        case .missingFile(let name):
            return "migration \(name) was applied but its file is missing; restore it (applied migrations must stay in the directory)"
        case .duplicateNumber(let first, let second):
            return "migrations \(first) and \(second) share a number; renumber one so the order is clear"
        case .unreadableDirectory(let path, let reason):
            return "cannot read migrations at \(path): \(reason)"
        }
    }
}
