import XCTest
@testable import Templates

/// Every mistake a template author can make must stop the library at start, pointing at the
/// file and line to fix.
final class StartErrorTests: XCTestCase {
    func testUnknownPartial() {
        let error = loadError(["pages/home.html": "<h1>x</h1>\n<p>\n{{> partials/nope }}\n</p>"])
        XCTAssertEqual(error?.description, "pages/home.html:3: unknown partial 'partials/nope'")
    }

    func testUnknownLayout() {
        let error = loadError(["pages/home.html": "\n{{< layouts/nope }}{{/ layouts/nope }}"])
        XCTAssertEqual(error?.file, "pages/home.html")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.message, "unknown layout 'layouts/nope'")
    }

    func testUnclosedSectionPointsAtItsOpening() {
        let error = loadError(["pages/list.html": "a\nb\n{{# items }}\n<li>{{name}}</li>\n"])
        XCTAssertEqual(error?.file, "pages/list.html")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("never closed") ?? false, "\(String(describing: error))")
    }

    func testUnclosedInnerSectionInsideClosedOuterIsAMismatch() {
        let error = loadError(["p.html": "{{#a}}\n{{^b}}\n{{/a}}"])
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.message, "'{{/a}}' does not match {{^b}} opened on line 2")
    }

    func testMismatchedCloseNamesBothTags() {
        let error = loadError(["partials/x.html": "{{#a}}\n\n..{{/b}}"])
        XCTAssertEqual(error?.description, "partials/x.html:3: '{{/b}}' does not match {{#a}} opened on line 1")
    }

    func testStrayClose() {
        let error = loadError(["p.html": "ok\n{{/ a }}"])
        XCTAssertEqual(error?.description, "p.html:2: '{{/a}}' closes nothing")
    }

    func testUnclosedMustache() {
        let error = loadError(["p.html": "line one\nline {{ two\nthree\n"])
        XCTAssertEqual(error?.description, "p.html:2: unclosed '{{'")
        let triple = loadError(["p.html": "\n\n{{{ raw }}"])
        XCTAssertEqual(triple?.description, "p.html:3: unclosed '{{{'")
    }

    func testLineNumbersCountNewlinesInsideEarlierTags() {
        let error = loadError(["p.html": "{{!\ncomment\n}}\n{{> missing}}"])
        XCTAssertEqual(error?.line, 4)
    }

    func testUnknownTranslationKey() {
        var files = testCatalogs
        files["pages/home.html"] = "{{t site.title}}\n\n{{t no.such.key }}"
        let error = loadError(files)
        XCTAssertEqual(error?.description, "pages/home.html:3: unknown translation key 'no.such.key'")
    }

    func testTranslationWithoutCatalogFolder() {
        let error = loadError(["p.html": "{{t site.title}}"])
        XCTAssertEqual(error?.description, "p.html:1: unknown translation key 'site.title'")
    }

    func testTranslationNeedsEnoughArguments() {
        var files = testCatalogs
        files["p.html"] = "{{t proposals.count n}}"
        let error = loadError(files)
        XCTAssertEqual(error?.line, 1)
        XCTAssertTrue(error?.message.contains("{2}") ?? false, "\(String(describing: error))")
    }

    func testMalformedTags() {
        XCTAssertEqual(loadError(["p.html": "{{ two words }}"])?.line, 1)
        XCTAssertEqual(loadError(["p.html": "\n{{}}"])?.line, 2)
        XCTAssertEqual(loadError(["p.html": "{{ a..b }}"])?.message, "invalid name 'a..b'")
        XCTAssertEqual(loadError(["p.html": "{{=<% %>=}}"])?.line, 1)
        XCTAssertEqual(loadError(["p.html": "{{money a b}}"])?.message, "'money' takes 1 argument(s), got 2")
    }

    func testContentOutsideBlocksInsideALayoutCall() {
        let files = ["layouts/base.html": "{{$main}}{{/main}}",
                     "p.html": "{{<layouts/base}}\n  {{$main}}ok{{/main}}\n  stray text\n{{/layouts/base}}"]
        let error = loadError(files)
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("{{<layouts/base}}") ?? false)
    }

    func testCatalogErrors() {
        var duplicate = testCatalogs
        duplicate["i18n/fr.strings"] = "a = 1\n# c\n\nb = 2\na = 3\n"
        XCTAssertEqual(loadError(duplicate)?.description, "i18n/fr.strings:5: duplicate key 'a'")

        var malformed = testCatalogs
        malformed["i18n/ar.strings"] = "a = 1\nno equals sign here\n"
        XCTAssertEqual(loadError(malformed)?.description, "i18n/ar.strings:2: expected 'key = value'")

        var missingFile = testCatalogs
        missingFile.removeValue(forKey: "i18n/ar.strings")
        XCTAssertEqual(loadError(missingFile)?.file, "i18n/ar.strings")
    }

    func testMissingDirectory() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-none-\(UUID().uuidString)")
        XCTAssertThrowsError(try TemplateLibrary(directory: url)) { error in
            XCTAssertTrue(error is TemplateError)
        }
    }
}
