import HTTP

/// The program editor's pages inside one commune (`/admin/{lang}/communes/{slug}/…`): the
/// commune's programs, one program's overview and matrix, and the forms of its axes, projects
/// and activities. Every page that changes something is for focal points only; the list of
/// the commune's programs is also open to the committee and the council, who read them.
public enum EditorRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        func id(_ text: String) -> Int? {
            guard text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text), n > 0 else { return nil }
            return n
        }
        guard !tail.isEmpty else { self = .commune; return }
        guard tail.count >= 2, tail[0] == "programs" else { return nil }
        if tail == ["programs", "new"] { self = .newProgram; return }
        let period = tail[1]
        guard SiteRoute.isPeriod(period) else { return nil }
        let rest = Array(tail.dropFirst(2))
        switch rest {
        case []: self = .program(period: period)
        case ["matrix"]: self = .matrix(period: period)
        case let r where r.count == 2 && r[1] == "new" && r[0] != EditorItem.activity.rawValue:
            guard let item = EditorItem(rawValue: r[0]) else { return nil }
            self = .new(period: period, item)
        case let r where r.count == 4 && r[0] == EditorItem.project.rawValue && r[2] == "activities" && r[3] == "new":
            guard let project = id(r[1]) else { return nil }
            self = .newActivity(period: period, project: project)
        case let r where r.count == 2 || r.count == 3:
            guard let item = EditorItem(rawValue: r[0]), let n = id(r[1]) else { return nil }
            switch r.count == 2 ? "" : r[2] {
            case "": self = .edit(period: period, item, id: n)
            case "remove": self = .remove(period: period, item, id: n)
            case "move": self = .move(period: period, item, id: n)
            default: return nil
            }
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .commune: return []
        case .newProgram: return ["programs", "new"]
        case .program(let period): return ["programs", period]
        case .matrix(let period): return ["programs", period, "matrix"]
        case .new(let period, let item): return ["programs", period, item.rawValue, "new"]
        case .newActivity(let period, let project): return ["programs", period, EditorItem.project.rawValue, String(project), "activities", "new"]
        case .edit(let period, let item, let id): return ["programs", period, item.rawValue, String(id)]
        case .remove(let period, let item, let id): return ["programs", period, item.rawValue, String(id), "remove"]
        case .move(let period, let item, let id): return ["programs", period, item.rawValue, String(id), "move"]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .commune: return [.get, .head]
        case .newProgram, .program, .new, .newActivity, .edit: return [.get, .head, .post]
        // Changes only; a GET of these would be a link that removes something.
        case .matrix, .remove, .move: return [.post]
        }
    }

    public var requirement: AdminRequirement {
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
public enum EditorItem: String, Sendable {
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
