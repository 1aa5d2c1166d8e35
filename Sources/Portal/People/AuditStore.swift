import Foundation
import SQLite

/// The audit log's reads for the people who read it (issue 17, step 4): a page of entries
/// narrowed by the filters, and the communes, people and entities the filters offer. The
/// viewer's scope is part of every query, so no filter the URL carries can widen it; the
/// audit pages hold no SQL.
enum AuditStore {
    /// What a page of the log is narrowed to. `viewer` nil reads every entry (an administrator);
    /// else only the entries of the communes where that person is focal point.
    struct Scope {
        var viewer: Int?
        var communeSlug: String?
        var userID: Int?
        var entity: String?
        var action: String?
        /// Entries at or after this instant.
        var from: Date?
        /// Entries before this instant.
        var to: Date?
    }

    /// An entry of the log as the table shows it.
    struct Entry {
        /// UTC, as stored.
        var at: String
        var userName: String
        var action: String
        var entity: String
        var entityID: Int?
        var communeName: Localized?
        var field: String?
        var before: String?
        var after: String?
    }

    /// Up to `limit` entries from `offset` within `scope`, newest first.
    static func entries(_ db: Connection, _ scope: Scope, limit: Int, offset: Int) throws -> [Entry] {
        var conditions: [String] = []
        var bindings: [any SQLBindable] = []
        if let viewer = scope.viewer {
            conditions.append("a.commune_id IN (SELECT commune_id FROM user_roles WHERE user_id = ? AND role = 'focal-point')")
            bindings.append(viewer)
        }
        if let slug = scope.communeSlug {
            conditions.append("a.commune_id = (SELECT id FROM communes WHERE slug = ?)")
            bindings.append(slug)
        }
        if let id = scope.userID {
            conditions.append("a.user_id = ?")
            bindings.append(id)
        }
        if let entity = scope.entity { conditions.append("a.entity = ?"); bindings.append(entity) }
        if let action = scope.action { conditions.append("a.action = ?"); bindings.append(action) }
        if let start = scope.from {
            conditions.append("a.at >= ?")
            bindings.append(Timestamp.text(start))
        }
        if let end = scope.to {
            conditions.append("a.at < ?")
            bindings.append(Timestamp.text(end))
        }
        let select = """
            SELECT a.id, a.at, a.user_name, a.action, a.entity, a.entity_id, a.field, a.before, a.after, c.name_ar, c.name_fr
            FROM audit_log a LEFT JOIN communes c ON c.id = a.commune_id
            """
        let sql = select + " WHERE " + (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
            + " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?"
        return try db.query(sql, bindings + [limit, offset]).map { row in
            Entry(at: try row.string("at"), userName: try row.string("user_name"), action: try row.string("action"),
                  entity: try row.string("entity"), entityID: try row.optionalInt("entity_id"),
                  communeName: try Localized(optional: row, "name"), field: try row.optionalString("field"),
                  before: try row.optionalString("before"), after: try row.optionalString("after"))
        }
    }

    /// The communes whose entries `viewer` may read (every one when nil), the sandbox last.
    static func communes(_ db: Connection, viewer: Int?) throws -> [(slug: String, name: Localized)] {
        try db.query("""
            SELECT slug, name_ar, name_fr FROM communes
            WHERE ?1 IS NULL OR id IN (SELECT commune_id FROM user_roles WHERE user_id = ?1 AND role = 'focal-point')
            ORDER BY is_sandbox, name_fr, slug
            """, [viewer]).map { (slug: try $0.string("slug"), name: try Localized($0, "name")) }
    }

    /// The people whose entries `viewer` may read: administrators and those who work in the
    /// viewer's communes (everyone when nil), by name.
    static func people(_ db: Connection, viewer: Int?) throws -> [(id: Int, name: String)] {
        try db.query("""
            SELECT id, name FROM users
            WHERE ?1 IS NULL OR id IN (SELECT user_id FROM user_roles WHERE role = 'admin' OR commune_id IN
                (SELECT commune_id FROM user_roles WHERE user_id = ?1 AND role = 'focal-point'))
            ORDER BY name COLLATE NOCASE, id
            """, [viewer]).map { (id: try $0.int("id"), name: try $0.string("name")) }
    }

    /// The kinds of entity the entries `viewer` may read are about, in order.
    static func entities(_ db: Connection, viewer: Int?) throws -> [String] {
        try db.query("""
            SELECT DISTINCT entity FROM audit_log
            WHERE ?1 IS NULL OR commune_id IN (SELECT commune_id FROM user_roles WHERE user_id = ?1 AND role = 'focal-point')
            ORDER BY entity
            """, [viewer]).map { try $0.string("entity") }
    }
}
