import HTTP

/// The calls a commune runs for one program — for ideas, or for comments on the draft put to
/// consultation (`/admin/{lang}/communes/{slug}/programs/{period}/calls…`). Focal points of the
/// commune (and administrators) run them; which call may exist when is decided by `CallStore`.
enum CallRoute: AdminAreaRoute {
    /// `programs/{period}/calls`: upcoming, open and closed calls with their proposals.
    case list(period: String)
    /// `programs/{period}/calls/new`: a new call's form (GET) and its creation (POST).
    case newCall(period: String)
    /// `programs/{period}/calls/{id}`: one call's form (GET) and its edit (POST).
    case call(period: String, id: Int)
    /// `programs/{period}/calls/{id}/close` (POST): ends an open call now.
    case close(period: String, id: Int)
    /// `programs/{period}/calls/{id}/extend` (POST): moves its end later.
    case extend(period: String, id: Int)
    /// `programs/{period}/calls/{id}/delete` (POST): refused while it has proposals.
    case delete(period: String, id: Int)

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<CallRoute>] = [
        RouteForm("/programs/{period}/calls", .period, build: { .list(period: $0) }, read: { if case .list(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/calls/new", .period, build: { .newCall(period: $0) }, read: { if case .newCall(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/calls/{id}", .period, .id, build: { .call(period: $0, id: $1) },
                  read: { if case .call(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/calls/{id}/close", .period, .id, build: { .close(period: $0, id: $1) },
                  read: { if case .close(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/calls/{id}/extend", .period, .id, build: { .extend(period: $0, id: $1) },
                  read: { if case .extend(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/calls/{id}/delete", .period, .id, build: { .delete(period: $0, id: $1) },
                  read: { if case .delete(let p, let id) = $0 { (p, id) } else { nil } }),
    ]

    var period: String {
        switch self {
        case .list(let p), .newCall(let p), .call(let p, _), .close(let p, _), .extend(let p, _), .delete(let p, _): return p
        }
    }

    var methods: [HTTPMethod] {
        switch self {
        case .list: return [.get, .head]
        case .newCall, .call: return [.get, .head, .post]
        case .close, .extend, .delete: return [.post]
        }
    }

    var requirement: AdminRequirement { .roles([.focalPoint]) }
}
