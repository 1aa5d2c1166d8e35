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
              AND (?4 IS NULL OR c.program_state = (CASE ?4 WHEN '-' THEN '' ELSE ?4 END))
            """, [sandbox, region, match, state], as: Int.self) ?? 0
    }

    /// One page (`limit` from `offset`) of the communes `memberCount` counts, by region then name.
    static func members(_ db: Connection, sandbox: Bool, region: String?, match: String?, state: String?,
                        limit: Int, offset: Int) throws -> [MemberDirectory.Member] {
        try db.query(membersSQL, [sandbox, region, match, limit, offset, state]).map { row in
            MemberDirectory.Member(id: try row.int("id"), slug: try row.string("slug"), name: try Localized(row, "name"),
                                   regionKey: try row.string("region_key"), region: try Localized(optional: row, "region"),
                                   joinedOn: try row.optionalString("joined_on"), isSandbox: try row.bool("is_sandbox"),
                                   regionInferred: try row.bool("region_inferred"))
        }
    }

    /// `members`' query: read in the order of the index `communes_directory` (0028), up to the
    /// page asked for, at any size of the network.
    static let membersSQL = """
        SELECT c.id, c.slug, c.name_ar, c.name_fr, coalesce(c.region_ar, '-') AS region_key, c.region_ar, c.region_fr,
               c.joined_on, c.is_sandbox, c.region_inferred
        FROM communes c
        WHERE (c.is_sandbox = 0 OR (?1 AND ?2 IS NULL AND ?3 IS NULL AND ?6 IS NULL))
          AND (?2 IS NULL OR coalesce(c.region_ar, '-') = ?2)
          AND (?3 IS NULL OR c.id IN (SELECT e.ref FROM search_communes_fts JOIN search_entries e ON e.id = search_communes_fts.rowid
                                      WHERE search_communes_fts MATCH ?3))
          AND (?6 IS NULL OR c.program_state = (CASE ?6 WHEN '-' THEN '' ELSE ?6 END))
        ORDER BY c.is_sandbox, region_key = '-', region_key, c.name_ar, c.id
        LIMIT ?4 OFFSET ?5
        """

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

    /// Communes by the state of their newest program ("" for none): the counts migration 0028
    /// keeps, and each state's first `named` communes by when they joined, read through an index.
    static func communesByState(_ db: Connection, named: Int) throws -> [String: CommuneGroup] {
        var byState: [String: CommuneGroup] = [:]
        for row in try db.query(communesByStateSQL, [named]) {
            byState[try row.string("state")] = CommuneGroup(count: try row.int("n"), names: try row.optionalString("names"))
        }
        return byState
    }

    /// `communesByState`'s query: the kept counts, and the names through `communes_by_state`.
    static let communesByStateSQL = """
        SELECT f.key AS state, f.n,
               (SELECT group_concat(packed, char(30)) FROM (
                   SELECT c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed FROM communes c
                   WHERE c.is_sandbox = 0 AND c.program_state = f.key ORDER BY c.id LIMIT ?1)) AS names
        FROM network_figures f WHERE f.figure = 'state' AND f.n > 0
        """

    /// Communes by region as their records name it, the largest sixteen regions: the counts
    /// migration 0028 keeps (a region is a JSON pair of its names there), and each region's first
    /// `named` communes by when they joined, read through an index.
    static func communesByRegion(_ db: Connection, named: Int) throws -> [RegionGroup] {
        try db.query(communesByRegionSQL, [named]).map { row in
            RegionGroup(region: try Localized(optional: row, "region"), key: try row.optionalString("region_ar"),
                        inferred: try row.int("inferred") == 1,
                        communes: CommuneGroup(count: try row.int("n"), names: try row.optionalString("names")))
        }
    }

    /// `communesByRegion`'s query: the kept counts, and the names through `communes_by_region`.
    static let communesByRegionSQL = """
        SELECT r.region_ar, r.region_fr, r.n,
               coalesce((SELECT d.n FROM network_figures d WHERE d.figure = 'region-documented' AND d.key = r.key), 0) = 0 AS inferred,
               (SELECT group_concat(packed, char(30)) FROM (
                   SELECT c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed FROM communes c
                   WHERE c.is_sandbox = 0 AND c.region_ar IS r.region_ar AND c.region_fr IS r.region_fr ORDER BY c.id LIMIT ?1)) AS names
        FROM (SELECT f.key, json_extract(f.key, '$[0]') AS region_ar, json_extract(f.key, '$[1]') AS region_fr, f.n
              FROM network_figures f WHERE f.figure = 'region' AND f.n > 0) r
        ORDER BY r.n DESC, r.region_ar, r.region_fr LIMIT 16
        """

    /// Programs adopted per year (the year of the council's adoption), by year.
    static func adoptionsPerYear(_ db: Connection) throws -> [(year: String, count: Int)] {
        try figures(db, "adopted").map { (year: $0.key, count: $0.count) }
    }

    /// Participation in the meetings the communes reported; a sum no meeting gave is nil.
    static func participation(_ db: Connection) throws -> Participation {
        var sums: [String: Int] = [:]
        for figure in try figures(db, "participation") { sums[figure.key] = figure.count }
        func sum(_ key: String) -> Int? { sums[key + "-reported"] == nil ? nil : sums[key] ?? 0 }
        return Participation(participants: sum("participants"), women: sum("women"), associations: sum("associations"), counted: sum("counted"))
    }

    /// Public proposals by status then channel (proposal_tally of migration 0022, summed by 0028).
    static func proposalTally(_ db: Connection) throws -> [(status: String, channel: String, count: Int)] {
        try figures(db, "proposals").map { figure in
            let parts = figure.key.split(separator: " ", maxSplits: 1).map(String.init)
            return (status: parts[0], channel: parts.count > 1 ? parts[1] : "", count: figure.count)
        }
    }

    /// Activities by their latest recorded status.
    static func activitiesByStatus(_ db: Connection) throws -> [(status: String, count: Int)] {
        try figures(db, "execution").map { (status: $0.key, count: $0.count) }
    }

    /// One figure's keys and counts as migration 0028's triggers keep them, by key; a key whose
    /// count fell to zero is left out.
    private static func figures(_ db: Connection, _ figure: String) throws -> [(key: String, count: Int)] {
        try db.query("SELECT key, n FROM network_figures WHERE figure = ? AND n > 0 ORDER BY key", [figure]).map {
            (key: try $0.string("key"), count: try $0.int("n"))
        }
    }
}
