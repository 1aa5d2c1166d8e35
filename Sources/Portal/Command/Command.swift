import Foundation

/// What the `infitah` executable was asked to do, parsed from its arguments and the
/// environment (INFITAH_* variables stand in for flags; a flag wins over its variable).
enum Command: Equatable, Sendable {
    case serve(ServeOptions)
    case migrate(database: String, root: String)
    case backup(database: String, destination: String)
    /// `infitah user add`: creates an account (the first administrator, typically) and prints
    /// its one-time password link.
    case addUser(NewUser)
    case help

    /// Settings for `infitah user add`.
    struct NewUser: Equatable, Sendable {
        var database = "infitah.sqlite"
        var root = FileManager.default.currentDirectoryPath
        var loadDemo = true
        var email = ""
        var name = ""
        var role = Role.admin
        var commune: String? = nil
        /// Where the portal is reached, to print a link that works as is.
        var baseURL = "http://127.0.0.1:8080"
    }

    /// Settings for `infitah serve`.
    struct ServeOptions: Equatable, Sendable {
        var host = "127.0.0.1"
        var port = 8080
        var database = "infitah.sqlite"
        /// The checkout holding Templates/, Public/ and Migrations/.
        var root = FileManager.default.currentDirectoryPath
        /// Reload templates when their files change (development).
        var dev = false
        var loadDemo = true
        var maxConnections = 4096
        /// Connections one address may hold before sending a whole request (slow header senders).
        var maxPendingPerAddress = 256
        var maxBodyBytes = 1 << 20
        var workers = 0
        var accessLog = true
        /// Proposals accepted per address per 10 minutes (load and durability tests raise it).
        var proposalRate = 10
        /// A proxy header (e.g. X-Forwarded-Proto) trusted to say the visitor came over TLS.
        var trustedProxyHeader: String? = nil
        /// Always send the session cookie with `Secure`.
        var secureCookies = false
        /// A proxy header (e.g. X-Forwarded-For) giving the visitor's address on requests from loopback.
        var clientAddressHeader: String? = nil
        /// Where visitors reach the portal (`https://infitah.example.ma`), for every absolute link:
        /// share links, feeds, calendars and mail. Unset: `http://{host}:{port}`.
        var baseURL: String? = nil
        /// Tracking-code look-ups allowed per address per 10 minutes, apart from submissions.
        var lookupRate = 30
        /// Months after a program's period ends before its proposals' personal data is erased.
        var retentionMonths = 12
        /// The body responsible for the personal data, as the privacy page names it; nil: the network.
        var controllerName: String? = nil
        /// Litestream replicates the database: leave the WAL checkpoints to it.
        var litestream = false
        /// The bytes of rendered pages kept in memory (least recently used leave first).
        var pageCacheBytes = 8 << 20
        /// The MTA's sendmail-interface command, split into words (nil: mail off).
        var sendmailCommand: [String]? = nil
        /// The `From:` of the messages; nil: Infitah <noreply@host of the base URL>.
        var mailFrom: String? = nil
        /// The largest evidence file (PDF, JPEG, PNG) a progress entry or measured value takes.
        var maxEvidenceBytes = Site.defaultMaxEvidenceBytes
        init() {}
    }

    /// A refusal to start, in one line.
    struct UsageError: Error, CustomStringConvertible, Equatable {
        let description: String
    }

    static let usage = """
        infitah — the open-government programs portal

        usage:
          infitah [serve] [--host H] [--port P] [--db PATH] [--root DIR] [--dev] [--no-demo]
                          [--max-connections N] [--max-pending-per-address N] [--max-body BYTES] [--max-evidence-bytes BYTES] [--workers N]
                          [--no-access-log] [--proposal-rate N] [--trusted-proxy-header NAME] [--secure-cookies]
                          [--client-address-header NAME] [--base-url URL]
                          [--lookup-rate N] [--retention-months N] [--controller-name TEXT] [--litestream]
                          [--page-cache-bytes N] [--sendmail-command "COMMAND ARGS"] [--mail-from ADDRESS]
          infitah migrate [--db PATH] [--root DIR]
          infitah user add --email E --name N --role admin|focal-point|committee|council [--commune SLUG]
                           [--db PATH] [--root DIR] [--no-demo] [--base-url URL]
          infitah backup --to FILE [--db PATH]
          infitah help

        Each flag can also be set in the environment: INFITAH_HOST, INFITAH_PORT, INFITAH_DB,
        INFITAH_ROOT, INFITAH_DEV=1, INFITAH_NO_DEMO=1, INFITAH_MAX_CONNECTIONS, INFITAH_MAX_PENDING_PER_ADDRESS, INFITAH_MAX_BODY,
        INFITAH_MAX_EVIDENCE_BYTES, INFITAH_WORKERS, INFITAH_ACCESS_LOG=0, INFITAH_PROPOSAL_RATE, INFITAH_TRUSTED_PROXY_HEADER, INFITAH_CLIENT_ADDRESS_HEADER,
        INFITAH_SECURE_COOKIES=1, INFITAH_BASE_URL, INFITAH_LOOKUP_RATE, INFITAH_RETENTION_MONTHS,
        INFITAH_CONTROLLER_NAME, INFITAH_LITESTREAM=1, INFITAH_PAGE_CACHE_BYTES, INFITAH_SENDMAIL_COMMAND, INFITAH_MAIL_FROM.
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String], environment: [String: String] = [:]) throws -> Command {
        var rest = arguments
        var verb: String
        if let first = rest.first, !first.hasPrefix("-") { verb = first; rest.removeFirst() } else { verb = "serve" }
        if verb == "user" {
            guard rest.first == "add" else { throw UsageError(description: "`infitah user` takes `add` (see `infitah help`)") }
            rest.removeFirst()
            verb = "user add"
        }

        var flags: [String: String] = [:]
        let valueFlags: Set = ["--host", "--port", "--db", "--root", "--to", "--max-connections", "--max-pending-per-address", "--page-cache-bytes", "--max-body", "--max-evidence-bytes", "--workers", "--proposal-rate",
                               "--trusted-proxy-header", "--client-address-header", "--email", "--name", "--role", "--commune", "--base-url",
                               "--lookup-rate", "--retention-months", "--controller-name", "--sendmail-command", "--mail-from"]
        let switches: Set = ["--dev", "--no-demo", "--no-access-log", "--secure-cookies", "--litestream"]
        let userFlags: Set = ["--email", "--name", "--role", "--commune"]
        var index = 0
        while index < rest.count {
            var flag = rest[index]
            var value: String? = nil
            if let equals = flag.firstIndex(of: "="), flag.hasPrefix("--") {
                value = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            }
            if flag == "--help" || flag == "-h" { return .help }
            if switches.contains(flag) {
                guard value == nil else { throw UsageError(description: "\(flag) takes no value") }
                flags[flag] = "1"
            } else if valueFlags.contains(flag) {
                if value == nil {
                    index += 1
                    guard index < rest.count else { throw UsageError(description: "\(flag) needs a value") }
                    value = rest[index]
                }
                flags[flag] = value
            } else {
                throw UsageError(description: "unknown option \(flag) (see `infitah help`)")
            }
            index += 1
        }
        func setting(_ flag: String, _ variable: String) -> String? { flags[flag] ?? environment[variable] }
        func isOn(_ flag: String, _ variable: String) -> Bool {
            if flags[flag] != nil { return true }
            guard let raw = environment[variable]?.lowercased() else { return false }
            return ["1", "true", "yes", "on"].contains(raw)
        }
        func integer(_ flag: String, _ variable: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let raw = setting(flag, variable) else { return nil }
            guard let number = Int(raw), range.contains(number) else {
                throw UsageError(description: "\(flag) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(raw)'")
            }
            return number
        }
        let allowed: [String: Set<String>] = [
            "serve": valueFlags.union(switches).subtracting(["--to"]).subtracting(userFlags),
            "migrate": ["--db", "--root"], "backup": ["--db", "--to"], "help": [],
            "user add": userFlags.union(["--db", "--root", "--no-demo", "--base-url"]),
        ]
        guard let accepted = allowed[verb] else {
            throw UsageError(description: "unknown command '\(verb)' (commands: serve, migrate, backup, user add, help)")
        }
        if let stray = flags.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw UsageError(description: "\(stray) does not apply to `infitah \(verb)`")
        }
        /// An absolute http(s) URL without a trailing slash, or nil when unset.
        func baseURL() throws -> String? {
            guard var url = setting("--base-url", "INFITAH_BASE_URL"), !url.isEmpty else { return nil }
            while url.hasSuffix("/") { url.removeLast() }
            guard let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
                  let host = parsed.host, !host.isEmpty, parsed.query == nil, parsed.fragment == nil else {
                throw UsageError(description: "--base-url must be an absolute http or https URL such as https://infitah.example.ma, not '\(url)'")
            }
            return url
        }
        let database = setting("--db", "INFITAH_DB") ?? "infitah.sqlite"
        guard !database.isEmpty else { throw UsageError(description: "--db must not be empty") }
        let root = setting("--root", "INFITAH_ROOT") ?? FileManager.default.currentDirectoryPath
        switch verb {
        case "help": return .help
        case "migrate": return .migrate(database: database, root: root)
        case "backup":
            guard let destination = flags["--to"], !destination.isEmpty else {
                throw UsageError(description: "backup needs --to FILE")
            }
            return .backup(database: database, destination: destination)
        case "user add":
            var user = NewUser()
            user.database = database
            user.root = root
            user.loadDemo = !isOn("--no-demo", "INFITAH_NO_DEMO")
            guard let email = flags["--email"], !email.isEmpty else { throw UsageError(description: "user add needs --email") }
            guard let name = flags["--name"], !name.isEmpty else { throw UsageError(description: "user add needs --name") }
            guard let roleName = flags["--role"], let role = Role(rawValue: roleName) else {
                throw UsageError(description: "user add needs --role admin, focal-point, committee or council")
            }
            user.email = email
            user.name = name
            user.role = role
            user.commune = flags["--commune"]
            user.baseURL = try baseURL() ?? user.baseURL
            return .addUser(user)
        default:
            var options = ServeOptions()
            options.host = setting("--host", "INFITAH_HOST") ?? options.host
            options.port = try integer("--port", "INFITAH_PORT", 0...65535) ?? options.port
            options.database = database
            options.root = root
            options.dev = isOn("--dev", "INFITAH_DEV")
            options.loadDemo = !isOn("--no-demo", "INFITAH_NO_DEMO")
            options.maxConnections = try integer("--max-connections", "INFITAH_MAX_CONNECTIONS", 1...1_000_000) ?? options.maxConnections
            options.maxPendingPerAddress = try integer("--max-pending-per-address", "INFITAH_MAX_PENDING_PER_ADDRESS", 1...1_000_000)
                ?? options.maxPendingPerAddress
            options.maxBodyBytes = try integer("--max-body", "INFITAH_MAX_BODY", 1024...(1 << 30)) ?? options.maxBodyBytes
            options.maxEvidenceBytes = try integer("--max-evidence-bytes", "INFITAH_MAX_EVIDENCE_BYTES", 1024...(1 << 30)) ?? options.maxEvidenceBytes
            options.workers = try integer("--workers", "INFITAH_WORKERS", 0...256) ?? options.workers
            options.proposalRate = try integer("--proposal-rate", "INFITAH_PROPOSAL_RATE", 1...1_000_000) ?? options.proposalRate
            options.trustedProxyHeader = setting("--trusted-proxy-header", "INFITAH_TRUSTED_PROXY_HEADER").flatMap { $0.isEmpty ? nil : $0 }
            options.secureCookies = isOn("--secure-cookies", "INFITAH_SECURE_COOKIES")
            options.clientAddressHeader = setting("--client-address-header", "INFITAH_CLIENT_ADDRESS_HEADER").flatMap { $0.isEmpty ? nil : $0 }
            options.baseURL = try baseURL()
            options.litestream = isOn("--litestream", "INFITAH_LITESTREAM")
            options.pageCacheBytes = try integer("--page-cache-bytes", "INFITAH_PAGE_CACHE_BYTES", 65_536...(1 << 32)) ?? options.pageCacheBytes
            options.lookupRate = try integer("--lookup-rate", "INFITAH_LOOKUP_RATE", 1...1_000_000) ?? options.lookupRate
            options.retentionMonths = try integer("--retention-months", "INFITAH_RETENTION_MONTHS", 0...240) ?? options.retentionMonths
            if let name = setting("--controller-name", "INFITAH_CONTROLLER_NAME")?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                guard name.count <= 500, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw UsageError(description: "--controller-name must be one line of at most 500 characters")
                }
                options.controllerName = name
            }
            do {
                if let command = setting("--sendmail-command", "INFITAH_SENDMAIL_COMMAND"), !command.trimmingCharacters(in: .whitespaces).isEmpty {
                    options.sendmailCommand = try Sendmail.words(command)
                }
                if let from = setting("--mail-from", "INFITAH_MAIL_FROM"), !from.isEmpty {
                    guard options.sendmailCommand != nil else {
                        throw UsageError(description: "--mail-from needs --sendmail-command (mail is off without it)")
                    }
                    options.mailFrom = try MailSettings.checkedFrom(from)
                }
            } catch let error as Sendmail.CommandError {
                throw UsageError(description: error.description)
            }
            if flags["--no-access-log"] != nil { options.accessLog = false }
            else if let raw = environment["INFITAH_ACCESS_LOG"]?.lowercased() { options.accessLog = !["0", "false", "no", "off"].contains(raw) }
            return .serve(options)
        }
    }
}
