import XCTest
import Templates
@testable import Portal

/// The real templates and catalogs of the repository load, and both languages say everything.
final class CatalogTests: XCTestCase {
    func testEveryKeyExistsInBothLanguages() throws {
        let translations = try Translations(directory: repositoryRoot.appendingPathComponent("Templates/i18n"))
        XCTAssertEqual(translations.keysMissing(in: .ar), [], "keys in fr.strings but not in ar.strings")
        XCTAssertEqual(translations.keysMissing(in: .fr), [], "keys in ar.strings but not in fr.strings")
        // A counted entry has every plural form its language needs, used from a template or not.
        for key in translations.countedKeys {
            for language in Language.allCases {
                XCTAssertEqual(translations.formsMissing(key, in: language), [], "\(key) in \(language.rawValue)")
            }
        }
    }

    func testTheRepositoryTemplatesParseAtStart() throws {
        XCTAssertNoThrow(try TemplateLibrary(directory: repositoryRoot.appendingPathComponent("Templates")))
    }
}
