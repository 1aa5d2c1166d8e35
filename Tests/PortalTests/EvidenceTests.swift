import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// Evidence files (issue 13, part B) through whole requests on the demo store, on Settat's adopted
/// program: the type is read from the bytes (a PNG named .pdf is a PNG; HTML named .png, an empty
/// file, a file over the limit and an iPhone HEIC are refused beside the field, in Arabic and
/// French, and nothing is stored), photos lose their location and camera data, files are stored
/// once by hash and served by hash with their sniffed type, internal files reach only the
/// commune's staff, and no other address reaches a file.
final class EvidenceTests: XCTestCase {
    static let admin = "/admin/%@/communes/settat/programs/2024-2025/execution"

    func admin(_ language: String = "ar", _ tail: String = "") -> String { String(format: Self.admin, language) + tail }

    func portal() throws -> (Portal, Staff) {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-06-15", time: "10:00")! }
        return (portal, try portal.signIn(.focalPoint, commune: "settat"))
    }

    /// Sends the progress form of activity 111 with a file.
    func sendProgress(_ portal: Portal, _ staff: Staff, _ file: [UInt8]?, filename: String, contentType: String = "application/octet-stream",
                      language: String = "ar", visibility: String = "public", note: String = "") -> Page {
        let form = EvidenceFixtures.form([("csrf", staff.csrf), ("entry_on", "2025-06-10"), ("status", "in-progress"), ("percent", "40"),
                                          ("started_on", "2025-05-01"), ("note_ar", note), ("evidence_visibility", visibility)],
                                         file: file, filename: filename, contentType: contentType)
        return portal.post(admin(language, "/activities/111/progress"), body: form.body, headers: [("Content-Type", form.type), staff.cookie])
    }

    func stored(_ portal: Portal) throws -> (files: Int, links: Int, entries: Int) {
        try portal.site.database.read { db in
            (try db.scalar("SELECT count(*) FROM evidence_files", as: Int.self) ?? -1,
             try db.scalar("SELECT count(*) FROM evidence", as: Int.self) ?? -1,
             try db.scalar("SELECT count(*) FROM activity_progress WHERE activity_id = 111", as: Int.self) ?? -1)
        }
    }

    func onlyFile(_ portal: Portal) throws -> (sha: String, type: String, bytes: [UInt8]) {
        try portal.site.database.read { db in
            let row = try XCTUnwrap(try db.queryOne("SELECT sha256, media_type, content FROM evidence_files ORDER BY id DESC LIMIT 1"))
            return (try row.string("sha256"), try row.string("media_type"), try row.blob("content"))
        }
    }

    // MARK: - Type by content

    func testAPNGNamedPDFIsStoredAndServedAsAPNG() throws {
        let (portal, staff) = try portal()
        let before = try stored(portal)
        let page = sendProgress(portal, staff, EvidenceFixtures.png(metadata: false), filename: "rapport.pdf", contentType: "application/pdf")
        XCTAssertEqual(page.status, 303, page.body.prefix(800).description)
        let after = try stored(portal)
        XCTAssertEqual(after.files, before.files + 1)
        XCTAssertEqual(after.entries, before.entries + 1)
        let file = try onlyFile(portal)
        XCTAssertEqual(file.type, "image/png", "the bytes say PNG, whatever the name and the browser said")
        let served = portal.get("/evidence/\(file.sha).png")
        XCTAssertEqual(served.status, 200)
        XCTAssertEqual(served.headers["Content-Type"], "image/png")
        XCTAssertEqual(portal.get("/evidence/\(file.sha).pdf").status, 404, "the extension is the sniffed type's, nothing else")
    }

    func testRefusedFilesAreNamedBesideTheFieldInBothLanguagesAndNothingIsStored() throws {
        let (portal, staff) = try portal()
        try portal.restart { $0.maxEvidenceBytes = 64 * 1024 }
        let cases: [(String, [UInt8], String, String, String)] = [
            ("page.png", EvidenceFixtures.html, "image/png", "ليس PDF ولا JPEG ولا PNG", "ni un PDF, ni un JPEG, ni un PNG"),
            ("vide.pdf", [], "application/pdf", "الملف المختار فارغ", "Le fichier choisi est vide"),
            ("grand.pdf", EvidenceFixtures.pdf(padding: 64 * 1024), "application/pdf", "الملف أكبر من 64 كيلوبايت", "Le fichier dépasse 64 Ko"),
            ("IMG_0001.HEIC", EvidenceFixtures.heic, "image/heic", "احفظ الصورة بصيغة JPEG", "enregistrez la photo en JPEG"),
            ("coupe.jpg", Array(EvidenceFixtures.jpegWithExif().prefix(30)), "image/jpeg", "الملف تالف", "Le fichier est abîmé"),
        ]
        let before = try stored(portal)
        for (name, bytes, type, arabic, french) in cases {
            for (language, message) in [("ar", arabic), ("fr", french)] {
                let page = sendProgress(portal, staff, bytes, filename: name, contentType: type, language: language, note: "ملاحظة")
                XCTAssertEqual(page.status, 422, "\(name) \(language)")
                let text = page.readText
                let field = try XCTUnwrap(text.range(of: "id=\"x-evidence-error\""), "\(name) \(language): a message under the file field")
                XCTAssertTrue(text[field.upperBound...].prefix(400).contains(message), "\(name) \(language): \(text[field.upperBound...].prefix(300))")
                XCTAssertTrue(page.contains("aria-invalid=\"true\""))
                XCTAssertTrue(page.contains("value=\"40\""), "what was typed is kept")
            }
        }
        XCTAssertEqual(try stored(portal).files, before.files)
        XCTAssertEqual(try stored(portal).links, before.links)
        XCTAssertEqual(try stored(portal).entries, before.entries, "a refused file refuses the whole entry")
    }

    func testNoFileChosenIsNoFileAndAFileAloneIsNewsEnough() throws {
        let (portal, staff) = try portal()
        let before = try stored(portal).links
        XCTAssertEqual(sendProgress(portal, staff, nil, filename: "").status, 303, "an empty part without a name: no file")
        XCTAssertEqual(try stored(portal).links, before)
        // The same state again, without a note: refused… unless a file documents it.
        XCTAssertEqual(sendProgress(portal, staff, nil, filename: "").status, 422)
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.pdf(), filename: "pv.pdf").status, 303)
        XCTAssertEqual(try stored(portal).links, before + 1)
    }

    // MARK: - Metadata

    func testLocationAndCameraDataLeaveJPEGsAndTheImageStays() throws {
        let original = EvidenceFixtures.jpegWithExif(orientation: 6)
        guard case .success(let file) = EvidenceFile.read(original, maxBytes: 1 << 20) else { return XCTFail("refused") }
        XCTAssertEqual(file.kind, .jpeg)
        let text = String(decoding: file.bytes, as: UTF8.self)
        for gone in ["GPSLatitude", "PhoneCam", "xmpmeta", "Taken at home", "TRAILER"] {
            XCTAssertFalse(text.contains(gone), "\(gone) removed")
        }
        // Every image segment is there, byte for byte, in order; the orientation kept in its own small Exif.
        var position = 2
        for part in EvidenceFixtures.jpegImageParts() {
            let found = try XCTUnwrap(file.bytes[position...].firstRange(of: part), "an image segment kept as it was")
            position = found.upperBound
        }
        XCTAssertEqual(Array(file.bytes.suffix(2)), [0xFF, 0xD9])
        XCTAssertEqual(EvidenceFile.exifOrientation(Array(try XCTUnwrap(file.bytes.firstRange(of: Array("Exif\0\0".utf8)))
            .upperBound < file.bytes.count ? file.bytes[(file.bytes.firstRange(of: Array("Exif\0\0".utf8))!.upperBound)...] : [])), 6)
        // An upright photo needs no orientation at all.
        guard case .success(let upright) = EvidenceFile.read(EvidenceFixtures.jpegWithExif(orientation: 1), maxBytes: 1 << 20) else { return XCTFail() }
        XCTAssertNil(upright.bytes.firstRange(of: Array("Exif".utf8)))
        XCTAssertEqual(upright.bytes, [0xFF, 0xD8] + EvidenceFixtures.jpegImageParts().joined() + [0xFF, 0xD9])
    }

    func testTextAndExifChunksLeavePNGsAndTheImageChunksStay() throws {
        guard case .success(let file) = EvidenceFile.read(EvidenceFixtures.png(metadata: true), maxBytes: 1 << 20) else { return XCTFail("refused") }
        XCTAssertEqual(file.bytes, EvidenceFixtures.pngSignature + EvidenceFixtures.ihdr + EvidenceFixtures.idat + EvidenceFixtures.iend)
        let text = String(decoding: file.bytes, as: UTF8.self)
        for gone in ["eXIf", "tEXt", "zTXt", "iTXt", "Rue X", "after-IEND"] { XCTAssertFalse(text.contains(gone), gone) }
    }

    func testAStoredPhotoIsTheCleanedOneAndTwoUploadsOfItAreOneFile() throws {
        let (portal, staff) = try portal()
        let before = try stored(portal)
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.jpegWithExif(), filename: "IMG_2041.JPG", contentType: "image/jpeg").status, 303)
        let file = try onlyFile(portal)
        XCTAssertEqual(file.type, "image/jpeg")
        XCTAssertFalse(String(decoding: file.bytes, as: UTF8.self).contains("GPSLatitude"), "what is stored is the cleaned file")
        XCTAssertEqual(file.sha, SHA256.hex(file.bytes), "addressed by the SHA-256 of what is stored")
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.jpegWithExif(), filename: "again.jpg", note: "مرة ثانية").status, 303)
        let counts = try stored(portal)
        XCTAssertEqual(counts.files, before.files + 1, "the same bytes are stored once")
        XCTAssertEqual(counts.links, before.links + 2)
        let audited = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'evidence' AND field = 'sha256' AND after = ?", [file.sha], as: Int.self)
        }
        XCTAssertEqual(audited, 2)
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("DELETE FROM evidence_files") })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("UPDATE evidence SET file_name = 'x'") })
    }

    // MARK: - Serving

    func testServedWithItsTypeDispositionNosniffSandboxAndAnETag() throws {
        let (portal, staff) = try portal()
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.pdf(), filename: "pv.pdf").status, 303)
        let sha = try onlyFile(portal).sha
        let request = HTTPRequest(method: .get, target: "/evidence/\(sha).pdf", path: "/evidence/\(sha).pdf",
                                  headers: HTTPHeaders([("Host", "x")]))
        let response = try portal.site.respond(to: request)
        XCTAssertEqual(response.status.code, 200)
        XCTAssertTrue(response.body.isEmpty, "the body is not read whole")
        XCTAssertTrue(response.stream is EvidenceBody, "it is pulled from the store a chunk at a time")
        XCTAssertEqual(response.stream?.count, EvidenceFixtures.pdf().count)
        XCTAssertEqual(response.headers["Content-Type"], "application/pdf")
        XCTAssertEqual(response.headers["Content-Disposition"], "attachment; filename=\"evidence-\(sha.prefix(12)).pdf\"")
        XCTAssertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        XCTAssertEqual(response.headers["Content-Security-Policy"], "sandbox")
        XCTAssertEqual(response.headers["ETag"], "\"\(sha)\"")
        var again = request
        again.headers.add("If-None-Match", "\"\(sha)\"")
        XCTAssertEqual(try portal.site.respond(to: again).status.code, 304)
        // The public pages list it: the project card and the Execution page.
        let card = portal.get("/fr/communes/settat/programs/2024-2025/projects/1")
        XCTAssertTrue(card.contains("href=\"/evidence/\(sha).pdf\""), "the project card links the file")
        let execution = portal.get("/ar/communes/settat/programs/2024-2025/execution")
        XCTAssertTrue(execution.contains("href=\"/evidence/\(sha).pdf\"") && execution.contains("وثائق الإثبات"))
    }

    func testInternalEvidenceReachesOnlyTheCommunesStaff() throws {
        let (portal, staff) = try portal()
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.pdf(padding: 10), filename: "interne.pdf", visibility: "internal").status, 303)
        let sha = try onlyFile(portal).sha
        let link = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT max(id) FROM evidence", as: Int.self) })
        XCTAssertEqual(portal.get("/evidence/\(sha).pdf").status, 404, "the public does not learn it exists")
        XCTAssertFalse(portal.get("/ar/communes/settat/programs/2024-2025/projects/1").contains(sha))
        XCTAssertFalse(portal.get("/ar/communes/settat/programs/2024-2025/execution").contains(sha))
        let path = admin("ar", "/evidence/\(link)")
        let own = portal.get(path, as: staff)
        XCTAssertEqual(own.status, 200)
        XCTAssertEqual(own.headers["Content-Type"], "application/pdf")
        XCTAssertEqual(own.headers["Cache-Control"], "no-store")
        let council = try portal.signIn(.council, commune: "settat")
        XCTAssertEqual(portal.get(path, as: council).status, 200, "the council reads what the committee follows")
        let elsewhere = try portal.signIn(.focalPoint, commune: "larache")
        XCTAssertEqual(portal.get(path, as: elsewhere).status, 403)
        let signedOut = portal.get(path)
        XCTAssertEqual(signedOut.status, 303)
        XCTAssertTrue(signedOut.headers["Location"]?.contains("/login") ?? false)
        // Settat's link under Larache's address is not found, even for an administrator.
        let administrator = try portal.signIn(.admin)
        XCTAssertEqual(portal.get("/admin/ar/communes/larache/programs/2024-2025/execution/evidence/\(link)", as: administrator).status, 404)

        // Published, then withdrawn again: audited each time.
        let change = admin("ar", "/evidence/\(link)/visibility")
        XCTAssertEqual(portal.post(change, form: [("visibility", "public")], as: staff).status, 303)
        XCTAssertEqual(portal.get("/evidence/\(sha).pdf").status, 200)
        XCTAssertEqual(portal.post(change, form: [("visibility", "internal")], as: staff).status, 303)
        XCTAssertEqual(portal.get("/evidence/\(sha).pdf").status, 404)
        let changes = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'evidence' AND field = 'visibility' AND action = 'update'", as: Int.self)
        }
        XCTAssertEqual(changes, 2)
    }

    func testNoOtherAddressReachesAFile() throws {
        let (portal, staff) = try portal()
        XCTAssertEqual(sendProgress(portal, staff, EvidenceFixtures.pdf(), filename: "pv.pdf").status, 303)
        let sha = try onlyFile(portal).sha
        XCTAssertEqual(portal.get("/evidence/\(sha).pdf").status, 200)
        for target in ["/evidence/\(sha.uppercased()).pdf", "/evidence/\(sha.dropLast()).pdf", "/evidence/\(sha)0.pdf",
                       "/evidence/\(sha).PDF", "/evidence/\(sha).html", "/evidence/\(sha)", "/evidence/\(sha).pdf.pdf",
                       "/evidence/..%2F\(sha).pdf", "/evidence/\(sha).pdf/x", "/evidence/%2e%2e/Package.swift",
                       "/evidence/" + String(repeating: "0", count: 64) + ".pdf", "/ar/evidence/\(sha).pdf"] {
            let path = target.removingPercentEncoding ?? target
            XCTAssertEqual(portal.get(path).status, 404, target)
        }
        for tail in ["/evidence/0", "/evidence/-1", "/evidence/01", "/evidence/\(sha)", "/evidence/1/x"] {
            XCTAssertEqual(portal.get(admin("ar", tail), as: staff).status, 404, tail)
        }
    }

    /// Over real sockets: a 3 MB file goes up through the one route that takes it (the server's
    /// usual 1 MB limit elsewhere), comes down intact in chunks, and a file past the limit is 413.
    func testAMultiMegabyteFileGoesUpAndComesDownIntactOverASocket() throws {
        let (portal, staff) = try portal()
        try portal.restart { $0.maxEvidenceBytes = 4 << 20 }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        configuration.uploadBodyLimit = { method, segments in AdminRoute.uploadLimit(method, segments, maxEvidenceBytes: 4 << 20) }
        let server = HTTPServer(configuration: configuration, responder: portal.site)
        try server.start()
        defer { server.shutdown() }

        let pdf = EvidenceFixtures.pdf(padding: 3 << 20)
        let form = EvidenceFixtures.form([("csrf", staff.csrf), ("entry_on", "2025-06-10"), ("status", "in-progress"), ("percent", "40"),
                                          ("started_on", "2025-05-01"), ("evidence_visibility", "public")],
                                         file: pdf, filename: "rapport.pdf", contentType: "application/pdf")
        let path = admin("ar", "/activities/111/progress")
        let head = "POST \(path) HTTP/1.1\r\nHost: x\r\nCookie: \(staff.cookie.1)\r\nContent-Type: \(form.type)\r\nContent-Length: \(form.body.count)\r\nConnection: close\r\n\r\n"
        let upload = try RawClient.exchange(port: server.port, head + String(decoding: form.body, as: UTF8.self), timeout: 20)
        XCTAssertTrue(upload.head.hasPrefix("HTTP/1.1 303"), upload.head)
        XCTAssertEqual(try onlyFile(portal).sha, SHA256.hex(pdf))

        let download = try RawClient.exchange(port: server.port, "GET /evidence/\(SHA256.hex(pdf)).pdf HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                              timeout: 20)
        XCTAssertTrue(download.head.hasPrefix("HTTP/1.1 200"), download.head)
        XCTAssertEqual(download.header("Content-Length"), String(pdf.count))
        XCTAssertEqual(download.body.count, pdf.count)
        XCTAssertTrue(download.body == pdf, "every byte, in order")

        // The same size is refused on any other route; past the evidence limit on this one.
        let elsewhere = try RawClient.exchange(port: server.port, "POST \(admin("ar", "/import")) HTTP/1.1\r\nHost: x\r\nContent-Type: \(form.type)\r\nContent-Length: \(form.body.count)\r\n\r\n")
        XCTAssertTrue(elsewhere.head.hasPrefix("HTTP/1.1 413"), elsewhere.head)
        let tooLarge = try RawClient.exchange(port: server.port, "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: \(form.type)\r\nContent-Length: \((5 << 20))\r\n\r\n")
        XCTAssertTrue(tooLarge.head.hasPrefix("HTTP/1.1 413"), tooLarge.head)
    }

    // MARK: - Body limit

    func testOnlyTheEvidenceFormsTakeALargeBody() {
        let limit = 10 << 20
        func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }
        for path in [admin("ar", "/activities/111/progress"), admin("fr", "/indicators/5/values")] {
            XCTAssertEqual(AdminRoute.uploadLimit(.post, segments(path), maxEvidenceBytes: limit), limit + 256 * 1024, path)
            XCTAssertNil(AdminRoute.uploadLimit(.get, segments(path), maxEvidenceBytes: limit), "GET \(path)")
        }
        for path in [admin("ar", "/import"), admin("ar", "/indicators/5/plan"), admin("ar", "/evidence/1/visibility"),
                     "/ar/communes/demo/programs/2025-2026/proposals/new", "/admin/ar/login", "/admin/ar/communes/settat/programs/2024-2025/import"] {
            XCTAssertNil(AdminRoute.uploadLimit(.post, segments(path), maxEvidenceBytes: limit), path)
        }
    }
}
