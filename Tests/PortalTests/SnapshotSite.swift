import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// A whole response as reviewable text (issue 17): the request, the status line, the headers
/// that matter, a blank line and the body as sent. Kept under `Tests/PortalTests/Snapshots/`
/// and compared byte for byte, so any change to a page — a renamed view key, a moved element,
/// a translation — fails a test until someone re-records and reviews it as a diff.
enum Snapshot {
    /// The headers a snapshot keeps, in this order: what a browser or a cache acts on. Left out:
    /// `Date`, `Content-Length` (the body says it), `ETag` (a hash of the body, one more line
    /// changed for every body change) and `Set-Cookie`'s value (see `headerLines`).
    static let headerNames = ["Content-Type", "Content-Language", "Content-Disposition", "Cache-Control", "Vary", "Location",
                              "Allow", "Retry-After", "Set-Cookie", "Referrer-Policy", "X-Content-Type-Options", "Content-Security-Policy"]

    /// The media types whose body is kept as text; any other body (an evidence PDF) is kept as
    /// its length and SHA-256, which still changes when one byte does.
    static let textTypes = ["text/", "application/json", "application/atom+xml"]

    /// The snapshot of `page`, the answer to `method target`.
    static func text(_ method: String, _ target: String, _ page: Page) -> [UInt8] {
        var head = "\(method) \(target)\nHTTP \(page.status) \(page.reason)\n"
        for line in headerLines(page.headers) { head += line + "\n" }
        head += "\n"
        let type = page.headers["Content-Type"] ?? ""
        if page.bytes.isEmpty || textTypes.contains(where: type.hasPrefix) {
            return Array(head.utf8) + page.bytes
        }
        return Array((head + "[\(page.bytes.count) bytes of \(type), SHA-256 \(SHA256.hex(page.bytes))]\n").utf8)
    }

    /// `name: value` for each kept header present, every value of a repeated one. A session
    /// cookie's value is random (256 bits from /dev/urandom, never made fixed: it is the
    /// session): it is written `{session}`, its attributes as sent. A cleared cookie (empty
    /// value) is written as sent.
    static func headerLines(_ headers: HTTPHeaders) -> [String] {
        var lines: [String] = []
        for name in headerNames {
            for value in headers.values(name) {
                lines.append("\(name): " + (name == "Set-Cookie" ? maskedCookie(value) : value))
            }
        }
        return lines
    }

    /// `infitah_session=<64 hex>; HttpOnly…` → `infitah_session={session}; HttpOnly…`; anything
    /// else unchanged.
    static func maskedCookie(_ value: String) -> String {
        value.replacingOccurrences(of: #"^([A-Za-z0-9_]+)=[0-9a-f]{64}(;|$)"#, with: "$1={session}$2", options: .regularExpression)
    }

    /// The first line (1-based) where `actual` differs from `expected`, with both lines, or nil
    /// when they are the same bytes. Lines are cut at LF; a CR stays in its line.
    static func firstDifference(expected: [UInt8], actual: [UInt8]) -> (line: Int, expected: String, actual: String)? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: 10, omittingEmptySubsequences: false)
        let new = actual.split(separator: 10, omittingEmptySubsequences: false)
        var index = 0
        while index < old.count, index < new.count, old[index].elementsEqual(new[index]) { index += 1 }
        func line(_ lines: [ArraySlice<UInt8>]) -> String {
            guard index < lines.count else { return "(end of file)" }
            let text = String(decoding: lines[index], as: UTF8.self)
            return text.count > 400 ? String(text.prefix(400)) + "…" : text
        }
        return (index + 1, line(old), line(new))
    }
}

/// One group's folder of snapshots, `Tests/PortalTests/Snapshots/<group>/<name>.txt`.
///
/// - `swift test --filter SnapshotTests`: every page is compared with its file, byte for byte; a
///   missing file fails (a snapshot is never taken silently), a different one fails with its
///   first differing line.
/// - `INFITAH_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`: each missing or different
///   file is written with what the portal sends now, and files no test takes any more are
///   deleted; then `git diff Tests/PortalTests/Snapshots` shows what changed, to review and commit.
final class SnapshotFolder {
    static let root = repositoryRoot.appendingPathComponent("Tests/PortalTests/Snapshots")
    static var recording: Bool { ProcessInfo.processInfo.environment["INFITAH_RECORD_SNAPSHOTS"] == "1" }

    let group: String
    let folder: URL
    private var taken: Set<String> = []
    /// Names written while recording, reported at the end.
    private(set) var recorded: [String] = []

    init(group: String) {
        self.group = group
        folder = Self.root.appendingPathComponent(group)
    }

    /// Compares `text` with the snapshot `name` (or records it).
    func check(_ name: String, _ text: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        precondition(!name.contains("/") && !name.isEmpty, "a snapshot name is one file name: \(name)")
        guard taken.insert(name).inserted else {
            XCTFail("snapshot \(group)/\(name) taken twice in one test", file: file, line: line)
            return
        }
        let url = folder.appendingPathComponent(name + ".txt")
        let stored = FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        if stored == text { return }
        if Self.recording {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            do { try Data(text).write(to: url) } catch { XCTFail("cannot write \(url.path): \(error)", file: file, line: line) }
            recorded.append(name)
            return
        }
        guard let stored else {
            XCTFail("no snapshot \(relative(url)): record it with INFITAH_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests, "
                    + "then review it with git diff", file: file, line: line)
            return
        }
        let difference = Snapshot.firstDifference(expected: stored, actual: text)!
        XCTFail("""
            \(relative(url)) differs at line \(difference.line)
              expected: \(difference.expected)
              actual:   \(difference.actual)
            If the change is meant, re-record with INFITAH_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests and review git diff Tests/PortalTests/Snapshots
            """, file: file, line: line)
    }

    /// At the end of a group's test: a file in the folder that no check took is a page no longer
    /// snapshotted (fails; deleted when recording).
    func finish(file: StaticString = #filePath, line: UInt = #line) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }
        for stray in names.map({ String($0.dropLast(4)) }).filter({ !taken.contains($0) }).sorted() {
            let url = folder.appendingPathComponent(stray + ".txt")
            if Self.recording { try? FileManager.default.removeItem(at: url); recorded.append(stray + " (deleted)") }
            else { XCTFail("\(relative(url)) is not taken by any test: delete it, or record with INFITAH_RECORD_SNAPSHOTS=1", file: file, line: line) }
        }
        if !recorded.isEmpty {
            let shown = recorded.prefix(12).joined(separator: ", ") + (recorded.count > 12 ? "…" : "")
            print("recorded \(recorded.count) snapshot(s) in \(group): \(shown)")
        }
    }

    private func relative(_ url: URL) -> String {
        String(url.path.dropFirst(repositoryRoot.path.count + 1))
    }
}

/// The demo portal the snapshots are taken of, with nothing left to chance: the demo data made
/// at a fixed instant, the clock standing still a little later (the sandbox's calls open), the
/// forms' secret and shown nonce fixed, a few proposals sent through the real forms with fixed
/// tracking codes, one answered by the committee, and four staff members signed in through the
/// real login form with fixed anti-forgery tokens. Built once and only read afterwards, so a
/// test sees the same portal whichever tests ran before it.
final class SnapshotPortal {
    /// When the demo data is made: the sandbox's two calls open then, for 30 days.
    static let demoMadeAt = try! Call.parse("2026-11-02T08:00:00Z")
    /// The portal's clock, for every request and every write: two days into the sandbox's calls.
    static let now = try! Call.parse("2026-11-04T09:30:00Z")
    /// The secret forms' tokens are signed with, and the nonce every shown form carries.
    static let formSecret = String(repeating: "5a", count: 32)
    static let shownNonce = String(repeating: "0", count: 32)

    /// The tracking codes of the proposals sent (kept canonical: `TrackingCode.canonical`).
    enum Code {
        static let idea = "SNAPAA-222222-222222"
        static let anonymous = "SNAPBB-333333-333333"
        static let project = "SNAPCC-444444-444444"
        static let observation = "SNAPDD-555555-555555"
    }

    /// The sandbox's program in consultation, and its commune.
    static let sandbox = "/communes/demo/programs/2025-2026"

    let portal: Portal
    let admin: Staff
    let focalPoint: Staff
    let committee: Staff
    let council: Staff

    nonisolated(unsafe) private static var built: SnapshotPortal?

    /// The one portal every snapshot group reads (built on first use).
    static func shared() throws -> SnapshotPortal {
        if let built { return built }
        let made = try SnapshotPortal()
        built = made
        return made
    }

    /// A fresh portal as the snapshots see it, on the checkout at `root` (a copy with one
    /// template changed, in the test that a renamed key fails).
    init(root: URL = repositoryRoot) throws {
        let portal = try Portal(demoMadeAt: Self.demoMadeAt, root: root)
        self.portal = portal
        portal.site.clock.set { SnapshotPortal.now }
        try portal.site.database.write { try $0.run("INSERT INTO settings (key, value) VALUES ('form_secret', ?)", [Self.formSecret]) }
        portal.site.formGuard.showFixedNonce(Self.shownNonce)

        try Self.send(portal, "fr", "/proposals/new", code: Code.idea, nonce: 1, [
            ("axis", "51"), ("title", "Publier les comptes rendus des rencontres de quartier"),
            ("description", "Chaque rencontre devrait avoir son compte rendu en ligne dans la semaine,\nen arabe et en français."),
            ("name", "Nadia B."), ("show_name", "1"), ("gender", "woman"), ("age_band", "30-44"), ("neighbourhood", "Hay Salam"),
        ])
        try Self.send(portal, "ar", "/proposals/new", code: Code.anonymous, nonce: 2, [
            ("axis", "52"), ("title", "شباك رقمي في المقاطعات"), ("description", "تمكين المواطنين من تتبع طلباتهم عبر الهاتف."),
            ("age_band", "18-29"),
        ])
        try Self.send(portal, "fr", "/proposals/new-project", code: Code.project, nonce: 3, [
            ("axis", "53"), ("title", "Budget participatif des jeunes"), ("description", "Une part du budget décidée par les jeunes de la commune."),
            ("objective", "Associer les jeunes aux choix budgétaires."), ("expected_results", "Deux projets choisis par an."),
            ("partners", "Maison des jeunes"), ("cost", "50 000"),
        ])
        try Self.send(portal, "ar", "/projects/2/observations/new", code: Code.observation, nonce: 4, [
            ("problem", "الخدمات الرقمية غير معروفة لدى كبار السن."), ("solutions", "حملة في الأسواق الأسبوعية."),
        ])

        func staff(_ role: Role, _ name: String, commune: String?) throws -> Staff {
            let email = "\(role.rawValue)@snapshot.example.ma", password = "a long enough passphrase"
            let hash = try Passwords.hash(password)
            let id = try portal.site.database.write { db -> Int in
                let id = try AccountStore.add(db, email: email, name: name, role: role, communeSlug: commune, at: Self.demoMadeAt)
                try db.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, id])
                return id
            }
            let signed = try portal.logIn(email: email, password: password, userID: id)
            // The session's token is random, and stays so (it is only in the cookie); the form
            // token it carries is fixed so that every admin form is the same bytes.
            let csrf = SHA256.hex(Array("snapshot csrf of \(role.rawValue)".utf8))
            try portal.site.database.write { try $0.run("UPDATE sessions SET csrf_token = ? WHERE user_id = ?", [csrf, id]) }
            return Staff(userID: id, email: email, password: password, token: signed.token, csrf: csrf)
        }
        admin = try staff(.admin, "Amina (réseau)", commune: nil)
        focalPoint = try staff(.focalPoint, "سعيد نقطة الارتكاز", commune: "demo")
        committee = try staff(.committee, "Karima (comité)", commune: "demo")
        council = try staff(.council, "Youssef (conseil)", commune: "demo")

        // The committee answers the first idea, so its tracking page, feed and the lists show a decision.
        let ideaID = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT id FROM proposals WHERE tracking_code = ?", [Code.idea], as: Int.self)
        })
        let answered = portal.post("/admin/fr\(Self.sandbox)/proposals/\(ideaID)/status",
                                   form: [("status", "accepted"), ("answer", "Retenue : les comptes rendus seront publiés dès janvier.")],
                                   as: committee)
        XCTAssertEqual(answered.status, 303, answered.body.prefix(500).description)
    }

    /// The token of a form shown with `nonce` (a number, written as 32 hex digits), as
    /// `FormGuard` signs it: a submission with a new nonce is a new proposal.
    static func token(nonce: Int) -> String {
        let hex = String(nonce, radix: 16)
        let padded = String(repeating: "0", count: 32 - hex.count) + hex
        return padded + "." + SHA256.hex(Array(formSecret.utf8) + Array(padded.utf8))
    }

    /// Sends a citizen's form of the sandbox's program and gives the proposal the fixed `code`.
    private static func send(_ portal: Portal, _ language: String, _ form: String, code: String, nonce: Int,
                             _ fields: [(String, String)]) throws {
        let page = portal.post("/\(language)\(sandbox)\(form)", form: [("token", token(nonce: nonce)), ("consent", "1")] + fields)
        XCTAssertEqual(page.status, 303, "\(form): \(page.body.prefix(800))")
        let random = try XCTUnwrap(page.headers["Location"]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        precondition(TrackingCode.canonical(code) == code, "\(code) is not a canonical tracking code")
        try portal.site.database.write { try $0.run("UPDATE proposals SET tracking_code = ? WHERE tracking_code = ?", [code, random]) }
    }
}

/// A snapshot group at work: the portal it reads and the folder it compares with.
struct SnapshotSession {
    let site: SnapshotPortal
    let folder: SnapshotFolder
    var portal: Portal { site.portal }

    init(group: String, site: SnapshotPortal? = nil) throws {
        self.site = try site ?? SnapshotPortal.shared()
        folder = SnapshotFolder(group: group)
    }

    /// The file name of a page without a query: its path's segments joined by dots
    /// (`/fr/communes/settat` → `fr.communes.settat`).
    static func name(of target: String) -> String {
        precondition(!target.contains("?"), "a page with a query is given its name: \(target)")
        let trimmed = target.split(separator: "/").joined(separator: ".")
        return trimmed.isEmpty ? "root" : trimmed
    }

    /// GETs `target` (as `staff` when given) and compares its snapshot.
    @discardableResult
    func get(_ target: String, name: String? = nil, as staff: Staff? = nil, headers: [(String, String)] = [],
             file: StaticString = #filePath, line: UInt = #line) -> Page {
        let page = portal.get(target, headers: headers + (staff.map { [$0.cookie] } ?? []))
        folder.check(name ?? Self.name(of: target), Snapshot.text("GET", target, page), file: file, line: line)
        return page
    }

    /// POSTs a form to `target` (as `staff`, with their anti-forgery token, when given) and
    /// compares its snapshot, named `name`.
    @discardableResult
    func post(_ target: String, name: String, form: [(String, String)], as staff: Staff? = nil,
              file: StaticString = #filePath, line: UInt = #line) -> Page {
        let page = staff.map { portal.post(target, form: form, as: $0) } ?? portal.post(target, form: form)
        folder.check(name, Snapshot.text("POST", target, page), file: file, line: line)
        return page
    }

    /// GETs `/ar{path}` and `/fr{path}`, a page whose bytes say nothing in a language (a JSON
    /// file, the network's CSV files): the Arabic one is compared with its snapshot, and the
    /// French one must be the same status, headers and body.
    func getInBothLanguages(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        let arabic = get("/ar" + path, file: file, line: line)
        let french = portal.get("/fr" + path)
        XCTAssertEqual(french.status, arabic.status, "/fr\(path)", file: file, line: line)
        XCTAssertEqual(Snapshot.headerLines(french.headers), Snapshot.headerLines(arabic.headers), "/fr\(path)", file: file, line: line)
        XCTAssertTrue(french.bytes == arabic.bytes, "/fr\(path) sends other bytes than /ar\(path)", file: file, line: line)
    }

    func finish(file: StaticString = #filePath, line: UInt = #line) { folder.finish(file: file, line: line) }
}
