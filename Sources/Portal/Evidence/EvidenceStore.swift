import Foundation
import HTTP
import SQLite
import Templates

/// Every read and write of evidence (Migrations/0016): files stored once by their SHA-256, the
/// links that attach them to progress entries and measured values, and the reads that serve them.
/// All the feature's SQL is here; writes record their audit entries in the caller's transaction.
enum EvidenceStore {
    /// Public or internal: who may download a linked file.
    enum Visibility: String, CaseIterable {
        case `public`, `internal`
    }

    /// One link as pages list it (no bytes).
    struct Item: Equatable {
        var id: Int
        var fileID: Int
        var sha256: String
        var kind: EvidenceFile.Kind
        var size: Int
        var visibility: Visibility
        var fileName: String
        var progressID: Int?
        var valueID: Int?
        var recordedAt: String
    }

    /// A stored file ready to be served.
    struct Stored: Equatable {
        var fileID: Int
        var sha256: String
        var kind: EvidenceFile.Kind
        var size: Int
    }

    // MARK: - Writes

    /// Stores `file` unless the same bytes are already stored; returns the file's row id.
    static func store(_ file: EvidenceFile, at date: Date, _ db: Connection) throws -> (id: Int, sha256: String) {
        let sha = SHA256.hex(file.bytes)
        try db.run("""
            INSERT INTO evidence_files (sha256, media_type, size, stored_at, content) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            """, [sha, file.kind.mediaType, file.bytes.count, Timestamp.text(date), file.bytes])
        guard let id = try db.scalar("SELECT id FROM evidence_files WHERE sha256 = ?", [sha], as: Int.self) else {
            throw SQLiteError(code: SQLiteError.misuse, message: "evidence file \(sha) not found after storing it")
        }
        return (id, sha)
    }

    /// What a link cites.
    enum Target: Equatable {
        case progress(Int)
        case value(Int)
    }

    /// Stores `file` and links it to `target`; returns the link's id. Audited.
    @discardableResult
    static func attach(_ file: EvidenceFile, to target: Target, visibility: Visibility, fileName: String, audit: Audit,
                       communeID: Int, programID: Int, _ db: Connection) throws -> Int {
        let stored = try store(file, at: audit.at, db)
        var progressID: Int? = nil, valueID: Int? = nil
        switch target {
        case .progress(let id): progressID = id
        case .value(let id): valueID = id
        }
        let name = cleanName(fileName, kind: file.kind)
        try db.run("""
            INSERT INTO evidence (file_id, progress_id, value_id, visibility, file_name, recorded_at, recorded_by, recorded_by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [stored.id, progressID, valueID, visibility.rawValue, name, Timestamp.text(audit.at), audit.userID, audit.userName])
        let id = Int(db.lastInsertRowID)
        let fields: [(String, String?)] = [
            ("sha256", stored.sha256), ("media_type", file.kind.mediaType), ("size", String(file.bytes.count)),
            ("progress_id", progressID.map(String.init)), ("value_id", valueID.map(String.init)),
            ("visibility", visibility.rawValue), ("file_name", name),
        ]
        for (field, value) in fields where value != nil {
            try audit.record(db, action: "create", entity: "evidence", entityID: id, field: field, after: value,
                             communeID: communeID, programID: programID)
        }
        return id
    }

    /// A file name as staff will read it: the last path component, without control characters,
    /// at most 120 characters; a name made up from the type when nothing usable is left.
    static func cleanName(_ name: String, kind: EvidenceFile.Kind) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { !$0.properties.isNoncharacterCodePoint
            && $0.properties.generalCategory != .control && $0.properties.generalCategory != .format }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "evidence." + kind.fileExtension : String(clean.prefix(120))
    }

    /// Makes link `item` public or internal; audited when it changes.
    static func setVisibility(_ item: Item, to visibility: Visibility, audit: Audit, communeID: Int, programID: Int, _ db: Connection) throws {
        guard item.visibility != visibility else { return }
        try db.run("UPDATE evidence SET visibility = ? WHERE id = ?", [visibility.rawValue, item.id])
        try audit.record(db, action: "update", entity: "evidence", entityID: item.id, field: "visibility",
                         before: item.visibility.rawValue, after: visibility.rawValue, communeID: communeID, programID: programID)
    }

    // MARK: - Reads

    /// The activity (for a progress entry) or the indicator (for a measured value) a link documents.
    static func owner(_ db: Connection, _ item: Item) throws -> (activityID: Int?, indicatorID: Int?) {
        if let progressID = item.progressID {
            return (try db.scalar("SELECT activity_id FROM activity_progress WHERE id = ?", [progressID], as: Int.self), nil)
        }
        return (nil, try db.scalar("SELECT indicator_id FROM indicator_values WHERE id = ?", [item.valueID ?? 0], as: Int.self))
    }

    /// Every link of the program's progress entries and measured values, oldest first. One query.
    static func items(_ db: Connection, programID: Int) throws -> [Item] {
        try db.query("""
            SELECT l.id, l.file_id, f.sha256, f.media_type, f.size, l.visibility, l.file_name, l.progress_id, l.value_id, l.recorded_at
            FROM evidence l JOIN evidence_files f ON f.id = l.file_id
            WHERE l.progress_id IN (SELECT e.id FROM activity_progress e JOIN activities a ON a.id = e.activity_id
                                    JOIN projects p ON p.id = a.project_id WHERE p.program_id = ?1)
               OR l.value_id IN (SELECT v.id FROM indicator_values v JOIN project_indicators i ON i.id = v.indicator_id
                                 JOIN projects p ON p.id = i.project_id WHERE p.program_id = ?1)
            ORDER BY l.id
            """, [programID]).map(item)
    }

    private static func item(_ row: Row) throws -> Item {
        Item(id: try row.int("id"), fileID: try row.int("file_id"), sha256: try row.string("sha256"),
             kind: EvidenceFile.Kind(mediaType: try row.string("media_type")) ?? .pdf, size: try row.int("size"),
             visibility: Visibility(rawValue: try row.string("visibility")) ?? .internal, fileName: try row.string("file_name"),
             progressID: try row.optionalInt("progress_id"), valueID: try row.optionalInt("value_id"),
             recordedAt: try row.string("recorded_at"))
    }

    /// The file with hash `sha256` when at least one link makes it public; nil otherwise (an
    /// internal file is not known to the public at all).
    static func publicFile(_ db: Connection, sha256: String) throws -> Stored? {
        guard let row = try db.queryOne("""
            SELECT f.id, f.sha256, f.media_type, f.size FROM evidence_files f
            WHERE f.sha256 = ? AND EXISTS (SELECT 1 FROM evidence l WHERE l.file_id = f.id AND l.visibility = 'public')
            """, [sha256]) else { return nil }
        return try stored(row)
    }

    /// Link `id`'s file when the link belongs to program `programID` (public or internal).
    static func linkedFile(_ db: Connection, linkID: Int, programID: Int) throws -> (Stored, Item)? {
        guard let item = try items(db, programID: programID).first(where: { $0.id == linkID }) else { return nil }
        return (Stored(fileID: item.fileID, sha256: item.sha256, kind: item.kind, size: item.size), item)
    }

    private static func stored(_ row: Row) throws -> Stored {
        Stored(fileID: try row.int("id"), sha256: try row.string("sha256"),
               kind: EvidenceFile.Kind(mediaType: try row.string("media_type")) ?? .pdf, size: try row.int("size"))
    }
}

/// A stored evidence file as a response body: read from the database a chunk at a time with
/// SQLite's incremental blob I/O, each chunk in its own short read (a file is never changed once
/// stored, so the chunks agree), so a download of several megabytes never sits in memory whole
/// and never holds a reader connection while a slow phone drains the socket.
struct EvidenceBody: HTTPBodyStream {
    let database: Database
    let fileID: Int
    let count: Int

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, count - offset)
        guard n > 0 else { return 0 }
        try database.read { db in
            try db.withBlob(table: "evidence_files", column: "content", rowID: Int64(fileID)) { blob in
                try blob.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]), at: offset)
            }
        }
        return n
    }

    /// The response serving `file`: its sniffed type; images shown inline, PDFs downloaded (a
    /// browser's PDF viewer does not run in a sandbox); never sniffed; sandboxed so that nothing in
    /// the file can run as the portal; an ETag from its hash (a stored file never changes).
    static func response(_ database: Database, _ file: EvidenceStore.Stored, downloadName: String, request: HTTPRequest,
                         cacheControl: String) -> HTTPResponse {
        let etag = "\"\(file.sha256)\""
        var headers = HTTPHeaders([
            ("Content-Type", file.kind.mediaType),
            ("Content-Disposition", (file.kind.isImage ? "inline" : "attachment") + "; filename=\"\(downloadName)\""),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "sandbox"),
            ("ETag", etag),
            ("Cache-Control", cacheControl),
        ])
        // RFC 9110 §13.1.2: a client holding this very file gets 304 without the bytes.
        if let match = request.headers["If-None-Match"],
           match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            headers.remove("Content-Type")
            return HTTPResponse(status: .notModified, headers: headers)
        }
        return HTTPResponse(status: .ok, headers: headers, stream: EvidenceBody(database: database, fileID: file.fileID, count: file.size))
    }
}
