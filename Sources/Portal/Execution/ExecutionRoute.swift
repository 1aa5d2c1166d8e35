import HTTP

/// The admin pages of a program's execution (issue 13): the activities' progress and the
/// indicators' plans and measured values (`/admin/{lang}/communes/{slug}/programs/{period}/execution…`).
/// Focal points of the commune record; committee and council members read the same pages
/// without the forms (they follow the execution, the committee's mandate says, and the council
/// answers for it), so the reading pages and the writing POSTs are separate routes.
public enum ExecutionRoute: AdminAreaRoute {
    /// `programs/{period}/execution`: every activity's state and every indicator, with the rules in force.
    case overview(period: String)
    /// `programs/{period}/execution/activities/{id}`: one activity, its history, and (focal points) the progress form.
    case activity(period: String, id: Int)
    /// `programs/{period}/execution/activities/{id}/progress` (POST): a new progress entry.
    case progress(period: String, id: Int)
    /// `programs/{period}/execution/indicators/{id}`: one indicator, its plan and measured values, and the forms.
    case indicator(period: String, id: Int)
    /// `programs/{period}/execution/indicators/{id}/plan` (POST): unit, baseline and target.
    case plan(period: String, id: Int)
    /// `programs/{period}/execution/indicators/{id}/values` (POST): a new measured value.
    case measure(period: String, id: Int)
    /// `programs/{period}/execution/import`: the execution CSV (preview, then apply).
    case importExecution(period: String)
    /// `programs/{period}/execution/evidence/{id}`: an evidence file, public or internal, for the commune's staff.
    case evidence(period: String, id: Int)
    /// `programs/{period}/execution/evidence/{id}/visibility` (POST): make an evidence file public or internal.
    case evidenceVisibility(period: String, id: Int)
    /// `programs/{period}/execution/progress/{id}/evidence` (POST): a file added to an existing progress entry.
    case progressEvidence(period: String, id: Int)
    /// `programs/{period}/execution/values/{id}/evidence` (POST): a file added to an existing measured value.
    case valueEvidence(period: String, id: Int)

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "execution" else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(3))
        switch rest {
        case []: self = .overview(period: period)
        case ["import"]: self = .importExecution(period: period)
        case let r where (r.count == 2 || r.count == 3) && ["activities", "indicators", "evidence", "progress", "values"].contains(r[0]):
            guard let id = Int(r[1]), id > 0, String(id) == r[1] else { return nil }
            switch (r[0], r.count == 3 ? r[2] : "") {
            case ("activities", ""): self = .activity(period: period, id: id)
            case ("activities", "progress"): self = .progress(period: period, id: id)
            case ("indicators", ""): self = .indicator(period: period, id: id)
            case ("indicators", "plan"): self = .plan(period: period, id: id)
            case ("indicators", "values"): self = .measure(period: period, id: id)
            case ("evidence", ""): self = .evidence(period: period, id: id)
            case ("evidence", "visibility"): self = .evidenceVisibility(period: period, id: id)
            case ("progress", "evidence"): self = .progressEvidence(period: period, id: id)
            case ("values", "evidence"): self = .valueEvidence(period: period, id: id)
            default: return nil
            }
        default: return nil
        }
    }

    public var tail: [String] {
        let base = ["programs", period, "execution"]
        switch self {
        case .overview: return base
        case .importExecution: return base + ["import"]
        case .activity(_, let id): return base + ["activities", String(id)]
        case .progress(_, let id): return base + ["activities", String(id), "progress"]
        case .indicator(_, let id): return base + ["indicators", String(id)]
        case .plan(_, let id): return base + ["indicators", String(id), "plan"]
        case .measure(_, let id): return base + ["indicators", String(id), "values"]
        case .evidence(_, let id): return base + ["evidence", String(id)]
        case .evidenceVisibility(_, let id): return base + ["evidence", String(id), "visibility"]
        case .progressEvidence(_, let id): return base + ["progress", String(id), "evidence"]
        case .valueEvidence(_, let id): return base + ["values", String(id), "evidence"]
        }
    }

    public var period: String {
        switch self {
        case .overview(let p), .importExecution(let p), .activity(let p, _), .progress(let p, _), .indicator(let p, _),
             .plan(let p, _), .measure(let p, _), .evidence(let p, _), .evidenceVisibility(let p, _), .progressEvidence(let p, _),
             .valueEvidence(let p, _): return p
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .overview, .activity, .indicator, .evidence: return [.get, .head]
        case .progress, .plan, .measure, .evidenceVisibility, .progressEvidence, .valueEvidence: return [.post]
        case .importExecution: return [.get, .head, .post]
        }
    }

    /// Who reads and who records.
    public static let readers: Set<Role> = [.focalPoint, .committee, .council]
    public static let recorders: Set<Role> = [.focalPoint]

    public var requirement: AdminRequirement {
        switch self {
        case .overview, .activity, .indicator, .evidence: return .roles(Self.readers)
        case .progress, .plan, .measure, .importExecution, .evidenceVisibility, .progressEvidence, .valueEvidence:
            return .roles(Self.recorders)
        }
    }

    /// The forms that carry an evidence file: only these take a body past the server's usual
    /// limit (see `AdminRoute.uploadLimit`).
    public var takesEvidence: Bool {
        switch self {
        case .progress, .measure, .progressEvidence, .valueEvidence: return true
        default: return false
        }
    }
}
