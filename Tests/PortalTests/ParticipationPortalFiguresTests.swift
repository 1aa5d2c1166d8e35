import Foundation
import SQLite
import XCTest
@testable import Portal

/// The participation page's "received on this portal" figures: the portal's own proposals
/// counted by axis, project, channel, status and gender, beside (never added to) the counts
/// the communes' documents give, and never with anything that names or places a citizen.
final class ParticipationPortalFiguresTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    let demo = "/fr/communes/demo/programs/2025-2026/participation"
    let settat = "/ar/communes/settat/programs/2024-2025/participation"

    /// Inserts `count` proposals with the real schema, personal data included, so the test can
    /// prove none of it is shown.
    private func insert(program: Int, call: Int, axis: Int?, project: Int? = nil, kind: String = "idea",
                        channel: String = "platform", status: String = "processing", gender: String?, count: Int = 1) throws {
        try portal.site.database.write { db in
            for _ in 0..<count {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, author_name, show_name,
                                           gender, age_band, association, neighbourhood, channel, status, tracking_code,
                                           remote_address, created_at)
                    VALUES (?, ?, ?, ?, ?, 'Idée secrète Zayton', 'Une description.', 'Fatima Zahra Bennani', 0,
                            ?, '30-44', 'Association Nour', 'Hay Salam Quartier', ?, ?, ?, '10.9.8.7', '2026-01-01T10:00:00Z')
                    """, [program, call, axis, project, kind, gender, channel, status, TrackingCode.make()])
            }
        }
    }

    /// The sandbox program: ideas on axes 1 and 2, observations on project 2, several statuses and genders.
    private func fillDemo() throws {
        try insert(program: 5, call: 501, axis: 51, status: "accepted", gender: "woman", count: 3)
        try insert(program: 5, call: 501, axis: 51, gender: "man", count: 2)
        try insert(program: 5, call: 501, axis: 52, channel: "workshop", status: "rejected", gender: nil)
        try insert(program: 5, call: 501, axis: 52, status: "integrated", gender: "other")
        try insert(program: 5, call: 502, axis: nil, project: 52, kind: "observation", gender: "woman", count: 2)
    }

    func testDemoProgramShowsPortalCountsByAxisProjectStatusAndGender() throws {
        XCTAssertFalse(portal.get(demo).contains("portal-received"), "no portal proposals, nothing extra")
        try fillDemo()
        let page = portal.get(demo)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h2 id=\"portal-received\">Propositions reçues sur ce portail</h2>"), page.body)
        XCTAssertTrue(page.contains("9 propositions envoyées sur ce portail, comptées à part"))
        XCTAssertEqual(rows(page.body, caption: "chart-portal-axes-caption"), [
            ["Axe", "Atelier", "Plateforme numérique", "Total"],
            ["Axe 1\u{A0}: Communication (exemple)", "0", "5", "5"],
            ["Axe 2\u{A0}: Digitalisation (exemple)", "1", "1", "2"],
            ["Total", "1", "6", "7"],
        ])
        XCTAssertEqual(rows(page.body, caption: "chart-portal-projects-caption"), [
            ["Projet", "Plateforme numérique", "Total"],
            ["Projet 2\u{A0}: Généraliser la digitalisation des services et prestations de la commune (exemple)", "2", "2"],
            ["Total", "2", "2"],
        ])
        XCTAssertEqual(rows(page.body, caption: "chart-portal-status-caption"), [
            ["Statut", "Atelier", "Plateforme numérique", "Total"],
            ["Acceptées", "0", "3", "3"],
            ["Intégrées dans des projets", "0", "1", "1"],
            ["En cours de traitement", "0", "4", "4"],
            ["Non acceptées", "1", "0", "1"],
            ["Total", "1", "8", "9"],
        ])
        XCTAssertEqual(rows(page.body, caption: "chart-portal-gender-caption"), [
            ["Genre déclaré", "Atelier", "Plateforme numérique", "Total"],
            ["Femmes", "0", "5", "5"],
            ["Hommes", "0", "2", "2"],
            ["Autre", "0", "1", "1"],
            ["Non précisé", "1", "0", "1"],
            ["Total", "1", "8", "9"],
        ])
        XCTAssertTrue(page.contains("<title id=\"chart-portal-gender-title\">Propositions reçues sur le portail, selon le genre déclaré : Femmes (Atelier 0, Plateforme numérique 5)"), page.body)
        assertNoPersonalData(page)

        let arabic = portal.get("/ar/communes/demo/programs/2025-2026/participation")
        XCTAssertTrue(arabic.contains("المقترحات المتوصل بها عبر هذه البوابة"))
        XCTAssertEqual(rows(arabic.body, caption: "chart-portal-gender-caption").last, ["المجموع", "1", "8", "9"])
        assertNoPersonalData(arabic)
    }

    func testSettatPortalCountsSitBesideTheDocumentedOnes() throws {
        let documented = portal.get(settat)
        XCTAssertFalse(documented.contains("portal-received"))
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO calls (id, program_id, kind, channel, title_ar, opens_at, closes_at)
                VALUES (901, 1, 'ideas', 'platform', 'نداء تجريبي', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')
                """)
        }
        try insert(program: 1, call: 901, axis: 13, status: "accepted", gender: "woman", count: 4)
        try insert(program: 1, call: 901, axis: 11, gender: nil, count: 2)
        let page = portal.get(settat)
        XCTAssertEqual(page.status, 200)
        // The documents' figures are exactly as before: 14 workshop, 17 platform; 16 observations.
        for caption in ["chart-axes-caption", "chart-projects-caption", "chart-status-caption"] {
            XCTAssertEqual(rows(page.body, caption: caption), rows(documented.body, caption: caption), caption)
        }
        XCTAssertEqual(rows(page.body, caption: "chart-axes-caption").last, ["المجموع", "14", "17", "31"])
        XCTAssertEqual(rows(page.body, caption: "chart-projects-caption").last, ["المجموع", "16", "16"])
        XCTAssertTrue(page.contains("الأرقام أدناه هي التي تقدمها وثائق الجماعة"))
        XCTAssertEqual(rows(page.body, caption: "chart-portal-axes-caption"), [
            ["المحور", "المنصة الرقمية", "المجموع"],
            ["المحور 1: الميزانية التشاركية", "2", "2"],
            ["المحور 3: الرقمنة", "4", "4"],
            ["المجموع", "6", "6"],
        ])
        XCTAssertEqual(rows(page.body, caption: "chart-portal-gender-caption"), [
            ["الجنس المصرح به", "المنصة الرقمية", "المجموع"],
            ["نساء", "4", "4"],
            ["غير مصرح به", "2", "2"],
            ["المجموع", "6", "6"],
        ])
        XCTAssertTrue(rows(page.body, caption: "chart-portal-projects-caption").isEmpty, "ideas only: no project table")
        // The portal section comes after the documented charts, not inside them.
        let documentedAt = try XCTUnwrap(page.body.range(of: "id=\"chart-projects-caption\""))
        let portalAt = try XCTUnwrap(page.body.range(of: "id=\"portal-received\""))
        XCTAssertLessThan(documentedAt.lowerBound, portalAt.lowerBound)
        assertNoPersonalData(page)
    }

    func testQueriesStayTheSameWith200MoreProposals() throws {
        func queries() throws -> Int {
            let page = PageRequest(route: .program(.fr, slug: "demo", period: "2025-2026", .participation), language: .fr,
                                   translations: portal.site.templates.translations)
            return try portal.site.database.read { db in
                db.queryCount = 0
                _ = try ParticipationPage.load(db, slug: "demo", period: "2025-2026", page: page)
                return db.queryCount
            }
        }
        try fillDemo()
        let before = try queries()
        for (index, gender) in ["woman", "man", "other", nil, "woman"].enumerated() {
            try insert(program: 5, call: 501, axis: 51 + index % 3, status: ParticipationFigures.statuses[index % 4], gender: gender, count: 40)
        }
        XCTAssertEqual(try queries(), before)
        XCTAssertLessThanOrEqual(before, 12)
        XCTAssertTrue(portal.get(demo).contains("209 propositions envoyées sur ce portail"))
    }

    // MARK: Helpers

    func assertNoPersonalData(_ page: Page, file: StaticString = #filePath, line: UInt = #line) {
        for secret in ["Fatima", "Bennani", "Hay Salam", "Association Nour", "30-44", "10.9.8.7", "Idée secrète"] {
            XCTAssertFalse(page.contains(secret), secret, file: file, line: line)
        }
    }

    /// The cells of the table captioned by `caption` (an id), tags stripped, row by row.
    func rows(_ html: String, caption: String) -> [[String]] {
        guard let start = html.range(of: "id=\"\(caption)\""),
              let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return [] }
        let table = html[start.lowerBound..<end.upperBound]
        return table.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</t").dropLast().map { cell in
                cell.components(separatedBy: ">").dropFirst().joined(separator: ">")
                    .replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }
        }
    }
}
