import HTTP

/// The proposal triage pages of one commune's program (`/admin/{lang}/communes/{slug}/programs/{period}/proposals…`):
/// the committee's queue, one proposal with its actions, and the entry of a workshop's paper
/// proposals. Every case is for committee members of the commune (administrators pass too),
/// the workshop entry for focal points as well; putting a hidden proposal back is for
/// administrators only, since only they can see it.
public enum TriageRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "proposals" else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(3))
        switch rest {
        case []: self = .queue(period: period)
        case ["workshop"]: self = .workshop(period: period)
        default:
            guard rest.count <= 2, let id = Self.number(rest[0]) else { return nil }
            switch rest.count == 1 ? "" : rest[1] {
            case "": self = .proposal(period: period, id: id)
            case "status": self = .status(period: period, id: id)
            case "merge": self = .merge(period: period, id: id)
            case "hide": self = .hide(period: period, id: id)
            case "unhide": self = .unhide(period: period, id: id)
            default: return nil
            }
        }
    }

    public var tail: [String] {
        switch self {
        case .queue(let period): return ["programs", period, "proposals"]
        case .workshop(let period): return ["programs", period, "proposals", "workshop"]
        case .proposal(let period, let id): return ["programs", period, "proposals", String(id)]
        case .status(let period, let id): return ["programs", period, "proposals", String(id), "status"]
        case .merge(let period, let id): return ["programs", period, "proposals", String(id), "merge"]
        case .hide(let period, let id): return ["programs", period, "proposals", String(id), "hide"]
        case .unhide(let period, let id): return ["programs", period, "proposals", String(id), "unhide"]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .queue, .proposal: return [.get, .head]
        case .workshop: return [.get, .head, .post]
        case .status, .merge, .hide, .unhide: return [.post]
        }
    }

    public var requirement: AdminRequirement {
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

    /// Digits only, no sign or leading zero, so one proposal has one URL.
    private static func number(_ text: String) -> Int? {
        guard let first = text.first, first != "0", text.count <= 12, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }
}
