import Foundation
import SQLite

/// The front page's reads (issue 17, step 4): the network's figures, its principles and goals,
/// how many communes belong to it and the first few with where their newest program stands.
/// `HomePage` builds the page from these values and holds no SQL.
enum HomeStore {
    /// The network as the front page shows it.
    struct Network {
        var name: Localized
        var foundedOn: String
        var regions: Int
        var provincialCouncils: Int
        var communes: Int
    }

    /// A principle of the network, with what it means.
    struct Principle {
        var name: Localized
        var description: Localized
    }

    /// A member commune on the front page, with its newest program if it has one.
    struct Commune {
        var slug: String
        var name: Localized
        var region: Localized?
        var regionInferred: Bool
        var province: Localized?
        var joinedOn: String?
        var isSandbox: Bool
        var program: Program?
    }

    /// A commune's newest program, with its size.
    struct Program {
        var period: String
        var periodInferred: Bool
        var status: String
        var budget: Int?
        var projects: Int
        var activities: Int
        var participants: Int?
    }

    /// The network's row (nil when the store has none; its three counts are required here).
    static func network(_ db: Connection) throws -> Network? {
        guard let row = try db.queryOne("SELECT * FROM network WHERE id = 1") else { return nil }
        return Network(name: try Localized(row, "name"), foundedOn: try row.string("founded_on"), regions: try row.int("regions_count"),
                       provincialCouncils: try row.int("provincial_councils_count"), communes: try row.int("communes_count"))
    }

    /// The network's principles, in order.
    static func principles(_ db: Connection) throws -> [Principle] {
        try db.query("SELECT * FROM network_principles ORDER BY position").map { row in
            Principle(name: try Localized(row, "name"), description: try Localized(row, "description"))
        }
    }

    /// The network's goals, in order.
    static func goals(_ db: Connection) throws -> [Localized] {
        try db.query("SELECT * FROM network_goals ORDER BY position").map { row in try Localized(row, "text") }
    }

    /// How many communes the store holds, the sandbox included.
    static func communeCount(_ db: Connection) throws -> Int {
        try db.scalar("SELECT count(*) FROM communes", as: Int.self) ?? 0
    }

    /// The first `limit` communes (the sandbox last), each with its newest program's figures:
    /// read in the order of the index `communes_in_order` (0028), so only those communes' figures
    /// are computed, at any size of the network.
    static let communesSQL = """
            SELECT c.slug, c.name_ar, c.name_fr, c.region_ar, c.region_fr, c.region_inferred, c.province_ar, c.province_fr,
                   c.joined_on, c.is_sandbox, p.period, p.period_inferred, p.status,
                   coalesce(p.total_budget_centimes, (SELECT sum(budget_centimes) FROM projects WHERE program_id = p.id)) AS budget,
                   (SELECT count(*) FROM projects WHERE program_id = p.id) AS projects,
                   (SELECT count(*) FROM activities a JOIN projects j ON j.id = a.project_id WHERE j.program_id = p.id) AS activities,
                   (SELECT sum(participants) FROM events WHERE program_id = p.id) AS participants
            FROM communes c
            LEFT JOIN programs p ON p.id = (SELECT id FROM programs WHERE commune_id = c.id ORDER BY period DESC LIMIT 1)
            ORDER BY c.is_sandbox, c.id LIMIT ?
            """

    /// The communes `communesSQL` reads, `limit` of them.
    static func communes(_ db: Connection, limit: Int) throws -> [Commune] {
        try db.query(communesSQL, [limit]).map { row in
            var program: Program? = nil
            if let period = try row.optionalString("period") {
                program = Program(period: period, periodInferred: try row.bool("period_inferred"), status: try row.string("status"),
                                  budget: try row.optionalInt("budget"), projects: try row.int("projects"),
                                  activities: try row.int("activities"), participants: try row.optionalInt("participants"))
            }
            return Commune(slug: try row.string("slug"), name: try Localized(row, "name"), region: try Localized(optional: row, "region"),
                           regionInferred: try row.bool("region_inferred"), province: try Localized(optional: row, "province"),
                           joinedOn: try row.optionalString("joined_on"), isSandbox: try row.bool("is_sandbox"), program: program)
        }
    }
}
