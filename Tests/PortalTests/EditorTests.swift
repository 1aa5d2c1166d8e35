import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// The program editor's own forms: a new program, axes, project cards, activities — each
/// validation rule, moving, removing (and refusing to when proposals point at it), the audit
/// entries, and the public pages showing the change at once.
final class EditorTests: XCTestCase {
    let base = "/admin/ar/communes/settat/programs/2024-2025"

    func count(_ portal: Portal, _ sql: String, _ bindings: [any SQLBindable] = []) throws -> Int {
        try portal.site.database.read { try $0.scalar(sql, bindings, as: Int.self) } ?? 0
    }

    func audits(_ portal: Portal) throws -> Int { try count(portal, "SELECT count(*) FROM audit_log WHERE action IN ('create', 'update', 'delete')") }

    func testCreateProgramAndItsRules() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let page = portal.get("/admin/ar/communes/settat", as: staff)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("2024-2025") && page.contains("name=\"period\""), "the list and the new-program form")

        let before = try audits(portal)
        let taken = portal.post("/admin/ar/communes/settat/programs/new", form: [("period", "2024-2025"), ("title_ar", "برنامج جديد")], as: staff)
        XCTAssertEqual(taken.status, 422)
        XCTAssertTrue(taken.contains("id=\"f-period-error\">للجماعة برنامج للفترة 2024-2025 من قبل."), "message next to the period")
        XCTAssertTrue(taken.contains("value=\"برنامج جديد\""), "the typed title is kept")
        let backwards = portal.post("/admin/fr/communes/settat/programs/new", form: [("period", "2027-2026"), ("title_ar", "")], as: staff)
        XCTAssertEqual(backwards.status, 422)
        XCTAssertTrue(backwards.contains("Période non valable (2027-2026)"))
        XCTAssertTrue(backwards.contains("id=\"f-title_ar-error\">Obligatoire en arabe."))
        XCTAssertEqual(try audits(portal), before, "nothing written")

        let created = portal.post("/admin/ar/communes/settat/programs/new",
                                  form: [("period", "٢٠٢٦-٢٠٢٧"), ("title_ar", "برنامج الانفتاح 2026-2027"), ("title_fr", "Programme 2026-2027")], as: staff)
        XCTAssertEqual(created.status, 303)
        XCTAssertEqual(created.headers["Location"], "/admin/ar/communes/settat/programs/2026-2027?notice=notice.saved")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM programs WHERE period = '2026-2027'", as: String.self) },
                       "co-preparation")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'program' AND action = 'create' AND field = 'title_ar'"), 1)
        let editor = portal.get("/admin/ar/communes/settat/programs/2026-2027", as: staff)
        XCTAssertEqual(editor.status, 200)
        XCTAssertTrue(editor.contains("برنامج الانفتاح 2026-2027"))
        // Each text field reads in its own language's direction, whatever the page's.
        for language in ["ar", "fr"] {
            let page = portal.get("/admin/\(language)/communes/settat/programs/2026-2027", as: staff).body
            for (field, direction) in [("title_ar", "rtl"), ("title_fr", "ltr")] {
                XCTAssertNotNil(page.range(of: #"<input type="text" id="[^"]*" name="\#(field)" value="[^"]*" dir="\#(direction)""#, options: .regularExpression),
                                "\(language): \(field) reads \(direction)")
            }
        }
        let publicPage = portal.get("/fr/communes/settat/programs/2026-2027")
        XCTAssertEqual(publicPage.status, 200)
        XCTAssertTrue(publicPage.contains("Programme 2026-2027"))
    }

    func testOverviewSaveIsAuditedAndPublic() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        // Settat's program is adopted: its overview, too, changes only inside an amendment.
        let titleBefore = try portal.site.database.read { try $0.scalar("SELECT title_ar FROM programs WHERE id = 1", as: String.self) }
        XCTAssertEqual(portal.post(base, form: [("title_ar", "برنامج عمل مغاير")], as: staff).status, 409)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT title_ar FROM programs WHERE id = 1", as: String.self) }, titleBefore)
        try portal.openAmendment("settat")
        let form = portal.get(base, as: staff)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains("class=\"badge\">"), "the status is shown")
        let before = try audits(portal)
        let bad = portal.post(base, form: [("title_ar", "برنامج"), ("budget", "-5"), ("adopted_on", "2023-13")], as: staff)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains("id=\"f-budget-error\">لا يمكن أن يكون المبلغ سالبا (-5)."))
        XCTAssertTrue(bad.contains("id=\"f-adopted_on-error\">تاريخ غير صالح (2023-13)"))
        XCTAssertEqual(try audits(portal), before)

        let saved = portal.post(base, form: [("title_ar", "برنامج انفتاح جماعة سطات المعدل"), ("title_fr", "Programme modifié"),
                                             ("budget", "1 250 000,50"), ("adopted_on", "2023-10")], as: staff)
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(try count(portal, "SELECT total_budget_centimes FROM programs WHERE id = 1"), 125_000_050)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'program' AND field = 'title_ar' AND after = 'برنامج انفتاح جماعة سطات المعدل'"), 1)
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025").contains("Programme modifié"))
    }

    /// Each rule answers 422 with its message next to the input, keeps every typed value, writes nothing.
    func testActivityFormValidation() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")   // Settat's program is adopted: its matrix changes only in an amendment (issue 6)
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let path = base + "/projects/11/activities/new"
        XCTAssertEqual(portal.get(path, as: staff).status, 200)
        let good: [String: String] = ["number": "5", "title_ar": "نشاط جديد", "title_fr": "Nouvelle activité", "cost": "20000",
                                      "start": "2024-02-01", "end": "2024-06-30", "partners": "مؤسسة ENABEL"]
        let cases: [(field: String, value: String, errorField: String, message: String)] = [
            ("title_ar", "", "title_ar", "إلزامي باللغة العربية."),
            ("end", "2024-01-15", "end", "تاريخ النهاية (2024-01-15) قبل تاريخ البداية (2024-02-01)."),
            ("cost", "-100", "cost", "لا يمكن أن يكون المبلغ سالبا (-100)."),
            ("number", "2", "number", "الرقم 2 مستعمل من قبل في هذا المستوى."),
            ("start", "2024-02-30", "start", "تاريخ غير صالح (2024-02-30)"),
        ]
        let activities = try count(portal, "SELECT count(*) FROM activities"), before = try audits(portal)
        for rule in cases {
            var form = good
            form[rule.field] = rule.value
            let page = portal.post(path, form: form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, as: staff)
            XCTAssertEqual(page.status, 422, rule.field)
            XCTAssertTrue(page.contains("id=\"f-\(rule.errorField)-error\">\(rule.message)"), "\(rule.field): \(rule.message)")
            XCTAssertTrue(page.contains("aria-invalid=\"true\""))
            XCTAssertTrue(page.contains("value=\"Nouvelle activité\""), "typed values are kept")
            if rule.field != "title_ar" { XCTAssertTrue(page.contains("value=\"نشاط جديد\"")) }
        }
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM activities"), activities, "nothing written")
        XCTAssertEqual(try audits(portal), before)

        let saved = portal.post(path, form: good.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, as: staff)
        XCTAssertEqual(saved.status, 303)
        let id = try count(portal, "SELECT id FROM activities WHERE project_id = 11 AND number = 5")
        XCTAssertEqual(try count(portal, "SELECT cost_centimes FROM activities WHERE id = ?", [id]), 2_000_000)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM activity_partners WHERE activity_id = ? AND partner_id = 2", [id]), 1)
        XCTAssertGreaterThan(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'activity' AND entity_id = ? AND action = 'create'", [id]), 3)
        XCTAssertTrue(portal.get("/ar/communes/settat/programs/2024-2025/matrix").contains("نشاط جديد"), "public matrix at once")

        // Moving it up swaps numbers with activity 4; removing it closes nothing after it.
        XCTAssertEqual(portal.post(base + "/activities/\(id)/move", form: [("direction", "up")], as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT number FROM activities WHERE id = ?", [id]), 4)
        XCTAssertEqual(try count(portal, "SELECT number FROM activities WHERE id = 114"), 5)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'activity' AND field = 'number' AND action = 'update'"), 2)
        XCTAssertEqual(portal.post(base + "/activities/\(id)/remove", form: [], as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM activities WHERE id = ?", [id]), 0)
        XCTAssertEqual(try count(portal, "SELECT number FROM activities WHERE id = 114"), 4, "the one after moves up a number")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'activity' AND entity_id = ? AND action = 'delete'", [id]), 1)
        XCTAssertFalse(portal.get("/ar/communes/settat/programs/2024-2025/matrix").contains("نشاط جديد"))
    }

    func testAxisAndProjectCard() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")   // Settat's program is adopted: its matrix changes only in an amendment (issue 6)
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        // A new axis, then a project in it with every card field.
        XCTAssertEqual(portal.post(base + "/axes/new", form: [("number", "5"), ("title_ar", "محور خامس"), ("title_fr", "")], as: staff).status, 303)
        let axis = try count(portal, "SELECT id FROM axes WHERE program_id = 1 AND number = 5")
        XCTAssertGreaterThan(axis, 0)
        let duplicate = portal.post(base + "/axes/new", form: [("number", "5"), ("title_ar", "محور آخر")], as: staff)
        XCTAssertEqual(duplicate.status, 422)
        XCTAssertTrue(duplicate.contains("id=\"f-number-error\">الرقم 5 مستعمل من قبل"))

        XCTAssertTrue(portal.get(base + "/projects/new", as: staff).contains("name=\"pp0.partner\""))
        let card: [(String, String)] = [
            ("number", "5"), ("axis", String(axis)), ("title_ar", "مشروع خامس"), ("title_fr", "Cinquième projet"),
            ("slogan_ar", "شعار المشروع"), ("duration_ar", "سنة"), ("duration_fr", "Un an"), ("start", "2024-01"), ("end", "2024-12"),
            ("budget", "50000"), ("objectives_ar", "هدف أول\nهدف ثان"), ("objectives_fr", "Premier objectif\n"),
            ("results_ar", "نتيجة منتظرة"), ("follow_up_ar", "مؤشر تتبع"), ("impact_ar", "مؤشر أثر"),
            ("partner_count", "2"), ("pp0.partner", "3"), ("pp0.contribution_ar", "تنظيم لقاءات"), ("pp0.listed", "1"),
            ("pp1.partner", ""), ("pp1.new", "جمعية الحي"), ("pp1.listed", "1"),
        ]
        XCTAssertEqual(portal.post(base + "/projects/new", form: card, as: staff).status, 303)
        let project = try count(portal, "SELECT id FROM projects WHERE program_id = 1 AND number = 5")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM project_objectives WHERE project_id = ?", [project]), 2)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM project_objectives WHERE project_id = ? AND text_fr = 'Premier objectif'", [project]), 1)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM project_indicators WHERE project_id = ?", [project]), 2)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM project_partners WHERE project_id = ?", [project]), 2)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM partners WHERE name_ar = 'جمعية الحي'"), 1, "a new partner joins the shared list")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'partner' AND action = 'create'"), 1)
        let publicCard = portal.get("/ar/communes/settat/programs/2024-2025/projects/5")
        XCTAssertEqual(publicCard.status, 200)
        for text in ["شعار المشروع", "هدف ثان", "مؤشر أثر", "جمعية الحي", "تنظيم لقاءات"] { XCTAssertTrue(publicCard.contains(text), text) }

        // The card form shows what is stored, and saving it unchanged writes nothing.
        let edit = portal.get(base + "/projects/\(project)", as: staff)
        XCTAssertTrue(edit.contains("هدف أول\nهدف ثان</textarea>"))
        let audited = try audits(portal)
        XCTAssertEqual(portal.post(base + "/projects/\(project)", form: card, as: staff).status, 303)
        XCTAssertEqual(try audits(portal), audited, "an unchanged card is not a change")

        // A French line without its Arabic line, and a partner named twice, are refused.
        var bad = card
        bad[11] = ("objectives_fr", "Premier\nSecond\nTroisième")
        bad[20] = ("pp1.new", "جامعة الحسن الأول")
        let refused = portal.post(base + "/projects/\(project)", form: bad, as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("id=\"f-objectives_fr-error\">السطر 3 بالفرنسية ليس له سطر بالعربية."))
        XCTAssertEqual(try audits(portal), audited)

        // Moved to axis 1: the public matrix shows it under that axis; then the axis 5 is empty and can go.
        var moved = card
        moved[1] = ("axis", "11")
        XCTAssertEqual(portal.post(base + "/projects/\(project)", form: moved, as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'project' AND field = 'axis_number' AND before = '5' AND after = '1'"), 1)
        XCTAssertEqual(portal.post(base + "/axes/\(axis)/move", form: [("direction", "up")], as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT number FROM axes WHERE id = ?", [axis]), 4)
        XCTAssertEqual(try count(portal, "SELECT number FROM axes WHERE id = 14"), 5)
        XCTAssertEqual(portal.post(base + "/axes/\(axis)/remove", form: [], as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT number FROM axes WHERE id = 14"), 4, "numbers close up after a removal")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'axis' AND action = 'delete'"), 1)
        // Removing the project takes its card with it.
        XCTAssertEqual(portal.post(base + "/projects/\(project)/remove", form: [], as: staff).status, 303)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM project_objectives WHERE project_id = ?", [project]), 0)
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2024-2025/projects/5").status, 404)
    }

    /// Citizens' proposals must not be lost: an axis or project they point to stays.
    func testRemovalRefusedWhileProposalsPointToIt() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "demo")
        let demo = "/admin/fr/communes/demo/programs/2025-2026"
        XCTAssertEqual(portal.post(demo + "/axes/new", form: [("number", "4"), ("title_ar", "محور رابع")], as: staff).status, 303)
        let axis = try count(portal, "SELECT id FROM axes WHERE program_id = 5 AND number = 4")
        XCTAssertEqual(portal.post(demo + "/projects/new", form: [("number", "4"), ("axis", String(axis)), ("title_ar", "مشروع رابع"), ("partner_count", "0")],
                                   as: staff).status, 303)
        let project = try count(portal, "SELECT id FROM projects WHERE program_id = 5 AND number = 4")
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, NULL, ?, 'idea', 'فكرة', 'وصف', 'platform', 'TEST-EDITOR-1', '2025-01-01T00:00:00Z')
                """, [project])
        }
        let refused = portal.post(demo + "/projects/\(project)/remove", form: [], as: staff)
        XCTAssertEqual(refused.status, 409)
        XCTAssertTrue(refused.contains("Le projet 4 ne peut pas être supprimé : des propositions citoyennes"))
        let hasProjects = portal.post(demo + "/axes/\(axis)/remove", form: [], as: staff)
        XCTAssertEqual(hasProjects.status, 409)
        XCTAssertTrue(hasProjects.contains("L&#39;axe 4 a encore des projets"))
        let called = portal.post(demo + "/axes/51/remove", form: [], as: staff)
        XCTAssertEqual(called.status, 409, "an axis a call is open on stays")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM projects WHERE id = ?", [project]), 1)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM proposals WHERE project_id = ?", [project]), 1)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE action = 'delete'"), 0)
    }

    /// The dispatcher gates the editor: a committee member reads the list but not the editor;
    /// another commune's focal point gets nothing; an id of another program is not found.
    func testOnlyTheCommunesFocalPointsEdit() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "settat")
        XCTAssertEqual(portal.get("/admin/ar/communes/settat", as: committee).status, 200)
        XCTAssertFalse(portal.get("/admin/ar/communes/settat", as: committee).contains("name=\"period\""), "no new-program form")
        XCTAssertEqual(portal.get(base, as: committee).status, 403)
        XCTAssertEqual(portal.post(base + "/matrix", form: [], as: committee).status, 403)
        let other = try portal.signIn(.focalPoint, commune: "taroudant")
        XCTAssertEqual(portal.get(base, as: other).status, 403)
        XCTAssertEqual(portal.post("/admin/ar/communes/settat/programs/new", form: [("period", "2030-2031"), ("title_ar", "x")], as: other).status, 403)
        XCTAssertEqual(portal.post(base + "/activities/111/remove", form: [], as: other).status, 403)
        // Taroudant's own editor cannot reach a Settat activity by its id.
        XCTAssertEqual(portal.get("/admin/ar/communes/taroudant/programs/2024-2025/activities/111", as: other).status, 404)
        XCTAssertEqual(portal.post("/admin/ar/communes/taroudant/programs/2024-2025/activities/111/remove", form: [], as: other).status, 404)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM activities WHERE id = 111"), 1)
        XCTAssertEqual(portal.get(base + "/activities/111/remove", as: other).status, 405, "removal is POST only")
    }

    func testRouteRoundTrip() {
        let routes: [EditorRoute] = [.commune, .newProgram, .program(period: "2024-2025"), .matrix(period: "2024-2025"),
                                     .new(period: "2024-2025", .axis), .new(period: "2024-2025", .project),
                                     .newActivity(period: "2024-2025", project: 11), .edit(period: "2024-2025", .activity, id: 3),
                                     .remove(period: "2024-2025", .axis, id: 4), .move(period: "2024-2025", .project, id: 12)]
        for route in routes {
            let path = AdminRoute.commune(.ar, slug: "settat", .editor(route)).path
            XCTAssertEqual(AdminRoute(segments: path.split(separator: "/").map(String.init)), .commune(.ar, slug: "settat", .editor(route)), path)
        }
        XCTAssertNil(EditorRoute(segments: ["programs", "2024-2025", "activities", "new"]))
        XCTAssertNil(EditorRoute(segments: ["programs", "2024-2025", "axes", "0"]))
    }

    func testAmounts() {
        func c(_ s: String) -> Int? { if case .success(let v) = EditorInput.centimes(s) { return v }; return nil }
        XCTAssertEqual(c("20000"), 2_000_000)
        XCTAssertEqual(c("20 000,00"), 2_000_000)
        XCTAssertEqual(c("20000.5"), 2_000_050)
        XCTAssertEqual(c("1.250.000,75"), 125_000_075)
        XCTAssertEqual(c("٢٠٠٠٠"), 2_000_000)
        XCTAssertNil(c("20,000.00"))
        XCTAssertNil(c("12.345"))
        XCTAssertNil(c("abc"))
        if case .failure(.negative) = EditorInput.centimes("-5") {} else { XCTFail("negative") }
        XCTAssertEqual(EditorInput.dirhams(2_000_050), "20000.50")
        XCTAssertEqual(EditorInput.dirhams(2_000_000), "20000")
    }
}
