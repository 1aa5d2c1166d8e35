import Foundation
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The observation card (بطاقة الملاحظات) on a draft project, end to end against a freshly
/// seeded store: the sandbox commune `demo` has a draft-comments call (502) open from the
/// database's creation for 30 days.
final class ObservationTests: XCTestCase {
    let projectPath = "/fr/communes/demo/programs/2025-2026/projects/2"
    let formPath = "/fr/communes/demo/programs/2025-2026/projects/2/observations/new"
    let arFormPath = "/ar/communes/demo/programs/2025-2026/projects/2/observations/new"

    private func token(_ portal: Portal, _ path: String) throws -> String { try portal.formToken(path) }

    private func card(_ token: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        formFields([("token", token), ("website", ""),
                   ("problem", "Les démarches se font au guichet."),
                   ("solutions", "Un portail\nen ligne."), ("funding", ""), ("follow_up", ""),
                   ("impact", ""), ("remarks", ""), ("consent", "yes")], extra)
    }

    private func count(_ portal: Portal) throws -> Int { try portal.proposalCount() }

    private func window(_ portal: Portal) throws -> (opens: Date, closes: Date) { try portal.callWindow(502) }

    func testTheProjectCardLinksToTheFormOnlyWhileTheCallIsOpen() throws {
        let portal = try Portal()
        let (opens, closes) = try window(portal)
        let link = #"href="\#(formPath)""#
        // Distinct targets each time: the page cache keeps a page for a moment.
        portal.site.clock.set { opens.addingTimeInterval(-1) }
        XCTAssertFalse(portal.get(projectPath + "?a").contains(link))
        XCTAssertEqual(portal.get(formPath).status, 200)
        XCTAssertTrue(portal.get(formPath).contains("La consultation sur le projet de programme n&#39;est pas ouverte"))
        XCTAssertFalse(portal.get(formPath).contains("<form"))
        portal.site.clock.set { opens }
        let open = portal.get(projectPath + "?b")
        XCTAssertTrue(open.contains(link))
        XCTAssertTrue(open.contains("Commenter ce projet du projet de programme"))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026/projects/2?b").contains("أبد ملاحظاتك على مشروع البرنامج هذا"))
        portal.site.clock.set { closes }
        XCTAssertFalse(portal.get(projectPath + "?c").contains(link))
        // A program without a draft-comments call never shows it.
        XCTAssertFalse(portal.get("/fr/communes/settat/programs/2024-2025/projects/1").contains("/observations/new"))
    }

    func testTheFormHasTheSixFieldsOfTheCardAndTheSameIdentityFields() throws {
        let portal = try Portal()
        let page = portal.get(formPath)
        XCTAssertEqual(page.headers["Cache-Control"], "no-store")
        XCTAssertTrue(page.contains(#"<form class="proposal-form" method="post" action="\#(formPath)""#))
        XCTAssertTrue(page.contains("Généraliser la digitalisation des services"))
        for field in ["problem", "solutions", "funding", "follow_up", "impact", "remarks"] {
            XCTAssertTrue(page.contains(#"<textarea id="\#(field)" name="\#(field)" rows="4" maxlength="3000""#), field)
        }
        for label in ["Problématique", "Solutions proposées", "Sources de financement", "Indicateurs de suivi",
                      "Indicateurs d&#39;impact", "Autres observations"] {
            XCTAssertTrue(page.contains(label), label)
        }
        for field in ["name", "show_name", "gender", "age_band", "association", "neighbourhood", "consent", "website"] {
            XCTAssertTrue(page.contains(#"name="\#(field)""#), field)
        }
        XCTAssertFalse(page.contains(#"name="title""#))
        let arabic = portal.get(arFormPath)
        XCTAssertTrue(arabic.contains("بطاقة الملاحظات") && arabic.contains("الإشكالية") && arabic.contains("مصادر التمويل"))
        XCTAssertEqual(portal.get("/fr/communes/demo/programs/2025-2026/projects/99/observations/new").status, 404)
    }

    func testValidationKeepsTheValuesInArabicAndFrench() throws {
        let portal = try Portal()
        let long = String(repeating: "م", count: 3001)
        // Consent not ticked: the browser sends no field at all.
        let arabic = portal.post(arFormPath, form: card(try token(portal, arFormPath),
                                                        [("problem", "  الإدارة بعيدة\u{0007}  "), ("solutions", long),
                                                         ("impact", "مكتب متنقل"), ("name", "فاطمة")]).filter { $0.0 != "consent" })
        XCTAssertEqual(arabic.status, 422)
        XCTAssertTrue(arabic.contains("مكتب متنقل"))
        XCTAssertTrue(arabic.contains("فاطمة"))
        XCTAssertTrue(arabic.contains(#"id="problem-error""#))
        XCTAssertTrue(arabic.contains(#"id="solutions-error""#))
        XCTAssertTrue(arabic.contains("هذا النص طويل جدا: " + Format.number(3000, .ar) + " حرف على الأكثر."), "3000 counts a singular genitive")
        XCTAssertTrue(arabic.contains("في الاستمارة 3 أخطاء: انظر الرسائل تحت الحقول."))
        XCTAssertTrue(arabic.contains(#"id="consent-error""#))

        // NFC: "e" + combining acute is stored as "é".
        let french = portal.post(formPath, form: card(try token(portal, formPath),
                                                      [("remarks", "Idée de l\u{0065}\u{0301}quipe"), ("association", String(repeating: "a", count: 151))]))
        XCTAssertEqual(french.status, 422)
        XCTAssertTrue(french.contains("Idée de léquipe"))
        XCTAssertTrue(french.contains("Les démarches se font au guichet."))
        XCTAssertTrue(french.contains("150 caractères au plus"))
        XCTAssertEqual(try count(portal), 0)
    }

    func testAtLeastOneFieldOfTheCard() throws {
        let portal = try Portal()
        let empty = portal.post(formPath, form: card(try token(portal, formPath), [("problem", "   "), ("solutions", "\n")]))
        XCTAssertEqual(empty.status, 422)
        XCTAssertTrue(empty.contains("Remplissez au moins un champ de la fiche d&#39;observations."))
        XCTAssertEqual(try count(portal), 0)
        let one = portal.post(formPath, form: card(try token(portal, formPath), [("problem", ""), ("solutions", ""), ("funding", "Budget communal")]))
        XCTAssertEqual(one.status, 303)
        XCTAssertEqual(try count(portal), 1)
    }

    func testForgedTokenIsForbiddenAndOutsideTheWindowIsAConflict() throws {
        let portal = try Portal()
        XCTAssertEqual(portal.post(formPath, form: card("abc")).status, 403)
        var fields = card(try token(portal, formPath))
        fields.removeAll { $0.0 == "token" }
        XCTAssertEqual(portal.post(formPath, form: fields).status, 403)
        let (_, closes) = try window(portal)
        let token = try token(portal, formPath)
        portal.site.clock.set { closes }
        XCTAssertEqual(portal.post(formPath, form: card(token)).status, 409)
        XCTAssertEqual(try count(portal), 0)
    }

    func testDoubleSubmitIsOneObservationWithTheReceiptAndTrackingPage() throws {
        let portal = try Portal()
        let fields = card(try token(portal, formPath), [("name", "Samira Lahlou"), ("gender", "woman"), ("age_band", "30-44"),
                                                        ("association", "Association Amal"), ("neighbourhood", "Hay Salam")])
        let first = portal.post(formPath, form: fields, address: "203.0.113.9")
        let second = portal.post(formPath, form: fields, address: "203.0.113.9")
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(second.status, 303)
        let location = try XCTUnwrap(first.headers["Location"])
        XCTAssertEqual(second.headers["Location"], location)
        XCTAssertTrue(location.hasPrefix("/fr/proposals/"))
        XCTAssertEqual(try count(portal), 1)

        // Committed before the receipt: the row and its card are on disk as typed.
        let stored = try portal.site.database.read { db in
            try XCTUnwrap(try db.queryOne("""
                SELECT p.kind, j.number, b.problem, b.solutions, b.funding FROM proposals p
                JOIN projects j ON j.id = p.project_id JOIN proposal_observations b ON b.proposal_id = p.id
                """))
        }
        XCTAssertEqual(try stored.string("kind"), "observation")
        XCTAssertEqual(try stored.int("number"), 2)
        XCTAssertEqual(try stored.string("problem"), "Les démarches se font au guichet.")
        XCTAssertEqual(try stored.string("solutions"), "Un portail\nen ligne.")
        XCTAssertEqual(try stored.string("funding"), "")

        let tracking = portal.get(location)
        XCTAssertEqual(tracking.status, 200)
        XCTAssertTrue(tracking.contains("Observations sur"))
        XCTAssertTrue(tracking.contains(#"href="/fr/communes/demo/programs/2025-2026/projects/2""#))
        XCTAssertTrue(tracking.contains("Généraliser la digitalisation des services"))
        XCTAssertTrue(tracking.contains("Problématique") && tracking.contains("Les démarches se font au guichet."))
        XCTAssertTrue(tracking.contains("Solutions proposées"))
        XCTAssertFalse(tracking.contains("Sources de financement"))
        for secret in ["Samira", "Amal", "Hay Salam", "30-44", "203.0.113.9", "woman", "Femme"] {
            XCTAssertFalse(tracking.contains(secret), secret)
        }
        let arabic = portal.get(location.replacingOccurrences(of: "/fr/", with: "/ar/"))
        XCTAssertTrue(arabic.contains("تعميم رقمنة الخدمات") && arabic.contains("الحلول المقترحة"))
    }
}
