import Foundation
import SQLite

/// The store side of search (tables of Migrations/0019): folding the rows the triggers noted
/// into the index, and answering a query. Every value is bound; the FTS5 query itself is built
/// by `SearchText.query` from quoted, folded words only.
enum SearchStore {
    /// One thing found, as a result shows it.
    struct Hit {
        var kind: String
        var slug: String?
        var period: String?
        var number: Int?
        var code: String?
        var title: Localized
        var commune: Localized?
    }

    /// Folds up to `limit` noted rows into the index; returns how many were folded.
    @discardableResult
    static func refresh(_ db: Connection, limit: Int) throws -> Int {
        let dirty = try db.query("SELECT kind, ref FROM search_dirty LIMIT ?", [limit]).map { (kind: try $0.string("kind"), ref: try $0.int("ref")) }
        for item in dirty {
            try reindex(db, kind: item.kind, ref: item.ref)
            try db.run("DELETE FROM search_dirty WHERE kind = ? AND ref = ?", [item.kind, item.ref])
        }
        return dirty.count
    }

    /// How many rows wait to be folded in.
    static func pending(_ db: Connection) throws -> Int {
        try db.scalar("SELECT count(*) FROM search_dirty", as: Int.self) ?? 0
    }

    /// What one row contributes: where it leads, its title, and the texts searched.
    private struct Document {
        var communeID: Int?
        var slug: String?
        var period: String?
        var number: Int?
        var code: String?
        var title: Localized
        var texts: [String?]
    }

    private static func document(_ db: Connection, kind: String, ref: Int) throws -> Document? {
        func localized(_ row: Row, _ base: String) throws -> Localized { try Localized(row, base) }
        switch kind {
        case "commune":
            guard let row = try db.queryOne("SELECT * FROM communes WHERE id = ?", [ref]) else { return nil }
            return Document(communeID: ref, slug: try row.string("slug"), title: try localized(row, "name"),
                            texts: [try row.string("name_ar"), try row.optionalString("name_fr"), try row.optionalString("region_ar"),
                                    try row.optionalString("region_fr"), try row.optionalString("province_ar"), try row.optionalString("province_fr")])
        case "program":
            guard let row = try db.queryOne("""
                SELECT p.*, c.slug FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = ?
                """, [ref]) else { return nil }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            title: try localized(row, "title"),
                            texts: [try row.string("title_ar"), try row.optionalString("title_fr"), try row.optionalString("notes_ar"),
                                    try row.optionalString("notes_fr")])
        case "axis", "project", "milestone":
            let sql: String
            switch kind {
            case "axis":
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM axes x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            case "project":
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM projects x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            default:
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM milestones x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            }
            guard let row = try db.queryOne(sql, [ref]) else { return nil }
            var texts: [String?] = [try row.string("title_ar"), try row.optionalString("title_fr")]
            if kind == "project" { texts += [try row.optionalString("slogan_ar"), try row.optionalString("slogan_fr")] }
            if kind == "milestone" { texts += [try row.optionalString("place_ar"), try row.optionalString("place_fr")] }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            number: kind == "project" ? try row.int("number") : nil, title: try localized(row, "title"), texts: texts)
        case "activity":
            guard let row = try db.queryOne("""
                SELECT a.title_ar, a.title_fr, j.number, p.period, p.commune_id, c.slug FROM activities a
                JOIN projects j ON j.id = a.project_id JOIN programs p ON p.id = j.program_id JOIN communes c ON c.id = p.commune_id
                WHERE a.id = ?
                """, [ref]) else { return nil }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            number: try row.int("number"), title: try localized(row, "title"),
                            texts: [try row.string("title_ar"), try row.optionalString("title_fr")])
        case "proposal":
            // Public proposals only: never a hidden one, and a merged one through the one it was merged into.
            guard let row = try db.queryOne("""
                SELECT r.title, r.description, r.tracking_code, p.period, p.commune_id, c.slug FROM proposals r
                JOIN programs p ON p.id = r.program_id JOIN communes c ON c.id = p.commune_id
                WHERE r.id = ? AND r.hidden = 0 AND r.merged_into_id IS NULL
                """, [ref]) else { return nil }
            let title = try row.string("title")
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            code: try row.string("tracking_code"), title: Localized(arabic: title, french: nil),
                            texts: [title, try row.string("description")])
        default:
            return nil
        }
    }

    private static func reindex(_ db: Connection, kind: String, ref: Int) throws {
        let existing = try db.scalar("SELECT id FROM search_entries WHERE kind = ? AND ref = ?", [kind, ref], as: Int.self)
        if let existing {
            try db.run("DELETE FROM search_fts WHERE rowid = ?", [existing])
        }
        guard let document = try document(db, kind: kind, ref: ref) else {
            if let existing { try db.run("DELETE FROM search_entries WHERE id = ?", [existing]) }
            return
        }
        let values: [any SQLBindable] = [document.communeID, document.slug, document.period, document.number, document.code,
                                         document.title.arabic, document.title.french]
        let id: Int
        if let existing {
            try db.run("""
                UPDATE search_entries SET commune_id = ?, slug = ?, period = ?, number = ?, code = ?, title_ar = ?, title_fr = ? WHERE id = ?
                """, values + [existing])
            id = existing
        } else {
            try db.run("""
                INSERT INTO search_entries (commune_id, slug, period, number, code, title_ar, title_fr, kind, ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [kind, ref])
            id = Int(db.lastInsertRowID)
        }
        let terms = document.texts.compactMap { $0 }.map(SearchText.indexText).joined(separator: " ")
        try db.run("INSERT INTO search_fts (rowid, terms) VALUES (?, ?)", [id, terms])
    }

    /// One page of what `typed` finds (in `communeID` when set), grouped by kind and by rank
    /// within a kind, and how many there are of each kind. Three queries.
    static func search(_ db: Connection, typed: String, communeID: Int?, page: Int, pageSize: Int) throws -> (counts: [String: Int], hits: [Hit]) {
        guard let match = SearchText.query(typed) else { return ([:], []) }
        var counts: [String: Int] = [:]
        for row in try db.query("""
            SELECT e.kind, count(*) AS n FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
            WHERE search_fts MATCH ?1 AND (?2 IS NULL OR e.commune_id = ?2) GROUP BY e.kind
            """, [match, communeID]) {
            counts[try row.string("kind")] = try row.int("n")
        }
        // Grouped by kind: communes, programs, projects, activities, axes, milestones, proposals.
        let hits = try db.query("""
            SELECT e.*, c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr
            FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid LEFT JOIN communes c ON c.id = e.commune_id
            WHERE search_fts MATCH ?1 AND (?2 IS NULL OR e.commune_id = ?2)
            ORDER BY CASE e.kind WHEN 'commune' THEN 0 WHEN 'program' THEN 1 WHEN 'project' THEN 2 WHEN 'activity' THEN 3
                                 WHEN 'axis' THEN 4 WHEN 'milestone' THEN 5 ELSE 6 END,
                     bm25(search_fts), e.id
            LIMIT ?3 OFFSET ?4
            """, [match, communeID, pageSize, (page - 1) * pageSize]).map { row in
            Hit(kind: try row.string("kind"), slug: try row.optionalString("slug"), period: try row.optionalString("period"),
                number: try row.optionalInt("number"), code: try row.optionalString("code"), title: try Localized(row, "title"),
                commune: try row.optionalString("commune_name_ar").map { Localized(arabic: $0, french: try row.optionalString("commune_name_fr")) })
        }
        return (counts, hits)
    }
}
