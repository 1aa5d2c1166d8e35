import Foundation

/// The states of a program (`programs.status`, Migrations/0001), in the order of the
/// co-preparation method (seed 001): the order is what "public from the consultation draft on"
/// and "adopted" mean, so it lives here and nowhere else.
enum ProgramState: String, CaseIterable, Sendable, Comparable {
    case coPreparation = "co-preparation"
    case draft
    case consultation
    case committeeReview = "committee-review"
    case presented
    case bureauAdopted = "bureau-adopted"
    case standingCommittee = "standing-committee"
    case adopted
    case inExecution = "in-execution"
    case closed

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    static func < (a: ProgramState, b: ProgramState) -> Bool { a.rank < b.rank }

    /// A version frozen in this state is public: citizens see the program from the draft put to
    /// consultation on; what comes before is the committee's working material (issue 6).
    var versionsArePublic: Bool { self >= .consultation }

    /// The council adopted the program: it is the commune's commitment and its axes, projects
    /// and activities change only inside an amendment (see `ProgramLock`).
    var isAdopted: Bool { self >= .adopted }
}

/// Something that can be done to a program's life in the admin area.
enum LifecycleAction: Equatable, Sendable {
    /// Move the program from one state to another.
    case transition(from: ProgramState, to: ProgramState)
    /// Freeze the current draft as a version on demand ("publish this draft").
    case publish
    /// Open an amendment of an adopted program.
    case openAmendment
    /// Close the open amendment, freezing the amended program as a version.
    case closeAmendment
}

/// Who may move a program's life forward, and when. Every lifecycle button shown and every
/// lifecycle POST accepted goes through `decide`, so what a person is offered and what the
/// server accepts cannot disagree.
///
/// The rules (issue 6):
/// - A program moves forward one state at a time.
/// - Rework: from the consultation, or from the committee's review, the program may go back to
///   `draft` (the draft is reworked and put out again). Nothing else goes backwards: once the
///   president and the bureau have it, its way back is a new council decision, not a button.
/// - Focal points record the steps of preparation and of the council's procedure (they keep
///   the program); the committee takes the draft into its review, sends it back for rework,
///   and presents it to the president and the bureau. Administrators may do everything.
///   Council members read and review; they never change a program's state.
/// - No transition while an amendment is open: close it first, so each version says one thing.
/// - "Publish this draft" (focal points) exists until adoption; after it, versions come from
///   transitions and amendments. Amendments (focal points) exist for adopted and executing
///   programs, one open at a time.
enum Lifecycle {
    /// One allowed move and the roles that may make it (administrators may make any).
    struct Step: Sendable, Equatable {
        var from: ProgramState
        var to: ProgramState
        var roles: Set<Role>
        /// A step back, to rework the draft.
        var isRework: Bool { to < from }
    }

    /// The whole transition table.
    static let steps: [Step] = [
        Step(from: .coPreparation, to: .draft, roles: [.focalPoint]),
        Step(from: .draft, to: .consultation, roles: [.focalPoint]),
        Step(from: .consultation, to: .committeeReview, roles: [.committee]),
        Step(from: .consultation, to: .draft, roles: [.focalPoint]),
        Step(from: .committeeReview, to: .presented, roles: [.committee]),
        Step(from: .committeeReview, to: .draft, roles: [.committee]),
        Step(from: .presented, to: .bureauAdopted, roles: [.focalPoint]),
        Step(from: .bureauAdopted, to: .standingCommittee, roles: [.focalPoint]),
        Step(from: .standingCommittee, to: .adopted, roles: [.focalPoint]),
        Step(from: .adopted, to: .inExecution, roles: [.focalPoint]),
        Step(from: .inExecution, to: .closed, roles: [.focalPoint]),
    ]

    /// The roles that may publish a draft, open or close an amendment.
    static let publishRoles: Set<Role> = [.focalPoint]
    static let amendmentRoles: Set<Role> = [.focalPoint]

    /// The answer to "may this person do this now?".
    enum Decision: Equatable, Sendable {
        case allowed
        /// The action does not exist in this state (a catalog key saying why): 409.
        case notNow(String)
        /// The action exists, but not for this person's roles: 403.
        case notYours
    }

    /// The one rule: is `action` possible for a program in `state` (with or without an open
    /// amendment), and does `account` hold a role in `communeID` that may do it?
    static func decide(_ action: LifecycleAction, state: ProgramState, amendmentOpen: Bool,
                              account: Account, communeID: Int) -> Decision {
        let roles: Set<Role>
        switch action {
        case .transition(let from, let to):
            guard from == state, let step = steps.first(where: { $0.from == from && $0.to == to }) else {
                return .notNow("lifecycle.refused.no_step")
            }
            guard !amendmentOpen else { return .notNow("lifecycle.refused.amendment_open") }
            roles = step.roles
        case .publish:
            guard !state.isAdopted else { return .notNow("lifecycle.refused.publish_adopted") }
            roles = publishRoles
        case .openAmendment:
            guard state == .adopted || state == .inExecution else { return .notNow("lifecycle.refused.amend_state") }
            guard !amendmentOpen else { return .notNow("lifecycle.refused.amendment_open") }
            roles = amendmentRoles
        case .closeAmendment:
            guard amendmentOpen else { return .notNow("lifecycle.refused.no_amendment") }
            roles = amendmentRoles
        }
        return account.holds(roles, in: communeID) ? .allowed : .notYours
    }

    /// The transitions `account` may make now, in table order (what the lifecycle page offers).
    static func transitions(state: ProgramState, amendmentOpen: Bool, account: Account, communeID: Int) -> [Step] {
        steps.filter {
            decide(.transition(from: $0.from, to: $0.to), state: state, amendmentOpen: amendmentOpen,
                   account: account, communeID: communeID) == .allowed
        }
    }
}
