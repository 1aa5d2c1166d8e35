import XCTest
@testable import Templates

final class ReloadTests: XCTestCase {
    func testChangedFilesAreReparsedWhenReloading() throws {
        var files = testCatalogs
        files["page.html"] = "v1 {{t site.title}}"
        let folder = try TemplateFolder(files)
        let library = try folder.library(reload: true, checkInterval: 0)
        XCTAssertEqual(try library.render("page", [:], language: .fr), "v1 Communes ouvertes")

        try folder.write("page.html", "version two {{t site.title}}")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "version two Communes ouvertes")

        try folder.write("i18n/fr.strings", "site.title = Titre changé\n")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "version two Titre changé")
        XCTAssertEqual(library.translations.text("site.title", .fr), "Titre changé")

        try folder.write("partials/new.html", "new partial")
        try folder.write("page.html", "{{> partials/new}}")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "new partial")
    }

    func testBrokenEditThrowsUntilFixed() throws {
        let folder = try TemplateFolder(["page.html": "ok"])
        let library = try folder.library(reload: true, checkInterval: 0)
        try folder.write("page.html", "{{#open}} never closed")
        XCTAssertThrowsError(try library.render("page", [:], language: .fr)) { error in
            XCTAssertEqual((error as? TemplateError)?.line, 1)
        }
        XCTAssertThrowsError(try library.render("page", [:], language: .fr))
        try folder.write("page.html", "fixed again")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "fixed again")
    }

    func testRemovedTemplateDisappears() throws {
        let folder = try TemplateFolder(["page.html": "p", "other.html": "o"])
        let library = try folder.library(reload: true, checkInterval: 0)
        XCTAssertEqual(try library.render("other", [:], language: .fr), "o")
        try folder.remove("other.html")
        XCTAssertThrowsError(try library.render("other", [:], language: .fr))
    }

    func testChecksAreThrottled() throws {
        let folder = try TemplateFolder(["page.html": "old"])
        let library = try folder.library(reload: true, checkInterval: 3600)
        try folder.write("page.html", "new content")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "old")
    }

    func testWithoutReloadFilesAreReadOnce() throws {
        let folder = try TemplateFolder(["page.html": "old"])
        let library = try folder.library(reload: false, checkInterval: 0)
        try folder.write("page.html", "new content")
        XCTAssertEqual(try library.render("page", [:], language: .fr), "old")
    }

    func testDefaultIntervalPicksUpChangesAfterASecond() throws {
        let folder = try TemplateFolder(["page.html": "old"])
        let library = try TemplateLibrary(directory: folder.url, reloadOnChange: true)
        try folder.write("page.html", "new content")
        Thread.sleep(forTimeInterval: 1.05)
        XCTAssertEqual(try library.render("page", [:], language: .fr), "new content")
    }
}

/// A rendered page leaves in a buffer of its own size, not the renderer's reserve: pages are kept
/// in the portal's page cache, bounded by their byte count.
final class RenderedSizeTests: XCTestCase {
    func testASmallPageIsNotHeldInTheRenderersReserve() throws {
        // Much template text (so the capacity hint is the 64 KiB maximum), little of it rendered.
        let folder = try TemplateFolder(testCatalogs.merging([
            "pages/big.html": String(repeating: "<p>{{ a }}</p>\n", count: 6_000),
            "pages/small.html": "<p>{{ a }}</p>",
        ]) { $1 })
        let library = try folder.library()
        let small = try library.renderUTF8("pages/small", ["a": "salam"], language: .ar)
        XCTAssertEqual(String(decoding: small, as: UTF8.self), "<p>salam</p>")
        XCTAssertLessThan(small.capacity, 1_024, "capacity \(small.capacity) for \(small.count) bytes")
        let big = try library.renderUTF8("pages/big", ["a": "x"], language: .ar)
        XCTAssertEqual(big.count, 6_000 * "<p>x</p>\n".utf8.count)
    }
}
