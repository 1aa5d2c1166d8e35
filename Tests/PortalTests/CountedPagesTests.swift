import Foundation
import XCTest
import Templates
@testable import Portal

/// Counts as citizens and staff read them on real pages, in Arabic first: the form a number's
/// noun takes comes through every kind of page (public pages, a form's error summary, admin
/// pages, and messages built in code). `CountedTextTests` writes out every count from 0 to 102.
final class CountedPagesTests: XCTestCase {
    func testPublicPagesCountInArabic() throws {
        let portal = try Portal()
        let matrix = portal.get("/ar/communes/settat/programs/2024-2025/matrix")
        XCTAssertTrue(matrix.contains("· 4 محاور · 4 مشاريع · 12 نشاطا</p>"), matrix.body)
        let home = portal.get("/ar/")
        XCTAssertTrue(home.contains("4 مشاريع · 12 نشاطا · 43 مشاركا في اللقاءات"), "Settat's card")
        XCTAssertTrue(home.contains("لا مشروع · لا نشاط"), "a program not yet filled in")
        XCTAssertTrue(portal.get("/fr/").contains("0 projet · 0 activité"), "French writes 0 in the singular")

        let list = portal.get("/ar/communes/settat/programs/2024-2025/proposals")
        XCTAssertTrue(list.contains("لا مقترح يطابق عوامل التصفية."), "none sent through the portal")
        XCTAssertTrue(list.contains("تحصي تقارير الجماعة 31 مقترحا جُمعت خلال لقاءاتها"), list.body)

        XCTAssertTrue(portal.get("/ar/calls").contains("<p>نداءان مفتوحان أو قادمان</p>"), "the sandbox's two calls, in the dual")
        XCTAssertTrue(portal.get("/fr/calls").contains("<p>2 appels ouverts ou à venir</p>"))

        let privacy = portal.get("/ar/privacy")
        XCTAssertTrue(privacy.contains("بعد 12 شهرا من نهاية مدة البرنامج"))
        XCTAssertTrue(privacy.contains("يحذف عنوان الشبكة بعد 10 دقائق، وهي المدة"))
        XCTAssertTrue(portal.get("/ar/terms").contains("وتحذف بعد 12 شهرا من نهاية مدة البرنامج."))
    }

    /// The form's summary counts its errors: one, the dual, then the plural.
    func testTheProposalFormCountsItsErrors() throws {
        let portal = try Portal()
        let path = "/ar/communes/demo/programs/2025-2026/proposals/new"
        let token = try portal.formToken(path)
        /// The form with `changes`, and without the consent box when `consent` is false.
        func sent(_ changes: [(String, String)], consent: Bool = true) -> Page {
            let fields = formFields([("token", token), ("website", ""), ("axis", "52"), ("title", "شباك رقمي"),
                                     ("description", "فتح شباك رقمي."), ("consent", "yes")], changes)
            return portal.post(path, form: fields.filter { consent || $0.0 != "consent" })
        }
        XCTAssertTrue(sent([("title", "")]).contains("في الاستمارة خطأ واحد: انظر الرسالة تحت الحقل."))
        XCTAssertTrue(sent([("title", "")], consent: false).contains("في الاستمارة خطآن: انظر الرسالتين تحت الحقلين."))
        let three = sent([("title", ""), ("axis", "")], consent: false)
        XCTAssertEqual(three.status, 422)
        XCTAssertTrue(three.contains("في الاستمارة 3 أخطاء: انظر الرسائل تحت الحقول."), three.body)
        let long = sent([("title", String(repeating: "ب", count: 151)), ("description", String(repeating: "ب", count: 5001))])
        XCTAssertTrue(long.contains("هذا النص طويل جدا: 150 حرفا على الأكثر."))
        XCTAssertTrue(long.contains("هذا النص طويل جدا: " + Format.number(5000, .ar) + " حرف على الأكثر."))
        XCTAssertTrue(portal.post(path.replacingOccurrences(of: "/ar/", with: "/fr/"), form: [("token", token), ("title", "")])
            .contains("Le formulaire contient "), "French counts them too")
    }

    /// Staff pages, where most counts are built in code: a workshop row's limit (the reason's
    /// own, 2000, not the text's), a triage decision's summary, the review's comments.
    func testAdminPagesCountInArabic() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let workshop = portal.post("/admin/ar/communes/settat/programs/2024-2025/proposals/workshop", form: [
            ("rows", "10"), ("event", "11"),
            ("axis_1", "11"), ("text_1", String(repeating: "ن", count: 5001)), ("status_1", "processing"),
            ("axis_2", "11"), ("text_2", "نص"), ("status_2", "rejected"), ("reason_2", String(repeating: "س", count: 2001)),
        ], as: staff)
        XCTAssertEqual(workshop.status, 422)
        XCTAssertTrue(workshop.contains("<li>السطر 1: النص طويل جدا (" + Format.number(5000, .ar) + " حرف على الأكثر).</li>"), workshop.body)
        XCTAssertTrue(workshop.contains("<li>السطر 2: النص طويل جدا (" + Format.number(2000, .ar) + " حرف على الأكثر).</li>"), workshop.body)

        let committee = try portal.signIn(.committee, commune: "demo")
        let id: Int = try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', 'فكرة', 'نص الفكرة.', 'platform', ?, '2026-01-01T10:00:00Z')
                """, [TrackingCode.make()])
            return Int(db.lastInsertRowID)
        }
        let triage = "/admin/ar/communes/demo/programs/2025-2026/proposals"
        XCTAssertTrue(portal.get(triage, as: committee).contains("مقترح واحد يوافق التصفية."))
        let refused = portal.post("\(triage)/\(id)/status", form: [("status", "rejected"), ("reason", "")], as: committee)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("يتضمن الطلب خطأ واحدا: انظروا الرسالة تحت الحقل."), refused.body)
        let twice = portal.post("\(triage)/\(id)/status", form: [("status", "rejected"), ("reason", ""),
                                                                  ("answer", String(repeating: "ج", count: 4001))], as: committee)
        XCTAssertTrue(twice.contains("يتضمن الطلب خطأين: انظروا الرسالتين تحت الحقلين."), twice.body)
        XCTAssertTrue(twice.contains("هذا النص طويل جدا: " + Format.number(4000, .ar) + " حرف على الأكثر."))
    }
}
