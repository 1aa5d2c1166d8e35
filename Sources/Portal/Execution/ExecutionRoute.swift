import HTTP

/// The admin pages of a program's execution (issue 13): the activities' progress and the
/// indicators' plans and measured values (`/admin/{lang}/communes/{slug}/programs/{period}/execution…`).
/// Focal points of the commune record; committee and council members read the same pages
/// without the forms (they follow the execution, the committee's mandate says, and the council
/// answers for it), so the reading pages and the writing POSTs are separate routes.
enum ExecutionRoute: AdminAreaRoute {
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

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<ExecutionRoute>] = [
        RouteForm("/programs/{period}/execution", .period, build: { .overview(period: $0) }, read: { if case .overview(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/execution/import", .period, build: { .importExecution(period: $0) }, read: { if case .importExecution(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/execution/activities/{id}", .period, .id, build: { .activity(period: $0, id: $1) },
                  read: { if case .activity(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/activities/{id}/progress", .period, .id, build: { .progress(period: $0, id: $1) },
                  read: { if case .progress(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/indicators/{id}", .period, .id, build: { .indicator(period: $0, id: $1) },
                  read: { if case .indicator(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/indicators/{id}/plan", .period, .id, build: { .plan(period: $0, id: $1) },
                  read: { if case .plan(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/indicators/{id}/values", .period, .id, build: { .measure(period: $0, id: $1) },
                  read: { if case .measure(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/evidence/{id}", .period, .id, build: { .evidence(period: $0, id: $1) },
                  read: { if case .evidence(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/evidence/{id}/visibility", .period, .id, build: { .evidenceVisibility(period: $0, id: $1) },
                  read: { if case .evidenceVisibility(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/progress/{id}/evidence", .period, .id, build: { .progressEvidence(period: $0, id: $1) },
                  read: { if case .progressEvidence(let p, let id) = $0 { (p, id) } else { nil } }),
        RouteForm("/programs/{period}/execution/values/{id}/evidence", .period, .id, build: { .valueEvidence(period: $0, id: $1) },
                  read: { if case .valueEvidence(let p, let id) = $0 { (p, id) } else { nil } }),
    ]

    var period: String {
        switch self {
        case .overview(let p), .importExecution(let p), .activity(let p, _), .progress(let p, _), .indicator(let p, _),
             .plan(let p, _), .measure(let p, _), .evidence(let p, _), .evidenceVisibility(let p, _), .progressEvidence(let p, _),
             .valueEvidence(let p, _): return p
        }
    }

    var methods: [HTTPMethod] {
        switch self {
        case .overview, .activity, .indicator, .evidence: return [.get, .head]
        case .progress, .plan, .measure, .evidenceVisibility, .progressEvidence, .valueEvidence: return [.post]
        case .importExecution: return [.get, .head, .post]
        }
    }

    /// Who reads and who records.
    static let readers: Set<Role> = [.focalPoint, .committee, .council]
    static let recorders: Set<Role> = [.focalPoint]

    var requirement: AdminRequirement {
        switch self {
        case .overview, .activity, .indicator, .evidence: return .roles(Self.readers)
        case .progress, .plan, .measure, .importExecution, .evidenceVisibility, .progressEvidence, .valueEvidence:
            return .roles(Self.recorders)
        }
    }

    /// The forms that carry an evidence file: only these take a body past the server's usual
    /// limit (see `AdminRoute.uploadLimit`).
    var takesEvidence: Bool {
        switch self {
        case .progress, .measure, .progressEvidence, .valueEvidence: return true
        default: return false
        }
    }
}
