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
            guard let network = try HomeStore.network(db) else {
                throw PageError.notFound
            }
            let name = network.name
            let principles = try HomeStore.principles(db).map { principle in
                TemplateValue.object(["name": principle.name.value(language),
                                      "description": principle.description.value(language)])
            }
            let goals = try HomeStore.goals(db).map { goal in
                TemplateValue.object(["text": goal.value(language)])
            }
            // The front page stays light however large the network grows: the first communes
            // here, every member on the network page.
            let memberCount = try HomeStore.communeCount(db)
            let communes = try HomeStore.communes(db, limit: shownCommunes).map { commune -> TemplateValue in
                let slug = commune.slug
                let region = commune.region, province = commune.province
                var item: [String: TemplateValue] = [
                    "href": .string(SiteRoute.commune(language, slug: slug).path),
                    "name": commune.name.value(language),
                    // A commune with neither (the sandbox) has no line for them.
                    "where": .bool(region != nil || province != nil),
                    "region": region?.value(language) ?? .null,
                    "region_inferred": .bool(commune.regionInferred),
                    "province": province?.value(language) ?? .null,
                    "sandbox": .bool(commune.isSandbox),
                ]
                if let joined = commune.joinedOn { item["joined_on"] = .string(joined) }
                if let program = commune.program {
                    let period = program.period, status = program.status
                    item["program"] = .object([
                        "period": .string(period),
                        "period_inferred": .bool(program.periodInferred),
                        "status": .string(translations.text("status." + status, language) ?? status),
                        "href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
                        "budget": TemplateValue(program.budget),
                        "projects": .int(program.projects),
                        "activities": .int(program.activities),
                        "participants": TemplateValue(program.participants),
                    ])
                }
                return .object(item)
            }
            return PageView(template: "pages/home", title: name.text(language), context: [
                "network": .object([
                    "name": name.value(language),
                    "founded_on": .string(network.foundedOn),
                    "regions": .int(network.regions),
                    "provincial_councils": .int(network.provincialCouncils),
                    "communes": .int(network.communes),
                ]),
                "principles": .array(principles),
                "goals": .array(goals),
                "communes": .array(communes),
                "more_communes": memberCount > shownCommunes ? .int(memberCount) : .null,
                "network_href": .string(SiteRoute.network(language).path),
                "open_calls": .array(try CallStore.open(db, at: now, limit: shownCalls).map {
                    OpenCalls.value($0, at: now, page: page, baseURL: baseURL)
                }),
                "calls_href": .string(SiteRoute.calls(language).path),
                "show_commune": true,
                "follow": FollowLinks.value(page, calendar: .calendar(language, slug: nil), calendarLabel: "follow.network_calendar"),
            ])
        }
    }
}
