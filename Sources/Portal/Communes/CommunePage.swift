import Foundation
import HTTP
import SQLite
import Templates

/// A commune's page: who it is, its programs (newest first) and the committee that follows
/// the newest one, and its calls open now. Five queries whatever the commune holds.
enum CommunePage {
    static func load(_ db: Connection, slug: String, now: Date, baseURL: String, page: PageRequest) throws -> PageView {
        let commune = try CommuneStore.commune(db, slug: slug)
        let language = page.language
        func localized(_ text: Localized?) -> LocalizedText? { text.map { LocalizedText($0, language) } }
        let records = try CommuneStore.programs(db, communeID: commune.id)
        let programs = records.map { program in
            CommuneProgramLine(period: program.period, periodInferred: program.periodInferred, title: LocalizedText(program.title, language),
                               status: page.t("status." + program.status), adoptionSession: localized(program.adoptionSession),
                               budgetCentimes: program.budgetCentimes, projectCount: program.projectCount,
                               href: SiteRoute.program(language, slug: slug, period: program.period, .overview).path,
                               matrixHref: SiteRoute.program(language, slug: slug, period: program.period, .matrix).path,
                               feedHref: SiteRoute.program(language, slug: slug, period: program.period, .feed).path)
        }
        let view = CommunePageView(
            name: LocalizedText(commune.name, language), region: localized(commune.region), regionInferred: commune.regionInferred,
            province: localized(commune.province), joinedOn: commune.joinedOn, platformURL: commune.platformURL, sandbox: commune.isSandbox,
            programs: programs,
            committee: try records.first.flatMap { try ProgramStore.committee(db, programID: $0.id) }.map { CommitteeView($0, page: page) },
            searchCommune: slug,
            openCalls: try CallStore.open(db, at: now, communeID: commune.id, limit: 50).map { OpenCallView($0, at: now, page: page, baseURL: baseURL) },
            follow: FollowLinks.view(page, calendar: .calendar(language, slug: slug)))
        return PageView(template: "pages/commune", title: commune.name.text(language), view: view)
    }
}

/// The commune page: its facts, its programs, the newest program's committee, its open calls.
struct CommunePageView: TemplateView {
    let name: LocalizedText
    let region: LocalizedText?
    let regionInferred: Bool
    let province: LocalizedText?
    let joinedOn: String?
    let platformURL: String?
    let sandbox: Bool
    let programs: [CommuneProgramLine]
    let committee: CommitteeView?
    /// The commune the page's search box searches in.
    let searchCommune: String
    /// The calls open now.
    let openCalls: [OpenCallView]
    let follow: FollowView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "commune": return [
                "name": .init(name), "region": .init(region), "region_inferred": .bool(regionInferred), "province": .init(province),
                "joined_on": .init(joinedOn), "platform_url": .init(platformURL),
                // The sandbox has none of them: no empty list.
                "has_facts": .bool(region != nil || province != nil || joinedOn != nil || platformURL != nil),
                "sandbox": .bool(sandbox),
            ]
        case "programs": return .init(programs)
        case "committee": return .init(committee)
        case "search_commune": return .string(searchCommune)
        case "open_calls": return .init(openCalls)
        case "follow": return .init(follow)
        default: return nil
        }
    }
}

/// One program in a commune's list, with its pages' links.
struct CommuneProgramLine: TemplateView {
    let period: String
    let periodInferred: Bool
    let title: LocalizedText
    /// The status's label in the page's language.
    let status: String
    let adoptionSession: LocalizedText?
    let budgetCentimes: Int?
    let projectCount: Int
    let href: String
    let matrixHref: String
    let feedHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "period": return .string(period)
        case "period_inferred": return .bool(periodInferred)
        case "title": return .init(title)
        case "status": return .string(status)
        case "adoption_session": return .init(adoptionSession)
        case "budget": return .init(budgetCentimes)
        case "project_count": return .int(projectCount)
        case "href": return .string(href)
        case "matrix_href": return .string(matrixHref)
        case "feed_href": return .string(feedHref)
        default: return nil
        }
    }
}
