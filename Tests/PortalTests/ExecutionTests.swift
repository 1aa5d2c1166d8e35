import Foundation
import XCTest
import SQLite
@testable import Portal

/// Issue 13 (part A) through whole requests on the demo store: a focal point records progress and
/// measured values on Settat's adopted program (the documents say nothing of its execution, so
/// every test writes its own), the forms refuse with a message beside the field in both
/// languages, the history is kept in order and never changed, the bulk CSV import previews,
/// applies, and writes nothing when one line is bad; citizens read it on the Execution page, the
/// project card, the tracking page and feed of an integrated proposal, the timeline and the open data.
final class ExecutionTests: XCTestCase {
    static let admin = "/admin/%@/communes/settat/programs/2024-2025/execution"
    static let publicPage = "/%@/communes/settat/programs/2024-2025/execution"

    func admin(_ language: String = "ar", _ tail: String = "") -> String { String(format: Self.admin, language) + tail }

    /// A portal whose clock stands on 2025-06-15 (Morocco), with a focal point of Settat signed in.
    func portal() throws -> (Portal, Staff) {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-06-15", time: "10:00")! }
        return (portal, try portal.signIn(.focalPoint, commune: "settat"))
    }

    func entries(_ portal: Portal, activity: Int) throws -> [String] {
        try portal.site.database.read { db in
            try db.query("SELECT entry_on, status, percent FROM activity_progress WHERE activity_id = ? ORDER BY id", [activity]).map {
                "\(try $0.string("entry_on")) \(try $0.string("status")) \(try $0.int("percent"))"
            }
        }
    }

    func indicatorID(_ portal: Portal, project: Int, kind: String = "follow-up") throws -> Int {
        try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT id FROM project_indicators WHERE project_id = ? AND kind = ? AND position = 1", [project, kind], as: Int.self)
        })
    }

    func record(_ portal: Portal, _ staff: Staff, activity: Int, _ fields: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        let page = portal.post(admin("ar", "/activities/\(activity)/progress"), form: fields, as: staff)
        XCTAssertEqual(page.status, 303, page.body.prefix(600).description, file: file, line: line)
    }

    // MARK: - Recording

    func testAFocalPointRecordsProgressKeptAsDatedHistoryAndAudited() throws {
        let (portal, staff) = try portal()
        let form = portal.get(admin("ar", "/activities/111"), as: staff)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains("name=\"status\"") && form.contains("value=\"2025-06-15\""), "the form opens on today's date")
        record(portal, staff, activity: 111, [("entry_on", "2025-03-01"), ("status", "in-progress"), ("percent", "30"),
                                              ("started_on", "2025-02-10"), ("note_ar", "انطلقت الحملة")])
        record(portal, staff, activity: 111, [("entry_on", "2025-06-01"), ("status", "done"), ("percent", ""),
                                              ("started_on", "2025-02-10"), ("ended_on", "2025-05-30"), ("actual_cost", "12 500,00")])
        XCTAssertEqual(try entries(portal, activity: 111), ["2025-03-01 in-progress 30", "2025-06-01 done 100"],
                       "history in order; an empty percent of a done activity is 100")
        let audited = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'progress' AND action = 'create' AND program_id = 1", as: Int.self)
        }
        XCTAssertGreaterThan(audited ?? 0, 8, "each field of each entry is in the audit log")
        let page = portal.get(admin("fr", "/activities/111"), as: staff)
        XCTAssertTrue(page.contains("Réalisée") && page.contains("En cours") && page.contains("انطلقت الحملة"), "the history is shown")
        XCTAssertLessThan(page.body.range(of: "Réalisée</span> · <span dir=\"ltr\">100%")!.lowerBound,
                          page.body.range(of: "En cours</span> · <span dir=\"ltr\">30%")!.lowerBound, "newest first")

        // Never changed, never deleted; never dated before the latest.
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("UPDATE activity_progress SET percent = 10") })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("DELETE FROM activity_progress") })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("DELETE FROM activities WHERE id = 111") })
        XCTAssertThrowsError(try portal.site.database.write {
            try $0.run("""
                INSERT INTO activity_progress (activity_id, entry_on, status, percent, recorded_at, recorded_by_name)
                VALUES (111, '2025-01-01', 'not-started', 0, '2025-06-15T10:00:00Z', 'x')
                """)
        })
    }

    func testTheProgressFormRefusesWithTheMessageBesideTheFieldInBothLanguages() throws {
        let (portal, staff) = try portal()
        let cases: [(String, String, String)] = [("ar", "اذكروا سبب تأخر النشاط أو إلغائه", "أدخلوا تاريخ البدء الفعلي"),
                                                 ("fr", "Dites pourquoi l'activité est en retard ou annulée", "Indiquez la date de début effectif")]
        for (language, reason, started) in cases {
            let page = portal.post(admin(language, "/activities/112/progress"),
                                   form: [("entry_on", "2025-06-10"), ("status", "delayed"), ("percent", "20"), ("note_fr", "gardé tel quel")], as: staff)
            XCTAssertEqual(page.status, 422, language)
            XCTAssertTrue(page.contains(reason.replacingOccurrences(of: "'", with: "&#39;")), "\(language): the reason is asked for")
            XCTAssertTrue(page.contains("id=\"x-reason_ar-error\""), "\(language): beside its field")
            XCTAssertTrue(page.contains("value=\"gardé tel quel\""), "\(language): what was typed comes back")
            let second = portal.post(admin(language, "/activities/112/progress"),
                                     form: [("entry_on", "2025-06-10"), ("status", "in-progress"), ("percent", "140")], as: staff)
            XCTAssertEqual(second.status, 422)
            XCTAssertTrue(second.contains("id=\"x-percent-error\""), "\(language): percent above 100")
            let third = portal.post(admin(language, "/activities/112/progress"),
                                    form: [("entry_on", "2025-06-10"), ("status", "in-progress"), ("percent", "10")], as: staff)
            XCTAssertTrue(third.contains(started.replacingOccurrences(of: "'", with: "&#39;")), "\(language): an activity in progress has started")
        }
        XCTAssertEqual(try entries(portal, activity: 112), [], "nothing written")
    }

    func testBeforeAdoptionTheFormsSayWhyAndAClosedProgramIsReadOnly() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "demo")
        let base = "/admin/fr/communes/demo/programs/2025-2026/execution"
        let page = portal.get(base, as: staff)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("une fois le programme adopté par le conseil"), "the reason, before anyone types")
        let activity = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT a.id FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id WHERE c.slug = 'demo' AND g.period = '2025-2026' LIMIT 1", as: Int.self)
        })
        let form = portal.get(base + "/activities/\(activity)", as: staff)
        XCTAssertFalse(form.contains("name=\"percent\""), "no form before adoption")
        let refused = portal.post(base + "/activities/\(activity)/progress",
                                  form: [("entry_on", "2025-06-10"), ("status", "in-progress"), ("percent", "10"), ("started_on", "2025-06-01")], as: staff)
        XCTAssertEqual(refused.status, 409)

        try portal.site.database.write { try $0.run("UPDATE programs SET status = 'closed' WHERE id = 1") }
        let settat = try portal.signIn(.focalPoint, commune: "settat")
        XCTAssertTrue(portal.get(admin("fr"), as: settat).contains("Ce programme est clôturé"))
        XCTAssertEqual(portal.post(admin("fr", "/activities/111/progress"),
                                   form: [("entry_on", "2024-06-10"), ("status", "in-progress"), ("percent", "10"), ("started_on", "2024-06-01")],
                                   as: settat).status, 409)
    }

    func testCommitteeAndCouncilReadWithoutForms() throws {
        let (portal, staff) = try portal()
        record(portal, staff, activity: 111, [("entry_on", "2025-03-01"), ("status", "in-progress"), ("percent", "30"), ("started_on", "2025-02-10")])
        for role in [Role.committee, .council] {
            let reader = try portal.signIn(role, commune: "settat")
            let page = portal.get(admin("fr", "/activities/111"), as: reader)
            XCTAssertEqual(page.status, 200, role.rawValue)
            XCTAssertTrue(page.contains("En cours"), role.rawValue)
            XCTAssertFalse(page.contains("name=\"percent\""), "\(role.rawValue) reads, without the form")
            XCTAssertEqual(portal.post(admin("fr", "/activities/111/progress"), form: [], as: reader).status, 403)
        }
    }

    // MARK: - Indicators

    func testAnIndicatorsPlanIsSetOnceThenOnlyInAnAmendmentAndItsValuesAreRecorded() throws {
        let (portal, staff) = try portal()
        let id = try indicatorID(portal, project: 12)
        let path = admin("fr", "/indicators/\(id)")
        XCTAssertEqual(portal.post(path + "/plan", form: [("unit", "count"), ("baseline", "0"), ("baseline_on", "2024-01-01")], as: staff).status, 303)
        // Fixed after adoption: changing the baseline needs an amendment; the empty target can still be set once.
        let locked = portal.post(path + "/plan", form: [("unit", "count"), ("baseline", "2"), ("baseline_on", "2024-01-01"),
                                                         ("target", "6"), ("target_on", "2025-12-31")], as: staff)
        XCTAssertEqual(locked.status, 422)
        XCTAssertTrue(locked.contains("elle ne change que dans un amendement"))
        XCTAssertEqual(portal.post(path + "/plan", form: [("unit", "count"), ("baseline", "0"), ("baseline_on", "2024-01-01"),
                                                          ("target", "6"), ("target_on", "2025-12-31")], as: staff).status, 303)
        let bad = portal.post(path + "/values", form: [("measured_on", "2025-03-01"), ("value", "trois")], as: staff)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains("« trois » n&#39;est pas un nombre entier"), String(bad.body.prefix(0)))
        XCTAssertEqual(portal.post(path + "/values", form: [("measured_on", "2025-03-01"), ("value", "2"), ("source_fr", "PV")], as: staff).status, 303)
        XCTAssertEqual(portal.post(path + "/values", form: [("measured_on", "2025-06-01"), ("value", "4")], as: staff).status, 303)
        // The unit of a measured indicator never changes, even in an amendment; the baseline does there.
        try portal.openAmendment("settat")
        let unit = portal.post(path + "/plan", form: [("unit", "percent"), ("baseline", "0"), ("baseline_on", "2024-01-01"),
                                                       ("target", "6"), ("target_on", "2025-12-31")], as: staff)
        XCTAssertEqual(unit.status, 422)
        XCTAssertTrue(unit.contains("son unité ne peut plus changer"))
        XCTAssertEqual(portal.post(path + "/plan", form: [("unit", "count"), ("baseline", "1"), ("baseline_on", "2024-01-01"),
                                                          ("target", "6"), ("target_on", "2025-12-31")], as: staff).status, 303)
        let card = portal.get("/fr/communes/settat/programs/2024-2025/projects/2")
        XCTAssertTrue(card.contains("id=\"execution\""))
        XCTAssertTrue(card.contains("Valeur de référence 1 (1er janvier 2024)"), "baseline → values → target")
        XCTAssertTrue(card.contains("2 (1er mars 2025) → 4 (1er juin 2025)"))
        XCTAssertTrue(card.contains("Valeur cible 6 (31 décembre 2025)"))
        XCTAssertTrue(card.contains("<polyline"), "two values draw a sparkline")
        // unit, baseline, baseline_on; target, target_on; the baseline again in the amendment.
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'indicator_plan'", as: Int.self) }, 6)
    }

    // MARK: - Amendments

    func testAnAmendmentCannotDeleteAnActivityWithProgressOrAMeasuredIndicator() throws {
        let (portal, staff) = try portal()
        record(portal, staff, activity: 123, [("entry_on", "2025-03-01"), ("status", "in-progress"), ("percent", "30"), ("started_on", "2025-02-10")])
        try portal.openAmendment("settat")
        let editor = "/admin/fr/communes/settat/programs/2024-2025"
        let removed = portal.post(editor + "/activities/123/remove", form: [], as: staff)
        XCTAssertEqual(removed.status, 409)
        XCTAssertTrue(removed.contains("L&#39;activité 3 a un avancement enregistré"), String(removed.body.prefix(0)))
        // The refusal leads to the activity's progress form with "cancelled" chosen.
        let cancel = "/admin/fr/communes/settat/programs/2024-2025/execution/activities/123?status=cancelled"
        XCTAssertTrue(removed.contains("href=\"\(cancel)\""), String(removed.body.prefix(0)))
        XCTAssertTrue(portal.get(cancel, as: staff).contains("<option value=\"cancelled\" selected>"))
        let project = portal.post(editor + "/projects/12/remove", form: [], as: staff)
        XCTAssertEqual(project.status, 409)
        // The matrix CSV without activity 2.3 is refused with the reason, nothing removed.
        let csv = portal.get("/ar/communes/settat/programs/2024-2025.csv").body
            .split(separator: "\r\n", omittingEmptySubsequences: false).filter { !$0.contains("تخصيص مكتب للهيئة") }.joined(separator: "\r\n")
        let imported = portal.post(editor + "/import", form: [("step", "apply"), ("language", "ar"), ("csv", csv)], as: staff)
        XCTAssertEqual(imported.status, 422)
        XCTAssertTrue(imported.contains("L&#39;activité 3 du projet 2 a un avancement enregistré"))
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM activities WHERE id = 123", as: Int.self) }, 1)
        // Cancelled instead, history kept.
        record(portal, staff, activity: 123, [("entry_on", "2025-06-01"), ("status", "cancelled"), ("percent", "30"),
                                              ("started_on", "2025-02-10"), ("reason_fr", "Local indisponible")])
        XCTAssertEqual(try entries(portal, activity: 123).count, 2)
    }

    // MARK: - Bulk

    func testTheExecutionCSVImportPreviewsAppliesAndWritesNothingWhenALineIsBad() throws {
        let (portal, staff) = try portal()
        let id = try indicatorID(portal, project: 14)
        XCTAssertEqual(portal.post(admin("fr", "/indicators/\(id)/plan"), form: [("unit", "count")], as: staff).status, 303)
        let export = portal.get("/fr/communes/settat/programs/2024-2025/execution.csv")
        XCTAssertEqual(export.status, 200)
        XCTAssertEqual(export.headers["Content-Type"], "text/csv; charset=utf-8")
        guard case .success(let read) = CSV.read(Array(export.body.utf8)) else { return XCTFail("the export reads back") }
        var rows = read.map(\.fields)
        XCTAssertEqual(rows[0], ExecutionExport.csvColumns)
        func text(_ rows: [[String]]) -> String { String(decoding: CSV.document(rows), as: UTF8.self) }
        // The export as it is records nothing.
        let same = portal.post(admin("fr", "/import"), form: [("step", "preview"), ("language", "fr"), ("csv", text(rows))], as: staff)
        XCTAssertEqual(same.status, 200)
        XCTAssertTrue(same.contains("Le fichier n&#39;ajoute rien"))

        func set(_ row: Int, _ values: [String: String]) {
            for (name, value) in values { rows[row][ExecutionExport.csvColumns.firstIndex(of: name)!] = value }
        }
        func find(_ prefix: [String]) -> Int? { rows.firstIndex { Array($0.prefix(prefix.count)) == prefix } }
        let activityRow = try XCTUnwrap(find(["activity", "1", "1"]))
        let indicatorRow = try XCTUnwrap(find(["indicator", "4", "", "follow-up", "1"]))
        set(activityRow, ["status": "in-progress", "percent": "40", "actual_start": "2025-01-15", "date": "2025-06-01"])
        set(indicatorRow, ["date": "2025-05-20", "value": "7", "source": "Registre"])
        let good = text(rows)
        let preview = portal.post(admin("fr", "/import"), form: [("step", "preview"), ("language", "fr"), ("csv", good)], as: staff)
        XCTAssertEqual(preview.status, 200)
        XCTAssertTrue(preview.contains("Entrées à enregistrer : 2"), String(preview.body.prefix(0)))
        XCTAssertEqual(try entries(portal, activity: 111), [], "a preview writes nothing")

        // One bad line (an unknown status, a bad date) and nothing is written; each problem has its line and column.
        let badRow = try XCTUnwrap(find(["activity", "1", "2"]))
        set(badRow, ["status": "finished", "date": "2025-13-01"])
        let refused = portal.post(admin("fr", "/import"), form: [("step", "apply"), ("language", "fr"), ("csv", text(rows))], as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("Ligne \(read[badRow].line), colonne « status »"), "line and column")
        XCTAssertTrue(refused.contains("« finished » n&#39;est pas un statut"))
        XCTAssertTrue(refused.contains("Ligne \(read[badRow].line), colonne « date »"))
        XCTAssertEqual(try entries(portal, activity: 111), [], "all or nothing")

        let applied = portal.post(admin("fr", "/import"), form: [("step", "apply"), ("language", "fr"), ("csv", good)], as: staff)
        XCTAssertEqual(applied.status, 303)
        XCTAssertEqual(try entries(portal, activity: 111), ["2025-06-01 in-progress 40"])
        XCTAssertEqual(try portal.site.database.read {
            try $0.scalar("SELECT value_number || ' ' || source_fr FROM indicator_values WHERE indicator_id = ?", [id], as: String.self)
        }, "7 Registre")
        // Sent again, it adds nothing.
        let again = portal.post(admin("fr", "/import"), form: [("step", "preview"), ("language", "fr"), ("csv", good)], as: staff)
        XCTAssertTrue(again.contains("Le fichier n&#39;ajoute rien"))
    }

    // MARK: - What citizens see

    func testTheExecutionPageInBothLanguages() throws {
        let (portal, staff) = try portal()
        let empty = portal.get(String(format: Self.publicPage, "fr"))
        XCTAssertEqual(empty.status, 200)
        XCTAssertTrue(empty.contains("la commune n&#39;a encore enregistré aucun avancement"), "Settat adopted, nothing invented")
        record(portal, staff, activity: 111, [("entry_on", "2025-03-01"), ("status", "done"), ("percent", "100"),
                                              ("started_on", "2025-01-10"), ("ended_on", "2025-02-28"), ("actual_cost", "5000")])
        record(portal, staff, activity: 112, [("entry_on", "2025-03-01"), ("status", "cancelled"), ("percent", "0"), ("reason_ar", "تغيير الأولويات")])
        record(portal, staff, activity: 113, [("entry_on", "2025-04-01"), ("status", "in-progress"), ("percent", "50"), ("started_on", "2025-03-01")])
        let fr = portal.get(String(format: Self.publicPage, "fr"))
        XCTAssertEqual(fr.status, 200)
        // 12 activities, 1 cancelled: (100 + 50) / 11 = 13.6 → 14 %, by count (Settat's costs are not amounts).
        XCTAssertTrue(fr.contains("<span dir=\"ltr\">14%</span>"), "overall progress")
        XCTAssertTrue(fr.contains("Chaque activité compte autant"), "the weighting is said")
        XCTAssertTrue(fr.contains("Activités annulées, non comptées dans l&#39;avancement : 1."))
        XCTAssertTrue(fr.contains("Données au <time datetime=\"2025-04-01\">1er avril 2025</time>"))
        XCTAssertTrue(fr.contains("<svg role=\"img\" aria-labelledby=\"execution-projects-title\""), "bars drawn by the server")
        XCTAssertTrue(fr.contains("Projet 1 : 50%") || fr.contains("Projet 1 : Adopter"), "project 1: (100 + 50 + 0) / 3 = 50")
        XCTAssertTrue(fr.contains("<caption id=\"execution-projects-caption\">"), "a table equivalent")
        XCTAssertTrue(fr.contains("Activités en retard sur leur date de fin prévue"))
        XCTAssertTrue(fr.contains("5\u{A0}000,00\u{A0}DH"), "spent")
        XCTAssertFalse(fr.contains("<script"))
        let ar = portal.get(String(format: Self.publicPage, "ar"))
        XCTAssertEqual(ar.status, 200)
        XCTAssertTrue(ar.contains("لكل نشاط الوزن نفسه") && ar.contains("الأنشطة الملغاة، غير المحتسبة في نسبة الإنجاز: 1."))
        XCTAssertTrue(ar.contains("direction=\"rtl\""), "Arabic bars grow from the right")
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025").contains("/fr/communes/settat/programs/2024-2025/execution"),
                      "linked from the program page")
        // The project card's section and the program's timeline.
        let card = portal.get("/ar/communes/settat/programs/2024-2025/projects/1")
        XCTAssertTrue(card.contains("id=\"execution\"") && card.contains("تغيير الأولويات") && card.contains("ملغى"))
        let overview = portal.get("/fr/communes/settat/programs/2024-2025")
        XCTAssertTrue(overview.contains("Première activité commencée : 1.1"), "the timeline's first activity started")
    }

    func testAnIntegratedProposalFollowsItsProjectOnItsTrackingPageAndFeed() throws {
        let (portal, staff) = try portal()
        try portal.site.database.write { db in
            try db.run("INSERT INTO calls (id, program_id, kind, title_ar, opens_at, closes_at) VALUES (900, 1, 'ideas', 'نداء', '2023-01-09T00:00:00Z', '2023-01-14T00:00:00Z')")
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, channel, status, integrated_project_id, tracking_code, created_at)
                VALUES (1, 900, 'idea', 'ميزانية تشاركية للأحياء', 'وصف', 'platform', 'integrated', 11, 'EXECTS-TABCDE-FGHJKM', '2023-06-10T10:00:00Z')
                """)
        }
        let code = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT tracking_code FROM proposals WHERE call_id = 900", as: String.self) })
        let before = portal.get("/fr/proposals/\(code)")
        XCTAssertEqual(before.status, 200)
        XCTAssertTrue(before.contains("Avancement de ce projet :"))
        record(portal, staff, activity: 111, [("entry_on", "2025-03-01"), ("status", "in-progress"), ("percent", "60"), ("started_on", "2025-02-01")])
        let page = portal.get("/fr/proposals/\(code)")
        XCTAssertTrue(page.contains("<strong dir=\"ltr\">15%</strong>"), "(60 + 0 + 0 + 0) / 4 of project 1")
        XCTAssertTrue(page.contains("activités réalisées : 0 sur 4"))
        let feed = portal.get("/fr/proposals/\(code)/feed.atom")
        XCTAssertEqual(feed.status, 200)
        XCTAssertTrue(feed.body.contains("Projet 1\u{A0}: En cours, 60 %"), String(feed.body.suffix(0)))
        XCTAssertTrue(feed.body.contains("/progress/"), "an entry of its own")
    }

    func testOpenDataFilesAndTheDataPage() throws {
        let (portal, staff) = try portal()
        record(portal, staff, activity: 141, [("entry_on", "2025-03-01"), ("status", "in-progress"), ("percent", "20"), ("started_on", "2025-02-01"),
                                              ("note_ar", "لقاء أول")])
        let json = portal.get("/fr/communes/settat/programs/2024-2025/execution.json")
        XCTAssertEqual(json.status, 200)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
        XCTAssertEqual(object["data_as_of"] as? String, "2025-03-01")
        let projects = try XCTUnwrap(object["projects"] as? [[String: Any]])
        let activities = try XCTUnwrap(projects[3]["activities"] as? [[String: Any]])
        XCTAssertEqual(activities[0]["status"] as? String, "in-progress")
        let progress = try XCTUnwrap(activities[0]["progress"] as? [[String: Any]])
        XCTAssertEqual((progress[0]["note"] as? [String: Any])?["ar"] as? String, "لقاء أول")
        XCTAssertFalse(json.body.contains("Test focal-point"), "no staff names")
        let csv = portal.get("/ar/communes/settat/programs/2024-2025/execution.csv")
        XCTAssertTrue(csv.body.contains("activity,4,1,,,") && csv.body.contains(",in-progress,20,2025-02-01,"))
        let data = portal.get("/fr/data")
        XCTAssertTrue(data.contains("/fr/communes/settat/programs/2024-2025/execution.csv"), "linked from the data page")
        XCTAssertFalse(data.contains("/fr/communes/demo/programs/2025-2026/execution.csv"), "not for a program before adoption")
    }
}
