import Foundation
import HTTP
import SQLite
import Templates

/// A commune's page: who it is, its programs (newest first) and the committee that follows
/// the newest one, and its calls open now. Five queries whatever the commune holds.
enum CommunePage {
    static func load(_ db: Connection, slug: String, now: Date, baseURL: String, page: PageRequest) throws -> PageView {
        guard let commune = try db.queryOne("SELECT * FROM communes WHERE slug = ?", [slug]) else { throw PageError(.notFound, message: "error.404.commune") }
        let language = page.language
        let name = try Localized(commune, "name")
        let programs = try db.query("""
            SELECT p.id, p.period, p.period_inferred, p.title_ar, p.title_fr, p.status, p.adopted_on, p.adoption_session_ar, p.adoption_session_fr,
                   coalesce(p.total_budget_centimes, (SELECT sum(budget_centimes) FROM projects WHERE program_id = p.id)) AS budget,
                   (SELECT count(*) FROM projects WHERE program_id = p.id) AS project_count
            FROM programs p WHERE p.commune_id = ? ORDER BY p.period DESC
            """, [try commune.int("id")])
        let programValues = try programs.map { row -> TemplateValue in
            let period = try row.string("period")
            return [
                "period": .string(period),
                "period_inferred": .bool(try row.bool("period_inferred")),
                "title": try Localized(row, "title").value(language),
                "status": .string(page.t("status." + (try row.string("status")))),
                "adoption_session": try Localized(optional: row, "adoption_session")?.value(language) ?? .null,
                "budget": TemplateValue(try row.optionalInt("budget")),
                "project_count": .int(try row.int("project_count")),
                "href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
                "matrix_href": .string(SiteRoute.program(language, slug: slug, period: period, .matrix).path),
                "feed_href": .string(SiteRoute.program(language, slug: slug, period: period, .feed).path),
            ]
        }
        let committee = try programs.first.flatMap { try Committee.load(db, programID: try $0.int("id"), page: page) }
        let region = try Localized(optional: commune, "region"), province = try Localized(optional: commune, "province")
        let joinedOn = try commune.optionalString("joined_on"), platformURL = try commune.optionalString("platform_url")
        return PageView(template: "pages/commune", title: name.text(language), context: [
            "commune": [
                "name": name.value(language),
                "region": region?.value(language) ?? .null,
                "region_inferred": .bool(try commune.bool("region_inferred")),
                "province": province?.value(language) ?? .null,
                "joined_on": TemplateValue(joinedOn),
                "platform_url": TemplateValue(platformURL),
                // The sandbox has none of them: no empty list.
                "has_facts": .bool(region != nil || province != nil || joinedOn != nil || platformURL != nil),
                "sandbox": .bool(try commune.bool("is_sandbox")),
            ],
            "programs": .array(programValues),
            "committee": committee ?? .null,
            "search_commune": .string(slug),
            "open_calls": .array(try OpenCalls.open(db, at: now, communeID: try commune.int("id"), limit: 50).map {
                OpenCalls.value($0, at: now, page: page, baseURL: baseURL)
            }),
            "follow": FollowLinks.value(page, calendar: .calendar(language, slug: slug)),
        ])
    }
}
