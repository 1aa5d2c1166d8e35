import HTTP

/// The network administrators' pages about people and communes (`/admin/{lang}/users…`,
/// `/admin/{lang}/communes`, `communes/new`, `commune-settings/{slug}`). A commune's own
/// settings live under `commune-settings/` because `communes/{slug}/…` belongs to the pages of
/// that commune's programs (see `AdminRoute`).
public enum PeopleRoute: AdminAreaRoute {
    /// `users`: every account, its roles and last sign-in.
    case users
    /// `users/new`: adding a person with one role (GET form, POST create).
    case newUser
    /// `users/{id}`: one person: roles, status, password link.
    case user(id: Int)
    /// `users/{id}/roles` (POST): gives the person one more role.
    case addRole(id: Int)
    /// `users/{id}/roles/{grant}/delete` (POST): takes one role away.
    case removeRole(id: Int, grant: Int)
    /// `users/{id}/active` (POST, `active=0|1`): deactivates (ending every session) or reactivates.
    case active(id: Int)
    /// `users/{id}/link`: POST issues a new one-time password link; GET shows it, once.
    case link(id: Int)
    /// `communes`: the network's communes.
    case communes
    /// `communes/new`: adding a commune.
    case newCommune
    /// `commune-settings/{slug}`: a commune's names, region, province and date joined.
    case commune(slug: String)

    public init?(tail: [String]) {
        func id(_ text: String) -> Int? {
            guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n > 0 else { return nil }
            return n
        }
        switch tail {
        case ["users"]: self = .users
        case ["users", "new"]: self = .newUser
        case ["communes"]: self = .communes
        case ["communes", "new"]: self = .newCommune
        case let t where t.count == 2 && t[0] == "commune-settings" && !t[1].isEmpty: self = .commune(slug: t[1])
        case let t where t.count >= 2 && t[0] == "users":
            guard let user = id(t[1]) else { return nil }
            switch Array(t.dropFirst(2)) {
            case []: self = .user(id: user)
            case ["roles"]: self = .addRole(id: user)
            case ["active"]: self = .active(id: user)
            case ["link"]: self = .link(id: user)
            case let r where r.count == 3 && r[0] == "roles" && r[2] == "delete":
                guard let grant = id(r[1]) else { return nil }
                self = .removeRole(id: user, grant: grant)
            default: return nil
            }
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .users: return ["users"]
        case .newUser: return ["users", "new"]
        case .user(let id): return ["users", String(id)]
        case .addRole(let id): return ["users", String(id), "roles"]
        case .removeRole(let id, let grant): return ["users", String(id), "roles", String(grant), "delete"]
        case .active(let id): return ["users", String(id), "active"]
        case .link(let id): return ["users", String(id), "link"]
        case .communes: return ["communes"]
        case .newCommune: return ["communes", "new"]
        case .commune(let slug): return ["commune-settings", slug]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .users, .user, .communes: return [.get, .head]
        case .addRole, .removeRole, .active: return [.post]
        case .newUser, .link, .newCommune, .commune: return [.get, .head, .post]
        }
    }

    /// Every page here is the network administrators' alone.
    public var requirement: AdminRequirement { .admin }
}
