import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// The matrix CSV import page end to end: the public export uploaded as a browser sends a
/// file (multipart/form-data), its preview, "apply", and the public matrix afterwards.
final class DetailsImportTests: XCTestCase {
    private let page = "/admin/ar/communes/taroudant/programs/2024-2025/import"

    /// A body as Chromium builds it for the import form with a chosen file.
    private func upload(_ csv: [UInt8], language: String, csrf: String, filename: String = "taroudant.csv") -> (body: [UInt8], type: String) {
        let boundary = "----WebKitFormBoundaryQ3d8Zt1pLmX0aB7c"
        func field(_ name: String, _ value: String) -> String {
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        var body = Array((field("csrf", csrf) + field("step", "preview") + field("language", language)).utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += csv
        body += Array(("\r\n" + field("csv", "") + "--\(boundary)--\r\n").utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    private func send(_ portal: Portal, _ csv: [UInt8], language: String = "ar", as staff: Staff) -> Page {
        let (body, type) = upload(csv, language: language, csrf: staff.csrf)
        return portal.post(page, body: body, headers: [("Content-Type", type), staff.cookie])
    }

    /// The value of the preview's hidden `csv` input, unescaped as a browser reads it.
    private func hiddenCSV(_ html: String) throws -> String {
        let start = try XCTUnwrap(html.range(of: "<input type=\"hidden\" name=\"csv\" value=\""))
        let rest = html[start.upperBound...]
        let end = try XCTUnwrap(rest.firstIndex(of: "\""))
        return String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    func testRoundTripThroughTheUploadForm() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "taroudant")
        XCTAssertEqual(portal.get(page, as: staff).status, 200)
        let export = portal.get("/ar/communes/taroudant/programs/2024-2025.csv")
        XCTAssertEqual(export.status, 200)
        let csv = Array(export.body.utf8)
        let auditBefore = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM audit_log WHERE action <> 'login'", as: Int.self) }

        // The export as it is: nothing would change, nothing is written.
        let same = send(portal, csv, as: staff)
        XCTAssertEqual(same.status, 200, same.body)
        XCTAssertTrue(same.contains("الملف مطابق للبرنامج"), "no changes")
        XCTAssertFalse(same.contains("name=\"step\" value=\"apply\""))

        // One activity title edited: the preview lists exactly that change, and writes nothing.
        let title = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT a.title_ar FROM activities a JOIN projects p ON p.id = a.project_id WHERE p.program_id = 2 ORDER BY p.number, a.number LIMIT 1", as: String.self)
        })
        XCTAssertEqual(export.body.components(separatedBy: title).count, 2, "the title occurs once in the export")
        let edited = export.body.replacingOccurrences(of: title, with: title + " (معدل)")
        let preview = send(portal, Array(edited.utf8), as: staff)
        XCTAssertEqual(preview.status, 200, preview.body)
        XCTAssertTrue(preview.contains("<p>تغيير واحد</p>"), "exactly one change, in the singular")
        XCTAssertTrue(preview.contains(title + " (معدل)") && preview.contains("title_ar"))
        XCTAssertFalse(portal.get("/ar/communes/taroudant/programs/2024-2025/matrix").contains(title + " (معدل)"), "a preview writes nothing")

        // Apply, as the preview's own form sends it.
        let carried = try hiddenCSV(preview.body)
        XCTAssertEqual(carried, edited)
        let applied = portal.post(page, form: [("step", "apply"), ("language", "ar"), ("csv", carried)], as: staff)
        XCTAssertEqual(applied.status, 303)
        XCTAssertEqual(applied.headers["Location"], page + "?notice=notice.matrix_imported")
        let matrix = portal.get("/ar/communes/taroudant/programs/2024-2025/matrix")
        XCTAssertTrue(matrix.contains(title + " (معدل)"), "the public matrix shows the change at once")
        let entries = try portal.site.database.read {
            try $0.query("SELECT action, entity, field, before, after, program_id, user_id FROM audit_log WHERE action <> 'login' ORDER BY id")
        }
        XCTAssertEqual(entries.count, (auditBefore ?? 0) + 1, "one audit entry for the one change")
        let entry = try XCTUnwrap(entries.last)
        XCTAssertEqual(try entry.string("action"), "update")
        XCTAssertEqual(try entry.string("entity"), "activity")
        XCTAssertEqual(try entry.optionalString("before"), title)
        XCTAssertEqual(try entry.optionalString("after"), title + " (معدل)")
        XCTAssertEqual(try entry.int("program_id"), 2)
        XCTAssertEqual(try entry.int("user_id"), staff.userID)

        // The new export, pasted back: no changes.
        let again = portal.get("/ar/communes/taroudant/programs/2024-2025.csv").body
        let pasted = portal.post(page, form: [("step", "preview"), ("language", "ar"), ("csv", again)], as: staff)
        XCTAssertEqual(pasted.status, 200)
        XCTAssertTrue(pasted.contains("الملف مطابق للبرنامج"))
    }

    func testBadLinesAreListedAndNothingIsWritten() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "taroudant")
        let export = portal.get("/fr/communes/taroudant/programs/2024-2025.csv").body
        var lines = export.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(lines.count, 3)
        // Line 3: the project number is not a number; plus an unchanged-looking edit elsewhere that must not be written.
        var fields = lines[2].components(separatedBy: ",")
        fields[2] = "x"
        lines[2] = fields.joined(separator: ",")
        let title = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT title_fr FROM axes WHERE program_id = 2 AND number = 1", as: String.self) })
        let bad = lines.joined(separator: "\r\n").replacingOccurrences(of: title, with: title + " X")
        let refused = send(portal, Array(bad.utf8), language: "fr", as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("السطر 3") || refused.contains("Ligne 3"), refused.body)
        XCTAssertTrue(refused.contains("« x » n&#39;est pas un numéro valide") || refused.contains("لم يُستورد"), refused.body)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT title_fr FROM axes WHERE program_id = 2 AND number = 1", as: String.self) }, title)

        // In French, the same file names the line and column in French.
        let (body, type) = upload(Array(bad.utf8), language: "fr", csrf: staff.csrf)
        let french = portal.post(page.replacingOccurrences(of: "/admin/ar/", with: "/admin/fr/"), body: body, headers: [("Content-Type", type), staff.cookie])
        XCTAssertEqual(french.status, 422)
        XCTAssertTrue(french.contains("Ligne 3, colonne"), french.body)
        XCTAssertTrue(french.contains("value=\"fr\" selected"), "the language chosen is kept")

        // A short line counts its fields, in the plural Arabic gives 3 to 10.
        var short = export.components(separatedBy: "\r\n")
        short[3] = "1,2,3"
        let counted = send(portal, Array(short.joined(separator: "\r\n").utf8), as: staff)
        XCTAssertEqual(counted.status, 422)
        XCTAssertTrue(counted.contains("في السطر 3 حقول بدل 13."), counted.body)

        // Nothing chosen: 422; a malformed multipart body: 400; no token: 403.
        XCTAssertEqual(send(portal, [], as: staff).status, 422)
        let broken = portal.post(page, body: Array("--b\r\nno headers here".utf8),
                                 headers: [("Content-Type", "multipart/form-data; boundary=b"), staff.cookie])
        XCTAssertEqual(broken.status, 400)
        let (unsigned, unsignedType) = upload(Array(export.utf8), language: "fr", csrf: "wrong")
        XCTAssertEqual(portal.post(page, body: unsigned, headers: [("Content-Type", unsignedType), staff.cookie]).status, 403)
    }
}
