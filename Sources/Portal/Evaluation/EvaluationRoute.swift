import HTTP

/// The admin pages of a program's annual evaluations (issue 13): the list of its years, one
/// year's page (the generated figures and the written parts), saving the draft and publishing it
/// (`/admin/{lang}/communes/{slug}/programs/{period}/evaluations…`). The committee and the focal
/// point write and publish (the committee's mandate covers the evaluation, the focal point keeps
/// the program); council members read.
enum EvaluationRoute: AdminAreaRoute {
    /// `programs/{period}/evaluations`: one line per year of the period, written or not.
    case list(period: String)
    /// `programs/{period}/evaluations/{year}`: the year's figures and written parts (a form while a draft).
    case year(period: String, year: Int)
    /// `programs/{period}/evaluations/{year}/save` (POST): the written parts of the draft.
    case save(period: String, year: Int)
    /// `programs/{period}/evaluations/{year}/publish` (POST): freezes the figures and publishes.
    case publish(period: String, year: Int)
    /// `programs/{period}/evaluations/{year}/delete` (POST): deletes the year's draft (a published one is frozen).
    case delete(period: String, year: Int)

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<EvaluationRoute>] = [
        RouteForm("/programs/{period}/evaluations", .period, build: { .list(period: $0) }, read: { if case .list(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/evaluations/{year}", .period, .year, build: { .year(period: $0, year: $1) },
                  read: { if case .year(let p, let year) = $0 { (p, year) } else { nil } }),
        RouteForm("/programs/{period}/evaluations/{year}/save", .period, .year, build: { .save(period: $0, year: $1) },
                  read: { if case .save(let p, let year) = $0 { (p, year) } else { nil } }),
        RouteForm("/programs/{period}/evaluations/{year}/publish", .period, .year, build: { .publish(period: $0, year: $1) },
                  read: { if case .publish(let p, let year) = $0 { (p, year) } else { nil } }),
        RouteForm("/programs/{period}/evaluations/{year}/delete", .period, .year, build: { .delete(period: $0, year: $1) },
                  read: { if case .delete(let p, let year) = $0 { (p, year) } else { nil } }),
    ]

    var period: String {
        switch self {
        case .list(let p), .year(let p, _), .save(let p, _), .publish(let p, _), .delete(let p, _): return p
        }
    }

    var methods: [HTTPMethod] {
        switch self {
        case .list, .year: return [.get, .head]
        case .save, .publish, .delete: return [.post]
        }
    }

    /// Who reads and who writes.
    static let readers: Set<Role> = [.focalPoint, .committee, .council]
    static let writers: Set<Role> = [.focalPoint, .committee]

    var requirement: AdminRequirement {
        switch self {
        case .list, .year: return .roles(Self.readers)
        case .save, .publish, .delete: return .roles(Self.writers)
        }
    }
}
