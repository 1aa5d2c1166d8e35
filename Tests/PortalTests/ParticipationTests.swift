import XCTest
import SQLite
import Templates
@testable import Portal

/// The participation page: the figures the communes' own slides print, as charts and as
/// tables with the same numbers, in both languages.
final class ParticipationTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    func path(_ slug: String, _ language: String = "ar", period: String = "2024-2025") -> String {
        "/\(language)/communes/\(slug)/programs/\(period)/participation"
    }

    func testSettatShowsTheFirstWorkshopFigures() {
        let page = portal.get(path("settat"))
        XCTAssertEqual(page.status, 200)
        let workshop = section(page.body, from: "<h3>الورشة الأولى</h3>", to: "</li>")
        XCTAssertTrue(workshop.contains("<dt>المشاركون</dt><dd>43</dd>"), workshop)
        XCTAssertTrue(workshop.contains("<dt>النساء</dt><dd>22 <span class=\"share\">(51%)</span></dd>"), workshop)
        XCTAssertTrue(workshop.contains("<dt>أعضاء هيئة المساواة وتكافؤ الفرص ومقاربة النوع</dt><dd>11</dd>"), workshop)
        XCTAssertTrue(workshop.contains("17 ماي 2023"))
        XCTAssertFalse(workshop.contains("الجمعيات"), "Settat's slide gives no association count; none is invented")
        XCTAssertTrue(page.contains("9–14 يونيو 2023 · المنصة الرقمية"), "the platform window is a range on the platform channel")
    }

    func testSettatProposalsByAxisAndChannelAreChartedAndTabulated() {
        let page = portal.get(path("settat"))
        XCTAssertEqual(rows(page.body, caption: "chart-axes-caption"), [
            ["المحور", "الورشة", "المنصة الرقمية", "المجموع"],
            ["المحور 1: الميزانية التشاركية", "4", "1", "5"],
            ["المحور 2: تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع", "2", "2", "4"],
            ["المحور 3: الرقمنة", "5", "9", "14"],
            ["المحور 4: خلق آلية دائمة للتحاور", "3", "5", "8"],
            ["المجموع", "14", "17", "31"],
        ])
        let chart = svg(page.body, id: "chart-axes")
        XCTAssertTrue(chart.contains("role=\"img\""))
        XCTAssertTrue(chart.contains("aria-labelledby=\"chart-axes-title\""))
        XCTAssertTrue(chart.contains("<title id=\"chart-axes-title\">المقترحات حسب المحور والقناة: المحور 1: الميزانية التشاركية (الورشة 4، المنصة الرقمية 1)؛"), chart)
        XCTAssertTrue(chart.contains("المحور 3: الرقمنة (الورشة 5، المنصة الرقمية 9)"))
        XCTAssertTrue(chart.contains(">الورشة</text>") && chart.contains(">المنصة الرقمية</text>"), "a legend names both channels")
        let bars = barWidths(chart)
        XCTAssertEqual(bars.map(\.label), ["الورشة: 4", "المنصة الرقمية: 1", "الورشة: 2", "المنصة الرقمية: 2",
                                           "الورشة: 5", "المنصة الرقمية: 9", "الورشة: 3", "المنصة الرقمية: 5"])
        assertWidthsFollowValues(bars)
    }

    func testSettatDraftConsultationProposalsByProject() {
        let page = portal.get(path("settat"))
        XCTAssertEqual(rows(page.body, caption: "chart-projects-caption"), [
            ["المشروع", "الورشة", "المجموع"],
            ["المشروع 1: اعتماد الميزانية التشاركية في الميزانيات السنوية", "4", "4"],
            ["المشروع 2: تقوية دور هيئة المساواة وتكافؤ الفرص ومقاربة النوع", "4", "4"],
            ["المشروع 3: تعميم رقمنة الخدمات والمصالح الجماعية", "6", "6"],
            ["المشروع 4: خلق آلية دائمة للتحاور", "2", "2"],
            ["المجموع", "16", "16"],
        ])
        XCTAssertTrue(svg(page.body, id: "chart-projects").contains("role=\"img\""))
    }

    func testWomenShareChartAndItsTable() {
        let page = portal.get(path("settat"))
        XCTAssertEqual(rows(page.body, caption: "chart-women-caption"), [
            ["اللقاء", "المشاركون", "النساء", "الحصة"],
            ["الورشة الأولى · 17 ماي 2023", "43", "22", "51%"],
        ])
        let chart = svg(page.body, id: "chart-women")
        XCTAssertTrue(chart.contains("role=\"img\""))
        XCTAssertTrue(chart.contains("<title id=\"chart-women-title\">حصة النساء من المشاركين: الورشة الأولى · 17 ماي 2023: النساء: 22 من 43 (51%)</title>"), chart)
        // 22 of 43 of the 324-unit bar is 166 units, drawn from the right edge (332) in Arabic.
        XCTAssertNotNil(chart.range(of: ##"<rect x="166" y="\d+" width="166" height="22" fill="#6a3d9a"/>"##, options: .regularExpression), chart)
    }

    func testLaracheFiguresAndProposalsByChannelAndStatus() {
        let page = portal.get(path("larache"))
        XCTAssertEqual(page.status, 200)
        let meeting = section(page.body, from: "<h3>اللقاء الأول للمشاركة المواطنة</h3>", to: "</li>")
        XCTAssertTrue(meeting.contains("<dt>المشاركون</dt><dd>70</dd>"), meeting)
        XCTAssertTrue(meeting.contains("<dt>النساء</dt><dd>40 <span class=\"share\">(57%)</span></dd>"))
        XCTAssertTrue(meeting.contains("<dt>الجمعيات</dt><dd>18</dd>"))
        XCTAssertEqual(rows(page.body, caption: "chart-status-caption"), [
            ["الحالة", "الورشة", "المنصة الرقمية", "المجموع"],
            ["مقبولة", "15", "5", "20"],
            ["مدمجة في مشاريع", "6", "2", "8"],
            ["في طور المعالجة", "8", "2", "10"],
            ["غير مقبولة", "0", "1", "1"],
            ["المجموع", "29", "10", "39"],
        ])
        XCTAssertEqual(rows(page.body, caption: "chart-women-caption").last, ["اللقاء الأول للمشاركة المواطنة · 21 مارس 2023", "70", "40", "57%"])
        let chart = svg(page.body, id: "chart-status")
        XCTAssertTrue(chart.contains("role=\"img\"") && chart.contains("<title id=\"chart-status-title\">مآل المقترحات حسب القناة: مقبولة (الورشة 15، المنصة الرقمية 5)"), chart)
        assertWidthsFollowValues(barWidths(chart))
        XCTAssertFalse(page.contains("chart-axes"), "Larache counted no proposals per axis: no empty chart")
    }

    func testTaroudantFirstWorkshopProposalsByAxis() {
        let page = portal.get(path("taroudant"))
        XCTAssertEqual(rows(page.body, caption: "chart-axes-caption"), [
            ["المحور", "الورشة", "المجموع"],
            ["المحور 1: التواصل", "2", "2"],
            ["المحور 2: الرقمنة الإدارية", "2", "2"],
            ["المحور 3: تدبير المخاطر", "6", "6"],
            ["المحور 4: تدبير الزمن الإداري", "14", "14"],
            ["المجموع", "24", "24"],
        ], "only the workshop channel was counted")
        XCTAssertTrue(page.contains("<dt>المقترحات المسجلة</dt><dd>24</dd>"))
        assertWidthsFollowValues(barWidths(svg(page.body, id: "chart-axes")))
    }

    func testFrenchPageMarksUntranslatedTextAndMirrorsTheChart() throws {
        try portal.site.database.write { db in
            try db.run("UPDATE axes SET title_fr = NULL WHERE program_id = 1 AND number = 3")
        }
        let page = portal.get(path("settat", "fr"))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<html lang=\"fr\" dir=\"ltr\">"))
        XCTAssertTrue(page.contains("<dt>Femmes</dt><dd>22 <span class=\"share\">(51%)</span></dd>"))
        let table = section(page.body, from: "id=\"chart-axes-caption\"", to: "</table>")
        XCTAssertTrue(table.contains("Axe 3\u{A0}: <span lang=\"ar\" dir=\"rtl\" class=\"untranslated\""), table)
        XCTAssertTrue(table.contains(">الرقمنة</span></th><td data-label=\"Atelier\">5</td><td data-label=\"Plateforme numérique\">9</td><td data-label=\"Total\">14</td>"), table)
        XCTAssertEqual(rows(page.body, caption: "chart-axes-caption").last, ["Total", "14", "17", "31"])
        let chart = svg(page.body, id: "chart-axes")
        XCTAssertTrue(chart.contains("direction=\"ltr\""))
        // The longest bar (platform, axis 3: 9) is 284 units: from the left edge in French, ending at the right edge in Arabic.
        let longest = ##"<rect x="(\d+)" y="\d+" width="284" height="16" fill="#a04f00"><title>"##
        XCTAssertEqual(capture(longest, in: chart), "8", "French bars grow from the left edge")
        XCTAssertEqual(capture(longest, in: svg(portal.get(path("settat")).body, id: "chart-axes")), "48",
                       "Arabic bars grow from the right edge (332 - 284)")
        XCTAssertTrue(page.contains("href=\"/ar/communes/settat/programs/2024-2025/participation\""), "the language switch stays here")
    }

    func testBarGeometryMirrorsForRightToLeft() {
        func chart(_ language: Language) -> BarChart {
            BarChart(id: "c", title: "t", categoryHeading: "h",
                     series: [ChartSeries(label: "a", fill: "#000"), ChartSeries(label: "b", fill: "#111")],
                     categories: [.init(label: "x", header: RowHeader(text: "x"), values: [10, 5])], language: language)
        }
        let rtl = TemplateValue(chart(.ar).view)["groups"], ltr = TemplateValue(chart(.fr).view)["groups"]
        guard case .array(let rtlGroups) = rtl, case .array(let rtlBars) = rtlGroups[0]["bars"],
              case .array(let ltrGroups) = ltr, case .array(let ltrBars) = ltrGroups[0]["bars"] else { return XCTFail("bars") }
        // 340 wide with 8-unit margins; the longest bar fills the room left for value labels: 324 - 40 = 284.
        XCTAssertEqual(ltrBars[0]["width"], 284)
        XCTAssertEqual(ltrBars[1]["width"], 142)
        XCTAssertEqual(ltrBars[0]["x"], 8)
        XCTAssertEqual(rtlBars[0]["x"], 48, "right-aligned: 332 - 284")
        XCTAssertEqual(rtlBars[1]["x"], 190)
        XCTAssertEqual(rtlBars[1]["value_x"], 186, "the value label starts just past the bar's end")
        XCTAssertEqual(ltrBars[1]["value_x"], 154)
    }

    /// A count of national size ("450 762", seven characters) leaves its longest bar room for
    /// the label, in both directions: the bar is shorter than 284 by the label's extra width.
    func testALongValueLabelEndsInsideTheChart() {
        for language in [Language.ar, .fr] {
            let chart = BarChart(id: "c", title: "t", categoryHeading: "h", series: [ChartSeries(label: "a", fill: "#000")],
                                 categories: [.init(label: "x", header: RowHeader(text: "x"), values: [450_762])], language: language)
            guard case .array(let groups) = TemplateValue(chart.view)["groups"], case .array(let bars) = groups[0]["bars"],
                  case .int(let width) = bars[0]["width"], case .int(let valueX) = bars[0]["value_x"] else { return XCTFail("bars") }
            XCTAssertEqual(width, 324 - (9 * 7 + 4), "\(language)")
            // The label's far end, at about 9 units a character, stays inside the 340-unit chart.
            let end = language == .ar ? valueX - 9 * 7 : valueX + 9 * 7
            XCTAssertTrue((0...340).contains(end), "\(language): the label ends at \(end)")
        }
    }

    func testAProgramWithoutEventsSaysNoFiguresYet() throws {
        let sandbox = portal.get(path("demo", period: "2025-2026"))
        XCTAssertEqual(sandbox.status, 200)
        XCTAssertTrue(sandbox.contains("<p class=\"empty\">لم تسجل بعد أي أرقام للمشاركة في هذا البرنامج.</p>"))
        XCTAssertFalse(sandbox.contains("<svg"))
        try portal.site.database.write { db in try db.run("DELETE FROM events WHERE program_id = 1") }
        let settat = portal.get(path("settat", "fr"))
        XCTAssertTrue(settat.contains("Aucun chiffre de participation n&#39;a encore été enregistré pour ce programme."))
        XCTAssertFalse(settat.contains("<table"))
        let beniMellal = portal.get(path("beni-mellal"))
        XCTAssertTrue(beniMellal.contains("لم تنشر أرقام لهذا اللقاء بعد."), "an event without figures says so")
    }

    func testUnknownCommuneOrPeriodIs404() {
        XCTAssertEqual(portal.get(path("nowhere")).status, 404)
        XCTAssertEqual(portal.get(path("settat", period: "2026-2027")).status, 404)
        XCTAssertEqual(portal.get(path("settat", "fr", period: "2022-2023")).status, 404)
        XCTAssertTrue(portal.get(path("nowhere", "fr")).contains("Page introuvable"))
    }

    func testQueriesDoNotGrowWithTheData() throws {
        func queries() throws -> Int {
            let page = PageRequest(route: .program(.ar, slug: "settat", period: "2024-2025", .participation), language: .ar,
                                   translations: portal.site.templates.translations)
            return try portal.site.database.read { db in
                db.queryCount = 0
                _ = try ParticipationPage.load(db, slug: "settat", period: "2024-2025", page: page)
                return db.queryCount
            }
        }
        let before = try queries()
        try portal.site.database.write { db in
            for id in 900..<920 {
                try db.run("""
                    INSERT INTO events (id, program_id, kind, channel, title_ar, participants, women)
                    VALUES (?, 1, 'consultation-workshop', 'workshop', ?, 10, 4)
                    """, [id, "ورشة \(id)"])
                try db.run("INSERT INTO event_proposal_counts (event_id, axis_id, channel, count) VALUES (?, 11, 'workshop', 3)", [id])
            }
        }
        XCTAssertEqual(try queries(), before)
        XCTAssertLessThanOrEqual(before, 12, "the program's 9 queries, then events, their agendas and counts")
        XCTAssertEqual(rows(portal.get(path("settat")).body, caption: "chart-axes-caption")[1], ["المحور 1: الميزانية التشاركية", "64", "1", "65"])
    }

    // MARK: Reading the HTML

    func section(_ html: String, from start: String, to end: String) -> String {
        guard let lower = html.range(of: start), let upper = html.range(of: end, range: lower.upperBound..<html.endIndex) else { return "" }
        return String(html[lower.lowerBound..<upper.upperBound])
    }

    /// The `<svg>` of a chart, found by its title id.
    func svg(_ html: String, id: String) -> String {
        guard let title = html.range(of: "aria-labelledby=\"\(id)-title\""),
              let open = html.range(of: "<svg", options: .backwards, range: html.startIndex..<title.lowerBound),
              let close = html.range(of: "</svg>", range: title.upperBound..<html.endIndex) else { return "" }
        return String(html[open.lowerBound..<close.upperBound])
    }

    /// The cells of the table captioned by `caption` (an id), tags stripped, row by row.
    func rows(_ html: String, caption: String) -> [[String]] {
        let table = section(html, from: "id=\"\(caption)\"", to: "</table>")
        return table.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</t").dropLast().map { cell in
                let content = cell.components(separatedBy: ">").dropFirst().joined(separator: ">")
                return content.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }.filter { !$0.isEmpty }
        }
    }

    func capture(_ pattern: String, in text: String) -> String? {
        let regex = try! NSRegularExpression(pattern: pattern)
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    /// Each bar's width with its tooltip ("series: value").
    func barWidths(_ svg: String) -> [(label: String, width: Int)] {
        let pattern = ##"width="(\d+)" height="16" fill="#[0-9a-f]{6}"><title>([^<]*)</title>"##
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { match in
            let width = Int(svg[Range(match.range(at: 1), in: svg)!])!
            return (String(svg[Range(match.range(at: 2), in: svg)!]), width)
        }
    }

    /// Bars are as long as their values say: a bigger count never has a shorter bar, and the
    /// biggest fills the room.
    func assertWidthsFollowValues(_ bars: [(label: String, width: Int)], file: StaticString = #filePath, line: UInt = #line) {
        let values = bars.map { Int($0.label.split(separator: " ").last ?? "") ?? -1 }
        XCTAssertFalse(bars.isEmpty, "the chart has bars", file: file, line: line)
        for (a, b) in zip(bars.indices, bars.indices.dropFirst()) where values[a] != values[b] {
            XCTAssertEqual(values[a] < values[b], bars[a].width < bars[b].width, "\(bars[a]) vs \(bars[b])", file: file, line: line)
        }
        if let biggest = values.indices.max(by: { values[$0] < values[$1] }) {
            XCTAssertEqual(bars[biggest].width, 284, file: file, line: line)
        }
    }
}
