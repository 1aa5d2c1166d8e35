import HTTP

/// A program's life in the admin area: its state transitions, amendments after adoption and
/// its frozen versions (`/admin/{lang}/communes/{slug}/programs/{period}/lifecycle…`).
///
/// The requirement of each case only keeps out who can never act (council members never change
/// a state); which transition a focal point or committee member may make is decided per
/// transition by `Lifecycle.decide`, the same function that chooses the buttons shown.
public enum LifecycleRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "lifecycle" else { return nil }
        let period = tail[1]
        switch Array(tail.dropFirst(3)) {
        case []: self = .overview(period: period)
        case ["publish"]: self = .publish(period: period)
        case ["amendments", "new"]: self = .newAmendment(period: period)
        case ["compare"]: self = .compare(period: period)
        case let t where t.count == 2 && t[0] == "versions":
            guard let file = SiteRoute.versionFile(t[1]) else { return nil }
            switch file {
            case .versionCSV(let number): self = .versionFile(period: period, number: number, json: false)
            case .versionJSON(let number): self = .versionFile(period: period, number: number, json: true)
            default: return nil
            }
        case let t where t.count == 2 && t[0] == "to":
            guard let state = ProgramState(rawValue: t[1]) else { return nil }
            self = .transition(period: period, to: state)
        case let t where t.count == 3 && t[0] == "amendments" && t[2] == "close":
            guard let id = Int(t[1]), id > 0, String(id) == t[1] else { return nil }
            self = .closeAmendment(period: period, id: id)
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .overview(let period): return ["programs", period, "lifecycle"]
        case .transition(let period, let to): return ["programs", period, "lifecycle", "to", to.rawValue]
        case .publish(let period): return ["programs", period, "lifecycle", "publish"]
        case .newAmendment(let period): return ["programs", period, "lifecycle", "amendments", "new"]
        case .closeAmendment(let period, let id): return ["programs", period, "lifecycle", "amendments", String(id), "close"]
        case .compare(let period): return ["programs", period, "lifecycle", "compare"]
        case .versionFile(let period, let number, let json): return ["programs", period, "lifecycle", "versions", "\(number).\(json ? "json" : "csv")"]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .overview, .compare, .versionFile: return [.get, .head]
        case .transition, .newAmendment: return [.get, .head, .post]
        case .publish, .closeAmendment: return [.post]
        }
    }

    public var requirement: AdminRequirement {
        switch self {
        case .overview, .compare, .versionFile: return .roles([.focalPoint, .committee, .council])
        case .transition: return .roles(Set(Lifecycle.steps.flatMap(\.roles)))
        case .publish: return .roles(Lifecycle.publishRoles)
        case .newAmendment, .closeAmendment: return .roles(Lifecycle.amendmentRoles)
        }
    }
}
