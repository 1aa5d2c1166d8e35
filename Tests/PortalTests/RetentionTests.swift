import Foundation
import HTTP
import SQLite
import XCTest
@testable import Portal

/// Personal data kept no longer than needed: erased N months after the program's period ends,
/// audited, the proposal's text and status kept; submission addresses forgotten once the
/// limit's window has passed; and the server's job that does it, which can fail without harm.
final class RetentionTests: XCTestCase {
    /// A proposal of `program` (1: Settat 2024-2025, 5: the sandbox 2025-2026) with the given
    /// personal data; returns its id.
    @discardableResult
    private func insert(_ portal: Portal, program: Int, name: String? = nil, shown: Bool = false, gender: String? = nil,
                        age: String? = nil, association: String? = nil, neighbourhood: String? = nil, address: String? = nil) throws -> Int {
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, author_name, show_name, gender, age_band,
                                       association, neighbourhood, channel, status, public_answer, tracking_code, remote_address, created_at)
                VALUES (?, 501, 'idea', 'Titre gardé', 'Texte gardé.', ?, ?, ?, ?, ?, ?, 'platform', 'accepted', 'Réponse gardée', ?, ?,
                        '2025-03-01T10:00:00Z')
                """, [program, name, shown, gender, age, association, neighbourhood, TrackingCode.make(), address])
            return Int(db.lastInsertRowID)
        }
    }

    private func row(_ portal: Portal, _ id: Int) throws -> Row {
        try XCTUnwrap(try portal.site.database.read { try $0.queryOne("SELECT * FROM proposals WHERE id = ?", [id]) })
    }

    private func erasures(_ portal: Portal) throws -> [Row] {
        try portal.site.database.read { try $0.query("SELECT * FROM audit_log WHERE field = 'personal_data' ORDER BY entity_id") }
    }

    private func utc(_ text: String) throws -> Date { try Call.parse(text) }

    func testTheCutoffIsTheFirstMoroccanDayAfterThePeriodPlusTheMonths() throws {
        XCTAssertEqual(Retention.cutoff(period: "2024-2025", months: 12), try utc("2026-12-31T23:00:00Z"), "1 January 2027, 00:00 in Morocco")
        XCTAssertEqual(Retention.cutoff(period: "2024-2025", months: 0), try utc("2025-12-31T23:00:00Z"))
        XCTAssertEqual(Retention.cutoff(period: "2024-2025", months: 18), try utc("2027-06-30T23:00:00Z"))
        XCTAssertEqual(Retention.cutoff(period: "2023-2024", months: 25), try utc("2027-01-31T23:00:00Z"))
        XCTAssertNil(Retention.cutoff(period: "2025-2024", months: 12))
        XCTAssertNil(Retention.cutoff(period: "nonsense", months: 12))
    }

    func testOnlyProgramsPastTheirPeriodAndTheMonthsAreErasedAndTheTextStays() throws {
        let portal = try Portal()
        let hidden = try insert(portal, program: 1, name: "Nom caché", gender: "woman", age: "30-44", association: "Association Nour",
                                neighbourhood: "Hay Salam", address: "10.9.8.7")
        let shown = try insert(portal, program: 1, name: "Nom affiché", shown: true, gender: "man")
        let empty = try insert(portal, program: 1)
        let current = try insert(portal, program: 5, name: "Nom récent", gender: "woman", neighbourhood: "Hay Nahda", address: "10.9.8.8")

        // A second before 1 January 2027 in Morocco: Settat's 2024-2025 is still kept; only the
        // addresses, long past the limit's window, are forgotten (without an audit line).
        var report = try portal.site.runRetention(at: try utc("2026-12-31T22:59:59Z"))
        XCTAssertEqual(report, Retention.Report(proposalsErased: 0, addressesCleared: 2))
        XCTAssertEqual(try row(portal, hidden).optionalString("author_name"), "Nom caché")
        XCTAssertNil(try row(portal, hidden).optionalString("remote_address"))
        XCTAssertNil(try row(portal, current).optionalString("remote_address"))
        XCTAssertEqual(try erasures(portal).count, 0)

        report = try portal.site.runRetention(at: try utc("2026-12-31T23:00:00Z"))
        XCTAssertEqual(report, Retention.Report(proposalsErased: 2, addressesCleared: 0))
        let gone = try row(portal, hidden)
        for column in ["author_name", "gender", "age_band", "association", "neighbourhood", "remote_address"] {
            XCTAssertNil(try gone.optionalString(column), column)
        }
        XCTAssertEqual(try gone.string("title"), "Titre gardé")
        XCTAssertEqual(try gone.string("description"), "Texte gardé.")
        XCTAssertEqual(try gone.string("status"), "accepted")
        XCTAssertEqual(try gone.optionalString("public_answer"), "Réponse gardée")
        // A name the author chose to show is part of the public record: it stays.
        let public_ = try row(portal, shown)
        XCTAssertEqual(try public_.optionalString("author_name"), "Nom affiché")
        XCTAssertEqual(try public_.int("show_name"), 1)
        XCTAssertNil(try public_.optionalString("gender"))
        // The sandbox's 2025-2026 is kept until 1 January 2028.
        let kept = try row(portal, current)
        XCTAssertEqual(try kept.optionalString("author_name"), "Nom récent")
        XCTAssertEqual(try kept.optionalString("neighbourhood"), "Hay Nahda")

        // One audit line per proposal, naming the columns, never the values.
        let lines = try erasures(portal)
        XCTAssertEqual(try lines.map { try $0.int("entity_id") }, [hidden, shown])
        XCTAssertEqual(try lines.map { try $0.optionalString("before") }, ["author_name, gender, age_band, association, neighbourhood", "gender"])
        for line in lines {
            XCTAssertEqual(try line.string("action"), "delete")
            XCTAssertEqual(try line.string("entity"), "proposal")
            XCTAssertEqual(try line.string("user_name"), "الحذف التلقائي · effacement automatique (12 mois)")
            XCTAssertEqual(try line.optionalInt("commune_id"), 1)
            XCTAssertEqual(try line.string("at"), "2026-12-31T23:00:00Z")
        }
        XCTAssertFalse(try portal.site.database.read { try $0.query("SELECT before FROM audit_log") }
            .contains { (try $0.optionalString("before") ?? "").contains("Nom caché") })
        XCTAssertNil(try row(portal, empty).optionalString("author_name"))

        // Again: nothing left to erase, nothing written to the log.
        XCTAssertEqual(try portal.site.runRetention(at: try utc("2027-01-02T00:00:00Z")), Retention.Report())
        XCTAssertEqual(try erasures(portal).count, 2)

        // With a shorter setting the sandbox's turn comes a year earlier.
        try portal.restart { $0.privacy.retentionMonths = 0 }
        XCTAssertEqual(try portal.site.runRetention(at: try utc("2026-12-31T22:59:59Z")).proposalsErased, 0)
        XCTAssertEqual(try portal.site.runRetention(at: try utc("2026-12-31T23:00:00Z")).proposalsErased, 1)
        XCTAssertNil(try row(portal, current).optionalString("author_name"))
        XCTAssertEqual(try erasures(portal).last?.string("user_name"), "الحذف التلقائي · effacement automatique (0 mois)")
    }

    func testAddressesAreForgottenOnceTheLimitNoLongerNeedsThemAndTheLimitStillHolds() throws {
        let portal = try Portal()
        let sent = Date()
        portal.site.clock.set { sent }
        try portal.restart { $0.proposalsPerTenMinutes = 2 }
        let code = try portal.sendIdea(address: "10.0.0.7")
        _ = try portal.sendIdea(address: "10.0.0.7")
        func address() throws -> String? {
            try portal.site.database.read { try $0.scalar("SELECT remote_address FROM proposals WHERE tracking_code = ?", [code], as: String.self) }
        }
        XCTAssertEqual(try address(), "10.0.0.7")
        XCTAssertEqual(try portal.site.runRetention(at: sent.addingTimeInterval(599)).addressesCleared, 0)
        XCTAssertEqual(try address(), "10.0.0.7")
        XCTAssertEqual(try portal.site.runRetention(at: sent.addingTimeInterval(601)).addressesCleared, 2)
        XCTAssertNil(try address())

        // The submission limit counts in memory: with every stored address gone, the third
        // idea from the same address inside the window is still refused.
        XCTAssertEqual(try PersonalDataStore.clearRemoteAddresses(portal.site.database, before: sent.addingTimeInterval(1)), 0)
        let path = "/fr/communes/demo/programs/2025-2026/proposals/new"
        let third = portal.post(path, form: [("token", try portal.formToken(path)), ("axis", "52"), ("title", "T"), ("description", "D"),
                                             ("consent", "yes")], address: "10.0.0.7")
        XCTAssertEqual(third.status, 429)
    }

    func testTheServersJobErasesOnItsOwnThreadAndAFailedRunIsLoggedNotFatal() throws {
        let portal = try Portal()
        let lines = LogLines()
        let later = try utc("2027-06-01T12:00:00Z")
        var settings = SiteSettings()
        settings.clock = SiteClock { later }
        let site = Site(database: portal.site.database, templates: portal.site.templates, staticFiles: portal.site.staticFiles,
                        settings: settings, log: { lines.append($0) })
        let expired = try insert(portal, program: 1, name: "Nom caché", gender: "woman", address: "10.9.8.7")

        let job = RetentionJob(site: site, tick: 0.02)
        job.start()
        XCTAssertTrue(waitUntil { (try? self.row(portal, expired).optionalString("gender")) == .some(nil) }, "the job erased it")
        job.stop()
        XCTAssertTrue(lines.all.contains { $0.hasPrefix("retention: personal data of 1 proposal(s) erased") }, "\(lines.all)")

        // A run that fails (here the store refuses every change to proposals) is logged, tried
        // again, and leaves the server answering; stop still returns.
        try portal.site.database.write { db in
            try db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON proposals BEGIN SELECT RAISE(ABORT, 'refused for the test'); END")
        }
        let another = try insert(portal, program: 1, gender: "man", address: "10.9.8.9")
        let failing = RetentionJob(site: site, tick: 0.02)
        failing.start()
        XCTAssertTrue(waitUntil { lines.all.filter { $0.hasPrefix("retention: run failed") }.count >= 2 }, "\(lines.all)")
        failing.stop()
        XCTAssertTrue(lines.all.contains { $0.contains("refused for the test") })
        XCTAssertEqual(try row(portal, another).optionalString("gender"), "man")
        XCTAssertEqual(portal.get("/fr/").status, 200)
        failing.stop()  // twice is harmless
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return condition()
    }
}

/// Log lines gathered from another thread.
private final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
