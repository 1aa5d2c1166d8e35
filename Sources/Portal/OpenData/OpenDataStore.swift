import Foundation
import SQLite

/// The open data's reads (issue 17, step 4): the programs the data page lists for a page of
/// communes, and the batches the network export streams (`NetworkExport.Stream` reads one
/// batch at a time, each in its own short read, so a file of hundreds of megabytes is never
/// in memory). The open-data pages hold no SQL.
enum OpenDataStore {
    /// A program as the data page lists it.
    struct Program {
        var communeID: Int
        var slug: String
        var period: String
        var status: String
        var title: Localized
        /// The years of its published annual evaluations, in order.
        var evaluationYears: [Int]
    }

    /// The programs of the communes `communeIDs` (one query whatever their number), newest period first.
    static func programs(_ db: Connection, communeIDs: [Int]) throws -> [Program] {
        let ids = communeIDs.map(String.init).joined(separator: ",")
        return try db.query("""
            SELECT p.commune_id, c.slug, p.period, p.status, p.title_ar, p.title_fr,
                   (SELECT group_concat(e.year) FROM evaluations e WHERE e.program_id = p.id AND e.status = 'published') AS evaluation_years
            FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE p.commune_id IN (SELECT value FROM json_each('[' || ? || ']'))
            ORDER BY p.period DESC
            """, [ids]).map { row in
            Program(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                    status: try row.string("status"), title: try Localized(row, "title"),
                    evaluationYears: (try row.optionalString("evaluation_years") ?? "").split(separator: ",").compactMap { Int($0) }.sorted())
        }
    }

    /// One batch of the network export of `kind`: up to `limit` rows with an id after
    /// `afterID`, by id, as (id, cells in `NetworkExport.columns` order). The demo commune is
    /// left out, and proposals carry what their public pages show, without names.
    static func networkBatch(_ db: Connection, _ kind: NetworkExport.Kind, after afterID: Int,
                             limit: Int) throws -> [(id: Int, cells: [NetworkExport.Cell])] {
        func texts(_ row: Row, _ names: [String]) throws -> [NetworkExport.Cell] { try names.map { .text(try row.optionalString($0)) } }
        func numbers(_ row: Row, _ names: [String]) throws -> [NetworkExport.Cell] { try names.map { .number(try row.optionalInt($0)) } }
        switch kind {
        case .programs:
            return try db.query("""
                SELECT p.id, c.slug AS commune_slug, c.name_ar AS commune_ar, c.name_fr AS commune_fr, c.region_ar, c.region_fr,
                       p.period, p.status, p.title_ar, p.title_fr, p.adopted_on, p.decision_ref, p.total_budget_centimes AS budget_centimes
                FROM programs p JOIN communes c ON c.id = p.commune_id
                WHERE c.is_sandbox = 0 AND p.id > ?1 ORDER BY p.id LIMIT ?2
                """, [afterID, limit]).map { row in
                (try row.int("id"), try texts(row, Array(NetworkExport.columns(.programs).dropLast())) + numbers(row, ["budget_centimes"]))
            }
        case .activities:
            return try db.query("""
                SELECT a.id, c.slug AS commune_slug, g.period, x.number AS axis_number, j.number AS project_number,
                       j.title_ar AS project_title_ar, j.title_fr AS project_title_fr, a.number AS activity_number,
                       a.title_ar, a.title_fr, a.cost_centimes, a.cost_text_ar, a.cost_text_fr, a.funding_ar, a.funding_fr,
                       a.date_start AS start, a.date_end AS "end", l.status, l.percent
                FROM activities a JOIN projects j ON j.id = a.project_id JOIN programs g ON g.id = j.program_id
                JOIN communes c ON c.id = g.commune_id LEFT JOIN axes x ON x.id = j.axis_id
                LEFT JOIN activity_progress l ON l.id = (SELECT e.id FROM activity_progress e WHERE e.activity_id = a.id
                                                         ORDER BY e.entry_on DESC, e.id DESC LIMIT 1)
                WHERE c.is_sandbox = 0 AND a.id > ?1 ORDER BY a.id LIMIT ?2
                """, [afterID, limit]).map { row in
                (try row.int("id"), try texts(row, ["commune_slug", "period"]) + numbers(row, ["axis_number", "project_number"])
                    + texts(row, ["project_title_ar", "project_title_fr"]) + numbers(row, ["activity_number"])
                    + texts(row, ["title_ar", "title_fr"]) + numbers(row, ["cost_centimes"])
                    + texts(row, ["cost_text_ar", "cost_text_fr", "funding_ar", "funding_fr", "start", "end", "status"])
                    + numbers(row, ["percent"]))
            }
        case .milestones:
            return try db.query("""
                SELECT m.id, c.slug AS commune_slug, g.period, m.position, m.kind, m.title_ar, m.title_fr, m.place_ar, m.place_fr,
                       m.date_start, m.date_end, m.date_precision, m.done
                FROM milestones m JOIN programs g ON g.id = m.program_id JOIN communes c ON c.id = g.commune_id
                WHERE c.is_sandbox = 0 AND m.id > ?1 ORDER BY m.id LIMIT ?2
                """, [afterID, limit]).map { row in
                (try row.int("id"), try texts(row, ["commune_slug", "period"]) + numbers(row, ["position"])
                    + texts(row, ["kind", "title_ar", "title_fr", "place_ar", "place_fr", "date_start", "date_end", "date_precision"])
                    + numbers(row, ["done"]))
            }
        case .figures:
            return try db.query("""
                SELECT v.id, c.slug AS commune_slug, g.period, v.kind, v.channel, v.title_ar, v.title_fr, v.date_start, v.date_end,
                       v.date_precision, v.participants, v.women, v.associations, v.equality_body_members, v.proposals_total
                FROM events v JOIN programs g ON g.id = v.program_id JOIN communes c ON c.id = g.commune_id
                WHERE c.is_sandbox = 0 AND v.id > ?1 ORDER BY v.id LIMIT ?2
                """, [afterID, limit]).map { row in
                (try row.int("id"), try texts(row, ["commune_slug", "period", "kind", "channel", "title_ar", "title_fr",
                                                    "date_start", "date_end", "date_precision"])
                    + numbers(row, ["participants", "women", "associations", "equality_body_members", "proposals_total"]))
            }
        case .proposals:
            return try db.query("""
                SELECT p.id, c.slug AS commune_slug, g.period, p.tracking_code, p.created_at AS date,
                       CASE WHEN EXISTS (SELECT 1 FROM proposal_projects n WHERE n.proposal_id = p.id) THEN 'project' ELSE p.kind END AS kind,
                       a.number AS axis_number, p.channel, p.status, p.title, p.description, p.public_answer
                FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
                LEFT JOIN axes a ON a.id = p.axis_id
                WHERE c.is_sandbox = 0 AND p.hidden = 0 AND p.merged_into_id IS NULL AND p.id > ?1 ORDER BY p.id LIMIT ?2
                """, [afterID, limit]).map { row in
                (try row.int("id"), try texts(row, ["commune_slug", "period", "tracking_code", "date", "kind"])
                    + numbers(row, ["axis_number"]) + texts(row, ["channel", "status", "title", "description", "public_answer"]))
            }
        }
    }
}
