import HTTP

/// The council's review of a draft version: comments per project and the printable packet
/// (`/admin/{lang}/communes/{slug}/programs/{period}/review…`). Everyone who reviews reads the
/// same pages; who may write what is said per case: council and committee members comment,
/// the focal point and the committee say how a comment was addressed.
public enum ReviewRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "review" else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(3))
        if rest.isEmpty { self = .review(period: period); return }
        guard let number = Self.number(rest[0]) else { return nil }
        switch Array(rest.dropFirst()) {
        case []: self = .reviewVersion(period: period, number: number)
        case ["packet"]: self = .packet(period: period, number: number)
        case ["comments"]: self = .comment(period: period, number: number)
        case let t where t.count == 3 && t[0] == "comments" && t[2] == "address":
            guard let id = Self.number(t[1]) else { return nil }
            self = .addressComment(period: period, number: number, id: id)
        case let t where t.count == 3 && t[0] == "comments" && t[2] == "reopen":
            guard let id = Self.number(t[1]) else { return nil }
            self = .reopenComment(period: period, number: number, id: id)
        default: return nil
        }
    }

    public var tail: [String] {
        let base = ["programs", period, "review"]
        switch self {
        case .review: return base
        case .reviewVersion(_, let number): return base + [String(number)]
        case .packet(_, let number): return base + [String(number), "packet"]
        case .comment(_, let number): return base + [String(number), "comments"]
        case .addressComment(_, let number, let id): return base + [String(number), "comments", String(id), "address"]
        case .reopenComment(_, let number, let id): return base + [String(number), "comments", String(id), "reopen"]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .review, .reviewVersion, .packet: return [.get, .head]
        case .comment, .addressComment, .reopenComment: return [.post]
        }
    }

    public var requirement: AdminRequirement {
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

    /// Digits only, no sign or leading zero, so one version or comment has one URL.
    private static func number(_ text: String) -> Int? {
        guard let first = text.first, first != "0", text.count <= 12, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }
}
