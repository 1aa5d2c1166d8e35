import HTTP

/// A program's life in the admin area: its state transitions, amendments after adoption and
/// its frozen versions (`/admin/{lang}/communes/{slug}/programs/{period}/lifecycle…`).
public enum LifecycleRoute: AdminAreaRoute {
    /// `programs/{period}/lifecycle`: the state, the allowed transitions, the versions.
    case overview(period: String)

    public init?(tail: [String]) {
        switch tail {
        case let t where t.count == 3 && t[0] == "programs" && SiteRoute.isPeriod(t[1]) && t[2] == "lifecycle": self = .overview(period: t[1])
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .overview(let period): return ["programs", period, "lifecycle"]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement { .roles([.focalPoint, .committee, .council]) }
}
