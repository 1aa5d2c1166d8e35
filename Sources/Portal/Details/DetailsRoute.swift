import HTTP

/// The pages that keep a program's details besides its matrix — committee, milestones,
/// events and their figures, the shared partners — and the matrix CSV import
/// (`/admin/{lang}/communes/{slug}/programs/{period}/…`).
public enum DetailsRoute: AdminAreaRoute {
    /// `programs/{period}/committee`: the follow-up committee and its members.
    case committee(period: String)

    public init?(tail: [String]) {
        switch tail {
        case let t where t.count == 3 && t[0] == "programs" && SiteRoute.isPeriod(t[1]) && t[2] == "committee": self = .committee(period: t[1])
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .committee(let period): return ["programs", period, "committee"]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement { .roles([.focalPoint]) }
}
