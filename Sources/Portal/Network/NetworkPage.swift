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
        guard let network = try db.queryOne("SELECT * FROM network WHERE id = 1") else { throw HTTPNotFound() }
        let name = try Localized(network, "name")
        func texts(_ sql: String) throws -> [TemplateValue] {
            try db.query(sql).map { ["text": try Localized($0, "text").value(language)] }
        }
        let facts = try db.query("SELECT date_start, text_ar, text_fr FROM network_facts ORDER BY position").map { row -> TemplateValue in
            ["date": TemplateValue(try row.optionalString("date_start")), "text": try Localized(row, "text").value(language)]
        }
        let preamble = try texts("SELECT text_ar, text_fr FROM charter_preamble ORDER BY position")
        var sections = try db.query("SELECT heading_ar, heading_fr, body_ar, body_fr FROM charter_sections ORDER BY position").map { row -> [String: TemplateValue] in
            ["heading": try Localized(row, "heading").value(language), "body": try Localized(row, "body").value(language),
             "preamble": .null]
        }
        // The "whereas" items open the charter: seed 002 prints them under its first heading
        // (the preamble, ديباجة), before "it is decided to create the network".
        if !sections.isEmpty { sections[0]["preamble"] = .array(preamble) }
        let values = try texts("SELECT text_ar, text_fr FROM charter_values ORDER BY position")
        let commitments = try texts("SELECT text_ar, text_fr FROM charter_commitments ORDER BY position")
        // What the support programme comprises (seed 002; Migrations/0018).
        let components = try texts("SELECT text_ar, text_fr FROM network_components ORDER BY position")
        let directory = try MemberDirectory.load(db, query: query, sandbox: false)
        guard directory.query.page <= directory.pageCount else { throw HTTPNotFound() }
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
        func optional(_ base: String) throws -> TemplateValue { try Localized(optional: network, base)?.value(language) ?? .null }
        let award = try optional("award")
        let awardOn = try network.optionalString("award_on")
        let context: [String: TemplateValue] = [
            "network": [
                "has_award": .bool(award.isTruthy || awardOn != nil),
                "name": name.value(language),
                "founded_on": .string(try network.string("founded_on")),
                "regions": TemplateValue(try network.optionalInt("regions_count")),
                "provincial_councils": TemplateValue(try network.optionalInt("provincial_councils_count")),
                "communes": TemplateValue(try network.optionalInt("communes_count")),
                "program_name": try optional("program_name"),
                "description": try optional("description"),
                "aim": try optional("aim"),
                "components": .array(components),
                "award": award,
                "award_on": TemplateValue(awardOn),
                "award_place": try optional("award_place"),
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
