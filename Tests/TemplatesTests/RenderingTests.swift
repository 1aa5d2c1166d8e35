import XCTest
@testable import Templates

final class RenderingTests: XCTestCase {
    func testEscapesEveryHTMLSpecialCharacterInText() throws {
        let out = try render("<p>{{ x }}</p>", ["x": "<script>alert('a & b')</script> \"q\""])
        XCTAssertEqual(out, "<p>&lt;script&gt;alert(&#39;a &amp; b&#39;)&lt;/script&gt; &quot;q&quot;</p>")
    }

    func testEscapingKeepsAttributeValuesClosed() throws {
        let out = try render(#"<a title="{{x}}" data-y='{{x}}'>t</a>"#, ["x": #"" onmouseover="alert(1)"#])
        XCTAssertEqual(out, #"<a title="&quot; onmouseover=&quot;alert(1)" data-y='&quot; onmouseover=&quot;alert(1)'>t</a>"#)
        XCTAssertFalse(out.contains(#"" onmouseover"#))
    }

    func testEscapingLeavesNonASCIITextIntact() throws {
        let out = try render("{{x}}", ["x": "برنامج & «programme» é\u{301}'"])
        // Between tags, Latin inside Arabic is isolated too (`Bidi`); every letter is kept as typed.
        XCTAssertEqual(out, "برنامج &amp; «<bdi dir=\"ltr\">programme</bdi>» <bdi dir=\"ltr\">é\u{301}</bdi>&#39;")
    }

    func testTripleMustacheAndAmpersandAreRaw() throws {
        let context: TemplateValue = ["x": "<b>bold</b>"]
        XCTAssertEqual(try render("{{{x}}}|{{{ x }}}|{{& x}}|{{x}}", context),
                       "<b>bold</b>|<b>bold</b>|<b>bold</b>|&lt;b&gt;bold&lt;/b&gt;")
    }

    func testHTMLValuesAreTrustedEvenInDoubleMustache() throws {
        let out = try render("{{chart}}", ["chart": .html("<svg width=\"10\"><rect/></svg>")])
        XCTAssertEqual(out, "<svg width=\"10\"><rect/></svg>")
    }

    func testScalarsPrintPlainly() throws {
        let context: TemplateValue = ["i": 1500, "neg": -42, "d": 2.5, "whole": 3.0, "yes": true, "no": false,
                                      "nothing": nil, "list": [1, 2], "obj": ["a": 1]]
        XCTAssertEqual(try render("{{i}} {{neg}} {{d}} {{whole}} {{yes}} {{no}} [{{nothing}}] [{{list}}] [{{obj}}] [{{missing}}]", context),
                       "1500 -42 2.5 3 true false [] [] [] []")
    }

    func testDottedPathsAndCurrentValue() throws {
        let context: TemplateValue = ["commune": ["name": "Tétouan", "region": ["name": "Tanger"]],
                                      "tags": ["a", "b"]]
        XCTAssertEqual(try render("{{commune.name}}/{{commune.region.name}}/{{commune.nope.name}}/{{#tags}}{{.}}{{/tags}}", context),
                       "Tétouan/Tanger//ab")
    }

    func testArrayLoopWithIndexNumberFirstAndLast() throws {
        let template = "{{#items}}{{#@first}}[{{/@first}}{{@index}}:{{@number}}:{{name}}{{^@last}}, {{/@last}}{{#@last}}]{{/@last}}{{/items}}"
        let context: TemplateValue = ["items": [["name": "a"], ["name": "b"], ["name": "c"]]]
        XCTAssertEqual(try render(template, context), "[0:1:a, 1:2:b, 2:3:c]")
        XCTAssertEqual(try render(template, ["items": [["name": "solo"]]]), "[0:1:solo]")
        XCTAssertEqual(try render(template, ["items": []]), "")
    }

    func testNestedLoopsTrackTheInnermostLoop() throws {
        let template = "{{#axes}}{{@number}}({{#items}}{{@number}}{{/items}}){{@index}};{{/axes}}"
        let context: TemplateValue = ["axes": [["items": [1, 2, 3]], ["items": [4]]]]
        XCTAssertEqual(try render(template, context), "1(123)0;2(1)1;")
    }

    func testObjectSectionPushesContextAndLooksOutward() throws {
        let template = "{{#program}}{{title}} / {{commune}} / {{#axis}}{{title}} in {{commune}}{{/axis}}{{/program}}"
        let context: TemplateValue = ["commune": "Chefchaouen",
                                      "program": ["title": "2024–2025", "axis": ["title": "Transparence"]]]
        XCTAssertEqual(try render(template, context), "<bdi dir=\"ltr\" class=\"nowrap\">2024–2025</bdi> / Chefchaouen / Transparence in Chefchaouen")
    }

    func testFoundFirstSegmentStopsTheSearch() throws {
        // `a.b` must not fall back to an outer `a` that has `b` when the inner `a` lacks it.
        let context: TemplateValue = ["a": ["b": "outer"], "inner": ["a": ["c": 1]]]
        XCTAssertEqual(try render("{{#inner}}[{{a.b}}]{{/inner}}", context), "[]")
    }

    func testTruthinessOfScalarSections() throws {
        let template = "{{#v}}yes{{/v}}{{^v}}no{{/v}}"
        let cases: [(TemplateValue, String)] = [
            (nil, "no"), (false, "no"), ("", "no"), ([], "no"), (.html(""), "no"),
            (true, "yes"), (0, "yes"), (7, "yes"), ("x", "yes"), (0.0, "yes"), (.object([:]), "yes"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(try render(template, ["v": value]), expected, "value \(value)")
        }
        XCTAssertEqual(try render("{{^missing}}absent{{/missing}}"), "absent")
    }

    func testTruthyScalarSectionKeepsTheSameContext() throws {
        XCTAssertEqual(try render("{{#flag}}{{name}}:{{.}}{{/flag}}", ["flag": true, "name": "n"]), "n:")
    }

    func testPartialsRenderWithTheCurrentContext() throws {
        let files = ["partials/item.html": "<li>{{name}} ({{@number}}) {{site}}</li>"]
        let out = try render("<ul>{{#items}}{{> partials/item }}{{/items}}</ul>",
                             ["site": "S", "items": [["name": "a"], ["name": "b"]]], files: files)
        XCTAssertEqual(out, "<ul><li>a (1) S</li><li>b (2) S</li></ul>")
    }

    func testRecursivePartialIsStoppedAtRenderTime() throws {
        let folder = try TemplateFolder(["page.html": "{{> page}}"])
        let library = try folder.library()
        XCTAssertThrowsError(try library.render("page", [:], language: .fr)) { error in
            XCTAssertTrue("\(error)".contains("nested"), "\(error)")
        }
    }

    /// Found by the template fuzzer: an override that holds a block of its own name rendered
    /// itself until the stack overflowed, stopping the whole server.
    func testBlockInsideItsOwnOverrideIsStoppedAtRenderTime() throws {
        let files = ["layouts/base.html": "<main>{{$ main }}default{{/ main }}</main>"]
        let page = "{{< layouts/base }}{{$ main }}<p>{{$ main }}inner{{/ main }}</p>{{/ main }}{{/ layouts/base }}"
        XCTAssertThrowsError(try render(page, files: files)) { error in
            XCTAssertTrue("\(error)".contains("nested"), "\(error)")
        }
    }

    func testLayoutBlocksOverridesAndDefaults() throws {
        let files = [
            "layouts/base.html": """
            <html lang="{{lang}}" dir="{{dir}}"><title>{{$ title }}Infitah{{/ title }}</title>
            <main>{{$ main }}default main{{/ main }}</main><footer>{{$ footer }}default footer{{/ footer }}</footer></html>
            """,
        ]
        let page = """
        {{< layouts/base }}
          {{! page blocks }}
          {{$ title }}{{commune}} – Infitah{{/ title }}
          {{$ main }}<h1>{{commune}}</h1>{{/ main }}
        {{/ layouts/base }}
        """
        let out = try render(page, ["commune": "Tétouan & co"], language: .ar, files: files)
        XCTAssertEqual(out, """
        <html lang="ar" dir="rtl"><title>Tétouan &amp; co – Infitah</title>
        <main><h1>Tétouan &amp; co</h1></main><footer>default footer</footer></html>
        """)
    }

    func testLayoutChainOuterOverrideWins() throws {
        let files = [
            "layouts/base.html": "<t>{{$title}}base{{/title}}</t><m>{{$main}}{{/main}}</m>",
            "layouts/admin.html": "{{<layouts/base}}{{$title}}Admin{{/title}}{{$main}}<nav/>{{$content}}none{{/content}}{{/main}}{{/layouts/base}}",
        ]
        XCTAssertEqual(try render("{{<layouts/admin}}{{$content}}C{{/content}}{{/layouts/admin}}", files: files),
                       "<t>Admin</t><m><nav/>C</m>")
        XCTAssertEqual(try render("{{<layouts/admin}}{{$title}}Page{{/title}}{{/layouts/admin}}", files: files),
                       "<t>Page</t><m><nav/>none</m>")
    }

    func testBlocksSeeLoopContextOfTheLayoutAndPageContext() throws {
        let files = ["layouts/list.html": "{{#rows}}{{$row}}?{{/row}}{{/rows}}"]
        XCTAssertEqual(try render("{{<layouts/list}}{{$row}}{{label}}={{v}};{{/row}}{{/layouts/list}}",
                                  ["label": "L", "rows": [["v": 1], ["v": 2]]], files: files),
                       "L=1;L=2;")
    }

    func testCommentsProduceNothing() throws {
        XCTAssertEqual(try render("a{{! a comment with {braces} }}b{{!\nmulti\nline\n}}c"), "abc")
    }

    func testStandaloneTagLinesAreRemoved() throws {
        let page = """
        <ul>
          {{#items}}
          <li>{{.}}</li>
          {{/items}}
        </ul>
        {{! note }}
        end
        """
        XCTAssertEqual(try render(page, ["items": ["a", "b"]]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend")
        // Tags sharing a line with content keep the surrounding whitespace.
        XCTAssertEqual(try render("x {{#a}}y{{/a}} z\n", ["a": true]), "x y z\n")
        // Windows line ends count as line ends.
        XCTAssertEqual(try render("<ul>\r\n  {{#a}}\r\n<li/>\r\n  {{/a}}\r\n</ul>", ["a": true]), "<ul>\r\n<li/>\r\n</ul>")
        XCTAssertEqual(try render("{{t\r\nquote\r\nx}}", ["x": 1], files: testCatalogs), "« 1 »")
    }

    func testLangAndDirAreAlwaysAvailable() throws {
        XCTAssertEqual(try render("{{lang}} {{dir}}", language: .ar), "ar rtl")
        XCTAssertEqual(try render("{{#items}}{{lang}}/{{dir}}{{/items}}", ["items": [1]], language: .fr), "fr/ltr")
    }

    func testHelpersFormatInTheRenderLanguage() throws {
        let page = "{{date day}}|{{date range}}|{{money budget}}|{{number people}}|{{percent done total}}|{{date bad}}"
        let context: TemplateValue = ["day": "2023-06-12", "range": "2023-06-28/2023-07-03", "budget": 49_500_000,
                                      "people": 1500, "done": 22, "total": 43, "bad": "<soon>"]
        XCTAssertEqual(try render(page, context, language: .fr),
                       "12 juin 2023|28 juin – 3 juillet 2023|495\u{A0}000,00\u{A0}DH|1\u{A0}500|51%|&lt;soon&gt;")
        XCTAssertEqual(try render(page, context, language: .ar),
                       "12 يونيو 2023|28 يونيو – 3 يوليوز 2023|495\u{A0}000,00\u{A0}درهم|1\u{A0}500|51%|&lt;soon&gt;")
    }

    func testUnknownTemplateNameThrows() throws {
        let folder = try TemplateFolder(["pages/home.html": "home"])
        let library = try folder.library()
        XCTAssertEqual(try library.render("pages/home", [:], language: .fr), "home")
        XCTAssertTrue(library.contains("pages/home"))
        XCTAssertThrowsError(try library.render("pages/nope", [:], language: .fr)) { error in
            XCTAssertEqual((error as? TemplateError)?.description, "pages/nope.html: no such template")
        }
    }

    func testLibraryNamesNestedFilesByRelativePath() throws {
        let folder = try TemplateFolder(["pages/home.html": "{{> partials/nav}}", "partials/nav.html": "<nav/>",
                                         "layouts/base.html": "", "notes.txt": "ignored", ".hidden.html": "x"])
        let library = try folder.library()
        XCTAssertEqual(library.templateNames, ["layouts/base", "pages/home", "partials/nav"])
        XCTAssertEqual(try library.render("pages/home", [:], language: .fr), "<nav/>")
    }

    func testConcurrentRendersAgree() throws {
        let folder = try TemplateFolder(["page.html": "{{#items}}{{.}},{{/items}}{{lang}}"])
        let library = try folder.library()
        let items = TemplateValue.array((0..<50).map { .int($0) })
        let expected = (0..<50).map { "\($0)," }.joined()
        let results = ResultBox(count: 64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let language: Language = i % 2 == 0 ? .ar : .fr
            results.set(i, try? library.render("page", ["items": items], language: language))
        }
        for i in 0..<64 {
            XCTAssertEqual(results.get(i), expected + (i % 2 == 0 ? "ar" : "fr"))
        }
    }
}

final class ResultBox: @unchecked Sendable {
    private var values: [String?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: String?) { lock.lock(); values[i] = value; lock.unlock() }
    func get(_ i: Int) -> String? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
