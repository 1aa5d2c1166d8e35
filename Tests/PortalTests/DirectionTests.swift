import Foundation
import XCTest
import Templates
@testable import Portal

/// Issue 14, "Direction": periods, dates, codes and Latin names read as written inside Arabic on
/// every page (cards, breadcrumbs, headings, `<title>`, admin), French punctuation and counts keep
/// their no-break spaces, and exports carry the stored text with no marks at all.
final class DirectionTests: XCTestCase {
    let period = #"<bdi dir="ltr" class="nowrap">2024-2025</bdi>"#
    let isolates: [Character] = ["\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]

    func testAPeriodReadsAsWrittenOnTheCardsBreadcrumbsHeadingsAndTitle() throws {
        let portal = try Portal()
        let home = portal.get("/ar/")
        XCTAssertTrue(home.body.contains(#"<a href="/ar/communes/settat/programs/2024-2025">برنامج "# + period + "</a>"), "the home card")
        let matrix = portal.get("/ar/communes/settat/programs/2024-2025/matrix")
        XCTAssertTrue(matrix.body.contains(#"<li><a href="/ar/communes/settat/programs/2024-2025">برنامج "# + period + "</a></li>"), "the breadcrumbs")
        XCTAssertTrue(matrix.body.contains("<h1 class=\"program-title\">برنامج انفتاح جماعة سطات " + period + "</h1>"), "the heading")
        XCTAssertTrue(matrix.body.contains("<title>مصفوفة المشاريع والأنشطة · برنامج انفتاح جماعة سطات \u{2066}2024-2025\u{2069} ·"),
                      "the <title> takes Unicode isolates (no tags there)")
        // A date range's days, inside Arabic words.
        let program = portal.get("/ar/communes/settat/programs/2024-2025")
        XCTAssertTrue(program.body.contains(#"<bdi dir="ltr" class="nowrap">9–14</bdi> يونيو 2023"#), "the call's window")
        // French: the period stays whole on one line.
        XCTAssertTrue(portal.get("/fr/").body.contains(#"Programme <bdi dir="ltr" class="nowrap">2024-2025</bdi>"#))
    }

    func testAdminSubtitlesAndFormsKeepTheirPlace() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let editor = portal.get("/admin/ar/communes/settat/programs/2024-2025", as: staff)
        XCTAssertTrue(editor.body.contains("<p class=\"crumbs\">جماعة سطات · " + period + " · "), "the admin subtitle")
        XCTAssertFalse(editor.body.contains("value=\"<bdi"), "a form's value is never marked")
        XCTAssertFalse(editor.body.contains(#"<span dir="ltr"><bdi"#), "no ad-hoc span left around a period")
    }

    func testExportsCarryTheStoredTextWithoutMarks() throws {
        let portal = try Portal()
        for path in ["/ar/communes/settat/programs/2024-2025.csv", "/ar/communes/settat/programs/2024-2025.json",
                     "/ar/communes/settat/programs/2024-2025/feed.atom", "/ar/communes/settat/calendar.ics"] {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertTrue(page.body.contains("2024"), path)
            XCTAssertFalse(page.body.contains(where: { isolates.contains($0) }), "\(path): no Unicode isolates")
            XCTAssertFalse(page.body.contains("<bdi"), "\(path): no markup")
        }
    }

    func testFrenchPunctuationAndCountsKeepTheirNoBreakSpaces() throws {
        let portal = try Portal()
        let program = portal.get("/fr/communes/settat/programs/2024-2025")
        XCTAssertTrue(program.body.contains("Axe 1\u{A0}: "), "Axe 1 : …, never 'Axe 1:' nor a line break before the colon")
        XCTAssertFalse(program.body.contains("Axe 1: "))
        XCTAssertTrue(portal.get("/ar/").body.contains("12\u{A0}نشاطا") || portal.get("/ar/").body.contains("\u{A0}أنشطة"),
                      "a count and its noun never part")
    }

    /// Every French text: a no-break space before ":" ";" "?" "!" and inside « », and a count joined
    /// to its noun in both catalogs; Arabic texts carry no isolates of their own (the renderer adds them).
    func testTheCatalogsWriteTheirSpacesAndNoMarks() throws {
        for language in Language.allCases {
            let url = repositoryRoot.appendingPathComponent("Templates/i18n/\(language.rawValue).strings")
            for (number, line) in try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").enumerated() {
                guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = String(line[line.index(after: equals)...])
                let place = "\(language.rawValue).strings:\(number + 1) \(key)"
                XCTAssertFalse(value.contains(where: { isolates.contains($0) }), "\(place): isolates are the renderer's job")
                if key.hasSuffix("]") { XCTAssertFalse(value.contains("{1} "), "\(place): the count and its noun joined by a no-break space") }
                guard language == .fr else { continue }
                for mark in [":", ";", "?", "!"] {
                    // "HH:MM" and "09:30" are times, not punctuation.
                    let bad = value.range(of: #"(?<![\u00A0\d/H]|^)"# + NSRegularExpression.escapedPattern(for: mark) + #"(?![\dM/])"#, options: .regularExpression)
                    XCTAssertNil(bad, "\(place): a no-break space before '\(mark)'")
                }
                XCTAssertFalse(value.contains("« ") || value.contains(" »"), "\(place): no-break spaces inside « »")
            }
        }
    }
}

/// Issue 14, "Tables become cards on phones": each wide table is marked to stack below 600 px
/// (app.css) and every cell that is not its row's heading names its column.
final class PhoneTablesTests: XCTestCase {
    func testWideTablesStackAndLabelTheirCells() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.admin)
        let pages: [(String, Page, String)] = [
            ("matrix", portal.get("/ar/communes/settat/programs/2024-2025/matrix"), "matrix"),
            ("project", portal.get("/ar/communes/settat/programs/2024-2025/projects/1"), "activities"),
            ("data", portal.get("/fr/data"), "data-programs"),
            ("committee", portal.get("/ar/communes/settat/programs/2024-2025"), "committee"),
            ("triage", portal.get("/admin/ar/communes/settat/programs/2024-2025/proposals", as: staff), "triage-queue"),
            ("audit", portal.get("/admin/fr/audit", as: staff), "audit"),
        ]
        for (name, page, table) in pages {
            XCTAssertEqual(page.status, 200, name)
            guard let start = page.body.range(of: "<table class=\"") , let end = page.body.range(of: "</table>", range: start.upperBound..<page.body.endIndex) else {
                XCTFail("\(name): a table"); continue
            }
            let html = String(page.body[start.lowerBound..<end.upperBound])
            XCTAssertTrue(html.contains(table) && html.contains(" stack\""), "\(name): the table stacks on a phone")
            let cells = html.components(separatedBy: "<td").dropFirst()
            let unlabelled = cells.filter { !$0.hasPrefix(" data-label=") && !$0.contains("data-label=\"") && !$0.hasPrefix(" class=\"activity\"")
                && !$0.hasPrefix(" class=\"title\"") && !$0.hasPrefix(" class=\"num\"") && !$0.hasPrefix(" class=\"when\"")
                && !$0.hasPrefix(" colspan=") }
            XCTAssertEqual(unlabelled.count, 0, "\(name): every cell names its column: \(unlabelled.first?.prefix(80) ?? "")")
        }
        // The stylesheet turns them into cards below ~600 px and keeps the table in print.
        let css = try String(contentsOf: repositoryRoot.appendingPathComponent("Public/css/app.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("@media screen and (max-width: 37.5em)") && css.contains("content: attr(data-label)"))
        XCTAssertTrue(css.contains("body { margin: 0; font-size: 1rem; overflow-wrap: break-word; }"), "a word breaks only when longer than the line")
    }
}

/// Issue 14, "Forms": the summary above a refused citizen form lists each problem as a link to
/// its field, in the fields' order, and takes the focus when the page opens.
final class FormSummaryTests: XCTestCase {
    func testTheSummaryLinksEachProblemToItsFieldAndTakesTheFocus() throws {
        let portal = try Portal()
        let path = "/fr/communes/demo/programs/2025-2026/proposals/new"
        let token = try portal.formToken(path)
        let page = portal.post(path, form: [("token", token), ("website", ""), ("axis", ""), ("title", ""), ("description", "Une idée.")])
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.body.contains(#"<div class="form-errors" id="form-errors" role="alert" tabindex="-1" autofocus>"#), "the summary takes the focus")
        let axis = try XCTUnwrap(page.body.range(of: "<li><a href=\"#axis\">Axe\u{A0}: "))
        let title = try XCTUnwrap(page.body.range(of: "<li><a href=\"#title\">Titre de la proposition\u{A0}: "))
        let consent = try XCTUnwrap(page.body.range(of: "<li><a href=\"#consent\">J&#39;accepte les conditions"))
        XCTAssertTrue(axis.lowerBound < title.lowerBound && title.lowerBound < consent.lowerBound, "in the order of the fields")
        XCTAssertTrue(page.body.contains(#"id="title""#) && page.body.contains(#"id="consent""#), "each link has its field")
    }
}

/// Issue 14, "Forms": an adopted program's editor offers no form to type into, says why, and
/// links to opening an amendment; its item forms answer with the same explanation, not a form.
final class LockedEditorTests: XCTestCase {
    func testALockedProgramShowsNoFormButTheWayToAnAmendment() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let path = "/admin/fr/communes/settat/programs/2024-2025"
        let editor = portal.get(path, as: staff)
        XCTAssertEqual(editor.status, 200)
        XCTAssertTrue(editor.contains("Le programme est adopté : ses axes, projets et activités ne changent que dans un amendement ouvert."))
        XCTAssertTrue(editor.body.contains(#"<a class="button-link" href="/admin/fr/communes/settat/programs/2024-2025/lifecycle/amendments/new">Ouvrir un amendement</a>"#),
                      "the way to an amendment")
        XCTAssertFalse(editor.body.contains("<form class=\"admin-form\" method=\"post\""), "no overview form")
        XCTAssertFalse(editor.body.contains("class=\"matrix-form\""), "no matrix form")
        XCTAssertFalse(editor.body.contains("/axes/new"), "no 'new axis'")
        let form = portal.get(path + "/axes/new", as: staff)
        XCTAssertEqual(form.status, 409, "explained, not offered")
        XCTAssertFalse(form.body.contains("name=\"title_ar\""))
        // Once an amendment is open, the editor is whole again.
        try portal.openAmendment("settat")
        let open = portal.get(path, as: staff)
        XCTAssertTrue(open.body.contains("class=\"matrix-form\"") && open.body.contains("/axes/new"))
        XCTAssertEqual(portal.get(path + "/axes/new", as: staff).status, 200)
    }
}
