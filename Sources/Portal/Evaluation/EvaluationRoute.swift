import HTTP

/// The admin pages of a program's annual evaluations (issue 13): the list of its years, one
/// year's page (the generated figures and the written parts), saving the draft and publishing it
/// (`/admin/{lang}/communes/{slug}/programs/{period}/evaluations…`). The committee and the focal
/// point write and publish (the committee's mandate covers the evaluation, the focal point keeps
/// the program); council members read.
public enum EvaluationRoute: AdminAreaRoute {
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

    public init?(tail: [String]) {
        guard tail.count >= 3, tail[0] == "programs", SiteRoute.isPeriod(tail[1]), tail[2] == "evaluations" else { return nil }
        let period = tail[1]
        let rest = Array(tail.dropFirst(3))
        if rest.isEmpty { self = .list(period: period); return }
        guard rest.count <= 2, let year = Int(rest[0]), String(year) == rest[0], (2000...2100).contains(year) else { return nil }
        switch rest.count == 2 ? rest[1] : "" {
        case "": self = .year(period: period, year: year)
        case "save": self = .save(period: period, year: year)
        case "publish": self = .publish(period: period, year: year)
        case "delete": self = .delete(period: period, year: year)
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .list(let period): return ["programs", period, "evaluations"]
        case .year(let period, let year): return ["programs", period, "evaluations", String(year)]
        case .save(let period, let year): return ["programs", period, "evaluations", String(year), "save"]
        case .publish(let period, let year): return ["programs", period, "evaluations", String(year), "publish"]
        case .delete(let period, let year): return ["programs", period, "evaluations", String(year), "delete"]
        }
    }

    public var period: String {
        switch self {
        case .list(let p), .year(let p, _), .save(let p, _), .publish(let p, _), .delete(let p, _): return p
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .list, .year: return [.get, .head]
        case .save, .publish, .delete: return [.post]
        }
    }

    /// Who reads and who writes.
    public static let readers: Set<Role> = [.focalPoint, .committee, .council]
    public static let writers: Set<Role> = [.focalPoint, .committee]

    public var requirement: AdminRequirement {
        switch self {
        case .list, .year: return .roles(Self.readers)
        case .save, .publish, .delete: return .roles(Self.writers)
        }
    }
}
