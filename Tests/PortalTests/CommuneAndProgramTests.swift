import XCTest
@testable import Portal

/// The commune page and the program overview, as a reader sees them.
final class CommuneAndProgramTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    func testSettatCommunePageShowsItsCommitteeFromDecision93() {
        let page = portal.get("/ar/communes/settat")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h1>جماعة سطات</h1>"))
        XCTAssertTrue(page.contains("قرار رقم 93"))
        XCTAssertTrue(page.contains("8 ماي 2023"))
        XCTAssertEqual(page.body.components(separatedBy: "<tr><th scope=\"row\">").count - 1, 7, "the committee of 7")
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025\""))
        XCTAssertTrue(page.contains("href=\"/fr/communes/settat\""), "the language switch stays on the commune")
    }

    func testLaracheCommitteeHasItsThreeCategoriesAndFocalPoint() {
        let page = portal.get("/fr/communes/larache")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Élu"))
        XCTAssertTrue(page.contains("Instance de l&#39;équité"))
        XCTAssertTrue(page.contains("Administration communale"))
        XCTAssertTrue(page.contains("Point focal du programme"))
        XCTAssertTrue(page.contains("class=\"untranslated\""), "names without French are shown in Arabic, marked")
    }

    func testSettatProgramOverview() {
        let page = portal.get("/ar/communes/settat/programs/2024-2025")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("برنامج انفتاح جماعة سطات 2024-2025"))
        XCTAssertTrue(page.contains("صادق عليه المجلس"))
        XCTAssertTrue(page.contains("دورة أكتوبر 2023"))
        for number in 1...4 { XCTAssertTrue(page.contains("المحور \(number)"), "axis \(number)") }
        XCTAssertEqual(page.body.components(separatedBy: "<li class=\"project\">").count - 1, 4)
        XCTAssertTrue(page.contains("9–14 يونيو 2023"), "the platform call's date range")
        XCTAssertTrue(page.contains("28 أبريل 2023"))
        XCTAssertTrue(page.contains("<dd>43</dd>"), "participants")
        XCTAssertTrue(page.contains("<dd>22</dd>"), "women")
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025/matrix\""))
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025.csv\""))
    }

    func testTaroudantOverviewShowsTheTotalBudgetAndSlogans() {
        let page = portal.get("/ar/communes/taroudant/programs/2024-2025")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("495\u{00A0}000,00\u{00A0}درهم"))
        XCTAssertTrue(page.contains("class=\"slogan\""))
        let french = portal.get("/fr/communes/taroudant/programs/2024-2025")
        XCTAssertTrue(french.contains("495\u{00A0}000,00\u{00A0}DH"))
    }

    func testLaracheDraftProjectsHaveNoAxisAndArePresentedSo() {
        let page = portal.get("/ar/communes/larache/programs/2024-2025")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("مشاريع لم تحدد الوثائق محورها"))
        XCTAssertEqual(page.body.components(separatedBy: "<li class=\"project\">").count - 1, 5)
    }

    func testUnknownCommunesAndPeriodsAre404() {
        XCTAssertEqual(portal.get("/ar/communes/casablanca").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2030-2031").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2025-2024").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/latest").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/settat/programs/2024-2025/projects/0").status, 404)
    }

    func testRoutesPrintWhatTheyParse() {
        let routes: [SiteRoute] = [
            .root, .home(.ar), .network(.fr), .data(.ar), .commune(.fr, slug: "beni-mellal"),
            .program(.ar, slug: "settat", period: "2024-2025", .overview),
            .program(.ar, slug: "settat", period: "2024-2025", .matrix),
            .program(.fr, slug: "settat", period: "2024-2025", .participation),
            .program(.fr, slug: "taroudant", period: "2024-2025", .project(7)),
            .program(.ar, slug: "settat", period: "2024-2025", .csv),
            .program(.fr, slug: "settat", period: "2024-2025", .json),
        ]
        for route in routes {
            let segments = route.path.split(separator: "/").map(String.init)
            XCTAssertEqual(SiteRoute(segments: segments), route, route.path)
        }
    }
}
