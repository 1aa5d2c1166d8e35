import Foundation
import HTTP
import SQLite
import XCTest
@testable import Portal

/// The citizen's proposal form, end to end against a freshly seeded store: the sandbox
/// commune `demo` has an ideas call open from the database's creation for 30 days.
final class ProposalTests: XCTestCase {
    let formPath = "/fr/communes/demo/programs/2025-2026/proposals/new"
    let arFormPath = "/ar/communes/demo/programs/2025-2026/proposals/new"

    private func token(_ portal: Portal, _ path: String? = nil) throws -> String { try portal.formToken(path ?? formPath) }

    private func valid(_ token: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        formFields([("token", token), ("website", ""), ("axis", "52"),
                   ("title", "Un guichet numérique"), ("description", "Ouvrir un guichet\nen ligne."),
                   ("consent", "yes")], extra)
    }

    private func count(_ portal: Portal) throws -> Int { try portal.proposalCount() }

    private func window(_ portal: Portal) throws -> (opens: Date, closes: Date) { try portal.callWindow(501) }

    func testFormIsShownWhileTheCallIsOpenAndTheOverviewSaysSo() throws {
        let portal = try Portal()
        let page = portal.get(formPath)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["Cache-Control"], "no-store")
        XCTAssertTrue(page.contains(#"<form class="proposal-form" method="post" action="\#(formPath)""#))
        XCTAssertTrue(page.contains("Digitalisation (exemple)"))
        XCTAssertTrue(page.contains(#"name="website""#) && page.contains(#"tabindex="-1""#))
        XCTAssertTrue(page.contains("heure du Maroc"))
        // Two visitors never share a form token (the page is not cached).
        XCTAssertNotEqual(try token(portal), try token(portal))

        let overview = portal.get("/fr/communes/demo/programs/2025-2026")
        XCTAssertTrue(overview.contains("Appels à participation"))
        XCTAssertTrue(overview.contains("Ouvert"))
        XCTAssertTrue(overview.contains("Consultation sur le projet de programme"))
        XCTAssertTrue(overview.contains(#"href="\#(formPath)""#))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026").contains("مفتوح"))
        // A program without calls shows no calls section.
        XCTAssertFalse(portal.get("/fr/communes/taroudant/programs/2024-2025").contains("Appels à participation"))
    }

    func testTheWindowEdgesToTheSecond() throws {
        let portal = try Portal()
        let (opens, closes) = try window(portal)
        let token = try token(portal)

        portal.site.clock.set { opens.addingTimeInterval(-1) }
        let before = portal.get(formPath)
        XCTAssertEqual(before.status, 200)
        XCTAssertTrue(before.contains("L&#39;appel à idées n&#39;est pas ouvert"))
        XCTAssertTrue(before.contains("À venir"))
        XCTAssertTrue(before.contains("Ouverture le"))
        XCTAssertFalse(before.contains("<form"))
        XCTAssertEqual(portal.post(formPath, form: valid(token)).status, 409)

        portal.site.clock.set { opens }
        XCTAssertTrue(portal.get(formPath).contains("<form"))

        portal.site.clock.set { closes.addingTimeInterval(1) }
        let after = portal.get(formPath)
        XCTAssertTrue(after.contains("Clos depuis le"))
        XCTAssertFalse(after.contains("<form"))
        let refused = portal.post(formPath, form: valid(token))
        XCTAssertEqual(refused.status, 409)
        XCTAssertTrue(refused.contains("Clos"))
        XCTAssertTrue(portal.get(arFormPath).contains("باب تلقي الأفكار غير مفتوح"))
        XCTAssertEqual(try count(portal), 0)

        portal.site.clock.set { closes.addingTimeInterval(-1) }
        XCTAssertEqual(portal.post(formPath, form: valid(token)).status, 303)
        XCTAssertEqual(try count(portal), 1)
    }

    func testEveryValidationRuleKeepsWhatWasTypedInBothLanguages() throws {
        let portal = try Portal()
        let token = try token(portal)
        let typed: [(String, String)] = [("name", "Fatima Zahra"), ("association", "Jeunes & Avenir"), ("neighbourhood", "Hay Salam"),
                                         ("description", "Ma description <gardée>"), ("show_name", "yes")]
        // Missing title and consent, unknown axis, gender and age band.
        var fields = valid(token, typed + [("title", "   "), ("axis", "11"), ("gender", "robot"), ("age_band", "200")])
        fields.removeAll { $0.0 == "consent" }
        let fr = portal.post(formPath, form: fields)
        XCTAssertEqual(fr.status, 422)
        XCTAssertTrue(fr.contains("Ce champ est obligatoire."))
        XCTAssertTrue(fr.contains("Vous devez accepter les conditions d&#39;utilisation"))
        XCTAssertTrue(fr.contains(#"<p class="field-error" id="axis-error">Choisissez une des options proposées.</p>"#))
        XCTAssertTrue(fr.contains(#"id="gender-error""#) && fr.contains(#"id="age_band-error""#))
        XCTAssertTrue(fr.contains(#"value="Fatima Zahra""#))
        XCTAssertTrue(fr.contains(#"value="Jeunes &amp; Avenir""#))
        XCTAssertTrue(fr.contains(#"value="Hay Salam""#))
        XCTAssertTrue(fr.contains("Ma description &lt;gardée&gt;</textarea>"))
        XCTAssertTrue(fr.contains(#"value="yes" checked"#))
        XCTAssertTrue(fr.contains(#"value="\#(token)""#), "the same form token is kept for the corrected form")

        let ar = portal.post(arFormPath, form: fields)
        XCTAssertEqual(ar.status, 422)
        XCTAssertTrue(ar.contains("هذا الحقل إجباري."))
        XCTAssertTrue(ar.contains("يجب الموافقة على شروط الاستعمال"))
        XCTAssertTrue(ar.contains(#"value="Fatima Zahra""#))

        // Maximum lengths: 150 for the title, 5000 for the description (counted in characters).
        let long = portal.post(formPath, form: valid(token, [("title", String(repeating: "é", count: 151)),
                                                            ("description", String(repeating: "ب", count: 5001))]))
        XCTAssertEqual(long.status, 422)
        XCTAssertTrue(long.contains("Ce texte est trop long : 150 caractères au plus."))
        XCTAssertTrue(long.contains("Ce texte est trop long : 5") && long.contains("000 caractères au plus."))
        XCTAssertTrue(portal.post(arFormPath, form: valid(token, [("title", String(repeating: "é", count: 151))])).contains("هذا النص طويل جدا"))
        // Missing axis when the call has axes.
        XCTAssertTrue(portal.post(formPath, form: valid(token, [("axis", "")])).contains(#"id="axis-error">Ce champ est obligatoire."#))
        XCTAssertEqual(try count(portal), 0)

        // Exactly at the limits is fine.
        XCTAssertEqual(portal.post(formPath, form: valid(token, [("title", String(repeating: "é", count: 150))])).status, 303)
    }

    func testTextIsStoredInNFCTrimmedAndControlCharactersAreRefused() throws {
        let portal = try Portal()
        let control = portal.post(formPath, form: valid(try token(portal), [("title", "Bell\u{7}e idée")]))
        XCTAssertEqual(control.status, 422)
        XCTAssertTrue(control.contains(#"id="title-error">Ce texte contient des caractères non autorisés."#))
        XCTAssertTrue(portal.post(arFormPath, form: valid(try token(portal), [("description", "a\u{0}b")])).contains("رموز غير مسموح بها"))
        XCTAssertEqual(portal.post(formPath, form: valid(try token(portal), [("name", "Ali\nBaba")])).status, 422)
        XCTAssertEqual(try count(portal), 0)

        let decomposed = "  Cafe\u{301} du quartier \n"
        let ok = portal.post(formPath, form: valid(try token(portal), [("title", decomposed), ("description", "Ligne 1\r\n\tLigne 2  ")]))
        XCTAssertEqual(ok.status, 303)
        let row = try XCTUnwrap(try portal.site.database.read { try $0.queryOne("SELECT title, description FROM proposals") })
        let title = try row.string("title")
        XCTAssertEqual(Array(title.unicodeScalars), Array("Caf\u{E9} du quartier".unicodeScalars))
        XCTAssertEqual(try row.string("description"), "Ligne 1\r\n\tLigne 2")
    }

    func testMissingOrForgedTokenIsRefusedAndNothingIsKept() throws {
        let portal = try Portal()
        let real = try token(portal)
        var fields = valid(real)
        fields.removeAll { $0.0 == "token" }
        let missing = portal.post(formPath, form: fields)
        XCTAssertEqual(missing.status, 403)
        XCTAssertTrue(missing.contains("Rien n&#39;a été enregistré"))
        XCTAssertTrue(missing.contains(#"href="\#(formPath)""#))
        XCTAssertFalse(missing.contains("Un guichet numérique"), "nothing typed is echoed back")

        let nonce = String(real.prefix(32))
        let forged = portal.post(arFormPath, form: valid(nonce + "." + String(repeating: "0", count: 64)))
        XCTAssertEqual(forged.status, 403)
        XCTAssertTrue(forged.contains("لم يسجل أي شيء"))
        XCTAssertEqual(portal.post(formPath, form: valid("abc")).status, 403)
        XCTAssertEqual(try count(portal), 0)
    }

    func testHoneypotLooksAcceptedButStoresNothing() throws {
        let portal = try Portal()
        let trapped = portal.post(formPath, form: valid(try token(portal), [("website", "http://spam.example")]))
        XCTAssertEqual(trapped.status, 303)
        XCTAssertEqual(trapped.headers["Location"], "/fr/proposals/thanks")
        XCTAssertEqual(portal.get("/fr/proposals/thanks").status, 200)
        XCTAssertTrue(portal.get("/ar/proposals/thanks").contains("توصلنا باقتراحك"))
        XCTAssertEqual(try count(portal), 0)
    }

    func testTheSameFormSentTwiceIsOneProposalWithOneReceipt() throws {
        let portal = try Portal()
        let token = try token(portal)
        let first = portal.post(formPath, form: valid(token))
        let second = portal.post(formPath, form: valid(token, [("title", "Changé après retour")]))
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(second.status, 303)
        XCTAssertEqual(first.headers["Location"], second.headers["Location"])
        XCTAssertEqual(try count(portal), 1)
        // A new form is a new proposal.
        XCTAssertNotEqual(portal.post(formPath, form: valid(try self.token(portal))).headers["Location"], first.headers["Location"])
        XCTAssertEqual(try count(portal), 2)
    }

    func testRateLimitPerAddressSaysWhenToComeBack() throws {
        let portal = try Portal()
        try portal.restart { $0.proposalsPerTenMinutes = 2 }
        XCTAssertEqual(portal.post(formPath, form: valid(try token(portal)), address: "10.0.0.7").status, 303)
        XCTAssertEqual(portal.post(formPath, form: valid(try token(portal)), address: "10.0.0.7").status, 303)
        let limited = portal.post(formPath, form: valid(try token(portal)), address: "10.0.0.7")
        XCTAssertEqual(limited.status, 429)
        let retry = try XCTUnwrap(Int(limited.headers["Retry-After"] ?? ""))
        XCTAssertTrue((595...600).contains(retry), "\(retry)")
        XCTAssertTrue(limited.contains("Réessayez dans 10 minutes."))
        XCTAssertEqual(try count(portal), 2)
        // Another address is not held back; and the window passes.
        XCTAssertEqual(portal.post(formPath, form: valid(try token(portal)), address: "10.0.0.8").status, 303)
        let later = Date().addingTimeInterval(601)
        portal.site.clock.set { later }
        XCTAssertEqual(portal.post(formPath, form: valid(try token(portal)), address: "10.0.0.7").status, 303)
        XCTAssertEqual(try count(portal), 4)
    }

    func testReceiptTrackingPageAndStatusChangesShowAtOnce() throws {
        let portal = try Portal()
        let receipt = portal.post(formPath, form: valid(try token(portal), [
            ("name", "Fatima Zahra"), ("gender", "woman"), ("age_band", "30-44"),
            ("association", "Association Secrète"), ("neighbourhood", "Hay Inconnu")]), address: "10.9.8.7")
        XCTAssertEqual(receipt.status, 303)
        let receiptLocation = try XCTUnwrap(receipt.headers["Location"])
        XCTAssertNotNil(receiptLocation.range(of: #"^/fr/proposals/[A-HJKMNP-Z2-9]{6}-[A-HJKMNP-Z2-9]{6}-[A-HJKMNP-Z2-9]{6}\?received=1$"#,
                                              options: .regularExpression), receiptLocation)
        let stored = try portal.site.database.read { try $0.scalar("SELECT tracking_code FROM proposals", as: String.self) }
        XCTAssertEqual(receiptLocation, "/fr/proposals/" + (stored ?? "") + "?received=1")
        // The code's own URL, the one to keep.
        let location = String(receiptLocation.prefix { $0 != "?" })

        let page = portal.get(location)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("En cours de traitement"))
        XCTAssertTrue(page.contains("Un guichet numérique"))
        XCTAssertTrue(page.contains("Axe 2 : Digitalisation (exemple)"))
        XCTAssertTrue(page.contains("Pas encore de réponse."))
        for secret in ["Fatima", "Secrète", "Inconnu", "Femme", "30 à 44", "10.9.8.7"] {
            XCTAssertFalse(page.contains(secret), secret)
        }
        // Any case, with or without dashes.
        let bare = location.replacingOccurrences(of: "/fr/proposals/", with: "").replacingOccurrences(of: "-", with: "").lowercased()
        XCTAssertEqual(bare.count, 18)
        XCTAssertEqual(portal.get("/ar/proposals/" + bare).status, 200)
        XCTAssertTrue(portal.get("/ar/proposals/" + bare).contains("قيد المعالجة"))

        // The commune answers: the page (cached a moment ago) shows it at once.
        try portal.site.database.write { db in
            _ = try db.run("UPDATE proposals SET status = 'integrated', integrated_project_id = 52, public_answer = 'Retenue dans le projet 2.'")
        }
        let updated = portal.get(location)
        XCTAssertTrue(updated.contains("Intégrée à un projet"))
        XCTAssertTrue(updated.contains("Retenue dans le projet 2."))
        XCTAssertTrue(updated.contains(#"href="/fr/communes/demo/programs/2025-2026/projects/2""#))
        XCTAssertFalse(updated.contains("Fatima"))
    }

    func testANameIsShownOnlyWhenAskedFor() throws {
        let portal = try Portal()
        let receipt = portal.post(formPath, form: valid(try token(portal), [("name", "Youssef Amrani"), ("show_name", "yes")]))
        let page = portal.get(try XCTUnwrap(receipt.headers["Location"]))
        XCTAssertTrue(page.contains("Proposée par"))
        XCTAssertTrue(page.contains("Youssef Amrani"))
    }

    func testTheReceiptThanksOnceAndTheCodesOwnURLDoesNot() throws {
        let portal = try Portal()
        let receipt = portal.post(formPath, form: valid(try token(portal)))
        let landing = try XCTUnwrap(receipt.headers["Location"])
        XCTAssertTrue(landing.hasSuffix("?received=1"), landing)
        let code = try XCTUnwrap(landing.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        let own = "/fr/proposals/" + code

        let thanked = portal.get(landing)
        XCTAssertEqual(thanked.status, 200)
        XCTAssertTrue(thanked.contains(#"<div class="received" role="status">"#))
        XCTAssertTrue(thanked.contains("Votre proposition a bien été reçue. Merci !"))
        XCTAssertTrue(thanked.contains("ajoutez cette page à vos favoris"))
        // It names the URL to keep (absolute, without the mark) and shows the code, both to select whole.
        XCTAssertTrue(thanked.contains(#"<code class="url copy" dir="ltr" translate="no">http://127.0.0.1:8080\#(own)</code>"#))
        XCTAssertTrue(thanked.contains(#"<code class="code code-big copy" dir="ltr" translate="no">\#(code)</code>"#))
        // Switching language right away keeps the thanks.
        XCTAssertTrue(thanked.contains(#"href="/ar/proposals/\#(code)?received=1""#))
        XCTAssertEqual(thanked.headers["Cache-Control"], "private, no-store", "a tracking page's address is its reader's key: no shared cache keeps it")

        // A later visit to the code's URL (bookmark, typed code, other language): no thanks.
        for later in [own, "/ar/proposals/" + code, "/fr/proposals/" + code.lowercased()] {
            let page = portal.get(later)
            XCTAssertEqual(page.status, 200, later)
            XCTAssertFalse(page.contains(#"class="received""#), later)
            XCTAssertTrue(page.contains(code), later)
        }
        XCTAssertTrue(portal.get(own).contains("Gardez ce code ou l&#39;adresse de cette page"))
        XCTAssertTrue(portal.get("/ar/proposals/" + code + "?received=1").contains("توصلنا باقتراحك، شكرا لك."))
        // Any other value of the mark is not the receipt.
        XCTAssertFalse(portal.get(own + "?received=yes").contains(#"class="received""#))
    }

    func testTheRateLimiterForgetsOnlyWhatLeftTheWindow() {
        let limiter = RateLimiter(limit: 3, window: 10)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for second in 0..<3 { XCTAssertNil(limiter.admit("a", at: start.addingTimeInterval(Double(second)))) }
        XCTAssertEqual(limiter.admit("a", at: start.addingTimeInterval(3)), 7)
        XCTAssertNil(limiter.admit("b", at: start.addingTimeInterval(3)), "each address has its own count")
        // At 10 s the first one has left the window: one more, then the wait is until the second leaves.
        XCTAssertNil(limiter.admit("a", at: start.addingTimeInterval(10)))
        XCTAssertEqual(limiter.admit("a", at: start.addingTimeInterval(10.5)), 0.5 + 0.5 + 0)
        XCTAssertNil(limiter.admit("a", at: start.addingTimeInterval(30)), "all gone after a quiet window")
    }

    func testCallTimesArePrintedPerLanguageEvenWhenRemembered() throws {
        let portal = try Portal()
        let date = try Call.parse("2023-06-14T17:00:00Z")
        for _ in 0..<2 {
            let french = PageRequest(route: .home(.fr), language: .fr, translations: portal.site.templates.translations)
            let arabic = PageRequest(route: .home(.ar), language: .ar, translations: portal.site.templates.translations)
            XCTAssertEqual(Call.moroccoTime(date, page: french), "14 juin 2023 à 18:00 (heure du Maroc)")
            XCTAssertTrue(Call.moroccoTime(date, page: arabic).contains("18:00"))
            XCTAssertNotEqual(Call.moroccoTime(date, page: arabic), Call.moroccoTime(date, page: french))
        }
    }

    func testUnknownCodesAre404() throws {
        let portal = try Portal()
        XCTAssertEqual(portal.get("/fr/proposals/ABCDEF-ABCDEF-ABCDEF").status, 404)
        XCTAssertEqual(portal.get("/fr/proposals/not-a-code").status, 404)
        XCTAssertEqual(portal.get("/ar/proposals/0000").status, 404)
    }

    func testBodiesThatAreNotAFormAreRefused() throws {
        let portal = try Portal()
        let json = portal.post(formPath, body: Array(#"{"title":"x"}"#.utf8), headers: [("Content-Type", "application/json")])
        XCTAssertEqual(json.status, 415)
        XCTAssertEqual(portal.post(formPath, body: Array("title=%zz".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")]).status, 400)
        XCTAssertEqual(portal.post(formPath, body: Array("title=%ff%fe".utf8), headers: [("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")]).status, 400)
        XCTAssertEqual(try count(portal), 0)
        // Other pages still take no POST.
        XCTAssertEqual(portal.post("/fr/communes/demo", form: []).status, 405)
    }

    func testFormDataDecoding() throws {
        let form = try FormData(urlEncoded: Array("a=1+2&b=%C3%A9t%C3%A9&&c&a=3&d=".utf8))
        XCTAssertEqual(form["a"], "1 2")
        XCTAssertEqual(form.values("a"), ["1 2", "3"])
        XCTAssertEqual(form["b"], "été")
        XCTAssertEqual(form["c"], "")
        XCTAssertEqual(form["d"], "")
        XCTAssertNil(form["e"])
        XCTAssertThrowsError(try FormData(urlEncoded: Array("a=%4".utf8)))
        XCTAssertThrowsError(try FormData(urlEncoded: Array([0x61, 0x3D, 0xFF])))
    }

    func testTrackingCodesAreLongReadableAndDistinct() {
        let codes = (0..<200).map { _ in TrackingCode.make() }
        XCTAssertEqual(Set(codes).count, 200)
        for code in codes {
            XCTAssertEqual(code.count, 20)
            XCTAssertEqual(TrackingCode.canonical(code.lowercased().replacingOccurrences(of: "-", with: "")), code)
            XCTAssertFalse(code.contains { "0O1IL".contains($0) })
        }
        // 31 symbols, 18 of them: log2(31^18) > 80 bits.
        XCTAssertGreaterThan(Double(TrackingCode.length) * log2(Double(TrackingCode.alphabet.count)), 80)
    }

    func testEveryProposalKeyIsInBothCatalogs() throws {
        let portal = try Portal()
        let translations = portal.site.templates.translations
        // Plural forms differ by language (French has no "two"): CatalogTests checks those.
        let keys = translations.allKeys.filter { ($0.hasPrefix("proposal.") || $0.hasPrefix("call.")) && !$0.contains("[") }
        XCTAssertGreaterThan(keys.count, 60)
        for key in keys {
            XCTAssertNotNil(translations.text(key, .ar), key)
            XCTAssertNotNil(translations.text(key, .fr), key)
        }
        XCTAssertTrue(translations.keysMissing(in: .ar).isEmpty && translations.keysMissing(in: .fr).isEmpty)
    }
}
