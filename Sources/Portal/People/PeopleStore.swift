import Foundation
import SQLite
import Templates

/// The people pages' reads and writes: accounts, the roles they hold where, and the communes a
/// role can be given in. Handlers and views of `PeoplePages` hold no SQL; everything here runs
/// inside the transaction the page opened, so a change and its audit entries commit together.
enum PeopleStore {
    /// Every account, active first, then by name, each with its roles.
    static func everyone(_ db: Connection) throws -> [Person] {
        let byUser = Dictionary(grouping: try grants(db, userID: nil), by: \.userID)
        return try db.query("""
            SELECT u.id, u.email, u.name, u.is_active, u.password_hash IS NOT NULL AS has_password,
                   (SELECT max(a.at) FROM audit_log a WHERE a.user_id = u.id AND a.action = 'login') AS last_login
            FROM users u ORDER BY u.is_active DESC, u.name COLLATE NOCASE, u.id
            """).map { row in try Person(row, grants: byUser[try row.int("id")] ?? []) }
    }

    /// One account with its roles, or 404.
    static func person(_ db: Connection, id: Int) throws -> Person {
        guard let row = try db.queryOne("""
            SELECT u.id, u.email, u.name, u.is_active, u.password_hash IS NOT NULL AS has_password,
                   (SELECT max(a.at) FROM audit_log a WHERE a.user_id = u.id AND a.action = 'login') AS last_login
            FROM users u WHERE u.id = ?
            """, [id]) else { throw PageError.notFound }
        return try Person(row, grants: try grants(db, userID: id))
    }

    /// The account with the address `email`, if any.
    static func userID(_ db: Connection, email: String) throws -> Int? {
        try db.scalar("SELECT id FROM users WHERE email = ?", [email], as: Int.self)
    }

    /// The language the account's mail and links are in (nil for an unknown account or value).
    static func language(_ db: Connection, userID: Int) throws -> Language? {
        try db.scalar("SELECT language FROM users WHERE id = ?", [userID], as: String.self).flatMap(Language.init(rawValue:))
    }

    static func setLanguage(_ db: Connection, userID: Int, _ language: Language) throws {
        try db.run("UPDATE users SET language = ? WHERE id = ?", [language.rawValue, userID])
    }

    /// Deactivating also ends the account's sessions and unused password links, in the same transaction.
    static func setActive(_ db: Connection, userID: Int, _ active: Bool) throws {
        try db.run("UPDATE users SET is_active = ? WHERE id = ?", [active, userID])
        if !active {
            try SessionStore.closeAll(db, userID: userID)
            try AccountStore.dropUnusedLinks(db, userID: userID)
        }
    }

    /// Every grant (of one person, or of everyone), administrators first, then by commune.
    static func grants(_ db: Connection, userID: Int?) throws -> [Grant] {
        try db.query("""
            SELECT r.id, r.user_id, r.role, r.commune_id, c.slug, c.name_ar, c.name_fr
            FROM user_roles r LEFT JOIN communes c ON c.id = r.commune_id
            WHERE ?1 IS NULL OR r.user_id = ?1
            ORDER BY r.user_id, r.commune_id IS NOT NULL, c.name_fr, c.slug, r.role
            """, [userID]).compactMap { row in
            guard let role = Role(rawValue: try row.string("role")) else { return nil }
            let slug = try row.optionalString("slug")
            return Grant(id: try row.int("id"), userID: try row.int("user_id"), role: role, communeID: try row.optionalInt("commune_id"),
                         communeSlug: slug, communeName: slug == nil ? nil : try Localized(row, "name"))
        }
    }

    /// The id of the grant of `role` (in `communeID`, or network-wide) the account holds.
    static func grantID(_ db: Connection, userID: Int, role: Role, communeID: Int?) throws -> Int? {
        try db.scalar("SELECT id FROM user_roles WHERE user_id = ? AND role = ? AND ifnull(commune_id, 0) = ?",
                      [userID, role.rawValue, communeID ?? 0], as: Int.self)
    }

    /// The new grant's id.
    static func addGrant(_ db: Connection, userID: Int, role: Role, communeID: Int?) throws -> Int {
        try db.run("INSERT INTO user_roles (user_id, role, commune_id) VALUES (?, ?, ?)", [userID, role.rawValue, communeID])
        return Int(db.lastInsertRowID)
    }

    static func removeGrant(_ db: Connection, id: Int, userID: Int) throws {
        try db.run("DELETE FROM user_roles WHERE id = ? AND user_id = ?", [id, userID])
    }

    /// The communes a role can be given in, the sandbox last.
    static func communes(_ db: Connection) throws -> [CommuneChoice] {
        try db.query("SELECT id, slug, name_ar, name_fr FROM communes ORDER BY is_sandbox, name_fr, slug").map { row in
            CommuneChoice(id: try row.int("id"), slug: try row.string("slug"), name: try Localized(row, "name"))
        }
    }

    // MARK: Communes (the administrators' list and form, `CommunePages`)

    /// A commune of the administrators' list, with how many programs it has.
    struct CommuneLine {
        var slug: String
        var name: Localized
        var region: Localized?
        var province: Localized?
        var joinedOn: String?
        var isSandbox: Bool
        var programs: Int
    }

    /// Every commune, the sandbox last, then by French name.
    static func communeLines(_ db: Connection) throws -> [CommuneLine] {
        try db.query("""
            SELECT c.slug, c.name_ar, c.name_fr, c.region_ar, c.region_fr, c.province_ar, c.province_fr, c.joined_on, c.is_sandbox,
                   (SELECT count(*) FROM programs p WHERE p.commune_id = c.id) AS programs
            FROM communes c ORDER BY c.is_sandbox, c.name_fr, c.slug
            """).map { row in
            CommuneLine(slug: try row.string("slug"), name: try Localized(row, "name"), region: try Localized(optional: row, "region"),
                        province: try Localized(optional: row, "province"), joinedOn: try row.optionalString("joined_on"),
                        isSandbox: try row.bool("is_sandbox"), programs: try row.int("programs"))
        }
    }

    /// The commune `slug`'s id and the values of its columns `fields`, nil when there is none.
    static func communeFields(_ db: Connection, slug: String, fields: [String]) throws -> (id: Int, values: [String: String?])? {
        guard let row = try db.queryOne("SELECT * FROM communes WHERE slug = ?", [slug]) else { return nil }
        var values: [String: String?] = [:]
        for field in fields { values[field] = try row.optionalString(field) }
        return (try row.int("id"), values)
    }

    /// Saves the commune's names, region, province and joining date (`CommunePages.fields`, in
    /// order); its region is then the documents', no longer inferred.
    static func updateCommune(_ db: Connection, id: Int, _ values: [String?]) throws {
        try db.run("""
            UPDATE communes SET name_ar = ?, name_fr = ?, region_ar = ?, region_fr = ?, province_ar = ?, province_fr = ?, joined_on = ?,
                region_inferred = 0
            WHERE id = ?
            """, values.map { $0 as any SQLBindable } + [id])
    }

    /// Adds a commune with `values` (`CommunePages.fields`, in order); returns its id.
    static func insertCommune(_ db: Connection, slug: String, _ values: [String?]) throws -> Int {
        try db.run("""
            INSERT INTO communes (slug, name_ar, name_fr, region_ar, region_fr, province_ar, province_fr, joined_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [slug as any SQLBindable] + values.map { $0 as any SQLBindable })
        return Int(db.lastInsertRowID)
    }

    /// Whether a commune has the slug `slug`.
    static func communeExists(_ db: Connection, slug: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM communes WHERE slug = ?", [slug], as: Int.self) != nil
    }
}

/// An account as the people pages show it.
struct Person {
    var id: Int
    var email: String
    var name: String
    var isActive: Bool
    var hasPassword: Bool
    var lastLogin: String?
    var grants: [Grant]

    fileprivate init(_ row: Row, grants: [Grant]) throws {
        id = try row.int("id")
        email = try row.string("email")
        name = try row.string("name")
        isActive = try row.bool("is_active")
        hasPassword = try row.bool("has_password")
        lastLogin = try row.optionalString("last_login")
        self.grants = grants
    }
}
