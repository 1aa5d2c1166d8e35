import HTTP

/// The proposal triage pages of one commune's program (`/admin/{lang}/communes/{slug}/programs/{period}/proposals…`):
/// the committee's queue, one proposal with its actions, and the entry of a workshop's paper
/// proposals. Every case is for committee members of the commune (administrators pass too),
/// the workshop entry for focal points as well; putting a hidden proposal back is for
/// administrators only, since only they can see it.
enum TriageRoute: AdminAreaRoute {
    /// `programs/{period}/proposals`: the queue (filters in the query string).
    case queue(period: String)
    /// `programs/{period}/proposals/{id}`: one proposal, its full text, personal data and actions.
    case proposal(period: String, id: Int)
    /// `programs/{period}/proposals/{id}/status` (POST): status, public answer, project or reason.
    case status(period: String, id: Int)
    /// `programs/{period}/proposals/{id}/merge` (POST): fold this duplicate into another proposal.
    case merge(period: String, id: Int)
    /// `programs/{period}/proposals/{id}/hide` (POST): hide spam, with a reason.
    case hide(period: String, id: Int)
    /// `programs/{period}/proposals/{id}/unhide` (POST): an administrator puts a hidden proposal back.
    case unhide(period: String, id: Int)
    /// `programs/{period}/proposals/workshop`: many paper proposals of one workshop at once.
    case workshop(period: String)

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<TriageRoute>] = [
        RouteForm("/programs/{period}/proposals", .period, build: { .queue(period: $0) }, read: { if case .queue(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/proposals/workshop", .period, build: { .workshop(period: $0) }, read: { if case .workshop(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/proposals/{id}", .period, .id, build: { .proposal(period: $0, id: $1) },
                  read: { if case .proposal(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/proposals/{id}/status", .period, .id, build: { .status(period: $0, id: $1) },
                  read: { if case .status(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/proposals/{id}/merge", .period, .id, build: { .merge(period: $0, id: $1) },
                  read: { if case .merge(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/proposals/{id}/hide", .period, .id, build: { .hide(period: $0, id: $1) },
                  read: { if case .hide(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/proposals/{id}/unhide", .period, .id, build: { .unhide(period: $0, id: $1) },
                  read: { if case .unhide(let p, let id) = $0 { (p, id) } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .queue, .proposal: return [.get, .head]
        case .workshop: return [.get, .head, .post]
        case .status, .merge, .hide, .unhide: return [.post]
        }
    }

    var requirement: AdminRequirement {
        switch self {
        case .unhide: return .admin
        // Focal points record the workshops' paper proposals too (shared/domain.md, "The people").
        case .workshop: return .roles([.committee, .focalPoint])
        default: return .roles([.committee])
        }
    }

    /// The program period every triage page belongs to.
    var period: String {
        switch self {
        case .queue(let p), .workshop(let p), .proposal(let p, _), .status(let p, _), .merge(let p, _), .hide(let p, _), .unhide(let p, _):
            return p
        }
    }

}
