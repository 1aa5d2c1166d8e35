import Foundation
import XCTest
import SQLite
import Templates
@testable import Portal

/// The network dashboard (issue 16): every figure read from the store with aggregate queries,
/// drawn and tabled, with the communes behind each row, the same queries at any size.
final class DashboardTests: XCTestCase {
    func testTheFiguresComeFromTheStoreInBothLanguages() throws {
        let portal = try Portal()
        let page = portal.get("/fr/network/dashboard")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h1>Le réseau en chiffres</h1>"))
        let adopted = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.status = 'adopted' AND c.is_sandbox = 0", as: Int.self)
        }
        XCTAssertTrue(page.contains("Adopté par le conseil — \(adopted ?? 0) commune"), page.body)
        XCTAssertTrue(page.contains(#"<a href="/fr/communes/settat">"#), "the communes behind a figure")
        XCTAssertFalse(page.contains(#"<a href="/fr/communes/demo">"#), "the sandbox is not counted")
        XCTAssertTrue(page.contains("<svg role=\"img\""))
        let participants = try portal.site.database.read {
            try $0.scalar("SELECT sum(e.participants) FROM events e JOIN programs p ON p.id = e.program_id JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0", as: Int.self)
        }
        XCTAssertTrue(page.contains("<dd>\(Format.number(participants ?? 0, .fr))</dd>"))
        let arabic = portal.get("/ar/network/dashboard")
        XCTAssertTrue(arabic.contains("الشبكة بالأرقام") && arabic.contains("جماعة واحدة"))
        XCTAssertTrue(portal.get("/fr/network").contains(#"href="/fr/network/dashboard""#))
    }

    func testTheSameQueriesAtAnySize() throws {
        let portal = try Portal()
        func queries() -> Int {
            _ = portal.get("/fr/")   // the clocks settle
            portal.resetQueryCount()
            XCTAssertEqual(portal.get("/ar/network/dashboard?size=\(UUID().uuidString)").status, 200)
            return portal.site.database.queryCount
        }
        let small = queries()
        try portal.site.database.write { db in
            for id in 200..<260 {
                try db.run("INSERT INTO communes (id, slug, name_ar, region_ar) VALUES (?, ?, ?, ?)", [id, "c\(id)", "جماعة \(id)", "جهة \(id % 7)"])
                try db.run("INSERT INTO programs (commune_id, period, title_ar, status, adopted_on) VALUES (?, '2024-2025', 'برنامج', 'adopted', '2023-10')", [id])
            }
        }
        XCTAssertEqual(queries(), small)
        XCTAssertLessThanOrEqual(small, 8)
        // A row names its first communes by when they joined, the same number at any size, and
        // counts the rest; the adopted row now has sixty more than it names.
        let page = portal.get("/ar/network/dashboard")
        let rows = page.body.components(separatedBy: "<details class=\"dashboard-communes\">").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let links = row.components(separatedBy: "</details>")[0].components(separatedBy: "<a href=\"/ar/communes/").count - 1
            XCTAssertLessThanOrEqual(links, DashboardPage.namedPerRow, row)
        }
        let adopted = try XCTUnwrap(rows.first { $0.contains("c200\"") })
        XCTAssertEqual(adopted.components(separatedBy: "<a href=\"/ar/communes/").count - 1, DashboardPage.namedPerRow)
        XCTAssertFalse(adopted.contains("/ar/communes/c259\""), "the newest member is counted, not named")
    }

    /// The proposal figures come from a tally kept by triggers (migration 0022); whatever happens
    /// to proposals, it says what counting them one by one says.
    func testTheProposalTallyFollowsEveryChange() throws {
        let portal = try Portal()
        func assertTallyIsTheCount(_ step: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let (tally, counted) = try portal.site.database.read { db -> ([String], [String]) in
                let tally = try db.query("SELECT program_id, status, channel, n FROM proposal_tally WHERE n > 0 ORDER BY 1, 2, 3")
                    .map { "\(try $0.int("program_id")) \(try $0.string("status")) \(try $0.string("channel")) \(try $0.int("n"))" }
                let counted = try db.query("""
                    SELECT program_id, status, channel, count(*) AS n FROM proposals WHERE hidden = 0 AND merged_into_id IS NULL
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                    """).map { "\(try $0.int("program_id")) \(try $0.string("status")) \(try $0.string("channel")) \(try $0.int("n"))" }
                return (tally, counted)
            }
            XCTAssertFalse(counted.isEmpty, step, file: file, line: line)
            XCTAssertEqual(tally, counted, step, file: file, line: line)
        }
        let db = portal.site.database
        try db.write { db in
            let opened = try Call.parse(try XCTUnwrap(db.scalar("SELECT opens_at FROM calls WHERE id = 501", as: String.self)))
            for n in 0..<4 {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (5, 501, 51, 'idea', 'Une idée', 'Une description.', 'platform', ?, ?)
                    """, [TrackingCode.make(), Call.utcText(opened.addingTimeInterval(Double(3600 + n)))])
            }
        }
        try assertTallyIsTheCount("proposals sent")
        let ids = try db.read { try $0.query("SELECT id FROM proposals ORDER BY id LIMIT 4").map { try $0.int("id") } }
        XCTAssertEqual(ids.count, 4)
        try db.write { try $0.run("UPDATE proposals SET status = 'rejected' WHERE id = ?", [ids[0]]) }
        try assertTallyIsTheCount("a status changed")
        try db.write { try $0.run("UPDATE proposals SET hidden = 1 WHERE id = ?", [ids[1]]) }
        try assertTallyIsTheCount("a proposal hidden")
        try db.write { try $0.run("UPDATE proposals SET merged_into_id = ? WHERE id = ?", [ids[3], ids[2]]) }
        try assertTallyIsTheCount("a proposal merged into another")
        try db.write { try $0.run("UPDATE proposals SET hidden = 0, channel = CASE channel WHEN 'platform' THEN 'workshop' ELSE 'platform' END WHERE id = ?", [ids[1]]) }
        try assertTallyIsTheCount("shown again, on the other channel")
        try db.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, channel, status, tracking_code, created_at)
                SELECT program_id, call_id, kind, title, description, channel, 'accepted', 'TALLY-1', created_at FROM proposals WHERE id = ?
                """, [ids[3]])
        }
        try assertTallyIsTheCount("a new proposal")
        try db.write { try $0.run("DELETE FROM proposals WHERE tracking_code = 'TALLY-1'") }
        try assertTallyIsTheCount("a proposal deleted")
        let page = portal.get("/fr/network/dashboard?after=changes")
        XCTAssertEqual(page.status, 200)
    }
}
