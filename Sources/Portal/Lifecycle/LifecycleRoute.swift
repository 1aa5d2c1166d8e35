import HTTP

/// A program's life in the admin area: its state transitions, amendments after adoption and
/// its frozen versions (`/admin/{lang}/communes/{slug}/programs/{period}/lifecycle…`).
///
/// The requirement of each case only keeps out who can never act (council members never change
/// a state); which transition a focal point or committee member may make is decided per
/// transition by `Lifecycle.decide`, the same function that chooses the buttons shown.
enum LifecycleRoute: AdminAreaRoute {
    /// `programs/{period}/lifecycle`: the state, the allowed transitions, amendments, versions.
    case overview(period: String)
    /// `programs/{period}/lifecycle/to/{state}`: the form of one transition (GET) and the transition (POST).
    case transition(period: String, to: ProgramState)
    /// `programs/{period}/lifecycle/publish` (POST): freeze the current draft as a version.
    case publish(period: String)
    /// `programs/{period}/lifecycle/amendments/new`: open an amendment (form and POST).
    case newAmendment(period: String)
    /// `programs/{period}/lifecycle/amendments/{id}/close` (POST): close it, freezing a version.
    case closeAmendment(period: String, id: Int)
    /// `programs/{period}/lifecycle/compare?from=&to=`: any two versions compared, private ones too.
    case compare(period: String)
    /// `programs/{period}/lifecycle/versions/{n}.csv` / `.json`: any version as open-data files, private ones too.
    case versionFile(period: String, number: Int, json: Bool)

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<LifecycleRoute>] = [
        RouteForm("/programs/{period}/lifecycle", .period, build: { .overview(period: $0) }, read: { if case .overview(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/to/{state}", .period, .state, build: { .transition(period: $0, to: $1) },
                  read: { if case .transition(let p, let state) = $0 { (p, state) } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/publish", .period, build: { .publish(period: $0) }, read: { if case .publish(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/amendments/new", .period, build: { .newAmendment(period: $0) }, read: { if case .newAmendment(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/amendments/{id}/close", .period, .id, build: { .closeAmendment(period: $0, id: $1) },
                  read: { if case .closeAmendment(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/compare", .period, build: { .compare(period: $0) }, read: { if case .compare(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/versions/{n}.csv", .period, .number, build: { .versionFile(period: $0, number: $1, json: false) },
                  read: { if case .versionFile(let p, let n, false) = $0 { (p, n) } else { nil } }),
        RouteForm("/programs/{period}/lifecycle/versions/{n}.json", .period, .number, build: { .versionFile(period: $0, number: $1, json: true) },
                  read: { if case .versionFile(let p, let n, true) = $0 { (p, n) } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .overview, .compare, .versionFile: return [.get, .head]
        case .transition, .newAmendment: return [.get, .head, .post]
        case .publish, .closeAmendment: return [.post]
        }
    }

    var requirement: AdminRequirement {
        switch self {
        case .overview, .compare, .versionFile: return .roles([.focalPoint, .committee, .council])
        case .transition: return .roles(Set(Lifecycle.steps.flatMap(\.roles)))
        case .publish: return .roles(Lifecycle.publishRoles)
        case .newAmendment, .closeAmendment: return .roles(Lifecycle.amendmentRoles)
        }
    }
}

extension Capture where Value == ProgramState {
    static var state: Capture { .word("state") }
}
