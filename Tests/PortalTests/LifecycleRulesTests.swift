import Foundation
import XCTest
import SQLite
@testable import Portal

/// Who may move a program's life, checked role by role and transition by transition: first the
/// rule itself against the table written out below, then every (role, from, to) through the
/// real pages (the buttons shown and the POST accepted).
final class LifecycleRulesTests: XCTestCase {
    /// The transition table as issue 6 states it, written out independently of the code.
    private static let expected: [(ProgramState, ProgramState, Set<Role>)] = [
        (.coPreparation, .draft, [.focalPoint]),
        (.draft, .consultation, [.focalPoint]),
        (.consultation, .committeeReview, [.committee]),
        (.consultation, .draft, [.focalPoint]),
        (.committeeReview, .presented, [.committee]),
        (.committeeReview, .draft, [.committee]),
        (.presented, .bureauAdopted, [.focalPoint]),
        (.bureauAdopted, .standingCommittee, [.focalPoint]),
        (.standingCommittee, .adopted, [.focalPoint]),
        (.adopted, .inExecution, [.focalPoint]),
        (.inExecution, .closed, [.focalPoint]),
    ]

    private static func expectedDecision(_ role: Role, from: ProgramState, to: ProgramState) -> Lifecycle.Decision {
        guard let step = expected.first(where: { $0.0 == from && $0.1 == to }) else { return .notNow("lifecycle.refused.no_step") }
        return role == .admin || step.2.contains(role) ? .allowed : .notYours
    }

    private static func account(_ role: Role, communeID: Int = 5) -> Account {
        Account(id: 1, email: "x@example.ma", name: "x", language: .ar, grants: [(role, role == .admin ? nil : communeID)])
    }

    func testTheRuleForEveryRoleAndEveryPairOfStates() {
        XCTAssertEqual(Lifecycle.steps.count, Self.expected.count)
        for role in Role.allCases {
            let account = Self.account(role)
            for from in ProgramState.allCases {
                for to in ProgramState.allCases where to != from {
                    let decision = Lifecycle.decide(.transition(from: from, to: to), state: from, amendmentOpen: false,
                                                    account: account, communeID: 5)
                    XCTAssertEqual(decision, Self.expectedDecision(role, from: from, to: to), "\(role) \(from) → \(to)")
                    // A stale form: the program is no longer in `from`.
                    let stale = ProgramState.allCases.first { $0 != from }!
                    XCTAssertEqual(Lifecycle.decide(.transition(from: from, to: to), state: stale, amendmentOpen: false,
                                                    account: account, communeID: 5), .notNow("lifecycle.refused.no_step"))
                    // Nothing moves while an amendment is open.
                    if case .allowed = Self.expectedDecision(role, from: from, to: to) {
                        XCTAssertEqual(Lifecycle.decide(.transition(from: from, to: to), state: from, amendmentOpen: true,
                                                        account: account, communeID: 5), .notNow("lifecycle.refused.amendment_open"))
                    }
                }
            }
            // Roles count only in their own commune.
            if role != .admin {
                XCTAssertEqual(Lifecycle.transitions(state: .coPreparation, amendmentOpen: false, account: Self.account(role, communeID: 1),
                                                     communeID: 5), [])
            }
            for state in ProgramState.allCases {
                let mayPublish = role == .admin || role == .focalPoint
                XCTAssertEqual(Lifecycle.decide(.publish, state: state, amendmentOpen: false, account: account, communeID: 5),
                               state >= .adopted ? .notNow("lifecycle.refused.publish_adopted") : (mayPublish ? .allowed : .notYours), "\(role) publish \(state)")
                let amendable = state == .adopted || state == .inExecution
                XCTAssertEqual(Lifecycle.decide(.openAmendment, state: state, amendmentOpen: false, account: account, communeID: 5),
                               amendable ? (mayPublish ? .allowed : .notYours) : .notNow("lifecycle.refused.amend_state"), "\(role) amend \(state)")
                XCTAssertEqual(Lifecycle.decide(.openAmendment, state: state, amendmentOpen: true, account: account, communeID: 5),
                               amendable ? .notNow("lifecycle.refused.amendment_open") : .notNow("lifecycle.refused.amend_state"))
                XCTAssertEqual(Lifecycle.decide(.closeAmendment, state: state, amendmentOpen: true, account: account, communeID: 5),
                               mayPublish ? .allowed : .notYours)
                XCTAssertEqual(Lifecycle.decide(.closeAmendment, state: state, amendmentOpen: false, account: account, communeID: 5),
                               .notNow("lifecycle.refused.no_amendment"))
            }
        }
        XCTAssertTrue(ProgramState.consultation.versionsArePublic)
        XCTAssertFalse(ProgramState.draft.versionsArePublic)
        XCTAssertTrue(ProgramState.closed.isAdopted)
        XCTAssertFalse(ProgramState.standingCommittee.isAdopted)
    }

    /// Every role, every pair of states, through the pages: the transition buttons the lifecycle
    /// page shows are exactly the allowed ones, and a POST is accepted (303, state moved, version
    /// frozen, transition and audit recorded) or refused (403 not yours, 409 no such step) with
    /// nothing written.
    func testEveryRoleAndTransitionThroughThePages() throws {
        let portal = try Portal()
        let base = "/admin/fr/communes/demo/programs/2025-2026/lifecycle"
        let people: [(Role, Staff)] = try [Role.admin, .focalPoint, .committee, .council].map {
            ($0, try portal.signIn($0, commune: $0 == .admin ? nil : "demo"))
        }
        func setState(_ state: ProgramState) throws {
            try portal.site.database.write { try $0.run("UPDATE programs SET status = ? WHERE id = 5", [state.rawValue]) }
        }
        func count(_ sql: String) throws -> Int { try portal.site.database.read { try $0.scalar(sql, as: Int.self) ?? 0 } }
        let today = MoroccoTime.day(Date())
        for (role, staff) in people {
            for from in ProgramState.allCases {
                try setState(from)
                let page = portal.get(base, as: staff)
                XCTAssertEqual(page.status, 200, "\(role) sees the lifecycle page")
                for to in ProgramState.allCases where to != from {
                    let shown = page.contains("href=\"\(base)/to/\(to.rawValue)\"")
                    XCTAssertEqual(shown, Self.expectedDecision(role, from: from, to: to) == .allowed, "\(role) button \(from) → \(to)")
                }
                for to in ProgramState.allCases where to != from {
                    try setState(from)
                    let versions = try count("SELECT count(*) FROM program_versions WHERE program_id = 5")
                    let transitions = try count("SELECT count(*) FROM program_transitions")
                    let audits = try count("SELECT count(*) FROM audit_log WHERE action = 'transition'")
                    let posted = portal.post("\(base)/to/\(to.rawValue)", form: [("date", today), ("session_ar", "دورة أكتوبر"),
                                                                               ("decision_ref", "12/2025")], as: staff)
                    let state = try portal.site.database.read { try $0.scalar("SELECT status FROM programs WHERE id = 5", as: String.self) }
                    let label = "\(role) \(from) → \(to)"
                    switch role == .council ? .notYours : Self.expectedDecision(role, from: from, to: to) {
                    case .allowed:
                        XCTAssertEqual(posted.status, 303, "\(label): \(posted.body.prefix(400))")
                        XCTAssertEqual(state, to.rawValue, label)
                        XCTAssertEqual(try count("SELECT count(*) FROM program_versions WHERE program_id = 5"), versions + 1, label)
                        XCTAssertEqual(try count("SELECT count(*) FROM program_transitions"), transitions + 1, label)
                        XCTAssertEqual(try count("SELECT count(*) FROM audit_log WHERE action = 'transition'"), audits + 1, label)
                    case .notYours:
                        XCTAssertEqual(posted.status, 403, label)
                        XCTAssertEqual(state, from.rawValue, label)
                        XCTAssertEqual(try count("SELECT count(*) FROM program_versions WHERE program_id = 5"), versions, label)
                    case .notNow:
                        XCTAssertEqual(posted.status, 409, label)
                        XCTAssertEqual(state, from.rawValue, label)
                        XCTAssertEqual(try count("SELECT count(*) FROM program_transitions"), transitions, label)
                    }
                }
            }
        }
        // The last version frozen by a transition says the state it reached, and is public from the consultation on.
        try portal.site.database.read { db in
            for row in try db.query("""
                SELECT t.to_state, v.state, v.is_public, v.reason FROM program_transitions t JOIN program_versions v ON v.id = t.version_id
                """) {
                XCTAssertEqual(try row.string("to_state"), try row.string("state"))
                XCTAssertEqual(try row.string("reason"), "transition")
                XCTAssertEqual(try row.bool("is_public"), ProgramState(rawValue: try row.string("to_state"))!.versionsArePublic)
            }
        }
    }

    func testTheTabAndWhoSeesWhat() throws {
        let portal = try Portal()
        let base = "/admin/ar/communes/demo/programs/2025-2026"
        let council = try portal.signIn(.council, commune: "demo")
        let committee = try portal.signIn(.committee, commune: "demo")
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        for staff in [council, committee, focal] {
            let page = portal.get(base + "/lifecycle", as: staff)
            XCTAssertEqual(page.status, 200)
            XCTAssertTrue(page.contains("href=\"\(base)/lifecycle\" aria-current=\"page\""), "the tab is shown and current")
            XCTAssertTrue(page.contains("مراحل البرنامج وصيغه"))
        }
        // Council members read; they have no button and their POSTs are refused at the door.
        let read = portal.get(base + "/lifecycle", as: council)
        XCTAssertFalse(read.contains("/lifecycle/to/"))
        XCTAssertFalse(read.contains("/lifecycle/publish"))
        XCTAssertEqual(portal.post(base + "/lifecycle/publish", form: [], as: council).status, 403)
        XCTAssertEqual(portal.get(base + "/lifecycle/to/consultation", as: council).status, 403)
        // The sandbox is in consultation: back to draft, where a published version stays internal.
        XCTAssertEqual(portal.post(base + "/lifecycle/to/draft", form: [("date", MoroccoTime.day(Date()))], as: focal).status, 303)
        // The committee cannot publish; the focal point can, and a draft's version stays internal.
        XCTAssertEqual(portal.post(base + "/lifecycle/publish", form: [], as: committee).status, 403)
        XCTAssertTrue(portal.get(base + "/lifecycle", as: focal).contains("/lifecycle/publish"))
        let published = portal.post(base + "/lifecycle/publish", form: [], as: focal)
        XCTAssertEqual(published.status, 303)
        try portal.site.database.read { db in
            let row = try XCTUnwrap(db.queryOne("SELECT reason, is_public, state, label_fr FROM program_versions WHERE program_id = 5 ORDER BY number DESC LIMIT 1"))
            XCTAssertEqual(try row.string("reason"), "publish")
            XCTAssertEqual(try row.string("state"), "draft")
            XCTAssertFalse(try row.bool("is_public"), "a draft before consultation is for the admin area only")
            XCTAssertEqual(try row.string("label_fr"), "Version publiée — Brouillon")
        }
        // Staff see every version, the internal one too, with its visibility.
        let listed = portal.get(base + "/lifecycle", as: council)
        XCTAssertTrue(listed.contains("صيغة منشورة — "))
        XCTAssertTrue(listed.contains("داخلية"))
        XCTAssertTrue(listed.contains("/admin/ar/communes/demo/programs/2025-2026/lifecycle/compare?from=2&amp;to=3"),
                      "each version links to its comparison with the one before, the internal one too")
        XCTAssertTrue(listed.contains("/ar/communes/demo/programs/2025-2026/versions\""), "and to the public versions page")
        // Another commune's focal point does not get in.
        let other = try portal.signIn(.focalPoint, commune: "settat")
        XCTAssertEqual(portal.get(base + "/lifecycle", as: other).status, 403)
    }
}
