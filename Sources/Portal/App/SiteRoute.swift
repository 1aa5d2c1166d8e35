import Foundation
import HTTP
import Templates

/// Every public page of the portal, as one value. Its URLs are declared once, in `forms`, which
/// both parses a request path and prints the path for a link (see `RouteTable`); `Route` holds
/// it beside the admin area and the static files.
enum SiteRoute: RouteTable {
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
    enum ProgramPage: RouteTable {
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

        /// After `/{lang}/communes/{slug}/programs/{period}`: the program's own files follow the
        /// period (`2024-2025.csv`), its pages a slash.
        static let forms: [RouteForm<ProgramPage>] = [
            RouteForm("", .overview),
            RouteForm(".csv", .csv),
            RouteForm(".json", .json),
            RouteForm("/matrix", .matrix),
            RouteForm("/participation", .participation),
            RouteForm("/projects/{n}", .number, build: { .project($0) }, read: { if case .project(let n) = $0 { n } else { nil } }),
            RouteForm("/projects/{n}/observations/new", .number, build: { .newObservation($0) },
                      read: { if case .newObservation(let n) = $0 { n } else { nil } }),
            RouteForm("/proposals", .proposals),
            RouteForm("/proposals/new", .newProposal),
            RouteForm("/proposals/new-project", .newProject),
            RouteForm("/proposals.csv", .proposalsCSV),
            RouteForm("/proposals.json", .proposalsJSON),
            RouteForm("/versions", .versions),
            RouteForm("/versions/compare", .compareVersions),
            RouteForm("/versions/{n}.csv", .number, build: { .versionCSV($0) }, read: { if case .versionCSV(let n) = $0 { n } else { nil } }),
            RouteForm("/versions/{n}.json", .number, build: { .versionJSON($0) }, read: { if case .versionJSON(let n) = $0 { n } else { nil } }),
            RouteForm("/feed.atom", .feed),
            RouteForm("/execution", .execution),
            RouteForm("/execution.csv", .executionCSV),
            RouteForm("/execution.json", .executionJSON),
            RouteForm("/evaluations/{year}", .year, build: { .evaluation($0) }, read: { if case .evaluation(let year) = $0 { year } else { nil } }),
            RouteForm("/evaluations/{year}.csv", .year, build: { .evaluationCSV($0) },
                      read: { if case .evaluationCSV(let year) = $0 { year } else { nil } }),
            RouteForm("/evaluations/{year}.json", .year, build: { .evaluationJSON($0) },
                      read: { if case .evaluationJSON(let year) = $0 { year } else { nil } }),
        ]
    }

    /// Every public URL. The pages of one program are `ProgramPage.forms`, and a citizen's own
    /// pages `CitizenPage.forms`, each mounted here under its prefix.
    static let forms: [RouteForm<SiteRoute>] = [
        RouteForm("/", .root),
        RouteForm("/{lang}/", .language, build: { .home($0) }, read: { if case .home(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/network", .language, build: { .network($0) }, read: { if case .network(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/network/dashboard", .language, build: { .dashboard($0) }, read: { if case .dashboard(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/data", .language, build: { .data($0) }, read: { if case .data(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/data/network/{kind}.csv", .language, .kind, build: { .networkData($0, $1, json: false) },
                  read: { if case .networkData(let l, let kind, false) = $0 { (l, kind) } else { nil } }),
        RouteForm("/{lang}/data/network/{kind}.json", .language, .kind, build: { .networkData($0, $1, json: true) },
                  read: { if case .networkData(let l, let kind, true) = $0 { (l, kind) } else { nil } }),
        RouteForm("/{lang}/calls", .language, build: { .calls($0) }, read: { if case .calls(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/search", .language, build: { .search($0) }, read: { if case .search(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/calendar.ics", .language, build: { .calendar($0, slug: nil) }, read: { if case .calendar(let l, nil) = $0 { l } else { nil } }),
        RouteForm("/{lang}/communes/{slug}", .language, .slug, build: { .commune($0, slug: $1) },
                  read: { if case .commune(let l, let slug) = $0 { (l, slug) } else { nil } }),
        RouteForm("/{lang}/communes/{slug}/calendar.ics", .language, .slug, build: { .calendar($0, slug: $1) },
                  read: { if case .calendar(let l, let slug?) = $0 { (l, slug) } else { nil } }),
        RouteForm("/{lang}/proposals/thanks", .language, build: { .proposalThanks($0) }, read: { if case .proposalThanks(let l) = $0 { l } else { nil } }),
        RouteForm("/{lang}/proposals/{code}", .language, .code, build: { .proposal($0, code: $1) },
                  read: { if case .proposal(let l, let code) = $0 { (l, code) } else { nil } }),
        RouteForm("/{lang}/proposals/{code}/feed.atom", .language, .code, build: { .proposalFeed($0, code: $1) },
                  read: { if case .proposalFeed(let l, let code) = $0 { (l, code) } else { nil } }),
        RouteForm("/evidence/{sha256}.{ext}", .sha256, .evidenceExtension, build: { .evidence(sha256: $0, ext: $1) },
                  read: { if case .evidence(let sha256, let ext) = $0 { (sha256, ext) } else { nil } }),
    ] + RouteForm.mount("/{lang}/communes/{slug}/programs/{period}", .language, .slug, .period, forms: ProgramPage.forms,
                        build: { .program($0, slug: $1, period: $2, $3) },
                        read: { if case .program(let l, let slug, let period, let page) = $0 { (l, slug, period, page) } else { nil } })
      + RouteForm.mount("/{lang}", .language, forms: CitizenPage.forms, build: { .citizen($0, $1) },
                        read: { if case .citizen(let l, let page) = $0 { (l, page) } else { nil } })

    /// "2024-2025": two years of four ASCII digits, the second after the first. Read byte by
    /// byte: every program page's request asks.
    static func isPeriod(_ text: some StringProtocol) -> Bool {
        var start = 0, end = 0, count = 0
        for byte in text.utf8 {
            if count == 4 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard count < 9, (48...57).contains(byte) else { return false }
                if count < 4 { start = start * 10 + Int(byte - 48) } else { end = end * 10 + Int(byte - 48) }
            }
            count += 1
        }
        return count == 9 && end > start
    }

    /// The language of the page, when the route has one.
    var language: Language? {
        switch self {
        case .root, .evidence: return nil
        case .home(let language), .network(let language), .data(let language), .calls(let language), .search(let language), .dashboard(let language),
             .networkData(let language, _, _), .commune(let language, _), .program(let language, _, _, _),
             .proposal(let language, _), .proposalThanks(let language), .citizen(let language, _),
             .proposalFeed(let language, _), .calendar(let language, _): return language
        }
    }

    /// The same page in another language (for the language switch).
    func with(language: Language) -> SiteRoute {
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
    var methods: [HTTPMethod] {
        switch self {
        case .program(_, _, _, .newProposal), .program(_, _, _, .newObservation), .program(_, _, _, .newProject),
             .citizen(_, .erase), .citizen(_, .confirmMail), .citizen(_, .unsubscribe): return [.get, .head, .post]
        default: return [.get, .head]
        }
    }

    /// A query parameter a page reads, and how its value is written in the cache key.
    enum QueryParameter: Sendable {
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
    var queryParameters: [QueryParameter] {
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
    func cacheKey(query: [(name: String, value: String)]) -> String {
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
    var isPublic: Bool {
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
    var isCacheable: Bool {
        switch self {
        case .root, .program(_, _, _, .newProposal), .program(_, _, _, .newObservation), .program(_, _, _, .newProject),
             .citizen(_, .lookup), .citizen(_, .erase), .citizen(_, .confirmMail), .citizen(_, .unsubscribe), .evidence,
             .networkData: return false
        default: return true
        }
    }
}

extension Capture where Value == NetworkExport.Kind {
    static var kind: Capture { .word("kind") }
}

extension Capture where Value == String {
    /// "{64 lowercase hex}" before the dot of an evidence file's name: nothing else names one, so
    /// no path can reach anything but a stored file's hash (no dots, slashes or encodings to play with).
    static var sha256: Capture {
        Capture(name: "sha256", meaning: "a file's SHA-256: 64 lowercase hexadecimal digits", parse: { text in
            text.utf8.count == 64 && text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) ? String(text) : nil
        }, print: { $0 })
    }
    /// The extension of an evidence file's sniffed type.
    static var evidenceExtension: Capture {
        let extensions = EvidenceFile.Kind.allCases.map(\.fileExtension)
        return Capture(name: "ext", meaning: "the file's type: " + extensions.joined(separator: ", "),
                       parse: { extensions.contains(String($0)) ? String($0) : nil }, print: { $0 })
    }
}
