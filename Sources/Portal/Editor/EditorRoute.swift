import HTTP

/// The program editor's pages inside one commune (`/admin/{lang}/communes/{slug}/…`): the
/// commune's programs, one program's overview and matrix, and the forms of its axes, projects
/// and activities. Every page that changes something is for focal points only; the list of
/// the commune's programs is also open to the committee and the council, who read them.
enum EditorRoute: AdminAreaRoute {
    /// `communes/{slug}`: the commune's programs.
    case commune
    /// `communes/{slug}/programs/new`: a program for a new period (the form is on the commune page too).
    case newProgram
    /// `communes/{slug}/programs/{period}`: one program's overview form and its matrix.
    case program(period: String)
    /// `programs/{period}/matrix` (POST): the whole matrix table, saved at once.
    case matrix(period: String)
    /// `programs/{period}/axes/new`, `programs/{period}/projects/new`.
    case new(period: String, EditorItem)
    /// `programs/{period}/projects/{id}/activities/new`.
    case newActivity(period: String, project: Int)
    /// `programs/{period}/{axes|projects|activities}/{id}`: one thing's own form.
    case edit(period: String, EditorItem, id: Int)
    /// `…/{id}/remove` (POST).
    case remove(period: String, EditorItem, id: Int)
    /// `…/{id}/move` (POST, `direction` up or down): one place earlier or later among its siblings.
    case move(period: String, EditorItem, id: Int)

    /// After `/admin/{lang}/communes/{slug}`. Activities are added under their project, so
    /// `activities/new` is no page (its builder refuses it; it still prints, like any value).
    static let forms: [RouteForm<EditorRoute>] = [
        RouteForm("", .commune),
        RouteForm("/programs/new", .newProgram),
        RouteForm("/programs/{period}", .period, build: { .program(period: $0) }, read: { if case .program(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/matrix", .period, build: { .matrix(period: $0) }, read: { if case .matrix(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/{item}/new", .period, .item, build: { $1 == .activity ? nil : .new(period: $0, $1) },
                  read: { if case .new(let p, let item) = $0 { (p, item) } else { nil } }),
        RouteForm("/programs/{period}/projects/{id}/activities/new", .period, .id, build: { .newActivity(period: $0, project: $1) },
                  read: { if case .newActivity(let p, let project) = $0 { (p, project) } else { nil } }),
        RouteForm("/programs/{period}/{item}/{id}", .period, .item, .id, build: { .edit(period: $0, $1, id: $2) },
                  read: { if case .edit(let p, let item, let id) = $0 { (p, item, id) } else { nil } }),
        RouteForm("/programs/{period}/{item}/{id}/remove", .period, .item, .id, build: { .remove(period: $0, $1, id: $2) },
                  read: { if case .remove(let p, let item, let id) = $0 { (p, item, id) } else { nil } }),
        RouteForm("/programs/{period}/{item}/{id}/move", .period, .item, .id, build: { .move(period: $0, $1, id: $2) },
                  read: { if case .move(let p, let item, let id) = $0 { (p, item, id) } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .commune: return [.get, .head]
        case .newProgram, .program, .new, .newActivity, .edit: return [.get, .head, .post]
        // Changes only; a GET of these would be a link that removes something.
        case .matrix, .remove, .move: return [.post]
        }
    }

    var requirement: AdminRequirement {
        switch self {
        case .commune: return .roles([.focalPoint, .committee, .council])
        default: return .roles([.focalPoint])
        }
    }

    /// The program a route is about, if any.
    var period: String? {
        switch self {
        case .commune, .newProgram: return nil
        case .program(let period), .matrix(let period), .new(let period, _), .newActivity(let period, _),
             .edit(let period, _, _), .remove(let period, _, _), .move(let period, _, _): return period
        }
    }
}

/// The numbered things of a program the editor changes one by one; the raw value is the path segment.
enum EditorItem: String, CaseIterable, Sendable {
    case axis = "axes"
    case project = "projects"
    case activity = "activities"

    /// The audit log's entity name.
    var entity: String {
        switch self {
        case .axis: return "axis"
        case .project: return "project"
        case .activity: return "activity"
        }
    }
}

extension Capture where Value == EditorItem {
    static var item: Capture { .word("item") }
}
