import HTTP

/// The program editor's pages inside one commune (`/admin/{lang}/communes/{slug}/…`).
public enum EditorRoute: AdminAreaRoute {
    /// `communes/{slug}`: the commune's programs.
    case commune
    /// `communes/{slug}/programs/{period}`: one program's editor.
    case program(period: String)

    public init?(tail: [String]) {
        switch tail {
        case []: self = .commune
        case let t where t.count == 2 && t[0] == "programs" && SiteRoute.isPeriod(t[1]): self = .program(period: t[1])
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .commune: return []
        case .program(let period): return ["programs", period]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement {
        switch self {
        case .commune: return .roles([.focalPoint, .committee, .council])
        case .program: return .roles([.focalPoint])
        }
    }
}
