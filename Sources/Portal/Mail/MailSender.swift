import Foundation
import SQLite
import Templates

/// The thread of a running server that empties the outbox: it claims the next due message,
/// hands it to the MTA (`Sendmail`), and records what happened — sent only once the command
/// exited 0; else tried again after an exponential back-off, and dead after the last attempt.
/// Built like `RetentionJob`: whatever goes wrong is logged and tried again, it never takes the
/// server down, and `stop` returns once a hand-off in progress has ended (bounded by the
/// command's timeout), so the store is never closed under it.
///
/// No message is handed over twice, except in one window: a server that stops between the
/// MTA's exit 0 and the commit of 'sent' finds the message 'sending' at its next start and
/// sends it again (`MailStore.recoverClaimed`), with the same Message-ID.
final class MailSender: @unchecked Sendable {
    private let database: Database
    private let translations: Translations
    private let baseURL: String
    private let clock: SiteClock
    private let log: @Sendable (String) -> Void
    private let settings: MailSettings
    private let sendmail: Sendmail
    /// The longest sleep when nothing is due (new messages wake the thread at once).
    private let tick: TimeInterval
    private let condition = NSCondition()
    private var stopping = false        // guarded by condition
    private var woken = false           // guarded by condition
    private var started = false         // guarded by condition
    /// The thread sleeps with nothing to do (not between two hand-offs): only then is a wake
    /// worth a signal, so a burst of submissions does not wake it a thousand times a second.
    private var idle = false            // guarded by condition
    private let finished = DispatchSemaphore(value: 0)
    private var lastPrune: Date? = nil  // the sender's thread only

    init(database: Database, translations: Translations, baseURL: String, settings: MailSettings, clock: SiteClock,
         log: @escaping @Sendable (String) -> Void, tick: TimeInterval = 30) {
        self.database = database
        self.translations = translations
        self.baseURL = baseURL
        self.clock = clock
        self.log = log
        self.settings = settings
        self.sendmail = Sendmail(arguments: settings.command, timeout: settings.timeout)
        self.tick = tick
    }

    func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in loop() }
        thread.name = "infitah-mail"
        thread.start()
    }

    /// Asks the thread to end and waits until it has.
    func stop() {
        condition.lock()
        let running = started && !stopping
        stopping = true
        condition.broadcast()
        condition.unlock()
        guard running else { return }
        finished.wait()
    }

    /// Something was queued: look now rather than at the next tick. Cheap (a flag), so every
    /// request that queues may call it.
    func wake() {
        condition.lock()
        woken = true
        if idle { condition.signal() }
        condition.unlock()
    }

    /// What one pass did.
    struct Report: Equatable {
        var sent = 0
        var failed = 0
        var dead = 0
        var cancelled = 0
    }

    /// Hands over every message due at `now`, one after the other with `sendInterval` between
    /// them (at most `limit` in a pass, so a stop is never kept waiting long). The tests call it
    /// with a clock of their own.
    @discardableResult
    func deliverDue(at now: () -> Date, limit: Int = 200) throws -> Report {
        var report = Report()
        for _ in 0..<limit {
            if isStopping { break }
            // Looked at in a read first: an empty outbox costs no write (a write ends every
            // cached page, see PageCache).
            guard let due = try database.read({ try MailStore.nextDue($0) }), due <= now() else { break }
            let mailer = Mailer(settings: settings, translations: translations, baseURL: baseURL)
            let claim = try database.write { try MailStore.claimNext($0, mailer: mailer, at: now()) }
            guard case .message(let message) = claim else {
                if claim == .cancelled { report.cancelled += 1; continue }
                break
            }
            let outcome = sendmail.send(compose(message, at: now()).rendered)
            switch outcome {
            case .accepted:
                try database.write { try MailStore.markSent($0, id: message.id, at: now()) }
                report.sent += 1
            case .failed(let reason):
                let state = try database.write { try MailStore.markFailed($0, id: message.id, error: reason, settings: settings, at: now()) }
                if state == "dead" {
                    report.dead += 1
                    log("mail: message \(message.id) is dead after \(settings.maxAttempts) attempts: \(MailAddress.masked(reason))")
                } else {
                    report.failed += 1
                    log("mail: message \(message.id) not handed over (attempt \(message.attempts + 1)), tried again later: \(MailAddress.masked(reason))")
                }
            }
            if settings.sendInterval > 0 { pause(settings.sendInterval) }
        }
        return report
    }

    /// The message as the MTA gets it: the stored words, the links with this hand-off's tokens.
    func compose(_ message: MailStore.Claimed, at now: Date) -> MailMessage {
        let mailer = Mailer(settings: settings, translations: translations, baseURL: baseURL)
        let language = message.language
        let unsubscribe = mailer.url(.citizen(language, .unsubscribe(token: message.unsubscribeToken)))
        let confirm = message.confirmToken.map { mailer.url(.citizen(language, .confirmMail(token: $0))) }
        let links = mailer.text(language).links(confirmURL: confirm, unsubscribeURL: unsubscribe,
                                                confirmDays: Int(settings.confirmLifetime / 86_400))
        return MailMessage(from: settings.fromField(baseURL: baseURL), to: message.to, subject: message.subject,
                           body: message.body + "\n\n" + links, date: now, messageID: message.messageID,
                           language: language.rawValue, unsubscribeURL: unsubscribe)
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Waits `seconds` unless asked to stop.
    private func pause(_ seconds: TimeInterval) {
        condition.lock()
        let until = Date().addingTimeInterval(seconds)
        while !stopping && condition.wait(until: until) {}
        condition.unlock()
    }

    private func loop() {
        do {
            let recovered = try database.write { try MailStore.recoverClaimed($0, at: clock.now()) }
            if recovered > 0 { log("mail: \(recovered) message(s) left in hand-off by the last run are sent again") }
        } catch {
            log("mail: could not look for messages left in hand-off: \(error)")
        }
        while !isStopping {
            var sleep = tick
            do {
                try deliverDue(at: { [clock] in clock.now() })
                let now = clock.now()
                if lastPrune.map({ now.timeIntervalSince($0) >= 3600 }) ?? true {
                    lastPrune = now
                    try database.write { _ = try MailStore.prune($0, before: now.addingTimeInterval(-settings.keepSent)) }
                }
                if let due = try database.read({ try MailStore.nextDue($0) }) {
                    sleep = max(0.05, min(tick, due.timeIntervalSince(now)))
                }
            } catch {
                log("mail: the outbox could not be read or written, tried again in \(Int(tick)) s: \(error)")
            }
            condition.lock()
            let until = Date().addingTimeInterval(sleep)
            idle = true
            while !stopping && !woken && condition.wait(until: until) {}
            idle = false
            woken = false
            condition.unlock()
        }
        finished.signal()
    }
}
