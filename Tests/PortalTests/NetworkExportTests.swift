import XCTest
import Foundation
import HTTP
import SQLite
@testable import Portal

/// Issue 16: the whole network's open data in bulk, made as it is read (`NetworkExport`), over
/// a real socket: every row in batches of 500, the CSV formula-safe, the JSON an array of flat
/// objects, no hidden proposal, no name, no demo commune.
final class NetworkExportTests: XCTestCase {
    var portal: Portal!
    var server: HTTPServer!

    override func setUpWithError() throws {
        portal = try Portal()
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.accessLog = false
        server = HTTPServer(configuration: configuration, responder: portal.site)
        try server.start()
    }

    override func tearDown() {
        server.shutdown()
        server = nil
        portal = nil
    }

    /// The body as an HTTP/1.0 client gets it (read to the close).
    private func download(_ path: String) throws -> RawClient.Response {
        try RawClient.exchange(port: server.port, "GET \(path) HTTP/1.0\r\nHost: x\r\n\r\n", timeout: 20)
    }

    /// Settat gets 1,203 workshop proposals (more than two batches): one titled as a formula,
    /// one hidden, all with an author's name that must not leave the store.
    private func addProposals() throws -> Int {
        try portal.site.database.write { db in
            let row = try XCTUnwrap(try db.queryOne("""
                SELECT g.id AS program_id, k.id AS call_id, k.opens_at FROM programs g JOIN communes c ON c.id = g.commune_id
                JOIN calls k ON k.program_id = g.id WHERE c.slug = 'settat' AND k.kind = 'ideas' ORDER BY k.id LIMIT 1
                """))
            for n in 1...1_203 {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, kind, title, description, channel, tracking_code, created_at, author_name, hidden)
                    VALUES (?, ?, 'idea', ?, 'نص الفكرة.', 'workshop', ?, ?, 'اسم شخصي سري', ?)
                    """, [try row.int("program_id"), try row.int("call_id"),
                          n == 7 ? "=HYPERLINK(\"http://evil.example/\",\"x\")" : "فكرة \(n)", TrackingCode.make(),
                          try row.string("opens_at"), n == 9 ? 1 : 0])
            }
            return try db.scalar("""
                SELECT count(*) FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
                WHERE c.is_sandbox = 0 AND p.hidden = 0 AND p.merged_into_id IS NULL
                """, as: Int.self) ?? 0
        }
    }

    func testProposalsInBulkAsCSVAndJSON() throws {
        let expected = try addProposals()
        XCTAssertGreaterThan(expected, 1_200)
        let csv = try download("/fr/data/network/proposals.csv")
        XCTAssertTrue(csv.head.hasPrefix("HTTP/1.1 200"), csv.head)
        XCTAssertEqual(csv.header("content-type"), "text/csv; charset=utf-8")
        XCTAssertEqual(csv.header("content-disposition"), "attachment; filename=\"infitah-network-proposals.csv\"")
        XCTAssertTrue(csv.body.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM for spreadsheets")
        let records = try CSV.read(csv.body).get()
        XCTAssertEqual(records.first?.fields, NetworkExport.columns(.proposals))
        XCTAssertEqual(records.count - 1, expected, "every public proposal once, over three batches")
        XCTAssertTrue(csv.text.contains("'=HYPERLINK("), "a formula is written as text")
        XCTAssertFalse(csv.text.contains("اسم شخصي سري"), "no author's name")
        XCTAssertFalse(csv.text.contains("فكرة 9,"), "no hidden proposal")
        XCTAssertTrue(csv.text.contains("فكرة 8,"))
        XCTAssertEqual(Set(records.dropFirst().map { $0.fields[0] }), ["settat"])

        let json = try download("/ar/data/network/proposals.json")
        XCTAssertEqual(json.header("content-type"), "application/json; charset=utf-8")
        let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.body)) as? [[String: Any]])
        XCTAssertEqual(array.count, expected)
        XCTAssertEqual(Set(array[0].keys), Set(NetworkExport.columns(.proposals)))
        XCTAssertEqual(array.filter { ($0["title"] as? String) == "=HYPERLINK(\"http://evil.example/\",\"x\")" }.count, 1,
                       "JSON carries the text as it is")
    }

    func testEveryKindHoldsEveryMemberRowAndNoDemoCommune() throws {
        let counts: [NetworkExport.Kind: String] = [
            .programs: "SELECT count(*) FROM programs g JOIN communes c ON c.id = g.commune_id WHERE c.is_sandbox = 0",
            .activities: """
                SELECT count(*) FROM activities a JOIN projects j ON j.id = a.project_id JOIN programs g ON g.id = j.program_id
                JOIN communes c ON c.id = g.commune_id WHERE c.is_sandbox = 0
                """,
            .milestones: "SELECT count(*) FROM milestones m JOIN programs g ON g.id = m.program_id JOIN communes c ON c.id = g.commune_id WHERE c.is_sandbox = 0",
            .figures: "SELECT count(*) FROM events v JOIN programs g ON g.id = v.program_id JOIN communes c ON c.id = g.commune_id WHERE c.is_sandbox = 0",
        ]
        for (kind, sql) in counts {
            let expected = try portal.site.database.read { try $0.scalar(sql, as: Int.self) } ?? 0
            XCTAssertGreaterThan(expected, 0, "\(kind)")
            let csv = try download("/fr/data/network/\(kind.rawValue).csv")
            let records = try CSV.read(csv.body).get()
            XCTAssertEqual(records.first?.fields, NetworkExport.columns(kind))
            XCTAssertEqual(records.count - 1, expected, "\(kind)")
            XCTAssertFalse(records.dropFirst().contains { $0.fields[0] == "demo" }, "\(kind): the demo commune is left out")
            let json = try download("/fr/data/network/\(kind.rawValue).json")
            let array = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.body)) as? [[String: Any]], "\(kind)")
            XCTAssertEqual(array.count, expected, "\(kind)")
        }
        // Settat's documented activity costs come out as written.
        let activities = try CSV.read(try download("/ar/data/network/activities.csv").body).get()
        XCTAssertTrue(activities.contains { $0.fields[0] == "settat" && $0.fields[2] == "1" }, "Settat's axis 1 activities")
        XCTAssertEqual(try download("/ar/data/network/people.csv").head.prefix(12), "HTTP/1.1 404")
    }
}
