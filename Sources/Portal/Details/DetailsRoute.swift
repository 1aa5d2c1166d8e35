import HTTP

/// The pages that keep a program's details besides its matrix — committee, milestones,
/// events and their figures, the shared partners — and the matrix CSV import
/// (`/admin/{lang}/communes/{slug}/programs/{period}/…`). Every one is a focal point's page.
enum DetailsRoute: AdminAreaRoute {
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

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<DetailsRoute>] = [
        RouteForm("/programs/{period}/committee", .period, build: { .committee(period: $0) }, read: { if case .committee(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/committee/members", .period, build: { .committeeMembers(period: $0) }, read: { if case .committeeMembers(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/committee/members/{id}", .period, .id, build: { .committeeMember(period: $0, id: $1) },
                  read: { if case .committeeMember(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/committee/members/{id}/move", .period, .id, build: { .moveCommitteeMember(period: $0, id: $1) },
                  read: { if case .moveCommitteeMember(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/committee/members/{id}/delete", .period, .id, build: { .deleteCommitteeMember(period: $0, id: $1) },
                  read: { if case .deleteCommitteeMember(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/milestones", .period, build: { .milestones(period: $0) }, read: { if case .milestones(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/milestones/{id}", .period, .id, build: { .milestone(period: $0, id: $1) },
                  read: { if case .milestone(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/milestones/{id}/delete", .period, .id, build: { .deleteMilestone(period: $0, id: $1) },
                  read: { if case .deleteMilestone(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/events", .period, build: { .events(period: $0) }, read: { if case .events(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/events/new", .period, build: { .newEvent(period: $0) }, read: { if case .newEvent(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/events/{id}", .period, .id, build: { .event(period: $0, id: $1) },
                  read: { if case .event(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/events/{id}/delete", .period, .id, build: { .deleteEvent(period: $0, id: $1) },
                  read: { if case .deleteEvent(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/partners", .period, build: { .partners(period: $0) }, read: { if case .partners(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/partners/{id}", .period, .id, build: { .partner(period: $0, id: $1) },
                  read: { if case .partner(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/partners/{id}/delete", .period, .id, build: { .deletePartner(period: $0, id: $1) },
                  read: { if case .deletePartner(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/import", .period, build: { .importMatrix(period: $0) }, read: { if case .importMatrix(let p) = $0 { p } else { nil } }),
    ]

    /// The program's period, which every details page is about.
    var period: String {
        switch self {
        case .committee(let p), .committeeMembers(let p), .committeeMember(let p, _), .moveCommitteeMember(let p, _),
             .deleteCommitteeMember(let p, _), .milestones(let p), .milestone(let p, _), .deleteMilestone(let p, _),
             .events(let p), .newEvent(let p), .event(let p, _), .deleteEvent(let p, _), .partners(let p),
             .partner(let p, _), .deletePartner(let p, _), .importMatrix(let p):
            return p
        }
    }

    var methods: [HTTPMethod] {
        switch self {
        case .committeeMembers, .moveCommitteeMember, .deleteCommitteeMember, .deleteMilestone, .deleteEvent, .deletePartner:
            return [.post]
        case .events:
            return [.get, .head]
        default:
            return [.get, .head, .post]
        }
    }

    var requirement: AdminRequirement { .roles([.focalPoint]) }
}
