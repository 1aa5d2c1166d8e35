import Foundation
import SQLite
import XCTest
@testable import Portal

/// The public list of a program's proposals, its filters and pages, the project card's
/// "comes from these citizens' ideas", and the proposals' open data — never personal data.
final class ProposalListTests: XCTestCase {
    let list = "/fr/communes/demo/programs/2025-2026/proposals"

    /// Inserts a proposal of the sandbox program (axis ids 51–53 are axes 1–3) and returns its code.
    @discardableResult
    private func insert(_ portal: Portal, title: String, axis: Int? = 51, channel: String = "platform",
                        status: String = "processing", answer: String? = nil, project: Int? = nil,
                        name: String? = nil, showName: Bool = false, gender: String? = nil, ageBand: String? = nil,
                        association: String? = nil, neighbourhood: String? = nil, minute: Int = 0) throws -> String {
        let code = TrackingCode.make()
        let created = String(format: "2026-01-01T%02d:%02d:00Z", minute / 60, minute % 60)
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, author_name, show_name, gender,
                                       age_band, association, neighbourhood, channel, status, public_answer,
                                       integrated_project_id, tracking_code, remote_address, created_at)
                VALUES (5, 501, ?, 'idea', ?, 'Une description.', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '10.9.8.7', ?)
                """, [axis, title, name, showName, gender, ageBand, association, neighbourhood, channel, status, answer,
                      project, code, created])
        }
        return code
    }

    private func items(_ page: Page) -> Int { page.body.components(separatedBy: #"<li class="proposal">"#).count - 1 }

    func testFiltersAndCountsPerOption() throws {
        let portal = try Portal()
        for i in 0..<3 { try insert(portal, title: "Axe un accepté \(i)", axis: 51, status: "accepted", answer: "Retenue pour 2026", minute: i) }
        for i in 0..<2 { try insert(portal, title: "Axe deux atelier \(i)", axis: 52, channel: "workshop", minute: 10 + i) }
        try insert(portal, title: "Axe deux intégrée", axis: 52, status: "integrated", project: 52, minute: 20)

        let all = portal.get(list)
        XCTAssertEqual(all.status, 200)
        XCTAssertEqual(items(all), 6)
        XCTAssertTrue(all.contains("6 propositions correspondent aux filtres."))
        XCTAssertTrue(all.contains(#"<form class="filters" method="get" action="\#(list)">"#))
        XCTAssertTrue(all.contains(#"<option value="1">Axe 1 : Communication (exemple) (3)</option>"#), all.body)
        XCTAssertTrue(all.contains(#"<option value="2">Axe 2 : Digitalisation (exemple) (3)</option>"#))
        XCTAssertTrue(all.contains(#"<option value="3">Axe 3 : Budget participatif (exemple) (0)</option>"#))
        XCTAssertTrue(all.contains(#"<option value="workshop">Atelier (2)</option>"#))
        XCTAssertTrue(all.contains(#"<option value="accepted">Acceptée (3)</option>"#))
        XCTAssertTrue(all.contains("Retenue pour 2026"))
        XCTAssertTrue(all.contains("Acceptée") && all.contains("En cours de traitement") && all.contains("Intégrée à un projet"))

        // Axis 2: only its proposals; the other facets count within axis 2, the axis facet ignores itself.
        let axis2 = portal.get(list + "?axis=2")
        XCTAssertEqual(items(axis2), 3)
        XCTAssertFalse(axis2.contains("Axe un accepté"))
        XCTAssertTrue(axis2.contains(#"<option value="2" selected>"#))
        XCTAssertTrue(axis2.contains(#"<option value="platform">Plateforme numérique (1)</option>"#))
        XCTAssertTrue(axis2.contains(#"<option value="workshop">Atelier (2)</option>"#))
        XCTAssertTrue(axis2.contains(#"<option value="1">Axe 1 : Communication (exemple) (3)</option>"#))

        let combined = portal.get(list + "?axis=1&channel=platform&status=accepted")
        XCTAssertEqual(items(combined), 3)
        XCTAssertEqual(items(portal.get(list + "?axis=1&channel=workshop")), 0)
        XCTAssertTrue(portal.get(list + "?axis=1&channel=workshop").contains("Aucune proposition ne correspond"))

        // Values that name nothing are ignored rather than refused.
        let bogus = portal.get(list + "?axis=9&channel=fax&status=spam&page=abc")
        XCTAssertEqual(bogus.status, 200)
        XCTAssertEqual(items(bogus), 6)

        // Each proposal links to its tracking page, which answers.
        let code = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT tracking_code FROM proposals WHERE title = 'Axe deux intégrée'", as: String.self) })
        XCTAssertTrue(all.contains(#"href="/fr/proposals/\#(code)""#))
        XCTAssertEqual(portal.get("/fr/proposals/\(code)").status, 200)

        // The overview links here, in both languages.
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026").contains(#"href="\#(list)""#))
        let arabic = portal.get("/ar/communes/demo/programs/2025-2026/proposals")
        XCTAssertEqual(arabic.status, 200)
        XCTAssertTrue(arabic.contains("مقترحات المواطنات والمواطنين"))
        XCTAssertTrue(arabic.contains("مقبول"))
    }

    func testPagesOfTwentyKeepTheFilters() throws {
        let portal = try Portal()
        for i in 0..<45 { try insert(portal, title: "Atelier n°\(i)", channel: "workshop", minute: i) }
        for i in 0..<3 { try insert(portal, title: "Plateforme n°\(i)", minute: 100 + i) }

        let first = portal.get(list + "?channel=workshop")
        XCTAssertEqual(items(first), 20)
        XCTAssertTrue(first.contains("Page 1 sur 3"))
        XCTAssertTrue(first.contains(#"rel="next" href="\#(list)?channel=workshop&amp;page=2""#))
        XCTAssertFalse(first.contains(#"rel="prev""#))
        XCTAssertTrue(first.contains("Atelier n°44"))   // newest first
        XCTAssertFalse(first.contains("Plateforme n°"))

        let second = portal.get(list + "?channel=workshop&page=2")
        XCTAssertEqual(items(second), 20)
        XCTAssertTrue(second.contains(#"rel="prev" href="\#(list)?channel=workshop""#))
        XCTAssertTrue(second.contains(#"rel="next" href="\#(list)?channel=workshop&amp;page=3""#))

        let last = portal.get(list + "?channel=workshop&page=3")
        XCTAssertEqual(items(last), 5)
        XCTAssertTrue(last.contains("Atelier n°0"))
        XCTAssertFalse(last.contains(#"rel="next""#))
        XCTAssertEqual(portal.get(list + "?channel=workshop&page=4").status, 404)
        XCTAssertEqual(items(portal.get(list)), 20)
        XCTAssertTrue(portal.get(list).contains("48 propositions correspondent aux filtres."))
    }

    func testTheLanguageSwitchKeepsTheFiltersAndThePage() throws {
        let portal = try Portal()
        for i in 0..<25 { try insert(portal, title: "Atelier n°\(i)", axis: 52, channel: "workshop", minute: i) }
        let switchLink = { (page: Page) -> String? in
            guard let range = page.body.range(of: #"<a href="([^"]*)" lang="[a-z]{2}" hreflang="[a-z]{2}" class="lang-switch">"#,
                                              options: .regularExpression) else { return nil }
            return String(page.body[range]).components(separatedBy: "\"")[1]
        }
        let filtered = portal.get(list + "?axis=2&channel=workshop&page=2")
        XCTAssertEqual(filtered.status, 200)
        let arabic = "/ar/communes/demo/programs/2025-2026/proposals"
        XCTAssertEqual(switchLink(filtered), arabic + "?axis=2&amp;channel=workshop&amp;page=2")
        // And back: the Arabic page switches to the same French selection.
        let back = portal.get(arabic + "?axis=2&channel=workshop&page=2")
        XCTAssertEqual(back.status, 200)
        XCTAssertEqual(switchLink(back), list + "?axis=2&amp;channel=workshop&amp;page=2")
        // Only what the page understood, re-encoded: unknown parameters and values are dropped.
        let hostile = portal.get(list + "?status=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&axis=2&x=%3Cb%3E&page=1")
        XCTAssertEqual(hostile.status, 200)
        XCTAssertEqual(switchLink(hostile), arabic + "?axis=2")
        XCTAssertFalse(hostile.contains("<script>alert") || hostile.contains("<b>"))
        XCTAssertEqual(switchLink(portal.get(list)), arabic)
        // Other pages switch to the same page as before, with nothing added.
        XCTAssertEqual(switchLink(portal.get("/fr/communes/demo/programs/2025-2026?axis=2")), "/ar/communes/demo/programs/2025-2026")
    }

    func testPersonalDataNeverAppears() throws {
        let portal = try Portal()
        let hidden = try insert(portal, title: "Des bancs au jardin", name: "Fatima Cachée", gender: "woman", ageBand: "25-34",
                                association: "Association Zitoune Secrète", neighbourhood: "Hay Salam Secret")
        try insert(portal, title: "Un abri bus", name: "Ahmed Public", showName: true, minute: 1)
        let pages = [portal.get(list), portal.get(list + ".csv"), portal.get(list + ".json"), portal.get("/fr/proposals/\(hidden)"),
                     portal.get(list.replacingOccurrences(of: "/fr/", with: "/ar/") + ".csv")]
        for page in pages {
            XCTAssertEqual(page.status, 200)
            XCTAssertTrue(page.contains("Des bancs au jardin"))
            for secret in ["Fatima", "Zitoune", "Hay Salam", "25-34", "woman", "10.9.8.7"] {
                XCTAssertFalse(page.contains(secret), "\(secret) leaked")
            }
        }
        XCTAssertTrue(pages[0].contains("Ahmed Public") && pages[1].contains("Ahmed Public") && pages[2].contains("Ahmed Public"))
    }

    func testTheProjectCardListsTheProposalsIntegratedIntoIt() throws {
        let portal = try Portal()
        let card = "/fr/communes/demo/programs/2025-2026/projects/2"
        XCTAssertFalse(portal.get(card).contains("Ce projet vient des idées"))
        let code = try insert(portal, title: "Un guichet en ligne pour l'état civil", axis: 52, status: "integrated", project: 52,
                              name: "Khadija Publique", showName: true)
        try insert(portal, title: "Acceptée mais pas intégrée", axis: 52, status: "accepted", project: 52, minute: 1)
        try insert(portal, title: "Intégrée ailleurs", axis: 51, status: "integrated", project: 51, minute: 2)
        let page = portal.get(card)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Ce projet vient des idées de ces citoyens"))
        XCTAssertTrue(page.contains(#"<a href="/fr/proposals/\#(code)">Un guichet en ligne pour l&#39;état civil</a> — Khadija Publique"#), page.body)
        XCTAssertFalse(page.contains("Acceptée mais pas intégrée"))
        XCTAssertFalse(page.contains("Intégrée ailleurs"))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/projects/2").contains("هذا المشروع نابع من أفكار"))
    }

    func testCSVHasABOMCRLFAndParsesBack() throws {
        let portal = try Portal()
        let code = try insert(portal, title: "Titre, avec \"guillemets\"\net retour", axis: 52, status: "accepted", answer: "Oui, merci",
                              name: "Nadia", showName: true)
        try insert(portal, title: "Sans axe", axis: nil, channel: "workshop", minute: 1)
        let response = try portal.site.respond(to: .init(method: .get, target: list + ".csv", path: list + ".csv"))
        XCTAssertEqual(response.status.code, 200)
        XCTAssertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertEqual(Array(response.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: response.body.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let rows = parseCSV(text)
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0], ProposalExport.columns)
        XCTAssertEqual(rows[1], [code, "2026-01-01T00:00:00Z", "idea", "2", "Digitalisation (exemple)", "platform", "accepted", "Oui, merci",
                                 "Titre, avec \"guillemets\"\net retour", "Une description.", "Nadia"])
        XCTAssertEqual(rows[2][3], "")
        XCTAssertEqual(rows[2][5], "workshop")
        XCTAssertEqual(rows[2][10], "")
        // The Arabic download carries the Arabic axis titles.
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/proposals.csv").contains("الرقمنة (مثال)"))
    }

    func testJSONParses() throws {
        let portal = try Portal()
        let code = try insert(portal, title: "Une idée", axis: 53, status: "rejected", answer: "Hors compétence")
        let page = portal.get(list + ".json")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["Content-Type"], "application/json; charset=utf-8")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        XCTAssertEqual(object["period"] as? String, "2025-2026")
        let proposals = try XCTUnwrap(object["proposals"] as? [[String: Any]])
        XCTAssertEqual(proposals.count, 1)
        XCTAssertEqual(proposals[0]["tracking_code"] as? String, code)
        XCTAssertEqual(proposals[0]["axis_number"] as? Int, 3)
        XCTAssertEqual((proposals[0]["axis_title"] as? [String: Any])?["fr"] as? String, "Budget participatif (exemple)")
        XCTAssertEqual(proposals[0]["status"] as? String, "rejected")
        XCTAssertEqual(proposals[0]["public_answer"] as? String, "Hors compétence")
        XCTAssertTrue(proposals[0]["author_name"] is NSNull)
        XCTAssertNil(proposals[0]["gender"])
    }

    func testUnknownProgramIs404() throws {
        let portal = try Portal()
        for path in ["/fr/communes/demo/programs/2030-2031/proposals", "/fr/communes/demo/programs/2030-2031/proposals.csv",
                     "/fr/communes/demo/programs/2030-2031/proposals.json", "/fr/communes/nowhere/programs/2025-2026/proposals",
                     "/fr/communes/demo/programs/2025-2026/proposals/extra"] {
            XCTAssertEqual(portal.get(path).status, 404, path)
        }
    }

    /// RFC 4180 read back: quoted fields with doubled quotes, commas and line breaks; CRLF rows.
    private func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" && characters.first == "\n" { characters.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }
}
