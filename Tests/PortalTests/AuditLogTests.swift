import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// The audit log page (administrators read everything, focal points their communes only) and
/// the "last updated" date the public program pages take from it.
final class AuditLogTests: XCTestCase {
    /// A log with something to find: 60 program edits in Settat over two days, two entries in
    /// Larache that no one from Settat may read, a network-wide entry, and one long text.
    private func fill(_ portal: Portal) throws {
        try portal.site.database.write { db in
            let start = try Call.parse("2025-10-20T08:00:00Z")
            let fatima = Audit(userID: 9001, userName: "Fatima Settat", at: start)
            for n in 0..<60 {
                let at = Audit(userID: 9001, userName: "Fatima Settat", at: start.addingTimeInterval(Double(n) * 1800))
                try at.record(db, action: "update", entity: "activity", entityID: 100 + n, field: "title_ar",
                              before: "نشاط \(n)", after: "SETTAT-EDIT-\(n)", communeID: 1, programID: 1)
            }
            try fatima.record(db, action: "create", entity: "axis", entityID: 7, field: "title_ar", after: "محور جديد", communeID: 1, programID: 1)
            let long = String(repeating: "نص طويل جدا ", count: 20) + "END-OF-LONG"
            try fatima.record(db, action: "update", entity: "project", entityID: 3, field: "objectives", before: "short", after: long, communeID: 1, programID: 1)
            let youssef = Audit(userID: 9002, userName: "Youssef Larache", at: start.addingTimeInterval(3600))
            try youssef.record(db, action: "update", entity: "project", entityID: 31, field: "title_ar", before: "a", after: "LARACHE-SECRET-1", communeID: 3, programID: 3)
            try youssef.record(db, action: "hide", entity: "proposal", entityID: 32, field: "hidden", after: "LARACHE-SECRET-2", communeID: 3, programID: 3)
            try Audit(userID: nil, userName: "infitah user add", at: start).record(db, action: "create", entity: "user_role", entityID: 1,
                                                                               field: "role", after: "NETWORK-WIDE", communeID: nil)
        }
    }

    private func rows(_ page: Page) -> Int { page.body.components(separatedBy: "<time datetime=").count - 1 }

    func testAdministratorsReadEverythingNewestFirstFilteredAndPaged() throws {
        let portal = try Portal()
        try fill(portal)
        let admin = try portal.signIn(.admin)

        let first = portal.get("/admin/fr/audit", as: admin)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(rows(first), 50, "50 to a page")
        XCTAssertTrue(first.contains("Connexion"), "the admin's own sign-in is the newest entry")
        XCTAssertTrue(first.contains("SETTAT-EDIT-59") && !first.contains("LARACHE-SECRET-1"), "Larache's entries are older")
        // 2025-10-21T13:30Z is 14:30 in Morocco (UTC+1 outside Ramadan).
        XCTAssertTrue(first.contains("Fatima Settat") && first.contains("21 octobre 2025 14:30"), "Morocco time")
        XCTAssertTrue(first.contains("Activité #159") && first.contains("title_ar") && first.contains("نشاط 59"))
        let newest = try XCTUnwrap(first.body.range(of: "SETTAT-EDIT-59")), older = try XCTUnwrap(first.body.range(of: "SETTAT-EDIT-58"))
        XCTAssertLessThan(newest.lowerBound, older.lowerBound, "newest first")
        XCTAssertTrue(first.contains(#"rel="next" href="/admin/fr/audit?page=2""#))
        XCTAssertFalse(first.contains(#"rel="prev""#))

        let second = portal.get("/admin/fr/audit?page=2", as: admin)
        XCTAssertEqual(rows(second), 16, "the rest: 60 edits, the axis, the long text, 2 in Larache, 1 network-wide and the login, less 50")
        XCTAssertTrue(second.contains("NETWORK-WIDE") && second.contains("LARACHE-SECRET-1") && second.contains(#"rel="prev" href="/admin/fr/audit""#))
        XCTAssertFalse(second.contains(#"rel="next""#))

        // Each filter, and filters together (kept in the pager's links).
        let larache = portal.get("/admin/fr/audit?commune=larache", as: admin)
        XCTAssertEqual(rows(larache), 2)
        XCTAssertTrue(larache.contains(#"<option value="larache" selected>"#))
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?person=9002", as: admin)), 2)
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?action=hide", as: admin)), 1)
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?entity=axis", as: admin)), 1)
        // From 2025-10-21 in Morocco = from 2025-10-20T23:00Z: edits 30...59 (08:00Z in 30-minute steps).
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?entity=activity&from=2025-10-21", as: admin)), 30)
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?entity=activity&to=2025-10-20", as: admin)), 30)
        let paged = portal.get("/admin/fr/audit?commune=settat&action=update", as: admin)
        XCTAssertEqual(rows(paged), 50)
        XCTAssertTrue(paged.contains(#"href="/admin/fr/audit?commune=settat&amp;action=update&amp;page=2""#))
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?commune=settat&action=update&page=2", as: admin)), 11)

        // A long text is shortened, the whole of it one click away.
        let project = portal.get("/admin/fr/audit?entity=project&commune=settat", as: admin)
        XCTAssertEqual(rows(project), 1)
        XCTAssertTrue(project.contains("<details class=\"audit-value\"><summary>نص طويل"))
        XCTAssertTrue(project.contains("END-OF-LONG</div></details>"))
        XCTAssertEqual(project.body.components(separatedBy: "END-OF-LONG").count, 2, "only in the full text")

        // A date that is no date: said next to its field, the rest of the filters still apply.
        let badDate = portal.get("/admin/fr/audit?from=2025-02-30&commune=larache", as: admin)
        XCTAssertEqual(badDate.status, 200)
        XCTAssertTrue(badDate.contains(#"id="from-error""#) && badDate.contains(#"value="2025-02-30""#))
        XCTAssertEqual(rows(badDate), 2)
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?person=nobody", as: admin)), 50)
        XCTAssertEqual(rows(portal.get("/admin/ar/audit?commune=atlantis", as: admin)), 0)
        XCTAssertTrue(portal.get("/admin/ar/audit?commune=atlantis", as: admin).contains("لا يوجد تعديل مطابق"))
    }

    func testAFocalPointReadsOnlyTheirCommunesEntries() throws {
        let portal = try Portal()
        try fill(portal)
        let focal = try portal.signIn(.focalPoint, commune: "settat")
        // A committee role in Larache does not open Larache's log: only focal-point communes count.
        try portal.site.database.write { _ = try AccountStore.add($0, email: focal.email, name: "x", role: .committee, communeSlug: "larache", at: Date()) }

        var seen = 0
        for page in 1...3 {
            let log = portal.get("/admin/fr/audit?page=\(page)", as: focal)
            XCTAssertEqual(log.status, 200)
            XCTAssertFalse(log.contains("LARACHE-SECRET"), "page \(page)")
            XCTAssertFalse(log.contains("NETWORK-WIDE"), "page \(page): network entries are the administrators'")
            XCTAssertFalse(log.contains(#"<option value="larache""#), "Larache is not offered")
            seen += rows(log)
        }
        XCTAssertEqual(seen, 62, "every Settat entry, nothing else")
        XCTAssertTrue(portal.get("/admin/fr/audit", as: focal).contains("communes dont vous êtes point focal"))
        // Asking for Larache by hand gives nothing.
        for query in ["commune=larache", "person=9002", "entity=proposal", "action=hide"] {
            let page = portal.get("/admin/fr/audit?" + query, as: focal)
            XCTAssertEqual(rows(page), 0, query)
            XCTAssertFalse(page.contains("LARACHE-SECRET"), query)
        }
        // Someone who is no focal point anywhere may not open the log at all.
        let committee = try portal.signIn(.committee, commune: "settat")
        XCTAssertEqual(portal.get("/admin/fr/audit", as: committee).status, 403)
        let council = try portal.signIn(.council, commune: "larache")
        XCTAssertEqual(portal.get("/admin/ar/audit", as: council).status, 403)
    }

    /// The people pages' actions land in the log as the people who read it expect.
    func testAdminActionsAppearInTheLog() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let focal = try portal.signIn(.focalPoint, commune: "settat")
        XCTAssertEqual(portal.post("/admin/fr/users/\(focal.userID)/roles", form: [("role", "committee"), ("commune", "settat")], as: admin).status, 303)
        XCTAssertEqual(portal.post("/admin/fr/users/\(focal.userID)/roles", form: [("role", "committee"), ("commune", "larache")], as: admin).status, 303)
        XCTAssertEqual(portal.post("/admin/fr/commune-settings/settat", form: [("name_ar", "جماعة سطات"), ("name_fr", "Commune urbaine de Settat"),
                                                                             ("region_ar", "جهة الدار البيضاء سطات"), ("region_fr", "Région Casablanca-Settat"),
                                                                             ("province_ar", "إقليم سطات"), ("province_fr", "Province de Settat")], as: admin).status, 303)
        let log = portal.get("/admin/fr/audit?commune=settat", as: focal)
        XCTAssertEqual(rows(log), 2, "the role given in Settat and the commune's new name")
        XCTAssertTrue(log.contains("committee settat") && log.contains("Commune urbaine de Settat") && log.contains("Commune de Settat"))
        XCTAssertFalse(log.contains("committee larache"))
        XCTAssertEqual(rows(portal.get("/admin/fr/audit?person=\(admin.userID)&entity=user_role", as: admin)), 2)
    }

    func testPublicProgramPagesSayWhenTheyWereLastUpdated() throws {
        let portal = try Portal()
        let program = "/fr/communes/settat/programs/2024-2025"
        let pages = [program, program + "/matrix", program + "/projects/1"]
        for path in pages {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertFalse(page.contains("Dernière mise à jour"), "\(path): nothing was ever changed through the admin area")
        }
        // 23:30 UTC on 20 October is already the 21st in Morocco (UTC+1).
        try portal.site.database.write { db in
            try Audit(userID: 1, userName: "Fatima", at: try Call.parse("2025-10-20T23:30:00Z"))
                .record(db, action: "update", entity: "activity", entityID: 1, field: "title_fr", before: "a", after: "b", communeID: 1, programID: 1)
            try Audit(userID: 1, userName: "Fatima", at: try Call.parse("2025-03-01T10:00:00Z"))
                .record(db, action: "update", entity: "activity", entityID: 1, field: "title_fr", before: "b", after: "c", communeID: 1, programID: 1)
        }
        for path in pages {
            let page = portal.get(path)
            XCTAssertTrue(page.contains(#"Dernière mise à jour : <time datetime="2025-10-21">21 octobre 2025</time>"#), "\(path): \(page.body.suffix(2000))")
            let arabic = portal.get(path.replacingOccurrences(of: "/fr/", with: "/ar/"))
            XCTAssertTrue(arabic.contains(#"آخر تحديث: <time datetime="2025-10-21">21 أكتوبر 2025</time>"#), path)
        }
        XCTAssertFalse(portal.get("/fr/communes/taroudant/programs/2024-2025").contains("Dernière mise à jour"), "another program's date is its own")
    }
}
