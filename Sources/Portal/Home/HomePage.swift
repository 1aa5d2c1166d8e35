import Foundation
import SQLite
import Templates

/// The front page: what the network is, the principles and results it works for, and each
/// member commune with where its program stands, and the calls open now across the network
/// (the ten closing soonest). Six queries whatever the data size.
enum HomePage {
    /// How many communes the front page lists before pointing to the network page.
    static let shownCommunes = 12

    /// How many open calls the front page's band shows before pointing to `/{lang}/calls`.
    static let shownCalls = 10

    static func load(_ db: Connection, now: Date, baseURL: String, page: PageRequest) throws -> PageView {
        let language = page.language, translations = page.translations
        do {
            guard let network = try db.queryOne("SELECT * FROM network WHERE id = 1") else {
                throw HTTPNotFound()
            }
            let name = try Localized(network, "name")
            let principles = try db.query("SELECT * FROM network_principles ORDER BY position").map { row in
                TemplateValue.object(["name": try Localized(row, "name").value(language),
                                      "description": try Localized(row, "description").value(language)])
            }
            let goals = try db.query("SELECT * FROM network_goals ORDER BY position").map { row in
                TemplateValue.object(["text": try Localized(row, "text").value(language)])
            }
            // The front page stays light however large the network grows: the first communes
            // here, every member on the network page.
            let memberCount = try db.scalar("SELECT count(*) FROM communes", as: Int.self) ?? 0
            let communes = try db.query("""
                SELECT c.slug, c.name_ar, c.name_fr, c.region_ar, c.region_fr, c.region_inferred, c.province_ar, c.province_fr,
                       c.joined_on, c.is_sandbox, p.period, p.period_inferred, p.status,
                       coalesce(p.total_budget_centimes, (SELECT sum(budget_centimes) FROM projects WHERE program_id = p.id)) AS budget,
                       (SELECT count(*) FROM projects WHERE program_id = p.id) AS projects,
                       (SELECT count(*) FROM activities a JOIN projects j ON j.id = a.project_id WHERE j.program_id = p.id) AS activities,
                       (SELECT sum(participants) FROM events WHERE program_id = p.id) AS participants
                FROM communes c
                LEFT JOIN programs p ON p.id = (SELECT id FROM programs WHERE commune_id = c.id ORDER BY period DESC LIMIT 1)
                ORDER BY c.is_sandbox, c.id LIMIT ?
                """, [shownCommunes]).map { row -> TemplateValue in
                let slug = try row.string("slug")
                let region = try Localized(optional: row, "region"), province = try Localized(optional: row, "province")
                var item: [String: TemplateValue] = [
                    "href": .string(SiteRoute.commune(language, slug: slug).path),
                    "name": try Localized(row, "name").value(language),
                    // A commune with neither (the sandbox) has no line for them.
                    "where": .bool(region != nil || province != nil),
                    "region": region?.value(language) ?? .null,
                    "region_inferred": .bool(try row.bool("region_inferred")),
                    "province": province?.value(language) ?? .null,
                    "sandbox": .bool(try row.bool("is_sandbox")),
                ]
                if let joined = try row.optionalString("joined_on") { item["joined_on"] = .string(joined) }
                if let period = try row.optionalString("period") {
                    let status = try row.string("status")
                    item["program"] = .object([
                        "period": .string(period),
                        "period_inferred": .bool(try row.bool("period_inferred")),
                        "status": .string(translations.text("status." + status, language) ?? status),
                        "href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
                        "budget": TemplateValue(try row.optionalInt("budget")),
                        "projects": .int(try row.int("projects")),
                        "activities": .int(try row.int("activities")),
                        "participants": TemplateValue(try row.optionalInt("participants")),
                    ])
                }
                return .object(item)
            }
            return PageView(template: "pages/home", title: name.text(language), context: [
                "network": .object([
                    "name": name.value(language),
                    "founded_on": .string(try network.string("founded_on")),
                    "regions": .int(try network.int("regions_count")),
                    "provincial_councils": .int(try network.int("provincial_councils_count")),
                    "communes": .int(try network.int("communes_count")),
                ]),
                "principles": .array(principles),
                "goals": .array(goals),
                "communes": .array(communes),
                "more_communes": memberCount > shownCommunes ? .int(memberCount) : .null,
                "network_href": .string(SiteRoute.network(language).path),
                "open_calls": .array(try OpenCalls.open(db, at: now, limit: shownCalls).map {
                    OpenCalls.value($0, at: now, page: page, baseURL: baseURL)
                }),
                "calls_href": .string(SiteRoute.calls(language).path),
                "show_commune": true,
                "follow": FollowLinks.value(page, calendar: .calendar(language, slug: nil), calendarLabel: "follow.network_calendar"),
            ])
        }
    }
}
