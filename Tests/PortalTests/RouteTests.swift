import XCTest
import HTTP
@testable import Portal

/// The route tables (`Route.forms` and every table it mounts): each form has an example that
/// goes path → route → path and back unchanged, no example is written by two forms, and the
/// paths the portal has always refused are still refused. The listing of every URL is a snapshot
/// (`SnapshotTests.testEveryURLIsListed`).
final class RouteTests: XCTestCase {
    static let sha = String(repeating: "0123456789abcdef", count: 4)
    static let program = "/ar/communes/settat/programs/2024-2025"
    static let admin = "/admin/fr/communes/settat/programs/2024-2025"

    /// At least one path for every form of every table. A new form fails
    /// `testEveryFormHasAnExample` until it has one here, and a new case of a route enum fails
    /// `RouteCaseTests` until some path here parses to it.
    static let examples: [String] = [
        "/static/css/app.css", "/static/icons/logo.3f2a9c1b.svg", "/favicon.ico",
        // SiteRoute
        "/", "/ar/", "/fr/network", "/ar/network/dashboard", "/fr/data", "/ar/data/network/programs.csv",
        "/fr/data/network/proposals.json", "/ar/calls", "/fr/search", "/ar/calendar.ics", "/fr/communes/beni-mellal",
        "/ar/communes/settat/calendar.ics", "/fr/proposals/thanks", "/ar/proposals/ABCD-EFGH", "/fr/proposals/ABCD-EFGH/feed.atom",
        "/evidence/\(sha).pdf", "/evidence/\(sha).png",
        // SiteRoute.ProgramPage
        program, program + ".csv", "/fr/communes/settat/programs/2024-2025.json", program + "/matrix", program + "/participation",
        program + "/projects/3", program + "/projects/3/observations/new", program + "/proposals", program + "/proposals/new",
        program + "/proposals/new-project", program + "/proposals.csv", program + "/proposals.json", program + "/versions",
        program + "/versions/compare", program + "/versions/2.csv", program + "/versions/12.json", program + "/feed.atom",
        program + "/execution", program + "/execution.csv", program + "/execution.json", program + "/evaluations/2024",
        program + "/evaluations/2025.csv", program + "/evaluations/2100.json",
        // SiteRoute.CitizenPage
        "/ar/proposals", "/fr/proposals/ABCD-EFGH/erase", "/ar/terms", "/fr/privacy", "/ar/mail/confirm/0f0f", "/fr/mail/unsubscribe/0f0f",
        // AdminRoute
        "/admin", "/admin/ar/", "/admin/fr/login", "/admin/ar/logout", "/admin/fr/account", "/admin/ar/password/abc123",
        // EditorRoute
        "/admin/ar/communes/settat", "/admin/ar/communes/settat/programs/new", admin, admin + "/matrix", admin + "/axes/new",
        admin + "/projects/new", admin + "/projects/5/activities/new", admin + "/axes/4", admin + "/activities/999999999999",
        admin + "/projects/12/remove", admin + "/activities/3/move",
        // DetailsRoute
        admin + "/committee", admin + "/committee/members", admin + "/committee/members/2", admin + "/committee/members/2/move",
        admin + "/committee/members/2/delete", admin + "/milestones", admin + "/milestones/8", admin + "/milestones/8/delete",
        admin + "/events", admin + "/events/new", admin + "/events/6", admin + "/events/6/delete", admin + "/partners",
        admin + "/partners/1", admin + "/partners/1/delete", admin + "/import",
        // TriageRoute
        admin + "/proposals", admin + "/proposals/workshop", admin + "/proposals/7", admin + "/proposals/7/status",
        admin + "/proposals/7/merge", admin + "/proposals/7/hide", admin + "/proposals/7/unhide",
        // LifecycleRoute
        admin + "/lifecycle", admin + "/lifecycle/to/consultation", admin + "/lifecycle/to/co-preparation", admin + "/lifecycle/publish",
        admin + "/lifecycle/amendments/new", admin + "/lifecycle/amendments/3/close", admin + "/lifecycle/compare",
        admin + "/lifecycle/versions/1.csv", admin + "/lifecycle/versions/4.json",
        // ReviewRoute
        admin + "/review", admin + "/review/2", admin + "/review/2/packet", admin + "/review/2/comments",
        admin + "/review/2/comments/40/address", admin + "/review/2/comments/40/reopen",
        // CallRoute
        admin + "/calls", admin + "/calls/new", admin + "/calls/9", admin + "/calls/9/close", admin + "/calls/9/extend", admin + "/calls/9/delete",
        // ExecutionRoute
        admin + "/execution", admin + "/execution/import", admin + "/execution/activities/3", admin + "/execution/activities/3/progress",
        admin + "/execution/indicators/5", admin + "/execution/indicators/5/plan", admin + "/execution/indicators/5/values",
        admin + "/execution/evidence/2", admin + "/execution/evidence/2/visibility", admin + "/execution/progress/11/evidence",
        admin + "/execution/values/12/evidence",
        // EvaluationRoute
        admin + "/evaluations", admin + "/evaluations/2024", admin + "/evaluations/2024/save", admin + "/evaluations/2025/publish",
        admin + "/evaluations/2000/delete",
        // PeopleRoute, AuditRoute, MailRoute
        "/admin/ar/users", "/admin/ar/users/new", "/admin/fr/users/7", "/admin/ar/users/7/roles", "/admin/ar/users/7/roles/9/delete",
        "/admin/ar/users/7/active", "/admin/fr/users/7/link", "/admin/ar/communes", "/admin/ar/communes/new",
        "/admin/fr/commune-settings/beni-mellal", "/admin/ar/audit", "/admin/fr/outbox", "/admin/ar/outbox/31/retry",
    ]

    /// Paths no page answers, most of them one character away from one that does.
    static let refused: [String] = [
        "/xx/", "/AR/", "/ar/nowhere", "/ar/network/extra", "/favicon.ico/x", "/evidence",
        // a program's period: two four-digit years, the second after the first, in ASCII digits
        "/ar/communes/settat/programs/2025-2024", "/ar/communes/settat/programs/2024-2024", "/ar/communes/settat/programs/2024-25",
        "/ar/communes/settat/programs/2024_2025", "/ar/communes/settat/programs/٢٠٢٤-٢٠٢٥", "/ar/communes/settat/programs/2024-2025.xml",
        "/ar/communes/settat/programs/2024-2025.csv/matrix", "/admin/ar/communes/settat/programs/2024-2025-2026",
        // numbers: digits only, no sign or leading zero, above zero, at most 12 digits
        program + "/projects/0", program + "/projects/01", program + "/projects/-1", program + "/projects/+1", program + "/projects/1.0",
        program + "/projects/1234567890123", program + "/projects/x", program + "/versions/0.csv", program + "/versions/01.json",
        program + "/versions/1.xml", program + "/versions/1", admin + "/axes/0", admin + "/axes/0012", admin + "/proposals/-1",
        admin + "/proposals/07", admin + "/calls/1234567890123", admin + "/review/0", admin + "/review/1/comments/0/address",
        admin + "/execution/activities/٣", "/admin/ar/users/0", "/admin/ar/users/-1", "/admin/ar/users/007",
        "/admin/ar/users/1234567890123", "/admin/ar/users/7/roles/x/delete", "/admin/ar/outbox/0/retry",
        // years: 2000 to 2100, four digits
        program + "/evaluations/1999", program + "/evaluations/2101", program + "/evaluations/24", program + "/evaluations/02024",
        program + "/evaluations/2024.xml", admin + "/evaluations/1999", admin + "/evaluations/2024/x",
        // trailing or missing segments, unknown words
        program + "/matrix/extra", program + "/feed.rss", program + "/projects", program + "/projects/3/observations",
        "/fr/proposals/X/feed", "/ar/proposals/thanks/erase", "/ar/proposals/thanks/feed.atom", "/ar/data/network/unknown.csv",
        "/ar/data/network/programs.xml", "/ar/data/network/programs", "/ar/mail/confirm", "/ar/terms/x",
        "/admin/xx/login", "/admin/ar/login/extra", "/admin/ar/unknown", "/admin/ar/password", "/admin/ar/communes/new/programs/2024-2025",
        admin + "/activities/new", admin + "/proposals/new", admin + "/proposals/7/delete", admin + "/lifecycle/to/nowhere",
        admin + "/lifecycle/versions/1", admin + "/committee/members/2/edit", admin + "/execution/evidence/2/delete",
        admin + "/calls/9/open", "/admin/ar/commune-settings/new", "/admin/ar/users/7/roles/9",
        // evidence names: 64 lowercase hexadecimal digits and the extension of a type taken
        "/evidence/\(sha.uppercased()).pdf", "/evidence/\(sha.dropLast()).pdf", "/evidence/\(sha)0.pdf", "/evidence/\(sha).gif",
        "/evidence/\(sha).pdf.pdf", "/evidence/\(sha)", "/evidence/\(sha).jpeg", "/evidence/\(sha).pdf/x", "/evidence/x/\(sha).pdf",
    ]

    static func segments(_ path: String) -> [String] { path.split(separator: "/").map(String.init) }

    func testEveryExampleGoesThroughExactlyOneFormAndBack() throws {
        for path in Self.examples {
            let segments = Self.segments(path)
            let writers = Route.forms.filter { $0.parse(segments) != nil }.map(\.pattern)
            XCTAssertEqual(writers.count, 1, "\(path) is written by \(writers)")
            let route = try XCTUnwrap(Route(segments: segments), path)
            XCTAssertEqual(route.path, path, "path → route → path")
            XCTAssertEqual(Route(segments: Self.segments(route.path)), route, "route → path → route")
        }
    }

    func testEveryFormHasAnExample() {
        let parsed = Self.examples.map { Self.segments($0) }
        let unused = Route.forms.filter { form in !parsed.contains { form.parse($0) != nil } }.map(\.pattern)
        XCTAssertEqual(unused, [], "forms without an example in RouteTests.examples")
    }

    func testRefusedPathsStayRefused() {
        for path in Self.refused {
            XCTAssertNil(Route(segments: Self.segments(path)), path)
        }
    }

    /// Each table prints its own routes as `Route` does, so a link made from a `SiteRoute` or an
    /// `AdminRoute` is the path that parses back to it.
    func testTablesPrintAsTheWholeTree() throws {
        for path in Self.examples {
            switch try XCTUnwrap(Route(segments: Self.segments(path))) {
            case .site(let route):
                XCTAssertEqual(route.path, path)
                XCTAssertEqual(SiteRoute(segments: Self.segments(path)), route)
            case .admin(let route):
                XCTAssertEqual(route.path, path)
                XCTAssertEqual(AdminRoute(segments: Self.segments(path)), route)
            case .asset, .favicon: break
            }
        }
    }

    /// A value no parse yields still prints as asked (a link to a missing row, an empty slug).
    func testEveryValuePrints() {
        XCTAssertEqual(AdminRoute.commune(.ar, slug: "", .editor(.newActivity(period: "2024-2025", project: 0))).path,
                       "/admin/ar/communes//programs/2024-2025/projects/0/activities/new")
        XCTAssertEqual(AdminRoute.commune(.fr, slug: "settat", .editor(.new(period: "2024-2025", .activity))).path,
                       "/admin/fr/communes/settat/programs/2024-2025/activities/new")
        XCTAssertEqual(SiteRoute.program(.ar, slug: "settat", period: "2024-2025", .evaluation(1999)).path,
                       "/ar/communes/settat/programs/2024-2025/evaluations/1999")
    }

    /// The evidence forms, and only they, take a body past the usual limit.
    func testUploadLimitIsForTheEvidenceForms() {
        for path in Self.examples {
            let limit = AdminRoute.uploadLimit(.post, Self.segments(path), maxEvidenceBytes: 100)
            let evidence = ["/execution/activities/3/progress", "/execution/indicators/5/values",
                            "/execution/progress/11/evidence", "/execution/values/12/evidence"].contains { path == Self.admin + $0 }
            XCTAssertEqual(limit, evidence ? 100 + 256 * 1024 : nil, path)
            XCTAssertNil(AdminRoute.uploadLimit(.get, Self.segments(path), maxEvidenceBytes: 100), path)
        }
    }

    /// Every URL pattern with its methods, and for the admin area who may open it: the text of
    /// `Snapshots/routes/urls.txt`. Each form is read through a route made from sample captures.
    static func listing() throws -> String {
        let samples = ["lang": "ar", "slug": "settat", "period": "2024-2025", "id": "7", "n": "2", "grant": "9", "year": "2024",
                       "token": "0f0f", "code": "ABCD-EFGH", "file": "css/app.css", "item": "axes", "state": "draft",
                       "kind": "programs", "sha256": sha, "ext": "pdf"]
        var lines: [(methods: String, pattern: String, who: String)] = []
        var placeholders: [Placeholder] = []
        for form in Route.forms {
            var path = form.pattern
            for placeholder in form.placeholders {
                let sample = try XCTUnwrap(samples[placeholder.name], "no sample for {\(placeholder.name)}")
                path = path.replacingOccurrences(of: "{\(placeholder.name)}", with: sample)
                if !placeholders.contains(placeholder) { placeholders.append(placeholder) }
            }
            let route = try XCTUnwrap(form.parse(segments(path)), "\(form.pattern) refuses its sample \(path)")
            switch route {
            case .asset, .favicon: lines.append(("GET HEAD", form.pattern, "(StaticFiles)"))
            case .site(let site): lines.append((site.methods.map(\.rawValue).joined(separator: " "), form.pattern, ""))
            case .admin(let admin): lines.append((admin.methods.map(\.rawValue).joined(separator: " "), form.pattern, who(admin.requirement)))
            }
        }
        let width = lines.map { $0.pattern.count }.max()!
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var text = """
            Every URL Infitah answers, one line per form of the route tables (Sources/Portal/App/Route.swift),
            in the order a path is tried; the methods, then for the admin area who may open the page
            (administrators always may). HEAD goes wherever GET goes. Written by RouteTests.listing;
            re-record with INFITAH_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests.


            """
        for placeholder in placeholders.sorted(by: { $0.name < $1.name }) { text += padded("{\(placeholder.name)}", 9) + " " + placeholder.meaning + "\n" }
        text += "\n"
        for line in lines {
            text += (padded(line.methods, 14) + " " + (line.who.isEmpty ? line.pattern : padded(line.pattern, width) + "  " + line.who))
                .trimmingCharacters(in: .whitespaces) + "\n"
        }
        return text
    }

    static func who(_ requirement: AdminRequirement) -> String {
        switch requirement {
        case .nobody: return "anyone"
        case .signedIn: return "signed in"
        case .admin: return "administrators"
        case .roles(let roles): return "in the commune: " + roles.map(\.rawValue).sorted().joined(separator: ", ")
        case .anywhere(let roles): return "in any commune: " + roles.map(\.rawValue).sorted().joined(separator: ", ")
        }
    }
}
