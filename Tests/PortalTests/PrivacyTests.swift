import Foundation
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The terms and privacy pages (law 09-08), the consent box that points to them, and a
/// citizen erasing their proposal's personal data with its code.
final class PrivacyTests: XCTestCase {
    /// The personal columns of a proposal, as stored.
    private func personal(_ portal: Portal, _ code: String) throws -> [String: String?] {
        try portal.site.database.read { db in
            let row = try XCTUnwrap(try db.queryOne("""
                SELECT author_name, show_name, gender, age_band, association, neighbourhood, remote_address, title, description, status
                FROM proposals WHERE tracking_code = ?
                """, [code]))
            var values: [String: String?] = [:]
            for column in ["author_name", "gender", "age_band", "association", "neighbourhood", "remote_address", "title", "description", "status"] {
                values[column] = try row.optionalString(column)
            }
            values["show_name"] = String(try row.int("show_name"))
            return values
        }
    }

    private let identity: [(String, String)] = [("name", "Fatima Zahra"), ("gender", "woman"), ("age_band", "30-44"),
                                                ("association", "Association Nour"), ("neighbourhood", "Hay Salam")]

    func testTermsAndPrivacyInBothLanguagesSayWhatThePortalDoes() throws {
        let portal = try Portal()
        try portal.restart { $0.privacy.retentionMonths = 18 }
        for (path, texts) in [
            ("/fr/privacy", ["<h1>Vos données personnelles</h1>", "loi n° 09-08", "CNDP", "18 mois après la fin de la période du programme",
                             "effacée après 10 minutes", "Réseau Marocain des Collectivités Territoriales Ouvertes, qui fait fonctionner",
                             "Seul le comité de suivi de la commune", "jamais dans les données ouvertes ni les exports",
                             #"href="/fr/proposals""#, #"href="/fr/terms""#]),
            ("/ar/privacy", ["<h1>معطياتك الشخصية</h1>", "القانون رقم 09.08", "بعد 18 شهرا من نهاية مدة البرنامج", "بعد 10 دقائق",
                             "اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي", "الشبكة المغربية للجماعات الترابية المنفتحة، التي تشغل"]),
            ("/fr/terms", ["<h1>Conditions d&#39;utilisation</h1>", "Le code de suivi est la seule clé", "effacées 18 mois après",
                           #"href="/fr/privacy""#]),
            ("/ar/terms", ["<h1>شروط الاستعمال</h1>", "رمز التتبع هو المفتاح الوحيد لاقتراحك", "بعد 18 شهرا"]),
        ] {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            for text in texts { XCTAssertTrue(page.contains(text), "\(path): \(text)") }
        }
        // The body responsible, as the operator words it (escaped like any text).
        let configured = try Portal()
        try configured.restart { $0.privacy.controllerName = "Commune de Settat <Hôtel de ville>" }
        let page = configured.get("/ar/privacy")
        XCTAssertTrue(page.contains(#"<p class="controller" dir="auto">Commune de Settat &lt;Hôtel de ville&gt;</p>"#), page.body)
        XCTAssertFalse(page.contains("التي تشغل هذه المنصة"))
    }

    func testEveryPublicPageLinksToTheTermsAndPrivacyAndTheConsentBoxToo() throws {
        let portal = try Portal()
        for language in ["ar", "fr"] {
            for path in ["/\(language)/", "/\(language)/communes/settat/programs/2024-2025", "/\(language)/network", "/\(language)/no-such-page"] {
                let page = portal.get(path)
                XCTAssertTrue(page.contains(#"<a href="/\#(language)/terms">"#) && page.contains(#"<a href="/\#(language)/privacy">"#), path)
            }
        }
        for path in ["/fr/communes/demo/programs/2025-2026/proposals/new", "/ar/communes/demo/programs/2025-2026/proposals/new",
                     "/fr/communes/demo/programs/2025-2026/proposals/new-project"] {
            let body = portal.get(path).body
            let box = try XCTUnwrap(body.range(of: #"<input id="consent""#).map { String(body[$0.lowerBound...].prefix(900)) }, path)
            let language = path.hasPrefix("/ar") ? "ar" : "fr"
            XCTAssertTrue(box.contains(#"aria-describedby="consent-links""#), path)
            XCTAssertTrue(box.contains(#"<a href="/\#(language)/terms" target="_blank">"#) && box.contains(#"<a href="/\#(language)/privacy" target="_blank">"#), box)
        }
    }

    func testACitizenErasesTheirPersonalDataWithTheCodeAndAValidToken() throws {
        let portal = try Portal()
        let code = try portal.sendIdea(identity, address: "10.9.8.7")
        let erase = "/fr/proposals/\(code)/erase"
        XCTAssertTrue(portal.get("/fr/proposals/\(code)").contains(#"<a href="\#(erase)">Effacer mes données personnelles</a>"#))

        // The confirmation names what is held, never the values.
        let confirm = portal.get(erase)
        XCTAssertEqual(confirm.status, 200)
        XCTAssertEqual(confirm.headers["Cache-Control"], "no-store")
        for label in ["<li>Nom</li>", "<li>Genre</li>", "<li>Tranche d&#39;âge</li>", "<li>Association</li>", "<li>Quartier</li>",
                      "<li>Adresse réseau (IP) de la connexion</li>", #"<form class="proposal-form" method="post" action="\#(erase)""#] {
            XCTAssertTrue(confirm.contains(label), label)
        }
        for secret in ["Fatima", "Nour", "Hay Salam", "10.9.8.7"] { XCTAssertFalse(confirm.contains(secret), secret) }
        XCTAssertTrue(portal.get("/ar/proposals/\(code)/erase").contains("حذف معطياتك الشخصية"))

        // No token, a forged one, another site's form: 403, nothing erased, the form offered again.
        let before = try personal(portal, code)
        let missing = portal.post(erase, form: [])
        XCTAssertEqual(missing.status, 403)
        XCTAssertTrue(missing.contains("rien n&#39;a été effacé"), missing.body)
        XCTAssertTrue(missing.contains(#"name="token""#))
        let token = try portal.formToken(erase)
        XCTAssertEqual(portal.post(erase, form: [("token", String(token.prefix(33)) + String(repeating: "0", count: 64))]).status, 403)
        XCTAssertEqual(portal.post(erase, form: [("token", "abc")]).status, 403)
        XCTAssertEqual(try personal(portal, code), before)
        XCTAssertEqual(try auditRows(portal).count, 0)

        // With the form's token: erased, audited, and the page says so.
        let done = portal.post(erase, form: [("token", token)])
        XCTAssertEqual(done.status, 303)
        XCTAssertEqual(done.headers["Location"], erase + "?done=1")
        let after = try personal(portal, code)
        for column in ["author_name", "gender", "age_band", "association", "neighbourhood", "remote_address"] {
            XCTAssertEqual(after[column], .some(nil), column)
        }
        XCTAssertEqual(after["show_name"], "0")
        XCTAssertEqual(after["title"], "Un guichet numérique")
        XCTAssertEqual(after["description"], "Ouvrir un guichet\nen ligne.")
        XCTAssertEqual(after["status"], "processing")
        let page = portal.get(erase + "?done=1")
        XCTAssertTrue(page.contains("<h1>Données personnelles effacées</h1>") && page.contains("ont été effacées."), page.body)
        XCTAssertFalse(page.contains("<form"))

        let audit = try auditRows(portal)
        XCTAssertEqual(audit.count, 1)
        let entry = try XCTUnwrap(audit.first)
        XCTAssertEqual(try entry.string("action"), "delete")
        XCTAssertEqual(try entry.string("entity"), "proposal")
        XCTAssertEqual(try entry.optionalString("field"), "personal_data")
        XCTAssertEqual(try entry.optionalString("before"), "author_name, gender, age_band, association, neighbourhood, remote_address")
        XCTAssertNil(try entry.optionalInt("user_id"))
        XCTAssertEqual(try entry.string("user_name"), PersonalDataStore.citizenActor)
        XCTAssertNotNil(try entry.optionalInt("commune_id"))
        XCTAssertNil(try entry.optionalInt("program_id"), "erasing personal data does not update the program")

        // Sent again (Back, a second tap): nothing more to erase, no second entry, the same answer.
        XCTAssertEqual(portal.post(erase, form: [("token", token)]).status, 303)
        XCTAssertEqual(try auditRows(portal).count, 1)
        let nothing = portal.get(erase)
        XCTAssertTrue(nothing.contains("Cette proposition ne garde aucune donnée personnelle."))
        XCTAssertFalse(nothing.contains("<form"))
        // Unknown or malformed codes.
        XCTAssertEqual(portal.get("/fr/proposals/K7M2QX-4HBR9W-TZ3NPE/erase").status, 404)
        XCTAssertEqual(portal.post("/fr/proposals/K7M2QX-4HBR9W-TZ3NPE/erase", form: [("token", token)]).status, 404)
        XCTAssertEqual(portal.get("/fr/proposals/nonsense/erase").status, 404)
    }

    func testANameShownPubliclyIsErasedTooAndThePageSaysSo() throws {
        let portal = try Portal()
        let code = try portal.sendIdea([("name", "Youssef Amrani"), ("show_name", "yes")])
        XCTAssertTrue(portal.get("/fr/proposals/\(code)").contains("Youssef Amrani"))
        let erase = "/fr/proposals/\(code)/erase"
        XCTAssertTrue(portal.get(erase).contains("Votre nom est affiché avec la proposition : il sera effacé aussi"))
        XCTAssertEqual(portal.post(erase, form: [("token", try portal.formToken(erase))]).status, 303)
        let tracking = portal.get("/fr/proposals/\(code)")
        XCTAssertFalse(tracking.contains("Youssef Amrani"))
        XCTAssertFalse(tracking.contains("Proposée par"))
        // A proposal that never held anything says so and offers no form.
        let bare = try portal.sendIdea()
        try portal.site.database.write { db in _ = try db.run("UPDATE proposals SET remote_address = NULL WHERE tracking_code = ?", [bare]) }
        let page = portal.get("/fr/proposals/\(bare)/erase")
        XCTAssertTrue(page.contains("Cette proposition ne garde aucune donnée personnelle."))
        XCTAssertFalse(page.contains("<form") || page.contains("Données personnelles effacées"), "nothing was erased here")
    }

    func testTheCommitteeNoLongerSeesWhatWasErased() throws {
        let portal = try Portal()
        let code = try portal.sendIdea(identity)
        let id = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM proposals WHERE tracking_code = ?", [code], as: Int.self) })
        let committee = try portal.signIn(.committee, commune: "demo")
        let triage = "/admin/fr/communes/demo/programs/2025-2026/proposals/\(id)"
        let shown = portal.get(triage, as: committee)
        for value in ["Fatima Zahra", "Association Nour", "Hay Salam", "30 à 44 ans"] { XCTAssertTrue(shown.contains(value), value) }

        let erase = "/ar/proposals/\(code)/erase"
        XCTAssertEqual(portal.post(erase, form: [("token", try portal.formToken(erase))]).status, 303)
        XCTAssertTrue(portal.get(erase + "?done=1").contains("تم حذف المعطيات الشخصية لهذا الاقتراح."))
        let erased = portal.get(triage, as: committee)
        XCTAssertEqual(erased.status, 200)
        for value in ["Fatima Zahra", "Association Nour", "Hay Salam", "30 à 44 ans"] { XCTAssertFalse(erased.contains(value), value) }
        XCTAssertTrue(erased.contains("Un guichet numérique"), "the proposal itself stays")
        // Said as erased, not as never given.
        XCTAssertTrue(erased.contains("Données personnelles effacées le " + Format.date(MoroccoTime.day(Date()), .fr)), erased.body)
        XCTAssertFalse(erased.contains("n&#39;a donné aucune donnée personnelle"))
        XCTAssertTrue(shown.contains("Fatima Zahra") && !shown.contains("Données personnelles effacées"))
        // Its focal point reads the erasure in the commune's audit log.
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let log = portal.get("/admin/fr/audit", as: focal)
        XCTAssertTrue(log.contains(PersonalDataStore.citizenActor) && log.contains("personal_data"), log.body)
    }

    func testTheRetentionAndControllerFlagsAndTheirVariables() throws {
        guard case .serve(let defaults) = try Command.parse([]) else { return XCTFail() }
        XCTAssertEqual(defaults.retentionMonths, 12)
        XCTAssertNil(defaults.controllerName)
        guard case .serve(let flags) = try Command.parse(["--retention-months", "24", "--controller-name", "  Commune de Settat  "]) else { return XCTFail() }
        XCTAssertEqual(flags.retentionMonths, 24)
        XCTAssertEqual(flags.controllerName, "Commune de Settat")
        guard case .serve(let variables) = try Command.parse([], environment: ["INFITAH_RETENTION_MONTHS": "0", "INFITAH_CONTROLLER_NAME": "جماعة سطات"])
        else { return XCTFail() }
        XCTAssertEqual(variables.retentionMonths, 0)
        XCTAssertEqual(variables.controllerName, "جماعة سطات")
        XCTAssertThrowsError(try Command.parse(["--retention-months", "-1"]))
        XCTAssertThrowsError(try Command.parse(["--retention-months", "241"]))
        XCTAssertThrowsError(try Command.parse(["--controller-name", "a\nb"]))
        XCTAssertThrowsError(try Command.parse(["backup", "--to", "x", "--controller-name", "A"]))
        XCTAssertTrue(Command.usage.contains("--retention-months") && Command.usage.contains("INFITAH_CONTROLLER_NAME"))
    }

    private func auditRows(_ portal: Portal) throws -> [Row] {
        try portal.site.database.read { try $0.query("SELECT * FROM audit_log WHERE field = 'personal_data' ORDER BY id") }
    }
}

/// The personal-data store's SQL is written out (no text built at run time), so it must name
/// every personal column itself: a column added to `PersonalDataStore.columns` and forgotten in
/// one statement would be kept when it should be erased.
final class PersonalDataSQLTests: XCTestCase {
    func testEveryStatementNamesEveryPersonalColumn() {
        for column in PersonalDataStore.columns.map(\.name) {
            XCTAssertTrue(PersonalDataStore.heldFlags.contains("AS has_\(column)"), column)
            XCTAssertTrue(PersonalDataStore.eraseAll.contains("\(column) = NULL"), column)
            XCTAssertTrue(PersonalDataStore.eraseExpiredOfProgram.contains(column == "author_name"
                ? "author_name = CASE WHEN show_name = 1 THEN author_name END" : "\(column) = NULL"), column)
        }
    }
}
