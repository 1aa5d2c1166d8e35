import XCTest
import HTTP
@testable import Portal

/// Whole requests against a migrated, seeded database: what a reader must see.
final class PageTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    func testRootRedirectsToArabicOrFrenchByAcceptLanguage() {
        let arabic = portal.get("/")
        XCTAssertEqual(arabic.status, 302)
        XCTAssertEqual(arabic.headers["Location"], "/ar/")
        XCTAssertEqual(portal.get("/", headers: [("Accept-Language", "fr-FR,fr;q=0.9,ar;q=0.5")]).headers["Location"], "/fr/")
        XCTAssertEqual(portal.get("/", headers: [("Accept-Language", "fr;q=0.4, ar")]).headers["Location"], "/ar/")
        XCTAssertEqual(portal.get("/", headers: [("Accept-Language", "en-US,en;q=0.8")]).headers["Location"], "/ar/")
        XCTAssertEqual(portal.get("/", headers: [("Accept-Language", "en, fr;q=0.3")]).headers["Location"], "/fr/")
    }

    func testArabicHomeIsRightToLeftAndReadsTheStore() {
        let home = portal.get("/ar/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.contains("<html lang=\"ar\" dir=\"rtl\">"))
        XCTAssertTrue(home.contains("الشبكة المغربية للجماعات الترابية المنفتحة"))
        XCTAssertTrue(home.contains("سطات"))
        XCTAssertTrue(home.contains("href=\"/fr/\""), "the language switch keeps the visitor on the home page")
        XCTAssertTrue(home.contains("href=\"/ar/communes/settat\""))
        XCTAssertTrue(home.contains("href=\"/ar/communes/taroudant/programs/2024-2025\""))
        XCTAssertTrue(home.contains("12 نشاطا"), "Settat's key figures: 12 activities, in the plural form Arabic gives 11 to 99")
        XCTAssertTrue(home.contains("495\u{00A0}000,00\u{00A0}درهم"), "Taroudant's budget")
        XCTAssertEqual(home.headers["Content-Type"], "text/html; charset=utf-8")
    }

    func testFrenchHomeIsLeftToRight() {
        let home = portal.get("/fr/")
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.contains("<html lang=\"fr\" dir=\"ltr\">"))
        XCTAssertTrue(home.contains("Réseau Marocain des Collectivités Territoriales Ouvertes"))
        XCTAssertTrue(home.contains("href=\"/ar/\""))
    }

    func testHomePageShowsWhatTheStoreHoldsNotFixedText() throws {
        try portal.site.database.write { db in
            try db.run("UPDATE communes SET name_ar = ? WHERE slug = ?", ["جماعة الاختبار <b>", "settat"])
        }
        let home = portal.get("/ar/")
        XCTAssertTrue(home.contains("جماعة الاختبار &lt;b&gt;"), "names come from the store, escaped")
    }

    func testUnknownPageIs404InTheVisitorsLanguage() {
        let arabic = portal.get("/ar/nowhere")
        XCTAssertEqual(arabic.status, 404)
        XCTAssertTrue(arabic.contains("الصفحة غير موجودة"))
        XCTAssertTrue(arabic.contains("dir=\"rtl\""))
        let french = portal.get("/fr/nowhere")
        XCTAssertEqual(french.status, 404)
        XCTAssertTrue(french.contains("Page introuvable"))
        XCTAssertEqual(portal.get("/xx/").status, 404)
    }

    func testKnownPageWithWrongMethodIs405WithAllow() {
        let page = portal.get("/ar/", method: .post)
        XCTAssertEqual(page.status, 405)
        XCTAssertEqual(page.headers["Allow"], "GET, HEAD")
        XCTAssertTrue(page.contains("طريقة غير مسموح بها"))
    }

    func testStylesheetIsServedFingerprinted() {
        let home = portal.get("/ar/")
        guard let range = home.body.range(of: #"/static/css/app\.[0-9a-f]{8}\.css"#, options: .regularExpression) else {
            return XCTFail("the layout links a fingerprinted stylesheet")
        }
        let css = portal.get(String(home.body[range]))
        XCTAssertEqual(css.status, 200)
        XCTAssertTrue(css.headers["Cache-Control"]?.contains("immutable") ?? false)
        XCTAssertTrue(css.contains("margin-inline"))
    }
}

