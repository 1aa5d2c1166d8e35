import Foundation
import XCTest
import SQLite
import Templates
@testable import Portal

/// A transition made in the admin area: its form (date, note, the council's adoption), what it
/// stores, and the public timeline that shows it among the milestones in date order.
final class LifecycleTimelineTests: XCTestCase {
    func testMergeRule() {
        func milestone(_ date: String?, done: Bool, _ name: String) -> ProgramTimeline.Milestone {
            .init(date: date, done: done, line: MilestoneLine(title: LocalizedText(plain: name), place: nil, when: date, kind: "", done: done))
        }
        func entry(_ name: String) -> TimelineEntry {
            TimelineEntry(title: LocalizedText(plain: name), when: "", kind: "", done: true, transition: true)
        }
        func names(_ items: [TimelineItem]) -> [String] {
            items.map { item in
                guard case .string(let name) = TemplateValue(item)["title"]["text"] else { return "?" }
                return name
            }
        }
        let milestones = [milestone("2023-06", done: true, "m1"), milestone(nil, done: true, "m2"), milestone("2023-06-12", done: true, "m3"),
                          milestone("2023-10", done: false, "m4"), milestone(nil, done: false, "m5")]
        let transitions: [(day: String, entry: TimelineEntry)] = [("2023-06-05", entry("t1")), ("2023-06-12", entry("t2")),
                                                                  ("2023-09-01", entry("t3")), ("2023-10-20", entry("t4")),
                                                                  ("2024-01-10", entry("t5"))]
        // A month sorts before its days; a step and a transition of the same day: the step first; undated
        // done steps keep their place after the step before them; undated planned steps come after all that happened.
        XCTAssertEqual(names(ProgramTimeline.merge(milestones, transitions)), ["m1", "m2", "t1", "m3", "t2", "t3", "m4", "t4", "t5", "m5"])
        XCTAssertEqual(names(ProgramTimeline.merge([], transitions)), ["t1", "t2", "t3", "t4", "t5"])
        XCTAssertEqual(names(ProgramTimeline.merge(milestones, [])), ["m1", "m2", "m3", "m4", "m5"])
    }

    func testATransitionIsRecordedAndShownOnThePublicTimeline() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let base = "/admin/fr/communes/demo/programs/2025-2026/lifecycle"
        let today = MoroccoTime.day(Date())
        // The sandbox is in consultation: back to draft first (which closes its comments call, see CallAdminTests).
        XCTAssertEqual(portal.post(base + "/to/draft", form: [("date", "2025-09-01")], as: focal).status, 303)
        let form = portal.get(base + "/to/consultation", as: focal)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains("value=\"\(today)\""), "today (Morocco time) by default")
        XCTAssertTrue(form.contains("Une version publique du programme sera figée."))
        XCTAssertFalse(form.contains("name=\"session_ar\""), "the council's session only for the adoption")

        // Refused input comes back as typed, with the message beside the field; nothing written.
        for (date, message) in [("2999-01-01", "La date ne peut pas être après aujourd&#39;hui."), ("2025-02-30", "n&#39;est pas une date"),
                                ("", "Indiquez la date de l&#39;étape.")] {
            let bad = portal.post(base + "/to/consultation", form: [("date", date), ("note_ar", "ملاحظة"), ("note_fr", "Une note")], as: focal)
            XCTAssertEqual(bad.status, 422, date)
            XCTAssertTrue(bad.contains(message), date)
            XCTAssertTrue(bad.contains(">ملاحظة</textarea>") && bad.contains(">Une note</textarea>"))
        }
        XCTAssertEqual(portal.post(base + "/to/consultation", form: [("date", today), ("note_fr", "Seulement en français")], as: focal).status, 422)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM programs WHERE id = 5", as: String.self) }, "draft")

        let moved = portal.post(base + "/to/consultation", form: [("date", "2025-09-15"), ("note_ar", "فتح باب التعليق على المسودة"),
                                                                  ("note_fr", "Ouverture des commentaires sur le brouillon")], as: focal)
        XCTAssertEqual(moved.status, 303)
        XCTAssertEqual(moved.headers["Location"], base + "?notice=notice.lifecycle_moved")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM calls WHERE program_id = 5", as: Int.self) }, 2,
                       "no comments call unless asked for")
        try portal.site.database.read { db in
            let row = try XCTUnwrap(db.queryOne("SELECT * FROM program_transitions WHERE program_id = 5 AND to_state = 'consultation'"))
            XCTAssertEqual(try row.string("from_state"), "draft")
            XCTAssertEqual(try row.string("to_state"), "consultation")
            XCTAssertEqual(try row.string("happened_on"), "2025-09-15")
            XCTAssertEqual(try row.int("recorded_by"), focal.userID)
            let version = try VersionStore.version(db, versionID: try row.int("version_id"))
            XCTAssertTrue(version.isPublic)
            XCTAssertEqual(version.state, "consultation")
            XCTAssertEqual(version.label.french, "Le programme à l'étape «\u{A0}Brouillon soumis à consultation\u{A0}»")
            XCTAssertEqual(try db.scalar("SELECT before || '>' || after FROM audit_log WHERE action = 'transition' AND program_id = 5 ORDER BY id DESC LIMIT 1", as: String.self),
                           "draft>consultation")
            XCTAssertThrowsError(try db.run("UPDATE program_transitions SET happened_on = '2025-01-01'"), "transitions are history")
        }
        let lifecycle = portal.get(base + "?notice=notice.lifecycle_moved", as: focal)
        XCTAssertTrue(lifecycle.contains("Étape enregistrée et version figée."))
        XCTAssertTrue(lifecycle.contains("Ouverture des commentaires sur le brouillon"))

        // The public timeline shows it, after the done steps and before the planned ones.
        let page = portal.get("/fr/communes/demo/programs/2025-2026")
        XCTAssertTrue(page.contains("Étape franchie : Brouillon soumis à consultation"))
        XCTAssertTrue(page.contains("Ouverture des commentaires sur le brouillon"))
        let timeline = try XCTUnwrap(page.body.range(of: "<ol class=\"timeline\">").map { page.body[$0.lowerBound...] })
        let step = try XCTUnwrap(timeline.range(of: "Étape franchie")), planned = try XCTUnwrap(timeline.range(of: "Adoption du programme d&#39;ouverture (exemple)"))
        XCTAssertLessThan(step.lowerBound, planned.lowerBound, "what happened comes before the planned adoption")
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026").contains("مرحلة منجزة: مسودة معروضة للتشاور"))

        // A date before the last recorded step is refused.
        let committee = try portal.signIn(.committee, commune: "demo")
        let early = portal.post(base + "/to/committee-review", form: [("date", "2025-09-01")], as: committee)
        XCTAssertEqual(early.status, 422)
        XCTAssertTrue(early.contains("La date ne peut pas précéder la dernière étape enregistrée"))
    }

    func testTheCouncilsAdoptionStoresItsSessionAndDecision() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        try portal.site.database.write { try $0.run("UPDATE programs SET status = 'standing-committee' WHERE id = 5") }
        let base = "/admin/ar/communes/demo/programs/2025-2026/lifecycle"
        let form = portal.get(base + "/to/adopted", as: focal)
        XCTAssertTrue(form.contains("name=\"session_ar\"") && form.contains("name=\"decision_ref\""))
        let missing = portal.post(base + "/to/adopted", form: [("date", "2025-10-07"), ("session_fr", "Session d'octobre 2025")], as: focal)
        XCTAssertEqual(missing.status, 422)
        XCTAssertTrue(missing.contains("أدخلوا دورة المجلس (بالعربية).") && missing.contains("أدخلوا مرجع المقرر."))
        XCTAssertTrue(missing.contains("value=\"Session d&#39;octobre 2025\""))
        let adopted = portal.post(base + "/to/adopted", form: [("date", "2025-10-07"), ("session_ar", "دورة أكتوبر 2025"),
                                                               ("session_fr", "Session d'octobre 2025"), ("decision_ref", "مقرر رقم 17")], as: focal)
        XCTAssertEqual(adopted.status, 303)
        try portal.site.database.read { db in
            let row = try XCTUnwrap(db.queryOne("SELECT * FROM programs WHERE id = 5"))
            XCTAssertEqual(try row.string("status"), "adopted")
            XCTAssertEqual(try row.string("adoption_session_ar"), "دورة أكتوبر 2025")
            XCTAssertEqual(try row.string("adoption_session_fr"), "Session d'octobre 2025")
            XCTAssertEqual(try row.string("adopted_on"), "2025-10-07")
            XCTAssertEqual(try row.string("decision_ref"), "مقرر رقم 17")
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM audit_log WHERE program_id = 5 AND field = 'decision_ref'", as: Int.self), 1)
            let version = try XCTUnwrap(VersionStore.list(db, programID: 5).last)
            XCTAssertEqual(try VersionStore.load(db, versionID: version.id).overview.status, "adopted")
        }
        let page = portal.get("/fr/communes/demo/programs/2025-2026")
        XCTAssertTrue(page.contains("Session d&#39;octobre 2025"))
        XCTAssertTrue(page.contains("Étape franchie : Adopté par le conseil"))
        // From now on the matrix is locked.
        XCTAssertEqual(portal.post("/admin/ar/communes/demo/programs/2025-2026/axes/51",
                                   form: [("number", "1"), ("title_ar", "التواصل"), ("title_fr", "")], as: focal).status, 409)
    }
}
