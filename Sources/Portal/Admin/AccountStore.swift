import Foundation
import SQLite
import Templates

/// What a person may do, and where. The names are those of the CLI and the data.
enum Role: String, CaseIterable, Sendable {
    /// Network administrator: everything, in every commune.
    case admin
    /// Keeps the programs of their communes.
    case focalPoint = "focal-point"
    /// Triages the proposals of their communes and reads their drafts.
    case committee
    /// Reads their communes' drafts and reviews them.
    case council
}

/// A staff member as the admin area knows them for one request: who they are and the roles
/// they hold, read from the store at the start of the request (so a role taken away takes
/// effect on the next click, not at the next login).
struct Account: Sendable {
    var id: Int
    var email: String
    var name: String
    var language: Language
    /// Each role with the commune it is held in (nil for an administrator).
    var grants: [(role: Role, communeID: Int?)]

    var isAdmin: Bool { grants.contains { $0.role == .admin } }

    /// Whether the person holds one of `roles` in `communeID` (administrators hold every role everywhere).
    func holds(_ roles: Set<Role>, in communeID: Int) -> Bool {
        isAdmin || grants.contains { roles.contains($0.role) && $0.communeID == communeID }
    }

    /// The communes where the person holds any role (every commune for an administrator: nil).
    var communeIDs: Set<Int>? {
        isAdmin ? nil : Set(grants.compactMap(\.communeID))
    }

    static func load(_ db: Connection, userID: Int) throws -> Account? {
        guard let row = try db.queryOne("SELECT id, email, name, language FROM users WHERE id = ? AND is_active = 1", [userID]) else { return nil }
        let grants = try db.query("SELECT role, commune_id FROM user_roles WHERE user_id = ? ORDER BY id", [userID]).compactMap { grant -> (role: Role, communeID: Int?)? in
            guard let role = Role(rawValue: try grant.string("role")) else { return nil }
            return (role, try grant.optionalInt("commune_id"))
        }
        return Account(id: try row.int("id"), email: try row.string("email"), name: try row.string("name"),
                       language: Language(rawValue: try row.string("language")) ?? .ar, grants: grants)
    }
}

/// The accounts' store: creating people and their one-time password links, used by `infitah
/// user add` and by the administrators' people pages, so both make accounts the same way; the
/// credentials sign-in checks; and the communes and programs the admin dashboard lists.
enum AccountStore {
    /// How long a password-setting link stays usable.
    static let linkLifetime: TimeInterval = 7 * 24 * 3600

    /// Why an account could not be created, in words a person can act on.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Adds a person with one role (in `communeSlug` unless the role is admin), or adds the role
    /// to the existing person with that email. Returns the user's id.
    static func add(_ db: Connection, email rawEmail: String, name rawName: String, role: Role, communeSlug: String?, at now: Date) throws -> Int {
        let email = rawEmail.trimmingCharacters(in: .whitespaces)
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard isEmail(email) else { throw Refusal(description: "'\(email)' is not an email address") }
        guard !name.isEmpty, name.count <= 200 else { throw Refusal(description: "the name must be 1 to 200 characters") }
        var communeID: Int? = nil
        switch (role, communeSlug) {
        case (.admin, .some): throw Refusal(description: "an administrator's role covers every commune; give no --commune")
        case (.admin, nil): break
        case (_, nil): throw Refusal(description: "the \(role.rawValue) role is held in a commune; give --commune SLUG")
        case (_, .some(let slug)):
            guard let id = try db.scalar("SELECT id FROM communes WHERE slug = ?", [slug], as: Int.self) else {
                throw Refusal(description: "no commune has the slug '\(slug)'")
            }
            communeID = id
        }
        let userID: Int
        if let existing = try db.scalar("SELECT id FROM users WHERE email = ?", [email], as: Int.self) {
            userID = existing
        } else {
            try db.run("INSERT INTO users (email, name, created_at) VALUES (?, ?, ?)", [email, name, Timestamp.text(now)])
            userID = Int(db.lastInsertRowID)
        }
        try db.run("INSERT OR IGNORE INTO user_roles (user_id, role, commune_id) VALUES (?, ?, ?)", [userID, role.rawValue, communeID])
        return userID
    }

    /// A new one-time link token for `userID` (only its hash is stored). Earlier unused links stop working.
    static func passwordLink(_ db: Connection, userID: Int, at now: Date) throws -> String {
        let token = SecureRandom.hex(32)
        try dropUnusedLinks(db, userID: userID)
        try db.run("INSERT INTO password_links (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                   [SHA256.hex(Array(token.utf8)), userID, Timestamp.text(now), Timestamp.text(now.addingTimeInterval(linkLifetime))])
        return token
    }

    /// The account's links not used yet stop working.
    static func dropUnusedLinks(_ db: Connection, userID: Int) throws {
        try db.run("DELETE FROM password_links WHERE user_id = ? AND used_at IS NULL", [userID])
    }

    /// The user a link token opens, when it is known, unused and not expired.
    static func userForLink(_ db: Connection, token: String, at now: Date) throws -> Int? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        return try db.scalar("SELECT user_id FROM password_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                             [SHA256.hex(Array(token.utf8)), Timestamp.text(now)], as: Int.self)
    }

    /// An active account's id, name and password hash (nil while no password was chosen), by e-mail.
    static func credentials(_ db: Connection, email: String) throws -> (id: Int, name: String, passwordHash: String?)? {
        try db.queryOne("SELECT id, name, password_hash FROM users WHERE email = ? AND is_active = 1", [email]).map {
            (try $0.int("id"), try $0.string("name"), try $0.optionalString("password_hash"))
        }
    }

    static func email(_ db: Connection, userID: Int) throws -> String? {
        try db.scalar("SELECT email FROM users WHERE id = ?", [userID], as: String.self)
    }

    static func name(_ db: Connection, userID: Int) throws -> String? {
        try db.scalar("SELECT name FROM users WHERE id = ?", [userID], as: String.self)
    }

    static func passwordHash(_ db: Connection, userID: Int) throws -> String? {
        try db.scalar("SELECT password_hash FROM users WHERE id = ?", [userID], as: String.self)
    }

    static func setPassword(_ db: Connection, userID: Int, hash: String) throws {
        try db.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, userID])
    }

    /// Marks a link used, if it still opens: of two forms sent at once with the same link, only
    /// the first spends it (true).
    static func spendLink(_ db: Connection, token: String, at now: Date) throws -> Bool {
        try db.run("UPDATE password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                   [Timestamp.text(now), SHA256.hex(Array(token.utf8)), Timestamp.text(now)]) == 1
    }

    /// Names of the communes where the person holds roles, in both languages and as slugs:
    /// none of them may be their password.
    static func communeNames(_ db: Connection, userID: Int) throws -> [String] {
        try db.query("""
            SELECT c.slug, c.name_ar, c.name_fr FROM communes c
            WHERE c.id IN (SELECT commune_id FROM user_roles WHERE user_id = ?)
            """, [userID]).flatMap { row in
            [try row.string("slug"), try row.string("name_ar"), try row.optionalString("name_fr") ?? ""]
        }
    }

    /// One rule for every address the portal keeps (see `MailAddress`): staff addresses may be
    /// written to one day, like citizens'.
    static func isEmail(_ text: String) -> Bool { MailAddress.isValid(text) }

    /// A commune of the admin dashboard, with one of its programs (nil for a commune without one).
    struct DashboardLine {
        var communeID: Int
        var slug: String
        var name: Localized
        var program: (period: String, title: Localized, status: String)?
    }

    /// Every commune with each of its programs, by name, newest period first.
    static func dashboardLines(_ db: Connection) throws -> [DashboardLine] {
        try db.query("""
            SELECT c.id, c.slug, c.name_ar, c.name_fr, p.period, p.title_ar, p.title_fr, p.status
            FROM communes c LEFT JOIN programs p ON p.commune_id = c.id
            ORDER BY c.name_fr, c.slug, p.period DESC
            """).map { row in
            DashboardLine(communeID: try row.int("id"), slug: try row.string("slug"), name: try Localized(row, "name"),
                          program: try row.optionalString("period").map {
                              (period: $0, title: try Localized(row, "title"), status: try row.string("status"))
                          })
        }
    }
}

/// Instants as the admin tables store them: UTC, to the second, in ISO 8601 ("2026-11-23T10:04:05Z"),
/// which sorts as text.
enum Timestamp {
    static func text(_ date: Date) -> String { Call.utcText(date) }
    static func date(_ text: String) -> Date? { try? Call.parse(text) }
}
