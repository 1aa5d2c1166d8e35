import Foundation
import XCTest
import SQLite
import HTTP
@testable import Portal

/// Every public page must run a fixed number of queries, whatever the network holds: a page
/// that queries once per commune, project or activity (N+1) is fast on the demo data and
/// falls over on a real network. Each page is requested once on the demo database, then
/// again after 300 synthetic communes (8 projects x 6 activities each) have been added, and
/// once more for a synthetic program twice Settat's size: the three counts must be equal and
/// small.
final class QueryBoundTests: XCTestCase {
    static let ceiling = 25

    func testHome() { check("home") }
    func testNetwork() { check("network") }
    func testData() { check("data") }
    func testCommune() { check("commune") }
    func testProgramOverview() { check("program") }
    func testMatrix() { check("matrix") }
    func testProjectCard() { check("project") }
    func testParticipation() { check("participation") }
    func testCSV() { check("csv") }
    func testJSON() { check("json") }
    func testProgramFeed() { check("feed") }
    func testCommuneCalendar() { check("calendar") }
    func testNetworkCalendar() { check("network calendar") }
    func testExecution() { check("execution") }
    func testExecutionCSV() { check("execution csv") }
    func testExecutionJSON() { check("execution json") }

    /// The front page stays light on a large network: the first communes and a link to the
    /// network page, which lists every member, fifty a page grouped by region; so does the
    /// open-data page, twenty-five a page. Every page of both stays under 30 KB compressed (issue 16).
    func testALargeNetworkIsListedWholeOnTheNetworkPageNotTheHomePage() throws {
        let fixture = try QueryBoundFixture.shared.get()
        for language in ["ar", "fr"] {
            let home = fixture.homes[language] ?? ""
            XCTAssertEqual(fixture.measured["home"]?.large.status, 200)
            let onHome = (1...QueryBoundFixture.communes).filter { n in
                home.contains(language == "ar" ? "جماعة تجريبية \(n)<" : "Commune synthétique \(n)<")
            }
            // The four member communes of the demo come first; the sandbox is listed last.
            XCTAssertEqual(onHome.count, HomePage.shownCommunes - 4, "\(language) home lists the first communes only")
            XCTAssertTrue(home.contains("href=\"/\(language)/network\">") && home.contains("(\(QueryBoundFixture.communes + 5))"),
                          "\(language) home links to the whole list with its size")
            for demo in language == "ar" ? ["جماعة سطات", "تارودانت"] : ["Commune de Settat", "Taroudant"] {
                XCTAssertTrue(home.contains(demo), "\(language) home page still lists \(demo)")
            }
            for (name, pages) in [("network", fixture.networks[language] ?? []), ("data", fixture.dataPages[language] ?? [])] {
                let perPage = name == "data" ? DataPage.communesPerPage : NetworkPage.membersPerPage
                let expected = (QueryBoundFixture.communes + 4 + (name == "data" ? 1 : 0) + perPage - 1) / perPage
                XCTAssertEqual(pages.count, expected, "\(language) \(name): \(perPage) communes a page")
                let all = pages.joined()
                let missing = (1...QueryBoundFixture.communes).filter { n in
                    !all.contains(language == "ar" ? "جماعة تجريبية \(n)<" : "Commune synthétique \(n)<")
                }
                XCTAssertEqual(missing, [], "\(language) \(name) pages leave out synthetic communes \(missing.prefix(10))…")
                for (index, page) in pages.enumerated() {
                    let compressed = Gzip.compress(Array(page.utf8))?.count ?? .max
                    XCTAssertLessThan(compressed, 30_000, "\(language) \(name) page \(index + 1) is \(compressed) bytes compressed")
                }
            }
        }
        let seconds = try XCTUnwrap(fixture.homeSeconds)
        XCTAssertLessThan(seconds, 2.0, "the home page of \(QueryBoundFixture.communes + 5) communes took \(seconds) s to render")
    }

    private func check(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let fixture: QueryBoundFixture
        do { fixture = try QueryBoundFixture.shared.get() } catch {
            return XCTFail("could not build the large database: \(error)", file: file, line: line)
        }
        guard let m = fixture.measured[name] else { return XCTFail("\(name) was not measured", file: file, line: line) }
        let what = "\(name) (\(m.path))"
        XCTAssertEqual(m.demo.status, 200, "\(what) on the demo data", file: file, line: line)
        XCTAssertEqual(m.large.status, 200, "\(what) with \(QueryBoundFixture.communes) more communes", file: file, line: line)
        XCTAssertEqual(m.large.queries, m.demo.queries,
                       "\(what): \(m.demo.queries) queries on the demo data, \(m.large.queries) with \(QueryBoundFixture.communes) more communes",
                       file: file, line: line)
        if let bigger = m.biggerProgram {
            XCTAssertEqual(bigger.status, 200, "\(name) (\(m.biggerPath ?? "")) of a synthetic program", file: file, line: line)
            XCTAssertEqual(bigger.queries, m.demo.queries,
                           "\(name): \(m.demo.queries) queries for Settat, \(bigger.queries) for \(m.biggerPath ?? "") (8 projects x 6 activities)",
                           file: file, line: line)
        }
        XCTAssertGreaterThan(m.demo.queries, 0, "\(what) reads the store through Database (counted)", file: file, line: line)
        XCTAssertLessThanOrEqual(m.large.queries, Self.ceiling, "\(what) runs \(m.large.queries) queries", file: file, line: line)
    }
}

/// One large database shared by every test above (building it is the slow part), measured
/// once: each page on the demo data, then the same pages after the synthetic communes.
struct QueryBoundFixture: Sendable {
    static let communes = 300
    static let projects = 8
    static let activities = 6
    static let shared: Result<QueryBoundFixture, any Error> = Result { try QueryBoundFixture() }

    struct Count: Sendable { let status: Int; let queries: Int }
    struct Measured: Sendable {
        let path: String
        let demo: Count
        let large: Count
        let biggerPath: String?
        let biggerProgram: Count?
    }

    /// name, path, and the same page for a synthetic program when the page belongs to one.
    static let pages: [(name: String, path: String, synthetic: String?)] = {
        let settat = "/ar/communes/settat/programs/2024-2025"
        let other = "/ar/communes/\(syntheticSlug(7))/programs/2024-2025"
        return [
            ("home", "/ar/", nil),
            ("network", "/ar/network", nil),
            ("data", "/ar/data", nil),
            ("commune", "/ar/communes/settat", "/ar/communes/\(syntheticSlug(7))"),
            ("program", settat, other),
            ("matrix", settat + "/matrix", other + "/matrix"),
            ("project", settat + "/projects/1", other + "/projects/1"),
            ("participation", settat + "/participation", other + "/participation"),
            ("csv", settat + ".csv", other + ".csv"),
            ("json", settat + ".json", other + ".json"),
            ("feed", settat + "/feed.atom", other + "/feed.atom"),
            ("calendar", "/ar/communes/settat/calendar.ics", "/ar/communes/\(syntheticSlug(7))/calendar.ics"),
            ("network calendar", "/ar/calendar.ics", nil),
            ("execution", settat + "/execution", other + "/execution"),
            ("execution csv", settat + "/execution.csv", other + "/execution.csv"),
            ("execution json", settat + "/execution.json", other + "/execution.json"),
        ]
    }()

    let measured: [String: Measured]
    let homes: [String: String]
    /// Every page of the network's member list and of the open-data page, in order.
    let networks: [String: [String]]
    let dataPages: [String: [String]]
    let homeSeconds: Double?

    init() throws {
        let portal = try Portal()
        func count(_ path: String) -> (Count, String) {
            portal.resetQueryCount()
            let page = portal.get(path)
            return (Count(status: page.status, queries: portal.site.database.queryCount), page.body)
        }
        let demo = Self.pages.map { count($0.path).0 }
        let filling = Date()
        try portal.site.database.write { db in
            try fillSynthetic(db, communes: Self.communes, projectsPerProgram: Self.projects, activitiesPerProject: Self.activities)
            // Issue 13: the bigger program has a history for every activity (two entries each) and
            // a measured value for every indicator, so its execution pages read rows Settat has not.
            for (day, status, percent) in [("2025-01-01", "in-progress", 30), ("2025-03-01", "delayed", 40)] {
                try db.run("""
                    INSERT INTO activity_progress (activity_id, entry_on, status, percent, reason_ar, started_on, recorded_at, recorded_by_name)
                    SELECT a.id, ?, ?, ?, 'سبب', '2024-12-01', '2025-03-01T10:00:00Z', 'test'
                    FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id
                    JOIN communes c ON c.id = g.commune_id WHERE c.slug = ?
                    """, [day, status, percent, syntheticSlug(7)])
            }
            try db.run("""
                INSERT INTO indicator_plans (indicator_id, unit) SELECT i.id, 'count' FROM project_indicators i
                JOIN projects p ON p.id = i.project_id JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id WHERE c.slug = ?
                """, [syntheticSlug(7)])
            try db.run("""
                INSERT INTO indicator_values (indicator_id, measured_on, value_number, recorded_at, recorded_by_name)
                SELECT indicator_id, '2025-02-01', 3, '2025-03-01T10:00:00Z', 'test' FROM indicator_plans
                """)
        }
        let filled = Date().timeIntervalSince(filling)
        // Each path is requested once per state of the data, so a page cache never answers.
        let started = Date()
        let (largeHome, arabic) = count("/ar/")
        homeSeconds = Date().timeIntervalSince(started)
        var measured: [String: Measured] = [:]
        for (index, page) in Self.pages.enumerated() {
            measured[page.name] = Measured(path: page.path, demo: demo[index], large: page.path == "/ar/" ? largeHome : count(page.path).0,
                                           biggerPath: page.synthetic, biggerProgram: page.synthetic.map { count($0).0 })
        }
        homes = ["ar": arabic, "fr": portal.get("/fr/").body]
        func pages(_ path: String) -> [String] {
            var bodies: [String] = []
            while bodies.count < 100 {
                let body = portal.get(path + (bodies.isEmpty ? "" : "?page=\(bodies.count + 1)")).body
                bodies.append(body)
                if !body.contains("rel=\"next\"") { break }
            }
            return bodies
        }
        networks = ["ar": pages("/ar/network"), "fr": pages("/fr/network")]
        dataPages = ["ar": pages("/ar/data"), "fr": pages("/fr/data")]
        self.measured = measured
        // One line for the log: what each page costs (demo / large network / bigger program).
        let summary = Self.pages.map { page in
            let m = measured[page.name]!
            return "\(page.name) \(m.demo.queries)/\(m.large.queries)/\(m.biggerProgram.map { String($0.queries) } ?? "-")"
        }
        print("QueryBoundTests: synthetic data in \(String(format: "%.1f", filled)) s; queries (demo/large/bigger program): "
              + summary.joined(separator: ", "))
    }
}
