import Foundation
import XCTest
import SQLite
@testable import Portal

extension Portal {
    /// Opens an amendment on an adopted program straight in the store (no audit entry, so tests
    /// that count audit entries are not disturbed): tests of the editor that change an adopted
    /// demo program (Settat) do it inside one, since after adoption the matrix changes only in an
    /// amendment (issue 6).
    func openAmendment(_ slug: String, period: String = "2024-2025") throws {
        try site.database.write { db in
            let opened = try db.run("""
                INSERT INTO program_amendments (program_id, title_ar, decision_ref, opened_at, opened_by_name)
                SELECT p.id, 'تعديل للاختبار', 'test', '2025-01-01T00:00:00Z', 'test' FROM programs p JOIN communes c ON c.id = p.commune_id
                WHERE c.slug = ? AND p.period = ?
                """, [slug, period])
            XCTAssertEqual(opened, 1, "\(slug) \(period) has a program")
        }
    }
}

/// After adoption the program changes only inside an amendment: every editor write path (item
/// form, move, remove, matrix table, CSV import preview and apply) is refused with 409 and
/// nothing written; inside an amendment they work; closing it freezes a version holding the
/// change, and the versions frozen before stay as they were.
final class LifecycleAmendmentTests: XCTestCase {
    private let editor = "/admin/fr/communes/settat/programs/2024-2025"

    private func state(_ portal: Portal) throws -> [String] {
        try portal.site.database.read { db in
            [try db.scalar("SELECT group_concat(number || ':' || title_ar || ':' || ifnull(title_fr, ''), '|') FROM axes WHERE program_id = 1", as: String.self) ?? "",
             try db.scalar("SELECT group_concat(id || ':' || number || ':' || title_ar, '|') FROM activities WHERE project_id IN (SELECT id FROM projects WHERE program_id = 1)", as: String.self) ?? "",
             String(try db.scalar("SELECT count(*) FROM audit_log", as: Int.self) ?? 0),
             String(try db.scalar("SELECT count(*) FROM program_versions", as: Int.self) ?? 0)]
        }
    }

    /// The export with axis 1's Arabic title changed, as a focal point would send it back.
    private func editedCSV(_ portal: Portal, title: String) -> String {
        portal.get("/ar/communes/settat/programs/2024-2025.csv").body
            .replacingOccurrences(of: "الميزانية التشاركية,", with: title + ",")
    }

    private func assertLocked(_ page: Page, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(page.status, 409, "\(label): \(page.body.prefix(300))", file: file, line: line)
        XCTAssertTrue(page.contains("Programme adopté : modification refusée"), label, file: file, line: line)
        XCTAssertTrue(page.contains("/admin/fr/communes/settat/programs/2024-2025/lifecycle"), "\(label): where to open an amendment", file: file, line: line)
    }

    func testEveryEditorWriteIsRefusedOutsideAnAmendment() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let before = try state(portal)
        assertLocked(portal.post(editor + "/axes/11", form: [("number", "1"), ("title_ar", "محور معدل"), ("title_fr", "")], as: staff), "axis form")
        assertLocked(portal.post(editor + "/axes/new", form: [("number", "9"), ("title_ar", "محور جديد")], as: staff), "new axis")
        assertLocked(portal.post(editor + "/projects/11/activities/new", form: [("number", "9"), ("title_ar", "نشاط جديد")], as: staff), "new activity")
        assertLocked(portal.post(editor + "/activities/111/move", form: [("direction", "down")], as: staff), "move")
        assertLocked(portal.post(editor + "/activities/111/remove", form: [], as: staff), "remove")
        assertLocked(portal.post(editor + "/matrix", form: [("x11.number", "1"), ("x11.title_ar", "محور من المصفوفة"), ("x11.title_fr", "")], as: staff), "matrix")
        let csv = editedCSV(portal, title: "محور من الملف")
        XCTAssertTrue(csv.contains("محور من الملف"))
        assertLocked(portal.post(editor + "/import", form: [("step", "preview"), ("language", "ar"), ("csv", csv)], as: staff), "import preview")
        assertLocked(portal.post(editor + "/import", form: [("step", "apply"), ("language", "ar"), ("csv", csv)], as: staff), "import apply")
        XCTAssertEqual(try state(portal), before, "nothing written, nothing audited, no version")
        // Reading stays open and says why saving will be refused; programs not yet adopted are edited as before.
        let page = portal.get(editor, as: staff)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("ne changent que dans un amendement ouvert") && page.contains("href=\"\(editor)/lifecycle\""))
        let demo = try portal.signIn(.focalPoint, commune: "demo")
        XCTAssertEqual(portal.post("/admin/fr/communes/demo/programs/2025-2026/axes/51",
                                   form: [("number", "1"), ("title_ar", "التواصل"), ("title_fr", "")], as: demo).status, 303)
    }

    func testAnAmendmentOpensEditsAndClosingFreezesAVersion() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let committee = try portal.signIn(.committee, commune: "settat")
        let lifecycle = editor + "/lifecycle"
        let (firstID, firstSHA, firstSnapshot) = try portal.site.database.read { db -> (Int, String, ProgramSnapshot) in
            let version = try XCTUnwrap(VersionStore.list(db, programID: 1).last)
            return (version.id, version.sha256, try VersionStore.load(db, versionID: version.id))
        }

        // Offered to the focal point only; the form keeps what was typed.
        let page = portal.get(lifecycle, as: staff)
        XCTAssertTrue(page.contains("Le programme est adopté"))
        XCTAssertTrue(page.contains("href=\"\(lifecycle)/amendments/new\""))
        XCTAssertFalse(portal.get(lifecycle, as: committee).contains("/amendments/new"))
        XCTAssertEqual(portal.post(lifecycle + "/amendments/new", form: [("title_ar", "x"), ("decision_ref", "1")], as: committee).status, 403)
        let invalid = portal.post(lifecycle + "/amendments/new", form: [("title_ar", " "), ("title_fr", "Révision"), ("decision_ref", "45/2025")], as: staff)
        XCTAssertEqual(invalid.status, 422)
        XCTAssertTrue(invalid.contains("value=\"45/2025\"") && invalid.contains("value=\"Révision\""), "typed input kept")
        XCTAssertTrue(invalid.contains("Indiquez l&#39;intitulé en arabe."))
        let opened = portal.post(lifecycle + "/amendments/new",
                                 form: [("title_ar", "تعديل محور الرقمنة"), ("title_fr", "Révision de l'axe numérique"), ("decision_ref", "45/2025")], as: staff)
        XCTAssertEqual(opened.status, 303)
        XCTAssertEqual(portal.post(lifecycle + "/amendments/new", form: [("title_ar", "ثان"), ("decision_ref", "2")], as: staff).status, 409,
                       "one open amendment at a time")
        XCTAssertEqual(portal.post(lifecycle + "/to/in-execution", form: [("date", MoroccoTime.day(Date()))], as: staff).status, 409,
                       "no transition while an amendment is open")

        // Inside it, every write path works, and the editor no longer warns.
        XCTAssertFalse(portal.get(editor, as: staff).contains("ne changent que dans un amendement ouvert"))
        XCTAssertEqual(portal.post(editor + "/axes/13", form: [("number", "3"), ("title_ar", "الرقمنة والمعطيات المفتوحة"), ("title_fr", "")], as: staff).status, 303)
        XCTAssertEqual(portal.post(editor + "/matrix", form: [("x12.number", "2"), ("x12.title_ar", "هيئة المساواة"), ("x12.title_fr", "")], as: staff).status, 303)
        let applied = portal.post(editor + "/import", form: [("step", "apply"), ("language", "ar"), ("csv", editedCSV(portal, title: "الميزانية التشاركية المعدلة"))], as: staff)
        XCTAssertEqual(applied.status, 303, String(applied.body.prefix(500)))

        // Closing freezes the amended program as a public version named after the amendment.
        let shown = portal.get(lifecycle, as: staff)
        let close = try XCTUnwrap(shown.body.range(of: #"/lifecycle/amendments/[0-9]+/close"#, options: .regularExpression).map { String(shown.body[$0]) })
        XCTAssertEqual(portal.post(editor + close, form: [], as: staff).status, 303)
        try portal.site.database.read { db in
            let versions = try VersionStore.list(db, programID: 1)
            let last = try XCTUnwrap(versions.last)
            XCTAssertEqual(last.reason, .amendment)
            XCTAssertEqual(last.label, Localized(arabic: "تعديل محور الرقمنة", french: "Révision de l'axe numérique"))
            XCTAssertTrue(last.isPublic)
            let snapshot = try VersionStore.load(db, versionID: last.id)
            let titles = snapshot.axes.map(\.title.arabic)
            XCTAssertTrue(titles.contains("الرقمنة والمعطيات المفتوحة"), "\(titles)")
            XCTAssertTrue(titles.contains("هيئة المساواة"))
            XCTAssertTrue(titles.contains("الميزانية التشاركية المعدلة"))
            // The version frozen before is exactly what it was.
            let first = try XCTUnwrap(versions.first { $0.id == firstID })
            XCTAssertEqual(first.sha256, firstSHA)
            XCTAssertEqual(try VersionStore.load(db, versionID: firstID), firstSnapshot)
            XCTAssertTrue(try VersionStore.load(db, versionID: firstID).axes.map(\.title.arabic).contains("الرقمنة"))
            let amendment = try XCTUnwrap(db.queryOne("SELECT * FROM program_amendments WHERE program_id = 1"))
            XCTAssertEqual(try amendment.optionalInt("version_id"), last.id)
            XCTAssertNotNil(try amendment.optionalString("closed_at"))
            XCTAssertEqual(try amendment.string("decision_ref"), "45/2025")
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'amendment' AND field = 'closed_at'", as: Int.self), 1)
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'amendment' AND action = 'create'", as: Int.self), 3)
        }
        // Closed: the matrix is locked again, and the closed amendment is listed with its version.
        let after = portal.get(lifecycle, as: staff)
        XCTAssertTrue(after.contains("Amendements clôturés") && after.contains("Révision de l&#39;axe numérique"))
        XCTAssertEqual(portal.post(editor + "/axes/13", form: [("number", "3"), ("title_ar", "أخرى"), ("title_fr", "")], as: staff).status, 409)
        XCTAssertEqual(portal.post(editor + close, form: [], as: staff).status, 409, "closing twice")
        // The public versions page lists the amendment's version.
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025/versions").contains("Révision de l&#39;axe numérique"))
    }
}
