import HTTP

/// The network administrators' pages about people and communes (`/admin/{lang}/users…`,
/// `/admin/{lang}/communes`, `communes/new`, `commune-settings/{slug}`). A commune's own
/// settings live under `commune-settings/` because `communes/{slug}/…` belongs to the pages of
/// that commune's programs (see `AdminRoute`).
enum PeopleRoute: AdminAreaRoute {
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

    /// After `/admin/{lang}`.
    static let forms: [RouteForm<PeopleRoute>] = [
        RouteForm("/users", .users),
        RouteForm("/users/new", .newUser),
        RouteForm("/users/{id}", .id, build: { .user(id: $0) }, read: { if case .user(let id) = $0 { id } else { nil } }),
        RouteForm("/users/{id}/roles", .id, build: { .addRole(id: $0) }, read: { if case .addRole(let id) = $0 { id } else { nil } }),
        RouteForm("/users/{id}/roles/{grant}/delete", .id, .id.named("grant"), build: { .removeRole(id: $0, grant: $1) },
                  read: { if case .removeRole(let id, let grant) = $0 { (id, grant) } else { nil } }),
        RouteForm("/users/{id}/active", .id, build: { .active(id: $0) }, read: { if case .active(let id) = $0 { id } else { nil } }),
        RouteForm("/users/{id}/link", .id, build: { .link(id: $0) }, read: { if case .link(let id) = $0 { id } else { nil } }),
        RouteForm("/communes", .communes),
        RouteForm("/communes/new", .newCommune),
        RouteForm("/commune-settings/{slug}", .slug, build: { .commune(slug: $0) }, read: { if case .commune(let slug) = $0 { slug } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .users, .user, .communes: return [.get, .head]
        case .addRole, .removeRole, .active: return [.post]
        case .newUser, .link, .newCommune, .commune: return [.get, .head, .post]
        }
    }

    /// Every page here is the network administrators' alone.
    var requirement: AdminRequirement { .admin }
}
