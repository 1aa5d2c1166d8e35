import HTTP

/// The pages that keep a program's details besides its matrix — committee, milestones,
/// events and their figures, the shared partners — and the matrix CSV import
/// (`/admin/{lang}/communes/{slug}/programs/{period}/…`). Every one is a focal point's page.
public enum DetailsRoute: AdminAreaRoute {
    /// `programs/{period}/committee`: the follow-up committee's decision (POST saves it) and its members.
    case committee(period: String)
    /// `programs/{period}/committee/members` (POST): adds a member.
    case committeeMembers(period: String)
    /// `programs/{period}/committee/members/{id}`: one member's form.
    case committeeMember(period: String, id: Int)
    /// `programs/{period}/committee/members/{id}/move` (POST, `direction=up|down`).
    case moveCommitteeMember(period: String, id: Int)
    /// `programs/{period}/committee/members/{id}/delete` (POST).
    case deleteCommitteeMember(period: String, id: Int)
    /// `programs/{period}/milestones`: the dated timeline (POST adds a step).
    case milestones(period: String)
    /// `programs/{period}/milestones/{id}`: one step's form.
    case milestone(period: String, id: Int)
    /// `programs/{period}/milestones/{id}/delete` (POST).
    case deleteMilestone(period: String, id: Int)
    /// `programs/{period}/events`: the meetings, workshops and platform windows with their figures.
    case events(period: String)
    /// `programs/{period}/events/new`: a new event's form.
    case newEvent(period: String)
    /// `programs/{period}/events/{id}`: one event, its figures, counts and agenda.
    case event(period: String, id: Int)
    /// `programs/{period}/events/{id}/delete` (POST).
    case deleteEvent(period: String, id: Int)
    /// `programs/{period}/partners`: the network's shared partners list (POST adds one).
    case partners(period: String)
    /// `programs/{period}/partners/{id}`: one partner's names.
    case partner(period: String, id: Int)
    /// `programs/{period}/partners/{id}/delete` (POST): refused while a project or activity names it.
    case deletePartner(period: String, id: Int)
    /// `programs/{period}/import`: the matrix from a CSV file (preview, then apply).
    case importMatrix(period: String)

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]) else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(2))
        func id(_ text: String) -> Int? {
            guard let value = Int(text), value > 0, String(value) == text else { return nil }
            return value
        }
        switch rest {
        case ["committee"]: self = .committee(period: period)
        case ["committee", "members"]: self = .committeeMembers(period: period)
        case let r where r.count == 3 && r[0] == "committee" && r[1] == "members":
            guard let id = id(r[2]) else { return nil }
            self = .committeeMember(period: period, id: id)
        case let r where r.count == 4 && r[0] == "committee" && r[1] == "members" && (r[3] == "move" || r[3] == "delete"):
            guard let id = id(r[2]) else { return nil }
            self = r[3] == "move" ? .moveCommitteeMember(period: period, id: id) : .deleteCommitteeMember(period: period, id: id)
        case ["milestones"]: self = .milestones(period: period)
        case ["events"]: self = .events(period: period)
        case ["events", "new"]: self = .newEvent(period: period)
        case ["partners"]: self = .partners(period: period)
        case ["import"]: self = .importMatrix(period: period)
        case let r where (r.count == 2 || (r.count == 3 && r[2] == "delete")) && ["milestones", "events", "partners"].contains(r[0]):
            guard let id = id(r[1]) else { return nil }
            let delete = r.count == 3
            switch r[0] {
            case "milestones": self = delete ? .deleteMilestone(period: period, id: id) : .milestone(period: period, id: id)
            case "events": self = delete ? .deleteEvent(period: period, id: id) : .event(period: period, id: id)
            default: self = delete ? .deletePartner(period: period, id: id) : .partner(period: period, id: id)
            }
        default: return nil
        }
    }

    public var tail: [String] {
        let base = ["programs", period]
        switch self {
        case .committee: return base + ["committee"]
        case .committeeMembers: return base + ["committee", "members"]
        case .committeeMember(_, let id): return base + ["committee", "members", String(id)]
        case .moveCommitteeMember(_, let id): return base + ["committee", "members", String(id), "move"]
        case .deleteCommitteeMember(_, let id): return base + ["committee", "members", String(id), "delete"]
        case .milestones: return base + ["milestones"]
        case .milestone(_, let id): return base + ["milestones", String(id)]
        case .deleteMilestone(_, let id): return base + ["milestones", String(id), "delete"]
        case .events: return base + ["events"]
        case .newEvent: return base + ["events", "new"]
        case .event(_, let id): return base + ["events", String(id)]
        case .deleteEvent(_, let id): return base + ["events", String(id), "delete"]
        case .partners: return base + ["partners"]
        case .partner(_, let id): return base + ["partners", String(id)]
        case .deletePartner(_, let id): return base + ["partners", String(id), "delete"]
        case .importMatrix: return base + ["import"]
        }
    }

    /// The program's period, which every details page is about.
    public var period: String {
        switch self {
        case .committee(let p), .committeeMembers(let p), .committeeMember(let p, _), .moveCommitteeMember(let p, _),
             .deleteCommitteeMember(let p, _), .milestones(let p), .milestone(let p, _), .deleteMilestone(let p, _),
             .events(let p), .newEvent(let p), .event(let p, _), .deleteEvent(let p, _), .partners(let p),
             .partner(let p, _), .deletePartner(let p, _), .importMatrix(let p):
            return p
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .committeeMembers, .moveCommitteeMember, .deleteCommitteeMember, .deleteMilestone, .deleteEvent, .deletePartner:
            return [.post]
        case .events:
            return [.get, .head]
        default:
            return [.get, .head, .post]
        }
    }

    public var requirement: AdminRequirement { .roles([.focalPoint]) }
}
