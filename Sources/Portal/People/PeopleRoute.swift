import HTTP

/// The network administrators' pages about people and communes (`/admin/{lang}/users…`, `/admin/{lang}/communes…`).
public enum PeopleRoute: AdminAreaRoute {
    /// `users`: every account and its roles.
    case users
    /// `communes`: the network's communes.
    case communes

    public init?(tail: [String]) {
        switch tail {
        case ["users"]: self = .users
        case ["communes"]: self = .communes
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .users: return ["users"]
        case .communes: return ["communes"]
        }
    }

    public var methods: [HTTPMethod] { [.get, .head] }

    public var requirement: AdminRequirement { .admin }
}
