import Foundation
import XCTest
@testable import Portal

/// The matrix and project cards as a council member reads them: every activity, the spans
/// that group them under projects and axes, the totals, and the card fields from the documents.
final class MatrixAndProjectTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    let settat = "/ar/communes/settat/programs/2024-2025"
    let taroudant = "/ar/communes/taroudant/programs/2024-2025"

    /// One entry per <tbody>: the axis cell's rowspan, its <tr> count, and the project rowspans.
    func groups(_ html: String) throws -> [(axisSpan: Int, rows: Int, projectSpans: [Int])] {
        let axis = try NSRegularExpression(pattern: #"<th scope="rowgroup" class="axis" rowspan="(\d+)""#)
        let project = try NSRegularExpression(pattern: #"<th scope="row" class="project" rowspan="(\d+)""#)
        func spans(_ regex: NSRegularExpression, _ text: String) -> [Int] {
            regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                Int(text[Range($0.range(at: 1), in: text)!])!
            }
        }
        return html.components(separatedBy: "<tbody>").dropFirst().map { chunk in
            let body = chunk.components(separatedBy: "</tbody>")[0]
            return (spans(axis, body).first ?? -1, body.components(separatedBy: "<tr>").count - 1, spans(project, body))
        }
    }

    func testSettatMatrixShowsEveryActivityWithPartnersAndSpans() throws {
        let page = portal.get(settat + "/matrix")
        XCTAssertEqual(page.status, 200)
        for title in ["نشر مواد رقمية تفاعلية تحسيسية حول الميزانية التشاركية", "تخصيص مكتب للهيئة",
                      "القيام بحملات تحسيسية حول الخدمات الرقمية التي توفرها الجماعة للمواطنين",
                      "نشر التقييم السنوي لبرنامج عمل الجماعة"] {
            XCTAssertTrue(page.contains(title), title)
        }
        XCTAssertTrue(page.contains("مؤسسة ENABEL"))
        XCTAssertTrue(page.contains("جامعة الحسن الأول"))
        XCTAssertTrue(page.contains("ستحدد من الجهة الملزمة بتنفيذ النشاط"))
        // The period is isolated left to right, or it would read 2025-2024 after the Arabic words.
        XCTAssertTrue(page.body.contains("<caption id=\"matrix-caption\">مصفوفة المشاريع والأنشطة — برنامج انفتاح جماعة سطات <bdi dir=\"ltr\" class=\"nowrap\">2024-2025</bdi></caption>"))
        XCTAssertEqual(page.body.components(separatedBy: "<th scope=\"col\">").count - 1, 8, "axis, project, activity, partners, cost, funding, start, end")
        XCTAssertTrue(page.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\""))

        let groups = try groups(page.body)
        XCTAssertEqual(groups.map(\.axisSpan), [4, 4, 2, 2], "each axis spans its projects' activities")
        XCTAssertEqual(groups.map(\.rows).reduce(0, +), 12, "one row per activity")
        for group in groups {
            XCTAssertEqual(group.axisSpan, group.rows)
            XCTAssertEqual(group.projectSpans.reduce(0, +), group.rows, "project cells cover the group's rows")
        }
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025/projects/3\""), "project cells link to the card")
    }

    func testSpansFollowTheStoreAndAProjectWithoutActivitiesKeepsARow() throws {
        try portal.site.database.write { db in
            _ = try db.run("DELETE FROM activities WHERE project_id = 13")
            _ = try db.run("INSERT INTO activities (project_id, number, title_ar) VALUES (11, 5, ?)", ["نشاط مضاف للاختبار"])
        }
        let page = portal.get(settat + "/matrix")
        let groups = try groups(page.body)
        XCTAssertEqual(groups.map(\.axisSpan), [5, 4, 1, 2])
        XCTAssertEqual(groups[0].projectSpans, [5])
        XCTAssertEqual(groups[2].projectSpans, [1])
        XCTAssertTrue(page.contains("لم تحدد أنشطة هذا المشروع بعد"))
        XCTAssertTrue(page.contains("نشاط مضاف للاختبار"))
    }

    func testTaroudantMatrixShowsBudgetsAndTheTotalRow() throws {
        let page = portal.get(taroudant + "/matrix")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<tfoot>"))
        XCTAssertTrue(page.contains("495\u{00A0}000,00\u{00A0}درهم"), "the program's total")
        XCTAssertTrue(page.contains("200\u{00A0}000,00\u{00A0}درهم"), "the largest project budget")
        let groups = try groups(page.body)
        XCTAssertEqual(groups.count, 4)
        XCTAssertEqual(groups.map(\.rows).reduce(0, +), 26)
        for group in groups { XCTAssertEqual(group.axisSpan, group.rows) }
        XCTAssertTrue(portal.get("/fr/communes/taroudant/programs/2024-2025/matrix").contains("495\u{00A0}000,00\u{00A0}DH"))
    }

    func testLarachesProjectsWithoutAxisAreGroupedUnderAxisNotSpecified() throws {
        let page = portal.get("/ar/communes/larache/programs/2024-2025/matrix")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("المحور غير محدد"))
        let groups = try groups(page.body)
        let last = try XCTUnwrap(groups.last)
        XCTAssertEqual(last.axisSpan, 5)
        XCTAssertEqual(last.projectSpans, [1, 1, 1, 1, 1])
        XCTAssertTrue(page.contains("تجويد آليات التواصل"))
    }

    func testFrenchMatrixMarksUntranslatedText() throws {
        try portal.site.database.write { db in
            _ = try db.run("UPDATE activities SET title_fr = NULL WHERE id = 123")
        }
        let page = portal.get("/fr/communes/settat/programs/2024-2025/matrix")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<html lang=\"fr\" dir=\"ltr\">"))
        XCTAssertTrue(page.contains("Affecter un bureau") == false)
        XCTAssertTrue(page.contains("<span lang=\"ar\" dir=\"rtl\" class=\"untranslated\""))
        XCTAssertTrue(page.contains("class=\"untranslated\" title=\"") && page.contains(">تخصيص مكتب للهيئة</span>"))
        XCTAssertTrue(page.contains("Publier l&#39;évaluation annuelle du programme d&#39;action de la commune"))
        XCTAssertTrue(page.contains("<th scope=\"col\">Financement</th>"))
    }

    func testMatrixPrintsOnA4LandscapeWithRepeatedHeader() throws {
        let css = try String(contentsOf: repositoryRoot.appendingPathComponent("Public/css/app.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("@page { size: A4 landscape; margin: 12mm; }"))
        XCTAssertTrue(css.contains(".matrix thead { display: table-header-group; }"))
        XCTAssertTrue(css.contains("break-inside: avoid"))
    }

    func testProjectCardShowsTheDocumentsFields() {
        let page = portal.get(settat + "/projects/1")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("اعتماد الميزانية التشاركية في الميزانيات السنوية"))
        XCTAssertTrue(page.contains("تعزيز الثقة بين المواطن والجماعة"), "objective")
        XCTAssertTrue(page.contains("مدى اعتماد الميزانية التشاركية في ميزانية سنتي 2025 و2026."), "follow-up indicator")
        XCTAssertTrue(page.contains("تنزيل المشاريع في إطار الميزانية التشاركية سيقوي الثقة"), "impact indicator")
        XCTAssertTrue(page.contains("<dt>جامعة الحسن الأول</dt><dd>تنظيم لقاءات وأنشطة علمية حول الموضوع.</dd>"), "contribution")
        XCTAssertTrue(page.contains("<dt>مؤسسة ENABEL</dt><dd>تتحمل تكلفة التكوين والمواكبة.</dd>"))
        XCTAssertTrue(page.contains(">مؤشرات التتبع</h2>") && page.contains(">مؤشرات الأثر</h2>") && page.contains(">النتائج المنتظرة</h2>"))
        XCTAssertTrue(page.contains("<dd>سنة</dd>"), "duration")
        XCTAssertEqual(page.body.components(separatedBy: "<th scope=\"row\" class=\"num\">").count - 1, 4, "its 4 activities")
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025/matrix\""))
        XCTAssertTrue(page.contains("rel=\"next\" href=\"/ar/communes/settat/programs/2024-2025/projects/2\""))
        XCTAssertFalse(page.contains("rel=\"prev\""))
        XCTAssertTrue(portal.get(settat + "/projects/4").contains("rel=\"prev\" href=\"/ar/communes/settat/programs/2024-2025/projects/3\""))
        XCTAssertFalse(portal.get(settat + "/projects/4").contains("rel=\"next\""))
    }

    func testTaroudantCardShowsSloganAndBudget() {
        let page = portal.get(taroudant + "/projects/5")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("خدمات جماعية مبتكرة ومتميزة في جماعة تارودانت"))
        XCTAssertTrue(page.contains("200\u{00A0}000,00\u{00A0}درهم"))
    }

    func testUnknownProjectPeriodOrCommuneIs404() {
        XCTAssertEqual(portal.get(settat + "/projects/5").status, 404)
        XCTAssertEqual(portal.get(settat + "/projects/0").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2022-2023/matrix").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/nowhere/programs/2024-2025/matrix").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/nowhere/programs/2024-2025/projects/1").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2022-2023/projects/1").status, 404)
    }

    func testMatrixAndCardRunABoundedNumberOfQueries() {
        portal.resetQueryCount()
        XCTAssertEqual(portal.get(taroudant + "/matrix").status, 200)
        // The program's 9, plus one for "last updated" (the newest audit entry of the program).
        XCTAssertLessThanOrEqual(portal.site.database.queryCount, 10)
        portal.resetQueryCount()
        XCTAssertEqual(portal.get(taroudant + "/projects/2").status, 200)
        // The program's 9, plus one for the citizens' proposals integrated into the project,
        // plus one for "last updated", plus four for its execution (issue 13: progress entries,
        // indicators with their plans, measured values, evidence files).
        XCTAssertLessThanOrEqual(portal.site.database.queryCount, 15)
    }

    /// Every page of a program reads its record; SQLite must not sort any of its lists (each
    /// sort opens a temporary b-tree: a pager, its memory, and on a page not in the cache a
    /// measurable share of the render). The lists still come in the documents' order.
    func testAProgramsRecordIsReadWithoutSorting() throws {
        let programs = try portal.site.database.read { db in
            try db.query("SELECT c.slug, p.period FROM programs p JOIN communes c ON c.id = p.commune_id").map {
                (slug: try $0.string("slug"), period: try $0.string("period"))
            }
        }
        XCTAssertGreaterThanOrEqual(programs.count, 4)
        for program in programs {
            let (sorts, record) = try portal.site.database.read { db in
                db.sortCount = 0
                let record = try ProgramStore.record(db, slug: program.slug, period: program.period)
                return (db.sortCount, record)
            }
            XCTAssertEqual(sorts, 0, "\(program.slug) \(program.period): the record's queries sorted")
            XCTAssertEqual(record.projects.map(\.number), record.projects.map(\.number).sorted())
            for project in record.projects {
                XCTAssertEqual(project.activities.map(\.number), project.activities.map(\.number).sorted(),
                               "\(program.slug) project \(project.number): activities in order")
            }
        }
        // The count itself is live: an ORDER BY no index gives is one sort.
        let sorts = try portal.site.database.read { db in
            db.sortCount = 0
            _ = try db.query("SELECT id FROM activities ORDER BY title_ar")
            return db.sortCount
        }
        XCTAssertEqual(sorts, 1)
    }
}
