import Foundation
import SQLite

/// How long the portal keeps personal data, and who answers for it: read by the privacy page
/// (so it says what the portal does) and by the retention job (so the portal does what it says).
struct PrivacySettings: Sendable {
    /// Months after a program's period ends (31 December of its last year, Morocco time) after
    /// which its proposals' personal data is erased. `--retention-months`, 12 unless configured.
    var retentionMonths = 12
    /// The body responsible for the processing (law 09-08), as the operator words it
    /// (`--controller-name`); nil: the network, in the page's language.
    var controllerName: String? = nil
    init() {}
}

/// Personal data kept no longer than it is needed (law 09-08), applied by the clock: a
/// proposal's personal data goes `retentionMonths` after its program's period ends, and the
/// address a proposal was sent from goes as soon as the submission limit's window has passed
/// (the limit counts in memory; the stored copy serves nothing after that).
struct Retention {
    var months: Int
    /// The submission limit's window: how long an address may matter.
    var addressWindow: TimeInterval

    /// What one run did.
    struct Report: Equatable {
        var proposalsErased = 0
        var addressesCleared = 0
    }

    /// Who the audit log names for the erasures of this job.
    var actor: String { "الحذف التلقائي · effacement automatique (\(months) mois)" }

    /// The instant from which a program of `period` ("2024-2025") is past keeping: the first
    /// Moroccan day of the month `months` months after its period ends (12 months after
    /// 31 December 2025 is 1 January 2027 at 00:00, Morocco time). Nil for no such period.
    static func cutoff(period: String, months: Int) -> Date? {
        guard SiteRoute.isPeriod(period), let last = Int(period.suffix(4)), months >= 0 else { return nil }
        let year = last + 1 + months / 12, month = 1 + months % 12
        return MoroccoTime.start(ofDay: String(format: "%04d-%02d-01", year, month))
    }

    /// Erases what is past keeping at `now`, in one write transaction for the proposals (each
    /// audited) and one for the addresses.
    func run(_ database: Database, at now: Date) throws -> Report {
        var report = Report()
        let months = months
        report.proposalsErased = try database.write { db in
            try PersonalDataStore.eraseExpired(db, at: now, actor: Audit(userID: nil, userName: actor, at: now)) { period in
                Retention.cutoff(period: period, months: months).map { now >= $0 } ?? false
            }
        }
        report.addressesCleared = try PersonalDataStore.clearRemoteAddresses(database, before: now.addingTimeInterval(-addressWindow))
        return report
    }
}

extension Site {
    /// The retention rules of this portal (its settings and its submission limit's window).
    var retention: Retention { Retention(months: privacy.retentionMonths, addressWindow: proposalRateLimit.window) }

    /// One run of the retention job at `now`: what the server's job does each day, callable on
    /// demand (the tests give it a fixed `now`).
    @discardableResult
    func runRetention(at now: Date) throws -> Retention.Report {
        try retention.run(database, at: now)
    }
}

/// The retention job of a running server: a thread of its own that forgets stale addresses
/// every minute and erases expired personal data once a day (and once at start). Whatever goes
/// wrong in a run is logged and the next run tries again: it never takes the server down, and
/// `stop` waits for a run in progress so the store is never closed under it.
final class RetentionJob: @unchecked Sendable {
    private let site: Site
    private let tick: TimeInterval
    private let day: TimeInterval = 86_400
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopping = false        // guarded by lock
    private var started = false         // guarded by lock

    init(site: Site, tick: TimeInterval = 60) {
        self.site = site
        self.tick = tick
    }

    func start() {
        lock.lock()
        defer { lock.unlock() }
        guard !started else { return }
        started = true
        let thread = Thread { [self] in loop() }
        thread.name = "infitah-retention"
        thread.start()
    }

    /// Asks the thread to end and waits until it has.
    func stop() {
        lock.lock()
        let running = started && !stopping
        stopping = true
        lock.unlock()
        guard running else { return }
        wake.signal()
        finished.wait()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func loop() {
        var lastErase: Date? = nil
        while !isStopping {
            let now = site.now()
            do {
                if lastErase.map({ now.timeIntervalSince($0) >= day }) ?? true {
                    let retention = site.retention
                    let report = try retention.run(site.database, at: now)
                    lastErase = now
                    if report.proposalsErased > 0 {
                        site.log("retention: personal data of \(report.proposalsErased) proposal(s) erased (\(retention.months) months after their program's period)")
                    }
                } else {
                    _ = try PersonalDataStore.clearRemoteAddresses(site.database, before: now.addingTimeInterval(-site.proposalRateLimit.window))
                }
            } catch {
                site.log("retention: run failed, tried again in \(Int(tick)) s: \(error)")
            }
            if wake.wait(timeout: .now() + tick) == .success { break }
        }
        finished.signal()
    }
}
