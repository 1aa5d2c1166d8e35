import Foundation
import SQLite
import XCTest
@testable import Portal

/// The council's review of a frozen version: who reads and who writes what, the life of a
/// comment (written, refused, addressed in a later version, reopened) with its audit entries,
/// that no comment ever reaches a public page, and the printable packet. The sandbox program
/// `demo` 2025-2026 has version 1 (the draft put to consultation) and version 2 (after it).
final class ReviewTests: XCTestCase {
    let review = "/admin/fr/communes/demo/programs/2025-2026/review"

    private func comments(_ portal: Portal) throws -> [Row] {
        try portal.site.database.read { try $0.query("SELECT * FROM review_comments ORDER BY id") }
    }

    private func audit(_ portal: Portal, entityID: Int) throws -> [Row] {
        try portal.site.database.read {
            try $0.query("SELECT * FROM audit_log WHERE entity = 'review_comment' AND entity_id = ? ORDER BY id", [entityID])
        }
    }

    func testWhoReadsAndWhoWrites() throws {
        let portal = try Portal()
        let council = try portal.signIn(.council, commune: "demo")
        let committee = try portal.signIn(.committee, commune: "demo")
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let elsewhere = try portal.signIn(.council, commune: "settat")

        // Everyone of the commune reads the latest version with its projects as frozen.
        for staff in [council, committee, focal] {
            let page = portal.get(review, as: staff)
            XCTAssertEqual(page.status, 200, page.body)
            XCTAssertTrue(page.contains("Examen du programme — Version 2"), page.body)
            XCTAssertTrue(page.contains(#"aria-current="page">Examen</a>"#), "the review tab is current")
            XCTAssertTrue(page.contains("Adopter le budget participatif dans la préparation des budgets annuels de la commune (exemple)"))
            XCTAssertTrue(page.contains("Lancer un service numérique de suivi des demandes"), "activities of the version")
        }
        // Version 1 shows the draft as it was put to consultation.
        let first = portal.get(review + "/1", as: council)
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.contains("Adopter le budget participatif dans les budgets annuels (exemple)"))
        XCTAssertFalse(first.contains("Lancer un service numérique de suivi des demandes"))
        XCTAssertEqual(portal.get(review + "/9", as: council).status, 404)

        // Council and committee members get comment boxes; the focal point reads and answers.
        XCTAssertTrue(portal.get(review, as: council).contains(#"name="body""#))
        XCTAssertTrue(portal.get(review, as: committee).contains(#"name="body""#))
        XCTAssertFalse(portal.get(review, as: focal).contains(#"name="body""#))

        // Another commune's council member is refused by the dispatcher, reading or writing.
        XCTAssertEqual(portal.get(review, as: elsewhere).status, 403)
        XCTAssertEqual(portal.get(review + "/1/packet", as: elsewhere).status, 403)
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "1"), ("body", "Remarque")], as: elsewhere).status, 403)

        // Writing: council and committee comment, the focal point may not.
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "1"), ("body", "Du conseil")], as: council).status, 303)
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", ""), ("body", "Du comité")], as: committee).status, 303)
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "1"), ("body", "Du point focal")], as: focal).status, 403)
        let rows = try comments(portal)
        XCTAssertEqual(rows.count, 2)
        let id = try rows[0].int("id")

        // Addressing: the focal point and the committee, not the council nor another commune.
        let address = "\(review)/1/comments/\(id)/address"
        let form = [("version", "2"), ("note", "Fusionné avec la campagne")]
        XCTAssertEqual(portal.post(address, form: form, as: council).status, 403)
        XCTAssertEqual(portal.post(address, form: form, as: elsewhere).status, 403)
        XCTAssertEqual(portal.post("\(review)/1/comments/\(id)/reopen", form: [], as: council).status, 403)
        XCTAssertFalse(portal.get(review + "/1", as: council).contains(#"name="note""#), "no address form for the council")
        XCTAssertTrue(portal.get(review + "/1", as: focal).contains(#"name="note""#))
        XCTAssertEqual(portal.post(address, form: form, as: focal).status, 303)
        XCTAssertEqual(portal.post("\(review)/1/comments/\(id)/reopen", form: [], as: committee).status, 303)
        XCTAssertEqual(portal.post(address, form: form, as: committee).status, 303)
        // A comment of another program is not found through this one.
        XCTAssertEqual(portal.post("/admin/fr/communes/settat/programs/2024-2025/review/1/comments/\(id)/address",
                                   form: form, as: try portal.signIn(.focalPoint, commune: "settat")).status, 404)
    }

    func testCommentLifecycle() throws {
        let portal = try Portal()
        let council = try portal.signIn(.council, commune: "demo")
        let focal = try portal.signIn(.focalPoint, commune: "demo")

        // Added, with a notice, shown under its project with its author.
        var page = portal.post(review + "/1/comments", form: [("project", "3"), ("body", "Préciser le calendrier\ndu budget participatif")], as: council)
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.headers["Location"], review + "/1?notice=notice.review.commented")
        page = portal.get(review + "/1?notice=notice.review.commented", as: council)
        XCTAssertTrue(page.contains("Remarque enregistrée."))
        XCTAssertTrue(page.contains("Préciser le calendrier\ndu budget participatif"))
        XCTAssertTrue(page.contains("Test council"))
        XCTAssertTrue(page.contains("<dd>1 remarque · 1 remarque ouverte</dd>"), page.body)
        XCTAssertTrue(portal.get(review.replacingOccurrences(of: "/admin/fr/", with: "/admin/ar/") + "/1", as: council)
            .contains("<dd>ملاحظة واحدة · ملاحظة واحدة مفتوحة</dd>"))
        let id = try comments(portal)[0].int("id")
        XCTAssertEqual(try comments(portal)[0].optionalInt("project_number"), 3)

        // Refused: empty, too long, a project the version does not have; the text is kept, 422.
        page = portal.post(review + "/1/comments", form: [("project", "2"), ("body", "   ")], as: council)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains(#"<p class="field-error" id="body-p2-error">Écrivez votre remarque.</p>"#), page.body)
        let long = String(repeating: "mot ", count: 1001)
        page = portal.post(review + "/1/comments", form: [("project", "2"), ("body", long)], as: council)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains(#"id="body-p2-error">Au plus 4 000 caractères."#) || page.contains("body-p2-error"), page.body)
        XCTAssertTrue(page.contains(long.trimmingCharacters(in: .whitespaces) + "</textarea>"), "typed text kept")
        page = portal.post(review + "/1/comments", form: [("project", "7"), ("body", "Sur un projet absent")], as: council)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains("Ce projet ne fait pas partie de cette version.") && page.contains(">Sur un projet absent</textarea>"))
        XCTAssertEqual(try comments(portal).count, 1, "nothing written when refused")

        // A comment on the latest version cannot be addressed yet: the page says so, a POST is refused.
        page = portal.post(review + "/2/comments", form: [("project", ""), ("body", "Sur la version 2")], as: council)
        XCTAssertEqual(page.status, 303)
        let latest = try comments(portal)[1].int("id")
        XCTAssertTrue(portal.get(review, as: focal).contains("Aucune version postérieure à celle-ci pour l&#39;instant"))
        page = portal.post("\(review)/2/comments/\(latest)/address", form: [("version", "2"), ("note", "Fait")], as: focal)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains("Aucune version n&#39;a été figée après celle de cette remarque"), page.body)

        // Addressed in version 2 with a note; the note is required, and the version must be later.
        let address = "\(review)/1/comments/\(id)/address"
        page = portal.post(address, form: [("version", "2"), ("note", "")], as: focal)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains(#"id="address-note-\#(id)-error">Dites en quelques mots"#), page.body)
        page = portal.post(address, form: [("version", "1"), ("note", "Calendrier précisé")], as: focal)
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.contains(#"id="address-version-\#(id)-error">Choisissez une version figée après"#), page.body)
        XCTAssertTrue(page.contains(">Calendrier précisé</textarea>"), "typed note kept")
        XCTAssertNil(try comments(portal)[0].optionalString("addressed_at"))

        page = portal.post(address, form: [("version", "2"), ("note", "Calendrier précisé dans les activités")], as: focal)
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.headers["Location"], review + "/1?notice=notice.review.addressed")
        page = portal.get(review + "/1", as: council)
        XCTAssertTrue(page.contains("Prise en compte dans la version 2</strong> — <bdi>Calendrier précisé dans les activités</bdi>"), page.body)
        XCTAssertTrue(page.contains("<dd>1 remarque · 0 remarque ouverte</dd>"))
        XCTAssertTrue(portal.get(review + "/1", as: focal).contains("Rouvrir la remarque"))

        // The store itself refuses an earlier version and changing what was written.
        XCTAssertThrowsError(try portal.site.database.write {
            try $0.run("UPDATE review_comments SET addressed_in_version = version_id WHERE id = ?", [id])
        })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("UPDATE review_comments SET body = 'x' WHERE id = ?", [id]) })

        // Reopened: open again, and addressable again.
        XCTAssertEqual(portal.post("\(review)/1/comments/\(id)/reopen", form: [], as: focal).status, 303)
        let reopened = try comments(portal)[0]
        XCTAssertNil(try reopened.optionalString("addressed_at"))
        XCTAssertNil(try reopened.optionalString("addressed_note"))
        XCTAssertNil(try reopened.optionalInt("addressed_in_version"))
        XCTAssertTrue(portal.get(review + "/1", as: council).contains("<dd>1 remarque · 1 remarque ouverte</dd>"))

        // Every change is in the audit log, with who did it and where.
        let entries = try audit(portal, entityID: id)
        XCTAssertEqual(try entries.map { try $0.string("action") }, ["create", "update", "update", "update", "update"])
        XCTAssertEqual(try entries[0].string("user_name"), "Test council")
        XCTAssertEqual(try entries[0].optionalString("after"), "v1 · project 3: Préciser le calendrier\ndu budget participatif")
        let addressed = try entries[1...2].map { (try $0.string("field"), try $0.optionalString("after")) }
        XCTAssertEqual(addressed.map(\.0), ["addressed_in_version", "addressed_note"])
        XCTAssertEqual(addressed.map(\.1), ["2", "Calendrier précisé dans les activités"])
        XCTAssertEqual(try entries[3...4].map { try $0.optionalString("after") }, [nil, nil], "reopening clears both")
        XCTAssertEqual(try entries[3].optionalString("before"), "2")
        let program = try portal.site.database.read {
            try $0.scalar("SELECT p.id FROM programs p JOIN communes c ON c.id = p.commune_id WHERE c.slug = 'demo'", as: Int.self)
        }
        XCTAssertEqual(try entries[0].optionalInt("program_id"), program)
    }

    func testCommentsNeverOnPublicPages() throws {
        let portal = try Portal()
        let council = try portal.signIn(.council, commune: "demo")
        let secret = "Remarque-confidentielle-du-conseil"
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "1"), ("body", secret)], as: council).status, 303)
        XCTAssertEqual(portal.post(review + "/2/comments", form: [("project", ""), ("body", secret)], as: council).status, 303)
        let base = "/fr/communes/demo/programs/2025-2026"
        for path in ["/fr/communes/demo", base, base + "/matrix", base + "/projects/1", base + "/versions",
                     base + "/versions/compare", base + "/versions/1.csv", base + "/versions/2.json", base + ".json", base + ".csv",
                     base + "/proposals", "/ar/communes/demo/programs/2025-2026/versions/compare"] {
            let page = portal.get(path)
            XCTAssertLessThan(page.status, 400, path)
            XCTAssertFalse(page.contains(secret), path)
        }
        // And signed out, the review itself sends to the sign-in page.
        XCTAssertEqual(portal.get(review).status, 303)
    }

    func testPacket() throws {
        let portal = try Portal()
        let council = try portal.signIn(.council, commune: "demo")
        let committee = try portal.signIn(.committee, commune: "demo")
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "2"), ("body", "Remarque ouverte sur le projet 2")], as: council).status, 303)
        XCTAssertEqual(portal.post(review + "/1/comments", form: [("project", "1"), ("body", "Remarque déjà traitée")], as: council).status, 303)
        XCTAssertEqual(portal.post(review + "/2/comments", form: [("project", ""), ("body", "Remarque générale ouverte")], as: council).status, 303)
        let handled = try comments(portal)[1].int("id")
        XCTAssertEqual(portal.post("\(review)/1/comments/\(handled)/address", form: [("version", "2"), ("note", "Fait")], as: committee).status, 303)

        let packet = portal.get(review + "/2/packet", as: council)
        XCTAssertEqual(packet.status, 200)
        let body = packet.body
        // One printable document, outside the admin layout, with the print note and no script.
        XCTAssertTrue(body.contains(#"<body class="packet">"#))
        XCTAssertFalse(body.contains("<script"))
        XCTAssertFalse(body.contains("admin-header"))
        XCTAssertTrue(body.contains("utilisez la commande d&#39;impression de votre navigateur"))
        // The overview.
        XCTAssertTrue(body.contains("Présentation du programme"))
        XCTAssertTrue(body.contains("3\u{A0}axes · 3\u{A0}projets · 3\u{A0}activités"), body)
        // The matrix: every activity row of version 2, the axis cells.
        let matrix = try XCTUnwrap(section(body, "packet-matrix"))
        XCTAssertTrue(matrix.contains(#"<table class="matrix">"#) && matrix.contains("<thead>"))
        for activity in ["Mener des campagnes de sensibilisation sur les services numériques", "Lancer un service numérique de suivi des demandes",
                         "Publier des contenus numériques de sensibilisation sur le budget participatif"] {
            XCTAssertTrue(matrix.contains(activity), activity)
        }
        XCTAssertFalse(matrix.contains("Tenir des rencontres de communication périodiques"), "removed in version 2")
        XCTAssertEqual(matrix.components(separatedBy: #"<th scope="row" class="project""#).count - 1, 3)
        // Each project card.
        let cards = try XCTUnwrap(section(body, "packet-cards"))
        XCTAssertEqual(cards.components(separatedBy: #"<article class="packet-card""#).count - 1, 3)
        for n in 1...3 { XCTAssertTrue(cards.contains(#"<span class="num">Projet \#(n) —</span>"#), "card \(n)") }
        // The diff against the consultation draft (version 1), with its markers.
        let changes = try XCTUnwrap(section(body, "packet-changes"))
        XCTAssertTrue(changes.contains("Comparé à la version 1"))
        XCTAssertTrue(changes.contains("<ins") && changes.contains("<del"), changes)
        XCTAssertTrue(changes.contains("diff-removed") && changes.contains("diff-added") && changes.contains("diff-moved"))
        // Only the open comments, the general one first.
        let open = try XCTUnwrap(section(body, "packet-comments"))
        XCTAssertTrue(open.contains("Remarque ouverte sur le projet 2") && open.contains("Remarque générale ouverte"))
        XCTAssertFalse(open.contains("Remarque déjà traitée"))
        XCTAssertLessThan(try XCTUnwrap(open.range(of: "Remarque générale ouverte")).lowerBound,
                          try XCTUnwrap(open.range(of: "Remarque ouverte sur le projet 2")).lowerBound)
        XCTAssertFalse(body.contains("Remarque déjà traitée"))

        // The consultation draft's own packet has nothing to compare against, and says so.
        let draft = portal.get(review + "/1/packet", as: council)
        XCTAssertEqual(draft.status, 200)
        XCTAssertTrue(draft.contains("Cette version est la première version publique"))
        XCTAssertFalse(draft.contains("Remarque générale ouverte"), "a comment on version 2 is not in version 1's packet")
        // In Arabic too, and the stylesheet prints the matrix on a landscape named page.
        let arabic = portal.get("/admin/ar/communes/demo/programs/2025-2026/review/2/packet", as: council)
        XCTAssertEqual(arabic.status, 200)
        XCTAssertTrue(arabic.contains(#"<html lang="ar" dir="rtl">"#) && arabic.contains("مصفوفة المشاريع والأنشطة"))
        let css = try String(contentsOf: repositoryRoot.appendingPathComponent("Public/css/app.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("@page review-landscape { size: A4 landscape;"))
        XCTAssertTrue(css.contains(".packet .packet-section.packet-matrix { page: review-landscape; }"))
    }

    /// The settat council reviews its adopted program (one version): nothing later to address in.
    func testSingleVersionProgram() throws {
        let portal = try Portal()
        let council = try portal.signIn(.council, commune: "settat")
        let settat = "/admin/fr/communes/settat/programs/2024-2025/review"
        XCTAssertEqual(portal.get(settat, as: council).status, 200)
        let packet = portal.get(settat + "/1/packet", as: council)
        XCTAssertEqual(packet.status, 200)
        XCTAssertTrue(packet.contains("Cette version est la première version publique") && packet.contains("Aucune remarque ouverte."))
    }

    /// The packet section `name`: from its opening tag to the next packet section (the diff nests sections of its own).
    private func section(_ body: String, _ name: String) -> String? {
        guard let start = body.range(of: #"<section class="packet-section \#(name)""#),
              let end = body.range(of: #"<section class="packet-section"#, range: start.upperBound..<body.endIndex)
                ?? body.range(of: "</main>", range: start.upperBound..<body.endIndex) else { return nil }
        return String(body[start.lowerBound..<end.lowerBound])
    }
}
