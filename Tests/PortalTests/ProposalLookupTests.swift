import Foundation
import HTTP
import SQLite
import XCTest
@testable import Portal

extension Portal {
    /// An idea sent through the sandbox's open call as a citizen would (`extra` replaces or adds
    /// fields), from `address`; returns its tracking code.
    func sendIdea(_ extra: [(String, String)] = [], language: String = "fr", address: String = "127.0.0.1") throws -> String {
        let path = "/\(language)/communes/demo/programs/2025-2026/proposals/new"
        let fields = formFields([("token", try formToken(path)), ("website", ""), ("axis", "52"), ("title", "Un guichet numérique"),
                                 ("description", "Ouvrir un guichet\nen ligne."), ("consent", "yes")], extra)
        let receipt = post(path, form: fields, address: address)
        XCTAssertEqual(receipt.status, 303, receipt.body)
        let location = try XCTUnwrap(receipt.headers["Location"])
        return try XCTUnwrap(location.split(separator: "/").last?.split(separator: "?").first.map(String.init))
    }
}

/// Finding a proposal again from its code (`/{lang}/proposals`), the receipt's and the tracking
/// page's code, address and share link, and the order the tracking page tells its story in.
final class ProposalLookupTests: XCTestCase {
    func testTheLookUpFormInBothLanguagesAndWhereItIsLinkedFrom() throws {
        let portal = try Portal()
        for (language, title) in [("fr", "Suivre une proposition"), ("ar", "تتبع اقتراح")] {
            let page = portal.get("/\(language)/proposals")
            XCTAssertEqual(page.status, 200, language)
            XCTAssertEqual(page.headers["Cache-Control"], "no-store")
            XCTAssertTrue(page.contains("<h1>\(title)</h1>"), language)
            XCTAssertTrue(page.contains(#"<form class="proposal-form lookup-form" method="get" action="/\#(language)/proposals""#), language)
            XCTAssertTrue(page.contains(#"<input id="code" name="code" type="text" dir="ltr""#), language)
            XCTAssertFalse(page.contains("aria-invalid"), "no error before anything was typed")
            XCTAssertFalse(page.contains(#"name="token""#), "a read carries no token")
            // The footer of every public page, the home page included, leads to it.
            XCTAssertTrue(portal.get("/\(language)/").contains(#"<a href="/\#(language)/proposals">\#(title)</a>"#), language)
        }
        // So do the proposal pages: the form, the list, the tracking page.
        let code = try portal.sendIdea()
        for path in ["/fr/communes/demo/programs/2025-2026/proposals/new", "/fr/communes/demo/programs/2025-2026/proposals", "/fr/proposals/\(code)"] {
            let page = portal.get(path)
            XCTAssertTrue(page.contains(#"<p class="follow-link">"#) || page.contains(#"<p><a href="/fr/proposals">Suivre une autre proposition</a></p>"#), path)
        }
        XCTAssertEqual(portal.post("/fr/proposals", form: [("code", code)]).status, 405, "a look-up is a GET")
    }

    func testATypedCodeIsForgivenAndLeadsToItsTrackingPage() throws {
        let portal = try Portal()
        // A code with digits in each group, to type them on an Arabic keyboard.
        let sent = try portal.sendIdea()
        let code = "K7M2QX-4HBR9W-TZ3NPE"
        try portal.site.database.write { db in _ = try db.run("UPDATE proposals SET tracking_code = ? WHERE tracking_code = ?", [code, sent]) }
        let bare = code.replacingOccurrences(of: "-", with: "")
        let arabicIndic = String(code.map { c in c.wholeNumberValue.map { Character(UnicodeScalar(0x0660 + $0)!) } ?? c })
        let persian = String(code.lowercased().map { c in c.wholeNumberValue.map { Character(UnicodeScalar(0x06F0 + $0)!) } ?? c })
        let typed = [
            code, bare.lowercased(), " \(code.lowercased()) ",
            bare.enumerated().map { ($0.offset % 3 == 0 && $0.offset > 0 ? " " : "") + String($0.element) }.joined(),
            code.replacingOccurrences(of: "-", with: "–"), arabicIndic, persian,
            "\u{200F}" + code + "\u{200E}",
            "https://infitah.example.ma/ar/proposals/\(code)?received=1",
        ]
        for (language, text) in [("fr", typed), ("ar", typed)].flatMap({ pair in pair.1.map { (pair.0, $0) } }) {
            let page = portal.get("/\(language)/proposals?code=" + ShareLink.queryEncoded(text))
            XCTAssertEqual(page.status, 303, "\(language) \(text)")
            XCTAssertEqual(page.headers["Location"], "/\(language)/proposals/\(code)", text)
        }
        // The tracking URL itself forgives the same way (the harness hands the path over decoded, as the server does).
        XCTAssertEqual(portal.get("/ar/proposals/" + arabicIndic).status, 200)
    }

    func testWhatCannotBeACodeIsNamedBesideTheFieldAndWhatIsTypedIsKept() throws {
        let portal = try Portal()
        let empty = portal.get("/fr/proposals?code=%20%20-%20")
        XCTAssertEqual(empty.status, 422)
        XCTAssertTrue(empty.contains(#"<p class="field-error" id="code-error">Tapez le code de suivi de votre proposition.</p>"#), empty.body)
        XCTAssertTrue(empty.contains(#"aria-describedby="code-hint code-error" aria-invalid="true""#))

        let short = portal.get("/fr/proposals?code=" + ShareLink.queryEncoded("K7M2QX-4HBR<b>"))
        XCTAssertEqual(short.status, 422)
        XCTAssertTrue(short.contains("Vous avez tapé 13 lettres et chiffres ; un code de suivi en a 18."), short.body)
        XCTAssertTrue(portal.get("/fr/proposals?code=K").contains("Vous avez tapé 1 lettre ou chiffre ; un code de suivi en a 18."))
        XCTAssertTrue(portal.get("/ar/proposals?code=K7").contains("كتبت حرفين أو رقمين، ورمز التتبع يتكون من 18. تحقق منه في وصل الإرسال."))
        XCTAssertTrue(short.contains(#"value="K7M2QX-4HBR&lt;b&gt;""#), "what was typed is kept, escaped")

        // 0, 1, O, I and L are never in a code.
        let letters = portal.get("/fr/proposals?code=" + ShareLink.queryEncoded("K7M2QX-4HBR9W-TZ3NP0"))
        XCTAssertEqual(letters.status, 422)
        XCTAssertTrue(letters.contains("ni 0, ni 1, ni O, I ou L"), letters.body)

        let unknown = portal.get("/fr/proposals?code=" + ShareLink.queryEncoded("k7m2qx 4hbr9w tz3npe"))
        XCTAssertEqual(unknown.status, 404, "could be a code, but no proposal has it")
        XCTAssertTrue(unknown.contains(#"id="code-error">Aucune proposition n&#39;a ce code."#), unknown.body)
        XCTAssertTrue(unknown.contains(#"value="k7m2qx 4hbr9w tz3npe""#), "kept as typed")

        let arabic = portal.get("/ar/proposals?code=K7M2QX-4HBR9W-TZ3NPE")
        XCTAssertEqual(arabic.status, 404)
        XCTAssertTrue(arabic.contains("لا يوجد اقتراح بهذا الرمز."))
        XCTAssertTrue(portal.get("/ar/proposals?code=").contains("اكتب رمز تتبع اقتراحك."))
    }

    func testLookUpsHaveTheirOwnLimitApartFromSubmissions() throws {
        let portal = try Portal()
        try portal.restart { $0.lookupsPerTenMinutes = 3 }
        try portal.restart { $0.proposalsPerTenMinutes = 2 }
        let code = try portal.sendIdea(address: "10.0.0.7")
        let look = "/fr/proposals?code=\(code)"
        XCTAssertEqual(portal.get(look, address: "10.0.0.7").status, 303)
        XCTAssertEqual(portal.get("/fr/proposals?code=ABCDEF", address: "10.0.0.7").status, 422, "a wrong code counts too")
        XCTAssertEqual(portal.get(look, address: "10.0.0.7").status, 303)
        let limited = portal.get(look, address: "10.0.0.7")
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["Cache-Control"], "no-store")
        let retry = try XCTUnwrap(Int(limited.headers["Retry-After"] ?? ""))
        XCTAssertTrue((595...600).contains(retry), "\(retry)")
        XCTAssertTrue(limited.contains("<h1>Trop de recherches</h1>") && limited.contains("Réessayez dans 10 minutes."), limited.body)
        XCTAssertTrue(portal.get("/ar/proposals?code=\(code)", address: "10.0.0.7").contains("عمليات بحث كثيرة"))
        // Opening the form, another address, and the tracking page itself are not held back.
        XCTAssertEqual(portal.get("/fr/proposals", address: "10.0.0.7").status, 200)
        XCTAssertEqual(portal.get(look, address: "10.0.0.8").status, 303)
        XCTAssertEqual(portal.get("/fr/proposals/\(code)", address: "10.0.0.7").status, 200)
        // Look-ups used up nothing of the submissions: the second idea from this address is taken...
        _ = try portal.sendIdea(address: "10.0.0.7")
        // ...and the third is refused by the submissions' own limit, while a fresh address may still look up.
        let token = try portal.formToken("/fr/communes/demo/programs/2025-2026/proposals/new")
        XCTAssertEqual(portal.post("/fr/communes/demo/programs/2025-2026/proposals/new",
                                   form: [("token", token), ("axis", "52"), ("title", "T"), ("description", "D"), ("consent", "yes")],
                                   address: "10.0.0.7").status, 429)
        XCTAssertEqual(portal.get(look, address: "10.0.0.9").status, 303)
        // The window passes.
        let later = Date().addingTimeInterval(601)
        portal.site.clock.set { later }
        XCTAssertEqual(portal.get(look, address: "10.0.0.7").status, 303)
    }

    func testTheReceiptShowsTheAbsoluteAddressTheCodeAndAPlainShareLink() throws {
        let portal = try Portal()
        try portal.restart { $0.baseURL = "https://infitah.example.ma" }
        let code = try portal.sendIdea()
        let url = "https://infitah.example.ma/fr/proposals/\(code)"
        let whatsApp = "https://wa.me/?text=https%3A%2F%2Finfitah.example.ma%2Ffr%2Fproposals%2F\(code)"
        let receipt = portal.get("/fr/proposals/\(code)?received=1")
        XCTAssertEqual(receipt.status, 200)
        XCTAssertTrue(receipt.contains(#"<code class="code code-big copy" dir="ltr" translate="no">\#(code)</code>"#), receipt.body)
        XCTAssertTrue(receipt.contains(#"<code class="url copy" dir="ltr" translate="no">\#(url)</code>"#))
        XCTAssertTrue(receipt.contains(#"<a class="button share-whatsapp" href="\#(whatsApp)" rel="noopener noreferrer" target="_blank">Partager le lien sur WhatsApp</a>"#))
        XCTAssertFalse(receipt.contains("<script"), "no script")
        XCTAssertFalse(receipt.contains("?received=1</code>") || receipt.contains("received%3D1"), "the address to keep has no thanks mark")
        // The link's text decodes back to the address, whole.
        let href = try XCTUnwrap(receipt.body.range(of: #"https://wa\.me/\?text=[^"]+"#, options: .regularExpression).map { String(receipt.body[$0]) })
        XCTAssertEqual(URLComponents(string: href)?.queryItems?.first { $0.name == "text" }?.value, url)

        // The tracking page, in Arabic: the same address (its own language), the link, the code.
        let arabic = portal.get("/ar/proposals/\(code)")
        XCTAssertTrue(arabic.contains(#"<code class="url copy" dir="ltr" translate="no">https://infitah.example.ma/ar/proposals/\#(code)</code>"#))
        XCTAssertTrue(arabic.contains("https://wa.me/?text=https%3A%2F%2Finfitah.example.ma%2Far%2Fproposals%2F\(code)"))
        XCTAssertTrue(arabic.contains("مشاركة الرابط عبر واتساب"))
        XCTAssertTrue(arabic.contains(#"<code class="code copy" dir="ltr" translate="no">\#(code)</code>"#))
    }

    func testAShareLinkEncodesEverythingButTheUnreservedCharacters() {
        XCTAssertEqual(ShareLink.queryEncoded("https://x.ma/a?b=1&c=d#e f"), "https%3A%2F%2Fx.ma%2Fa%3Fb%3D1%26c%3Dd%23e%20f")
        XCTAssertEqual(ShareLink.queryEncoded("é-_.~+"), "%C3%A9-_.~%2B")
        XCTAssertEqual(ShareLink("https://x.ma/ar/proposals/ABC").whatsappHref, "https://wa.me/?text=https%3A%2F%2Fx.ma%2Far%2Fproposals%2FABC")
    }

    func testTheTrackingPageTellsTheTextThenTheDatedAnswerThenTheProject() throws {
        let portal = try Portal()
        let code = try portal.sendIdea([("title", "Éclairer la rue des écoles"), ("description", "Des lampadaires solaires.")])
        let id = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM proposals WHERE tracking_code = ?", [code], as: Int.self) })
        let tracking = "/fr/proposals/\(code)"
        let before = portal.get(tracking)
        XCTAssertTrue(before.contains("Pas encore de réponse."))
        XCTAssertFalse(before.contains("Réponse du"))

        // The committee answers through the triage page.
        let committee = try portal.signIn(.committee, commune: "demo")
        let status = "/admin/fr/communes/demo/programs/2025-2026/proposals/\(id)/status"
        XCTAssertEqual(portal.post(status, form: [("status", "integrated"), ("project", "52"), ("answer", "Retenue dans le projet 2.")], as: committee).status, 303)
        // Late in the UTC day of 12 May is already 13 May in Morocco (UTC+1 outside Ramadan).
        try portal.site.database.write { db in
            _ = try db.run("UPDATE proposals SET answered_at = '2026-05-12T23:30:00Z' WHERE id = ?", [id])
        }
        for (language, text, answer, project, day) in [
            ("fr", "Des lampadaires solaires.", "Réponse de la commune", "Le projet qui l&#39;a reprise", "13 mai 2026"),
            ("ar", "Des lampadaires solaires.", "جواب الجماعة", "المشروع الذي تبناه", "13 ماي 2026"),
        ] {
            let page = portal.get("/\(language)/proposals/\(code)")
            XCTAssertEqual(page.status, 200)
            let body = page.body
            func at(_ text: String) throws -> String.Index { try XCTUnwrap(body.range(of: text), "\(language): \(text)").lowerBound }
            let order = [try at(text), try at(answer), try at(#"<time datetime="2026-05-13">\#(day)</time>"#),
                         try at("Retenue dans le projet 2."), try at(project),
                         try at(#"href="/\#(language)/communes/demo/programs/2025-2026/projects/2""#)]
            XCTAssertEqual(order, order.sorted(), "\(language): text, answer with its date, then the project")
        }
        // A decision without text still says when, and that there is no text.
        try portal.site.database.write { db in _ = try db.run("UPDATE proposals SET public_answer = NULL, status = 'accepted' WHERE id = ?", [id]) }
        let silent = portal.get(tracking)
        XCTAssertTrue(silent.contains("Réponse du <time datetime=\"2026-05-13\">13 mai 2026</time>"), silent.body)
        XCTAssertTrue(silent.contains("La commune n&#39;a pas ajouté de texte à sa décision."))
        XCTAssertFalse(silent.contains("Pas encore de réponse."))
        XCTAssertFalse(silent.contains("Le projet qui l&#39;a reprise"), "no project unless integrated")
    }

    func testTheLookUpRateFlagAndItsVariable() throws {
        guard case .serve(let defaults) = try Command.parse([]) else { return XCTFail() }
        XCTAssertEqual(defaults.lookupRate, 30)
        guard case .serve(let flag) = try Command.parse(["--lookup-rate", "60"]) else { return XCTFail() }
        XCTAssertEqual(flag.lookupRate, 60)
        guard case .serve(let variable) = try Command.parse([], environment: ["INFITAH_LOOKUP_RATE": "5"]) else { return XCTFail() }
        XCTAssertEqual(variable.lookupRate, 5)
        XCTAssertThrowsError(try Command.parse(["--lookup-rate", "0"]))
        XCTAssertThrowsError(try Command.parse(["migrate", "--lookup-rate", "5"]))
        let portal = try Portal()
        XCTAssertEqual(portal.site.lookupRateLimit.limit, 30)
        XCTAssertEqual(portal.site.lookupRateLimit.window, 600)
    }
}

