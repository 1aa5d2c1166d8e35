import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// Text snapshots of every public page in Arabic and French and of the admin area's main pages
/// for each role (issue 17), taken of the demo portal of `SnapshotPortal` and compared byte for
/// byte with `Tests/PortalTests/Snapshots/<group>/`. Re-record with
/// `INFITAH_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests` and review with
/// `git diff Tests/PortalTests/Snapshots` (see `SnapshotFolder`).
final class SnapshotTests: XCTestCase {
    static let languages = ["ar", "fr"]
    /// Every program of the demo: Settat adopted, Taroudant and Larache drafts, Beni Mellal in
    /// co-preparation, the sandbox in consultation and its illustrative program in execution.
    static let programs = ["settat/2024-2025", "taroudant/2024-2025", "larache/2024-2025", "beni-mellal/2024-2025",
                           "demo/2025-2026", "demo/2023-2024"]
    static let communes = ["settat", "taroudant", "larache", "beni-mellal", "demo"]
    static let sandbox = SnapshotPortal.sandbox
    typealias Code = SnapshotPortal.Code

    // MARK: - Public pages

    /// The language redirect, the home page, the communes, and each program's overview, matrix,
    /// participation and project pages.
    func testHomeCommunesAndPrograms() throws {
        let s = try SnapshotSession(group: "programs")
        s.get("/", name: "root.accept-fr", headers: [("Accept-Language", "fr-FR,fr;q=0.9")])
        s.get("/", name: "root.accept-ar", headers: [("Accept-Language", "ar-MA")])
        for l in Self.languages {
            s.get("/\(l)/")
            for commune in Self.communes { s.get("/\(l)/communes/\(commune)") }
            for program in Self.programs {
                let base = "/\(l)/communes/\(program.replacingOccurrences(of: "/", with: "/programs/"))"
                s.get(base)
                s.get(base + "/matrix")
                s.get(base + "/participation")
                // Beni Mellal's program in co-preparation has no project yet.
                if !program.hasPrefix("beni-mellal/") { s.get(base + "/projects/1") }
            }
            for number in 2...3 { s.get("/\(l)\(Self.sandbox)/projects/\(number)") }
            s.get("/\(l)/communes/demo/programs/2023-2024/projects/2")
            s.get("/\(l)/communes/nowhere", name: "\(l).communes.nowhere.404")
            s.get("/\(l)/communes/settat/programs/2030-2031", name: "\(l).communes.settat.programs.2030-2031.404")
            s.get("/\(l)/communes/settat/programs/2024-2025/projects/99", name: "\(l).communes.settat.programs.2024-2025.projects.99.404")
        }
        s.get("/xx/", name: "unknown-language.404")
        s.finish()
    }

    /// The calls, the citizens' three forms (open, closed, re-shown with errors), what a citizen
    /// follows a proposal with, the program's proposals, and the terms and privacy pages.
    func testProposalsAndCalls() throws {
        let s = try SnapshotSession(group: "proposals")
        let token = SnapshotPortal.token(nonce: 900)
        for l in Self.languages {
            s.get("/\(l)/calls")
            s.get("/\(l)/calls?page=2", name: "\(l).calls.page-2.past-the-end")
            // The forms of the sandbox's open calls, and Settat's closed one.
            s.get("/\(l)\(Self.sandbox)/proposals/new")
            s.get("/\(l)\(Self.sandbox)/proposals/new-project")
            s.get("/\(l)\(Self.sandbox)/projects/1/observations/new")
            s.get("/\(l)/communes/settat/programs/2024-2025/proposals/new")
            // Re-shown with errors: no title, an axis the call does not cover, no consent; a cost
            // that is not whole dirhams; an observation with no field.
            s.post("/\(l)\(Self.sandbox)/proposals/new", name: "\(l).proposals.new.errors",
                   form: [("token", token), ("axis", "99"), ("title", ""), ("description", "Un texte.")])
            s.post("/\(l)\(Self.sandbox)/proposals/new-project", name: "\(l).proposals.new-project.errors",
                   form: [("token", token), ("consent", "1"), ("axis", "51"), ("title", "Un titre"), ("description", "Un texte."),
                          ("objective", ""), ("cost", "1.500")])
            s.post("/\(l)\(Self.sandbox)/projects/1/observations/new", name: "\(l).observations.new.errors",
                   form: [("token", token), ("consent", "1")])
            s.post("/\(l)\(Self.sandbox)/proposals/new", name: "\(l).proposals.new.forbidden",
                   form: [("token", "not-a-token"), ("consent", "1"), ("axis", "51"), ("title", "Un titre"), ("description", "Un texte.")])
            s.post("/\(l)\(Self.sandbox)/proposals/new", name: "\(l).proposals.new.honeypot",
                   form: [("token", token), ("website", "http://spam.example")])
            // Following a proposal.
            for code in [Code.idea, Code.anonymous, Code.project, Code.observation] { s.get("/\(l)/proposals/\(code)") }
            s.get("/\(l)/proposals/\(Code.anonymous)?received=1", name: "\(l).proposals.\(Code.anonymous).received")
            s.get("/\(l)/proposals/snapbb 333333 333333", name: "\(l).proposals.typed-code")
            s.get("/\(l)/proposals/ABCDEF-ABCDEF-ABCDEF", name: "\(l).proposals.unknown-code.404")
            s.get("/\(l)/proposals/thanks")
            s.get("/\(l)/proposals")
            s.get("/\(l)/proposals?code=\(Code.idea)", name: "\(l).proposals.lookup-found")
            s.get("/\(l)/proposals?code=nothing", name: "\(l).proposals.lookup-not-a-code")
            s.get("/\(l)/proposals/\(Code.idea)/erase")
            s.get("/\(l)/proposals/\(Code.idea)/erase?done=1", name: "\(l).proposals.\(Code.idea).erase.done")
            s.post("/\(l)/proposals/\(Code.idea)/erase", name: "\(l).proposals.erase.forbidden", form: [("token", "not-a-token")])
            // The program's proposals, whole and filtered.
            s.get("/\(l)\(Self.sandbox)/proposals")
            s.get("/\(l)\(Self.sandbox)/proposals?axis=1&status=accepted", name: "\(l).sandbox.proposals.filtered")
            s.get("/\(l)\(Self.sandbox)/proposals?status=nonsense", name: "\(l).sandbox.proposals.bad-filter")
            s.get("/\(l)/communes/settat/programs/2024-2025/proposals")
            s.get("/\(l)/terms")
            s.get("/\(l)/privacy")
            // Mail links with a token no message carries (mail is off in the demo).
            let nobody = String(repeating: "ab", count: 32)
            s.get("/\(l)/mail/confirm/\(nobody)", name: "\(l).mail.confirm.unknown")
            s.get("/\(l)/mail/unsubscribe/\(nobody)", name: "\(l).mail.unsubscribe.unknown")
        }
        s.post("/fr/", name: "fr.home.post-not-allowed", form: [])
        s.get("/nothing/here", name: "nothing-here.404")
        s.finish()
    }

    /// Execution, annual evaluations and versions.
    func testExecutionEvaluationAndVersions() throws {
        let s = try SnapshotSession(group: "execution")
        for l in Self.languages {
            for program in Self.programs {
                let base = "/\(l)/communes/\(program.replacingOccurrences(of: "/", with: "/programs/"))"
                s.get(base + "/execution")
                s.get(base + "/versions")
            }
            let illustrative = "/\(l)/communes/demo/programs/2023-2024"
            s.get(illustrative + "/evaluations/2023")
            s.get(illustrative + "/evaluations/2024", name: "\(l).demo.2023-2024.evaluations.2024.unpublished")
            s.get("/\(l)\(Self.sandbox)/versions/compare?from=1&to=2", name: "\(l).demo.2025-2026.versions.compare-1-2")
            s.get("/\(l)\(Self.sandbox)/versions/compare?from=2&to=1", name: "\(l).demo.2025-2026.versions.compare-2-1")
            s.get("/\(l)\(Self.sandbox)/versions/compare?from=1&to=9", name: "\(l).demo.2025-2026.versions.compare-1-9")
        }
        s.finish()
    }

    /// Search, the network's dashboard, the member directory and the open-data page.
    func testSearchDashboardNetworkAndData() throws {
        let s = try SnapshotSession(group: "network")
        for l in Self.languages {
            s.get("/\(l)/search")
            s.get("/\(l)/search?q=%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9", name: "\(l).search.arabic-word")
            s.get("/\(l)/search?q=budget", name: "\(l).search.budget")
            s.get("/\(l)/search?q=budget&commune=demo", name: "\(l).search.budget-in-demo")
            s.get("/\(l)/search?q=zzzzqqq", name: "\(l).search.nothing-found")
            s.get("/\(l)/search?q=a", name: "\(l).search.one-letter")
            s.get("/\(l)/network/dashboard")
            s.get("/\(l)/network")
            // The region filter's values are the regions' Arabic names, in both languages (as the select sends them).
            s.get("/\(l)/network?region=%D8%AC%D9%87%D8%A9%20%D8%B3%D9%88%D8%B3%20%D9%85%D8%A7%D8%B3%D8%A9", name: "\(l).network.region-souss-massa")
            s.get("/\(l)/network?region=nowhere", name: "\(l).network.region-unknown")
            s.get("/\(l)/network?q=settat", name: "\(l).network.q-settat")
            s.get("/\(l)/network?state=adopted", name: "\(l).network.state-adopted")
            s.get("/\(l)/data")
            s.get("/\(l)/data?q=larache", name: "\(l).data.q-larache")
        }
        s.finish()
    }

    /// Atom feeds, iCalendar files and the text downloads (CSV, JSON), and the evidence file
    /// (kept as its size and hash). The JSON files and the network's CSV files say nothing in a
    /// language: they are kept once, from `/ar/`, and `/fr/` must send the very same bytes.
    func testFeedsCalendarsAndDownloads() throws {
        let s = try SnapshotSession(group: "downloads")
        for l in Self.languages {
            s.get("/\(l)/calendar.ics")
            for commune in Self.communes { s.get("/\(l)/communes/\(commune)/calendar.ics") }
            for program in Self.programs {
                let base = "/\(l)/communes/\(program.replacingOccurrences(of: "/", with: "/programs/"))"
                s.get(base + "/feed.atom")
                s.get(base + ".csv")
                s.get(base + "/proposals.csv")
                s.get(base + "/versions/1.csv")
                s.get(base + "/execution.csv")
            }
            s.get("/\(l)\(Self.sandbox)/versions/2.csv")
            s.get("/\(l)/communes/demo/programs/2023-2024/evaluations/2023.csv")
            for code in [Code.idea, Code.observation] { s.get("/\(l)/proposals/\(code)/feed.atom") }
        }
        for program in Self.programs {
            let base = "/communes/\(program.replacingOccurrences(of: "/", with: "/programs/"))"
            for file in [".json", "/proposals.json", "/execution.json"] { s.getInBothLanguages(base + file) }
            // Beni Mellal's version 1 is not public: the error page is in the page's language.
            if program.hasPrefix("beni-mellal/") { for l in Self.languages { s.get("/\(l)\(base)/versions/1.json") } }
            else { s.getInBothLanguages(base + "/versions/1.json") }
        }
        s.getInBothLanguages("\(Self.sandbox)/versions/2.json")
        s.getInBothLanguages("/communes/demo/programs/2023-2024/evaluations/2023.json")
        for kind in ["programs", "activities", "milestones", "figures", "proposals"] {
            s.getInBothLanguages("/data/network/\(kind).csv")
            s.getInBothLanguages("/data/network/\(kind).json")
        }
        let sha = try XCTUnwrap(try s.portal.site.database.read {
            try $0.scalar("SELECT sha256 FROM evidence_files ORDER BY sha256 LIMIT 1", as: String.self)
        })
        s.get("/evidence/\(sha).pdf", name: "evidence.demo-budget-notice.pdf")
        s.finish()
    }

    // MARK: - Admin pages, per role

    /// The sign-in page, and a network administrator's pages: people, communes, the audit log,
    /// the outbox, and a commune's program as the administrator sees it.
    func testAdminAsAdministrator() throws {
        let s = try SnapshotSession(group: "admin-administrator")
        let me = s.site.admin
        let focal = s.site.focalPoint.userID
        for l in Self.languages {
            s.get("/admin/\(l)/login")
            s.get("/admin/\(l)/", name: "admin.\(l).signed-out")
            s.post("/admin/\(l)/login", name: "admin.\(l).login.wrong-password",
                   form: [("token", SnapshotPortal.token(nonce: 901)), ("email", me.email), ("password", "not the passphrase")])
            s.get("/admin/\(l)/", as: me)
            s.get("/admin/\(l)/account", as: me)
            s.get("/admin/\(l)/users", as: me)
            s.get("/admin/\(l)/users/new", as: me)
            s.get("/admin/\(l)/users/\(focal)", as: me)
            s.get("/admin/\(l)/communes", as: me)
            s.get("/admin/\(l)/communes/new", as: me)
            s.get("/admin/\(l)/commune-settings/demo", as: me)
            s.get("/admin/\(l)/audit", as: me)
            s.get("/admin/\(l)/outbox", as: me)
            s.get("/admin/\(l)/communes/settat", as: me)
            s.get("/admin/\(l)/communes/settat/programs/2024-2025", as: me)
            s.post("/admin/\(l)/users/new", name: "admin.\(l).users.new.errors", form: [("email", "not an address"), ("name", "")], as: me)
        }
        s.finish()
    }

    /// A focal point of the sandbox: the program editor's tabs, the calls, execution and
    /// evaluations; refused another commune and the network's pages.
    func testAdminAsFocalPoint() throws {
        let s = try SnapshotSession(group: "admin-focal-point")
        let me = s.site.focalPoint
        for l in Self.languages {
            let p = "/admin/\(l)\(Self.sandbox)"
            let done = "/admin/\(l)/communes/demo/programs/2023-2024"
            s.get("/admin/\(l)/", as: me)
            s.get("/admin/\(l)/communes/demo", as: me)
            s.get("/admin/\(l)/communes/demo/programs/new", as: me)
            for tab in ["", "/committee", "/milestones", "/events", "/events/new", "/partners", "/import", "/calls", "/calls/new",
                        "/calls/501", "/calls/502", "/proposals/workshop", "/review", "/lifecycle", "/axes/new", "/projects/new",
                        "/axes/51", "/projects/51", "/activities/521", "/projects/51/activities/new"] {
                s.get(p + tab, as: me)
            }
            for tab in ["/milestones/501", "/partners/1", "/lifecycle/to/draft", "/lifecycle/versions/2.csv"] { s.get(p + tab, as: me) }
            for tab in ["", "/execution", "/execution/import", "/execution/activities/611", "/execution/activities/613",
                        "/execution/indicators/611", "/evaluations", "/evaluations/2023", "/evaluations/2024", "/events", "/lifecycle",
                        "/lifecycle/to/closed", "/lifecycle/amendments/new"] {
                s.get(done + tab, as: me)
            }
            s.get("/admin/\(l)/audit", as: me)
            s.post(p + "/calls/new", name: "admin.\(l).calls.new.errors", form: [("kind", "ideas"), ("opens_on", "2026-13-01")], as: me)
            s.get("/admin/\(l)/users", name: "admin.\(l).users.403", as: me)
            s.get("/admin/\(l)/communes/settat/programs/2024-2025", name: "admin.\(l).settat.program.403", as: me)
        }
        s.finish()
    }

    /// A committee member of the sandbox: the proposals to triage, one proposal, the workshop
    /// form, the review; a decision refused for its missing reason; refused the editor.
    func testAdminAsCommitteeMember() throws {
        let s = try SnapshotSession(group: "admin-committee")
        let me = s.site.committee
        let ids = try s.portal.site.database.read {
            try $0.query("SELECT id FROM proposals ORDER BY id").map { try $0.int("id") }
        }
        for l in Self.languages {
            let p = "/admin/\(l)\(Self.sandbox)"
            s.get("/admin/\(l)/", as: me)
            s.get("/admin/\(l)/communes/demo", as: me)
            s.get(p + "/proposals", as: me)
            s.get(p + "/proposals?status=accepted", name: "admin.\(l).demo.proposals.accepted", as: me)
            for id in ids { s.get(p + "/proposals/\(id)", as: me) }
            s.get(p + "/proposals/workshop", as: me)
            s.get(p + "/review", as: me)
            s.get(p + "/lifecycle", as: me)
            s.get("/admin/\(l)/communes/demo/programs/2023-2024/evaluations", as: me)
            s.post(p + "/proposals/\(ids[1])/status", name: "admin.\(l).proposals.status.errors",
                   form: [("status", "rejected"), ("answer", ""), ("reason", "")], as: me)
            s.get(p, name: "admin.\(l).demo.program.403", as: me)
        }
        s.finish()
    }

    /// A council member of the sandbox: the review of each version, its printed packet, the
    /// lifecycle and execution; refused the proposals.
    func testAdminAsCouncilMember() throws {
        let s = try SnapshotSession(group: "admin-council")
        let me = s.site.council
        for l in Self.languages {
            let p = "/admin/\(l)\(Self.sandbox)"
            s.get("/admin/\(l)/", as: me)
            s.get("/admin/\(l)/communes/demo", as: me)
            s.get(p + "/review", as: me)
            s.get(p + "/review/1", as: me)
            s.get(p + "/review/2", as: me)
            s.get(p + "/review/2/packet", as: me)
            s.get(p + "/lifecycle", as: me)
            s.get(p + "/lifecycle/compare?from=1&to=2", name: "admin.\(l).demo.lifecycle.compare-1-2", as: me)
            s.get("/admin/\(l)/communes/demo/programs/2023-2024/execution", as: me)
            s.get(p + "/proposals", name: "admin.\(l).demo.proposals.403", as: me)
        }
        s.finish()
    }

    // MARK: - Every URL

    /// The list of every URL pattern, its methods and who may open an admin page, made from the
    /// route tables (`RouteTests.listing`): a new, moved or re-gated page is a reviewable diff of
    /// `Snapshots/routes/urls.txt`, and the list cannot go stale.
    func testEveryURLIsListed() throws {
        let folder = SnapshotFolder(group: "routes")
        folder.check("urls", Array(try RouteTests.listing().utf8))
        folder.finish()
    }

    // MARK: - The snapshots themselves

    /// A page rendered from templates where one view key was renamed no longer matches its
    /// snapshot: the test is what keeps a renamed key from emptying a page unseen.
    func testARenamedViewKeyFailsItsSnapshot() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-renamed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["Migrations", "Public"] {
            try FileManager.default.createSymbolicLink(at: copy.appendingPathComponent(folder),
                                                       withDestinationURL: repositoryRoot.appendingPathComponent(folder))
        }
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: copy.appendingPathComponent("Templates"))
        // The commune's name in the page's heading, read as `label` as if the key had been
        // renamed in the template only: the page still renders (a missing key is empty), 200.
        let template = copy.appendingPathComponent("Templates/pages/commune.html")
        let original = try String(contentsOf: template, encoding: .utf8)
        let heading = "<h1>{{#name}}{{> partials/text }}{{/name}}</h1>"
        let renamed = original.replacingOccurrences(of: heading, with: "<h1>{{#label}}{{> partials/text }}{{/label}}</h1>")
        XCTAssertNotEqual(renamed, original, "the commune page's heading prints {{#name}}")
        try renamed.write(to: template, atomically: true, encoding: .utf8)

        let target = "/fr/communes/settat"
        let intact = Snapshot.text("GET", target, try SnapshotPortal.shared().portal.get(target))
        if !SnapshotFolder.recording {
            let stored = try XCTUnwrap(FileManager.default.contents(atPath: SnapshotFolder.root
                .appendingPathComponent("programs/" + SnapshotSession.name(of: target) + ".txt").path).map { [UInt8]($0) })
            XCTAssertNil(Snapshot.firstDifference(expected: stored, actual: intact), "the real templates give the recorded snapshot")
        }
        let changed = try SnapshotPortal(root: copy).portal.get(target)
        XCTAssertEqual(changed.status, 200)
        let difference = try XCTUnwrap(Snapshot.firstDifference(expected: intact, actual: Snapshot.text("GET", target, changed)),
                                       "a renamed key changes the page's bytes")
        XCTAssertEqual(difference.expected, "<h1>Commune de Settat</h1>")
        XCTAssertEqual(difference.actual, "<h1></h1>", "the heading renders empty, and only the snapshot notices")
    }

    /// What a failing comparison says, and the only value a snapshot masks.
    func testTheComparisonNamesTheFirstDifferingLineAndMasksOnlyTheSessionCookie() {
        let expected = Array("GET /\nHTTP 200 OK\n\n<p>un</p>\r\n<p>deux</p>\n".utf8)
        XCTAssertNil(Snapshot.firstDifference(expected: expected, actual: expected))
        let changed = Snapshot.firstDifference(expected: expected, actual: Array("GET /\nHTTP 200 OK\n\n<p>un</p>\n<p>deux</p>\n".utf8))
        XCTAssertEqual(changed?.line, 4, "a lost CR is a difference")
        XCTAssertEqual(changed?.expected, "<p>un</p>\r")
        let shorter = Snapshot.firstDifference(expected: expected, actual: Array("GET /\nHTTP 200 OK\n".utf8))
        XCTAssertEqual(shorter?.line, 4, "the blank line after the headers is still there")
        XCTAssertEqual(shorter?.actual, "(end of file)")
        // NFC and NFD spell "é" with other bytes: Swift's String == would call them equal, a snapshot does not.
        XCTAssertNotNil(Snapshot.firstDifference(expected: Array("\u{E9}".utf8), actual: Array("e\u{301}".utf8)))

        let token = String(repeating: "3f", count: 32)
        XCTAssertEqual(Snapshot.maskedCookie("\(Session.cookieName)=\(token); Path=/admin; HttpOnly; SameSite=Lax"),
                       "\(Session.cookieName)={session}; Path=/admin; HttpOnly; SameSite=Lax")
        XCTAssertEqual(Snapshot.maskedCookie("\(Session.cookieName)=; Path=/admin; Max-Age=0"), "\(Session.cookieName)=; Path=/admin; Max-Age=0",
                       "a cleared cookie is kept as sent")
        XCTAssertEqual(Snapshot.maskedCookie("x=\(token.prefix(63))"), "x=\(token.prefix(63))", "only a whole 256-bit token is masked")
        var headers = HTTPHeaders([("Date", "Wed, 04 Nov 2026 09:30:00 GMT"), ("ETag", "W/\"1\""), ("Content-Type", "text/plain"),
                                   ("Vary", "Accept-Language"), ("Vary", "Accept-Encoding")])
        headers.add("Set-Cookie", "\(Session.cookieName)=\(token); HttpOnly")
        XCTAssertEqual(Snapshot.headerLines(headers), ["Content-Type: text/plain", "Vary: Accept-Language", "Vary: Accept-Encoding",
                                                       "Set-Cookie: \(Session.cookieName)={session}; HttpOnly"])
    }
}
