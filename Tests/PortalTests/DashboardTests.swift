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

    /// The figures migration 0028's triggers keep say what the aggregates over every commune say,
    /// whatever is written: a seeded run of hundreds of random changes to communes (regions,
    /// sandboxes, deletions), programs (states, periods, adoptions, moves, deletions), meetings,
    /// proposals, activities' progress and moved activities and projects, compared with the
    /// aggregates after every change. Every kind of change must have happened at least once.
    func testTheKeptFiguresAreTheAggregatesAfterAnyChange() throws {
        let portal = try Portal()
        let database = portal.site.database
        var seed: UInt64 = 0x1503
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        struct NothingToPick: Error {}
        func pick<T>(_ values: [T]) -> T { values[random(values.count)] }
        func ids(_ db: Connection, _ sql: String) throws -> [Int] {
            let found = try db.query(sql).map { try $0.int("id") }
            if found.isEmpty { throw NothingToPick() }
            return found
        }
        let regions: [(String?, String?)] = [("جهة الشرق", "Oriental"), ("جهة سوس ماسة", "Souss-Massa"), ("جهة الشرق", nil), (nil, nil), (nil, "Drâa")]
        let states = ProgramState.allCases.map(\.rawValue)
        let periods = ["2020-2021", "2022-2023", "2024-2025", "2026-2027"]
        let progress = ["not-started": 0, "in-progress": 40, "done": 100, "delayed": 20, "cancelled": 0]
        let changes: [(name: String, change: (Connection, Int) throws -> Void)] = [
            ("commune added", { db, step in
                let region = pick(regions)
                try db.run("INSERT INTO communes (slug, name_ar, name_fr, region_ar, region_fr, region_inferred, is_sandbox) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           ["k\(step)", "جماعة \(step)", random(2) == 0 ? nil : "Commune \(step)", region.0, region.1, random(2), random(5) == 0 ? 1 : 0])
            }),
            ("region changed", { db, _ in
                let region = pick(regions)
                try db.run("UPDATE communes SET region_ar = ?, region_fr = ?, region_inferred = ? WHERE id = ?",
                           [region.0, region.1, random(2), pick(try ids(db, "SELECT id FROM communes"))])
            }),
            ("sandbox switched", { db, _ in
                try db.run("UPDATE communes SET is_sandbox = 1 - is_sandbox WHERE id = ?", [pick(try ids(db, "SELECT id FROM communes"))])
            }),
            ("commune deleted", { db, _ in
                try db.run("DELETE FROM communes WHERE id = ?", [pick(try ids(db, "SELECT id FROM communes"))])
            }),
            ("program added", { db, _ in
                try db.run("INSERT INTO programs (commune_id, period, title_ar, status, adopted_on) VALUES (?, ?, 'برنامج', ?, ?)",
                           [pick(try ids(db, "SELECT id FROM communes")), pick(periods), pick(states), random(2) == 0 ? nil : "202\(random(6))-10"])
            }),
            ("program changed", { db, _ in
                try db.run("UPDATE programs SET status = ?, period = ?, adopted_on = ? WHERE id = ?",
                           [pick(states), pick(periods), random(3) == 0 ? nil : "202\(random(6))-10-0\(1 + random(9))",
                            pick(try ids(db, "SELECT id FROM programs"))])
            }),
            ("program moved", { db, _ in
                try db.run("UPDATE programs SET commune_id = ? WHERE id = ?",
                           [pick(try ids(db, "SELECT id FROM communes")), pick(try ids(db, "SELECT id FROM programs"))])
            }),
            ("program deleted", { db, _ in
                try db.run("DELETE FROM programs WHERE id = ?", [pick(try ids(db, "SELECT id FROM programs"))])
            }),
            ("meeting added", { db, _ in
                try db.run("""
                    INSERT INTO events (program_id, kind, channel, title_ar, participants, women, associations)
                    VALUES (?, 'co-preparation-workshop', 'workshop', 'ورشة', ?, ?, ?)
                    """, [pick(try ids(db, "SELECT id FROM programs")), random(3) == 0 ? nil : 20 + random(80),
                          random(3) == 0 ? nil : random(20), random(3) == 0 ? nil : random(9)])
            }),
            ("meeting changed", { db, _ in
                try db.run("UPDATE events SET participants = ?, women = ?, program_id = ? WHERE id = ?",
                           [random(4) == 0 ? nil : random(90), random(4) == 0 ? nil : random(30), pick(try ids(db, "SELECT id FROM programs")),
                            pick(try ids(db, "SELECT id FROM events"))])
            }),
            ("meeting deleted", { db, _ in
                try db.run("DELETE FROM events WHERE id = ?", [pick(try ids(db, "SELECT id FROM events"))])
            }),
            ("proposal added", { db, step in
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, kind, title, description, channel, status, hidden, tracking_code, created_at)
                    SELECT program_id, call_id, kind, title, description, ?, ?, ?, ?, created_at FROM proposals WHERE id = ?
                    """, [pick(["platform", "workshop"]), pick(["processing", "accepted", "integrated", "rejected"]), random(4) == 0 ? 1 : 0,
                          "FIGURES-\(step)", pick(try ids(db, "SELECT id FROM proposals"))])
            }),
            ("proposal changed", { db, _ in
                try db.run("UPDATE proposals SET status = ?, hidden = ? WHERE id = ?",
                           [pick(["processing", "accepted", "rejected"]), random(3) == 0 ? 1 : 0, pick(try ids(db, "SELECT id FROM proposals"))])
            }),
            ("proposal deleted", { db, _ in
                try db.run("DELETE FROM proposals WHERE id = ?", [pick(try ids(db, "SELECT id FROM proposals"))])
            }),
            ("progress recorded", { db, step in
                let status = pick(Array(progress.keys))
                try db.run("""
                    INSERT INTO activity_progress (activity_id, entry_on, status, percent, reason_ar, recorded_at, recorded_by_name)
                    VALUES (?, ?, ?, ?, 'سبب', '2026-12-08T00:00:00Z', 'test')
                    """, [pick(try ids(db, "SELECT id FROM activities")), "2030-01-01", status, progress[status]!])
            }),
            ("activity moved", { db, _ in
                try db.run("UPDATE activities SET project_id = ? WHERE id = ?",
                           [pick(try ids(db, "SELECT id FROM projects")), pick(try ids(db, "SELECT a.id FROM activities a JOIN activity_progress g ON g.activity_id = a.id"))])
            }),
            ("project moved", { db, _ in
                try db.run("UPDATE projects SET program_id = ? WHERE id = ?",
                           [pick(try ids(db, "SELECT id FROM programs")), pick(try ids(db, "SELECT id FROM projects"))])
            }),
        ]
        try database.write { db in
            let opened = try Call.parse(try XCTUnwrap(db.scalar("SELECT opens_at FROM calls WHERE id = 501", as: String.self)))
            for n in 0..<6 {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (?, ?, NULL, 'idea', 'Une idée', 'Une description.', ?, ?, ?)
                    """, [n < 3 ? 1 : 5, n < 3 ? 101 : 501, n % 2 == 0 ? "platform" : "workshop", TrackingCode.make(),
                          Call.utcText(opened.addingTimeInterval(Double(3600 + n)))])
            }
        }
        let before = try database.read { try Self.keptAndAggregatedFigures($0) }
        XCTAssertEqual(before.kept, before.aggregated, "after the migrations and six proposals, three to the sandbox")
        var seen = Set(before.kept.map { String($0.prefix { $0 != " " }) })
        var happened: [String: Int] = [:]
        for step in 0..<600 {
            let change = pick(changes)
            let done = (try? database.write { try change.change($0, step) }) != nil
            if done { happened[change.name, default: 0] += 1 }
            let now = try database.read { try Self.keptAndAggregatedFigures($0) }
            XCTAssertEqual(now.kept, now.aggregated, "step \(step): \(change.name)")
            seen.formUnion(now.kept.map { String($0.prefix { $0 != " " }) })
            if now.kept != now.aggregated { break }
        }
        XCTAssertEqual(seen, ["state", "region", "adopted", "participation", "proposals", "execution"])
        for change in changes { XCTAssertGreaterThan(happened[change.name] ?? 0, 0, "\(change.name) never happened: \(happened)") }
        XCTAssertEqual(portal.get("/fr/network/dashboard?after=changes").status, 200)
    }

    /// The home page's first communes, the dashboard's named communes and the member
    /// directory's pages are read through 0028's indexes, a few rows at any size: never every
    /// commune's figures computed, or every commune sorted, for one page.
    func testTheHomeTheDashboardAndTheDirectoryReadTheirCommunesThroughIndexes() throws {
        let portal = try Portal()
        let directory: [any SQLBindable] = [true, nil as String?, nil as String?, 50, 0, nil as String?]
        let plans = try portal.site.database.read { db in
            try [(HomeStore.communesSQL, [12], "communes_in_order"), (NetworkStore.communesByStateSQL, [12], "communes_by_state"),
                 (NetworkStore.communesByRegionSQL, [12], "communes_by_region"),
                 (NetworkStore.membersSQL, directory, "communes_directory")].map { sql, bindings, index in
                (index, try db.query("EXPLAIN QUERY PLAN " + sql, bindings).map { try $0.string("detail") })
            }
        }
        for (index, plan) in plans {
            XCTAssertTrue(plan.contains { $0.contains("c USING INDEX \(index)") }, "\(plan)")
            XCTAssertFalse(plan.contains { $0.hasPrefix("SCAN c") && !$0.contains(index) }, "no commune is read outside the index: \(plan)")
        }
        for (index, plan) in [plans[0], plans[3]] {
            XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "\(index): the communes come in index order: \(plan)")
        }
    }

    /// A database made before 0028, demo and all, gets its figures counted by the migration:
    /// what the aggregates say, and kept from then on.
    func testADatabaseMadeBefore0028GetsItsFiguresCounted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-0028-\(UUID().uuidString)")
        let migrations = folder.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: migrations.appendingPathComponent("demo"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let source = repositoryRoot.appendingPathComponent("Migrations")
        let all = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".sql") }.sorted()
        for name in all where name < "0028" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent("demo").path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent("demo/" + name), to: migrations.appendingPathComponent("demo/" + name))
        }
        let path = folder.appendingPathComponent("app.sqlite").path
        _ = try Store.prepare(path: path, migrations: migrations, loadDemo: true)
        let db = try Connection(path: path)
        // Public proposals to a member's program (Settat's, 1) and to the sandbox's (5), and the
        // progress of a member's activity: before 0028, none of them counted by a trigger.
        for (n, program, call) in [(0, 1, 101), (1, 1, 101), (2, 1, 101), (3, 5, 501)] {
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (?, ?, 'idea', 'Une idée', 'Une description.', ?, ?, '2026-12-08T00:00:00Z')
                """, [program, call, n == 0 ? "workshop" : "platform", TrackingCode.make()])
        }
        let activity = try XCTUnwrap(db.scalar("""
            SELECT a.id FROM activities a JOIN projects j ON j.id = a.project_id JOIN programs p ON p.id = j.program_id
            JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0 ORDER BY a.id LIMIT 1
            """, as: Int.self))
        try db.run("""
            INSERT INTO activity_progress (activity_id, entry_on, status, percent, recorded_at, recorded_by_name)
            VALUES (?, '2026-12-01', 'in-progress', 30, '2026-12-08T00:00:00Z', 'test')
            """, [activity])
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'network_figures'", as: Int.self), 0)
        for name in all where name >= "0028" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: migrations.appendingPathComponent(name))
        }
        XCTAssertEqual(try Migrator(directory: migrations).migrate(db).first, "0028_network_figures.sql")
        let counted = try Self.keptAndAggregatedFigures(db)
        XCTAssertEqual(counted.kept, counted.aggregated)
        XCTAssertEqual(Set(counted.kept.map { String($0.prefix { $0 != " " }) }), ["state", "region", "adopted", "participation", "proposals", "execution"],
                       "every figure is counted by the migration itself")
        XCTAssertTrue(counted.kept.contains("proposals processing platform 2") && counted.kept.contains("execution in-progress 1"), "\(counted.kept)")
        try db.run("INSERT INTO programs (commune_id, period, title_ar, status, adopted_on) SELECT id, '2030-2031', 'برنامج', 'adopted', '2030-10' FROM communes WHERE slug = 'settat'")
        let kept = try Self.keptAndAggregatedFigures(db)
        XCTAssertEqual(kept.kept, kept.aggregated)
        XCTAssertTrue(kept.kept.contains("adopted 2030 1"))
    }

    /// The dashboard's figures twice, as strings to compare: as NetworkStore reads them from
    /// migration 0028's kept counts, and as the aggregates over every commune it replaced compute
    /// them (three communes named per row).
    private static func keptAndAggregatedFigures(_ db: Connection) throws -> (kept: [String], aggregated: [String]) {
        var kept: [String] = []
        for (state, group) in try NetworkStore.communesByState(db, named: 3).sorted(by: { $0.key < $1.key }) {
            kept.append("state \(state) \(group.count) \(group.names ?? "-")")
        }
        for group in try NetworkStore.communesByRegion(db, named: 3) {
            kept.append("region \(group.key ?? "-") \(group.region?.arabic ?? "-") \(group.region?.french ?? "-") \(group.inferred) \(group.communes.count) \(group.communes.names ?? "-")")
        }
        kept += try NetworkStore.adoptionsPerYear(db).map { "adopted \($0.year) \($0.count)" }
        let participation = try NetworkStore.participation(db)
        kept.append("participation \([participation.participants, participation.women, participation.associations, participation.counted])")
        kept += try NetworkStore.proposalTally(db).map { "proposals \($0.status) \($0.channel) \($0.count)" }
        kept += try NetworkStore.activitiesByStatus(db).map { "execution \($0.status) \($0.count)" }

        var aggregated: [String] = try db.query("""
            SELECT state, count(*) AS n, group_concat(CASE WHEN rank <= 3 THEN packed END, char(30)) AS names
            FROM (SELECT coalesce(p.status, '') AS state, c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed,
                         row_number() OVER (PARTITION BY coalesce(p.status, '') ORDER BY c.id) AS rank
                  FROM communes c LEFT JOIN programs p ON p.id = (SELECT id FROM programs WHERE commune_id = c.id ORDER BY period DESC LIMIT 1)
                  WHERE c.is_sandbox = 0 ORDER BY state, rank)
            GROUP BY state ORDER BY state
            """).map { "state \(try $0.string("state")) \(try $0.int("n")) \(try $0.optionalString("names") ?? "-")" }
        aggregated += try db.query("""
            SELECT region_ar, region_fr, count(*) AS n, min(region_inferred) AS inferred,
                   group_concat(CASE WHEN rank <= 3 THEN packed END, char(30)) AS names
            FROM (SELECT c.region_ar, c.region_fr, c.region_inferred,
                         c.slug || char(31) || c.name_ar || char(31) || coalesce(c.name_fr, '') AS packed,
                         row_number() OVER (PARTITION BY c.region_ar, c.region_fr ORDER BY c.id) AS rank
                  FROM communes c WHERE c.is_sandbox = 0 ORDER BY c.region_ar, c.region_fr, rank)
            GROUP BY region_ar, region_fr ORDER BY n DESC, region_ar, region_fr LIMIT 16
            """).map { row in
            let region = try Localized(optional: row, "region")
            return "region \(try row.optionalString("region_ar") ?? "-") \(region?.arabic ?? "-") \(region?.french ?? "-") \(try row.int("inferred") == 1) "
                + "\(try row.int("n")) \(try row.optionalString("names") ?? "-")"
        }
        aggregated += try db.query("""
            SELECT substr(p.adopted_on, 1, 4) AS year, count(*) AS n FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE p.adopted_on IS NOT NULL AND c.is_sandbox = 0 GROUP BY 1 ORDER BY 1
            """).map { "adopted \(try $0.string("year")) \(try $0.int("n"))" }
        let sums = try XCTUnwrap(db.queryOne("""
            SELECT sum(e.participants) AS participants, sum(e.women) AS women, sum(e.associations) AS associations,
                   sum(CASE WHEN e.women IS NOT NULL THEN e.participants END) AS counted
            FROM events e JOIN programs p ON p.id = e.program_id JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0
            """))
        aggregated.append("participation \([try sums.optionalInt("participants"), try sums.optionalInt("women"), try sums.optionalInt("associations"), try sums.optionalInt("counted")])")
        aggregated += try db.query("""
            SELECT g.status, g.channel, count(*) AS n FROM proposals g JOIN programs p ON p.id = g.program_id JOIN communes c ON c.id = p.commune_id
            WHERE c.is_sandbox = 0 AND g.hidden = 0 AND g.merged_into_id IS NULL GROUP BY 1, 2 ORDER BY 1, 2
            """).map { "proposals \(try $0.string("status")) \(try $0.string("channel")) \(try $0.int("n"))" }
        aggregated += try db.query("""
            SELECT g.status, count(*) AS n FROM activity_progress g
            JOIN (SELECT activity_id, max(id) AS last FROM activity_progress GROUP BY activity_id) l ON l.last = g.id
            JOIN activities a ON a.id = g.activity_id JOIN projects j ON j.id = a.project_id JOIN programs p ON p.id = j.program_id
            JOIN communes c ON c.id = p.commune_id WHERE c.is_sandbox = 0 GROUP BY 1 ORDER BY 1
            """).map { "execution \(try $0.string("status")) \(try $0.int("n"))" }
        return (kept, aggregated)
    }
}
