import Foundation
import HTTP
import SQLite
import Templates
import CMalloc

/// Carries out a `Command`: the whole of the executable's behaviour, kept out of main.swift
/// so that tests can drive it. Returns the process exit status.
public enum Launcher {
    public static func run(_ arguments: [String], environment: [String: String]) -> Int32 {
        let command: Command
        do { command = try Command.parse(arguments, environment: environment) } catch {
            fail("\(error)")
            return 2
        }
        do {
            switch command {
            case .help:
                print(Command.usage)
            case .migrate(let database, let root):
                let applied = try Store.prepare(path: database, migrations: URL(fileURLWithPath: root).appendingPathComponent("Migrations"), loadDemo: false)
                print(applied.isEmpty ? "\(database): up to date" : "\(database): applied \(applied.joined(separator: ", "))")
            case .backup(let database, let destination):
                guard FileManager.default.fileExists(atPath: database) else {
                    throw Store.OpenError(description: "no database at \(database)")
                }
                let store = try Database(path: database, readers: 1)
                defer { store.close() }
                try store.backup(to: destination)
                print("backed up \(database) to \(destination)")
            case .addUser(let user):
                print(try addUser(user))
            case .serve(let options):
                try serve(options)
            }
            return 0
        } catch {
            fail("\(error)")
            return 1
        }
    }

    /// glibc keeps what a thread frees for its next allocation, and raises its threshold for
    /// giving large blocks their own mapping each time such a block is freed; a server whose
    /// pages and query results are tens of kilobytes then holds tens of megabytes it no longer
    /// uses. Fixed thresholds (a block of 64 KiB or more gets its own mapping, returned when
    /// freed; a heap top of 128 KiB free is trimmed) give them back at once: on the national
    /// data set, after 10 s of wrk over 9,028 distinct pages, 97 MB resident before, 58 MB after
    /// (README, Performance). An operator's own `MALLOC_MMAP_THRESHOLD_` or
    /// `MALLOC_TRIM_THRESHOLD_` is left as set.
    static func returnFreedMemory(environment: [String: String]) {
        guard environment["MALLOC_MMAP_THRESHOLD_"] == nil, environment["MALLOC_TRIM_THRESHOLD_"] == nil else { return }
        _ = mallopt(M_MMAP_THRESHOLD, 64 << 10)
        _ = mallopt(M_TRIM_THRESHOLD, 128 << 10)
    }

    /// What the thresholds above leave: free blocks between blocks still in use, in every
    /// thread's arena, which glibc keeps for the next burst. Once a burst is over (the workers
    /// idle for a second, `ServerConfiguration.whenQuiet`), `malloc_trim` gives their pages back:
    /// on the national data set, 55.8 MB resident after the junk-query runs instead of 61.4
    /// (README, Performance).
    static let handBackFreedMemory: @Sendable () -> Void = { _ = malloc_trim(0) }

    static func serve(_ options: Command.ServeOptions) throws {
        let root = URL(fileURLWithPath: options.root)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Templates").path) else {
            throw Store.OpenError(description: "no Templates/ folder in \(root.path): run from the repository or pass --root")
        }
        // A start that fails (port taken, bad host) must not leave behind a database it made:
        // the listening socket is opened before the store, and held until the server takes it
        // (a spare port, --port 0, is then known before the site's links are made).
        let listener = try HTTPServer.listen(host: options.host, port: options.port)
        returnFreedMemory(environment: ProcessInfo.processInfo.environment)
        let databaseExisted = FileManager.default.fileExists(atPath: options.database)
        var settings = SiteSettings()
        settings.pageCacheBytes = options.pageCacheBytes
        settings.proposalsPerTenMinutes = options.proposalRate
        settings.lookupsPerTenMinutes = options.lookupRate
        settings.privacy.retentionMonths = options.retentionMonths
        settings.privacy.controllerName = options.controllerName
        settings.adminPolicy.trustedProxyHeader = options.trustedProxyHeader
        settings.adminPolicy.alwaysSecureCookies = options.secureCookies
        settings.clientAddressHeader = options.clientAddressHeader
        settings.maxEvidenceBytes = options.maxEvidenceBytes
        let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
        settings.baseURL = options.baseURL ?? "http://\(shownHost):\(listener.port)"
        let site: Site
        do {
            // Mail: the program is looked for now, so a typo stops the start instead of every message.
            if let words = options.sendmailCommand {
                var mail = MailSettings(command: try Sendmail.resolved(words, path: ProcessInfo.processInfo.environment["PATH"]))
                mail.from = options.mailFrom
                settings.mail = mail
            }
            site = try Site(root: root, databasePath: options.database, loadDemo: options.loadDemo, reloadTemplates: options.dev,
                            settings: settings)
        } catch {
            listener.close()
            throw error
        }
        var configuration = ServerConfiguration()
        configuration.host = options.host
        configuration.port = options.port
        configuration.maxConnections = options.maxConnections
        configuration.maxPendingPerAddress = options.maxPendingPerAddress
        configuration.maxBodyBytes = options.maxBodyBytes
        let maxEvidenceBytes = options.maxEvidenceBytes
        configuration.uploadBodyLimit = { method, segments in
            AdminRoute.uploadLimit(method, segments, maxEvidenceBytes: maxEvidenceBytes)
        }
        configuration.accessLog = options.accessLog
        if options.workers > 0 { configuration.workerThreads = options.workers }
        configuration.whenQuiet = handBackFreedMemory
        let server = HTTPServer(configuration: configuration, responder: site)
        do {
            if options.litestream { try site.database.leaveCheckpointsToLitestream() }
            try server.start(listener: listener)
        } catch {
            listener.close()
            site.database.close()
            if !databaseExisted {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.database + suffix) }
            }
            throw error
        }
        server.installSignalHandlers()
        // Erases what is past keeping, on its own thread; stopped before the store closes.
        let retention = RetentionJob(site: site)
        retention.start()
        // Keeps the search index current with what the triggers noted; stopped before the store closes.
        let indexer = SearchIndexer(site: site)
        indexer.start()
        // Hands queued messages to the MTA on its own thread.
        let mailSender = site.mailSender
        mailSender?.start()
        // Written straight to the descriptor: scripts wait for this line, so it must not sit in a buffer.
        FileHandle.standardOutput.write(Data("Infitah is serving \(options.database) at http://\(shownHost):\(server.port)/  (Ctrl-C stops)\n".utf8))
        server.waitUntilStopped()
        mailSender?.stop()
        retention.stop()
        indexer.stop()
        site.database.close()
        print("Infitah stopped.")
    }

    /// Creates the account (or adds the role to it) and returns what to tell the operator:
    /// the one-time link with which the person chooses a password.
    static func addUser(_ user: Command.NewUser) throws -> String {
        let store = try Store.open(path: user.database, migrations: URL(fileURLWithPath: user.root).appendingPathComponent("Migrations"),
                                   loadDemo: user.loadDemo)
        defer { store.close() }
        let now = Date()
        let (id, token, language) = try store.write { db -> (Int, String, Language) in
            let id = try AccountStore.add(db, email: user.email, name: user.name, role: user.role, communeSlug: user.commune, at: now)
            try Audit(userID: nil, userName: "infitah user add", at: now).record(
                db, action: "create", entity: "user_role", entityID: id, field: "role",
                after: user.role.rawValue + (user.commune.map { " " + $0 } ?? ""), communeID: nil)
            let language = try PeopleStore.language(db, userID: id) ?? .ar
            return (id, try AccountStore.passwordLink(db, userID: id, at: now), language)
        }
        let link = user.baseURL + AdminRoute.password(language, token: token).path
        return "account \(id) <\(user.email)>: \(user.role.rawValue)\(user.commune.map { " in " + $0 } ?? "")\n"
            + "one-time link to choose the password (valid \(Int(AccountStore.linkLifetime / 86_400)) days, once):\n  \(link)"
    }

    private static func fail(_ message: String) {
        FileHandle.standardError.write(Data("infitah: \(message)\n".utf8))
    }
}
