import Foundation
import HTTP
import SQLite
import Templates

/// The portal as the server sees it: one responder that matches the route (`Route`), checks the
/// method, and hands the request to the static files or the feature that owns the page.
/// Data flows one way: request -> route -> handler -> store -> view data -> template -> response.
final class Site: HTTPResponder, @unchecked Sendable {
    let database: Database
    let templates: TemplateLibrary
    let staticFiles: StaticFiles
    /// Wraps every page, public or admin, in its layout.
    let layout: Layout
    private let cache: PageCache
    private let callEdges = CallEdges()
    /// What the event loop decided for the targets it was asked most recently (see `immediateResponse`).
    private let immediateTargets = ImmediateTargets()
    private let searchLock = NSLock()
    private var searchIndexedAt: UInt64 = .max   // guarded by searchLock
    /// Logs handler failures; stderr in production, captured in tests.
    let log: @Sendable (String) -> Void
    /// How this portal was started; every field below that comes from it is fixed for the
    /// life of the site (issue 17: nothing is set after `init`, so no request sees a change).
    let settings: SiteSettings
    /// The clock that opens and closes calls (tests stand it at a window's edges, see `SiteClock`).
    let clock: SiteClock
    /// Submissions allowed per address (10 per 10 minutes unless configured otherwise).
    let proposalRateLimit: RateLimiter
    /// Confirmation messages one e-mail address may be sent a day (see `ConfirmationLimit`).
    let confirmationLimit = ConfirmationLimit()
    /// Tracking-code look-ups allowed per address (30 per 10 minutes unless configured), counted
    /// apart from submissions.
    let lookupRateLimit: RateLimiter
    /// How long personal data is kept and who answers for it (the privacy page, the retention job).
    var privacy: PrivacySettings { settings.privacy }
    /// Makes and checks the one-time tokens of forms.
    let formGuard: FormGuard
    /// Password links just made, shown once to the administrator who made them (see `LinkFlash`).
    let linkFlash = LinkFlash()
    /// Session lifetimes, login throttle and cookie security of the admin area.
    var adminPolicy: AdminPolicy { settings.adminPolicy }
    /// Behind a reverse proxy every request comes from the proxy's address, so per-address
    /// limits (proposals, logins) would count the whole town as one visitor. When set, the
    /// visitor's address is read from this header (e.g. "X-Forwarded-For", its last entry: the
    /// one our proxy added), but only on requests that came from a loopback peer, the proxy.
    var clientAddressHeader: String? { settings.clientAddressHeader }
    /// Where visitors reach the portal, without a trailing slash: the start of every absolute
    /// link (share links, feeds, calendars, mail).
    var baseURL: String { settings.baseURL }
    /// The largest evidence file a progress entry or measured value takes (issue 13). The server
    /// gives the evidence forms this much body (and no other route), see `AdminRoute.uploadLimit`.
    var maxEvidenceBytes: Int { settings.maxEvidenceBytes }
    static let defaultMaxEvidenceBytes = 10 << 20

    /// Mail notices (`--sendmail-command`): nil while mail is off, and then no e-mail field is
    /// shown and nothing is queued.
    var mail: MailSettings? { settings.mail }
    /// The thread that hands queued messages to the MTA (while mail is on), told when something
    /// was queued; `serve` starts and stops it.
    let mailSender: MailSender?

    /// What queuing a message needs, while mail is on.
    var mailer: Mailer? { mail.map { Mailer(settings: $0, translations: templates.translations, baseURL: baseURL) } }

    /// The absolute URL of a path on this portal.
    func absoluteURL(_ path: String) -> String { baseURL + path }

    /// Now, by the site's clock.
    func now() -> Date { clock.now() }

    init(database: Database, templates: TemplateLibrary, staticFiles: StaticFiles, settings: SiteSettings = SiteSettings(),
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.cache = PageCache(maxBytes: settings.pageCacheBytes, maxAge: Double(Self.cacheSeconds))
        self.database = database
        self.templates = templates
        self.staticFiles = staticFiles
        self.layout = Layout(templates: templates)
        self.settings = settings
        self.clock = settings.clock
        self.proposalRateLimit = RateLimiter(limit: settings.proposalsPerTenMinutes, window: 600)
        self.lookupRateLimit = RateLimiter(limit: settings.lookupsPerTenMinutes, window: 600)
        self.log = log
        self.formGuard = FormGuard(database: database)
        self.mailSender = settings.mail.map {
            MailSender(database: database, translations: templates.translations, baseURL: settings.baseURL, settings: $0,
                       clock: settings.clock, log: log)
        }
    }

    /// Opens everything a running portal needs from a checkout: templates, static files and
    /// the store (migrated, with the demo data on first run, made at `demoMadeAt`: now unless given).
    convenience init(root: URL, databasePath: String, loadDemo: Bool = true, demoMadeAt: Date? = nil, reloadTemplates: Bool = false,
                            settings: SiteSettings = SiteSettings()) throws {
        let database = try Store.open(path: databasePath, migrations: root.appendingPathComponent("Migrations"), loadDemo: loadDemo,
                                      demoMadeAt: demoMadeAt)
        do {
            let templates = try TemplateLibrary(directory: root.appendingPathComponent("Templates"), reloadOnChange: reloadTemplates)
            let staticFiles = try StaticFiles(root: root.appendingPathComponent("Public"), urlPrefix: "/static")
            self.init(database: database, templates: templates, staticFiles: staticFiles, settings: settings)
        } catch {
            database.close()
            throw error
        }
    }

    func respond(to request: HTTPRequest) throws -> HTTPResponse {
        do {
            return try route(request)
        } catch let error as SQLiteError where error.code == SQLiteError.full || error.code == SQLiteError.readOnly {
            // The disk is full or the file read-only: nothing was saved (the write rolled back),
            // and saying so with a 503 lets the person try again once space returns.
            log("cannot save: \(error)")
            throw PageError(.serviceUnavailable, headers: HTTPHeaders([("Retry-After", "60")]), reason: "the store cannot save right now")
        } catch let error as SQLiteError where error.isConstraintViolation && error.message.hasPrefix("text too long:") {
            // A text past the store's limit (0020_text_limits) that no form caught first: nothing
            // was saved, and the limit is the request's fault, not the server's.
            log("refused: \(error)")
            throw PageError(.contentTooLarge, reason: error.message)
        }
    }

    private func route(_ request: HTTPRequest) throws -> HTTPResponse {
        var request = request
        request.remoteAddress = clientAddress(of: request)
        guard let route = Route(segments: request.pathSegments) else { throw PageError(.notFound) }
        switch route {
        case .asset:
            guard let response = staticFiles.response(for: request) else { throw PageError(.notFound) }
            return response
        case .favicon: return try staticFile("favicon.svg", request)
        case .admin(let route): return try respondAdmin(route, to: request)
        case .site(let route): return try respondPublic(route, to: request)
        }
    }

    /// A public page: its method checked, then from the page cache when it may be cached.
    private func respondPublic(_ route: SiteRoute, to request: HTTPRequest) throws -> HTTPResponse {
        guard route.methods.contains(request.method) else {
            throw PageError(.methodNotAllowed, headers: HTTPHeaders([("Allow", route.methods.map(\.rawValue).joined(separator: ", "))]))
        }
        // Public pages are the same for every visitor, so they can be cached (see PageCache).
        guard route.isCacheable, request.method == .get || request.method == .head else { return try handle(route, request) }
        // Pages that match typed words read the search index: bring it up to date first.
        if route.readsTypedWords(request) {
            try refreshSearchIndex()
        }
        let writes = database.writeGeneration
        let generation = PageCache.Version(writes: writes, callEdges: try callClock(writes: writes))
        let acceptsGzip = Gzip.isAccepted(by: request.headers["Accept-Encoding"])
        let response = try cache.response(for: route.cacheKey(query: request.query), generation: generation, acceptsGzip: acceptsGzip) {
            try validated(handle(route, request), route: route)
        }
        return Self.notModified(response, request: request) ?? response
    }

    /// What the event loop may answer itself (`HTTPResponder.immediateResponse`): a static file
    /// already in memory, or a public page the cache holds, current and in the form the client
    /// takes. Anything that would read the store (a write or a call's opening since the page was
    /// kept, a search to bring up to date), render or compress goes to a worker instead.
    func immediateResponse(to request: HTTPRequest) -> HTTPResponse? {
        guard request.method == .get || request.method == .head else { return nil }
        let decision = immediateTargets.decision(for: request.target) {
            guard let parsed = Route(segments: request.pathSegments) else { return .worker }
            if case .asset = parsed { return .asset }
            guard case .site(let route) = parsed, route.isCacheable, !route.readsTypedWords(request) else { return .worker }
            return .page(key: route.cacheKey(query: request.query))
        }
        switch decision {
        case .worker:
            return nil
        case .asset:
            return staticFiles.readyResponse(for: request)
        case .page(let key):
            let writes = database.writeGeneration
            guard let edges = callEdges.knownEpoch(at: now(), writes: writes),
                  let response = cache.ready(for: key, generation: PageCache.Version(writes: writes, callEdges: edges),
                                             acceptsGzip: Gzip.isAccepted(by: request.headers["Accept-Encoding"])) else { return nil }
            return Self.notModified(response, request: request) ?? response
        }
    }

    /// How long a public page may be shown after its render without asking the store again: what
    /// a day's date or another process's write can leave stale at most (the portal's own cache
    /// also drops it at the next write). Never past the next instant a call opens or closes.
    static let freshSeconds = 10

    /// How long the portal's own cache answers with a page or feed at most (`PageCache`).
    static let cacheSeconds = 5

    /// The `max-age` a response gives a cache in front when it must not be shown more than
    /// `seconds` after it was made: what is left once the portal's cache has answered with it
    /// as long as it may, so that a copy taken from the portal's at its last moment still
    /// expires in time (`PageCache` keeps a response no longer than its own `max-age` either).
    static func maxAgeInFront(within seconds: Int) -> Int { max(0, seconds - cacheSeconds) }

    /// A cacheable page's validator and freshness (RFC 9110 §8.8.3, RFC 9111 §5.2): a weak
    /// ETag from the page's own bytes (so it is right after a restart or when a call opens,
    /// with no clock of its own), and `Cache-Control` letting a shared cache in front keep a
    /// public page a few seconds (`freshSeconds`).
    private func validated(_ response: HTTPResponse, route: SiteRoute) -> HTTPResponse {
        guard response.status == .ok else { return response }
        var response = response
        if response.headers["ETag"] == nil {
            response.headers.set("ETag", Validator.weakETag(response.body))
        }
        if response.headers["Cache-Control"] == nil {
            if route.isPublic {
                var seconds = Self.freshSeconds
                if let edge = callEdges.next, edge > now() { seconds = min(seconds, Int(edge.timeIntervalSince(now()))) }
                response.headers.set("Cache-Control", "public, max-age=\(Self.maxAgeInFront(within: seconds))")
            } else {
                response.headers.set("Cache-Control", "private, no-store")
            }
        }
        return response
    }

    /// 304 for a conditional GET whose `If-None-Match` names the page's ETag (weak comparison,
    /// RFC 9110 §13.1.2): the headers a cache needs, no body.
    static func notModified(_ response: HTTPResponse, request: HTTPRequest) -> HTTPResponse? {
        guard response.status == .ok, let etag = response.headers["ETag"],
              let condition = request.headers["If-None-Match"] else { return nil }
        func opaque(_ tag: Substring) -> Substring {
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return Substring(trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed)
        }
        let tags = condition.split(separator: ",").map(opaque)
        guard tags.contains("*") || tags.contains(opaque(Substring(etag))) else { return nil }
        var headers = HTTPHeaders([("ETag", etag)])
        for name in ["Cache-Control", "Vary", "Content-Language", "Last-Modified"] {
            if let value = response.headers[name] { headers.set(name, value) }
        }
        return HTTPResponse(status: .notModified, headers: headers, body: [])
    }

    /// Before a search is answered, what changed since the last one is folded into the index
    /// (bounded; the background `SearchIndexer` takes bulk loads). Looked at only when the store
    /// was written since, so a search served from the cache costs no query.
    private func refreshSearchIndex() throws {
        let writes = database.writeGeneration
        searchLock.lock()
        let seen = searchIndexedAt
        searchLock.unlock()
        guard seen != writes else { return }
        if try database.read(SearchStore.hasPendingChanges) {
            try database.write { try SearchStore.refresh($0, limit: 2_000) }
        }
        searchLock.lock()
        searchIndexedAt = database.writeGeneration
        searchLock.unlock()
    }

    /// The calls' epoch now: it moves when a call opens or closes (see `CallEdges`).
    func callClock(writes: UInt64) throws -> UInt64 {
        try callEdges.epoch(at: now(), writes: writes) { moment in try database.read { try CallStore.nextEdge($0, after: moment) } }
    }

    /// The visitor's address: the peer's, or the proxy's header when the peer is the proxy.
    func clientAddress(of request: HTTPRequest) -> String {
        guard let name = clientAddressHeader, Self.isLoopback(request.remoteAddress),
              let value = request.headers.values(name).last,
              let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 64 else {
            return request.remoteAddress
        }
        return last
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }

    /// A public request: the context its handler is given, the handler's outcome, the response.
    private func handle(_ route: SiteRoute, _ request: HTTPRequest) throws -> HTTPResponse {
        let language = route.language ?? LanguageChoice.preferred(acceptLanguage: request.headers["Accept-Language"])
        let context = RequestContext(site: self, request: request, route: route, language: language, now: now())
        return try answer(outcome(context), context)
    }

    /// The one place a public handler's outcome becomes a response: a page is put in its layout.
    private func answer(_ outcome: Outcome, _ context: RequestContext) throws -> HTTPResponse {
        switch outcome {
        case .page(let view, let status, let headers):
            var response = try render(view, route: context.route, language: context.language, status: status)
            for (name, value) in headers { response.headers.set(name, value) }
            return response
        case .redirect(let location, let status, let headers):
            var response = HTTPResponse.redirect(to: location, status: status)
            for (name, value) in headers { response.headers.add(name, value) }
            return response
        case .response(let response):
            return response
        }
    }

    /// Sends a matched request to the handler of the feature that owns its page. A page that
    /// only reads the store is loaded in one read transaction (one consistent snapshot).
    private func outcome(_ context: RequestContext) throws -> Outcome {
        let request = context.request, now = context.now, baseURL = baseURL
        func page(_ load: (Connection, PageRequest) throws -> PageView) throws -> Outcome {
            let page = context.page
            return .page(try context.read { try load($0, page) })
        }
        func file(_ make: (Connection, PageRequest) throws -> HTTPResponse) throws -> Outcome {
            let page = context.page
            return .response(try context.read { try make($0, page) })
        }
        switch context.route {
        case .root:
            var response = HTTPResponse.redirect(to: SiteRoute.home(context.language).path, status: .found)
            response.headers.add("Vary", "Accept-Language")
            return .response(response)
        case .home:
            return try page { db, page in try HomePage.load(db, now: now, baseURL: baseURL, page: page) }
        case .dashboard:
            return try page { db, page in try DashboardPage.load(db, page: page) }
        case .search:
            let typed = request.queryValue("q") ?? ""
            let commune = request.queryValue("commune").flatMap { $0.isEmpty ? nil : $0 }
            let number = request.queryValue("page").flatMap { Int($0) }.map { max(1, min($0, 10_000)) } ?? 1
            return try page { db, page in try SearchPage.load(db, typed: typed, communeSlug: commune, number: number, page: page) }
        case .calls:
            let number = request.queryValue("page").flatMap { Int($0) }.map { max(1, min($0, 100_000)) } ?? 1
            return try page { db, page in try CallsPage.load(db, now: now, number: number, baseURL: baseURL, page: page) }
        case .network:
            let query = MemberDirectory.Query(request.query)
            return try page { db, page in try NetworkPage.load(db, query: query, page: page) }
        case .networkData(_, let kind, let json):
            return .response(NetworkExport.response(database, kind: kind, json: json))
        case .data:
            let query = MemberDirectory.Query(request.query)
            return try page { db, page in try DataPage.load(db, query: query, page: page) }
        case .commune(_, let slug):
            return try page { db, page in try CommunePage.load(db, slug: slug, now: now, baseURL: baseURL, page: page) }
        case .program(_, let slug, let period, let sub):
            switch sub {
            case .csv: return try file { try ProgramExport.csv($0, slug: slug, period: period, page: $1) }
            case .json: return try file { try ProgramExport.json($0, slug: slug, period: period, page: $1) }
            case .overview:
                return try page { db, page in try ProgramOverviewPage.load(db, slug: slug, period: period, now: now, baseURL: baseURL, page: page) }
            case .newProposal: return try ProposalPages.handle(context, slug: slug, period: period, card: .idea)
            case .newObservation(let number): return try ProposalPages.handle(context, slug: slug, period: period, card: .observation(number))
            case .newProject: return try ProposalPages.handle(context, slug: slug, period: period, card: .project)
            case .proposals:
                let query = request.query
                return try page { db, page in try ProposalList.load(db, slug: slug, period: period, query: query, page: page) }
            case .proposalsCSV: return try file { try ProposalExport.csv($0, slug: slug, period: period, page: $1) }
            case .proposalsJSON: return try file { try ProposalExport.json($0, slug: slug, period: period, page: $1) }
            case .versions: return try page { db, page in try VersionPages.list(db, slug: slug, period: period, page: page) }
            case .compareVersions: return try VersionPages.comparison(context, slug: slug, period: period)
            case .versionCSV(let number): return try file { try ProgramExport.versionCSV($0, slug: slug, period: period, number: number, page: $1) }
            case .versionJSON(let number): return try file { db, _ in try ProgramExport.versionJSON(db, slug: slug, period: period, number: number) }
            case .feed: return try FeedPages.program(context, slug: slug, period: period)
            case .execution: return try page { db, page in try ExecutionPage.load(db, slug: slug, period: period, now: now, page: page) }
            case .executionCSV: return try file { try ExecutionExport.csv($0, slug: slug, period: period, page: $1) }
            case .executionJSON: return try file { db, _ in try ExecutionExport.json(db, slug: slug, period: period) }
            case .evaluation(let year):
                return try page { db, page in try EvaluationPage.load(db, slug: slug, period: period, year: year, page: page) }
            case .evaluationCSV(let year): return try file { try EvaluationExport.csv($0, slug: slug, period: period, year: year, page: $1) }
            case .evaluationJSON(let year): return try file { db, _ in try EvaluationExport.json(db, slug: slug, period: period, year: year) }
            case .matrix: return try page { db, page in try MatrixPage.load(db, slug: slug, period: period, page: page) }
            case .participation: return try page { db, page in try ParticipationPage.load(db, slug: slug, period: period, page: page) }
            case .project(let number):
                return try page { db, page in try ProjectPage.load(db, slug: slug, period: period, number: number, now: now, page: page) }
            }
        case .proposal(_, let code): return try ProposalPages.tracking(context, code: code)
        case .proposalThanks: return ProposalPages.thanks(context)
        case .proposalFeed(_, let code): return try FeedPages.proposal(context, code: code)
        case .calendar(_, let slug): return try FeedPages.calendar(context, slug: slug)
        case .citizen(_, let page): return try CitizenPages.handle(context, page)
        case .evidence(let sha256, let ext):
            guard let file = try database.read({ try EvidenceStore.publicFile($0, sha256: sha256) }),
                  file.kind.fileExtension == ext else { throw PageError.notFound }
            return .response(EvidenceBody.response(database, file, downloadName: "evidence-\(sha256.prefix(12)).\(ext)", request: request,
                                                   cacheControl: "public, max-age=300"))
        }
    }

    func errorPage(for status: HTTPStatus, request: HTTPRequest?, acceptLanguage: String?) -> HTTPResponse {
        errorPage(status: status, message: nil, language: LanguageChoice.of(request, acceptLanguage: acceptLanguage))
    }

    /// A thrown error's page, saying what its `PageError.message` names, in the page's language.
    func errorPage(for error: any HTTPStatusError, request: HTTPRequest) -> HTTPResponse {
        errorPage(status: error.status, message: (error as? PageError)?.message,
                  language: LanguageChoice.of(request, acceptLanguage: request.headers["Accept-Language"]))
    }

    private func errorPage(status: HTTPStatus, message: String?, language: Language) -> HTTPResponse {
        let page = ErrorPage(status: status, message: message, translations: templates.translations, language: language)
        do {
            var response = try render(page.view, route: .home(language), language: language, status: status)
            response.headers.set("Cache-Control", "no-store")
            return response
        } catch {
            log("error page \(status.code) could not be rendered: \(error)")
            return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                                body: Array("\(status.code) \(status.reason)\n".utf8))
        }
    }

    /// A public page inside the public layout (see `Layout`, `PublicChrome`): the language switch
    /// keeps the visitor on the same page, with the selection the page kept.
    func render(_ view: PageView, route: SiteRoute, language: Language, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let chrome = PublicChrome(title: view.title, stylesheet: staticFiles.url(for: "css/app.css"), language: language,
                                  languageSwitch: LanguageSwitch(href: route.with(language: language.other).path + view.switchQuery,
                                                                 language: language.other))
        return try layout.render(view, chrome: chrome, language: language, status: status)
    }

    private func staticFile(_ name: String, _ request: HTTPRequest) throws -> HTTPResponse {
        var aliased = request
        aliased.path = "/static/" + name
        guard let response = staticFiles.response(for: aliased) else { throw PageError(.notFound) }
        return response
    }
}

/// What a feature hands back to be rendered: a template, a title and the page's typed view
/// (`TemplateView`), the one value its template reads (issue 17: every page has one).
struct PageView {
    var template: String
    var title: String
    /// What the template reads (the layout's chrome is read where this has no key of the name).
    private(set) var root: TemplateValue
    /// What the language switch adds after the path ("?axis=2&page=3"), so the other language
    /// shows the same selection. Built by the page from the values it understood, never copied
    /// from the request, since it goes into the link without being encoded again.
    var switchQuery = ""

    /// A page whose data is a typed view of the keys its template reads.
    init(template: String, title: String, view: some TemplateView) {
        self.template = template; self.title = title; self.root = .view(view)
    }

}

/// How a portal is set up when it starts: `serve`'s options, or a test's variation. A `Site`
/// reads it once, at `init`; to run with other settings is to open another `Site` on the store.
struct SiteSettings: Sendable {
    /// The clock calls open and close by (shared by reference: see `SiteClock`).
    var clock = SiteClock()
    /// Where visitors reach the portal, without a trailing slash (`--base-url`).
    var baseURL = "http://127.0.0.1:8080"
    /// Proposals one address may send in ten minutes (`--proposal-rate`).
    var proposalsPerTenMinutes = 10
    /// Tracking-code look-ups one address may make in ten minutes (`--lookup-rate`).
    var lookupsPerTenMinutes = 30
    /// How long personal data is kept and who answers for it.
    var privacy = PrivacySettings()
    /// Session lifetimes, login throttle and cookie security of the admin area.
    var adminPolicy = AdminPolicy()
    /// The header naming the visitor's address behind a proxy (`--client-address-header`).
    var clientAddressHeader: String? = nil
    /// The largest evidence file (`--max-evidence-bytes`).
    var maxEvidenceBytes = Site.defaultMaxEvidenceBytes
    /// Mail notices (`--sendmail-command`); nil: mail off.
    var mail: MailSettings? = nil
    /// The bound of the rendered pages kept (`--page-cache-bytes`).
    var pageCacheBytes = 8 << 20

    init() {}
}

/// The time by which calls open and close and records are stamped. A class, so the settings
/// that hold it can be copied while tests still move the one clock a running site reads (they
/// stand it at a window's edges); a server never moves it. Reads and moves are locked.
final class SiteClock: @unchecked Sendable {
    private let lock = NSLock()
    private var source: @Sendable () -> Date   // guarded by lock

    init(_ source: @escaping @Sendable () -> Date = { Date() }) { self.source = source }

    func now() -> Date {
        lock.lock()
        let source = self.source
        lock.unlock()
        return source()
    }

    /// From now on the time is what `source` says.
    func set(_ source: @escaping @Sendable () -> Date) {
        lock.lock()
        self.source = source
        lock.unlock()
    }
}

/// What the event loop does with a request target, remembered for the targets asked most
/// recently: parsing a path against the route table and printing its cache key cost as much as
/// the rest of answering a cached page. Both depend on the target alone. Bounded: when full, it
/// starts again empty, and a target longer than `longestTarget` is decided each time, so junk
/// targets (up to 8 KiB each) cost at most about 1.5 MB.
final class ImmediateTargets: @unchecked Sendable {
    enum Decision {
        /// A file the static handler may have ready.
        case asset
        /// A cacheable page, under this key.
        case page(key: String)
        /// Anything else goes to a worker.
        case worker
    }

    static let capacity = 4_096
    static let longestTarget = 256
    private let lock = NSLock()
    private var decisions: [String: Decision] = [:]

    func decision(for target: String, _ decide: () -> Decision) -> Decision {
        guard target.utf8.count <= Self.longestTarget else { return decide() }
        if let known = lock.withLock({ decisions[target] }) { return known }
        let decision = decide()
        lock.withLock {
            if decisions.count >= Self.capacity { decisions.removeAll(keepingCapacity: true) }
            decisions[target] = decision
        }
        return decision
    }

    /// How many targets are remembered (for tests).
    var count: Int { lock.withLock { decisions.count } }
}
