import Foundation
import SQLite

/// A remark written during the council's review (table `review_comments`, Migrations/0010):
/// about one project of a frozen version, or about the whole program. It stays attached to the
/// exact text its author read, and says whether (and in which later version, and how) the
/// focal point or the committee took it into account.
struct ReviewComment: Sendable, Equatable {
    /// How a comment was taken into account.
    struct Addressed: Sendable, Equatable {
        var at: String
        var byName: String
        var note: String
        var versionID: Int
        var versionNumber: Int
    }

    var id: Int
    var versionID: Int
    var versionNumber: Int
    /// The project's number in the version read; nil for a comment on the whole program.
    var projectNumber: Int?
    var authorName: String
    var body: String
    /// UTC, 'YYYY-MM-DDTHH:MM:SSZ'.
    var createdAt: String
    var addressed: Addressed?

    var isOpen: Bool { addressed == nil }
}

/// The council review's reads and writes (issue 17, step 4): the program under review, and
/// reading and changing review comments. Every change writes its audit entry in the caller's
/// transaction, so the log and the comments never disagree; the review pages hold no SQL.
enum ReviewStore {
    static let bodyMax = 4000
    static let noteMax = 2000

    /// The program of commune `communeID` for `period`, nil when there is none.
    static func programID(_ db: Connection, communeID: Int, period: String) throws -> Int? {
        try db.scalar("SELECT id FROM programs WHERE commune_id = ? AND period = ?", [communeID, period], as: Int.self)
    }

    /// Every comment on the versions of `programID`, in the order they were written.
    static func list(_ db: Connection, programID: Int) throws -> [ReviewComment] {
        try db.query("""
            SELECT r.id, r.version_id, v.number AS version_number, r.project_number, r.author_name, r.body, r.created_at,
                   r.addressed_at, r.addressed_by_name, r.addressed_note, r.addressed_in_version, a.number AS addressed_number
            FROM review_comments r JOIN program_versions v ON v.id = r.version_id
            LEFT JOIN program_versions a ON a.id = r.addressed_in_version
            WHERE r.program_id = ? ORDER BY r.created_at, r.id
            """, [programID]).map(comment)
    }

    /// One comment of `programID`, or nil.
    static func load(_ db: Connection, id: Int, programID: Int) throws -> ReviewComment? {
        try db.queryOne("""
            SELECT r.id, r.version_id, v.number AS version_number, r.project_number, r.author_name, r.body, r.created_at,
                   r.addressed_at, r.addressed_by_name, r.addressed_note, r.addressed_in_version, a.number AS addressed_number
            FROM review_comments r JOIN program_versions v ON v.id = r.version_id
            LEFT JOIN program_versions a ON a.id = r.addressed_in_version
            WHERE r.id = ? AND r.program_id = ?
            """, [id, programID]).map(comment)
    }

    /// Writes a new comment and its audit entry; returns its id.
    @discardableResult
    static func add(_ db: Connection, programID: Int, communeID: Int, version: ProgramVersions.Version, projectNumber: Int?,
                    body: String, audit: Audit) throws -> Int {
        try db.run("""
            INSERT INTO review_comments (program_id, version_id, project_number, author_id, author_name, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [programID, version.id, projectNumber, audit.userID, audit.userName, body, Timestamp.text(audit.at)])
        let id = Int(db.lastInsertRowID)
        try audit.record(db, action: "create", entity: "review_comment", entityID: id, field: "body", before: nil,
                         after: place(version: version.number, project: projectNumber) + ": " + body,
                         communeID: communeID, programID: programID)
        return id
    }

    /// Marks `comment` as addressed in `version` (a later one) with `note`.
    static func address(_ db: Connection, _ comment: ReviewComment, programID: Int, communeID: Int,
                        in version: ProgramVersions.Version, note: String, audit: Audit) throws {
        try db.run("""
            UPDATE review_comments SET addressed_at = ?, addressed_by = ?, addressed_by_name = ?, addressed_note = ?,
                                       addressed_in_version = ?
            WHERE id = ?
            """, [Timestamp.text(audit.at), audit.userID, audit.userName, note, version.id, comment.id])
        try audit.recordChanges(db, entity: "review_comment", entityID: comment.id,
                                before: fields(comment.addressed), after: ["addressed_note": note, "addressed_in_version": String(version.number)],
                                communeID: communeID, programID: programID)
    }

    /// Opens an addressed comment again (its note and version are cleared, and kept in the audit log).
    static func reopen(_ db: Connection, _ comment: ReviewComment, programID: Int, communeID: Int, audit: Audit) throws {
        guard comment.addressed != nil else { return }
        try db.run("""
            UPDATE review_comments SET addressed_at = NULL, addressed_by = NULL, addressed_by_name = NULL, addressed_note = NULL,
                                       addressed_in_version = NULL
            WHERE id = ?
            """, [comment.id])
        try audit.recordChanges(db, entity: "review_comment", entityID: comment.id, before: fields(comment.addressed),
                                after: ["addressed_note": nil, "addressed_in_version": nil], communeID: communeID, programID: programID)
    }

    /// "v2 · project 3" / "v2 · program": where a comment sits, as the audit log shows it.
    static func place(version: Int, project: Int?) -> String {
        "v\(version) · " + (project.map { "project \($0)" } ?? "program")
    }

    private static func fields(_ addressed: ReviewComment.Addressed?) -> [String: String?] {
        ["addressed_note": addressed?.note, "addressed_in_version": addressed.map { String($0.versionNumber) }]
    }

    private static func comment(_ row: Row) throws -> ReviewComment {
        var addressed: ReviewComment.Addressed? = nil
        if let at = try row.optionalString("addressed_at") {
            addressed = .init(at: at, byName: try row.string("addressed_by_name"), note: try row.string("addressed_note"),
                              versionID: try row.int("addressed_in_version"), versionNumber: try row.int("addressed_number"))
        }
        return ReviewComment(id: try row.int("id"), versionID: try row.int("version_id"), versionNumber: try row.int("version_number"),
                             projectNumber: try row.optionalInt("project_number"), authorName: try row.string("author_name"),
                             body: try row.string("body"), createdAt: try row.string("created_at"), addressed: addressed)
    }
}
