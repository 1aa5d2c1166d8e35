import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// A focal point keeping a program's details: committee, milestones, events and their
/// figures, the shared partners. Each change is audited, refused input comes back as typed
/// with the message beside the field (422), and the public pages show the change at once.
final class DetailsTests: XCTestCase {
    private let base = "/admin/ar/communes/settat/programs/2024-2025"
    private let overview = "/ar/communes/settat/programs/2024-2025"

    private func audit(_ portal: Portal, _ entity: String) throws -> [Row] {
        try portal.site.database.read {
            try $0.query("SELECT action, entity_id, field, before, after, user_id, commune_id, program_id FROM audit_log WHERE entity = ? ORDER BY id", [entity])
        }
    }

    func testOnlyFocalPointsOfTheCommuneOpenTheDetails() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "settat")
        let other = try portal.signIn(.focalPoint, commune: "larache")
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        for tail in ["committee", "milestones", "events", "events/new", "partners", "import", "events/11", "milestones/101"] {
            XCTAssertEqual(portal.get("\(base)/\(tail)", as: committee).status, 403, tail)
            XCTAssertEqual(portal.get("\(base)/\(tail)", as: other).status, 403, tail)
            XCTAssertEqual(portal.get("\(base)/\(tail)", as: staff).status, 200, tail)
        }
        // Another program's rows are not reachable through this program's pages.
        XCTAssertEqual(portal.get("\(base)/milestones/201", as: staff).status, 404)
        XCTAssertEqual(portal.get("\(base)/events/41", as: staff).status, 404)
        XCTAssertEqual(portal.get("/admin/ar/communes/settat/programs/2030-2031/committee", as: staff).status, 404)
        XCTAssertEqual(portal.post("\(base)/committee/members/1/delete", form: [], headers: [staff.cookie]).status, 403, "no token")
        let page = portal.get("\(base)/committee", as: staff)
        for tab in ["اللقاءات والأرقام", "الجدولة الزمنية", "الشركاء", "استيراد CSV"] { XCTAssertTrue(page.contains(tab), tab) }
    }

    func testCommitteeDecisionAndMembers() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let page = portal.get("\(base)/committee", as: staff)
        XCTAssertTrue(page.contains("المصطفى التاكوي"))

        // A bad date: 422, message beside the field, everything typed kept.
        let bad = portal.post("\(base)/committee", form: [("name_ar", "لجنة التتبع"), ("decision_number", "93/2023"), ("decision_date", "2023-02-30")], as: staff)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains("تاريخ غير صالح"), "Arabic message")
        XCTAssertTrue(bad.contains("value=\"93/2023\"") && bad.contains("value=\"2023-02-30\""), "typed values kept")
        let french = portal.post("/admin/fr/communes/settat/programs/2024-2025/committee", form: [("name_ar", ""), ("decision_number", "94")], as: staff)
        XCTAssertEqual(french.status, 422)
        XCTAssertTrue(french.contains("Ce champ est obligatoire."))

        let saved = portal.post("\(base)/committee", form: [("name_ar", "لجنة التتبع"), ("decision_number", "93/2023"), ("decision_date", "2023-05-08")], as: staff)
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(saved.headers["Location"], "\(base)/committee?notice=notice.saved")
        let fields = try audit(portal, "committee").compactMap { try $0.optionalString("field") }
        XCTAssertTrue(fields.contains("decision_number") && fields.contains("name_ar"), "\(fields)")
        XCTAssertTrue(portal.get(overview).contains("93/2023"), "the public overview shows the decision at once")

        // Members: refused without a name (typed function kept), then added, edited, moved, removed.
        let noName = portal.post("\(base)/committee/members", form: [("function_ar", "عضو المجلس"), ("role", "member"), ("category", "elected")], as: staff)
        XCTAssertEqual(noName.status, 422)
        XCTAssertTrue(noName.contains("هذا الحقل إلزامي") && noName.contains("value=\"عضو المجلس\""))
        let badRole = portal.post("\(base)/committee/members", form: [("name_ar", "سعاد"), ("role", "mayor"), ("category", "elected")], as: staff)
        XCTAssertEqual(badRole.status, 422)
        XCTAssertTrue(badRole.contains("اختر قيمة من القائمة"))

        XCTAssertEqual(portal.post("\(base)/committee/members", form: [("name_ar", "سعاد الإدريسي"), ("function_ar", "عضوة المجلس"),
                                                                      ("role", "coordinator"), ("category", "equality-body")], as: staff).status, 303)
        let id = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT id FROM committee_members WHERE name_ar = 'سعاد الإدريسي'", as: Int.self)
        })
        var publicPage = portal.get(overview)
        XCTAssertTrue(publicPage.contains("سعاد الإدريسي") && publicPage.contains("عضوة المجلس"))
        XCTAssertEqual(try audit(portal, "committee_member").filter { try $0.string("action") == "create" }.count, 4,
                       "one create entry per given field: name, function, role, category")

        let form = portal.get("\(base)/committee/members/\(id)", as: staff)
        XCTAssertTrue(form.contains("value=\"سعاد الإدريسي\""))
        XCTAssertEqual(portal.post("\(base)/committee/members/\(id)", form: [("name_ar", "سعاد الإدريسي"), ("name_fr", "Souad Idrissi"),
                                                                          ("role", "member"), ("category", "equality-body")], as: staff).status, 303)
        let updates = try audit(portal, "committee_member").filter { try $0.string("action") == "update" }
        XCTAssertEqual(try updates.map { try $0.string("field") }.sorted(), ["function_ar", "name_fr", "role"])
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025").contains("Souad Idrissi"))

        func order() throws -> [String] {
            try portal.site.database.read { try $0.query("SELECT name_ar FROM committee_members WHERE committee_id = 1 ORDER BY position").map { try $0.string("name_ar") } }
        }
        let before = try order()
        XCTAssertEqual(before.last, "سعاد الإدريسي")
        XCTAssertEqual(portal.post("\(base)/committee/members/\(id)/move", form: [("direction", "up")], as: staff).status, 303)
        var after = try order()
        XCTAssertEqual(after[after.count - 2], "سعاد الإدريسي")
        XCTAssertEqual(after.last, before[before.count - 2])
        publicPage = portal.get(overview)
        XCTAssertLessThan(try XCTUnwrap(publicPage.body.range(of: "سعاد الإدريسي")).lowerBound,
                          try XCTUnwrap(publicPage.body.range(of: before[before.count - 2])).lowerBound, "public order follows")

        XCTAssertEqual(portal.post("\(base)/committee/members/\(id)/delete", form: [], as: staff).status, 303)
        after = try order()
        XCTAssertFalse(after.contains("سعاد الإدريسي"))
        XCTAssertFalse(portal.get(overview).contains("سعاد الإدريسي"))
        let deletion = try XCTUnwrap(try audit(portal, "committee_member").last)
        XCTAssertEqual(try deletion.string("action"), "delete")
        XCTAssertEqual(try deletion.optionalString("before"), "سعاد الإدريسي")
        XCTAssertEqual(try deletion.int("user_id"), staff.userID)
        XCTAssertEqual(try deletion.int("program_id"), 1)
    }

    func testMilestonesKeepDateOrder() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        for (date, message) in [("2023-13", "تاريخ غير صالح"), ("2023-06-14/2023-06-09", "تاريخ غير صالح"), ("2023-06/2023-06-14", "تاريخ غير صالح")] {
            let bad = portal.post("\(base)/milestones", form: [("kind", "other"), ("title_ar", "مرحلة"), ("date", date)], as: staff)
            XCTAssertEqual(bad.status, 422, date)
            XCTAssertTrue(bad.contains(message) && bad.contains("value=\"\(date)\""), date)
        }
        let badKind = portal.post("\(base)/milestones", form: [("kind", "party"), ("title_ar", "")], as: staff)
        XCTAssertEqual(badKind.status, 422)
        XCTAssertTrue(badKind.contains("اختر قيمة من القائمة") && badKind.contains("هذا الحقل إلزامي"))

        // A step dated between two others takes its place in the timeline, here and in public.
        XCTAssertEqual(portal.post("\(base)/milestones", form: [("kind", "committee-meeting"), ("title_ar", "اجتماع اللجنة الثاني"),
                                                               ("title_fr", "Deuxième réunion du comité"), ("date", "2023-05-20/2023-05-22"),
                                                               ("done", "1")], as: staff).status, 303)
        XCTAssertEqual(portal.post("\(base)/milestones", form: [("kind", "other"), ("title_ar", "تقييم شهري"), ("date", "2023-05")], as: staff).status, 303)
        let titles = try portal.site.database.read {
            try $0.query("SELECT title_ar, date_start, date_end, date_precision FROM milestones WHERE program_id = 1 ORDER BY position")
        }
        let starts = try titles.compactMap { try $0.optionalString("date_start") }
        XCTAssertEqual(starts, starts.sorted(), "dated steps in date order")
        let range = try XCTUnwrap(titles.first { try $0.string("title_ar") == "اجتماع اللجنة الثاني" })
        XCTAssertEqual(try range.optionalString("date_end"), "2023-05-22")
        XCTAssertEqual(try range.optionalString("date_precision"), "range")
        let month = try XCTUnwrap(titles.first { try $0.string("title_ar") == "تقييم شهري" })
        XCTAssertEqual(try month.optionalString("date_precision"), "month")

        let publicPage = portal.get("/fr/communes/settat/programs/2024-2025")
        let workshop = try XCTUnwrap(publicPage.body.range(of: "Atelier de co-construction et de collecte des idées à la commune"))
        let second = try XCTUnwrap(publicPage.body.range(of: "Deuxième réunion du comité"))
        let call = try XCTUnwrap(publicPage.body.range(of: "Appel à idées et propositions sur la plateforme"))
        XCTAssertTrue(workshop.lowerBound < second.lowerBound && second.lowerBound < call.lowerBound, "17 May < 20-22 May < 9 June")

        let id = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM milestones WHERE title_ar = 'تقييم شهري'", as: Int.self) })
        let edit = portal.get("\(base)/milestones/\(id)", as: staff)
        XCTAssertTrue(edit.contains("value=\"2023-05\""))
        XCTAssertEqual(portal.post("\(base)/milestones/\(id)", form: [("kind", "other"), ("title_ar", "تقييم شهري"), ("date", "")], as: staff).status, 303)
        let undated = try portal.site.database.read { try $0.queryOne("SELECT date_start, date_precision FROM milestones WHERE id = ?", [id]) }
        XCTAssertNil(try undated?.optionalString("date_start"))
        XCTAssertNil(try undated?.optionalString("date_precision"))
        let change = try audit(portal, "milestone").filter { try $0.optionalString("field") == "date_precision" }
        XCTAssertEqual(try change.last?.optionalString("before"), "month")
        XCTAssertEqual(portal.post("\(base)/milestones/\(id)/delete", form: [], as: staff).status, 303)
        XCTAssertFalse(portal.get(overview).contains("تقييم شهري"))
    }

    /// Larache's report counts its first workshop's proposals by what became of them (seed 001):
    /// the event form shows those counts and records them, by status, for the whole event.
    func testEventProposalsCountedByStatus() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "larache")
        let larache = "/admin/fr/communes/larache/programs/2024-2025/events/31"
        let form = portal.get(larache, as: staff)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains("Propositions par suite donnée"))
        for (status, count) in [("accepted", 15), ("integrated", 6), ("processing", 8)] {
            XCTAssertTrue(form.contains(#"name="status_\#(status)""#) && form.contains(#"id="status_\#(status)""#), status)
            XCTAssertNotNil(form.body.range(of: #"name="status_\#(status)"[^>]*value="\#(count)""#, options: .regularExpression), status)
        }
        var fields: [(String, String)] = [("kind", "co-preparation-workshop"), ("channel", "workshop"), ("title_ar", "اللقاء الأول للمشاركة المواطنة"),
                                          ("date", "2023-03-21"), ("participants", "70"), ("women", "40"), ("associations", "18"), ("proposals_total", "29"),
                                          ("status_accepted", "15"), ("status_integrated", "6"), ("status_processing", "8"), ("status_rejected", "عشرة"),
                                          ("agenda_rows", "0")]
        let bad = portal.post(larache, form: fields, as: staff)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains(#"value="عشرة""#), "typed value kept")
        fields = formFields(fields, [("status_rejected", "1"), ("status_processing", "")])
        XCTAssertEqual(portal.post(larache, form: fields, as: staff).status, 303)
        let counts = try portal.site.database.read {
            try $0.query("SELECT status, count FROM event_proposal_counts WHERE event_id = 31 AND status IS NOT NULL ORDER BY status")
                .map { "\(try $0.string("status")):\(try $0.int("count"))" }
        }
        XCTAssertEqual(counts, ["accepted:15", "integrated:6", "rejected:1"], "processing emptied = removed, rejected added")
        XCTAssertEqual(try audit(portal, "event_proposal_count").map { try $0.string("action") }.sorted(), ["create", "delete"])
    }

    func testEventFiguresCountsAndAgenda() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let participation = "/fr/communes/settat/programs/2024-2025/participation"
        let form = portal.get("\(base)/events/11", as: staff)
        XCTAssertTrue(form.contains("value=\"43\"") && form.contains("value=\"22\""), "stored figures shown")
        XCTAssertTrue(form.contains("name=\"axis_13\"") && form.contains("value=\"5\""), "per-axis counts shown")

        var fields: [(String, String)] = [
            ("kind", "co-preparation-workshop"), ("channel", "workshop"), ("milestone_id", "104"), ("title_ar", "الورشة الأولى"),
            ("title_fr", "Premier atelier"), ("date", "2023-05-17"),
            ("description_ar", "تنظيم اللقاء التشاوري حول برنامج عمل الانفتاح بجماعة سطات"),
            ("description_fr", "Organisation de la rencontre consultative sur le plan d'action d'ouverture de la commune de Settat"), ("participants", "45"), ("women", "٥٠"), ("associations", "7"),
            ("equality_body_members", "11"), ("proposals_total", "15"), ("axis_13", "6"), ("axis_11", "4"), ("axis_14", "3"), ("axis_12", ""),
            ("agenda_rows", "3"), ("agenda_1_time_start", "09:30"), ("agenda_1_time_end", "10:00"), ("agenda_1_text_ar", "استقبال المشاركين"),
            ("agenda_2_time_start", "25:00"), ("agenda_2_text_ar", "كلمة افتتاحية"),
        ]
        let bad = portal.post("\(base)/events/11", form: fields, as: staff)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains("هذا العدد أكبر من عدد المشاركين"), "women over participants")
        XCTAssertTrue(bad.contains("وقت غير صالح"), "bad agenda time")
        XCTAssertTrue(bad.contains("value=\"٥٠\"") && bad.contains("value=\"كلمة افتتاحية\""), "typed values kept")

        fields = formFields(fields, [("women", "٢٣"), ("agenda_2_time_start", "10:00")])
        let saved = portal.post("\(base)/events/11", form: fields, as: staff)
        XCTAssertEqual(saved.status, 303, saved.body)
        let counts = try portal.site.database.read {
            try $0.query("SELECT axis_id, count FROM event_proposal_counts WHERE event_id = 11 AND axis_id IS NOT NULL ORDER BY axis_id")
                .map { "\(try $0.int("axis_id")):\(try $0.int("count"))" }
        }
        XCTAssertEqual(counts, ["11:4", "13:6", "14:3"], "axis 12 emptied = removed, axis 13 changed")
        let row = try XCTUnwrap(try portal.site.database.read { try $0.queryOne("SELECT participants, women, associations FROM events WHERE id = 11") })
        XCTAssertEqual([try row.int("participants"), try row.int("women"), try row.int("associations")], [45, 23, 7])
        let entries = try audit(portal, "event").map { "\(try $0.optionalString("field") ?? ""):\(try $0.optionalString("before") ?? "-")>\(try $0.optionalString("after") ?? "-")" }
        XCTAssertEqual(entries.sorted(), ["associations:->7", "participants:43>45", "proposals_total:14>15", "women:22>23"])
        XCTAssertEqual(try audit(portal, "event_proposal_count").map { try $0.string("action") }.sorted(), ["delete", "update"])
        XCTAssertEqual(try audit(portal, "event_agenda_item").filter { try $0.optionalString("field") == "text_ar" }.count, 2)
        let publicPage = portal.get(participation)
        XCTAssertTrue(publicPage.contains(">45<"), "participants on the public participation page")

        // The agenda: a row emptied is removed; a new event gets its own counts.
        fields = formFields(fields, [("agenda_1_time_start", ""), ("agenda_1_time_end", ""), ("agenda_1_text_ar", "")])
        XCTAssertEqual(portal.post("\(base)/events/11", form: fields, as: staff).status, 303)
        let agenda = try portal.site.database.read { try $0.query("SELECT position, text_ar FROM event_agenda_items WHERE event_id = 11 ORDER BY position").map { try $0.string("text_ar") } }
        XCTAssertEqual(agenda, ["كلمة افتتاحية"])

        let created = portal.post("\(base)/events/new", form: [("kind", "consultation-workshop"), ("channel", "platform"), ("title_ar", "استشارة رقمية ثانية"),
                                                               ("date", "2023-07-10/2023-07-20"), ("axis_11", "9"), ("agenda_rows", "0")], as: staff)
        XCTAssertEqual(created.status, 303)
        let newID = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM events WHERE title_ar = 'استشارة رقمية ثانية'", as: Int.self) })
        XCTAssertEqual(created.headers["Location"], "\(base)/events/\(newID)?notice=notice.saved")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT channel FROM event_proposal_counts WHERE event_id = ?", [newID], as: String.self) }, "platform")
        XCTAssertTrue(portal.get("\(base)/events", as: staff).contains("استشارة رقمية ثانية"))
        XCTAssertEqual(portal.post("\(base)/events/\(newID)/delete", form: [], as: staff).status, 303)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM event_proposal_counts WHERE event_id = ?", [newID], as: Int.self) }, 0)
        XCTAssertEqual(try audit(portal, "event").last?.string("action"), "delete")
    }

    func testSharedPartners() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let list = portal.get("\(base)/partners", as: staff)
        XCTAssertTrue(list.contains("المديرية العامة للجماعات الترابية") && list.contains("DGCT"))

        let duplicate = portal.post("\(base)/partners", form: [("name_ar", "مؤسسة ENABEL"), ("short_name", "EN")], as: staff)
        XCTAssertEqual(duplicate.status, 422)
        XCTAssertTrue(duplicate.contains("يوجد شريك بهذا الاسم العربي") && duplicate.contains("value=\"EN\""))

        XCTAssertEqual(portal.post("\(base)/partners", form: [("name_ar", "جمعية الأمل"), ("name_fr", "Association Al Amal"), ("short_name", "AAA")], as: staff).status, 303)
        let id = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM partners WHERE name_ar = 'جمعية الأمل'", as: Int.self) })
        XCTAssertEqual(portal.post("\(base)/partners/\(id)", form: [("name_ar", "جمعية الأمل للتنمية"), ("name_fr", "Association Al Amal"), ("short_name", "")], as: staff).status, 303)
        let updates = try audit(portal, "partner").filter { try $0.string("action") == "update" }.map { try $0.string("field") }
        XCTAssertEqual(updates.sorted(), ["name_ar", "short_name"])
        XCTAssertEqual(portal.post("\(base)/partners/\(id)", form: [("name_ar", "مؤسسة ENABEL")], as: staff).status, 422, "renaming onto another partner")

        // A used partner: refused, with where it is named; the public project card still shows it.
        let used = try XCTUnwrap(try portal.site.database.read {
            try $0.queryOne("SELECT pp.partner_id, p.number FROM project_partners pp JOIN projects p ON p.id = pp.project_id WHERE p.program_id = 1 ORDER BY p.number LIMIT 1")
        })
        let usedNumber = try used.int("number")
        let refused = portal.post("\(base)/partners/\(try used.int("partner_id"))/delete", form: [], as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("لا يمكن حذف") && refused.contains("2024-2025 · المشروع \(usedNumber)"), refused.body)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM partners WHERE id = ?", [try used.int("partner_id")], as: Int.self) }, 1)

        // Renaming shows on the public project card at once.
        let partnerID = try used.int("partner_id")
        let name = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT name_ar FROM partners WHERE id = ?", [partnerID], as: String.self) })
        XCTAssertEqual(portal.post("\(base)/partners/\(partnerID)", form: [("name_ar", name + " (محين)")], as: staff).status, 303)
        XCTAssertTrue(portal.get("\(overview)/projects/\(try used.int("number"))").contains(name + " (محين)"))

        XCTAssertEqual(portal.post("\(base)/partners/\(id)/delete", form: [], as: staff).status, 303)
        XCTAssertEqual(try audit(portal, "partner").last?.string("action"), "delete")
        XCTAssertEqual(try audit(portal, "partner").last?.int("commune_id"), 1)
    }
}

/// No admin form stores a text long enough to make a public page balloon (issue 15, finding 4).
final class FieldLimitTests: XCTestCase {
    func testOverlongAdminTextsAreRefusedNextToTheFieldOrAtTheDoor() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let milestones = "/admin/fr/communes/settat/programs/2024-2025/milestones"
        let long = String(repeating: "ب", count: 600)
        let refused = portal.post(milestones, form: [("kind", "other"), ("title_ar", long), ("date", "2023-06-01")], as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("Texte trop long : 500 caractères au plus."), "named next to the field")
        XCTAssertTrue(refused.contains(long), "what was typed comes back")
        let huge = String(repeating: "x", count: 100_000)
        XCTAssertEqual(portal.post(milestones, form: [("kind", "other"), ("title_ar", huge)], as: staff).status, 413, "refused at the door")
        let editor = portal.post("/admin/fr/communes/settat/programs/2024-2025/axes/new", form: [("number", "9"), ("title_ar", long)], as: staff)
        XCTAssertNotEqual(editor.status, 303)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM milestones WHERE length(title_ar) > 500", as: Int.self) }, 0)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM axes WHERE length(title_ar) > 500", as: Int.self) }, 0)
        XCTAssertEqual(FieldLimit.maximum(for: "description_ar"), 10_000)
        XCTAssertEqual(FieldLimit.maximum(for: "title_fr"), 500)
    }
}
