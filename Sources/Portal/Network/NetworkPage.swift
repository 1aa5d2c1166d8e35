import HTTP
import SQLite
import Templates

/// The network itself: what it is and when it was founded, who belongs to it, the support
/// programme and its OGP award, the charter members sign (preamble, sections, values,
/// commitments), and the member communes that publish their programs here, grouped by region
/// and paged (`MemberDirectory`). Nine queries whatever the data size.
enum NetworkPage {
    /// Member communes a page of the directory.
    static let membersPerPage = 50

    static func load(_ db: Connection, query: MemberDirectory.Query = .init(), page: PageRequest) throws -> PageView {
        let language = page.language
        guard let network = try NetworkStore.network(db) else { throw PageError.notFound }
        let name = network.name
        func texts(_ items: [Localized]) -> [TextItem] { items.map { TextItem(text: LocalizedText($0, language)) } }
        func localized(_ text: Localized?) -> LocalizedText? { text.map { LocalizedText($0, language) } }
        let facts = try NetworkStore.facts(db).map { NetworkFact(date: $0.date, text: LocalizedText($0.text, language)) }
        let preamble = texts(try NetworkStore.charterPreamble(db))
        let sections = try NetworkStore.charterSections(db).enumerated().map { index, section in
            // The "whereas" items open the charter: seed 002 prints them under its first heading
            // (the preamble, ديباجة), before "it is decided to create the network".
            CharterSectionView(heading: LocalizedText(section.heading, language), body: LocalizedText(section.body, language),
                               preamble: index == 0 ? preamble : nil)
        }
        let values = texts(try NetworkStore.charterValues(db))
        let commitments = texts(try NetworkStore.charterCommitments(db))
        // What the support programme comprises (seed 002; Migrations/0018).
        let components = texts(try NetworkStore.components(db))
        let directory = try MemberDirectory.load(db, query: query, sandbox: false, pageSize: membersPerPage)
        guard directory.query.page <= directory.pageCount else { throw PageError.notFound }
        let groups = directory.groups.map { group in
            NetworkMemberGroup(region: localized(group.region), members: group.members.map { member in
                NetworkMemberLink(href: SiteRoute.commune(language, slug: member.slug).path, name: LocalizedText(member.name, language),
                                  inferredRegion: member.regionInferred ? localized(member.region) : nil)
            })
        }
        let about = NetworkAbout(
            name: LocalizedText(name, language), foundedOn: network.foundedOn, regions: network.regions,
            provincialCouncils: network.provincialCouncils, communes: network.communes,
            programName: localized(network.programName), description: localized(network.description), aim: localized(network.aim),
            components: components,
            award: localized(network.award), awardOn: network.awardOn, awardPlace: localized(network.awardPlace))
        var view = PageView(template: "pages/network", title: name.text(language), view: NetworkPageView(
            network: about,
            facts: facts,
            charterSections: sections,
            charterValues: values,
            charterCommitments: commitments,
            directory: NetworkDirectoryView(filter: directory.filterView(path: SiteRoute.network(language).path, page: page), groups: groups)))
        view.switchQuery = directory.query.string(page: directory.query.page)
        return view
    }
}

/// The network page: the network and its support programme, its history, its charter, and a
/// page of its member communes.
struct NetworkPageView: TemplateView {
    let network: NetworkAbout
    let facts: [NetworkFact]
    let charterSections: [CharterSectionView]
    let charterValues: [TextItem]
    let charterCommitments: [TextItem]
    let directory: NetworkDirectoryView

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "network": return .init(network)
        case "facts": return .init(facts)
        case "charter_sections": return .init(charterSections)
        case "charter_values": return .init(charterValues)
        case "charter_commitments": return .init(charterCommitments)
        case "directory": return .init(directory)
        default: return nil
        }
    }
}

/// The network as its page presents it: name and figures, the support programme and its award.
struct NetworkAbout: TemplateView {
    let name: LocalizedText
    let foundedOn: String
    let regions: Int?
    let provincialCouncils: Int?
    let communes: Int?
    /// The support programme's name.
    let programName: LocalizedText?
    let description: LocalizedText?
    /// What the support programme aims at.
    let aim: LocalizedText?
    /// What the support programme comprises.
    let components: [TextItem]
    let award: LocalizedText?
    let awardOn: String?
    let awardPlace: LocalizedText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "has_award": return .bool(award != nil || awardOn != nil)
        case "name": return .init(name)
        case "founded_on": return .string(foundedOn)
        case "regions": return .init(regions)
        case "provincial_councils": return .init(provincialCouncils)
        case "communes": return .init(communes)
        case "program_name": return .init(programName)
        case "description": return .init(description)
        case "aim": return .init(aim)
        case "components": return .init(components)
        case "award": return .init(award)
        case "award_on": return .init(awardOn)
        case "award_place": return .init(awardPlace)
        default: return nil
        }
    }
}

/// A text of a list (a component, a charter value or commitment, a preamble item).
struct TextItem: TemplateView {
    let text: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .init(text)
        default: return nil
        }
    }
}

/// A dated fact of the network's history.
struct NetworkFact: TemplateView {
    /// The day it happened, when known.
    let date: String?
    let text: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "date": return .init(date)
        case "text": return .init(text)
        default: return nil
        }
    }
}

/// A section of the charter.
struct CharterSectionView: TemplateView {
    let heading: LocalizedText
    let body: LocalizedText
    /// The "whereas" items, under the first section only.
    let preamble: [TextItem]?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "heading": return .init(heading)
        case "body": return .init(body)
        case "preamble": return preamble.map { .init($0) } ?? .null
        default: return nil
        }
    }
}

/// The network page's member directory: the filter and pager, and the page's members grouped
/// by region.
struct NetworkDirectoryView: TemplateView {
    let filter: DirectoryFilterView
    let groups: [NetworkMemberGroup]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "groups": return .init(groups)
        default: return filter.member(key)
        }
    }
}

/// A run of members of one region.
struct NetworkMemberGroup: TemplateView {
    /// Nil when the communes' records do not give it.
    let region: LocalizedText?
    let members: [NetworkMemberLink]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "region": return .init(region)
        case "members": return .init(members)
        default: return nil
        }
    }
}

/// A member commune in the directory: its page's link and name.
struct NetworkMemberLink: TemplateView {
    let href: String
    let name: LocalizedText
    /// A region the demo loader inferred, marked on the commune it was given to.
    let inferredRegion: LocalizedText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "name": return .init(name)
        case "inferred_region": return .init(inferredRegion)
        default: return nil
        }
    }
}
