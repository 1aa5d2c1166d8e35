import Foundation
import XCTest
import SQLite
@testable import Portal

/// Calls run by the commune from the admin area (issue 12): the Calls tab, its rules checked in
/// the form and again in the store, the lifecycle steps that open and close the comments call,
/// and the pages whose cache ends when a call opens or closes.
final class CallAdminTests: XCTestCase {
    let beniMellal = "/admin/fr/communes/beni-mellal/programs/2024-2025/calls"
    let demo = "/admin/fr/communes/demo/programs/2025-2026/calls"

    func call(_ portal: Portal, _ sql: String, _ values: [any SQLBindable] = []) throws -> Row? {
        try portal.site.database.read { try $0.queryOne(sql, values) }
    }

    func form(_ overrides: [(String, String)] = []) -> [(String, String)] {
        var fields: [String: String] = ["kind": "ideas", "channel": "platform", "title_ar": "إعلان تلقي الأفكار",
                                        "title_fr": "Appel à idées de Béni Mellal", "announcement_ar": "ينهي رئيس المجلس الجماعي إلى عموم المواطنين",
                                        "opens_on": "2027-06-09", "opens_time": "00:00", "closes_on": "2027-06-14", "closes_time": "23:59"]
        for (name, value) in overrides { fields[name] = value }
        return fields.sorted { $0.key < $1.key }
    }

    func testAFocalPointOpensACallInMoroccoTimeAndItIsAudited() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "beni-mellal")
        let empty = portal.get(beniMellal, as: focal)
        XCTAssertEqual(empty.status, 200)
        XCTAssertTrue(empty.contains("Aucun appel pour ce programme."))
        XCTAssertTrue(empty.contains(#"aria-current="page">Appels</a>"#), "the Calls tab")
        let new = portal.get(beniMellal + "/new", as: focal)
        XCTAssertTrue(new.contains(#"<option value="ideas" selected>"#), "ideas by default in co-preparation")

        let saved = portal.post(beniMellal + "/new", form: form(), as: focal)
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(saved.headers["Location"], beniMellal + "?notice=notice.saved")
        let row = try XCTUnwrap(try call(portal, "SELECT * FROM calls WHERE program_id = 4"))
        // June in Morocco is UTC+1: midnight on the 9th is 23:00 UTC on the 8th.
        XCTAssertEqual(try row.string("opens_at"), "2027-06-08T23:00:00Z")
        XCTAssertEqual(try row.string("closes_at"), "2027-06-14T22:59:00Z")
        XCTAssertEqual(try row.string("kind"), "ideas")
        let id = try row.int("id")
        let audited = try portal.site.database.read {
            try $0.query("SELECT field, after FROM audit_log WHERE entity = 'call' AND entity_id = ? AND action = 'create'", [id])
        }
        XCTAssertEqual(Set(try audited.map { try $0.string("field") }), ["kind", "channel", "title_ar", "title_fr", "announcement_ar", "opens_at", "closes_at"])

        let list = portal.get(beniMellal, as: focal)
        XCTAssertTrue(list.contains("À venir"))
        XCTAssertTrue(list.contains("<h3>") && list.contains("Appel à idées de Béni Mellal</"), "each call's title")
        XCTAssertTrue(list.contains("9 juin 2027 à 00:00"), String(list.body.suffix(3000)))
        XCTAssertTrue(list.contains("14 juin 2027 à 23:59"))
        // The edit form shows the window as it was typed, in Morocco time.
        let edit = portal.get(beniMellal + "/\(id)", as: focal)
        XCTAssertTrue(edit.contains(#"value="2027-06-09""#) && edit.contains(#"value="00:00""#) && edit.contains(#"value="23:59""#))
        // Citizens see it on the program page and on its timeline.
        let page = portal.get("/fr/communes/beni-mellal/programs/2024-2025")
        XCTAssertTrue(page.contains("Appels à participation") && page.contains("Appel à idées de Béni Mellal"))
    }

    func testBadInputComesBackWithTheProblemNextToTheField() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "beni-mellal")
        let backwards = portal.post(beniMellal + "/new", form: form([("closes_on", "2027-06-01")]), as: focal)
        XCTAssertEqual(backwards.status, 422)
        XCTAssertTrue(backwards.contains(#"<p class="field-error" id="closes_on-error">La clôture doit venir après l&#39;ouverture.</p>"#), backwards.body)
        XCTAssertTrue(backwards.contains(#"value="2027-06-01""#) && backwards.contains("ينهي رئيس المجلس الجماعي إلى عموم المواطنين</textarea>"),
                      "what was typed comes back")
        let badDay = portal.post(beniMellal + "/new", form: form([("opens_on", "2027-02-30"), ("closes_time", "25:00"), ("title_ar", "")]), as: focal)
        XCTAssertEqual(badDay.status, 422)
        XCTAssertTrue(badDay.contains(#"id="opens_on-error""#) && badDay.contains(#"id="closes_time-error""#) && badDay.contains(#"id="title_ar-error""#))
        // The summary says which day and which time: the opening's or the closing's.
        XCTAssertTrue(badDay.contains(##"<a href="#opens_on">Ouverture · Jour (AAAA-MM-JJ)"##), badDay.body)
        XCTAssertTrue(badDay.contains(##"<a href="#closes_time">Clôture · Heure (HH:MM, heure du Maroc)"##))
        // A comments call needs a program in consultation (Béni Mellal is in co-construction).
        let comments = portal.post(beniMellal + "/new", form: form([("kind", "draft-comments")]), as: focal)
        XCTAssertEqual(comments.status, 422)
        XCTAssertTrue(comments.contains("seulement pendant la consultation") || comments.contains("n&#39;est possible que pendant la consultation publique"))
        XCTAssertTrue(comments.contains("« En co-construction »"), comments.body)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM calls WHERE program_id = 4", as: Int.self) }, 0)
        // Arabic messages on Arabic pages.
        let arabic = portal.post("/admin/ar/communes/beni-mellal/programs/2024-2025/calls/new", form: form([("closes_on", "2027-06-01")]), as: focal)
        XCTAssertTrue(arabic.contains("يجب أن يكون الإغلاق بعد الافتتاح."))
    }

    /// The axes a call may name are listed with their titles (they once rendered as "1. " alone).
    func testTheCallFormNamesEachAxis() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let titles = try portal.site.database.read {
            try $0.query("""
                SELECT a.title_ar, a.title_fr FROM axes a JOIN programs p ON p.id = a.program_id JOIN communes c ON c.id = p.commune_id
                WHERE c.slug = 'demo' AND p.period = '2025-2026' ORDER BY a.number
                """).map { try Localized($0, "title").text(.fr) }
        }
        XCTAssertFalse(titles.isEmpty)
        let page = portal.get("/admin/fr/communes/demo/programs/2025-2026/calls/new", as: focal)
        XCTAssertEqual(page.status, 200)
        for title in titles { XCTAssertTrue(page.contains(title.replacingOccurrences(of: "'", with: "&#39;")), title) }
        XCTAssertNil(page.body.range(of: #"\d\. </label>"#, options: .regularExpression), "an axis without its title")
    }

    func testTwoCallsOfOneKindNeverOverlapInTheFormTheStoreOrTheSchema() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "beni-mellal")
        XCTAssertEqual(portal.post(beniMellal + "/new", form: form(), as: focal).status, 303)
        let overlap = portal.post(beniMellal + "/new", form: form([("opens_on", "2027-06-14"), ("closes_on", "2027-06-20")]), as: focal)
        XCTAssertEqual(overlap.status, 422)
        XCTAssertTrue(overlap.contains("chevauche celle de l&#39;appel « إعلان تلقي الأفكار »"), overlap.body)
        // Right after it is fine.
        XCTAssertEqual(portal.post(beniMellal + "/new", form: form([("opens_on", "2027-06-15"), ("closes_on", "2027-06-20")]), as: focal).status, 303)
        // The store checks again, whoever calls it; the schema's trigger is the last line.
        let program = try portal.site.database.read { try LifecycleStore.program($0, communeID: 4, period: "2024-2025") }
        let words = CallStore.Words(date: { Call.utcText($0) }, state: { $0.rawValue })
        let draft = CallStore.Draft(kind: "ideas", channel: "platform", title: Localized(arabic: "نداء", french: nil), announcement: nil,
                                    axisIDs: [], opensAt: try Call.parse("2027-06-10T00:00:00Z"), closesAt: try Call.parse("2027-06-11T00:00:00Z"))
        XCTAssertThrowsError(try portal.site.database.write { db in
            try CallStore.create(db, program: program, draft: draft, audit: Audit(userID: focal.userID, userName: "x", at: Date()), words: words)
        }) { XCTAssertEqual(($0 as? CallStore.Problem)?.key, "calls.error.overlap") }
        XCTAssertThrowsError(try portal.site.database.write { db in
            try db.run("INSERT INTO calls (program_id, kind, title_ar, opens_at, closes_at) VALUES (4, 'ideas', 'x', '2027-06-10T00:00:00Z', '2027-06-11T00:00:00Z')")
        })
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM calls WHERE program_id = 4", as: Int.self) }, 2)
    }

    func testACallWithProposalsKeepsThemInsideItsWindowAndCannotBeDeleted() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let opened = try XCTUnwrap(try call(portal, "SELECT opens_at FROM calls WHERE id = 501")).string("opens_at")
        let sent = Call.utcText(try Call.parse(opened).addingTimeInterval(3600))
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', 'Une idée', 'Une description.', 'platform', ?, ?)
                """, [TrackingCode.make(), sent])
        }
        let edit = portal.get(demo + "/501", as: focal)
        XCTAssertTrue(edit.contains("Cet appel a reçu 1 proposition : son type ne change plus, et sa fenêtre doit continuer à la contenir."))
        let sentDate = try Call.parse(sent)
        let later = MoroccoTime.day(sentDate.addingTimeInterval(86_400))
        let tooLate = portal.post(demo + "/501", form: form([("opens_on", later), ("closes_on", MoroccoTime.day(sentDate.addingTimeInterval(10 * 86_400)))]), as: focal)
        XCTAssertEqual(tooLate.status, 422)
        XCTAssertTrue(tooLate.contains(#"id="opens_on-error">Une proposition a été reçue le"#), tooLate.body)
        let early = MoroccoTime.day(sentDate.addingTimeInterval(-2 * 86_400))
        let tooEarly = portal.post(demo + "/501", form: form([("opens_on", early), ("closes_on", early), ("closes_time", "23:59")]), as: focal)
        XCTAssertEqual(tooEarly.status, 422)
        XCTAssertTrue(tooEarly.contains(#"id="closes_on-error">Une proposition a été reçue le"#), tooEarly.body)
        let kind = portal.post(demo + "/501", form: form([("kind", "draft-comments"), ("opens_on", early),
                                                          ("closes_on", MoroccoTime.day(sentDate.addingTimeInterval(40 * 86_400)))]), as: focal)
        XCTAssertEqual(kind.status, 422)
        XCTAssertTrue(kind.contains("son type ne peut plus changer"))

        let delete = portal.post(demo + "/501/delete", form: [], as: focal)
        XCTAssertEqual(delete.status, 409)
        XCTAssertTrue(delete.contains("Cet appel a reçu 1 proposition : il ne peut pas être supprimé."))
        // In Arabic, one proposal is "مقترحا واحدا", and the window holds "it" (له), not "them".
        let arabic = demo.replacingOccurrences(of: "/admin/fr/", with: "/admin/ar/")
        XCTAssertTrue(portal.get(arabic + "/501", as: focal).contains("تلقى هذا النداء مقترحا واحدا: لم يعد نوعه قابلا للتغيير، ويجب أن تبقى مدته شاملة له."))
        XCTAssertTrue(portal.post(arabic + "/501/delete", form: [], as: focal).contains("تلقى هذا النداء مقترحا واحدا: لا يمكن حذفه. يمكنكم إغلاقه."))
        XCTAssertNotNil(try call(portal, "SELECT id FROM calls WHERE id = 501"))
        // The comments call has none: it goes, audited.
        XCTAssertEqual(portal.post(demo + "/502/delete", form: [], as: focal).status, 303)
        XCTAssertNil(try call(portal, "SELECT id FROM calls WHERE id = 502"))
        XCTAssertNotNil(try call(portal, "SELECT id FROM audit_log WHERE entity = 'call' AND entity_id = 502 AND action = 'delete'"))
        XCTAssertEqual(portal.post(demo + "/999999/delete", form: [], as: focal).status, 404)
    }

    func testCloseNowThenExtendReopens() throws {
        let portal = try Portal()
        // A few seconds after the demo's calls opened (the store keeps whole seconds).
        portal.site.clock.set { Date().addingTimeInterval(5) }
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let before = try XCTUnwrap(try call(portal, "SELECT closes_at FROM calls WHERE id = 501")).string("closes_at")
        XCTAssertEqual(portal.post(demo + "/501/close", form: [], as: focal).status, 303)
        let closed = try XCTUnwrap(try call(portal, "SELECT * FROM calls WHERE id = 501"))
        XCTAssertEqual(try closed.optionalString("closed_early"), "closed-now")
        XCTAssertEqual(try closed.optionalString("planned_closes_at"), before)
        XCTAssertLessThanOrEqual(try Call.parse(closed.string("closes_at")), Date().addingTimeInterval(6))
        let list = portal.get(demo, as: focal)
        XCTAssertTrue(list.contains("Clôturé avant la date annoncée par le point focal"))
        XCTAssertFalse(portal.get("/fr/communes/demo/programs/2025-2026/proposals/new").contains(#"name="title""#), "the form is gone")
        XCTAssertEqual(portal.post(demo + "/501/close", form: [], as: focal).status, 409, "only an open call closes now")

        let earlier = portal.post(demo + "/501/extend", form: [("closes_on", "2020-01-01"), ("closes_time", "10:00")], as: focal)
        XCTAssertEqual(earlier.status, 422)
        XCTAssertTrue(earlier.contains("La nouvelle clôture doit être après la clôture actuelle"))
        XCTAssertTrue(earlier.contains(#"value="2020-01-01""#), "the typed date comes back")
        let future = MoroccoTime.day(Date().addingTimeInterval(20 * 86_400))
        XCTAssertEqual(portal.post(demo + "/501/extend", form: [("closes_on", future), ("closes_time", "18:00")], as: focal).status, 303)
        let reopened = try XCTUnwrap(try call(portal, "SELECT * FROM calls WHERE id = 501"))
        XCTAssertNil(try reopened.optionalString("closed_early"))
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026/proposals/new").contains(#"name="title""#), "open again")
        let audit = try portal.site.database.read {
            try $0.query("SELECT field FROM audit_log WHERE entity = 'call' AND entity_id = 501 ORDER BY id").map { try $0.string("field") }
        }
        XCTAssertEqual(audit, ["closes_at", "closed_early", "closes_at"])
    }

    func testLeavingConsultationForTheDraftClosesTheCommentsCallAndTheStepToConsultationCanOpenOne() throws {
        let portal = try Portal()
        portal.site.clock.set { Date().addingTimeInterval(5) }
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let lifecycle = "/admin/fr/communes/demo/programs/2025-2026/lifecycle"
        XCTAssertEqual(portal.post(lifecycle + "/to/draft", form: [("date", MoroccoTime.day(Date()))], as: focal).status, 303)
        let comments = try XCTUnwrap(try call(portal, "SELECT * FROM calls WHERE id = 502"))
        XCTAssertEqual(try comments.optionalString("closed_early"), "back-to-draft")
        XCTAssertNil(try call(portal, "SELECT id FROM calls WHERE id = 501 AND closed_early IS NOT NULL"), "the ideas call stays open in draft")
        XCTAssertNotNil(try call(portal, "SELECT id FROM audit_log WHERE entity = 'call' AND entity_id = 502 AND field = 'closed_early' AND after = 'back-to-draft'"))
        XCTAssertTrue(portal.get(demo, as: focal).contains("Clôturé quand le programme est revenu au brouillon"))
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026").contains("clôturé quand le projet de programme est revenu au brouillon"),
                      "said on the public page too")
        XCTAssertEqual(portal.get("/fr/communes/demo/programs/2025-2026/projects/1/observations/new").status, 200)
        XCTAssertFalse(portal.get("/fr/communes/demo/programs/2025-2026/projects/1/observations/new").contains(#"name="problem""#))

        // The step back to consultation offers the comments call, checked by default.
        let step = portal.get(lifecycle + "/to/consultation", as: focal)
        XCTAssertTrue(step.contains(#"name="open_call" value="1" checked"#))
        XCTAssertTrue(step.contains(#"value="Consultation publique sur le projet de programme d&#39;ouverture""#))
        // A call that cannot be stored stops the whole step: nothing is written.
        let transitions = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM program_transitions", as: Int.self) }
        let refused = portal.post(lifecycle + "/to/consultation", form: [("date", MoroccoTime.day(Date())), ("open_call", "1"),
                                                                        ("kind", "draft-comments"), ("channel", "platform"),
                                                                        ("title_ar", "استشارة"), ("opens_on", MoroccoTime.day(Date())),
                                                                        ("opens_time", "00:00"), ("closes_on", ""), ("closes_time", "23:59")], as: focal)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains(#"id="closes_on-error""#))
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM programs WHERE id = 5", as: String.self) }, "draft")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM program_transitions", as: Int.self) }, transitions)

        let closes = MoroccoTime.day(Date().addingTimeInterval(15 * 86_400))
        let moved = portal.post(lifecycle + "/to/consultation", form: [("date", MoroccoTime.day(Date())), ("open_call", "1"),
                                                                      ("kind", "draft-comments"), ("channel", "platform"),
                                                                      ("title_ar", "استشارة ثانية"), ("title_fr", "Deuxième consultation"),
                                                                      ("opens_on", MoroccoTime.day(Date().addingTimeInterval(86_400))), ("opens_time", "08:00"),
                                                                      ("closes_on", closes), ("closes_time", "23:59")], as: focal)
        XCTAssertEqual(moved.status, 303, moved.body)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM programs WHERE id = 5", as: String.self) }, "consultation")
        let second = try XCTUnwrap(try call(portal, "SELECT * FROM calls WHERE program_id = 5 AND title_ar = 'استشارة ثانية'"))
        XCTAssertEqual(try second.string("kind"), "draft-comments")
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026").contains("Deuxième consultation"), "on the public page and its timeline")
    }

    func testTheDemoCallsObeyTheRules() throws {
        let portal = try Portal()
        try portal.site.database.read { db in
            let programs = try db.query("SELECT id, status FROM programs").map { (id: try $0.int("id"), state: ProgramState(rawValue: try $0.string("status"))!) }
            let now = Date()
            for program in programs {
                let calls = try CallStore.all(db, programID: program.id)
                for call in calls where call.state(at: now) != .closed {
                    XCTAssertTrue(CallStore.acceptingStates(call.kind).contains(program.state), "call \(call.id) in \(program.state)")
                }
                for a in calls {
                    for b in calls where a.id < b.id && a.kind == b.kind {
                        XCTAssertFalse(a.opensAt < b.closesAt && b.opensAt < a.closesAt, "calls \(a.id) and \(b.id) overlap")
                    }
                }
            }
            // Settat's documented window: Friday 9 June to Wednesday 14 June 2023, Morocco time.
            let settat = try XCTUnwrap(try CallStore.all(db, programID: 1).first)
            XCTAssertEqual(MoroccoTime.day(settat.opensAt), "2023-06-09")
            XCTAssertEqual(MoroccoTime.day(settat.closesAt.addingTimeInterval(-1)), "2023-06-14")
        }
    }

    func testAPageShowingACallChangesTheMomentItOpensWithoutAWrite() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "beni-mellal")
        XCTAssertEqual(portal.post(beniMellal + "/new", form: form(), as: focal).status, 303)
        let opens = try Call.parse("2027-06-08T23:00:00Z")
        let page = "/fr/communes/beni-mellal/programs/2024-2025"
        portal.site.clock.set { opens.addingTimeInterval(-1) }
        XCTAssertTrue(portal.get(page).contains("À venir"))
        XCTAssertTrue(portal.get(page).contains("À venir"), "from the cache")
        portal.site.clock.set { opens }
        let open = portal.get(page)
        XCTAssertFalse(open.contains("À venir"), "the cached page ended when the call opened")
        XCTAssertTrue(open.contains("Proposer une idée") || open.contains("Ouvert"))
    }
}

/// A call that names no axis takes ideas on every axis of its program (the Calls tab's
/// "nothing ticked: all axes"), on the form and in what the form accepts.
final class CallAxesTests: XCTestCase {
    func testACallWithoutAxesCoversThemAll() throws {
        let portal = try Portal()
        try portal.site.database.write { try $0.run("DELETE FROM call_axes WHERE call_id = 501") }
        let path = "/fr/communes/demo/programs/2025-2026/proposals/new"
        let form = portal.get(path)
        for axis in [51, 52, 53] { XCTAssertTrue(form.contains(#"<option value="\#(axis)""#), "axis \(axis) offered") }
        let sent = portal.post(path, form: [("token", try portal.formToken(from: form.body)), ("axis", "53"), ("title", "Une idée sur le budget"),
                                            ("description", "Publier le budget participatif chaque année."), ("consent", "yes")])
        XCTAssertEqual(sent.status, 303)
    }
}
