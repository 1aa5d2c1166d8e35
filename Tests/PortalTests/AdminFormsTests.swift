import XCTest
import SQLite
@testable import Portal

/// Issue 14, forms and staff pages: a saved row is where the person lands, and says so; every
/// admin form's error summary links each problem to its field and takes the focus (or, without
/// a summary, the first refused field does); the audit log's filters fold below the list's line.
final class AdminFormsTests: XCTestCase {
    let base = "/admin/ar/communes/settat/programs/2024-2025"

    func testSavingARowReturnsToThatRowAndSaysWhatWasSaved() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let edited = portal.post(base + "/activities/112", form: [("number", "2"), ("title_ar", "التعريف بالميزانية التشاركية"),
                                                                  ("cost_text_ar", "-"), ("funding_ar", "ذاتي"), ("start", "2024-01-01"), ("end", "2024-12-31")],
                                 as: staff)
        XCTAssertEqual(edited.status, 303, edited.body)
        XCTAssertEqual(edited.headers["Location"], base + "?saved=a112#row-a112")
        let page = portal.get(base + "?saved=a112", as: staff)
        XCTAssertTrue(page.contains("<tr class=\"row-activity saved\" id=\"row-a112\">"), "the row the fragment lands on")
        XCTAssertTrue(page.contains("<strong class=\"saved-mark\" role=\"status\">حُفظت التعديلات: النشاط 2 من المشروع 1.</strong>"))
        XCTAssertTrue(page.contains("<tr class=\"row-activity\" id=\"row-a111\">"), "other rows have their anchor, unmarked")

        let created = portal.post(base + "/axes/new", form: [("number", "5"), ("title_ar", "محور خامس")], as: staff)
        let axis = try portal.site.database.read { try $0.scalar("SELECT id FROM axes WHERE program_id = 1 AND number = 5", as: Int.self) }
        XCTAssertEqual(created.headers["Location"], base + "?saved=x\(try XCTUnwrap(axis))#row-x\(try XCTUnwrap(axis))", "a new row too")
        let french = portal.get(base.replacingOccurrences(of: "/ar/", with: "/fr/") + "?saved=x\(try XCTUnwrap(axis))", as: staff)
        XCTAssertTrue(french.contains("<strong class=\"saved-mark\" role=\"status\">Modifications enregistrées\u{00A0}: Axe 5.</strong>"))
    }

    func testDetailsFormSummaryLinksEachProblemToItsFieldAndTakesTheFocus() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let page = portal.post(base + "/milestones", form: [("kind", "other"), ("title_ar", ""), ("date", "2023-13")], as: staff)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains("<div class=\"form-errors\" role=\"alert\" tabindex=\"-1\" autofocus>"), page.body)
        XCTAssertTrue(page.contains("<li><a href=\"#title_ar\">العنوان بالعربية (إلزامي): "), "the title's problem, linked")
        XCTAssertTrue(page.contains("<li><a href=\"#date\">التاريخ: تاريخ غير صالح"), "the date's problem, linked")
        XCTAssertTrue(page.contains("value=\"2023-13\""), "what was typed is kept")
    }

    func testLifecycleAndTriageFormsHaveLinkedSummaries() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "taroudant")
        let page = portal.post("/admin/fr/communes/taroudant/programs/2024-2025/lifecycle/to/consultation",
                               form: [("date", "2999-01-01"), ("open_call", "0")], as: staff)
        XCTAssertEqual(page.status, 422, page.body)
        XCTAssertTrue(page.contains("<div class=\"form-errors\" role=\"alert\" tabindex=\"-1\" autofocus>"))
        XCTAssertTrue(page.contains("<li><a href=\"#lc-date\">"), "the date's problem links to the date")
    }

    func testAuditFiltersFoldWithTheirCountAndOpenOnlyOnARefusal() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let plain = portal.get("/admin/ar/audit", as: admin)
        XCTAssertTrue(plain.contains("<details class=\"filters-fold\">\n<summary>تصفية السجل</summary>"), plain.body)
        let narrowed = portal.get("/admin/ar/audit?action=create&from=2023-01-01", as: admin)
        XCTAssertTrue(narrowed.contains("<details class=\"filters-fold\">\n<summary>تصفية السجل · المفعلة منها: 2</summary>"),
                      "two filters narrow the list; the fold stays closed so the log comes first")
        let refused = portal.get("/admin/ar/audit?from=2023-02-30&to=nope", as: admin)
        XCTAssertTrue(refused.contains("<details class=\"filters-fold\" open>\n<summary>تصفية السجل</summary>"),
                      "a refused filter is shown, and not counted as narrowing the list")
        XCTAssertTrue(refused.contains("aria-describedby=\"from-error\" autofocus>"), "the first refused field takes the focus (no summary here)")
        XCTAssertTrue(refused.contains("aria-describedby=\"to-error\">"), "only the first")
    }
}
