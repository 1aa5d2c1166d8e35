import HTTP

/// The council's review of a draft version: comments per project and the printable packet
/// (`/admin/{lang}/communes/{slug}/programs/{period}/review…`).
public enum ReviewRoute: AdminAreaRoute {
    /// `programs/{period}/review`: the review page of the latest draft version.
    case review(period: String)

    public init?(tail: [String]) {
        switch tail {
        case let t where t.count == 3 && t[0] == "programs" && SiteRoute.isPeriod(t[1]) && t[2] == "review": self = .review(period: t[1])
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .review(let period): return ["programs", period, "review"]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement { .roles([.focalPoint, .committee, .council]) }
}
