import HTTP
import SQLite
import Templates

/// The network itself: what it is and when it was founded, who belongs to it, the support
/// programme and its OGP award, the charter members sign (preamble, sections, values,
/// commitments), and the member communes that publish their programs here, grouped by region
/// and paged (`MemberDirectory`). Nine queries whatever the data size.
enum NetworkPage {
    static func load(_ db: Connection, query: MemberDirectory.Query = .init(), page: PageRequest) throws -> PageView {
        let language = page.language
        guard let network = try NetworkStore.network(db) else { throw PageError.notFound }
        let name = network.name
        func texts(_ items: [Localized]) -> [TemplateValue] {
            items.map { ["text": $0.value(language)] }
        }
        let facts = try NetworkStore.facts(db).map { fact -> TemplateValue in
            ["date": TemplateValue(fact.date), "text": fact.text.value(language)]
        }
        let preamble = texts(try NetworkStore.charterPreamble(db))
        var sections = try NetworkStore.charterSections(db).map { section -> [String: TemplateValue] in
            ["heading": section.heading.value(language), "body": section.body.value(language),
             "preamble": .null]
        }
        // The "whereas" items open the charter: seed 002 prints them under its first heading
        // (the preamble, ديباجة), before "it is decided to create the network".
        if !sections.isEmpty { sections[0]["preamble"] = .array(preamble) }
        let values = texts(try NetworkStore.charterValues(db))
        let commitments = texts(try NetworkStore.charterCommitments(db))
        // What the support programme comprises (seed 002; Migrations/0018).
        let components = texts(try NetworkStore.components(db))
        let directory = try MemberDirectory.load(db, query: query, sandbox: false)
        guard directory.query.page <= directory.pageCount else { throw PageError.notFound }
        let groups = directory.groups.map { group -> TemplateValue in
            [
                "region": group.region?.value(language) ?? .null,
                "members": .array(group.members.map { member -> TemplateValue in
                    ["href": .string(SiteRoute.commune(language, slug: member.slug).path), "name": member.name.value(language),
                     // A region the demo loader inferred is marked on the commune it was given to.
                     "inferred_region": member.regionInferred ? (member.region?.value(language) ?? .null) : .null]
                }),
            ]
        }
        var directoryView = directory.filterView(path: SiteRoute.network(language).path, page: page)
        directoryView["groups"] = .array(groups)
        func optional(_ text: Localized?) -> TemplateValue { text?.value(language) ?? .null }
        let award = optional(network.award)
        let awardOn = network.awardOn
        let context: [String: TemplateValue] = [
            "network": [
                "has_award": .bool(award.isTruthy || awardOn != nil),
                "name": name.value(language),
                "founded_on": .string(network.foundedOn),
                "regions": TemplateValue(network.regions),
                "provincial_councils": TemplateValue(network.provincialCouncils),
                "communes": TemplateValue(network.communes),
                "program_name": optional(network.programName),
                "description": optional(network.description),
                "aim": optional(network.aim),
                "components": .array(components),
                "award": award,
                "award_on": TemplateValue(awardOn),
                "award_place": optional(network.awardPlace),
            ],
            "facts": .array(facts),
            "charter_sections": .array(sections.map { .object($0) }),
            "charter_values": .array(values),
            "charter_commitments": .array(commitments),
            "directory": .object(directoryView),
        ]
        var view = PageView(template: "pages/network", title: name.text(language), context: context)
        view.switchQuery = directory.query.string(page: directory.query.page)
        return view
    }
}
