import Foundation
import SQLite
import XCTest
@testable import Portal

/// Paper proposals of a workshop typed in at once: blank rows ignored, every row checked
/// before any is saved, each refusal naming its row; saved rows are proposals like any other.
final class TriageWorkshopTests: XCTestCase {
    let settat = "/admin/fr/communes/settat/programs/2024-2025/proposals/workshop"

    private func workshopProposals(_ portal: Portal, program: Int) throws -> [Row] {
        try portal.site.database.read {
            try $0.query("SELECT * FROM proposals WHERE program_id = ? AND channel = 'workshop' ORDER BY id", [program])
        }
    }

    func testRowsAreSavedAllOrNothingWithTheirRowNumbers() throws {
        let portal = try Portal()
        // Without its documented June call, Settat is a program with no call at all.
        try portal.site.database.write { try $0.run("DELETE FROM calls WHERE program_id = 1") }
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let form = portal.get(settat, as: staff)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains(#"<option value="11">Premier atelier"#), "the program's events")
        XCTAssertTrue(form.contains(#"name="text_10""#) && !form.contains(#"name="text_11""#), "ten rows by default")
        XCTAssertTrue(portal.get(settat + "?rows=30", as: staff).contains(#"name="text_30""#))
        XCTAssertTrue(form.contains(#"aria-current="page">Propositions d&#39;atelier</a>"#) || form.contains(#"aria-current="page">Propositions d'atelier</a>"#))

        let rows: [(String, String)] = [
            ("rows", "10"), ("event", "11"),
            ("axis_1", "11"), ("text_1", "Publier le budget participatif en arabe\nsur le site et à la mairie"), ("status_1", "accepted"),
            ("axis_2", ""), ("text_2", "Une application pour les réclamations"), ("status_2", "processing"),
            ("axis_3", "13"), ("text_3", "Wifi gratuit au centre-ville"), ("status_3", "rejected"), ("reason_3", ""),
            ("axis_4", "14"), ("text_4", "Un conseil des jeunes"), ("status_4", "integrated"), ("project_4", "51"),
            ("axis_5", "12"), ("text_5", ""), ("status_5", "processing"),
        ]
        let refused = portal.post(settat, form: rows, as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("<li>Ligne 2 : choisissez un axe.</li>"), refused.body)
        XCTAssertTrue(refused.contains("<li>Ligne 3 : indiquez pourquoi la proposition n&#39;est pas retenue.</li>"))
        XCTAssertTrue(refused.contains("<li>Ligne 4 : choisissez le projet auquel la proposition est intégrée.</li>"), "project 51 is the sandbox's")
        XCTAssertTrue(refused.contains(#"<p class="field-error" id="axis_2-error">Ligne 2 : choisissez un axe.</p>"#))
        XCTAssertFalse(refused.contains("<li>Ligne 5"), "a row without text is blank")
        XCTAssertFalse(refused.contains("<li>Ligne 1 "))
        XCTAssertTrue(refused.contains(">Une application pour les réclamations</textarea>"), "typed text kept")
        XCTAssertTrue(refused.contains(#"<option value="11" selected>Premier atelier"#))
        XCTAssertEqual(try workshopProposals(portal, program: 1).count, 0, "nothing saved while a row is wrong")

        let fixed = formFields(rows, [("axis_2", "13"), ("reason_3", "Hors compétence de la commune"), ("project_4", "11")])
        let saved = portal.post(settat, form: fixed, as: staff)
        XCTAssertEqual(saved.status, 303, saved.body)
        let stored = try workshopProposals(portal, program: 1)
        XCTAssertEqual(stored.count, 4)
        XCTAssertEqual(try stored.map { try $0.string("status") }, ["accepted", "processing", "rejected", "integrated"])
        XCTAssertEqual(try stored.map { try $0.optionalInt("event_id") }, [11, 11, 11, 11])
        XCTAssertEqual(try stored[0].string("title"), "Publier le budget participatif en arabe")
        XCTAssertEqual(try stored[0].string("description"), "Publier le budget participatif en arabe\nsur le site et à la mairie")
        XCTAssertEqual(try stored[2].optionalString("rejection_reason"), "Hors compétence de la commune")
        XCTAssertEqual(try stored[3].optionalInt("integrated_project_id"), 11)
        for row in stored {
            let code = try row.string("tracking_code")
            XCTAssertEqual(TrackingCode.canonical(code), code)
            XCTAssertNil(try row.optionalString("remote_address"))
        }
        // Settat had no call: the rows joined a closed workshop call made from the event, which never opens the public form.
        let call = try XCTUnwrap(try portal.site.database.read { try $0.queryOne("SELECT * FROM calls WHERE id = ?", [try stored[0].int("call_id")]) })
        XCTAssertEqual(try call.string("channel"), "workshop")
        XCTAssertEqual(try call.string("opens_at"), "2023-05-17T00:00:00Z")
        XCTAssertEqual(try call.string("closes_at"), "2023-05-18T00:00:00Z")
        XCTAssertFalse(portal.get("/fr/communes/settat/programs/2024-2025/proposals/new").contains(#"name="title""#))

        // Public at once: the list by channel, the tracking pages, the project card.
        let list = portal.get("/fr/communes/settat/programs/2024-2025/proposals?channel=workshop")
        XCTAssertTrue(list.contains("4 propositions correspondent aux filtres."), list.body)
        XCTAssertTrue(list.contains("Wifi gratuit au centre-ville"))
        let tracking = portal.get("/fr/proposals/\(try stored[2].string("tracking_code"))")
        XCTAssertTrue(tracking.contains("Non retenue") && tracking.contains("Hors compétence de la commune"))
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025/projects/1").contains("Un conseil des jeunes"))

        // Audited: one entry per proposal, one for the call.
        let entries = try portal.site.database.read {
            try $0.query("SELECT entity, action FROM audit_log WHERE program_id = 1 AND user_id = ? ORDER BY id", [staff.userID])
        }
        XCTAssertEqual(try entries.map { "\(try $0.string("action")) \(try $0.string("entity"))" },
                       ["create call"] + Array(repeating: "create proposal", count: 4))

        // A second workshop joins the same call.
        XCTAssertEqual(portal.post(settat, form: [("rows", "1"), ("event", "11"), ("axis_1", "11"), ("text_1", "Encore une idée"), ("status_1", "processing")], as: staff).status, 303)
        XCTAssertEqual(Set(try workshopProposals(portal, program: 1).map { try $0.int("call_id") }).count, 1)
    }

    func testTheEventAndOneRowAreRequired() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let path = "/admin/ar/communes/demo/programs/2025-2026/proposals/workshop"
        var page = portal.post(path, form: [("rows", "3"), ("event", ""), ("axis_1", "51"), ("text_1", "فكرة"), ("status_1", "processing")], as: committee)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains("اختر الورشة التي جمعت فيها هذه المقترحات."))
        page = portal.post(path, form: [("rows", "3"), ("event", "11"), ("axis_1", "51"), ("text_1", "فكرة"), ("status_1", "processing")], as: committee)
        XCTAssertEqual(page.status, 422, "Settat's event is not the sandbox's")
        page = portal.post(path, form: [("rows", "3"), ("event", "")], as: committee)
        XCTAssertTrue(page.contains("املأ سطرا واحدا على الأقل."))
        page = portal.post(path, form: [("rows", "2"), ("event", ""), ("axis_1", "51"), ("text_1", String(repeating: "ا", count: 5001)), ("status_1", "done")], as: committee)
        XCTAssertTrue(page.contains("<li>السطر 1: النص طويل جدا ("), page.body)
        XCTAssertTrue(page.contains("السطر 1: اختر إحدى الحالات المقترحة."))
        XCTAssertEqual(try portal.proposalCount(), 0)

        // The sandbox has an ideas call: workshop rows join it.
        let event: Int = try portal.site.database.write { db in
            try db.run("""
                INSERT INTO events (program_id, kind, channel, title_ar, date_start, date_precision)
                VALUES (5, 'co-preparation-workshop', 'workshop', 'ورشة تجريبية', '2026-01-10', 'day')
                """)
            return Int(db.lastInsertRowID)
        }
        page = portal.post(path, form: [("rows", "3"), ("event", String(event)), ("axis_2", "52"), ("text_2", "فكرة من الورشة"), ("status_2", "processing")], as: committee)
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.headers["Location"], path + "?notice=notice.triage.workshop_saved")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT call_id FROM proposals WHERE channel = 'workshop'", as: Int.self) }, 501)
        XCTAssertTrue(portal.get("/admin/ar/communes/demo/programs/2025-2026/proposals?channel=workshop", as: committee).contains("فكرة من الورشة"))
        // Council members and other communes' staff may not.
        let council = try portal.signIn(.council, commune: "demo")
        XCTAssertEqual(portal.get(path, as: council).status, 403)
        XCTAssertEqual(portal.post(settat, form: [("rows", "1")], as: committee).status, 403)
    }
}
