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
                HomePrinciple(name: LocalizedText(principle.name, language), description: LocalizedText(principle.description, language))
            }
            let goals = try HomeStore.goals(db).map { HomeGoal(text: LocalizedText($0, language)) }
            // The front page stays light however large the network grows: the first communes
            // here, every member on the network page.
            let memberCount = try HomeStore.communeCount(db)
            let communes = try HomeStore.communes(db, limit: shownCommunes).map { commune in
                let slug = commune.slug
                return HomeCommuneCard(
                    href: SiteRoute.commune(language, slug: slug).path, name: LocalizedText(commune.name, language),
                    region: commune.region.map { LocalizedText($0, language) }, regionInferred: commune.regionInferred,
                    province: commune.province.map { LocalizedText($0, language) }, sandbox: commune.isSandbox, joinedOn: commune.joinedOn,
                    program: commune.program.map { program in
                        let period = program.period, status = program.status
                        return HomeProgramLine(
                            period: period, periodInferred: program.periodInferred,
                            status: translations.text("status." + status, language) ?? status,
                            href: SiteRoute.program(language, slug: slug, period: period, .overview).path,
                            budget: program.budget, projects: program.projects, activities: program.activities,
                            participants: program.participants)
                    })
            }
            return PageView(template: "pages/home", title: name.text(language), view: HomePageView(
                network: HomeNetwork(name: LocalizedText(name, language), foundedOn: network.foundedOn, regions: network.regions,
                                     provincialCouncils: network.provincialCouncils, communes: network.communes),
                principles: principles, goals: goals, communes: communes,
                moreCommunes: memberCount > shownCommunes ? memberCount : nil,
                networkHref: SiteRoute.network(language).path,
                openCalls: try CallStore.open(db, at: now, limit: shownCalls).map {
                    OpenCallView($0, at: now, page: page, baseURL: baseURL)
                },
                callsHref: SiteRoute.calls(language).path,
                follow: FollowLinks.view(page, calendar: .calendar(language, slug: nil), calendarLabel: "follow.network_calendar")))
        }
    }
}

/// The front page: the network, its principles and goals, the first member communes, and the
/// calls open now across the network.
struct HomePageView: TemplateView {
    let network: HomeNetwork
    let principles: [HomePrinciple]
    let goals: [HomeGoal]
    /// The first `HomePage.shownCommunes` communes.
    let communes: [HomeCommuneCard]
    /// How many communes the network page lists, when the front page does not show them all.
    let moreCommunes: Int?
    let networkHref: String
    /// The calls open now, the ten closing soonest.
    let openCalls: [OpenCallView]
    /// The list of every open call, `/{lang}/calls`.
    let callsHref: String
    let follow: FollowView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "network": return .init(network)
        case "principles": return .init(principles)
        case "goals": return .init(goals)
        case "communes": return .init(communes)
        case "more_communes": return .init(moreCommunes)
        case "network_href": return .string(networkHref)
        case "open_calls": return .init(openCalls)
        case "calls_href": return .string(callsHref)
        // Read by `partials/open_calls`: the home band says which commune each call is from.
        case "show_commune": return .bool(true)
        case "follow": return .init(follow)
        default: return nil
        }
    }
}

/// The network's name and figures, at the top of the front page.
struct HomeNetwork: TemplateView {
    let name: LocalizedText
    let foundedOn: String
    let regions: Int
    let provincialCouncils: Int
    /// How many communes the network says it has (its own figure, not a count of the store).
    let communes: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .init(name)
        case "founded_on": return .string(foundedOn)
        case "regions": return .int(regions)
        case "provincial_councils": return .int(provincialCouncils)
        case "communes": return .int(communes)
        default: return nil
        }
    }
}

/// A principle of the network, with what it means.
struct HomePrinciple: TemplateView {
    let name: LocalizedText
    let description: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .init(name)
        case "description": return .init(description)
        default: return nil
        }
    }
}

/// A goal of the network.
struct HomeGoal: TemplateView {
    let text: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .init(text)
        default: return nil
        }
    }
}

/// A member commune's card on the front page, with where its newest program stands.
struct HomeCommuneCard: TemplateView {
    /// The commune page.
    let href: String
    let name: LocalizedText
    let region: LocalizedText?
    let regionInferred: Bool
    let province: LocalizedText?
    let sandbox: Bool
    /// The day it joined the network; the key is absent when unknown.
    let joinedOn: String?
    /// Its newest program; the key is absent when it has none.
    let program: HomeProgramLine?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "name": return .init(name)
        // A commune with neither (the sandbox) has no line for them.
        case "where": return .bool(region != nil || province != nil)
        case "region": return .init(region)
        case "region_inferred": return .bool(regionInferred)
        case "province": return .init(province)
        case "sandbox": return .bool(sandbox)
        case "joined_on": return joinedOn.map { .string($0) }
        case "program": return program.map { .init($0) }
        default: return nil
        }
    }
}

/// A commune's newest program on its front-page card, with its size.
struct HomeProgramLine: TemplateView {
    let period: String
    let periodInferred: Bool
    /// The status's label in the page's language.
    let status: String
    /// The program's overview page.
    let href: String
    /// In centimes: the program's total, or the sum of its projects' budgets.
    let budget: Int?
    let projects: Int
    let activities: Int
    let participants: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "period": return .string(period)
        case "period_inferred": return .bool(periodInferred)
        case "status": return .string(status)
        case "href": return .string(href)
        case "budget": return .init(budget)
        case "projects": return .int(projects)
        case "activities": return .int(activities)
        case "participants": return .init(participants)
        default: return nil
        }
    }
}
