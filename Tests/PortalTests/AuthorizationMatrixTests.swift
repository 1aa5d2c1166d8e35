import Foundation
import XCTest
import HTTP
@testable import Portal

/// Walks every admin route as each role, in its own commune and in another one, and as a
/// visitor who is not signed in, expecting the page to open (anything but 403 and the sign-in
/// redirect) or to be refused with 403. The table below is written by hand from the issue's
/// roles, not derived from the routes' own `requirement`, so a route that asks for the wrong
/// role fails here; and `testEveryRouteCaseIsWalked` fails when a route case is added to an
/// area without a line in the table.
final class AuthorizationMatrixTests: XCTestCase {
    /// Who may open a route: roles held in the route's commune (administrators always may).
    enum Access {
        case roles(Set<Role>)
        /// A role held in any commune (network pages filtered to the person's communes).
        case anywhere(Set<Role>)
        case adminOnly
        case signedIn
    }

    struct Entry {
        let method: HTTPMethod
        /// After `/admin/ar/`; `{c}` is the commune slug walked.
        let path: String
        let access: Access
    }

    static let program = "communes/{c}/programs/2024-2025"
    static let none = 999_999  // an id no row has: an allowed request reaches the handler and gets 404

    static let table: [Entry] = {
        let p = program, n = none
        let focal: Access = .roles([.focalPoint])
        let committee: Access = .roles([.committee])
        var entries: [Entry] = [
            // own account
            Entry(method: .get, path: "", access: .signedIn),
            Entry(method: .get, path: "account", access: .signedIn),
            // editor (EditorRoute)
            Entry(method: .get, path: "communes/{c}", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .get, path: "communes/{c}/programs/new", access: focal),
            Entry(method: .post, path: "communes/{c}/programs/new", access: focal),
            Entry(method: .get, path: p, access: focal),
            Entry(method: .post, path: p, access: focal),
            Entry(method: .post, path: "\(p)/matrix", access: focal),
            Entry(method: .get, path: "\(p)/axes/new", access: focal),
            Entry(method: .get, path: "\(p)/projects/new", access: focal),
            Entry(method: .get, path: "\(p)/projects/\(n)/activities/new", access: focal),
            Entry(method: .get, path: "\(p)/axes/\(n)", access: focal),
            Entry(method: .get, path: "\(p)/projects/\(n)", access: focal),
            Entry(method: .get, path: "\(p)/activities/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/activities/\(n)/remove", access: focal),
            Entry(method: .post, path: "\(p)/projects/\(n)/move", access: focal),
            // program details (DetailsRoute)
            Entry(method: .get, path: "\(p)/committee", access: focal),
            Entry(method: .post, path: "\(p)/committee/members", access: focal),
            Entry(method: .get, path: "\(p)/committee/members/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/committee/members/\(n)/move", access: focal),
            Entry(method: .post, path: "\(p)/committee/members/\(n)/delete", access: focal),
            Entry(method: .get, path: "\(p)/milestones", access: focal),
            Entry(method: .get, path: "\(p)/milestones/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/milestones/\(n)/delete", access: focal),
            Entry(method: .get, path: "\(p)/events", access: focal),
            Entry(method: .get, path: "\(p)/events/new", access: focal),
            Entry(method: .get, path: "\(p)/events/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/events/\(n)/delete", access: focal),
            Entry(method: .get, path: "\(p)/partners", access: focal),
            Entry(method: .get, path: "\(p)/partners/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/partners/\(n)/delete", access: focal),
            Entry(method: .get, path: "\(p)/import", access: focal),
            // triage (TriageRoute)
            Entry(method: .get, path: "\(p)/proposals", access: committee),
            Entry(method: .get, path: "\(p)/proposals/workshop", access: .roles([.committee, .focalPoint])),
            Entry(method: .get, path: "\(p)/proposals/\(n)", access: committee),
            Entry(method: .post, path: "\(p)/proposals/\(n)/status", access: committee),
            Entry(method: .post, path: "\(p)/proposals/\(n)/merge", access: committee),
            Entry(method: .post, path: "\(p)/proposals/\(n)/hide", access: committee),
            Entry(method: .post, path: "\(p)/proposals/\(n)/unhide", access: .adminOnly),
            // calls (CallRoute, issue 12)
            Entry(method: .get, path: "\(p)/calls", access: focal),
            Entry(method: .get, path: "\(p)/calls/new", access: focal),
            Entry(method: .post, path: "\(p)/calls/new", access: focal),
            Entry(method: .get, path: "\(p)/calls/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/calls/\(n)", access: focal),
            Entry(method: .post, path: "\(p)/calls/\(n)/close", access: focal),
            Entry(method: .post, path: "\(p)/calls/\(n)/extend", access: focal),
            Entry(method: .post, path: "\(p)/calls/\(n)/delete", access: focal),
            // execution (ExecutionRoute, issue 13): focal points record, committee and council read
            Entry(method: .get, path: "\(p)/execution", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .get, path: "\(p)/execution/activities/\(n)", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .post, path: "\(p)/execution/activities/\(n)/progress", access: focal),
            Entry(method: .get, path: "\(p)/execution/indicators/\(n)", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .post, path: "\(p)/execution/indicators/\(n)/plan", access: focal),
            Entry(method: .post, path: "\(p)/execution/indicators/\(n)/values", access: focal),
            Entry(method: .get, path: "\(p)/execution/import", access: focal),
            Entry(method: .post, path: "\(p)/execution/import", access: focal),
            // evidence (issue 13, part B): the commune's staff download every file, focal points make one public or internal
            Entry(method: .get, path: "\(p)/execution/evidence/\(n)", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .post, path: "\(p)/execution/evidence/\(n)/visibility", access: focal),
            // a file added to an existing progress entry or measured value: focal points, like the entry itself
            Entry(method: .post, path: "\(p)/execution/progress/\(n)/evidence", access: focal),
            Entry(method: .post, path: "\(p)/execution/values/\(n)/evidence", access: focal),
            // annual evaluations (EvaluationRoute, issue 13 part B): the focal point and the committee write and publish, the council reads
            Entry(method: .get, path: "\(p)/evaluations", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .get, path: "\(p)/evaluations/2024", access: .roles([.focalPoint, .committee, .council])),
            Entry(method: .post, path: "\(p)/evaluations/2024/save", access: .roles([.focalPoint, .committee])),
            Entry(method: .post, path: "\(p)/evaluations/2024/publish", access: .roles([.focalPoint, .committee])),
            Entry(method: .post, path: "\(p)/evaluations/2024/delete", access: .roles([.focalPoint, .committee])),
            // people and communes (PeopleRoute), audit (AuditRoute)
            Entry(method: .get, path: "users", access: .adminOnly),
            Entry(method: .get, path: "users/new", access: .adminOnly),
            Entry(method: .get, path: "users/\(n)", access: .adminOnly),
            Entry(method: .post, path: "users/\(n)/roles", access: .adminOnly),
            Entry(method: .post, path: "users/\(n)/roles/\(n)/delete", access: .adminOnly),
            Entry(method: .post, path: "users/\(n)/active", access: .adminOnly),
            Entry(method: .get, path: "users/\(n)/link", access: .adminOnly),
            Entry(method: .get, path: "communes", access: .adminOnly),
            Entry(method: .get, path: "communes/new", access: .adminOnly),
            Entry(method: .get, path: "commune-settings/{c}", access: .adminOnly),
            Entry(method: .get, path: "audit", access: .anywhere([.focalPoint])),
            // the mail outbox (MailRoute, issue 12)
            Entry(method: .get, path: "outbox", access: .adminOnly),
            Entry(method: .post, path: "outbox/\(n)/retry", access: .adminOnly),
        ]
        entries += lifecycleAndReview
        return entries
    }()

    /// Issue 6's pages (lifecycle, review): every staff role of the commune reads them; what
    /// each may change is decided per transition (LifecycleTests).
    static let lifecycleAndReview: [Entry] = [
        Entry(method: .get, path: "\(program)/lifecycle/compare", access: .roles([.focalPoint, .committee, .council])),
        Entry(method: .get, path: "\(program)/lifecycle/versions/1.csv", access: .roles([.focalPoint, .committee, .council])),
        Entry(method: .get, path: "\(program)/lifecycle", access: .roles([.focalPoint, .committee, .council])),
        // Settat's program is adopted: no step leads to consultation (409 for whoever gets past the door).
        Entry(method: .get, path: "\(program)/lifecycle/to/consultation", access: .roles([.focalPoint, .committee])),
        Entry(method: .post, path: "\(program)/lifecycle/to/consultation", access: .roles([.focalPoint, .committee])),
        Entry(method: .post, path: "\(program)/lifecycle/publish", access: .roles([.focalPoint])),
        Entry(method: .get, path: "\(program)/lifecycle/amendments/new", access: .roles([.focalPoint])),
        Entry(method: .post, path: "\(program)/lifecycle/amendments/new", access: .roles([.focalPoint])),
        Entry(method: .post, path: "\(program)/lifecycle/amendments/\(none)/close", access: .roles([.focalPoint])),
        Entry(method: .get, path: "\(program)/review", access: .roles([.focalPoint, .committee, .council])),
        Entry(method: .get, path: "\(program)/review/1", access: .roles([.focalPoint, .committee, .council])),
        Entry(method: .get, path: "\(program)/review/1/packet", access: .roles([.focalPoint, .committee, .council])),
        Entry(method: .post, path: "\(program)/review/1/comments", access: .roles([.council, .committee])),
        Entry(method: .post, path: "\(program)/review/1/comments/\(none)/address", access: .roles([.focalPoint, .committee])),
        Entry(method: .post, path: "\(program)/review/1/comments/\(none)/reopen", access: .roles([.focalPoint, .committee])),
    ]

    static func expectsAllowed(_ access: Access, role: Role, ownCommune: Bool) -> Bool {
        if role == .admin { return true }
        switch access {
        case .signedIn: return true
        case .adminOnly: return false
        case .anywhere(let roles): return roles.contains(role)
        case .roles(let roles): return ownCommune && roles.contains(role)
        }
    }

    func testEveryRoleOnEveryRoute() throws {
        for role in Role.allCases {
            // A fresh store per role: allowed POSTs may change data (each is sent with an
            // empty form or an unknown id, so they should not, but the walk must not depend on it).
            let portal = try Portal()
            let staff = try portal.signIn(role, commune: "settat")
            for entry in Self.table {
                for commune in ["settat", "larache"] {
                    let path = "/admin/ar/" + entry.path.replacingOccurrences(of: "{c}", with: commune)
                    let page = entry.method == .get ? portal.get(path, as: staff) : portal.post(path, form: [], as: staff)
                    let expected = Self.expectsAllowed(entry.access, role: role, ownCommune: commune == "settat")
                    let label = "\(role.rawValue) of settat, \(entry.method.rawValue) \(path): HTTP \(page.status)"
                    if expected {
                        XCTAssertNotEqual(page.status, 403, label)
                        XCTAssertFalse(page.headers["Location"]?.contains("/login") ?? false, label)
                        XCTAssertLessThan(page.status, 500, label)
                    } else {
                        XCTAssertEqual(page.status, 403, label)
                    }
                    if !entry.path.contains("{c}") { break }
                }
            }
        }
    }

    /// Signed out, every route sends to the sign-in page and runs nothing.
    func testSignedOutReachesNothing() throws {
        let portal = try Portal()
        let auditBefore = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM audit_log", as: Int.self) }
        for entry in Self.table {
            let path = "/admin/ar/" + entry.path.replacingOccurrences(of: "{c}", with: "settat")
            let page = entry.method == .get ? portal.get(path) : portal.post(path, form: [])
            XCTAssertEqual(page.status, 303, path)
            XCTAssertTrue(page.headers["Location"]?.hasPrefix("/admin/ar/login") ?? false, path)
        }
        let auditAfter = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM audit_log", as: Int.self) }
        XCTAssertEqual(auditBefore, auditAfter)
    }

    /// A POST without the session's token is refused before any handler, whatever the role.
    func testEveryPostNeedsTheSessionToken() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        for entry in Self.table where entry.method == .post {
            let path = "/admin/ar/" + entry.path.replacingOccurrences(of: "{c}", with: "settat")
            // The session's token with its first character changed: well-formed, but not this session's.
            let forged = (admin.csrf.first == "0" ? "1" : "0") + admin.csrf.dropFirst()
            XCTAssertEqual(portal.post(path, form: [("csrf", forged)], headers: [admin.cookie]).status, 403, path)
        }
    }

    /// Every case of every admin area route type has at least one line in the table: the case
    /// names are read from the route files, and each table path is parsed back to its case.
    func testEveryRouteCaseIsWalked() throws {
        var declared: Set<String> = []
        for file in ["Editor/EditorRoute", "Details/DetailsRoute", "Triage/TriageRoute", "People/PeopleRoute", "People/AuditRoute",
                     "Lifecycle/LifecycleRoute", "Review/ReviewRoute", "Calls/CallRoute", "Execution/ExecutionRoute", "Mail/MailRoute", "Evaluation/EvaluationRoute"] {
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/Portal/\(file).swift"), encoding: .utf8)
            // The route enum's own cases: from its declaration to its table of URLs.
            guard let start = source.range(of: #"enum \w+Route: AdminAreaRoute \{"#, options: .regularExpression),
                  let end = source.range(of: "static let forms", range: start.upperBound..<source.endIndex) else {
                return XCTFail("\(file): no route enum found")
            }
            let body = source[start.upperBound..<end.lowerBound]
            let pattern = try NSRegularExpression(pattern: #"(?m)^\s*case\s+([a-zA-Z]+)"#)
            for match in pattern.matches(in: String(body), range: NSRange(body.startIndex..., in: body)) {
                declared.insert(String(String(body)[Range(match.range(at: 1), in: String(body))!]))
            }
        }
        var walked: Set<String> = []
        for entry in Self.table {
            let path = "/admin/ar/" + entry.path.replacingOccurrences(of: "{c}", with: "settat")
            let route = try XCTUnwrap(AdminRoute(segments: path.split(separator: "/").map(String.init)), path)
            XCTAssertTrue(route.methods.contains(entry.method), "\(path) does not answer \(entry.method.rawValue)")
            walked.insert(Self.innermostCase(route))
        }
        XCTAssertEqual(declared.subtracting(walked), [], "route cases with no line in the authorization table")
    }

    /// The name of the innermost route case of a route value (e.g. `deleteMilestone`): through
    /// AdminRoute's areas down to the feature's route type.
    static func innermostCase(_ value: Any) -> String {
        guard let child = Mirror(reflecting: value).children.first, let label = child.label else {
            return "\(value)"   // a case without payload prints as its name
        }
        func isRoute(_ part: Any) -> Bool {
            part is any AdminAreaRoute || part is AdminRoute.CommuneArea || part is AdminRoute.NetworkArea
        }
        if isRoute(child.value) { return innermostCase(child.value) }
        if let part = Mirror(reflecting: child.value).children.map(\.value).first(where: isRoute) { return innermostCase(part) }
        return label
    }
}
