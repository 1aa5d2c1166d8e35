import HTTP

/// The council's review of a draft version: comments per project and the printable packet
/// (`/admin/{lang}/communes/{slug}/programs/{period}/review…`). Everyone who reviews reads the
/// same pages; who may write what is said per case: council and committee members comment,
/// the focal point and the committee say how a comment was addressed.
enum ReviewRoute: AdminAreaRoute {
    /// `programs/{period}/review`: the review page of the latest version.
    case review(period: String)
    /// `programs/{period}/review/{n}`: the review page of version `n`.
    case reviewVersion(period: String, number: Int)
    /// `programs/{period}/review/{n}/packet`: the printable A4 packet of version `n`.
    case packet(period: String, number: Int)
    /// `programs/{period}/review/{n}/comments` (POST): a comment on a project of version `n`, or on the whole program.
    case comment(period: String, number: Int)
    /// `programs/{period}/review/{n}/comments/{id}/address` (POST): the comment was addressed in a later version.
    case addressComment(period: String, number: Int, id: Int)
    /// `programs/{period}/review/{n}/comments/{id}/reopen` (POST): the comment is open again.
    case reopenComment(period: String, number: Int, id: Int)

    /// After `/admin/{lang}/communes/{slug}`.
    static let forms: [RouteForm<ReviewRoute>] = [
        RouteForm("/programs/{period}/review", .period, build: { .review(period: $0) }, read: { if case .review(let p) = $0 { p } else { nil } }),
        RouteForm("/programs/{period}/review/{n}", .period, .number, build: { .reviewVersion(period: $0, number: $1) },
                  read: { if case .reviewVersion(let p, let n) = $0 { (p, n) } else { nil } }),
        RouteForm("/programs/{period}/review/{n}/packet", .period, .number, build: { .packet(period: $0, number: $1) },
                  read: { if case .packet(let p, let n) = $0 { (p, n) } else { nil } }),
        RouteForm("/programs/{period}/review/{n}/comments", .period, .number, build: { .comment(period: $0, number: $1) },
                  read: { if case .comment(let p, let n) = $0 { (p, n) } else { nil } }),
        RouteForm("/programs/{period}/review/{n}/comments/{id}/address", .period, .number, .id, build: { .addressComment(period: $0, number: $1, id: $2) },
                  read: { if case .addressComment(let p, let n, let id) = $0 { (p, n, id) } else { nil } }),
        RouteForm("/programs/{period}/review/{n}/comments/{id}/reopen", .period, .number, .id, build: { .reopenComment(period: $0, number: $1, id: $2) },
                  read: { if case .reopenComment(let p, let n, let id) = $0 { (p, n, id) } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .review, .reviewVersion, .packet: return [.get, .head]
        case .comment, .addressComment, .reopenComment: return [.post]
        }
    }

    var requirement: AdminRequirement {
        switch self {
        case .review, .reviewVersion, .packet: return .roles([.focalPoint, .committee, .council])
        // The council reviews; the committee prepares the program and reviews it too (issue 6).
        case .comment: return .roles([.council, .committee])
        // Those who change the program say how a remark was taken into account.
        case .addressComment, .reopenComment: return .roles([.focalPoint, .committee])
        }
    }

    /// The program period every review page belongs to.
    var period: String {
        switch self {
        case .review(let p), .reviewVersion(let p, _), .packet(let p, _), .comment(let p, _),
             .addressComment(let p, _, _), .reopenComment(let p, _, _):
            return p
        }
    }

}
