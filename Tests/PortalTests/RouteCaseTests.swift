import XCTest
@testable import Portal

/// Every case of every route enum has a form: some example of `RouteTests.examples` parses to it.
///
/// `RouteTests` checks the forms (each has an example that round-trips), but a case that no form
/// builds is invisible there: no request can reach it, and if no form reads it either, printing a
/// link to it stops on `RouteTable.path`'s precondition the first time a page asks. Swift cannot
/// list the cases of an enum with associated values, so the cases are named here by exhaustive
/// switches, without `default:`, which the compiler checks. A new case then fails to compile
/// until it is named below, and fails `testEveryCaseIsReachedByAnExample` until its name is in
/// `every` and an example in `RouteTests.examples` parses to it — that is, until it has a form.
///
/// Names follow the tree, one dotted step per enum: `site.program.project`,
/// `admin.commune.editor.newActivity`, `admin.network.people.users`. They name cases, not
/// values: `SiteRoute.networkData`'s `.csv` and `.json`, or `EditorRoute.new`'s items, are one name
/// (each of their forms has its example in `RouteTests`).
final class RouteCaseTests: XCTestCase {
    // MARK: The tree's names, one exhaustive switch per enum

    static func name(_ route: Route) -> String {
        switch route {
        case .asset: "asset"
        case .favicon: "favicon"
        case .site(let route): "site." + name(route)
        case .admin(let route): "admin." + name(route)
        }
    }

    static func name(_ route: SiteRoute) -> String {
        switch route {
        case .root: "root"
        case .home: "home"
        case .network: "network"
        case .data: "data"
        case .networkData: "networkData"
        case .calls: "calls"
        case .search: "search"
        case .dashboard: "dashboard"
        case .commune: "commune"
        case .program(_, _, _, let page): "program." + name(page)
        case .proposal: "proposal"
        case .proposalThanks: "proposalThanks"
        case .proposalFeed: "proposalFeed"
        case .calendar: "calendar"
        case .citizen(_, let page): "citizen." + name(page)
        case .evidence: "evidence"
        }
    }

    static func name(_ page: SiteRoute.ProgramPage) -> String {
        switch page {
        case .overview: "overview"
        case .matrix: "matrix"
        case .participation: "participation"
        case .project: "project"
        case .csv: "csv"
        case .json: "json"
        case .newProposal: "newProposal"
        case .newObservation: "newObservation"
        case .newProject: "newProject"
        case .proposals: "proposals"
        case .proposalsCSV: "proposalsCSV"
        case .proposalsJSON: "proposalsJSON"
        case .versions: "versions"
        case .compareVersions: "compareVersions"
        case .versionCSV: "versionCSV"
        case .versionJSON: "versionJSON"
        case .feed: "feed"
        case .execution: "execution"
        case .executionCSV: "executionCSV"
        case .executionJSON: "executionJSON"
        case .evaluation: "evaluation"
        case .evaluationCSV: "evaluationCSV"
        case .evaluationJSON: "evaluationJSON"
        }
    }

    static func name(_ page: SiteRoute.CitizenPage) -> String {
        switch page {
        case .lookup: "lookup"
        case .erase: "erase"
        case .terms: "terms"
        case .privacy: "privacy"
        case .confirmMail: "confirmMail"
        case .unsubscribe: "unsubscribe"
        }
    }

    static func name(_ route: AdminRoute) -> String {
        switch route {
        case .root: "root"
        case .login: "login"
        case .logout: "logout"
        case .password: "password"
        case .dashboard: "dashboard"
        case .account: "account"
        case .commune(_, _, let area): "commune." + name(area)
        case .network(_, let area): "network." + name(area)
        }
    }

    static func name(_ area: AdminRoute.CommuneArea) -> String {
        switch area {
        case .editor(let route): "editor." + name(route)
        case .details(let route): "details." + name(route)
        case .triage(let route): "triage." + name(route)
        case .lifecycle(let route): "lifecycle." + name(route)
        case .review(let route): "review." + name(route)
        case .calls(let route): "calls." + name(route)
        case .execution(let route): "execution." + name(route)
        case .evaluation(let route): "evaluation." + name(route)
        }
    }

    static func name(_ area: AdminRoute.NetworkArea) -> String {
        switch area {
        case .people(let route): "people." + name(route)
        case .audit(let route): "audit." + name(route)
        case .mail(let route): "mail." + name(route)
        }
    }

    static func name(_ route: EditorRoute) -> String {
        switch route {
        case .commune: "commune"
        case .newProgram: "newProgram"
        case .program: "program"
        case .matrix: "matrix"
        // Any item but `.activity` (that value only prints: activities are added under their
        // project, `newActivity`); the case is reached by `axes/new` and `projects/new`.
        case .new: "new"
        case .newActivity: "newActivity"
        case .edit: "edit"
        case .remove: "remove"
        case .move: "move"
        }
    }

    static func name(_ route: DetailsRoute) -> String {
        switch route {
        case .committee: "committee"
        case .committeeMembers: "committeeMembers"
        case .committeeMember: "committeeMember"
        case .moveCommitteeMember: "moveCommitteeMember"
        case .deleteCommitteeMember: "deleteCommitteeMember"
        case .milestones: "milestones"
        case .milestone: "milestone"
        case .deleteMilestone: "deleteMilestone"
        case .events: "events"
        case .newEvent: "newEvent"
        case .event: "event"
        case .deleteEvent: "deleteEvent"
        case .partners: "partners"
        case .partner: "partner"
        case .deletePartner: "deletePartner"
        case .importMatrix: "importMatrix"
        }
    }

    static func name(_ route: TriageRoute) -> String {
        switch route {
        case .queue: "queue"
        case .proposal: "proposal"
        case .status: "status"
        case .merge: "merge"
        case .hide: "hide"
        case .unhide: "unhide"
        case .workshop: "workshop"
        }
    }

    static func name(_ route: LifecycleRoute) -> String {
        switch route {
        case .overview: "overview"
        case .transition: "transition"
        case .publish: "publish"
        case .newAmendment: "newAmendment"
        case .closeAmendment: "closeAmendment"
        case .compare: "compare"
        case .versionFile: "versionFile"
        }
    }

    static func name(_ route: ReviewRoute) -> String {
        switch route {
        case .review: "review"
        case .reviewVersion: "reviewVersion"
        case .packet: "packet"
        case .comment: "comment"
        case .addressComment: "addressComment"
        case .reopenComment: "reopenComment"
        }
    }

    static func name(_ route: CallRoute) -> String {
        switch route {
        case .list: "list"
        case .newCall: "newCall"
        case .call: "call"
        case .close: "close"
        case .extend: "extend"
        case .delete: "delete"
        }
    }

    static func name(_ route: ExecutionRoute) -> String {
        switch route {
        case .overview: "overview"
        case .importExecution: "importExecution"
        case .activity: "activity"
        case .progress: "progress"
        case .indicator: "indicator"
        case .plan: "plan"
        case .measure: "measure"
        case .evidence: "evidence"
        case .evidenceVisibility: "evidenceVisibility"
        case .progressEvidence: "progressEvidence"
        case .valueEvidence: "valueEvidence"
        }
    }

    static func name(_ route: EvaluationRoute) -> String {
        switch route {
        case .list: "list"
        case .year: "year"
        case .save: "save"
        case .publish: "publish"
        case .delete: "delete"
        }
    }

    static func name(_ route: PeopleRoute) -> String {
        switch route {
        case .users: "users"
        case .newUser: "newUser"
        case .user: "user"
        case .addRole: "addRole"
        case .removeRole: "removeRole"
        case .active: "active"
        case .link: "link"
        case .communes: "communes"
        case .newCommune: "newCommune"
        case .commune: "commune"
        }
    }

    static func name(_ route: AuditRoute) -> String {
        switch route {
        case .log: "log"
        }
    }

    static func name(_ route: MailRoute) -> String {
        switch route {
        case .outbox: "outbox"
        case .retry: "retry"
        }
    }

    // MARK: Every name

    /// Every case of the tree, by the names above. A new case goes here as well as in its switch.
    static let every: [String] = [
        "asset", "favicon",
        // SiteRoute
        "site.root", "site.home", "site.network", "site.data", "site.networkData", "site.calls", "site.search", "site.dashboard",
        "site.commune", "site.proposal", "site.proposalThanks", "site.proposalFeed", "site.calendar", "site.evidence",
        // SiteRoute.ProgramPage
        "site.program.overview", "site.program.matrix", "site.program.participation", "site.program.project", "site.program.csv",
        "site.program.json", "site.program.newProposal", "site.program.newObservation", "site.program.newProject",
        "site.program.proposals", "site.program.proposalsCSV", "site.program.proposalsJSON", "site.program.versions",
        "site.program.compareVersions", "site.program.versionCSV", "site.program.versionJSON", "site.program.feed",
        "site.program.execution", "site.program.executionCSV", "site.program.executionJSON", "site.program.evaluation",
        "site.program.evaluationCSV", "site.program.evaluationJSON",
        // SiteRoute.CitizenPage
        "site.citizen.lookup", "site.citizen.erase", "site.citizen.terms", "site.citizen.privacy", "site.citizen.confirmMail",
        "site.citizen.unsubscribe",
        // AdminRoute
        "admin.root", "admin.login", "admin.logout", "admin.password", "admin.dashboard", "admin.account",
        // EditorRoute
        "admin.commune.editor.commune", "admin.commune.editor.newProgram", "admin.commune.editor.program", "admin.commune.editor.matrix",
        "admin.commune.editor.new", "admin.commune.editor.newActivity", "admin.commune.editor.edit", "admin.commune.editor.remove",
        "admin.commune.editor.move",
        // DetailsRoute
        "admin.commune.details.committee", "admin.commune.details.committeeMembers", "admin.commune.details.committeeMember",
        "admin.commune.details.moveCommitteeMember", "admin.commune.details.deleteCommitteeMember", "admin.commune.details.milestones",
        "admin.commune.details.milestone", "admin.commune.details.deleteMilestone", "admin.commune.details.events",
        "admin.commune.details.newEvent", "admin.commune.details.event", "admin.commune.details.deleteEvent",
        "admin.commune.details.partners", "admin.commune.details.partner", "admin.commune.details.deletePartner",
        "admin.commune.details.importMatrix",
        // TriageRoute
        "admin.commune.triage.queue", "admin.commune.triage.proposal", "admin.commune.triage.status", "admin.commune.triage.merge",
        "admin.commune.triage.hide", "admin.commune.triage.unhide", "admin.commune.triage.workshop",
        // LifecycleRoute
        "admin.commune.lifecycle.overview", "admin.commune.lifecycle.transition", "admin.commune.lifecycle.publish",
        "admin.commune.lifecycle.newAmendment", "admin.commune.lifecycle.closeAmendment", "admin.commune.lifecycle.compare",
        "admin.commune.lifecycle.versionFile",
        // ReviewRoute
        "admin.commune.review.review", "admin.commune.review.reviewVersion", "admin.commune.review.packet",
        "admin.commune.review.comment", "admin.commune.review.addressComment", "admin.commune.review.reopenComment",
        // CallRoute
        "admin.commune.calls.list", "admin.commune.calls.newCall", "admin.commune.calls.call", "admin.commune.calls.close",
        "admin.commune.calls.extend", "admin.commune.calls.delete",
        // ExecutionRoute
        "admin.commune.execution.overview", "admin.commune.execution.importExecution", "admin.commune.execution.activity",
        "admin.commune.execution.progress", "admin.commune.execution.indicator", "admin.commune.execution.plan",
        "admin.commune.execution.measure", "admin.commune.execution.evidence", "admin.commune.execution.evidenceVisibility",
        "admin.commune.execution.progressEvidence", "admin.commune.execution.valueEvidence",
        // EvaluationRoute
        "admin.commune.evaluation.list", "admin.commune.evaluation.year", "admin.commune.evaluation.save",
        "admin.commune.evaluation.publish", "admin.commune.evaluation.delete",
        // PeopleRoute
        "admin.network.people.users", "admin.network.people.newUser", "admin.network.people.user", "admin.network.people.addRole",
        "admin.network.people.removeRole", "admin.network.people.active", "admin.network.people.link",
        "admin.network.people.communes", "admin.network.people.newCommune", "admin.network.people.commune",
        // AuditRoute, MailRoute
        "admin.network.audit.log",
        "admin.network.mail.outbox", "admin.network.mail.retry",
    ]

    // MARK: Tests

    /// The cases the examples parse to are exactly `every` (the two differences are empty): a case
    /// no example reaches has no form (or no example: add one to `RouteTests.examples`), a name no
    /// switch gives is stale, and a case the switches name but `every` forgets is missing there.
    func testEveryCaseIsReachedByAnExample() throws {
        var reached: Set<String> = []
        for path in RouteTests.examples {
            let route = try XCTUnwrap(Route(segments: RouteTests.segments(path)), "\(path) parses to no route")
            reached.insert(Self.name(route))
        }
        XCTAssertEqual(Set(Self.every).subtracting(reached).sorted(), [],
                       "cases no path of RouteTests.examples parses to: give each a form and an example")
        XCTAssertEqual(reached.subtracting(Self.every).sorted(), [], "cases missing from RouteCaseTests.every")
    }

    func testEveryNameIsListedOnce() {
        let repeated = Dictionary(grouping: Self.every, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        XCTAssertEqual(repeated, [], "names listed more than once in RouteCaseTests.every")
    }
}
