import XCTest
@testable import Templates

final class TranslationTests: XCTestCase {
    func testTranslationInEachLanguage() throws {
        XCTAssertEqual(try render("{{t site.title}}", language: .ar, files: testCatalogs), "الجماعات المنفتحة")
        XCTAssertEqual(try render("{{t site.title}}", language: .fr, files: testCatalogs), "Communes ouvertes")
    }

    func testArgumentsAreSubstitutedAndEscaped() throws {
        let context: TemplateValue = ["n": 1200, "axis": ["name": "Accès <à> l'information"]]
        XCTAssertEqual(try render("{{t proposals.count n axis.name }}", context, language: .fr, files: testCatalogs),
                       "1\u{A0}200 propositions dans l&#39;axe Accès &lt;à&gt; l&#39;information")
        XCTAssertEqual(try render("{{t proposals.count n axis.name }}", context, language: .ar, files: testCatalogs),
                       "1\u{A0}200 مقترحا في محور Accès &lt;à&gt; l&#39;information")
        XCTAssertEqual(try render("{{#q}}{{t quote .}}{{/q}}", ["q": ["\"x\""]], language: .fr, files: testCatalogs),
                       "« &quot;x&quot; »")
    }

    func testKeyMissingInOneLanguageFallsBackToTheOther() throws {
        XCTAssertEqual(try render("{{t only.fr}}", language: .ar, files: testCatalogs), "Seulement en français")
    }

    func testKeysMissingBetweenLanguages() throws {
        let folder = try TemplateFolder(testCatalogs)
        let library = try folder.library()
        XCTAssertEqual(library.translations.keysMissing(in: .ar), ["only.fr"])
        XCTAssertEqual(library.translations.keysMissing(in: .fr), [])
        XCTAssertEqual(library.translations.text("quote", .fr), "« {1} »")
        XCTAssertNil(library.translations.text("only.fr", .ar))

        let both = Translations([.ar: ["a": "1", "b": "2"], .fr: ["b": "2", "c": "3", "d": "4"]])
        XCTAssertEqual(both.keysMissing(in: .ar), ["c", "d"])
        XCTAssertEqual(both.keysMissing(in: .fr), ["a"])
    }

    func testCatalogFileFormat() throws {
        let folder = try TemplateFolder([
            "ar.strings": "\u{FEFF}# comment\n\n  greeting =  مرحبا {1}  \nurl = a=b\n",
            "fr.strings": "greeting=Bonjour {1}\r\nempty =\n",
        ])
        let translations = try Translations(directory: folder.url)
        XCTAssertEqual(translations.text("greeting", .ar), "مرحبا {1}")
        XCTAssertEqual(translations.text("url", .ar), "a=b")
        XCTAssertEqual(translations.text("greeting", .fr), "Bonjour {1}")
        XCTAssertEqual(translations.text("empty", .fr), "")
        XCTAssertNil(translations.text("# comment", .ar))
    }

    func testCompiledTextKeepsBracesThatAreNotPlaceholders() {
        let text = CompiledText("{a} {0} {12} {")
        XCTAssertEqual(text.placeholderCount, 12)
        XCTAssertEqual(text.pieces.count, 3)
    }

    /// Every message built in code is filled by one function, in one pass: a value that holds
    /// "{2}" (a citizen's title) stays as typed, a placeholder with no value stays visible, and a
    /// placeholder may come twice or out of order (Arabic often puts the second value first).
    func testFillReplacesEachPlaceholderOnceInOnePass() {
        XCTAssertEqual(Translations.fill("Projet {1} : {2}", ["3", "Titre {2} {1}"]), "Projet 3 : Titre {2} {1}")
        XCTAssertEqual(Translations.fill("{2} ← {1} ← {2}", ["a", "b"]), "b ← a ← b")
        XCTAssertEqual(Translations.fill("{1} et {3}, {x} {", ["a"]), "a et {3}, {x} {")
        let catalogs = Translations([.ar: ["n": "المحور {1}"], .fr: ["n": "Axe {1}"]])
        XCTAssertEqual(catalogs.fill("n", .ar, ["٢"]), "المحور ٢")
        XCTAssertEqual(catalogs.fill("missing", .fr, ["x"]), "missing", "the key itself, as t() gives it")
        XCTAssertEqual(catalogs.counted("n", 2, .fr), nil, "not a counted entry")
    }
}
