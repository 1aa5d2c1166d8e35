import Foundation
import SQLite

/// The network pages' reads (issue 17, step 4): the network itself and its charter for
/// `NetworkPage`, the member directory's regions and pages of members for `MemberDirectory`,
/// and the dashboard's aggregates for `DashboardPage`. Aggregates only, each bounded by the
/// regions', states' or years' count rather than the communes'; the pages hold no SQL.
enum NetworkStore {
    // MARK: The network and its charter

    /// The network as its page shows it.
    struct Network {
        var name: Localized
        var foundedOn: String
        var regions: Int?
        var provincialCouncils: Int?
        var communes: Int?
        var programName: Localized?
        var description: Localized?
        var aim: Localized?
        var award: Localized?
        var awardOn: String?
        var awardPlace: Localized?
    }

    /// A dated fact of the network's history.
    struct Fact {
        var date: String?
        var text: Localized
    }

    /// A section of the charter.
    struct CharterSection {
        var heading: Localized
        var body: Localized
    }

    /// The network's row, or nil when the store has none.
    static func network(_ db: Connection) throws -> Network? {
        guard let row = try db.queryOne("SELECT * FROM network WHERE id = 1") else { return nil }
        return Network(name: try Localized(row, "name"), foundedOn: try row.string("founded_on"),
                       regions: try row.optionalInt("regions_count"), provincialCouncils: try row.optionalInt("provincial_councils_count"),
                       communes: try row.optionalInt("communes_count"), programName: try Localized(optional: row, "program_name"),
                       description: try Localized(optional: row, "description"), aim: try Localized(optional: row, "aim"),
                       award: try Localized(optional: row, "award"), awardOn: try row.optionalString("award_on"),
                       awardPlace: try Localized(optional: row, "award_place"))
    }

    /// The network's history, in order.
    static func facts(_ db: Connection) throws -> [Fact] {
        try db.query("SELECT date_start, text_ar, text_fr FROM network_facts ORDER BY position").map { row in
            Fact(date: try row.optionalString("date_start"), text: try Localized(row, "text"))
        }
    }

    /// The charter's preamble ("whereas" items), in order.
    static func charterPreamble(_ db: Connection) throws -> [Localized] {
        try texts(db, "SELECT text_ar, text_fr FROM charter_preamble ORDER BY position")
    }

    /// The charter's sections, in order.
    static func charterSections(_ db: Connection) throws -> [CharterSection] {
        try db.query("SELECT heading_ar, heading_fr, body_ar, body_fr FROM charter_sections ORDER BY position").map { row in
            CharterSection(heading: try Localized(row, "heading"), body: try Localized(row, "body"))
        }
    }

    /// The charter's values, in order.
    static func charterValues(_ db: Connection) throws -> [Localized] {
        try texts(db, "SELECT text_ar, text_fr FROM charter_values ORDER BY position")
    }

    /// The charter's commitments, in order.
    static func charterCommitments(_ db: Connection) throws -> [Localized] {
        try texts(db, "SELECT text_ar, text_fr FROM charter_commitments ORDER BY position")
    }

    /// What the support programme comprises (seed 002; Migrations/0018), in order.
    static func components(_ db: Connection) throws -> [Localized] {
        try texts(db, "SELECT text_ar, text_fr FROM network_components ORDER BY position")
    }

    private static func texts(_ db: Connection, _ sql: String) throws -> [Localized] {
        try db.query(sql).map { try Localized($0, "text") }
    }

    // MARK: The member directory

    /// Every region of the members (sandbox left out) with its count, "-" (not given) last.
    static func regions(_ db: Connection) throws -> [MemberDirectory.Region] {
        try db.query("""
            SELECT coalesce(region_ar, '-') AS region_key, max(region_ar) AS region_ar, max(region_fr) AS region_fr, count(*) AS n
            FROM communes WHERE is_sandbox = 0 GROUP BY coalesce(region_ar, '-') ORDER BY region_key = '-', region_key
            """).map { row in
            MemberDirectory.Region(key: try row.string("region_key"), name: try Localized(optional: row, "region"), count: try row.int("n"))
        }
    }

    /// How many communes match: in `region` (a key), whose name matches the FTS5 expression
    /// `match`, whose newest program is in `state`; the sandbox too when `sandbox` and nothing narrows.
    static func memberCount(_ db: Connection, sandbox: Bool, region: String?, match: String?, state: String?) throws -> Int {
        try db.scalar("""
            SELECT count(*) FROM communes c
            WHERE (c.is_sandbox = 0 OR (?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL))
              AND (?2 IS NULL OR coalesce(c.region_ar, '-') = ?2)
              AND (?3 IS NULL OR c.id IN (SELECT e.ref FROM search_communes_fts JOIN search_entries e ON e.id = search_communes_fts.rowid
                                          WHERE search_communes_fts MATCH ?3))
              AND (?4 IS NULL OR coalesce((SELECT g.status FROM programs g WHERE g.commune_id = c.id ORDER BY g.period DESC LIMIT 1), '-') = ?4)
            """, [sandbox, region, match, state], as: Int.self) ?? 0
    }

    /// One page (`limit` from `offset`) of the communes `memberCount` counts, by region then name.
    static func members(_ db: Connection, sandbox: Bool, region: String?, match: String?, state: String?,
                        limit: Int, offset: Int) throws -> [MemberDirectory.Member] {
        try db.query("""
            SELECT c.id, c.slug, c.name_ar, c.name_fr, coalesce(c.region_ar, '-') AS region_key, c.region_ar, c.region_fr,
                   c.joined_on, c.is_sandbox, c.region_inferred
            FROM communes c
            WHERE (c.is_sandbox = 0 OR (?1 AND ?2 IS NULL AND ?3 IS NULL AND ?6 IS NULL))
              AND (?2 IS NULL OR coalesce(c.region_ar, '-') = ?2)
              AND (?3 IS NULL OR c.id IN (SELECT e.ref FROM search_communes_fts JOIN search_entries e ON e.id = search_communes_fts.rowid
                                          WHERE search_communes_fts MATCH ?3))
              AND (?6 IS NULL OR coalesce((SELECT g.status FROM programs g WHERE g.commune_id = c.id ORDER BY g.period DESC LIMIT 1), '-') = ?6)
            ORDER BY c.is_sandbox, region_key = '-', region_key, c.name_ar, c.id
            LIMIT ?4 OFFSET ?5
            """, [sandbox, region, match, limit, offset, state]).map { row in
            MemberDirectory.Member(id: try row.int("id"), slug: try row.string("slug"), name: try Localized(row, "name"),
                                   regionKey: try row.string("region_key"), region: try Localized(optional: row, "region"),
                                   joinedOn: try row.optionalString("joined_on"), isSandbox: try row.bool("is_sandbox"),
                                   regionInferred: try row.bool("region_inferred"))
        }
    }

    // MARK: The dashboard (sandboxes left out of every figure)

    /// A row of communes of a dashboard figure: how many, and the first `named` of them (by
    /// when they joined) as slugs and names packed (`slug US name_ar US name_fr`, joined by RS)
    /// as `group_concat` gives them. Only those are read: the page stays the same size at 5
    /// communes and at 1,503, and links to the member list for the rest.
    struct CommuneGroup {
        var count: Int
        var names: String?
    }

    /// A region of the dashboard with its communes.
    struct RegionGroup {
        var region: Localized?
        /// The store's Arabic name of the region (the directory's key), nil when not given.
        var key: String?
        /// Every commune of the region has an inferred region (Migrations/0018).
        var inferred: Bool
        var communes: CommuneGroup
    }

    /// The network's participation in the meetings the communes reported.
    struct Participation {
        var participants: Int?
        var women: Int?
        var associations: Int?
        /// Participants of the meetings that counted women.
        var counted: Int?
    }

    /// Communes by the state of their newest program ("" for none).
    static func communesByState(_ db: Connection, named: Int) throws -> [String: CommuneGroup] {
        var byState: [String: CommuneGroup] = [:]
        for row in try db.query("""
            SELECT state, count(*) AS n, group_concat(CASE WHEN rank <= ?1 THEN packed END, char(30)) AS names
            FROM (SELECT coalesce(p.status, '') AS state, c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed,
                         row_number() OVER (PARTITION BY coalesce(p.status, '') ORDER BY c.id) AS rank
                  FROM communes c LEFT JOIN programs p ON p.id = (SELECT id FROM programs WHERE commune_id = c.id ORDER BY period DESC LIMIT 1)
                  WHERE c.is_sandbox = 0 ORDER BY state, rank)
            GROUP BY state
            """, [named]) {
            byState[try row.string("state")] = CommuneGroup(count: try row.int("n"), names: try row.optionalString("names"))
        }
        return byState
    }

    /// Communes by region as their records name it, the largest sixteen regions.
    static func communesByRegion(_ db: Connection, named: Int) throws -> [RegionGroup] {
        try db.query("""
            SELECT region_ar, region_fr, count(*) AS n, min(region_inferred) AS inferred,
                   group_concat(CASE WHEN rank <= ?1 THEN packed END, char(30)) AS names
            FROM (SELECT c.region_ar, c.region_fr, c.region_inferred,
                         c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed,
                         row_number() OVER (PARTITION BY c.region_ar, c.region_fr ORDER BY c.id) AS rank
                  FROM communes c WHERE c.is_sandbox = 0 ORDER BY c.region_ar, c.region_fr, rank)
            GROUP BY region_ar, region_fr ORDER BY n DESC, region_ar LIMIT 16
            """, [named]).map { row in
            RegionGroup(region: try Localized(optional: row, "region"), key: try row.optionalString("region_ar"),
                        inferred: try row.int("inferred") == 1,
                        communes: CommuneGroup(count: try row.int("n"), names: try row.optionalString("names")))
        }
    }

    /// Programs adopted per year (the year of the council's adoption), by year.
    static func adoptionsPerYear(_ db: Connection) throws -> [(year: String, count: Int)] {
        try db.query("""
            SELECT substr(p.adopted_on, 1, 4) AS year, count(*) AS n FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE p.adopted_on IS NOT NULL AND c.is_sandbox = 0 GROUP BY 1 ORDER BY 1
            """).map { (year: try $0.string("year"), count: try $0.int("n")) }
    }

    /// Participation in the meetings the communes reported (nil when the query gives no row).
    static func participation(_ db: Connection) throws -> Participation? {
        guard let row = try db.queryOne("""
            SELECT sum(e.participants) AS participants, sum(e.women) AS women, sum(e.associations) AS associations,
                   sum(CASE WHEN e.women IS NOT NULL THEN e.participants END) AS counted
            FROM events e JOIN programs p ON p.id = e.program_id JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0
            """) else { return nil }
        return Participation(participants: try row.optionalInt("participants"), women: try row.optionalInt("women"),
                             associations: try row.optionalInt("associations"), counted: try row.optionalInt("counted"))
    }

    /// Proposals listed one by one, by status then channel: the tally the triggers of
    /// migration 0022 keep, a few rows per program however many proposals.
    static func proposalTally(_ db: Connection) throws -> [(status: String, channel: String, count: Int)] {
        try db.query("""
            SELECT t.status, t.channel, sum(t.n) AS n FROM proposal_tally t JOIN programs p ON p.id = t.program_id
            JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0 GROUP BY 1, 2
            """).map { (status: try $0.string("status"), channel: try $0.string("channel"), count: try $0.int("n")) }
    }

    /// Activities by their latest recorded status.
    static func activitiesByStatus(_ db: Connection) throws -> [(status: String, count: Int)] {
        try db.query("""
            SELECT g.status, count(*) AS n FROM activity_progress g
            JOIN (SELECT activity_id, max(id) AS last FROM activity_progress GROUP BY activity_id) l ON l.last = g.id
            JOIN activities a ON a.id = g.activity_id JOIN projects j ON j.id = a.project_id JOIN programs p ON p.id = j.program_id
            JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0 GROUP BY 1
            """).map { (status: try $0.string("status"), count: try $0.int("n")) }
    }
}
