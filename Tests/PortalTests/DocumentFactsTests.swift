import XCTest
import SQLite
@testable import Portal

/// Issue 14, "facts exactly as the documents give them": versions and transitions dated as the
/// documents date them, the documents' own date on the pages their figures come from, what was
/// stored but never shown (Settat's preamble and letters, the committee's mandate, partner notes,
/// the support programme's components), inferred facts marked, and a project's partners and
/// dates on activities the documents leave blank.
final class DocumentFactsTests: XCTestCase {
    var portal: Portal!
    override func setUpWithError() throws { portal = try Portal() }
    override func tearDown() { portal = nil }

    // MARK: A1 — effective dates

    func testDemoVersionsCarryTheDocumentsDatesBesideTheTechnicalTime() throws {
        let rows = try portal.site.database.read { db in
            try db.query("""
                SELECT c.slug, v.effective_start, v.effective_end, v.effective_precision, v.frozen_at FROM program_versions v
                JOIN programs p ON p.id = v.program_id JOIN communes c ON c.id = p.commune_id
                WHERE v.number = 1 AND c.slug IN ('settat', 'taroudant', 'larache') ORDER BY p.id
                """).map { row in
                [try row.string("slug"), try row.optionalString("effective_start") ?? "-", try row.optionalString("effective_end") ?? "-",
                 try row.optionalString("effective_precision") ?? "-", String(try row.string("frozen_at").prefix(4))]
            }
        }
        let year = String(Timestamp.text(Date()).prefix(4))
        XCTAssertEqual(rows, [["settat", "2023-10", "-", "month", year],
                              ["taroudant", "2023-09", "-", "month", year],
                              ["larache", "2023-07-25", "-", "day", year]],
                       "the adoption in the October 2023 session, the drafts as the decks date them; frozen_at stays the technical time")
    }

    func testVersionsPageShowsTheEffectiveDateAndTheTechnicalOne() {
        let arabic = portal.get("/ar/communes/settat/programs/2024-2025/versions")
        XCTAssertEqual(arabic.status, 200)
        XCTAssertTrue(arabic.contains("<div><dt>تاريخ المرحلة</dt><dd>أكتوبر 2023</dd></div>"), "Settat's version is dated by its session")
        XCTAssertTrue(arabic.contains("<div class=\"technical\"><dt>تاريخ التثبيت التقني</dt><dd>"), "the technical time beside it")
        let french = portal.get("/fr/communes/larache/programs/2024-2025/versions")
        XCTAssertTrue(french.contains("<div><dt>Date de l&#39;étape</dt><dd>25 juillet 2023</dd></div>"), french.body)
    }

    func testCouncilReviewShowsTheVersionsEffectiveDate() throws {
        let council = try portal.signIn(.council, commune: "settat")
        let page = portal.get("/admin/ar/communes/settat/programs/2024-2025/review", as: council)
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.contains("<div><dt>تاريخ المرحلة</dt><dd>أكتوبر 2023</dd></div>"), "the session the council adopted it in")
    }

    func testAnEffectiveDateMustHaveTheShapeOfAMilestoneDate() throws {
        XCTAssertThrowsError(try portal.site.database.write { db in
            try VersionStore.freeze(db, programID: 2, reason: .publish, label: Localized(arabic: "س", french: nil), isPublic: false,
                                       by: nil, effective: DateSpan(start: "2023-10-05", precision: "month"))
        }, "a month must be written as a month")
        XCTAssertNoThrow(try portal.site.database.write { db in
            try VersionStore.freeze(db, programID: 2, reason: .publish, label: Localized(arabic: "س", french: nil), isPublic: false,
                                       by: nil, effective: DateSpan(start: "2023-06-12", end: "2023-06-19", precision: "range"))
        })
    }

    func testATransitionRecordsItsDayAsItsEffectiveDate() throws {
        let (effective, shown) = try portal.site.database.read { db -> (String?, String?) in
            let programID = try XCTUnwrap(try db.scalar("SELECT id FROM programs WHERE period = '2023-2024'", as: Int.self))
            let steps = try LifecycleStore.transitions(db, programID: programID)
            return (try db.scalar("SELECT effective_precision || ' ' || effective_start FROM program_transitions WHERE program_id = ?",
                                  [programID], as: String.self), steps.first?.shownDate)
        }
        XCTAssertEqual(effective, "day 2023-01-02")
        XCTAssertEqual(shown, "2023-01-02")
        // Recorded in the admin area: the day typed is the effective date of the step and of its version.
        let staff = try portal.signIn(.focalPoint, commune: "taroudant")
        let form = portal.get("/admin/ar/communes/taroudant/programs/2024-2025/lifecycle/to/consultation", as: staff)
        XCTAssertEqual(form.status, 200, form.body)
        let done = portal.post("/admin/ar/communes/taroudant/programs/2024-2025/lifecycle/to/consultation",
                               form: [("date", "2023-10-02"), ("note_ar", ""), ("open_call", "0")], as: staff)
        XCTAssertEqual(done.status, 303, done.body)
        let recorded = try portal.site.database.read { db in
            try db.query("""
                SELECT t.effective_start, t.effective_precision, v.effective_start AS version_start FROM program_transitions t
                JOIN program_versions v ON v.id = t.version_id WHERE t.program_id = 2
                """).map { [try $0.string("effective_start"), try $0.string("effective_precision"), try $0.string("version_start")] }
        }
        XCTAssertEqual(recorded, [["2023-10-02", "day", "2023-10-02"]])
    }

    func testATransitionDatedByItsMonthKeepsThatPrecision() throws {
        let staff = try portal.signIn(.focalPoint, commune: "larache")
        let done = portal.post("/admin/ar/communes/larache/programs/2024-2025/lifecycle/to/consultation",
                               form: [("date", "2023-10"), ("open_call", "0")], as: staff)
        XCTAssertEqual(done.status, 303, done.body)
        let recorded = try portal.site.database.read { db in
            try db.query("""
                SELECT t.happened_on, t.effective_start, t.effective_precision, v.effective_start AS version_start, v.effective_precision AS version_precision
                FROM program_transitions t JOIN program_versions v ON v.id = t.version_id WHERE t.program_id = 3
                """).map { row in try ["happened_on", "effective_start", "effective_precision", "version_start", "version_precision"].map { try row.string($0) } }
        }
        XCTAssertEqual(recorded, [["2023-10-01", "2023-10", "month", "2023-10", "month"]], "ordered by its first day, shown as the month")
        XCTAssertTrue(portal.get("/ar/communes/larache/programs/2024-2025").contains("<p class=\"when\">أكتوبر 2023 · "), "the timeline shows the month")
        let refused = portal.post("/admin/fr/communes/larache/programs/2024-2025/lifecycle/to/draft",
                                  form: [("date", "2023-10/2023-09")], as: staff)
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.contains("n&#39;est pas une date\u{00A0}: écrivez un jour AAAA-MM-JJ, un mois AAAA-MM"), refused.body)
        XCTAssertTrue(refused.contains("value=\"2023-10/2023-09\""), "what was typed is kept")
    }

    // MARK: A2 — held milestones done, "data as of"

    func testMilestonesUpToTheDocumentsDateAreDoneAndLaterOnesPlanned() throws {
        let rows = try portal.site.database.read { db in
            try db.query("""
                SELECT p.source_on, m.date_start, m.done, m.id FROM milestones m JOIN programs p ON p.id = m.program_id
                WHERE p.source_on IS NOT NULL AND m.date_start IS NOT NULL
                """).map { (source: try $0.string("source_on"), start: try $0.string("date_start"), done: try $0.bool("done"), id: try $0.int("id")) }
        }
        XCTAssertEqual(rows.count, 33, "every dated milestone of the four documented programs")
        for row in rows {
            // A month sorts before its days: a step of the document's own month counts as held only
            // when the document dates it by the month (Settat's October 2023 session).
            XCTAssertEqual(row.done, row.start <= row.source, "milestone \(row.id) dated \(row.start), document of \(row.source)")
        }
    }

    func testPagesFromADocumentSayAsOfWhen() {
        XCTAssertTrue(portal.get("/ar/communes/settat/programs/2024-2025").contains(
            "<p class=\"data-as-of\">تاريخ المعطيات: <time datetime=\"2023-10\">أكتوبر 2023</time> — كما وردت في وثيقة الجماعة، وليست إدخالا مباشرا</p>"))
        XCTAssertTrue(portal.get("/fr/communes/larache/programs/2024-2025/participation").contains(
            "<p class=\"data-as-of\">Date des données\u{00A0}: <time datetime=\"2023-07-25\">25 juillet 2023</time> — telles que le document de la commune les donne, non saisies en direct</p>"))
        XCTAssertTrue(portal.get("/ar/communes/taroudant/programs/2024-2025/matrix").contains("<time datetime=\"2023-09\">شتنبر 2023</time>"))
        XCTAssertEqual(portal.get("/ar/communes/demo/programs/2025-2026").body.components(separatedBy: "class=\"data-as-of\"").count, 1,
                       "a program entered live has no document date")
    }

    // MARK: A3 — stored, now shown

    func testSettatOverviewShowsItsPreambleAndTheFourLetters() {
        let page = portal.get("/ar/communes/settat/programs/2024-2025")
        XCTAssertTrue(page.contains("<h2 id=\"preamble\">تمهيد</h2>"))
        let preamble = section(page.body, from: "<ul class=\"references\">", to: "</ul>")
        XCTAssertEqual(preamble.components(separatedBy: "<li>").count - 1, 10, "the ten items as stored")
        for letter in ["رقم 480 بتاريخ 11 أبريل 2023", "عدد 3506 بتاريخ 17 أبريل 2023", "عدد 4070 بتاريخ 08 ماي 2023", "عدد 5846 بتاريخ 26 يونيو 2023"] {
            XCTAssertTrue(preamble.contains(letter), letter)
        }
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025").contains("<li>Lettre de M. le ministre de l&#39;Intérieur n° 480 du 11 avril 2023.</li>"))
    }

    func testCommitteeShowsItsMandate() {
        let arabic = portal.get("/ar/communes/settat/programs/2024-2025")
        XCTAssertTrue(arabic.contains("<p class=\"mandate\"><strong>مهام اللجنة:</strong> تتحدد مهام اللجنة في تتبع، إعداد وتنفيذ وتقييم برنامج انفتاح الجماعة</p>"))
        XCTAssertTrue(portal.get("/fr/communes/settat").contains("<p class=\"mandate\"><strong>Mission du comité\u{00A0}:</strong> Le comité a pour mission"))
    }

    func testPartnersShowTheNoteTheDocumentsPrintBesideThem() {
        let page = portal.get("/ar/communes/settat/programs/2024-2025/projects/1")
        XCTAssertTrue(page.contains("<li>مؤسسة <bdi dir=\"ltr\">ENABEL</bdi> <span class=\"partner-note\">(برنامج دعم المشاركة المواطنة)</span></li>"))
        XCTAssertTrue(page.contains("<li>المديرية العامة للجماعات الترابية <span class=\"partner-note\">(وزارة الداخلية)</span></li>"))
    }

    // MARK: A4 — the support programme's components

    func testNetworkPageListsTheSupportProgrammesComponents() {
        let page = portal.get("/ar/network")
        XCTAssertTrue(page.contains("<h3 id=\"network-components\">مكونات برنامج الدعم</h3>"))
        let list = section(page.body, from: "<ul class=\"components\"", to: "</ul>")
        XCTAssertEqual(list.components(separatedBy: "<li>").count - 1, 7, "seed 002 lists seven")
        XCTAssertTrue(list.contains("<li>خلق الشبكة المغربية للجماعات الترابية المنفتحة، والتي تعتبر منصة مخصصة لتعزيز التبادل والتقاسم والتعلم في مجال الانفتاح؛</li>"))
        XCTAssertTrue(list.contains("<li>المساهمة في إشعاع المملكة دوليا في مجال الحكومات المحلية المنفتحة؛</li>"))
        XCTAssertTrue(portal.get("/fr/network").contains("<p>Il comprend l&#39;accompagnement des collectivités territoriales pour\u{00A0}:</p>"))
    }

    // MARK: A5 — inferred facts marked

    func testInferredFactsAreMarkedWhereTheyAreShown() {
        let mark = "<span class=\"inferred\">(مستنتج، غير مذكور في الوثائق)</span>"
        XCTAssertTrue(portal.get("/ar/communes/larache/programs/2024-2025").contains("<dd><bdi dir=\"ltr\" class=\"nowrap\">2024-2025</bdi> \(mark)</dd>"),
                      "Larache's period")
        let beniMellal = portal.get("/ar/communes/beni-mellal")
        XCTAssertTrue(beniMellal.contains("<dd>جهة بني ملال خنيفرة \(mark)</dd>"), "Beni Mellal's region")
        XCTAssertTrue(beniMellal.contains("<bdi dir=\"ltr\" class=\"nowrap\">2024-2025</bdi> \(mark)"), "Beni Mellal's period on its card")
        XCTAssertTrue(portal.get("/ar/communes/taroudant/programs/2024-2025/participation").contains(
            "<p class=\"note inferred-note\">التوزيع حسب المحاور قراءة لرسم بياني"), "Taroudant's split of 24 ideas")
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2024-2025").body.components(separatedBy: mark).count, 1,
                       "Settat's period is printed in its document")
        XCTAssertTrue(portal.get("/fr/communes/beni-mellal").contains("<span class=\"inferred\">(déduit, absent des documents)</span>"))
        let home = portal.get("/ar/")
        XCTAssertTrue(home.contains("<p class=\"where\">جهة بني ملال خنيفرة \(mark)</p>"), "the home page's card too")
        XCTAssertTrue(home.contains("<a href=\"/ar/communes/larache/programs/2024-2025\">برنامج <bdi dir=\"ltr\" class=\"nowrap\">2024-2025</bdi></a> \(mark)"))
        XCTAssertTrue(portal.get("/ar/network/dashboard").contains("جهة بني ملال خنيفرة (مستنتج، غير مذكور في الوثائق)"), "the dashboard's region chart")
    }

    func testAnAdminWhoSavesTheRegionConfirmsIt() throws {
        let admin = try portal.signIn(.admin)
        let form = portal.get("/admin/ar/commune-settings/beni-mellal", as: admin)
        XCTAssertEqual(form.status, 200, form.body)
        let saved = portal.post("/admin/ar/commune-settings/beni-mellal", form: [("name_ar", "جماعة بني ملال"), ("name_fr", "Commune de Béni Mellal"),
                                                                           ("region_ar", "جهة بني ملال خنيفرة"), ("region_fr", "Région Béni Mellal-Khénifra"),
                                                                           ("province_ar", ""), ("province_fr", ""), ("joined_on", "")], as: admin)
        XCTAssertEqual(saved.status, 303, saved.body)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT region_inferred FROM communes WHERE slug = 'beni-mellal'", as: Int.self) }, 0)
    }

    // MARK: A6 — partners and dates given per project

    func testTaroudantActivitiesShowTheirProjectsPartnersAndDatesMarked() {
        let page = portal.get("/ar/communes/taroudant/programs/2024-2025/matrix")
        XCTAssertTrue(page.contains("<td class=\"partners\" data-label=\"الشركاء\">جماعة تارودانت · وكالة التنمية البلجيكية · هيئة تكافؤ الفرص · جمعيات المجتمع المدني <small class=\"from-project\">(حسب المشروع)</small></td>"),
                      "the project's partners on its activity, on one line")
        XCTAssertTrue(page.contains("<td class=\"date\" data-label=\"تاريخ الانتهاء\">31 دجنبر 2025 <small class=\"from-project\">(حسب المشروع)</small></td>"))
        let settat = portal.get("/ar/communes/settat/programs/2024-2025/matrix")
        XCTAssertEqual(settat.body.components(separatedBy: "class=\"from-project\"").count, 1, "Settat gives them per activity")
        XCTAssertTrue(portal.get("/fr/communes/taroudant/programs/2024-2025/projects/1").contains("<small class=\"from-project\">(selon le projet)</small>"))
    }

    func section(_ html: String, from start: String, to end: String) -> String {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex) else { return "" }
        return String(html[from.lowerBound..<to.upperBound])
    }
}

/// Issue 14, axe-core's `landmark-unique`: the landmarks of one role on a page have distinct names
/// (a chart's table region is named apart from the section whose heading it repeats).
final class LandmarkNamesTests: XCTestCase {
    func testLandmarksOfARoleHaveDistinctNames() throws {
        let portal = try Portal()
        for path in ["/ar/communes/settat", "/fr/communes/settat", "/ar/communes/settat/programs/2024-2025",
                     "/ar/communes/settat/programs/2024-2025/participation", "/fr/communes/settat/programs/2024-2025/participation",
                     "/ar/communes/taroudant/programs/2024-2025/participation", "/ar/communes/demo/programs/2023-2024/execution"] {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            let names = landmarks(page.body)
            XCTAssertGreaterThan(names.count, 3, path)
            var seen: [String: Int] = [:]
            for name in names { seen[name, default: 0] += 1 }
            XCTAssertEqual(seen.filter { $0.value > 1 }.keys.sorted(), [], path)
        }
        XCTAssertTrue(portal.get("/ar/communes/settat/programs/2024-2025/participation").contains(
            "role=\"region\" aria-label=\"المقترحات حسب المحور والقناة (جدول)\""))
    }

    /// "role name" of each navigation, named region (section or div) and search landmark.
    func landmarks(_ html: String) -> [String] {
        func matches(_ pattern: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range(at: 1), in: html)!]) }
        }
        func text(ofID id: String) -> String {
            let regex = try! NSRegularExpression(pattern: "id=\"" + NSRegularExpression.escapedPattern(for: id) + "\"[^>]*>(.*?)</(?:h[1-6]|caption|p|span|legend)>",
                                                 options: [.dotMatchesLineSeparators])
            guard let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) else { return "?" + id }
            return String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
        return matches("<nav[^>]*aria-label=\"([^\"]*)\"").map { "navigation " + $0 }
            + matches("<section[^>]*aria-labelledby=\"([^\"]+)\"").map { "region " + text(ofID: $0) }
            + matches("role=\"region\"[^>]*aria-labelledby=\"([^\"]+)\"").map { "region " + text(ofID: $0) }
            + matches("role=\"region\"[^>]*aria-label=\"([^\"]*)\"").map { "region " + $0 }
            + matches("<section[^>]*aria-label=\"([^\"]*)\"").map { "region " + $0 }
            + matches("role=\"search\"[^>]*aria-label=\"([^\"]*)\"").map { "search " + $0 }
    }
}
