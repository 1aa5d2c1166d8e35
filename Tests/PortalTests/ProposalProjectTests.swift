import Foundation
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The "new openness project" card (بطاقة حول مشروع انفتاح جديد), end to end against a
/// freshly seeded store: the sandbox commune `demo` has an ideas call (501) open from the
/// database's creation for 30 days. Same guards, validation, receipt and tracking as ideas.
final class ProposalProjectTests: XCTestCase {
    let formPath = "/fr/communes/demo/programs/2025-2026/proposals/new-project"
    let arFormPath = "/ar/communes/demo/programs/2025-2026/proposals/new-project"

    private func token(_ portal: Portal, _ path: String? = nil) throws -> String { try portal.formToken(path ?? formPath) }

    private func card(_ token: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        formFields([("token", token), ("website", ""), ("axis", "52"),
                   ("title", "Une maison des associations connectée"),
                   ("objective", "Les associations n'ont pas de lieu pour se réunir."),
                   ("description", "Aménager une salle communale\navec un accès Internet."),
                   ("expected_results", "Des réunions régulières."), ("partners", "Délégation de la jeunesse"),
                   ("cost", "250 000"), ("consent", "yes")], extra)
    }

    private func count(_ portal: Portal) throws -> Int { try portal.proposalCount() }

    func testTheCardIsOfferedWhileTheIdeasCallIsOpenAndLinkedFromTheIdeaFormAndTheOverview() throws {
        let portal = try Portal()
        let (opens, closes) = try portal.callWindow(501)
        let page = portal.get(formPath)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["Cache-Control"], "no-store")
        XCTAssertTrue(page.contains("<h1>Fiche d&#39;un nouveau projet d&#39;ouverture</h1>"))
        XCTAssertTrue(page.contains(#"<form class="proposal-form" method="post" action="\#(formPath)""#))
        for field in ["token", "website", "axis", "title", "objective", "description", "expected_results", "partners", "cost",
                      "name", "show_name", "gender", "age_band", "association", "neighbourhood", "consent"] {
            XCTAssertTrue(page.contains(#"name="\#(field)""#), field)
        }
        for label in ["Intitulé du projet", "Problématique et objectifs", "Description du projet", "Résultats attendus",
                      "Partenaires proposés", "Coût estimé en dirhams", "Axe 2 : Digitalisation (exemple)"] {
            XCTAssertTrue(page.contains(label), label)
        }
        XCTAssertTrue(page.contains(#"<textarea id="objective" name="objective" rows="4" required"#))
        XCTAssertFalse(page.contains(#"<textarea id="partners" name="partners" rows="4" required"#))
        let arabic = portal.get(arFormPath)
        for label in ["بطاقة حول مشروع انفتاح جديد", "الإشكالية والأهداف", "النتائج المنتظرة", "الشركاء المقترحون", "التكلفة التقديرية بالدرهم"] {
            XCTAssertTrue(arabic.contains(label), label)
        }

        let link = #"href="\#(formPath)""#
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026/proposals/new").contains(link))
        XCTAssertTrue(page.contains(#"href="/fr/communes/demo/programs/2025-2026/proposals/new""#), "and back to the simple idea")
        let overview = portal.get("/fr/communes/demo/programs/2025-2026")
        XCTAssertTrue(overview.contains(link) && overview.contains("Proposer un nouveau projet d&#39;ouverture"))

        // One second before the call opens and at its close: no form, no link.
        for (moment, tag) in [(opens.addingTimeInterval(-1), "a"), (closes, "b")] {
            portal.site.clock.set { moment }
            let closed = portal.get(formPath)
            XCTAssertEqual(closed.status, 200)
            XCTAssertFalse(closed.contains("<form"))
            XCTAssertTrue(closed.contains("L&#39;appel à idées n&#39;est pas ouvert"))
            XCTAssertFalse(portal.get("/fr/communes/demo/programs/2025-2026?" + tag).contains(link))
        }
        portal.site.clock.set { opens }
        XCTAssertTrue(portal.get(formPath).contains("<form"))
        // A program without an ideas call has no card to offer; unknown programs are 404.
        XCTAssertTrue(portal.get("/fr/communes/taroudant/programs/2024-2025/proposals/new-project").contains("Ce programme n&#39;a pas d&#39;appel à idées."))
        XCTAssertEqual(portal.get("/fr/communes/demo/programs/2030-2031/proposals/new-project").status, 404)
    }

    func testValidationKeepsEverythingTypedAndNamesEachField() throws {
        let portal = try Portal()
        let long = String(repeating: "م", count: 3001)
        let arabic = portal.post(arFormPath, form: card(try token(portal, arFormPath), [
            ("axis", ""), ("title", "  "), ("objective", ""), ("description", "وصف\u{0007}"), ("expected_results", long),
            ("partners", "جمعية الأمل"), ("cost", "1.500"), ("name", "فاطمة")]))
        XCTAssertEqual(arabic.status, 422)
        for field in ["axis", "title", "objective", "description", "expected_results", "cost"] {
            XCTAssertTrue(arabic.contains(#"id="\#(field)-error""#), field)
        }
        XCTAssertFalse(arabic.contains(#"id="partners-error""#))
        XCTAssertTrue(arabic.contains("جمعية الأمل") && arabic.contains("فاطمة") && arabic.contains(#"value="1.500""#))
        XCTAssertTrue(arabic.contains("اكتب مبلغا بالدرهم بالأرقام فقط، دون فواصل."))
        XCTAssertTrue(arabic.contains("هذا النص طويل جدا: " + Format.number(3000, .ar) + " حرف على الأكثر."), "3000 counts a singular genitive")
        XCTAssertTrue(arabic.contains("هذا الحقل إجباري."))
        XCTAssertTrue(arabic.contains(#"aria-describedby="cost-hint cost-error""#))

        // An axis the call is not about, a cost that is not whole dirhams.
        for (field, value) in [("axis", "99"), ("cost", "12,5"), ("cost", "-300"), ("cost", "deux cents"), ("cost", "1234567890123")] {
            let page = portal.post(formPath, form: card(try token(portal), [(field, value)]))
            XCTAssertEqual(page.status, 422, "\(field)=\(value)")
            XCTAssertTrue(page.contains(#"id="\#(field)-error""#), "\(field)=\(value)")
        }
        XCTAssertEqual(try count(portal), 0)
    }

    func testCostsAsPhonesTypeThem() {
        XCTAssertEqual(ProposalForm.centimes(dirhams: "250000"), 25_000_000)
        XCTAssertEqual(ProposalForm.centimes(dirhams: "250 000 DH"), 25_000_000)
        XCTAssertEqual(ProposalForm.centimes(dirhams: "٢٥٠ ٠٠٠ درهم"), 25_000_000)
        XCTAssertEqual(ProposalForm.centimes(dirhams: "۱۲۰۰"), 120_000)
        XCTAssertEqual(ProposalForm.centimes(dirhams: "1\u{202F}500 MAD"), 150_000)
        XCTAssertNil(ProposalForm.centimes(dirhams: "1.500"))
        XCTAssertNil(ProposalForm.centimes(dirhams: "DH"))
        XCTAssertNil(ProposalForm.centimes(dirhams: "12a"))
        XCTAssertEqual(ProposalForm.centimes(dirhams: "999999999999"), 99_999_999_999_900)
        XCTAssertNil(ProposalForm.centimes(dirhams: "1000000000000"))
    }

    func testGuardsAreTheSameAsForIdeas() throws {
        let portal = try Portal()
        // Forged or missing token: 403 and nothing kept.
        let forged = portal.post(formPath, form: card("abc"))
        XCTAssertEqual(forged.status, 403)
        XCTAssertEqual(forged.headers["Cache-Control"], "no-store")
        XCTAssertTrue(forged.contains("Rien n&#39;a été enregistré"))
        // The honeypot: thanked, stored nothing.
        let trapped = portal.post(formPath, form: card(try token(portal), [("website", "http://spam.example")]))
        XCTAssertEqual(trapped.headers["Location"], "/fr/proposals/thanks")
        XCTAssertEqual(try count(portal), 0)
        // After the close: 409, nothing stored.
        let (_, closes) = try portal.callWindow(501)
        let late = try token(portal)
        portal.site.clock.set { closes }
        XCTAssertEqual(portal.post(formPath, form: card(late)).status, 409)
        portal.site.clock.set { closes.addingTimeInterval(-1) }
        // One second before the close it is accepted; the same form twice is one project.
        let first = portal.post(formPath, form: card(late))
        let second = portal.post(formPath, form: card(late, [("title", "Changé après retour")]))
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(first.headers["Location"], second.headers["Location"])
        XCTAssertEqual(try count(portal), 1)
        // The rate limit counts every kind of form from one address together.
        try portal.restart { $0.proposalsPerTenMinutes = 1 }
        XCTAssertEqual(portal.post("/fr/communes/demo/programs/2025-2026/proposals/new",
                                   form: [("token", try token(portal, "/fr/communes/demo/programs/2025-2026/proposals/new")),
                                          ("axis", "52"), ("title", "Idée"), ("description", "Texte"), ("consent", "yes")],
                                   address: "10.1.1.1").status, 303)
        let limited = portal.post(formPath, form: card(try token(portal)), address: "10.1.1.1")
        XCTAssertEqual(limited.status, 429)
        XCTAssertNotNil(limited.headers["Retry-After"])
        XCTAssertEqual(try count(portal), 2)
    }

    func testTheCardIsStoredBeforeTheReceiptAndTheTrackingPageShowsIt() throws {
        let portal = try Portal()
        let receipt = portal.post(formPath, form: card(try token(portal), [
            ("cost", "٢٥٠ ٠٠٠ درهم"), ("description", "Aménager une salle communale\navec un accès Internet."),
            ("name", "Samira Lahlou"), ("gender", "woman"), ("age_band", "30-44"),
            ("association", "Association Amal"), ("neighbourhood", "Hay Salam")]), address: "203.0.113.9")
        XCTAssertEqual(receipt.status, 303)
        let location = try XCTUnwrap(receipt.headers["Location"])
        XCTAssertTrue(location.hasPrefix("/fr/proposals/") && location.hasSuffix("?received=1"), location)

        // Committed before the 303: read from a connection of its own.
        let connection = try Connection(path: portal.databasePath, readOnly: true)
        defer { connection.close() }
        let stored = try XCTUnwrap(try connection.queryOne("""
            SELECT p.kind, p.title, p.description, p.axis_id, p.project_id, n.objective, n.expected_results, n.partners, n.estimated_cost
            FROM proposals p JOIN proposal_projects n ON n.proposal_id = p.id
            """))
        XCTAssertEqual(try stored.string("kind"), "idea")
        XCTAssertEqual(try stored.string("title"), "Une maison des associations connectée")
        XCTAssertEqual(try stored.string("description"), "Aménager une salle communale\navec un accès Internet.")
        XCTAssertEqual(try stored.optionalInt("axis_id"), 52)
        XCTAssertNil(try stored.optionalInt("project_id"))
        XCTAssertEqual(try stored.string("objective"), "Les associations n'ont pas de lieu pour se réunir.")
        XCTAssertEqual(try stored.string("expected_results"), "Des réunions régulières.")
        XCTAssertEqual(try stored.string("partners"), "Délégation de la jeunesse")
        XCTAssertEqual(try stored.optionalInt("estimated_cost"), 25_000_000)

        let page = portal.get(location)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Votre proposition a bien été reçue. Merci !"))
        XCTAssertTrue(page.contains("Fiche du projet proposé"))
        XCTAssertTrue(page.contains(#"<p class="card-title" dir="auto">Une maison des associations connectée</p>"#))
        XCTAssertTrue(page.contains("<dd>Nouveau projet</dd>"))
        for (label, text) in [("Problématique et objectifs", "Les associations n&#39;ont pas de lieu pour se réunir."),
                              ("Description du projet", "Aménager une salle communale\navec un accès Internet."),
                              ("Résultats attendus", "Des réunions régulières."),
                              ("Partenaires proposés", "Délégation de la jeunesse"),
                              ("Coût estimé en dirhams", Format.money(centimes: 25_000_000, .fr))] {
            XCTAssertTrue(page.contains("<dt>\(label)</dt><dd class=\"prose\" dir=\"auto\">\(text)</dd>"), label)
        }
        XCTAssertTrue(page.contains("Axe 2 : Digitalisation (exemple)"))
        for secret in ["Samira", "Amal", "Hay Salam", "30-44", "203.0.113.9", "Femme"] {
            XCTAssertFalse(page.contains(secret), secret)
        }
        let arabic = portal.get(location.replacingOccurrences(of: "/fr/", with: "/ar/"))
        XCTAssertTrue(arabic.contains("بطاقة المشروع المقترح") && arabic.contains("الإشكالية والأهداف") && arabic.contains("مشروع جديد"))
    }

    func testTheListAndTheExportsSayWhatKindEachProposalIs() throws {
        let portal = try Portal()
        let list = "/fr/communes/demo/programs/2025-2026/proposals"
        XCTAssertEqual(portal.post(formPath, form: card(try token(portal), [("name", "Nadia Secrète")])).status, 303)
        let ideaForm = "/fr/communes/demo/programs/2025-2026/proposals/new"
        XCTAssertEqual(portal.post(ideaForm, form: [("token", try token(portal, ideaForm)), ("axis", "51"), ("title", "Une simple idée"),
                                                    ("description", "Texte"), ("consent", "yes")]).status, 303)
        let observationForm = "/fr/communes/demo/programs/2025-2026/projects/2/observations/new"
        XCTAssertEqual(portal.post(observationForm, form: [("token", try token(portal, observationForm)), ("problem", "Trop loin"),
                                                           ("consent", "yes")]).status, 303)

        let page = portal.get(list)
        XCTAssertTrue(page.contains("<dt>Type</dt><dd>Nouveau projet</dd>"))
        XCTAssertTrue(page.contains("<dt>Type</dt><dd>Idée</dd>"))
        XCTAssertTrue(page.contains("<dt>Type</dt><dd>Observations sur un projet</dd>"))
        XCTAssertTrue(portal.get(list.replacingOccurrences(of: "/fr/", with: "/ar/")).contains("<dd>مشروع جديد</dd>"))

        let csv = portal.get(list + ".csv")
        let lines = csv.body.split(separator: "\r\n").map(String.init)
        XCTAssertTrue(lines[0].hasSuffix("tracking_code,date,kind,axis_number,axis_title,channel,status,public_answer,title,description,author_name"), lines[0])
        XCTAssertEqual(lines.filter { $0.contains(",project,") }.count, 1)
        XCTAssertTrue(lines.contains { $0.contains(",idea,") && $0.contains("Une simple idée") })
        XCTAssertTrue(lines.contains { $0.contains(",observation,") })

        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(portal.get(list + ".json").body.utf8)) as? [String: Any])
        let kinds = (json["proposals"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }.sorted()
        XCTAssertEqual(kinds, ["idea", "observation", "project"])
        for body in [page.body, csv.body] { XCTAssertFalse(body.contains("Nadia")) }
    }

    /// 0004 adds a table and touches no row: a database that already holds proposals and
    /// observation cards keeps every one of them, with their keys intact.
    func testMigrating0004KeepsExistingProposalsAndObservations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-0004-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        let migrations = repositoryRoot.appendingPathComponent("Migrations")
        for name in try FileManager.default.contentsOfDirectory(atPath: migrations.path) where name < "0004" && name.hasSuffix(".sql") {
            try FileManager.default.copyItem(at: migrations.appendingPathComponent(name), to: old.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: migrations.appendingPathComponent("demo"), to: old.appendingPathComponent("demo"))
        let path = folder.appendingPathComponent("store.sqlite").path
        XCTAssertEqual(try Store.prepare(path: path, migrations: old, loadDemo: true).last, "0003_observations.sql")

        let connection = try Connection(path: path)
        try connection.transaction {
            for (index, kind) in ["idea", "observation", "idea"].enumerated() {
                let bindings: [any SQLBindable] = [kind == "idea" ? 501 : 502, kind == "idea" ? nil : 52 as Int?, kind,
                                                   "Avant 0004 n°\(index)", "CODE-\(index)"]
                try connection.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (5, ?, 52, ?, ?, ?, 'Texte', 'platform', ?, '2026-01-01T00:00:00Z')
                    """, bindings)
                if kind == "observation" {
                    try connection.run("INSERT INTO proposal_observations (proposal_id, problem) VALUES (last_insert_rowid(), 'Trop loin')")
                }
            }
        }
        connection.close()

        let applied = try Store.prepare(path: path, migrations: migrations, loadDemo: true)
        XCTAssertEqual(applied.first, "0004_project_proposals.sql")
        let after = try Connection(path: path)
        defer { after.close() }
        XCTAssertEqual(try after.query("SELECT title FROM proposals ORDER BY id").map { try $0.string("title") },
                       ["Avant 0004 n°0", "Avant 0004 n°1", "Avant 0004 n°2"])
        XCTAssertEqual(try after.scalar("SELECT problem FROM proposal_observations", as: String.self), "Trop loin")
        XCTAssertEqual(try after.query("PRAGMA foreign_key_check").count, 0)
        XCTAssertEqual(try after.scalar("SELECT count(*) FROM proposal_projects", as: Int.self), 0)
        // And the public kinds read right on the old rows.
        XCTAssertEqual(try after.query("SELECT " + ProposalStore.kindSQL + " AS kind FROM proposals p ORDER BY p.id").map { try $0.string("kind") },
                       ["idea", "observation", "idea"])
    }
}
