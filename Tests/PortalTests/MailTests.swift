import Foundation
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The mail notices, opt-in (issue 12), against a freshly seeded store and real sendmail-
/// interface programs: small /bin/sh scripts written to the test's folder, which take a message
/// on their standard input the way msmtp or exim do (keep it in a file, fail, or hang). The
/// sender's clock is the test's, so back-off and dead letters are walked without waiting.
final class MailTests: XCTestCase {
    let form = "/ar/communes/demo/programs/2025-2026/proposals/new"
    let triage = "/admin/fr/communes/demo/programs/2025-2026/proposals"
    let address = "Fatima.Zahra@Example.MA"
    let stored = "Fatima.Zahra@example.ma"

    // MARK: - Helpers

    /// A program of the sendmail interface, written to the portal's folder.
    private func script(_ portal: Portal, _ name: String, _ body: String) throws -> String {
        let url = portal.folder.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    /// Mail on with a command that keeps each message it is given in `box/N.eml`; returns the box.
    @discardableResult
    private func mailOn(_ portal: Portal, command: String? = nil) throws -> URL {
        let box = portal.folder.appendingPathComponent("box")
        try FileManager.default.createDirectory(at: box, withIntermediateDirectories: true)
        let sink = try command ?? script(portal, "sink", #"n=$(ls "\#(box.path)" | wc -l); cat > "\#(box.path)/$((n + 1)).eml""#)
        var settings = MailSettings(command: [sink])
        settings.sendInterval = 0
        settings.timeout = 5
        try portal.restart { $0.mail = settings }
        try portal.restart { $0.baseURL = "https://infitah.example.ma" }
        return box
    }

    /// The site's own sender (made because mail is on; never started unless a test starts it).
    private func sender(_ portal: Portal) -> MailSender { portal.site.mailSender! }

    /// The messages the sink kept, in the order they were handed over.
    private func messages(_ box: URL) throws -> [Mail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: box.path).filter { $0.hasSuffix(".eml") }
            .sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }
        return try names.map { try Mail(String(contentsOf: box.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// An idea sent through the form with `email`; returns its code.
    private func send(_ portal: Portal, email: String?, language: String = "ar", title: String = "إنارة الأزقة في حي النهضة") throws -> String {
        let path = "/\(language)/communes/demo/programs/2025-2026/proposals/new"
        var fields = [("token", try portal.formToken(path)), ("website", ""), ("axis", "52"), ("title", title),
                      ("description", "مصابيح تعمل بالطاقة الشمسية قرب المدرسة."), ("consent", "yes")]
        if let email { fields.append(("email", email)) }
        let receipt = portal.post(path, form: fields)
        XCTAssertEqual(receipt.status, 303, receipt.body)
        return try XCTUnwrap(receipt.headers["Location"]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
    }

    private func id(_ portal: Portal, _ code: String) throws -> Int {
        try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM proposals WHERE tracking_code = ?", [code], as: Int.self) })
    }

    private func outbox(_ portal: Portal) throws -> [(kind: String, language: String, state: String, attempts: Int, proposal: Int)] {
        try portal.site.database.read { db in
            try db.query("SELECT kind, language, state, attempts, proposal_id FROM mail_outbox ORDER BY id").map {
                (try $0.string("kind"), try $0.string("language"), try $0.string("state"), try $0.int("attempts"), try $0.int("proposal_id"))
            }
        }
    }

    /// The path of a link in a message's body (`/ar/mail/confirm/…`).
    private func link(_ mail: Mail, _ kind: String) throws -> String {
        let base = "https://infitah.example.ma"
        let line = try XCTUnwrap(mail.body.split(separator: "\r\n").first { $0.hasPrefix(base) && $0.contains("/mail/\(kind)/") }, mail.body)
        return String(line.dropFirst(base.count))
    }

    /// Confirms the address of the first confirmation message in the box, as a person would: GET, then the button's POST.
    private func confirm(_ portal: Portal, _ box: URL, message index: Int = 0) throws {
        let path = try link(try messages(box)[index], "confirm")
        XCTAssertEqual(portal.get(path).status, 200)
        XCTAssertEqual(portal.post(path, form: []).status, 303)
    }

    private func decide(_ portal: Portal, _ staff: Staff, _ id: Int, _ form: [(String, String)]) {
        let page = portal.post("\(triage)/\(id)/status", form: form, as: staff)
        XCTAssertEqual(page.status, 303, page.body)
    }

    // MARK: - The form

    func testTheFieldIsShownOnlyWhenMailIsOnOnEveryCitizenForm() throws {
        let portal = try Portal()
        let forms = ["/ar/communes/demo/programs/2025-2026/proposals/new", "/fr/communes/demo/programs/2025-2026/proposals/new-project",
                     "/fr/communes/demo/programs/2025-2026/projects/2/observations/new"]
        for path in forms { XCTAssertFalse(portal.get(path).contains(#"name="email""#), path) }
        // Off, an address posted anyway is not kept, and nothing is queued.
        let code = try send(portal, email: address)
        XCTAssertNil(try portal.site.database.read { try $0.scalar("SELECT email FROM proposals WHERE tracking_code = ?", [code], as: String.self) })
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT language FROM proposals WHERE tracking_code = ?", [code], as: String.self) }, "ar")
        XCTAssertEqual(try outbox(portal).count, 0)
        XCTAssertFalse(portal.get("/ar/proposals/\(code)?received=1").contains("رسالة تطلب تأكيده"))

        try mailOn(portal)
        for path in forms {
            let page = portal.get(path)
            XCTAssertTrue(page.contains(#"<input id="email" name="email" type="email" inputmode="email" autocomplete="email" dir="ltr""#), path)
            XCTAssertTrue(page.contains(#"aria-describedby="email-hint""#), path)
        }
        XCTAssertTrue(portal.get(forms[0]).contains("بريدك الإلكتروني (اختياري)"))
        XCTAssertTrue(portal.get(forms[1]).contains("Votre adresse électronique (facultative)"))
    }

    func testAnAddressThatCannotBeOneIsRefusedBesideTheFieldInThePagesLanguage() throws {
        let portal = try Portal()
        try mailOn(portal)
        let count = try portal.proposalCount()
        for (path, typed, text) in [
            (form, "fatima@", "هذا ليس عنوان بريد إلكتروني"),
            (form, "فاطمة@مثال.المغرب", "اكتب العنوان بالحروف اللاتينية"),
            ("/fr/communes/demo/programs/2025-2026/proposals/new", "fatima@example.ma, boss@example.ma", "Ce n&#39;est pas une adresse électronique"),
            ("/fr/communes/demo/programs/2025-2026/proposals/new", "fatima@example.ma\r\nBcc: x@example.ma", "Ce n&#39;est pas une adresse électronique"),
        ] {
            let page = portal.post(path, form: [("token", try portal.formToken(path)), ("axis", "52"), ("title", "Titre"),
                                                ("description", "Texte"), ("consent", "yes"), ("email", typed)])
            XCTAssertEqual(page.status, 422, typed)
            XCTAssertTrue(page.contains(#"<p class="field-error" id="email-error">"#) && page.contains(text), "\(typed): \(page.body)")
            XCTAssertTrue(page.contains(#"aria-describedby="email-hint email-error" aria-invalid="true""#), typed)
            XCTAssertTrue(page.contains(#"maxlength="150" value="Titre""#), "typed values kept: \(typed)")
        }
        XCTAssertEqual(try portal.proposalCount(), count, "nothing stored")
        let kept = portal.post(form, form: [("token", try portal.formToken(form)), ("axis", "52"), ("title", "Titre"),
                                            ("description", "Texte"), ("consent", "yes"), ("email", "fatima@")])
        XCTAssertTrue(kept.contains(#"maxlength="254" value="fatima@""#), "the address typed is kept to be fixed")
        // Full-width "＠" from a phone keyboard and an upper-case domain are forgiven.
        let code = try send(portal, email: " fatima＠EXAMPLE.ma ")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT email FROM proposals WHERE tracking_code = ?", [code], as: String.self) },
                       "fatima@example.ma")
    }

    // MARK: - Double opt-in

    func testTheAddressIsStoredWithTheLanguageAndItsConfirmationQueuedInTheSameTransaction() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let code = try send(portal, email: address)
        let proposal = try id(portal, code)
        let row = try XCTUnwrap(try portal.site.database.read { try $0.queryOne("SELECT email, language FROM proposals WHERE id = ?", [proposal]) })
        XCTAssertEqual(try row.optionalString("email"), stored)
        XCTAssertEqual(try row.optionalString("language"), "ar")
        XCTAssertEqual(try portal.site.database.read { try MailStore.notificationState($0, proposal: proposal) }, "pending")
        XCTAssertEqual(try outbox(portal).map { "\($0.kind) \($0.language) \($0.state) \($0.proposal)" }, ["confirm ar queued \(proposal)"])
        XCTAssertTrue(portal.get("/ar/proposals/\(code)?received=1").contains("فستصلك رسالة تطلب تأكيده"))
        XCTAssertTrue(try messages(box).isEmpty, "queued, not sent inline")

        // Same transaction: when the outbox refuses the message, the proposal is not stored either.
        try portal.site.database.write { try $0.execute("CREATE TRIGGER refuse BEFORE INSERT ON mail_outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END") }
        let before = try portal.proposalCount()
        let failed = portal.post(form, form: [("token", try portal.formToken(form)), ("axis", "52"), ("title", "Titre"),
                                              ("description", "Texte"), ("consent", "yes"), ("email", "other@example.ma")])
        XCTAssertEqual(failed.status, 500)
        XCTAssertEqual(try portal.proposalCount(), before)
        XCTAssertNil(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM proposals WHERE email = 'other@example.ma'", as: Int.self) }.flatMap { $0 == 0 ? nil : $0 })
    }

    func testAGetNeverConfirmsOnlyThePostOfItsPageDoesAndEachTokenHasOnePurpose() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let code = try send(portal, email: address)
        let proposal = try id(portal, code)
        XCTAssertEqual(try sender(portal).deliverDue(at: { Date() }).sent, 1)
        let mail = try XCTUnwrap(try messages(box).first)
        XCTAssertEqual(mail.header("To"), stored)
        XCTAssertEqual(mail.subject, "أكّد بريدك لتتبع اقتراحك: إنارة الأزقة في حي النهضة")
        XCTAssertTrue(mail.body.contains("https://infitah.example.ma/ar/mail/confirm/"), mail.body)
        let confirm = try link(mail, "confirm"), unsubscribe = try link(mail, "unsubscribe")
        let state = { try portal.site.database.read { try MailStore.notificationState($0, proposal: proposal) } }

        // A scanner's GET and HEAD, several times: a page with the button, nothing confirmed.
        for _ in 0..<3 {
            let page = portal.get(confirm)
            XCTAssertEqual(page.status, 200)
            XCTAssertEqual(page.headers["Cache-Control"], "no-store")
            XCTAssertEqual(page.headers["Referrer-Policy"], "no-referrer")
            XCTAssertTrue(page.contains(#"<form class="proposal-form" method="post" action="\#(confirm)""#), page.body)
            XCTAssertTrue(page.contains("<button type=\"submit\">تأكيد</button>"))
            XCTAssertFalse(page.contains(stored) || page.contains(address))
            XCTAssertEqual(portal.get(confirm, method: .head).status, 200)
        }
        XCTAssertEqual(try state(), "pending")
        // The tokens are single-purpose: the unsubscribe token does not confirm, nor the reverse.
        let swapped = "/ar/mail/confirm/" + unsubscribe.split(separator: "/").last!
        XCTAssertEqual(portal.post(swapped, form: []).status, 404)
        XCTAssertEqual(portal.get("/ar/mail/unsubscribe/" + confirm.split(separator: "/").last!).status, 404)
        XCTAssertEqual(portal.post("/ar/mail/confirm/" + String(repeating: "a", count: 64), form: []).status, 404)
        XCTAssertEqual(portal.get("/ar/mail/confirm/not-a-token").status, 404)
        XCTAssertEqual(try state(), "pending")

        // The button's POST confirms, once; the page then says so in both languages.
        let posted = portal.post(confirm, form: [])
        XCTAssertEqual(posted.status, 303)
        XCTAssertEqual(posted.headers["Location"], confirm)
        XCTAssertEqual(try state(), "confirmed")
        XCTAssertTrue(portal.get(confirm).contains("تم تأكيد بريدك الإلكتروني."))
        XCTAssertTrue(portal.get("/fr" + confirm.dropFirst(3)).contains("Adresse confirmée."))
        XCTAssertEqual(portal.post(confirm, form: []).status, 303, "a second tap is harmless")
        // Only a token's hash is stored.
        let token = String(confirm.split(separator: "/").last!)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM mail_tokens WHERE token_hash = ?", [token], as: Int.self) }, 0)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM mail_tokens WHERE token_hash = ?", [MailStore.hash(token)], as: Int.self) }, 1)
    }

    func testADecisionQueuesExactlyOneMessageInTheProposalsLanguageAndNoneBeforeConfirmation() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let committee = try portal.signIn(.committee, commune: "demo")
        let arabic = try id(portal, try send(portal, email: address))
        let french = try id(portal, try send(portal, email: "amine@example.ma", language: "fr", title: "Un guichet numérique"))
        try sender(portal).deliverDue(at: { Date() })

        // Not confirmed yet: a decision sends nothing.
        decide(portal, committee, arabic, [("status", "accepted"), ("answer", "سيتم إدراجه في برمجة 2026")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.count, 0)
        XCTAssertTrue(portal.get("\(triage)/\(arabic)", as: committee).contains("Avis par courriel"))
        XCTAssertTrue(portal.get("\(triage)/\(arabic)", as: committee).contains("adresse pas encore confirmée"))

        try confirm(portal, box, message: 0)
        try confirm(portal, box, message: 1)
        let page = portal.get("\(triage)/\(arabic)", as: committee)
        XCTAssertTrue(page.contains("confirmés : l&#39;auteur·e sera prévenu·e"), page.body)
        XCTAssertFalse(page.contains(stored) || page.contains("Fatima.Zahra"), "the committee never sees the address")

        // One decision, one message, in Arabic for the Arabic proposal (the committee works in French).
        decide(portal, committee, arabic, [("status", "integrated"), ("project", "52"), ("answer", "أُدمج في مشروع الرقمنة")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.map { "\($0.language) \($0.proposal)" }, ["ar \(arabic)"])
        // The same decision saved again changes nothing the citizen sees: no message.
        decide(portal, committee, arabic, [("status", "integrated"), ("project", "52"), ("answer", "أُدمج في مشروع الرقمنة")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.count, 1)
        decide(portal, committee, french, [("status", "rejected"), ("reason", "Hors des compétences de la commune")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.map { "\($0.language) \($0.proposal)" }, ["ar \(arabic)", "fr \(french)"])
        // Mail switched off: nothing queued, and the committee is told the author will hear nothing.
        let settings = portal.site.mail
        try portal.restart { $0.mail = nil }
        decide(portal, committee, french, [("status", "accepted")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.count, 2)
        XCTAssertTrue(portal.get("\(triage)/\(french)", as: committee).contains("les courriels sont désactivés sur ce portail"))
        decide(portal, committee, french, [("status", "rejected"), ("reason", "Hors des compétences de la commune")])
        try portal.restart { $0.mail = settings }

        XCTAssertEqual(try sender(portal).deliverDue(at: { Date() }).sent, 2)
        let sent = try messages(box)
        XCTAssertEqual(sent.count, 4)
        let ar = sent[2], fr = sent[3]
        XCTAssertEqual(ar.subject, "جديد اقتراحك: إنارة الأزقة في حي النهضة")
        XCTAssertEqual(ar.header("Content-Language"), "ar")
        for text in ["الوضعية: مدمج في مشروع", "أُدمج في مشروع الرقمنة", "https://infitah.example.ma/ar/proposals/", "المشروع 2"] {
            XCTAssertTrue(ar.body.contains(text), "\(text): \(ar.body)")
        }
        XCTAssertEqual(fr.subject, "Du nouveau sur votre proposition\u{A0}: Un guichet numérique")
        XCTAssertTrue(fr.body.contains("Statut\u{A0}: Non retenue") && fr.body.contains("Motif\u{A0}:\r\nHors des compétences de la commune"), fr.body)
        XCTAssertEqual(fr.header("To"), "amine@example.ma")

        // Same transaction as the decision: when the outbox refuses, the decision is not saved.
        try portal.site.database.write { try $0.execute("CREATE TRIGGER refuse BEFORE INSERT ON mail_outbox BEGIN SELECT RAISE(ABORT, 'outbox refused'); END") }
        XCTAssertEqual(portal.post("\(triage)/\(french)/status", form: [("status", "accepted")], as: committee).status, 500)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT status FROM proposals WHERE id = ?", [french], as: String.self) }, "rejected")
    }

    func testAMergeTellsTheMergedProposalsAuthorAndTheKeptOnesAnswerReachesThemToo() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let committee = try portal.signIn(.committee, commune: "demo")
        let duplicate = try id(portal, try send(portal, email: address, title: "مصابيح في الأزقة"))
        let kept = try id(portal, try send(portal, email: nil, language: "fr", title: "Éclairer les ruelles"))
        try sender(portal).deliverDue(at: { Date() })
        try confirm(portal, box)

        XCTAssertEqual(portal.post("\(triage)/\(duplicate)/merge", form: [("target", String(kept))], as: committee).status, 303)
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "merged" }.map { "\($0.language) \($0.proposal)" }, ["ar \(duplicate)"])
        decide(portal, committee, kept, [("status", "accepted"), ("answer", "Les ruelles seront éclairées en 2026.")])
        XCTAssertEqual(try outbox(portal).filter { $0.kind == "update" }.map { "\($0.language) \($0.proposal)" }, ["ar \(duplicate)"])
        try sender(portal).deliverDue(at: { Date() })
        let sent = try messages(box)
        XCTAssertEqual(sent.count, 3)
        XCTAssertEqual(sent[1].subject, "دُمج اقتراحك مع اقتراح مماثل: مصابيح في الأزقة")
        XCTAssertTrue(sent[1].body.contains("«Éclairer les ruelles»"), sent[1].body)
        XCTAssertTrue(sent[2].body.contains("Les ruelles seront éclairées en 2026.") && sent[2].body.contains("«مصابيح في الأزقة»"), sent[2].body)
    }

    // MARK: - The message

    func testTheArabicSubjectIsEncodedPerRFC2047AndDecodesBack() throws {
        let subjects = ["أكّد بريدك لتتبع اقتراحك: إنارة الأزقة في حي النهضة مع مصابيح تعمل بالطاقة الشمسية قرب المدرسة الابتدائية",
                        "Du nouveau sur votre proposition : Un guichet numérique", "ق", "a\r\nBcc: intruder@example.ma"]
        for subject in subjects {
            let field = MailMessage.header("Subject", subject)
            let lines = field.components(separatedBy: "\n")
            XCTAssertTrue(lines.allSatisfy { $0.count <= 76 }, field)
            XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") }, "folded lines start with a space: \(field)")
            XCTAssertFalse(field.contains("\r") || lines.contains { $0.hasPrefix("Bcc") }, "no header can be added through a subject")
            let words = field.dropFirst("Subject: ".count).split(whereSeparator: { $0 == " " || $0 == "\n" })
            XCTAssertTrue(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }, field)
            // Each word alone is whole UTF-8 (RFC 2047 §5): decoded one by one, they give the subject back.
            let decoded = words.map { word -> String in
                let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
                return String(data: data, encoding: .utf8)!
            }.joined()
            XCTAssertEqual(decoded, subject.replacingOccurrences(of: "\r\n", with: "  "))
        }
        XCTAssertEqual(MailMessage.header("Subject", "Hello"), "Subject: Hello")
        XCTAssertEqual(MailMessage.date(Date(timeIntervalSince1970: 1_796_528_121)), "Sun, 06 Dec 2026 03:35:21 +0000")
    }

    func testEveryMessageCarriesTheHeadersOfTheSendmailInterface() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        _ = try send(portal, email: address)
        try sender(portal).deliverDue(at: { Date() })
        let mail = try XCTUnwrap(try messages(box).first)
        XCTAssertEqual(mail.header("From"), "Infitah <noreply@infitah.example.ma>")
        XCTAssertEqual(mail.header("MIME-Version"), "1.0")
        XCTAssertEqual(mail.header("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertEqual(mail.header("Content-Transfer-Encoding"), "base64")
        XCTAssertEqual(mail.header("Auto-Submitted"), "auto-generated")
        XCTAssertEqual(mail.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
        let unsubscribe = try XCTUnwrap(mail.header("List-Unsubscribe"))
        XCTAssertTrue(unsubscribe.hasPrefix("<https://infitah.example.ma/ar/mail/unsubscribe/") && unsubscribe.hasSuffix(">"), unsubscribe)
        XCTAssertTrue(mail.body.contains(String(unsubscribe.dropFirst().dropLast())), "the body has the same link")
        XCTAssertNotNil(mail.header("Date"))
        XCTAssertTrue(mail.header("Message-ID")?.hasSuffix("@infitah.example.ma>") ?? false)
        XCTAssertTrue(mail.rawBodyLines.allSatisfy { $0.count <= 76 })
        XCTAssertEqual(MailSettings.domain(baseURL: "http://127.0.0.1:8080"), "[127.0.0.1]")
        XCTAssertEqual(try MailSettings.checkedFrom("Commune de Settat <infitah@settat.ma>"), "Commune de Settat <infitah@settat.ma>")
        XCTAssertEqual(try MailSettings.checkedFrom("جماعة سطات <infitah@settat.ma>").hasPrefix("=?UTF-8?B?"), true)
        XCTAssertThrowsError(try MailSettings.checkedFrom("a@b.ma>\nBcc: c@d.ma"))
    }

    // MARK: - Unsubscribing

    func testUnsubscribeByThePagesPostAndByOneClickButNeverByAGet() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let committee = try portal.signIn(.committee, commune: "demo")
        let first = try id(portal, try send(portal, email: address))
        let second = try id(portal, try send(portal, email: "amine@example.ma", language: "fr", title: "Un guichet"))
        try sender(portal).deliverDue(at: { Date() })
        try confirm(portal, box, message: 0)
        try confirm(portal, box, message: 1)
        let mails = try messages(box)
        let pageLink = try link(mails[0], "unsubscribe"), clickLink = try link(mails[1], "unsubscribe")
        let state = { (id: Int) in try portal.site.database.read { try MailStore.notificationState($0, proposal: id) } }

        // A queued message that has not gone yet is cancelled by the unsubscription.
        decide(portal, committee, first, [("status", "accepted")])
        for _ in 0..<3 { XCTAssertEqual(portal.get(pageLink).status, 200) }
        XCTAssertEqual(try state(first), "confirmed", "a GET changes nothing")
        XCTAssertTrue(portal.get(pageLink).contains("التوقف عن تلقي الرسائل</button>"))
        let posted = portal.post(pageLink, form: [])
        XCTAssertEqual(posted.status, 303)
        XCTAssertEqual(try state(first), "unsubscribed")
        XCTAssertTrue(portal.get(pageLink).contains("لن تتلقى أي رسالة أخرى بشأن هذا الاقتراح."))
        XCTAssertEqual(try outbox(portal).filter { $0.proposal == first && $0.kind == "update" }.map(\.state), ["cancelled"])

        // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`, no cookie, no token; 200, no redirect.
        let oneClick = portal.post(clickLink, body: Array("List-Unsubscribe=One-Click".utf8),
                                   headers: [("Content-Type", "application/x-www-form-urlencoded")])
        XCTAssertEqual(oneClick.status, 200)
        XCTAssertTrue(oneClick.contains("Vous ne recevrez plus aucun message sur cette proposition."))
        XCTAssertEqual(try state(second), "unsubscribed")
        // Only that one subscription: a token reaches nothing else.
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM mail_subscriptions WHERE state = 'unsubscribed'", as: Int.self) }, 2)

        // Unsubscribed is for good: later decisions queue nothing, and the confirm link cannot undo it.
        decide(portal, committee, second, [("status", "accepted")])
        decide(portal, committee, first, [("status", "rejected"), ("reason", "Non")])
        XCTAssertEqual(try outbox(portal).filter { $0.state == "queued" }.count, 0)
        XCTAssertEqual(portal.post(try link(mails[0], "confirm"), form: []).status, 303)
        XCTAssertEqual(try state(first), "unsubscribed")
        // A confirmation's own unsubscribe link, before any confirmation: refused for good.
        let third = try id(portal, try send(portal, email: "third@example.ma", title: "ثالث"))
        try sender(portal).deliverDue(at: { Date() })
        let pending = try XCTUnwrap(try messages(box).last)
        XCTAssertEqual(try state(third), "pending")
        XCTAssertEqual(portal.post(try link(pending, "unsubscribe"), body: Array("List-Unsubscribe=One-Click".utf8),
                                   headers: [("Content-Type", "application/x-www-form-urlencoded")]).status, 200)
        XCTAssertEqual(portal.post(try link(pending, "confirm"), form: []).status, 303)
        XCTAssertEqual(try state(third), "unsubscribed", "a confirmation after it does not undo it")
        // One-click with a multipart body works the same.
        let boundary = "xYz"
        let multipart = "--\(boundary)\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--\(boundary)--\r\n"
        XCTAssertEqual(portal.post(clickLink, body: Array(multipart.utf8), headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")]).status, 200)
    }

    // MARK: - The sender

    func testAFailingCommandIsRetriedWithExponentialBackOffThenDeadThenRetriedByAnAdministrator() throws {
        let portal = try Portal()
        let calls = portal.folder.appendingPathComponent("calls")
        let failing = try script(portal, "failing", #"cat >/dev/null; echo x >> "\#(calls.path)"; echo "550 5.1.1 <fatima.zahra@example.ma>: mailbox unavailable" >&2; exit 75"#)
        try mailOn(portal, command: failing)
        let code = try send(portal, email: address)
        let mailer = sender(portal)
        // Whole seconds, as the outbox stores its times.
        var clock = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let invocations = { (try? String(contentsOf: calls, encoding: .utf8))?.split(separator: "\n").count ?? 0 }

        var waits: [TimeInterval] = []
        for attempt in 1...8 {
            let report = try mailer.deliverDue(at: { clock })
            XCTAssertEqual(report.failed + report.dead, 1, "attempt \(attempt)")
            XCTAssertEqual(invocations(), attempt)
            let (state, next) = try portal.site.database.read { db in
                let row = try XCTUnwrap(try db.queryOne("SELECT state, next_attempt_at, last_error FROM mail_outbox"))
                XCTAssertEqual(try row.optionalString("last_error"), "exit status 75: 550 5.1.1 …@… mailbox unavailable", "the address is masked")
                return (try row.string("state"), try Call.parse(row.string("next_attempt_at")))
            }
            XCTAssertEqual(state, attempt == 8 ? "dead" : "failed")
            if attempt == 8 { break }
            // Not due a second before its time: nothing is run.
            let wait = next.timeIntervalSince(clock)
            waits.append(wait.rounded())
            clock = next.addingTimeInterval(-1)
            XCTAssertEqual(try mailer.deliverDue(at: { clock }), MailSender.Report())
            XCTAssertEqual(invocations(), attempt)
            clock = next
        }
        XCTAssertEqual(waits, [60, 120, 240, 480, 960, 1920, 3840])
        // Dead: never tried again by itself.
        clock = clock.addingTimeInterval(86_400 * 30)
        XCTAssertEqual(try mailer.deliverDue(at: { clock }), MailSender.Report())
        XCTAssertEqual(invocations(), 8)

        // The administrator sees it, without the address or the body, and retries it once.
        let admin = try portal.signIn(.admin)
        let page = portal.get("/admin/fr/outbox", as: admin)
        XCTAssertEqual(page.status, 200)
        for text in ["File d&#39;envoi des courriels", #"<span class="mail-state mail-state-dead">Abandonné</span>"#, "Confirmation d&#39;adresse", "550 5.1.1 …@… mailbox unavailable",
                     "Réessayer maintenant", "Les courriels sont activés"] {
            XCTAssertTrue(page.contains(text), "\(text): \(page.body)")
        }
        XCTAssertFalse(page.contains("fatima") || page.contains("Fatima") || page.contains("إنارة"), "no address, no subject, no body")
        let message = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM mail_outbox", as: Int.self) })
        XCTAssertTrue(page.contains(#"action="/admin/fr/outbox/\#(message)/retry""#))
        XCTAssertEqual(portal.post("/admin/fr/outbox/\(message)/retry", form: [], as: admin).status, 303)
        XCTAssertEqual(try outbox(portal).map(\.state), ["queued"])
        XCTAssertEqual(try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'mail' AND entity_id = ? AND before = 'dead' AND after = 'queued'", [message], as: Int.self)
        }, 1)
        XCTAssertEqual(portal.post("/admin/fr/outbox/\(message)/retry", form: [], as: admin).status, 404, "only a dead message is retried")
        XCTAssertEqual(try mailer.deliverDue(at: { Date() }).dead, 1, "one more attempt, then dead again")
        XCTAssertEqual(invocations(), 9)
        XCTAssertFalse(portal.get("/ar/proposals/\(code)").contains("fatima"))
        // A committee member or a focal point does not see the outbox.
        XCTAssertEqual(portal.get("/admin/fr/outbox", as: try portal.signIn(.committee, commune: "demo")).status, 403)
    }

    func testASentMessageIsNeverHandedOverAgainExceptAfterAStopDuringItsHandOff() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        _ = try send(portal, email: address)
        let mailer = sender(portal)
        XCTAssertEqual(try mailer.deliverDue(at: { Date() }).sent, 1)
        XCTAssertEqual(try mailer.deliverDue(at: { Date().addingTimeInterval(86_400) }), MailSender.Report())
        XCTAssertEqual(try messages(box).count, 1)
        XCTAssertEqual(try outbox(portal).map { "\($0.state) \($0.attempts)" }, ["sent 1"])

        // A server stopped between the MTA's exit 0 and the commit of 'sent': the message is
        // 'sending' at the next start, and goes again with the same Message-ID (the documented window).
        _ = try send(portal, email: "amine@example.ma", language: "fr", title: "Un guichet")
        let claim = try portal.site.database.write { try MailStore.claimNext($0, mailer: portal.site.mailer!, at: Date()) }
        guard case .message(let claimed) = claim else { return XCTFail("nothing claimed") }
        XCTAssertEqual(try mailer.deliverDue(at: { Date() }), MailSender.Report(), "a message being handed over is not taken twice")
        XCTAssertEqual(try portal.site.database.write { try MailStore.recoverClaimed($0, at: Date()) }, 1)
        XCTAssertEqual(try mailer.deliverDue(at: { Date() }).sent, 1)
        let second = try XCTUnwrap(try messages(box).last)
        XCTAssertEqual(second.header("Message-ID"), "<\(claimed.messageID)>")
    }

    func testAHangingCommandIsKilledAtItsTimeoutAndTheSenderGoesOn() throws {
        let portal = try Portal()
        try mailOn(portal, command: try script(portal, "hanging", "exec sleep 60"))
        try portal.restart { $0.mail!.timeout = 0.5 }
        _ = try send(portal, email: address)
        let started = Date()
        let report = try sender(portal).deliverDue(at: { Date() })
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(report.failed, 1)
        let error = try portal.site.database.read { try $0.scalar("SELECT last_error FROM mail_outbox", as: String.self) }
        XCTAssertEqual(error, "no answer within 0.5 s: stopped (SIGKILL)")
        // A program that cannot even start is a failure like any other.
        try mailOn(portal, command: portal.folder.appendingPathComponent("no-such-program").path)
        _ = try send(portal, email: "amine@example.ma", title: "ثاني")
        XCTAssertEqual(try sender(portal).deliverDue(at: { Date() }).failed, 1)
    }

    func testTheServersThreadSendsWhatIsQueuedAndStopsCleanly() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let thread = sender(portal)
        thread.start()
        _ = try send(portal, email: address)
        let deadline = Date().addingTimeInterval(10)
        while (try messages(box)).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        XCTAssertEqual(try messages(box).count, 1, "woken by the submission, not by its tick of 30 s")
        let stopping = Date()
        thread.stop()
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 2)
        thread.stop()  // twice is harmless
        XCTAssertEqual(try outbox(portal).map(\.state), ["sent"])
    }

    /// The sender's look-ups run inside the store's one writer (the claim) or before each
    /// message: they must read the first entry of the partial index, never sort the waiting
    /// messages (which a burst of submissions makes thousands; see Tests/Benchmarks/run --submissions-mail).
    func testTheSenderFindsTheNextMessageWithoutSortingTheOutbox() throws {
        let portal = try Portal()
        let plans = try portal.site.database.read { db in
            try [(MailStore.dueSQL, ["2030-01-01T00:00:00Z"]), (MailStore.nextDueSQL, [])].map { sql, bindings in
                try db.query("EXPLAIN QUERY PLAN " + sql, bindings).map { try $0.string("detail") }.joined(separator: "; ")
            }
        }
        for plan in plans {
            XCTAssertTrue(plan.contains("USING INDEX mail_outbox_due") && !plan.contains("TEMP B-TREE"), plan)
        }
    }

    func testAnAddressTypedIntoManyFormsGetsAFewConfirmationsAtMost() throws {
        let portal = try Portal()
        try mailOn(portal)
        for n in 0..<7 { _ = try send(portal, email: n % 2 == 0 ? "victim@example.ma" : "Victim@Example.MA", title: "اقتراح \(n)") }
        XCTAssertEqual(try outbox(portal).count, 5, "five a day, however the address is written")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM proposals WHERE lower(email) = 'victim@example.ma'", as: Int.self) }, 5,
                       "an address nothing will be sent to is not kept")
        _ = try send(portal, email: "other@example.ma")
        XCTAssertEqual(try outbox(portal).count, 6, "another address is not limited by it")
        // The count starts again each day; past its capacity a day's new addresses get nothing.
        let limit = ConfirmationLimit(perDay: 2, capacity: 2)
        let day = Date(timeIntervalSince1970: 86_400 * 20_000 + 3_600)
        XCTAssertEqual(["a@x.ma", "A@x.ma", "a@x.ma", "b@x.ma", "c@x.ma"].map { limit.admit($0, at: day) }, [true, true, false, true, false])
        XCTAssertTrue(limit.admit("a@x.ma", at: day.addingTimeInterval(86_400)))
        XCTAssertTrue(limit.admit("c@x.ma", at: day.addingTimeInterval(86_400)))
    }

    // MARK: - Personal data

    func testTheAddressIsNeverOnAPublicPageAnExportOrAFeed() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let committee = try portal.signIn(.committee, commune: "demo")
        let code = try send(portal, email: address)
        try sender(portal).deliverDue(at: { Date() })
        try confirm(portal, box)
        decide(portal, committee, try id(portal, code), [("status", "accepted"), ("answer", "نعم")])
        let program = "/fr/communes/demo/programs/2025-2026"
        for path in ["/ar/proposals/\(code)", "/ar/proposals/\(code)?received=1", "/fr/proposals/\(code)/feed.atom", program, program + "/proposals",
                     program + "/proposals.csv", program + "/proposals.json", program + ".csv", program + ".json", program + "/feed.atom",
                     "/fr/communes/demo", "/fr/", "/fr/calendar.ics", "/ar/proposals/\(code)/erase", "/fr/data"] {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertFalse(page.body.lowercased().contains("fatima.zahra"), path)
        }
        XCTAssertTrue(portal.get("/fr/proposals/\(code)/erase").contains("<li>Adresse électronique</li>"))
    }

    func testErasureAndRetentionTakeTheAddressItsLinksAndWhatWaited() throws {
        let portal = try Portal()
        let box = try mailOn(portal)
        let committee = try portal.signIn(.committee, commune: "demo")
        let code = try send(portal, email: address)
        let proposal = try id(portal, code)
        try sender(portal).deliverDue(at: { Date() })
        try confirm(portal, box)
        let unsubscribe = try link(try messages(box)[0], "unsubscribe")
        decide(portal, committee, proposal, [("status", "accepted")])

        let erase = "/fr/proposals/\(code)/erase"
        XCTAssertEqual(portal.post(erase, form: [("token", try portal.formToken(erase))]).status, 303)
        try portal.site.database.read { db in
            XCTAssertNil(try db.scalar("SELECT email FROM proposals WHERE id = ?", [proposal], as: String.self))
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM mail_subscriptions WHERE proposal_id = ?", [proposal], as: Int.self), 0)
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM mail_tokens WHERE proposal_id = ?", [proposal], as: Int.self), 0)
            XCTAssertEqual(try db.scalar("SELECT before FROM audit_log WHERE field = 'personal_data' AND entity_id = ?", [proposal], as: String.self),
                           "email, remote_address")
        }
        XCTAssertEqual(try outbox(portal).map(\.state), ["sent", "cancelled"])
        XCTAssertEqual(portal.get(unsubscribe).status, 404, "the links lead nowhere once the address is gone")
        XCTAssertTrue(portal.get(unsubscribe).contains("Ce lien ne mène plus à rien") || portal.get(unsubscribe).contains("لم يعد هذا الرابط"))
        XCTAssertEqual(try sender(portal).deliverDue(at: { Date() }), MailSender.Report())

        // Retention: the address of a proposal of a program long over goes with the rest.
        let old: Int = try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, channel, tracking_code, created_at, email, language)
                VALUES (1, 501, 'idea', 'Ancienne', 'Texte.', 'platform', ?, '2024-03-01T10:00:00Z', 'old@example.ma', 'fr')
                """, [TrackingCode.make()])
            let id = Int(db.lastInsertRowID)
            try db.run("INSERT INTO mail_subscriptions (proposal_id, state, created_at) VALUES (?, 'confirmed', '2024-03-01T10:00:00Z')", [id])
            return id
        }
        try portal.site.runRetention(at: try Call.parse("2027-06-01T00:00:00Z"))
        XCTAssertNil(try portal.site.database.read { try $0.scalar("SELECT email FROM proposals WHERE id = ?", [old], as: String.self) })
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM mail_subscriptions WHERE proposal_id = ?", [old], as: Int.self) }, 0)
    }

    // MARK: - Configuration

    func testTheFlagsTheirVariablesAndTheCommandsWords() throws {
        guard case .serve(let options) = try Command.parse(["--sendmail-command", "/usr/sbin/sendmail -t -i", "--mail-from", "Infitah <infitah@settat.ma>"]) else {
            return XCTFail("not serve")
        }
        XCTAssertEqual(options.sendmailCommand, ["/usr/sbin/sendmail", "-t", "-i"])
        XCTAssertEqual(options.mailFrom, "Infitah <infitah@settat.ma>")
        guard case .serve(let env) = try Command.parse([], environment: ["INFITAH_SENDMAIL_COMMAND": #"msmtp --host=127.0.0.1 --from='a b@x.ma' -t"#]) else {
            return XCTFail("not serve")
        }
        XCTAssertEqual(env.sendmailCommand, ["msmtp", "--host=127.0.0.1", "--from=a b@x.ma", "-t"])
        guard case .serve(let off) = try Command.parse([]) else { return XCTFail("not serve") }
        XCTAssertNil(off.sendmailCommand)
        XCTAssertEqual(try Sendmail.words(#"a "b \" c" 'd $HOME' e\ f; g|h"#), ["a", #"b " c"#, "d $HOME", "e f;", "g|h"])
        for bad in [["--sendmail-command", "msmtp 'unclosed"], ["--sendmail-command", "x", "--mail-from", "not an address"], ["--mail-from", "a@b.ma"]] {
            XCTAssertThrowsError(try Command.parse(bad), "\(bad)") { XCTAssertTrue($0 is Command.UsageError) }
        }
        XCTAssertEqual(try Sendmail.resolved(["sh", "-c", "true"], path: "/nowhere:/bin"), ["/bin/sh", "-c", "true"])
        XCTAssertThrowsError(try Sendmail.resolved(["no-such-mta-program"], path: "/bin"))
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-program-\(UUID())")
        try "text".write(to: plain, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: plain) }
        XCTAssertThrowsError(try Sendmail.resolved([plain.path], path: nil))
        XCTAssertThrowsError(try Sendmail.resolved(["/tmp"], path: nil), "a folder is no program")
        let launched = Launcher.run(["serve", "--port", "0", "--db", FileManager.default.temporaryDirectory.appendingPathComponent("x-\(UUID()).sqlite").path,
                                     "--root", repositoryRoot.path, "--sendmail-command", "no-such-mta-program -t"], environment: ["PATH": "/bin"])
        XCTAssertEqual(launched, 1, "an MTA that is not there stops the start")
    }
}

/// A message as the sink kept it: header fields (unfolded, RFC 2047 subject decoded) and the
/// base64 body decoded. Written for the test, from the RFCs, apart from the code it reads.
struct Mail {
    var headers: [(String, String)] = []
    var body: String
    var rawBodyLines: [String]

    init(_ text: String) throws {
        let parts = text.components(separatedBy: "\n\n")
        let head = parts[0], rest = parts.dropFirst().joined(separator: "\n\n")
        for line in head.components(separatedBy: "\n") {
            if line.hasPrefix(" "), let last = headers.popLast() { headers.append((last.0, last.1 + line)) }
            else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        rawBodyLines = rest.components(separatedBy: "\n").filter { !$0.isEmpty }
        let data = try XCTUnwrap(Data(base64Encoded: rawBodyLines.joined()))
        body = try XCTUnwrap(String(data: data, encoding: .utf8))
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }

    var subject: String {
        (header("Subject") ?? "").split(separator: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return String(word) }
            return String(decoding: data, as: UTF8.self)
        }.joined()
    }
}
