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
    }
}
