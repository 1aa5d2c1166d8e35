import Foundation
import HTTP
import Templates

/// Every page of the portal, as one value. The same enum parses a request path and prints
/// the path for a link, so a link can never drift from the route that answers it.
public enum SiteRoute: Equatable, Sendable {
    /// `/`: sends the visitor to their language's home.
    case root
    /// `/{lang}/`: the network, its principles and goals, and the communes.
    case home(Language)
    /// `/{lang}/network`: the charter (values, commitments) and the members.
    case network(Language)
    /// `/{lang}/data`: every program's open-data downloads.
    case data(Language)
    /// `/{lang}/data/network/{kind}.csv|json`: one kind of the whole network's open data, streamed.
    case networkData(Language, NetworkExport.Kind, json: Bool)
    /// `/{lang}/calls?page=N`: every open and upcoming call of the network.
    case calls(Language)
    /// `/{lang}/search?q=…&commune=slug&page=N`: what the network's pages say about some words.
    case search(Language)
    /// `/{lang}/network/dashboard`: the whole network's figures.
    case dashboard(Language)
    /// `/{lang}/communes/{slug}`: the commune, its committee, its programs.
    case commune(Language, slug: String)
    /// `/{lang}/communes/{slug}/programs/{period}` and the pages under it.
    case program(Language, slug: String, period: String, ProgramPage)
    /// `/{lang}/proposals/{code}`: what became of a citizen's proposal (code as typed).
    case proposal(Language, code: String)
    /// `/{lang}/proposals/thanks`: a thank-you without a code (where the honeypot leads).
    case proposalThanks(Language)
    /// `/{lang}/proposals/{code}/feed.atom`: that proposal's status changes and answers (Atom).
    case proposalFeed(Language, code: String)
    /// `/{lang}/calendar.ics` (whole network) and `/{lang}/communes/{slug}/calendar.ics` (iCalendar).
    case calendar(Language, slug: String?)
    /// A citizen's own pages: finding a proposal by its code, erasing its personal data, the terms and privacy notice, the mail links.
    case citizen(Language, CitizenPage)
    /// `/evidence/{sha256}.{ext}`: a public evidence file of a program's execution (issue 13),
    /// by the SHA-256 of its bytes and the extension of its sniffed type; no language, it is a file.
    case evidence(sha256: String, ext: String)

    /// The pages of one program.
    public enum ProgramPage: Equatable, Sendable {
        case overview, matrix, participation
        case project(Int)
        case csv, json
        /// `proposals/new`: the proposal form (GET) and its submission (POST).
        case newProposal
        /// `projects/{n}/observations/new`: the observation card on a draft project (GET) and its submission (POST).
        case newObservation(Int)
        /// `proposals/new-project`: the "new openness project" card (GET) and its submission (POST).
        case newProject
        /// `proposals`: the program's proposals, filtered and paged by query parameters.
        case proposals
        /// `proposals.csv` and `proposals.json`: the proposals as open data, without personal data.
        case proposalsCSV, proposalsJSON
        /// `versions`: the program's public frozen versions.
        case versions
        /// `versions/compare?from=N&to=M`: what changed between two public versions.
        case compareVersions
        /// `versions/{n}.csv` and `versions/{n}.json`: one public version as open data.
        case versionCSV(Int), versionJSON(Int)
        /// `feed.atom`: calls opened and closed, steps, answers and public versions (Atom).
        case feed
        /// `execution`: how far the adopted program has come (issue 13).
        case execution
        /// `execution.csv` and `execution.json`: the activities' progress and the indicators' values as open data.
        case executionCSV, executionJSON
        /// `evaluations/{year}`: a published annual evaluation; `.csv`, `.json`: its figures.
        case evaluation(Int), evaluationCSV(Int), evaluationJSON(Int)
    }

    /// The route for a decoded path, or nil when no page lives there.
    public init?(segments: [String]) {
        guard let first = segments.first else { self = .root; return }
        if first == "evidence" {
            guard segments.count == 2, let (sha256, ext) = SiteRoute.evidenceName(segments[1]) else { return nil }
            self = .evidence(sha256: sha256, ext: ext)
            return
        }
        guard let language = Language(rawValue: first) else { return nil }
        let rest = Array(segments.dropFirst())
        if let page = CitizenPage(rest) { self = .citizen(language, page); return }
        switch rest.count {
        case 0: self = .home(language)
        case 1 where rest[0] == "network": self = .network(language)
        case 1 where rest[0] == "data": self = .data(language)
        case 3 where rest[0] == "data" && rest[1] == "network":
            let name = rest[2]
            let json = name.hasSuffix(".json")
            guard json || name.hasSuffix(".csv"), let kind = NetworkExport.Kind(rawValue: String(name.dropLast(json ? 5 : 4))) else { return nil }
            self = .networkData(language, kind, json: json)
        case 1 where rest[0] == "calls": self = .calls(language)
        case 1 where rest[0] == "search": self = .search(language)
        case 2 where rest[0] == "network" && rest[1] == "dashboard": self = .dashboard(language)
        case 1 where rest[0] == "calendar.ics": self = .calendar(language, slug: nil)
        case 3 where rest[0] == "communes" && rest[2] == "calendar.ics": self = .calendar(language, slug: rest[1])
        case 3 where rest[0] == "proposals" && rest[2] == "feed.atom": self = .proposalFeed(language, code: rest[1])
        case 2 where rest[0] == "communes": self = .commune(language, slug: rest[1])
        case 2 where rest[0] == "proposals" && rest[1] == "thanks": self = .proposalThanks(language)
        case 2 where rest[0] == "proposals": self = .proposal(language, code: rest[1])
        case 4... where rest[0] == "communes" && rest[2] == "programs":
            let slug = rest[1]
            var period = rest[3]
            let page: ProgramPage
            switch Array(rest.dropFirst(4)) {
            case []:
                if period.hasSuffix(".csv") { period.removeLast(4); page = .csv }
                else if period.hasSuffix(".json") { period.removeLast(5); page = .json }
                else { page = .overview }
            case ["matrix"]: page = .matrix
            case ["participation"]: page = .participation
            case ["proposals", "new"]: page = .newProposal
            case ["proposals", "new-project"]: page = .newProject
            case ["proposals"]: page = .proposals
            case ["proposals.csv"]: page = .proposalsCSV
            case ["proposals.json"]: page = .proposalsJSON
            case ["versions"]: page = .versions
            case ["versions", "compare"]: page = .compareVersions
            case ["feed.atom"]: page = .feed
            case ["execution"]: page = .execution
            case ["execution.csv"]: page = .executionCSV
            case ["execution.json"]: page = .executionJSON
            case let tail where tail.count == 2 && tail[0] == "evaluations":
                guard let evaluation = SiteRoute.evaluationPage(tail[1]) else { return nil }
                page = evaluation
            case let tail where tail.count == 2 && tail[0] == "versions":
                guard let version = SiteRoute.versionFile(tail[1]) else { return nil }
                page = version
            case let tail where tail.count == 2 && tail[0] == "projects":
                guard let number = Int(tail[1]), number > 0, String(number) == tail[1] else { return nil }
                page = .project(number)
            case let tail where tail.count == 4 && tail[0] == "projects" && tail[2] == "observations" && tail[3] == "new":
                guard let number = Int(tail[1]), number > 0, String(number) == tail[1] else { return nil }
                page = .newObservation(number)
            default: return nil
            }
            guard SiteRoute.isPeriod(period) else { return nil }
            self = .program(language, slug: slug, period: period, page)
        default: return nil
        }
    }

    /// "3.csv" or "3.json": a version number as written in a link (no sign, no leading zero).
    static func versionFile(_ name: String) -> ProgramPage? {
        for (suffix, page) in [(".csv", ProgramPage.versionCSV), (".json", ProgramPage.versionJSON)] where name.hasSuffix(suffix) {
            let digits = String(name.dropLast(suffix.count))
            guard let number = Int(digits), number > 0, String(number) == digits else { return nil }
            return page(number)
        }
        return nil
    }

    /// "{64 lowercase hex}.{pdf|jpg|png}": nothing else names an evidence file, so no path can
    /// reach anything but a stored file's hash (no dots, slashes or encodings to play with).
    static func evidenceName(_ name: String) -> (String, String)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 64,
              parts[0].utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
              EvidenceFile.Kind.allCases.map(\.fileExtension).contains(String(parts[1])) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// "2023", "2023.csv" or "2023.json": an evaluation's year as written in a link.
    static func evaluationPage(_ name: String) -> ProgramPage? {
        for (suffix, page) in [("", ProgramPage.evaluation), (".csv", ProgramPage.evaluationCSV), (".json", ProgramPage.evaluationJSON)] {
            guard name.hasSuffix(suffix) else { continue }
            let digits = String(name.dropLast(suffix.count))
            guard digits.count == 4, let year = Int(digits), String(year) == digits else { continue }
            return page(year)
        }
        return nil
    }

    /// "2024-2025": two years, the second after the first.
    static func isPeriod(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let start = Int(parts[0]), let end = Int(parts[1]) else { return false }
        return end > start
    }

    /// The absolute path that reaches this route. Slugs are ASCII by construction
    /// (the schema checks them), so no escaping is needed here.
    public var path: String {
        switch self {
        case .root: return "/"
        case .home(let language): return "/\(language.rawValue)/"
        case .network(let language): return "/\(language.rawValue)/network"
        case .data(let language): return "/\(language.rawValue)/data"
        case .networkData(let language, let kind, let json): return "/\(language.rawValue)/data/network/\(kind.rawValue).\(json ? "json" : "csv")"
        case .calls(let language): return "/\(language.rawValue)/calls"
        case .search(let language): return "/\(language.rawValue)/search"
        case .dashboard(let language): return "/\(language.rawValue)/network/dashboard"
        case .commune(let language, let slug): return "/\(language.rawValue)/communes/\(slug)"
        case .program(let language, let slug, let period, let page):
            let base = "/\(language.rawValue)/communes/\(slug)/programs/\(period)"
            switch page {
            case .overview: return base
            case .matrix: return base + "/matrix"
            case .participation: return base + "/participation"
            case .project(let number): return base + "/projects/\(number)"
            case .csv: return base + ".csv"
            case .json: return base + ".json"
            case .newProposal: return base + "/proposals/new"
            case .newProject: return base + "/proposals/new-project"
            case .newObservation(let number): return base + "/projects/\(number)/observations/new"
            case .proposals: return base + "/proposals"
            case .proposalsCSV: return base + "/proposals.csv"
            case .proposalsJSON: return base + "/proposals.json"
            case .versions: return base + "/versions"
            case .compareVersions: return base + "/versions/compare"
            case .versionCSV(let number): return base + "/versions/\(number).csv"
            case .versionJSON(let number): return base + "/versions/\(number).json"
            case .feed: return base + "/feed.atom"
            case .execution: return base + "/execution"
            case .executionCSV: return base + "/execution.csv"
            case .executionJSON: return base + "/execution.json"
            case .evaluation(let year): return base + "/evaluations/\(year)"
            case .evaluationCSV(let year): return base + "/evaluations/\(year).csv"
            case .evaluationJSON(let year): return base + "/evaluations/\(year).json"
            }
        case .proposal(let language, let code): return "/\(language.rawValue)/proposals/\(code)"
        case .proposalThanks(let language): return "/\(language.rawValue)/proposals/thanks"
        case .proposalFeed(let language, let code): return "/\(language.rawValue)/proposals/\(code)/feed.atom"
        case .calendar(let language, nil): return "/\(language.rawValue)/calendar.ics"
        case .calendar(let language, let slug?): return "/\(language.rawValue)/communes/\(slug)/calendar.ics"
        case .citizen(let language, let page): return "/\(language.rawValue)/" + page.path
        case .evidence(let sha256, let ext): return "/evidence/\(sha256).\(ext)"
        }
    }

    /// The language of the page, when the route has one.
    public var language: Language? {
        switch self {
        case .root, .evidence: return nil
        case .home(let language), .network(let language), .data(let language), .calls(let language), .search(let language), .dashboard(let language),
             .networkData(let language, _, _), .commune(let language, _), .program(let language, _, _, _),
             .proposal(let language, _), .proposalThanks(let language), .citizen(let language, _),
             .proposalFeed(let language, _), .calendar(let language, _): return language
        }
    }

    /// The same page in another language (for the language switch).
    public func with(language: Language) -> SiteRoute {
        switch self {
        case .root: return .root
        case .evidence: return self
        case .home: return .home(language)
        case .network: return .network(language)
        case .data: return .data(language)
        case .networkData(_, let kind, let json): return .networkData(language, kind, json: json)
        case .calls: return .calls(language)
        case .search: return .search(language)
        case .dashboard: return .dashboard(language)
        case .commune(_, let slug): return .commune(language, slug: slug)
        case .program(_, let slug, let period, let page): return .program(language, slug: slug, period: period, page)
        case .proposal(_, let code): return .proposal(language, code: code)
        case .proposalThanks: return .proposalThanks(language)
        case .proposalFeed(_, let code): return .proposalFeed(language, code: code)
        case .calendar(_, let slug): return .calendar(language, slug: slug)
        case .citizen(_, let page): return .citizen(language, page)
        }
    }

    /// Methods this route answers; HEAD goes wherever GET goes (RFC 9110 §9.3.2).
    public var methods: [HTTPMethod] {
        switch self {
        case .program(_, _, _, .newProposal), .program(_, _, _, .newObservation), .program(_, _, _, .newProject),
             .citizen(_, .erase), .citizen(_, .confirmMail), .citizen(_, .unsubscribe): return [.get, .head, .post]
        default: return [.get, .head]
        }
    }

    /// A query parameter a page reads, and how its value is written in the cache key.
    public enum QueryParameter: Sendable {
        /// A whole number ("02" and "2" are one key).
        case number(String)
        /// One of a fixed list of words.
        case word(String, [String])
        /// Words typed by a person: the key holds them as search reads them (folded, at most eight).
        case words(String)
        /// A commune's slug.
        case slug(String)
        /// A value chosen from the page's own list (a region's name): kept as given, at most 80 characters.
        case text(String)

        var name: String {
            switch self {
            case .number(let name), .word(let name, _), .words(let name), .slug(let name), .text(let name): return name
            }
        }
    }

    /// The query parameters this page reads. Nothing else in a query changes the page, so
    /// nothing else makes a new cache entry (`?nc=1`, `?nc=2`… all hit one).
    public var queryParameters: [QueryParameter] {
        switch self {
        case .calls: return [.number("page")]
        case .network, .data: return [.words("q"), .text("region"), .word("state", MemberDirectory.Query.states), .number("page")]
        case .search: return [.words("q"), .slug("commune"), .number("page")]
        case .program(_, _, _, .proposals):
            return [.number("axis"), .word("channel", ProposalFilter.channels), .word("status", ProposalFilter.statuses), .number("page")]
        case .program(_, _, _, .compareVersions): return [.number("from"), .number("to")]
        default: return []
        }
    }

    /// Whether `request` asks this page to match typed words (a search), which reads the search
    /// index: it is brought up to date first (`Site.refreshSearchIndex`).
    func readsTypedWords(_ request: HTTPRequest) -> Bool {
        queryParameters.contains { parameter in
            if case .words(let name) = parameter { return request.queryValue(name)?.isEmpty == false }
            return false
        }
    }

    /// The page's cache key: its path and the parameters it reads, in one order, normalised.
    /// A value the page cannot use is kept marked (at most 24 characters), so its error page —
    /// never cached — does not take another request's entry.
    public func cacheKey(query: [(name: String, value: String)]) -> String {
        var key = path
        var separator = "?"
        for parameter in queryParameters {
            guard let raw = query.first(where: { $0.name == parameter.name })?.value, !raw.isEmpty else { continue }
            let value: String
            switch parameter {
            case .number:
                if raw.count <= 9, raw.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(raw) { value = String(number) }
                else { value = "!" + String(raw.prefix(24)) }
            case .word(_, let words):
                value = words.contains(raw) ? raw : "!" + String(raw.prefix(24))
            case .words:
                let folded = SearchText.typedWords(raw).prefix(8).compactMap(SearchText.foldedWord).joined(separator: " ")
                guard !folded.isEmpty else { continue }
                value = folded.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            case .text:
                let trimmed = raw.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                value = String(trimmed.prefix(80)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            case .slug:
                value = raw.count <= 64 && raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) ? raw.lowercased()
                    : "!" + String(raw.prefix(24).filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
            }
            key += separator + parameter.name + "=" + value
            separator = "&"
        }
        return key
    }

    /// Whether a shared cache in front (nginx, a CDN) may keep the page: not a tracking page,
    /// whose address is its reader's key, nor anything `isCacheable` leaves out.
    public var isPublic: Bool {
        guard isCacheable else { return false }
        switch self {
        case .proposal, .proposalFeed: return false
        default: return true
        }
    }

    /// Whether the page is the same for every visitor for a moment (see PageCache). Not the
    /// language redirect (it depends on the visitor), nor the proposal form (each one carries
    /// its own one-time token, which must never be handed to two visitors), nor a code look-up
    /// (each one counts against the visitor's limit) or the erase form (its token), nor the mail
    /// links' pages (a secret in the path, and a state that a POST changes), nor an evidence file
    /// (streamed from the store, never held whole; it has its own ETag).
    public var isCacheable: Bool {
        switch self {
        case .root, .program(_, _, _, .newProposal), .program(_, _, _, .newObservation), .program(_, _, _, .newProject),
             .citizen(_, .lookup), .citizen(_, .erase), .citizen(_, .confirmMail), .citizen(_, .unsubscribe), .evidence,
             .networkData: return false
        default: return true
        }
    }
}
