import SQLite

/// The commune page's reads (issue 17, a store per feature): who the commune is and its
/// programs, newest first, with what a list of them shows. Two queries.
enum CommuneStore {
    /// A member commune as its page presents it.
    struct Commune {
        let id: Int
        let name: Localized
        let region: Localized?
        /// The region was inferred by the demo loader, not read in a document (Migrations/0018).
        let regionInferred: Bool
        let province: Localized?
        let joinedOn: String?
        let platformURL: String?
        let isSandbox: Bool
    }

    /// One of the commune's programs, as its list shows it.
    struct Program {
        let id: Int
        let period: String
        let periodInferred: Bool
        let title: Localized
        let status: String
        let adoptionSession: Localized?
        /// The stated total, else the sum of its projects' budgets.
        let budgetCentimes: Int?
        let projectCount: Int
    }

    /// The commune named `slug` in URLs (a 404 that says so when there is none).
    static func commune(_ db: Connection, slug: String) throws -> Commune {
        guard let row = try db.queryOne("SELECT * FROM communes WHERE slug = ?", [slug]) else {
            throw PageError(.notFound, message: "error.404.commune")
        }
        return Commune(id: try row.int("id"), name: try Localized(row, "name"), region: try Localized(optional: row, "region"),
                       regionInferred: try row.bool("region_inferred"), province: try Localized(optional: row, "province"),
                       joinedOn: try row.optionalString("joined_on"), platformURL: try row.optionalString("platform_url"),
                       isSandbox: try row.bool("is_sandbox"))
    }

    /// The commune's programs, newest period first.
    static func programs(_ db: Connection, communeID: Int) throws -> [Program] {
        try db.query("""
            SELECT p.id, p.period, p.period_inferred, p.title_ar, p.title_fr, p.status, p.adopted_on, p.adoption_session_ar, p.adoption_session_fr,
                   coalesce(p.total_budget_centimes, (SELECT sum(budget_centimes) FROM projects WHERE program_id = p.id)) AS budget,
                   (SELECT count(*) FROM projects WHERE program_id = p.id) AS project_count
            FROM programs p WHERE p.commune_id = ? ORDER BY p.period DESC
            """, [communeID]).map { row in
            Program(id: try row.int("id"), period: try row.string("period"), periodInferred: try row.bool("period_inferred"),
                    title: try Localized(row, "title"), status: try row.string("status"),
                    adoptionSession: try Localized(optional: row, "adoption_session"), budgetCentimes: try row.optionalInt("budget"),
                    projectCount: try row.int("project_count"))
        }
    }
}
