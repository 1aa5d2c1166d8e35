import HTTP

/// The proposal triage pages of one commune's program (`/admin/{lang}/communes/{slug}/programs/{period}/proposals…`).
public enum TriageRoute: AdminAreaRoute {
    /// `programs/{period}/proposals`: the queue.
    case queue(period: String)

    public init?(tail: [String]) {
        switch tail {
        case let t where t.count == 3 && t[0] == "programs" && SiteRoute.isPeriod(t[1]) && t[2] == "proposals": self = .queue(period: t[1])
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .queue(let period): return ["programs", period, "proposals"]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement { .roles([.committee]) }
}
