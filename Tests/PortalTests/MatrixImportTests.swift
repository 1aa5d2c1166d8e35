import XCTest
import SQLite
import Templates
@testable import Portal

/// The CSV import of a whole matrix against the real demo programs: what the portal exports
/// comes back unchanged, an edited file changes exactly what was edited, and every bad file is
/// refused with the right line and column while the store stays as it was.
final class MatrixImportTests: XCTestCase {
    // MARK: Round trips

    func testExportThenImportIntoTheSameProgramChangesNothingForEveryDemoProgramAndLanguage() throws {
        let portal = try Portal()
        let programs = try demoPrograms(portal)
        XCTAssertEqual(programs.count, 6, "the four documented programs and the sandbox's two")
        for program in programs {
            for language in Language.allCases {
                let bytes = try export(portal, program.slug, program.period, language)
                let before = try snapshot(portal)
                let changes = try importCSV(portal, bytes, into: program.id, language)
                XCTAssertEqual(changes, [], "\(program.slug) \(language)")
                XCTAssertEqual(try export(portal, program.slug, program.period, language), bytes, "\(program.slug) \(language)")
                XCTAssertEqual(try snapshot(portal), before, "\(program.slug) \(language)")
            }
        }
    }

    func testExportThenImportIntoANewProgramOfAnotherCommuneGivesTheSameCSV() throws {
        let portal = try Portal()
        for (index, program) in try demoPrograms(portal).enumerated() {
            for (offset, language) in Language.allCases.enumerated() {
                let bytes = try export(portal, program.slug, program.period, language)
                let (slug, period) = ("demo" == program.slug ? "settat" : "demo", "\(2040 + index * 4 + offset * 2)-\(2041 + index * 4 + offset * 2)")
                let newID = try portal.site.database.write { db -> Int in
                    let commune = try db.scalar("SELECT id FROM communes WHERE slug = ?", [slug], as: Int.self)!
                    try db.run("INSERT INTO programs (commune_id, period, title_ar, status) VALUES (?, ?, 'برنامج', 'draft')", [commune, period])
                    return Int(db.lastInsertRowID)
                }
                let changes = try importCSV(portal, bytes, into: newID, language)
                XCTAssertEqual(changes.isEmpty, try rowsOf(bytes).isEmpty)
                XCTAssertEqual(try export(portal, slug, period, language), bytes, "\(program.slug) \(language) into \(slug) \(period)")
                XCTAssertEqual(try importCSV(portal, bytes, into: newID, language), [], "a second import changes nothing")
                // A French file gives new rows an Arabic text too (the source column is NOT NULL and shown on Arabic pages).
                let emptyArabic = try portal.site.database.read { db in
                    try db.scalar("""
                        SELECT (SELECT count(*) FROM axes WHERE program_id = ? AND title_ar = '')
                             + (SELECT count(*) FROM projects WHERE program_id = ? AND title_ar = '')
                        """, [newID, newID], as: Int.self)
                }
                XCTAssertEqual(emptyArabic, 0)
            }
        }
    }

    // MARK: Edits

    func testAnEditedCSVMakesExactlyTheEditedChanges() throws {
        let portal = try Portal()
        var rows = try rowsOf(export(portal, "taroudant", "2024-2025", .ar))
        let c = column
        let frenchTitle = try value("SELECT title_fr FROM projects WHERE program_id = 2 AND number = 2", portal)
        let arabicTitle = rows.first { $0[c("project_number")] == "2" }![c("project_title")]
        // Project 2 gets a new title on each of its rows.
        for i in rows.indices where rows[i][c("project_number")] == "2" { rows[i][c("project_title")] = "مجلس الشباب بتارودانت" }
        // Project 1 loses activity 4.
        let removedID = try Int(value("SELECT a.id FROM activities a JOIN projects p ON p.id = a.project_id WHERE p.program_id = 2 AND p.number = 1 AND a.number = 4", portal)!)!
        rows.removeAll { $0[c("project_number")] == "1" && $0[c("activity_number")] == "4" }
        // Project 2 gains activity 6, with a known partner and a new one.
        let knownPartner = try value("SELECT name_ar FROM partners ORDER BY id LIMIT 1", portal)!
        var added = rows.last { $0[c("project_number")] == "2" }!
        added[c("activity_number")] = "6"
        added[c("activity_title")] = "تقييم عمل مجلس الشباب"
        added[c("partners")] = knownPartner + " ; جمعية شباب تارودانت"
        added[c("cost_dh")] = "1500"
        added[c("cost_text")] = ""
        added[c("funding")] = "ذاتي"
        added[c("start")] = "2025-01"
        added[c("end")] = "2025-03"
        rows.insert(added, at: rows.lastIndex { $0[c("project_number")] == "2" }! + 1)
        // Project 6 moves from axis 2 to axis 3.
        let axis3Title = rows.first { $0[c("axis_number")] == "3" }![c("axis_title")]
        for i in rows.indices where rows[i][c("project_number")] == "6" {
            rows[i][c("axis_number")] = "3"
            rows[i][c("axis_title")] = axis3Title
        }

        let changes = try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 2, .ar)

        let project2 = try Int(value("SELECT id FROM projects WHERE program_id = 2 AND number = 2", portal)!)!
        let project6 = try Int(value("SELECT id FROM projects WHERE program_id = 2 AND number = 6", portal)!)!
        let newActivity = try Int(value("SELECT a.id FROM activities a WHERE a.project_id = ? AND a.number = 6", portal, [project2])!)!
        let newPartner = try Int(value("SELECT id FROM partners WHERE name_ar = 'جمعية شباب تارودانت'", portal)!)!
        XCTAssertEqual(changes, [
            Change(.delete, "activity", removedID, before: "تنظيم زيارات للهيئات المماثلة على الصعيد الوطني."),
            Change(.update, "project", project2, field: "title_ar", before: arabicTitle, after: "مجلس الشباب بتارودانت"),
            Change(.insert, "partner", newPartner, field: "name_ar", after: "جمعية شباب تارودانت"),
            Change(.insert, "activity", newActivity, field: "number", after: "6"),
            Change(.insert, "activity", newActivity, field: "title_ar", after: "تقييم عمل مجلس الشباب"),
            Change(.insert, "activity", newActivity, field: "cost_centimes", after: "150000"),
            Change(.insert, "activity", newActivity, field: "funding_ar", after: "ذاتي"),
            Change(.insert, "activity", newActivity, field: "date_start", after: "2025-01"),
            Change(.insert, "activity", newActivity, field: "date_end", after: "2025-03"),
            Change(.insert, "activity", newActivity, field: "partners", after: knownPartner + " ; جمعية شباب تارودانت"),
            Change(.update, "project", project6, field: "axis_number", before: "2", after: "3"),
        ])
        // The French title is left as it was; the export now says what the file said.
        XCTAssertEqual(try value("SELECT title_fr FROM projects WHERE id = ?", portal, [project2]), frenchTitle)
        // The export writes the amount the way it writes every amount.
        rows[rows.firstIndex(of: added)!][c("cost_dh")] = "1500.00"
        let exported = try rowsOf(export(portal, "taroudant", "2024-2025", .ar))
        XCTAssertEqual(exported.sorted { $0.joined(separator: ",") < $1.joined(separator: ",") },
                       rows.sorted { $0.joined(separator: ",") < $1.joined(separator: ",") })
        XCTAssertEqual(try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 2, .ar), [])
    }

    func testAFrenchEditChangesOnlyTheFrenchAndKeepsTheCard() throws {
        let portal = try Portal()
        var rows = try rowsOf(export(portal, "settat", "2024-2025", .fr))
        let c = column
        let arabic = try value("SELECT title_ar FROM projects WHERE program_id = 1 AND number = 1", portal)
        let cardRows = try value("SELECT count(*) FROM project_objectives o JOIN projects p ON p.id = o.project_id WHERE p.program_id = 1", portal)
        let before = rows.first { $0[c("project_number")] == "1" }![c("project_title")]
        for i in rows.indices where rows[i][c("project_number")] == "1" { rows[i][c("project_title")] = "Budget participatif de Settat" }
        let changes = try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 1, .fr)
        let project1 = try Int(value("SELECT id FROM projects WHERE program_id = 1 AND number = 1", portal)!)!
        XCTAssertEqual(changes, [Change(.update, "project", project1, field: "title_fr", before: before, after: "Budget participatif de Settat")])
        XCTAssertEqual(try value("SELECT title_ar FROM projects WHERE id = ?", portal, [project1]), arabic)
        XCTAssertEqual(try value("SELECT count(*) FROM project_objectives o JOIN projects p ON p.id = o.project_id WHERE p.program_id = 1", portal), cardRows)
        XCTAssertNotEqual(cardRows, "0")
    }

    func testRemovingAnUnreferencedProjectDeletesItAndItsActivities() throws {
        let portal = try Portal()
        var rows = try rowsOf(export(portal, "taroudant", "2024-2025", .ar))
        rows.removeAll { $0[column("project_number")] == "5" }
        let project5 = try Int(value("SELECT id FROM projects WHERE program_id = 2 AND number = 5", portal)!)!
        let changes = try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 2, .ar)
        XCTAssertEqual(changes.map(\.action), [.delete, .delete, .delete, .delete])
        XCTAssertEqual(changes.map(\.entity), ["activity", "activity", "activity", "project"])
        XCTAssertEqual(changes.last?.entityID, project5)
        XCTAssertEqual(try value("SELECT count(*) FROM projects WHERE program_id = 2", portal), "7")
    }

    func testRemovingWhatProposalsCallsOrFiguresReferToIsRefusedAndWritesNothing() throws {
        let portal = try Portal()
        let demo = try rowsOf(export(portal, "demo", "2025-2026", .ar))
        let c = column
        let project2 = try Int(value("SELECT id FROM projects WHERE program_id = 5 AND number = 2", portal)!)!
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, project_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, ?, 'idea', 'فكرة', 'وصف', 'platform', 'MATRIX-TEST-1', '2025-01-01T00:00:00Z')
                """, [project2])
        }
        // Project 2 has a proposal; axis 1 is named by the demo call.
        try assertRejected(portal, demo.filter { $0[c("project_number")] != "2" }, into: 5, [
            MatrixImport.Issue(line: nil, column: "axis_number", key: "import.axis_in_use", arguments: ["2"]),
            MatrixImport.Issue(line: nil, column: "project_number", key: "import.project_in_use", arguments: ["2"]),
        ])
        // Settat's figures count proposals per axis and per project.
        let settat = try rowsOf(export(portal, "settat", "2024-2025", .ar))
        try assertRejected(portal, settat.filter { $0[c("axis_number")] != "4" }, into: 1, [
            MatrixImport.Issue(line: nil, column: "axis_number", key: "import.axis_in_use", arguments: ["4"]),
            MatrixImport.Issue(line: nil, column: "project_number", key: "import.project_in_use", arguments: ["4"]),
        ])
    }

    // MARK: Rejections

    func testEveryKindOfBadLineIsReportedWithItsLineAndColumnAndNothingIsWritten() throws {
        let portal = try Portal()
        let good = try rowsOf(export(portal, "taroudant", "2024-2025", .ar))
        let c = column
        // Data row i is on line i + 2 (the header is line 1; no demo text spans lines).
        func edited(_ row: Int, _ name: String, _ text: String) -> [[String]] {
            var rows = good
            rows[row][c(name)] = text
            return rows
        }
        func issue(_ row: Int, _ name: String?, _ key: String, _ arguments: [String] = []) -> MatrixImport.Issue {
            MatrixImport.Issue(line: row + 2, column: name, key: key, arguments: arguments)
        }
        XCTAssertEqual(good[1][c("project_number")], "1")
        XCTAssertEqual(good[2][c("project_number")], "1")

        // Bad header: a renamed column, and columns out of order.
        var header = MatrixImport.columns
        header[c("cost_dh")] = "cost"
        try assertRejected(portal, header: header, good, into: 2, [
            MatrixImport.Issue(line: 1, column: "cost", key: "import.header_unknown"),
            MatrixImport.Issue(line: 1, column: "cost_dh", key: "import.header_missing"),
        ])
        header = MatrixImport.columns
        header.swapAt(c("start"), c("end"))
        try assertRejected(portal, header: header, good, into: 2,
                           [MatrixImport.Issue(line: 1, column: "start", key: "import.header_order", arguments: ["12"])])
        try assertRejected(portal, header: Array(MatrixImport.columns.dropLast()), good, into: 2,
                           [MatrixImport.Issue(line: 1, column: "end", key: "import.header_missing")])

        try assertRejected(portal, edited(2, "project_number", "1a"), into: 2, [issue(2, "project_number", "import.number_invalid", ["1a"])])
        try assertRejected(portal, edited(2, "activity_number", "0"), into: 2, [issue(2, "activity_number", "import.number_invalid", ["0"])])
        try assertRejected(portal, edited(2, "activity_number", "1"), into: 2,
                           [issue(2, "activity_number", "import.activity_duplicate", ["1", "1", "2"])])
        try assertRejected(portal, edited(2, "project_title", "عنوان آخر"), into: 2,
                           [issue(2, "project_title", "import.project_inconsistent", ["1", "2"])])
        try assertRejected(portal, edited(2, "project_budget_dh", "1.00"), into: 2,
                           [issue(2, "project_budget_dh", "import.project_inconsistent", ["1", "2"])])
        try assertRejected(portal, edited(2, "axis_title", "محور آخر"), into: 2,
                           [issue(2, "axis_title", "import.axis_inconsistent", ["1", "2"])])
        try assertRejected(portal, edited(2, "cost_dh", "-5.00"), into: 2, [issue(2, "cost_dh", "import.amount_negative", ["-5.00"])])
        try assertRejected(portal, edited(2, "cost_dh", "5.001"), into: 2, [issue(2, "cost_dh", "import.amount_decimals", ["5.001"])])
        try assertRejected(portal, edited(2, "cost_dh", "5 000"), into: 2, [issue(2, "cost_dh", "import.amount_invalid", ["5 000"])])
        var both = edited(2, "cost_dh", "5.00")
        both[2][c("cost_text")] = "يحدد لاحقا"
        try assertRejected(portal, both, into: 2, [issue(2, "cost_text", "import.cost_both")])
        try assertRejected(portal, edited(2, "start", "2024-13-01"), into: 2, [issue(2, "start", "import.date_invalid", ["2024-13-01"])])
        try assertRejected(portal, edited(2, "start", "2025-02-29"), into: 2, [issue(2, "start", "import.date_invalid", ["2025-02-29"])])
        try assertRejected(portal, edited(2, "end", "31/12/2024"), into: 2, [issue(2, "end", "import.date_invalid", ["31/12/2024"])])
        var reversed = edited(2, "start", "2024-06-01")
        reversed[2][c("end")] = "2024-05"
        try assertRejected(portal, reversed, into: 2, [issue(2, "end", "import.date_order", ["2024-06-01", "2024-05"])])
        try assertRejected(portal, edited(2, "activity_title", ""), into: 2, [issue(2, "activity_title", "import.required")])
        try assertRejected(portal, edited(2, "project_number", ""), into: 2, [issue(2, "project_number", "import.required")])
        try assertRejected(portal, edited(2, "axis_title", ""), into: 2, [issue(2, "axis_title", "import.required")])
        var orphan = edited(2, "activity_number", "")
        orphan[2][c("partners")] = ""
        try assertRejected(portal, orphan, into: 2, [issue(2, "activity_number", "import.activity_number_missing", ["activity_title"])])
        try assertRejected(portal, edited(2, "partners", "أ ; ب ; أ"), into: 2, [issue(2, "partners", "import.partner_duplicate", ["أ"])])
        try assertRejected(portal, edited(2, "activity_title", String(repeating: "ن", count: 501)), into: 2,
                           [issue(2, "activity_title", "import.too_long", ["500"])])
        try assertRejected(portal, edited(2, "funding", String(repeating: "f", count: 501)), into: 2,
                           [issue(2, "funding", "import.too_long", ["500"])])
        var short = good
        short[3].removeLast(2)
        var fieldCount = issue(3, "start", "import.field_count", ["13"])
        fieldCount.count = 11
        try assertRejected(portal, short, into: 2, [fieldCount])

        // Every bad line at once, in file order.
        var many = edited(1, "activity_number", "x")
        many[4][c("end")] = "2024-1"
        many[6][c("project_budget_dh")] = "-1"
        try assertRejected(portal, many, into: 2, [
            issue(1, "activity_number", "import.number_invalid", ["x"]),
            issue(4, "end", "import.date_invalid", ["2024-1"]),
            issue(6, "project_budget_dh", "import.amount_negative", ["-1"]),
        ])
    }

    func testQuotingErrorsAndEmbeddedLineBreaksAreReportedOnThePhysicalLine() throws {
        let portal = try Portal()
        let good = try rowsOf(export(portal, "taroudant", "2024-2025", .ar))
        let c = column
        func text(_ rows: [[String]]) -> String { String(decoding: CSV.document([MatrixImport.columns] + rows), as: UTF8.self) }
        var marked = good
        marked[3][c("activity_title")] = "MARKER"

        let unterminated = text(marked).replacingOccurrences(of: "MARKER", with: "\"MARKER")
        try assertRejected(portal, bytes: Array(unterminated.utf8), into: 2,
                           [MatrixImport.Issue(line: 5, column: "activity_title", key: "import.quote_unterminated")])
        let stray = text(marked).replacingOccurrences(of: "MARKER", with: "MAR\"KER")
        try assertRejected(portal, bytes: Array(stray.utf8), into: 2,
                           [MatrixImport.Issue(line: 5, column: "activity_title", key: "import.quote_stray")])
        let afterClosing = text(marked).replacingOccurrences(of: "MARKER", with: "\"MARK\"ER")
        try assertRejected(portal, bytes: Array(afterClosing.utf8), into: 2,
                           [MatrixImport.Issue(line: 5, column: "activity_title", key: "import.quote_stray")])

        // Titles spanning two and three lines push the following rows down, as a spreadsheet shows them.
        var multiline = good
        for i in 1...2 { multiline[i][c("activity_title")] += String(repeating: "\nسطر", count: i) }
        multiline[3][c("start")] = "never"
        try assertRejected(portal, multiline, into: 2, [MatrixImport.Issue(line: 8, column: "start", key: "import.date_invalid", arguments: ["never"])])
        // And they are imported as written.
        multiline[3][c("start")] = good[3][c("start")]
        let changes = try importCSV(portal, CSV.document([MatrixImport.columns] + multiline), into: 2, .ar)
        XCTAssertEqual(changes.map(\.field), ["title_ar", "title_ar"])
        XCTAssertEqual(changes.last?.after, good[2][c("activity_title")] + "\nسطر\nسطر")

        try assertRejected(portal, bytes: [], into: 2, [MatrixImport.Issue(line: 1, column: nil, key: "import.empty")])
        try assertRejected(portal, bytes: [0xEF, 0xBB, 0xBF, 0x61, 0xFF, 0x0A], into: 2, [MatrixImport.Issue(line: 1, column: nil, key: "import.encoding")])
    }

    func testWhatSpreadsheetsSaveReadsLikeTheExport() throws {
        let portal = try Portal()
        let bytes = try export(portal, "taroudant", "2024-2025", .fr)
        let expected = try MatrixImport.parse(bytes, language: .fr).get()
        // No byte-order mark, LF line ends, a blank trailing row of empty cells, amounts without decimals.
        var text = String(decoding: bytes.dropFirst(3), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        text = text.replacingOccurrences(of: ".00,", with: ",") + ",,,,,,,,,,,,\n\n"
        var matrix = try MatrixImport.parse(Array(text.utf8), language: .fr).get()
        XCTAssertEqual(matrix.projects.map(\.budgetCentimes), expected.projects.map(\.budgetCentimes))
        XCTAssertEqual(matrix.projects.count, 8)
        XCTAssertEqual(expected.projects.map(\.budgetCentimes).compactMap { $0 }.count, 8)
        matrix = try MatrixImport.parse(Array(text.replacingOccurrences(of: "\n", with: "\r").utf8), language: .fr).get()
        XCTAssertEqual(matrix, expected)

        // A quoted field may hold commas, doubled quotes and line breaks (RFC 4180 §2.6–2.7).
        XCTAssertEqual(try CSV.read(Array("a,\"b,\"\"c\"\"\r\nd\",\"\"\r\n".utf8)).get(),
                       [CSV.Record(line: 1, fields: ["a", "b,\"c\"\r\nd", ""])])
        XCTAssertEqual(try CSV.read(Array("x\n\"1\n2\"\ny".utf8)).get(),
                       [CSV.Record(line: 1, fields: ["x"]), CSV.Record(line: 2, fields: ["1\n2"]), CSV.Record(line: 4, fields: ["y"])])
        for (amount, centimes) in [("20000", 2_000_000), ("20000.5", 2_000_050), ("20000,05", 2_000_005), ("0", 0)] {
            var rows = try rowsOf(bytes)
            rows[0][column("cost_dh")] = amount
            rows[0][column("cost_text")] = ""
            let parsed = try MatrixImport.parse(CSV.document([MatrixImport.columns] + rows), language: .fr).get()
            XCTAssertEqual(parsed.projects[0].activities[0].costCentimes, centimes, amount)
        }
    }

    func testAnEmptiedOptionalTextIsRemovedInBothLanguagesAndAnAmountReplacesACostText() throws {
        let portal = try Portal()
        var rows = try rowsOf(export(portal, "settat", "2024-2025", .fr))
        let c = column
        let row = try XCTUnwrap(rows.firstIndex { !$0[c("funding")].isEmpty && !$0[c("cost_text")].isEmpty })
        rows[row][c("funding")] = ""
        rows[row][c("cost_text")] = ""
        rows[row][c("cost_dh")] = "300.00"
        _ = try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 1, .fr)
        let stored = try portal.site.database.read { db in
            try db.queryOne("""
                SELECT a.funding_ar, a.funding_fr, a.cost_text_ar, a.cost_text_fr, a.cost_centimes FROM activities a
                JOIN projects p ON p.id = a.project_id WHERE p.program_id = 1 AND p.number = ? AND a.number = ?
                """, [Int(rows[row][c("project_number")])!, Int(rows[row][c("activity_number")])!])!
        }
        XCTAssertNil(try stored.optionalString("funding_ar"))
        XCTAssertNil(try stored.optionalString("funding_fr"))
        XCTAssertNil(try stored.optionalString("cost_text_ar"))
        XCTAssertNil(try stored.optionalString("cost_text_fr"))
        XCTAssertEqual(try stored.optionalInt("cost_centimes"), 30000)
        XCTAssertEqual(try importCSV(portal, CSV.document([MatrixImport.columns] + rows), into: 1, .fr), [])
    }

    // MARK: Helpers

    private struct DemoProgram { let id: Int, slug: String, period: String }

    private func demoPrograms(_ portal: Portal) throws -> [DemoProgram] {
        try portal.site.database.read { db in
            try db.query("SELECT p.id, c.slug, p.period FROM programs p JOIN communes c ON c.id = p.commune_id ORDER BY p.id").map {
                DemoProgram(id: try $0.int("id"), slug: try $0.string("slug"), period: try $0.string("period"))
            }
        }
    }

    private func export(_ portal: Portal, _ slug: String, _ period: String, _ language: Language) throws -> [UInt8] {
        try portal.site.database.read { db in ProgramExport.csvBytes(try ProgramStore.record(db, slug: slug, period: period), language) }
    }

    private func importCSV(_ portal: Portal, _ bytes: [UInt8], into programID: Int, _ language: Language) throws -> [Change] {
        try portal.site.database.write { db in try MatrixImport.importCSV(bytes, into: programID, language: language, db: db) }
    }

    /// The data rows of an export (without its header).
    private func rowsOf(_ bytes: [UInt8]) throws -> [[String]] {
        let records = try CSV.read(bytes).get()
        XCTAssertEqual(records.first?.fields, MatrixImport.columns)
        return records.dropFirst().map(\.fields)
    }

    private func column(_ name: String) -> Int { MatrixImport.columns.firstIndex(of: name)! }

    private func value(_ sql: String, _ portal: Portal, _ bindings: [any SQLBindable] = []) throws -> String? {
        try portal.site.database.read { db in
            guard let row = try db.queryOne(sql, bindings) else { return nil }
            switch try row.get(row.columnNames[0], as: SQLValue.self) {
            case .text(let text): return text
            case let other: return other.description
            }
        }
    }

    /// Every table an import could touch, as text, to prove a refused import wrote nothing.
    private func snapshot(_ portal: Portal) throws -> String {
        try portal.site.database.read { db in
            var text = ""
            for sql in ["SELECT * FROM axes ORDER BY id", "SELECT * FROM projects ORDER BY id", "SELECT * FROM activities ORDER BY id",
                        "SELECT * FROM activity_partners ORDER BY activity_id, position", "SELECT * FROM partners ORDER BY id",
                        "SELECT * FROM project_partners ORDER BY project_id, position", "SELECT * FROM project_objectives ORDER BY id",
                        "SELECT * FROM proposals ORDER BY id"] {
                for row in try db.query(sql) {
                    text += try row.columnNames.map { try row.get($0, as: SQLValue.self).description }.joined(separator: "|") + "\n"
                }
                text += "--\n"
            }
            return text
        }
    }

    private func assertRejected(_ portal: Portal, header: [String] = MatrixImport.columns, _ rows: [[String]], into programID: Int,
                                _ expected: [MatrixImport.Issue], file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRejected(portal, bytes: CSV.document([header] + rows), into: programID, expected, file: file, line: line)
    }

    private func assertRejected(_ portal: Portal, bytes: [UInt8], into programID: Int, _ expected: [MatrixImport.Issue],
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot(portal)
        do {
            let changes = try importCSV(portal, bytes, into: programID, .ar)
            XCTFail("accepted, with \(changes.count) changes", file: file, line: line)
        } catch let failure as MatrixImport.Failure {
            XCTAssertEqual(failure.issues, expected, file: file, line: line)
        }
        XCTAssertEqual(try snapshot(portal), before, "a refused import wrote something", file: file, line: line)
    }
}
