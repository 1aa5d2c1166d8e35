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
            let page = PageRequest(route: .network(.ar), language: .ar, translations: portal.site.templates.translations)
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
        // network, facts, preamble, sections, values, commitments, support-programme components,
        // and the member directory's regions, count and page
        XCTAssertLessThanOrEqual(before, 10)
        XCTAssertTrue(portal.get("/ar/network").contains("href=\"/ar/communes/c129\""))
    }

    /// Issue 16: the member list stays one page's size at any network size: grouped by region,
    /// narrowed by region or by the words of a name (folded as search folds them), fifty a page.
    func testMembersAreGroupedByRegionNarrowedByRegionOrNameAndPaged() throws {
        try portal.site.database.write { db in
            for n in 1...60 {
                try db.run("INSERT INTO communes (slug, name_ar, name_fr, region_ar, region_fr) VALUES (?, ?, ?, ?, ?)",
                           ["test-\(n)", "جماعة الاختبار \(n)", "Commune test \(n)", n <= 30 ? "جهة التجربة" : nil, n <= 30 ? "Région d'essai" : nil])
            }
        }
        let first = portal.get("/fr/network")
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.contains("<h3 class=\"region\">Région d&#39;essai</h3>"), "a heading per region")
        XCTAssertTrue(first.contains("Région non indiquée par les documents"), "communes without a region come last, under their own heading")
        XCTAssertTrue(first.contains("64\u{A0}communes"), "the count of members")
        XCTAssertTrue(first.contains("<option value=\"جهة التجربة\">Région d&#39;essai (30)</option>"), "each region with its count")
        XCTAssertTrue(first.contains("rel=\"next\" href=\"/fr/network?page=2\""))
        let second = portal.get("/fr/network?page=2")
        XCTAssertEqual(second.status, 200)
        XCTAssertTrue(second.contains("rel=\"prev\""))
        XCTAssertEqual(portal.get("/fr/network?page=3").status, 404)
        // The 64 members over two pages, each once.
        for n in 1...60 {
            let link = "href=\"/fr/communes/test-\(n)\""
            XCTAssertEqual([first, second].filter { $0.contains(link) }.count, 1, "test-\(n) is on exactly one page")
        }

        let region = portal.get("/ar/network?region=" + "جهة التجربة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        XCTAssertTrue(region.contains("30\u{A0}جماعة"), "30 communes in the region")
        XCTAssertTrue(region.contains("href=\"/ar/communes/test-30\""))
        XCTAssertFalse(region.contains("href=\"/ar/communes/test-31\""), "a commune of no region is left out")
        XCTAssertTrue(region.contains("<option value=\"جهة التجربة\" selected>"))

        // Words as search folds them: the hamza of إ, and the article.
        let words = portal.get("/ar/network?q=" + "الإختبار 7".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        XCTAssertTrue(words.contains("href=\"/ar/communes/test-7\""), "found by a folded word")
        let prefix = portal.get("/fr/network?q=" + "test 1".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        XCTAssertTrue(prefix.contains("href=\"/fr/communes/test-17\""), "a word's beginning matches")
        XCTAssertFalse(words.contains("href=\"/ar/communes/test-8\""), "another number is left out")
        let nothing = portal.get("/fr/network?q=zzzz")
        XCTAssertTrue(nothing.contains("Aucune commune ne correspond à cette recherche."))
        XCTAssertTrue(nothing.contains("href=\"/fr/network\">Afficher toutes les communes"), "a way back to the whole list")
        // The dashboard's rows lead here: communes by the state of their newest program.
        let noProgram = portal.get("/fr/network?state=-")
        XCTAssertTrue(noProgram.contains("60\u{A0}communes"), "the 60 new communes have no program")
        XCTAssertTrue(noProgram.contains("<input type=\"hidden\" name=\"state\" value=\"-\">"), "the filter keeps the state")
        let adopted = portal.get("/fr/network?state=adopted")
        XCTAssertTrue(adopted.contains("href=\"/fr/communes/settat\""), "Settat's newest program is adopted")
        XCTAssertFalse(adopted.contains("href=\"/fr/communes/test-1\""))
        XCTAssertEqual(portal.get("/fr/network?state=nonsense").status, 200, "an unknown state is ignored")
        let dashboard = portal.get("/fr/network/dashboard")
        XCTAssertTrue(dashboard.contains("href=\"/fr/network?state=-#members\""), "a state row links to its communes")
        XCTAssertTrue(dashboard.contains("href=\"/fr/network?region=" + "جهة التجربة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "#members\""),
                      "a region row links to its communes")
        // The language switch keeps the query.
        XCTAssertTrue(words.contains("href=\"/fr/network?q="), "the language switch keeps the words")
    }

    func section(_ html: String, from start: String, to end: String) -> String {
        guard let lower = html.range(of: start), let upper = html.range(of: end, range: lower.upperBound..<html.endIndex) else { return "" }
        return String(html[lower.lowerBound..<upper.upperBound])
    }
}
