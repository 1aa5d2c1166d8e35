import Foundation
import XCTest
@testable import Templates

/// A real template folder on disk, removed when the test ends.
final class TemplateFolder {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("infitah-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(path))
    }

    func library(reload: Bool = false, checkInterval: Double = 1) throws -> TemplateLibrary {
        try TemplateLibrary(directory: url, reloadOnChange: reload, checkInterval: checkInterval)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Standard catalogs for tests that use `{{t}}`.
let testCatalogs = [
    "i18n/ar.strings": """
    # Arabic catalog
    site.title = الجماعات المنفتحة
    proposals.count = {1} مقترحا في محور {2}
    quote = «{1}»

    """,
    "i18n/fr.strings": """
    # French catalog
    site.title = Communes ouvertes
    proposals.count = {1} propositions dans l'axe {2}
    quote = « {1} »
    only.fr = Seulement en français
    """,
]

/// Renders `page` from a folder made of `files` (plus `extra`).
func render(_ page: String, _ context: TemplateValue = [:], language: Language = .fr,
            files: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> String {
    var all = files
    all["page.html"] = page
    let folder = try TemplateFolder(all)
    return try folder.library().render("page", context, language: language)
}

/// The error a folder raises when loaded, or a test failure when it loads.
func loadError(_ files: [String: String], file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
    do {
        let folder = try TemplateFolder(files)
        _ = try folder.library()
        XCTFail("expected a TemplateError, but the folder loaded", file: file, line: line)
        return nil
    } catch let error as TemplateError {
        return error
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
        return nil
    }
}
