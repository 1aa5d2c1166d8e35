import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// The matrix as one editable table: the page posts back its own values unchanged without
/// writing anything; edits, new rows, removals and renumbering are saved at once with their
/// audit entries; one bad cell anywhere refuses the whole table with every typed value kept.
final class EditorMatrixTests: XCTestCase {
    /// The text inputs of the matrix form (name, value), as a browser would send them.
    func matrixForm(_ page: Page, action: String) throws -> [(String, String)] {
        let body = page.body
        let start = try XCTUnwrap(body.range(of: "action=\"\(action)\""), "no matrix form")
        let end = try XCTUnwrap(body.range(of: "</form>", range: start.upperBound..<body.endIndex))
        let form = String(body[start.upperBound..<end.lowerBound])
        let pattern = try NSRegularExpression(pattern: #"<input type="text" id="[^"]*" name="([^"]*)" value="([^"]*)""#)
        return pattern.matches(in: form, range: NSRange(form.startIndex..., in: form)).map { match in
            (unescape(String(form[Range(match.range(at: 1), in: form)!])), unescape(String(form[Range(match.range(at: 2), in: form)!])))
        }
    }

    func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Everything the matrix stores, to compare before and after.
    func snapshot(_ portal: Portal) throws -> [String] {
        try portal.site.database.read { db in
            var lines: [String] = []
            for sql in ["SELECT * FROM axes ORDER BY id", "SELECT * FROM projects ORDER BY id", "SELECT * FROM activities ORDER BY id",
                        "SELECT * FROM activity_partners ORDER BY activity_id, position", "SELECT * FROM partners ORDER BY id"] {
                for row in try db.query(sql) {
                    lines.append(try row.columnNames.map { name in try row.get(name, as: SQLValue.self) }.map { "\($0)" }.joined(separator: "|"))
                }
            }
            return lines
        }
    }

    func count(_ portal: Portal, _ sql: String, _ bindings: [any SQLBindable] = []) throws -> Int {
        try portal.site.database.read { try $0.scalar(sql, bindings, as: Int.self) } ?? 0
    }

    func testPostingThePageBackChangesNothing() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")   // Settat's program is adopted: its matrix changes only in an amendment (issue 6)
        let programs = [("settat", "2024-2025"), ("taroudant", "2024-2025"), ("larache", "2024-2025"), ("beni-mellal", "2024-2025"), ("demo", "2025-2026")]
        for (slug, period) in programs {
            let staff = try portal.signIn(.focalPoint, commune: slug)
            for language in ["ar", "fr"] {
                let path = "/admin/\(language)/communes/\(slug)/programs/\(period)"
                let page = portal.get(path, as: staff)
                XCTAssertEqual(page.status, 200, path)
                // Beni Mellal's documents give no matrix yet: the page says so and has no table to post.
                guard slug != "beni-mellal" else { XCTAssertFalse(page.contains(path + "/matrix")); continue }
                let form = try matrixForm(page, action: path + "/matrix")
                XCTAssertGreaterThan(form.count, 10, path)
                let before = try snapshot(portal)
                let saved = portal.post(path + "/matrix", form: form, as: staff)
                XCTAssertEqual(saved.status, 303, "\(path): \(saved.body.prefix(2000))")
                XCTAssertEqual(try snapshot(portal), before, path)
                XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE action IN ('create', 'update', 'delete')"), 0, path)
            }
        }
    }

    func testEditAddRemoveAndRenumberInOneSave() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")   // Settat's program is adopted: its matrix changes only in an amendment (issue 6)
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let path = "/admin/ar/communes/settat/programs/2024-2025"
        let page = portal.get(path, as: staff)
        XCTAssertTrue(page.contains("class=\"table-scroll\""))
        var form = try matrixForm(page, action: path + "/matrix")
        func set(_ name: String, _ value: String) {
            if let at = form.firstIndex(where: { $0.0 == name }) { form[at].1 = value } else { form.append((name, value)) }
        }
        set("a111.title_ar", "نشر مواد رقمية تفاعلية محينة")
        set("a111.cost", "15 000,00")
        set("a111.cost_text", "")
        set("a111.partners", "المديرية العامة للجماعات الترابية ; شريك جديد للمصفوفة")
        set("a121.number", "2"); set("a122.number", "1")          // swap two activities' numbers
        set("x13.title_fr", "Numérique")
        set("p14.budget", "80000")
        set("n11_1.title_ar", "نشاط مضاف من المصفوفة"); set("n11_1.start", "2024-03"); set("n11_1.end", "2024-05")
        form.append(("a142.remove", "1"))
        let saved = portal.post(path + "/matrix", form: form, as: staff)
        XCTAssertEqual(saved.status, 303, String(saved.body.prefix(3000)))

        try portal.site.database.read { db in
            let a111 = try XCTUnwrap(db.queryOne("SELECT * FROM activities WHERE id = 111"))
            XCTAssertEqual(try a111.string("title_ar"), "نشر مواد رقمية تفاعلية محينة")
            XCTAssertEqual(try a111.optionalInt("cost_centimes"), 1_500_000)
            XCTAssertNil(try a111.optionalString("cost_text_ar"))
            XCTAssertNil(try a111.optionalString("cost_text_fr"), "an emptied text goes in both languages")
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM activity_partners WHERE activity_id = 111", as: Int.self), 2)
            XCTAssertEqual(try db.scalar("SELECT number FROM activities WHERE id = 121", as: Int.self), 2)
            XCTAssertEqual(try db.scalar("SELECT number FROM activities WHERE id = 122", as: Int.self), 1)
            XCTAssertEqual(try db.scalar("SELECT title_fr FROM axes WHERE id = 13", as: String.self), "Numérique")
            XCTAssertEqual(try db.scalar("SELECT budget_centimes FROM projects WHERE id = 14", as: Int.self), 8_000_000)
            XCTAssertEqual(try db.scalar("SELECT number FROM activities WHERE project_id = 11 AND title_ar = 'نشاط مضاف من المصفوفة'", as: Int.self), 5,
                           "a new row without a number comes after the others")
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM activities WHERE id = 142", as: Int.self), 0)
            func audited(_ entity: String, _ id: Int, _ field: String?, _ action: String = "update") throws -> Int {
                try db.scalar("SELECT count(*) FROM audit_log WHERE entity = ? AND entity_id = ? AND action = ? AND field IS ?",
                              [entity, id, action, field], as: Int.self) ?? 0
            }
            XCTAssertEqual(try audited("activity", 111, "title_ar"), 1)
            XCTAssertEqual(try audited("activity", 111, "cost_centimes"), 1)
            XCTAssertEqual(try audited("activity", 111, "partners"), 1)
            XCTAssertEqual(try audited("activity", 121, "number"), 1)
            XCTAssertEqual(try audited("axis", 13, "title_fr"), 1)
            XCTAssertEqual(try audited("project", 14, "budget_centimes"), 1)
            XCTAssertEqual(try audited("activity", 142, nil, "delete"), 1)
            XCTAssertEqual(try db.scalar("SELECT count(*) FROM audit_log WHERE entity = 'partner' AND action = 'create' AND after = 'شريك جديد للمصفوفة'", as: Int.self), 1)
            XCTAssertEqual(try db.scalar("SELECT before FROM audit_log WHERE entity = 'activity' AND entity_id = 111 AND field = 'title_ar'", as: String.self),
                           "نشر مواد رقمية تفاعلية تحسيسية حول الميزانية التشاركية")
        }
        let publicMatrix = portal.get("/ar/communes/settat/programs/2024-2025/matrix")
        XCTAssertTrue(publicMatrix.contains("نشر مواد رقمية تفاعلية محينة"))
        XCTAssertTrue(publicMatrix.contains("نشاط مضاف من المصفوفة"))
        XCTAssertTrue(publicMatrix.contains("شريك جديد للمصفوفة"))
        XCTAssertFalse(publicMatrix.contains("نشر التقييم السنوي لبرنامج عمل الجماعة"), "the removed activity is gone")
    }

    func testOneBadCellRefusesTheWholeTable() throws {
        let portal = try Portal()
        try portal.openAmendment("settat")   // Settat's program is adopted: its matrix changes only in an amendment (issue 6)
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let path = "/admin/fr/communes/settat/programs/2024-2025"
        var form = try matrixForm(portal.get(path, as: staff), action: path + "/matrix")
        func set(_ name: String, _ value: String) { form[form.firstIndex { $0.0 == name }!].1 = value }
        set("a112.title_fr", "Une traduction modifiée")           // a good change, kept on screen but not saved
        set("a113.title_ar", "")
        set("a114.end", "2023-12-31")
        set("a121.cost", "-300")
        set("a121.cost_text", "")
        set("a132.number", "1")
        set("a141.start", "2024-13-01")
        set("p12.number", "3")
        set("n13_2.title_fr", "Sans titre arabe")
        form.append(("x11.remove", "1"))                          // its figures point to it
        let before = try snapshot(portal)
        let page = portal.post(path + "/matrix", form: form, as: staff)
        XCTAssertEqual(page.status, 422)
        XCTAssertEqual(try snapshot(portal), before, "nothing written")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE action IN ('create', 'update', 'delete')"), 0)
        let expected: [(String, String, String)] = [
            ("a113-title_ar", "Activité 3 du projet 1", "Obligatoire en arabe."),
            ("a114-end", "Activité 4 du projet 1", "La fin (2023-12-31) est avant le début (2024-01-01)."),
            ("a121-cost", "Activité 1 du projet 2", "Un montant ne peut pas être négatif (-300)."),
            ("a132-number", "Activité 2 du projet 3", "Le numéro 1 est déjà pris à ce niveau."),
            ("a141-start", "Activité 1 du projet 4", "Date non valable (2024-13-01)"),
            ("p12-number", "Projet 2", "Le numéro 3 est déjà pris à ce niveau."),
            ("n13_2-title_ar", "Nouvelle activité (ligne 2) du projet 3", "Obligatoire en arabe."),
            ("x11-remove", "Axe 1", "L'axe 1 ne peut pas être supprimé"),
        ]
        for (id, row, message) in expected {
            XCTAssertTrue(page.contains("id=\"f-\(id)-error\">\(message.replacingOccurrences(of: "'", with: "&#39;"))"), "next to \(id): \(message)")
            XCTAssertTrue(page.contains("href=\"#f-\(id)\">\(row) — \(message.replacingOccurrences(of: "'", with: "&#39;"))"), "summary names \(row)")
        }
        XCTAssertFalse(page.contains("id=\"f-a112-title_fr-error\""), "a good cell has no message")
        for kept in ["value=\"Une traduction modifiée\"", "value=\"2023-12-31\"", "value=\"-300\"", "value=\"2024-13-01\"",
                     "value=\"Sans titre arabe\""] {
            XCTAssertTrue(page.contains(kept), "typed value kept: \(kept)")
        }
        XCTAssertTrue(page.contains("name=\"x11.remove\" value=\"1\" aria-label=\"Supprimer — Axe 1\" checked"), "the ticked box stays ticked")
    }
}
