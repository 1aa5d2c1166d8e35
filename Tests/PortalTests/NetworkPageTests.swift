import XCTest
import SQLite
@testable import Portal

/// The network page: what the network is, its charter as seed 002 prints it, and a link to
/// every member commune the portal holds.
final class NetworkPageTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    func testArabicPageShowsTheNetworkAndItsFoundingDate() {
        let page = portal.get("/ar/network")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h1 id=\"network-name\">الشبكة المغربية للجماعات الترابية المنفتحة</h1>"))
        XCTAssertTrue(page.contains("<dt>تاريخ التأسيس</dt><dd>21 أكتوبر 2022</dd>"))
        XCTAssertTrue(page.contains("<dd>12</dd>") && page.contains("<dd>4</dd>") && page.contains("<dd>50</dd>"))
        XCTAssertTrue(page.contains("<p><strong>برنامج دعم الجماعات الترابية المنفتحة</strong></p>"), "the support programme")
        XCTAssertTrue(page.contains("<p class=\"where\">6 شتنبر 2023 · تالين</p>"), "the OGP award, Tallinn")
        XCTAssertEqual(page.body.components(separatedBy: "<h1").count, 2, "one h1")
    }

    func testCharterValuesAndCommitmentsAsInTheSeed() {
        let page = portal.get("/ar/network")
        // Migrations/demo/01_network.sql, charter_values 2 and charter_commitments 4, exactly.
        XCTAssertTrue(page.contains("<li>الحوار بين الجماعات الترابية الأعضاء حول الممارسات والتحديات المشتركة المتعلقة بالتنمية المحلية المنفتحة.</li>"))
        XCTAssertTrue(page.contains("<li>خلق دينامية ترابية تهدف إلى تعزيز التعاون مع الجهات الفاعلة الأخرى داخل التراب،</li>"))
        let commitments = section(page.body, from: "id=\"charter-commitments\"", to: "</ol>")
        XCTAssertEqual(commitments.components(separatedBy: "<li>").count - 1, 5, commitments)
        XCTAssertTrue(page.contains("<h3>الهدف من الميثاق</h3>"), "the charter's prose sections")
        XCTAssertTrue(page.contains("تبعا لانضمام المملكة المغربية للمبادرة الدولية &quot;شراكة الحكومة المنفتحة&quot;؛"), "the preamble, escaped")
    }

    func testFrenchPage() throws {
        let page = portal.get("/fr/network")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<dt>Date de création</dt><dd>21 octobre 2022</dd>"))
        XCTAssertTrue(page.contains("<li>Créer une dynamique territoriale visant à renforcer la coopération avec les autres acteurs du territoire,</li>"))
        XCTAssertTrue(page.contains("href=\"/ar/network\""), "the language switch stays on the network page")
        try portal.site.database.write { db in try db.run("UPDATE charter_values SET text_fr = NULL WHERE position = 1") }
        XCTAssertTrue(portal.get("/fr/network").contains("<li><span lang=\"ar\" dir=\"rtl\" class=\"untranslated\" title=\"Pas encore de traduction française ; texte affiché en arabe\">تبادل المعارف والممارسات الجيدة حول مبادئ الانفتاح؛</span></li>"),
                      "a value without French shows the Arabic, marked")
    }

    func testLinksToEveryMemberCommune() throws {
        let slugs = try portal.site.database.read { db in
            try db.query("SELECT slug FROM communes WHERE is_sandbox = 0 ORDER BY id").map { try $0.string("slug") }
        }
        XCTAssertEqual(slugs, ["settat", "taroudant", "larache", "beni-mellal"])
        for language in ["ar", "fr"] {
            let page = portal.get("/\(language)/network")
            for slug in slugs {
                XCTAssertTrue(page.contains("href=\"\(SiteRoute.commune(language == "ar" ? .ar : .fr, slug: slug).path)\""), "\(language) \(slug)")
            }
            XCTAssertFalse(page.contains("/communes/demo\""), "the sandbox is not a member")
        }
        XCTAssertTrue(portal.get("/ar/network").contains("<a href=\"/ar/communes/larache\">جماعة العرائش</a>"))
    }

    func testQueriesDoNotGrowWithTheData() throws {
        func queries() throws -> Int {
            let page = PageRequest(route: .network(.ar), language: .ar, translations: portal.site.templates.translations, request: nil)
            return try portal.site.database.read { db in
                db.queryCount = 0
                _ = try NetworkPage.load(db, page: page)
                return db.queryCount
            }
        }
        let before = try queries()
        try portal.site.database.write { db in
            for id in 100..<130 {
                try db.run("INSERT INTO communes (id, slug, name_ar) VALUES (?, ?, ?)", [id, "c\(id)", "جماعة \(id)"])
            }
        }
        XCTAssertEqual(try queries(), before)
        // network, facts, preamble, sections, values, commitments, support-programme components, communes
        XCTAssertLessThanOrEqual(before, 8)
        XCTAssertTrue(portal.get("/ar/network").contains("href=\"/ar/communes/c129\""))
    }

    func section(_ html: String, from start: String, to end: String) -> String {
        guard let lower = html.range(of: start), let upper = html.range(of: end, range: lower.upperBound..<html.endIndex) else { return "" }
        return String(html[lower.lowerBound..<upper.upperBound])
    }
}
