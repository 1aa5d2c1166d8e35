import Foundation
import SQLite
import XCTest
@testable import Portal

/// The committee's triage of proposals: the queue, each decision and its refusals, merges,
/// spam, who may do it — and what citizens see on the public pages right after.
final class TriageTests: XCTestCase {
    let admin = "/admin/fr/communes/demo/programs/2025-2026/proposals"
    let list = "/fr/communes/demo/programs/2025-2026/proposals"
    let project2 = "/fr/communes/demo/programs/2025-2026/projects/2"

    /// A proposal of the sandbox program (axes 51–53, projects 51–53, call 501); returns its id and code.
    @discardableResult
    private func insert(_ portal: Portal, _ title: String, axis: Int = 51, channel: String = "platform", status: String = "processing",
                        project: Int? = nil, day: Int = 1, minute: Int = 0, program: Int = 5, call: Int? = 501,
                        name: String? = nil, neighbourhood: String? = nil) throws -> (id: Int, code: String) {
        let code = TrackingCode.make()
        let created = String(format: "2026-01-%02dT%02d:%02d:00Z", day, minute / 60, minute % 60)
        let id: Int = try portal.site.database.write { db in
            var callID = call
            if callID == nil { callID = try db.scalar("SELECT id FROM calls LIMIT 1", as: Int.self) }
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, author_name, show_name, gender,
                                       age_band, association, neighbourhood, channel, status, integrated_project_id,
                                       tracking_code, remote_address, created_at)
                VALUES (?, ?, ?, 'idea', ?, 'Le texte complet de la proposition.', ?, 0, 'woman', '30-44', 'Association Nour', ?, ?, ?, ?, ?, '10.9.8.7', ?)
                """, [program, callID, axis, title, name, neighbourhood, channel, status, project, code, created])
            return Int(db.lastInsertRowID)
        }
        return (id, code)
    }

    private func rows(_ page: Page) -> Int { page.body.components(separatedBy: #"<tr class="triage-row">"#).count - 1 }
    private func items(_ page: Page) -> Int { page.body.components(separatedBy: #"<li class="proposal">"#).count - 1 }

    private func audit(_ portal: Portal, _ action: String, entityID: Int) throws -> [Row] {
        try portal.site.database.read {
            try $0.query("SELECT * FROM audit_log WHERE entity = 'proposal' AND action = ? AND entity_id = ? ORDER BY id", [action, entityID])
        }
    }

    func testEveryStatusAndItsPublicEffect() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let (id, code) = try insert(portal, "Éclairer la rue des écoles", name: "Fatima Zahra", neighbourhood: "Hay Salam")
        let tracking = "/fr/proposals/\(code)"

        // The queue lists it without personal data; its page shows them, never the address.
        let queue = portal.get(admin, as: committee)
        XCTAssertEqual(queue.status, 200)
        XCTAssertTrue(queue.contains("Éclairer la rue des écoles"))
        XCTAssertTrue(queue.contains("En cours de traitement (1)"), queue.body)
        XCTAssertFalse(queue.contains("Hay Salam") || queue.contains("Fatima Zahra"))
        XCTAssertTrue(queue.contains(#"aria-current="page">Propositions</a>"#), "the proposals tab is current")
        let detail = portal.get("\(admin)/\(id)", as: committee)
        XCTAssertEqual(detail.status, 200)
        for shown in ["Le texte complet de la proposition.", "Fatima Zahra", "non affiché", "Hay Salam", "Association Nour", "Femme", "30 à 44 ans", code] {
            XCTAssertTrue(detail.contains(shown), shown)
        }
        XCTAssertFalse(detail.contains("10.9.8.7"), "the remote address is for abuse checks only")

        // Accepted, with a public answer typed in Arabic: the tracking page and the list say so at once.
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "accepted"), ("answer", "سيتم إدراجه في برمجة 2026")], as: committee).status, 303)
        var page = portal.get(tracking)
        XCTAssertTrue(page.contains("Acceptée") && page.contains("سيتم إدراجه في برمجة 2026"), page.body)
        XCTAssertTrue(portal.get(list).contains(#"<option value="accepted">Acceptée (1)</option>"#))
        XCTAssertEqual(items(portal.get(list + "?status=accepted")), 1)

        // Integrated needs a project, of this program.
        var refused = portal.post("\(admin)/\(id)/status", form: [("status", "integrated"), ("project", ""), ("answer", "Intégrée au projet 2")], as: committee)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains(#"<p class="field-error" id="project-error">Choisissez le projet de ce programme"#), refused.body)
        XCTAssertTrue(refused.contains(">Intégrée au projet 2</textarea>"), "typed text kept")
        XCTAssertTrue(refused.contains(#"<option value="integrated" selected>"#))
        refused = portal.post("\(admin)/\(id)/status", form: [("status", "integrated"), ("project", "11")], as: committee)
        XCTAssertEqual(refused.status, 422, "Settat's project 11 is not this program's")
        XCTAssertTrue(portal.get(tracking).contains("Acceptée"), "a refusal changes nothing")

        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "integrated"), ("project", "52"), ("answer", "Intégrée au projet 2")], as: committee).status, 303)
        page = portal.get(tracking)
        XCTAssertTrue(page.contains("Intégrée à un projet") && page.contains("Cette proposition a été intégrée au"))
        XCTAssertTrue(page.contains(#"href="\#(project2)""#))
        XCTAssertTrue(portal.get(project2).contains("Éclairer la rue des écoles"), "the project page lists the idea")

        // Not accepted needs a reason; the reason is public.
        refused = portal.post("\(admin)/\(id)/status", form: [("status", "rejected"), ("answer", "Merci"), ("reason", "  ")], as: committee)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("Indiquez pourquoi la proposition n&#39;est pas retenue.") || refused.contains("Indiquez pourquoi la proposition n'est pas retenue."), refused.body)
        XCTAssertTrue(refused.contains(">Merci</textarea>"))
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "spam")], as: committee).status, 422)
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "rejected"), ("reason", "Hors des compétences de la commune")], as: committee).status, 303)
        page = portal.get(tracking)
        XCTAssertTrue(page.contains("Non retenue") && page.contains("Hors des compétences de la commune"))
        XCTAssertFalse(page.contains("Intégrée au projet 2"), "the old answer was cleared")
        XCTAssertFalse(portal.get(project2).contains("Éclairer la rue des écoles"), "no longer integrated")
        XCTAssertTrue(portal.get(list).contains(#"<option value="rejected">Non retenue (1)</option>"#))

        // Back to processing; every transition is in the audit log with who and what.
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "processing")], as: committee).status, 303)
        XCTAssertTrue(portal.get(tracking).contains("En cours de traitement"))
        let transitions = try audit(portal, "transition", entityID: id)
        XCTAssertEqual(try transitions.map { "\(try $0.string("before"))>\(try $0.string("after"))" },
                       ["processing>accepted", "accepted>integrated", "integrated>rejected", "rejected>processing"])
        XCTAssertEqual(try transitions.first?.optionalInt("user_id"), committee.userID)
        XCTAssertEqual(try transitions.first?.optionalInt("program_id"), 5)
        let updates = try audit(portal, "update", entityID: id)
        XCTAssertTrue(try updates.contains { try $0.optionalString("field") == "rejection_reason" && $0.optionalString("after") == "Hors des compétences de la commune" })
        XCTAssertTrue(try updates.contains { try $0.optionalString("field") == "integrated_project_id" && $0.optionalString("after") == "52" })
    }

    func testMergeCountsOnceAndBothTrackingPagesSayIt() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let kept = try insert(portal, "Un parking pour le souk", minute: 1)
        let duplicate = try insert(portal, "Parking du souk (doublon)", minute: 2)
        let third = try insert(portal, "Parking près du souk", minute: 3)
        let other = try insert(portal, "Une bibliothèque de quartier", minute: 4)
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026/participation").contains("4 propositions envoyées sur ce portail"))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/participation").contains("4 مقترحات أرسلت عبر هذه البوابة"))

        XCTAssertEqual(portal.post("\(admin)/\(duplicate.id)/merge", form: [("target", String(kept.id))], as: committee).status, 303)
        let merged = portal.get("/fr/proposals/\(duplicate.code)")
        XCTAssertEqual(merged.status, 200, "a merged proposal's page still answers")
        XCTAssertTrue(merged.contains("Cette proposition a été fusionnée dans une proposition semblable"))
        XCTAssertTrue(merged.contains(#"<a href="/fr/proposals/\#(kept.code)"><bdi>Un parking pour le souk</bdi></a>"#), merged.body)
        XCTAssertTrue(portal.get("/fr/proposals/\(kept.code)").contains("1 proposition semblable a été fusionnée dans celle-ci."))
        XCTAssertTrue(portal.get("/ar/proposals/\(kept.code)").contains("تم دمج مقترح واحد مماثل في هذا المقترح."))
        let publicList = portal.get(list)
        XCTAssertEqual(items(publicList), 3, "counted once")
        XCTAssertTrue(publicList.contains("3 propositions correspondent aux filtres."))
        XCTAssertTrue(portal.get(list.replacingOccurrences(of: "/fr/", with: "/ar/")).contains("3 مقترحات تطابق عوامل التصفية."))
        XCTAssertFalse(publicList.contains("Parking du souk (doublon)"))
        XCTAssertEqual(portal.get(list + ".csv").status, 200)
        XCTAssertFalse(portal.get(list + ".csv").contains("doublon"))
        XCTAssertTrue(portal.get(list + ".csv").contains("Un parking pour le souk"))
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026/participation").contains("3 propositions envoyées sur ce portail"))
        // The committee still sees it, marked.
        XCTAssertTrue(portal.get(admin + "?status=merged", as: committee).contains("fusionnée dans #\(kept.id)"))
        XCTAssertTrue(portal.get("\(admin)/\(duplicate.id)", as: committee).contains("Fusionnée dans la proposition #\(kept.id)"))

        // Refusals, each beside the field.
        func refusal(_ id: Int, _ target: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
            let page = portal.post("\(admin)/\(id)/merge", form: [("target", target)], as: committee)
            XCTAssertEqual(page.status, 422, file: file, line: line)
            XCTAssertTrue(page.contains(#"<p class="field-error" id="target-error">"# + message), page.body, file: file, line: line)
        }
        refusal(third.id, String(third.id), "Une proposition ne peut pas être fusionnée dans elle-même.")
        refusal(third.id, String(duplicate.id), "Cette proposition est elle-même fusionnée")
        refusal(duplicate.id, String(third.id), "Cette proposition est déjà fusionnée.")
        refusal(third.id, "", "Choisissez une autre proposition visible de ce programme.")
        let settat = try insert(portal, "Une idée de Settat", axis: 11, program: 1, call: nil)
        refusal(third.id, String(settat.id), "Choisissez une autre proposition visible de ce programme.")

        // Merging the kept one elsewhere re-points its duplicates: no chains.
        XCTAssertEqual(portal.post("\(admin)/\(kept.id)/merge", form: [("target", String(third.id))], as: committee).status, 303)
        let pointers = try portal.site.database.read { db in
            try db.query("SELECT id, merged_into_id FROM proposals WHERE id IN (?, ?) ORDER BY id", [kept.id, duplicate.id]).map { try $0.optionalInt("merged_into_id") }
        }
        XCTAssertEqual(pointers, [third.id, third.id])
        XCTAssertTrue(portal.get("/fr/proposals/\(duplicate.code)").contains(#"href="/fr/proposals/\#(third.code)""#))
        XCTAssertTrue(portal.get("/fr/proposals/\(third.code)").contains("2 propositions semblables ont été fusionnées dans celle-ci."))
        XCTAssertTrue(portal.get("/ar/proposals/\(third.code)").contains("تم دمج مقترحين مماثلين في هذا المقترح."))
        XCTAssertEqual(items(portal.get(list)), 2)
        XCTAssertEqual(try audit(portal, "merge", entityID: duplicate.id).count, 2)
        XCTAssertEqual(try audit(portal, "merge", entityID: kept.id).first?.optionalString("after"), String(third.id))
        _ = other
    }

    func testSpamIsHiddenFromThePublicAndFromCommitteeMembersButNotFromAdministrators() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let administrator = try portal.signIn(.admin)
        let spam = try insert(portal, "Achetez des montres pas chères", status: "integrated", project: 52, minute: 1)
        try insert(portal, "Des bancs au jardin public", minute: 2)
        XCTAssertTrue(portal.get(project2).contains("Achetez des montres"))

        var page = portal.post("\(admin)/\(spam.id)/hide", form: [("hide_reason", "")], as: committee)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains(#"<p class="field-error" id="hide-error">Indiquez le motif.</p>"#))
        page = portal.post("\(admin)/\(spam.id)/hide", form: [("hide_reason", "Publicité")], as: committee)
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.headers["Location"], admin + "?notice=notice.triage.hidden")

        // Gone from every public place.
        XCTAssertFalse(portal.get(list).contains("Achetez des montres"))
        XCTAssertTrue(portal.get(list).contains("1 proposition correspond aux filtres."))
        XCTAssertTrue(portal.get(list.replacingOccurrences(of: "/fr/", with: "/ar/")).contains("مقترح واحد يطابق عوامل التصفية."))
        XCTAssertFalse(portal.get(list + ".csv").contains("Achetez des montres"))
        XCTAssertFalse(portal.get(list + ".json").contains("Achetez des montres"))
        XCTAssertFalse(portal.get(project2).contains("Achetez des montres"))
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026/participation").contains("1 proposition envoyée sur ce portail, comptée à part"))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/participation").contains("مقترح واحد أرسل عبر هذه البوابة، محسوب بمعزل"))

        // A committee member no longer sees it, even asking for it.
        XCTAssertFalse(portal.get(admin, as: committee).contains("Achetez des montres"))
        XCTAssertFalse(portal.get(admin + "?status=hidden", as: committee).contains("Achetez des montres"))
        XCTAssertFalse(portal.get(admin, as: committee).contains("Masquées"))
        XCTAssertEqual(portal.get("\(admin)/\(spam.id)", as: committee).status, 404)
        XCTAssertEqual(portal.post("\(admin)/\(spam.id)/status", form: [("status", "accepted")], as: committee).status, 404)
        XCTAssertEqual(portal.post("\(admin)/\(spam.id)/unhide", form: [], as: committee).status, 403)

        // An administrator does, with the reason, and can put it back.
        let hidden = portal.get(admin + "?status=hidden", as: administrator)
        XCTAssertTrue(hidden.contains("Achetez des montres") && hidden.contains("Masquées (indésirables) (1)"), hidden.body)
        XCTAssertTrue(portal.get("\(admin)/\(spam.id)", as: administrator).contains("Publicité"))
        let hides = try audit(portal, "hide", entityID: spam.id)
        XCTAssertEqual(hides.count, 1)
        XCTAssertEqual(try hides.first?.optionalString("after"), "Publicité")
        XCTAssertEqual(portal.post("\(admin)/\(spam.id)/unhide", form: [], as: administrator).status, 303)
        XCTAssertTrue(portal.get(list).contains("Achetez des montres"))
        XCTAssertEqual(portal.get("\(admin)/\(spam.id)", as: committee).status, 200)
    }

    func testQueueFiltersSortsAndPagesOfTwenty() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        for i in 0..<22 { try insert(portal, "Idée plateforme \(i)", axis: 51, day: 1 + i % 3, minute: i) }
        for i in 0..<3 { try insert(portal, "Idée atelier \(i)", axis: 52, channel: "workshop", status: "accepted", day: 10, minute: i) }

        let first = portal.get(admin, as: committee)
        XCTAssertEqual(rows(first), 20)
        XCTAssertTrue(first.contains("25 propositions correspondent aux filtres."))
        XCTAssertTrue(portal.get(admin.replacingOccurrences(of: "/fr/", with: "/ar/"), as: committee).contains("25 مقترحا توافق التصفية."))
        XCTAssertTrue(first.contains("En cours de traitement (22)") && first.contains("Acceptées (3)"))
        XCTAssertTrue(first.contains(#"href="\#(admin)?page=2""#))
        XCTAssertLessThan(try XCTUnwrap(first.body.range(of: "Idée atelier")).lowerBound, try XCTUnwrap(first.body.range(of: "Idée plateforme")).lowerBound,
                          "newest first")
        XCTAssertEqual(rows(portal.get(admin + "?page=2", as: committee)), 5)
        XCTAssertEqual(portal.get(admin + "?page=3", as: committee).status, 404)
        let oldest = portal.get(admin + "?sort=oldest", as: committee)
        XCTAssertLessThan(try XCTUnwrap(oldest.body.range(of: "Idée plateforme 0<")).lowerBound, try XCTUnwrap(oldest.body.range(of: "Idée plateforme 3<")).lowerBound)
        XCTAssertFalse(oldest.contains("Idée atelier"), "the workshop ones are the newest, on page 2")

        let workshop = portal.get(admin + "?channel=workshop", as: committee)
        XCTAssertEqual(rows(workshop), 3)
        XCTAssertTrue(workshop.contains("En cours de traitement (0)") && workshop.contains("Acceptées (3)"), "state counts follow the other filters")
        XCTAssertEqual(rows(portal.get(admin + "?axis=2", as: committee)), 3)
        XCTAssertEqual(rows(portal.get(admin + "?status=accepted", as: committee)), 3)
        XCTAssertEqual(rows(portal.get(admin + "?from=2026-01-02&to=2026-01-02", as: committee)), 7)
        XCTAssertEqual(rows(portal.get(admin + "?from=2026-01-10", as: committee)), 3)
        let bogus = portal.get(admin + "?axis=9&channel=fax&status=spam&from=yesterday&page=x", as: committee)
        XCTAssertEqual(bogus.status, 200)
        XCTAssertEqual(rows(bogus), 20)
    }

    func testOnlyTheCommuneCommitteeMayTriage() throws {
        let portal = try Portal()
        let (id, _) = try insert(portal, "Une idée")
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let otherCommittee = try portal.signIn(.committee, commune: "settat")
        let administrator = try portal.signIn(.admin)
        for path in [admin, "\(admin)/\(id)"] {
            XCTAssertEqual(portal.get(path, as: focal).status, 403, path)
            XCTAssertEqual(portal.get(path, as: otherCommittee).status, 403, path)
            XCTAssertEqual(portal.get(path, as: administrator).status, 200, path)
        }
        for action in ["status", "merge", "hide"] {
            XCTAssertEqual(portal.post("\(admin)/\(id)/\(action)", form: [("status", "accepted")], as: focal).status, 403, action)
            XCTAssertEqual(portal.post("\(admin)/\(id)/\(action)", form: [("status", "accepted")], as: otherCommittee).status, 403, action)
        }
        XCTAssertEqual(portal.get(admin).status, 303, "no session: to the sign-in page")
        // Settat's committee opens its own program, where the sandbox's proposal does not exist.
        XCTAssertEqual(portal.get("/admin/fr/communes/settat/programs/2024-2025/proposals", as: otherCommittee).status, 200)
        XCTAssertEqual(portal.get("/admin/fr/communes/settat/programs/2024-2025/proposals/\(id)", as: otherCommittee).status, 404)
        // Without the form's token nothing happens.
        let committee = try portal.signIn(.committee, commune: "demo")
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "accepted")], headers: [committee.cookie]).status, 403)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM proposals WHERE id = ?", [id], as: String.self) }, "processing")
        XCTAssertEqual(portal.get("\(admin)/\(id)/status", as: committee).status, 405)
        XCTAssertEqual(portal.get("\(admin)/0\(id)", as: committee).status, 404)
        // The program tabs offer the queue to the committee and the workshop entry to both.
        XCTAssertTrue(portal.get(admin, as: committee).contains(#"href="\#(admin)/workshop""#))
        XCTAssertFalse(portal.get("\(admin)/workshop", as: focal).contains(#"href="\#(admin)""#))
    }

    func testRoutesPrintWhatTheyParse() {
        let routes: [TriageRoute] = [.queue(period: "2025-2026"), .workshop(period: "2025-2026"), .proposal(period: "2025-2026", id: 7),
                                     .status(period: "2025-2026", id: 7), .merge(period: "2025-2026", id: 7),
                                     .hide(period: "2025-2026", id: 7), .unhide(period: "2025-2026", id: 7)]
        for route in routes { XCTAssertEqual(TriageRoute(segments: route.path.split(separator: "/").map(String.init)), route) }
        XCTAssertNil(TriageRoute(segments: ["programs", "2025-2026", "proposals", "-1"]))
        XCTAssertNil(TriageRoute(segments: ["programs", "2025-2026", "proposals", "7", "delete"]))
    }
}

/// Issue 14, "Staff pages at 360 px": the queue's filters folded, saying how many are active; every
/// time in Morocco's time with its zone named, as the citizen reads it (UTC+1 in January 2026).
extension TriageTests {
    func testTheQueueFoldsItsFiltersAndTimesAreMoroccos() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let (id, _) = try insert(portal, "Une idée tardive", day: 1, minute: 23 * 60 + 30)   // 23:30 UTC = 00:30 on the 2nd in Morocco
        let queue = portal.get(admin, as: committee)
        XCTAssertTrue(queue.body.contains("<details class=\"filters-fold\">\n<summary>Filtres et tri</summary>"), "folded, nothing active")
        XCTAssertTrue(queue.contains(">2 janvier 2026</td>"), "the day in Morocco")
        let filtered = portal.get(admin + "?channel=platform&from=2026-01-01", as: committee)
        XCTAssertTrue(filtered.body.contains("<details class=\"filters-fold\" open>\n<summary>Filtres et tri · actifs\u{A0}: 2</summary>"))
        let detail = portal.get("\(admin)/\(id)", as: committee)
        XCTAssertTrue(detail.contains("2 janvier 2026 à 00:30 (heure du Maroc)"), "Morocco time, its zone named")
        XCTAssertFalse(detail.body.contains(" UTC"))
    }
}
