import HTTP

/// The calls a commune runs for one program — for ideas, or for comments on the draft put to
/// consultation (`/admin/{lang}/communes/{slug}/programs/{period}/calls…`). Focal points of the
/// commune (and administrators) run them; which call may exist when is decided by `CallStore`.
public enum CallRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "calls" else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(3))
        if rest.isEmpty { self = .list(period: period); return }
        if rest == ["new"] { self = .newCall(period: period); return }
        guard rest.count <= 2, let id = Int(rest[0]), id > 0, String(id) == rest[0] else { return nil }
        switch rest.count == 2 ? rest[1] : "" {
        case "": self = .call(period: period, id: id)
        case "close": self = .close(period: period, id: id)
        case "extend": self = .extend(period: period, id: id)
        case "delete": self = .delete(period: period, id: id)
        default: return nil
        }
    }

    public var tail: [String] {
        let base = ["programs", period, "calls"]
        switch self {
        case .list: return base
        case .newCall: return base + ["new"]
        case .call(_, let id): return base + [String(id)]
        case .close(_, let id): return base + [String(id), "close"]
        case .extend(_, let id): return base + [String(id), "extend"]
        case .delete(_, let id): return base + [String(id), "delete"]
        }
    }

    public var period: String {
        switch self {
        case .list(let p), .newCall(let p), .call(let p, _), .close(let p, _), .extend(let p, _), .delete(let p, _): return p
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .list: return [.get, .head]
        case .newCall, .call: return [.get, .head, .post]
        case .close, .extend, .delete: return [.post]
        }
    }

    public var requirement: AdminRequirement { .roles([.focalPoint]) }
}
