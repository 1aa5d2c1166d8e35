import XCTest
@testable import Templates

/// Periods, dates, codes and Latin names inside Arabic (and Arabic inside French) read as written.
final class BidiTests: XCTestCase {
    let ltr = "<bdi dir=\"ltr\">", number = "<bdi dir=\"ltr\" class=\"nowrap\">", rtl = "<bdi dir=\"rtl\" lang=\"ar\">", end = "</bdi>"

    func testArabicTextIsolatesPeriodsDatesAndLatinRuns() {
        XCTAssertEqual(Bidi.html("برنامج سطات 2024-2025", .ar), "برنامج سطات \(number)2024-2025\(end)")
        XCTAssertEqual(Bidi.html("من 2023-06-09/2023-06-14", .ar), "من \(number)2023-06-09/2023-06-14\(end)")
        XCTAssertEqual(Bidi.html("12–19 يونيو 2023", .ar), "\(number)12–19\(end) يونيو 2023")
        XCTAssertEqual(Bidi.html("على الساعة 23:59", .ar), "على الساعة \(number)23:59\(end)")
        XCTAssertEqual(Bidi.html("بشراكة مع Impact for Development و ENABEL", .ar),
                       "بشراكة مع \(ltr)Impact for Development\(end) و \(ltr)ENABEL\(end)")
        XCTAssertEqual(Bidi.html("البريد amina@example.ma", .ar), "البريد \(ltr)amina@example.ma\(end)")
        // A period alone takes the page's direction: isolated on an Arabic page, kept whole on a French one.
        XCTAssertEqual(Bidi.html("2024-2025", .ar), "\(number)2024-2025\(end)")
        XCTAssertEqual(Bidi.html("2024-2025", .fr), "\(number)2024-2025\(end)")
    }

    func testPlainNumbersAndSeparateNumbersAreLeftAlone() {
        XCTAssertEqual(Bidi.html("43 مشاركا و22 امرأة", .ar), "43 مشاركا و22 امرأة")
        XCTAssertEqual(Bidi.html("20\u{A0}000,00 درهم", .ar), "20\u{A0}000,00 درهم")
        XCTAssertEqual(Bidi.html("المحور 2 - التواصل", .ar), "المحور 2 - التواصل", "a dash between words joins no numbers")
        XCTAssertEqual(Bidi.html("الأرقام 1 2 3", .ar), "الأرقام 1 2 3", "numbers apart keep the Arabic order")
        XCTAssertEqual(Bidi.html("2024-", .ar), "2024-")
        XCTAssertEqual(Bidi.html("", .ar), "")
        XCTAssertEqual(Bidi.html("Axe 1 : Communication", .fr), "Axe 1 : Communication")
    }

    func testArabicInsideFrenchIsIsolatedRightToLeft() {
        XCTAssertEqual(Bidi.html("Partenaire (برنامج دعم المشاركة المواطنة) 2024", .fr),
                       "Partenaire (\(rtl)برنامج دعم المشاركة المواطنة\(end)) 2024")
        XCTAssertEqual(Bidi.html("Programme 2024-2025", .fr), "Programme \(number)2024-2025\(end)")
        // Arabic shown on a French page (no translation) is right-to-left text itself.
        XCTAssertEqual(Bidi.html("برنامج 2024-2025", .fr), "برنامج \(number)2024-2025\(end)")
    }

    /// Runs are cut from the text's UTF-8 bytes: letters of two, three and four bytes around
    /// them (é, the ligature ﷺ, an emoji) stay whole and in place.
    func testRunsKeepMultibyteLettersWhole() {
        XCTAssertEqual(Bidi.html("مشروع 😀 Café ﷺ 2024-2025 😀", .ar),
                       "مشروع 😀 \(ltr)Café\(end) ﷺ \(number)2024-2025\(end) 😀")
        XCTAssertEqual(Bidi.html("Projet « مشروع ﷺ » — é 😀", .fr), "Projet « \(rtl)مشروع ﷺ\(end) » — é 😀")
        XCTAssertEqual(Bidi.isolated("مشروع Café 😀", .ar), "مشروع \u{2066}Café\u{2069} 😀")
    }

    func testEscapedInsideAndOut() {
        XCTAssertEqual(Bidi.html("سطات <b> 2024-2025 & A&B", .ar), "سطات &lt;\(ltr)b\(end)&gt; \(number)2024-2025\(end) &amp; \(ltr)A&amp;B\(end)")
    }

    func testPlainTextTakesUnicodeIsolates() {
        XCTAssertEqual(Bidi.isolated("برنامج سطات 2024-2025", .ar), "برنامج سطات \u{2066}2024-2025\u{2069}")
        XCTAssertEqual(Bidi.isolated("Partenaire برنامج", .fr), "Partenaire \u{2067}برنامج\u{2069}")
        XCTAssertEqual(Bidi.isolated("43 مشاركا", .ar), "43 مشاركا")
    }

    /// The renderer writes a value the way its place in the markup allows.
    func testEachPlaceInTheMarkupGetsItsOwnWriting() throws {
        let page = """
        <title>{{v}}</title><p title="{{v}}">{{v}} {{date d}} {{t quote v }}</p><select><option value="{{v}}">{{v}}</option></select><textarea>{{v}}</textarea><datalist><option value="{{v}}"></datalist><p>{{v}}</p>
        """
        let html = try render(page, ["v": "برنامج 2024-2025", "d": "2023-06-12/2023-06-19"], language: .ar, files: testCatalogs)
        XCTAssertEqual(html, "<title>برنامج \u{2066}2024-2025\u{2069}</title><p title=\"برنامج 2024-2025\">برنامج \(number)2024-2025\(end) \(number)12–19\(end) يونيو 2023 «برنامج \(number)2024-2025\(end)»</p>"
                       + "<select><option value=\"برنامج 2024-2025\">برنامج \u{2066}2024-2025\u{2069}</option></select><textarea>برنامج 2024-2025</textarea>"
                       + "<datalist><option value=\"برنامج 2024-2025\"></datalist><p>برنامج \(number)2024-2025\(end)</p>")
    }

    /// A page's override placed inside a layout's attribute stays plain there.
    func testAnOverrideInsideAnAttributeStaysPlain() throws {
        let html = try render("{{< layout }}{{$ id }}p-{{n}}{{/ id }}{{/ layout }}", ["n": "1-2"], language: .ar,
                              files: ["layout.html": "<table id=\"{{$ id }}x{{/ id }}\"><caption>{{n}}</caption></table>"])
        XCTAssertEqual(html, "<table id=\"p-1-2\"><caption>\(number)1-2\(end)</caption></table>")
    }

    /// The quick scan only skips texts the full scan would leave whole: every text it lets pass
    /// without scanning has no run, in either language.
    func testTheQuickScanSkipsOnlyTextsWithNothingToIsolate() {
        let samples = ["برنامج الانفتاح", "Programme d'ouverture", "", "—", "محور 2", "Axe 2", "2024-2025", "جماعة Settat",
                       "Commune de سطات", "ENABEL مؤسسة", "الفترة ٢٠٢٤", "l'axe « participation »", "12–19 يونيو", "(؟)", "Impact for Development"]
        for text in samples {
            for language in [Language.ar, .fr] where !Bidi.mayHaveRuns(text, language) {
                XCTAssertEqual(Bidi.scannedRuns(text, language), [.plain(text)], "\(text) in \(language)")
            }
        }
        XCTAssertFalse(Bidi.mayHaveRuns("برنامج الانفتاح", .ar))
        XCTAssertFalse(Bidi.mayHaveRuns("Programme d'ouverture", .fr))
        XCTAssertTrue(Bidi.mayHaveRuns("جماعة Settat", .ar))
        XCTAssertTrue(Bidi.mayHaveRuns("Axe 2", .fr), "a digit always takes the full scan")
    }

}
