import XCTest
@testable import Templates

/// CLDR plural categories and counted catalog entries: Arabic's six forms, French's three.
final class PluralTests: XCTestCase {
    static let counts = [0, 1, 2, 3, 10, 11, 100, 101, 102]

    func testArabicAndFrenchCategories() {
        XCTAssertEqual(Self.counts.map { PluralCategory.of($0, .ar) },
                       [.zero, .one, .two, .few, .few, .many, .other, .other, .other])
        XCTAssertEqual([103, 110, 111, 199, 1000, 1002, 1011].map { PluralCategory.of($0, .ar) }, [.few, .few, .many, .many, .other, .other, .many])
        XCTAssertEqual(Self.counts.map { PluralCategory.of($0, .fr) },
                       [.one, .one, .other, .other, .other, .other, .other, .other, .other])
        XCTAssertEqual([1_000_000, 2_000_000, 1_000_001].map { PluralCategory.of($0, .fr) }, [.many, .many, .other])
    }

    static let catalogs = [
        "i18n/ar.strings": """
        activities[zero] = لا نشاط
        activities[one] = نشاط واحد
        activities[two] = نشاطان
        activities[few] = {1} أنشطة
        activities[many] = {1} نشاطا
        activities[other] = {1} نشاط
        """,
        "i18n/fr.strings": """
        activities[one] = {1} activité
        activities[many] = {1} d'activités
        activities[other] = {1} activités
        """,
    ]

    func testTheTagPicksTheFormByItsCount() throws {
        func shown(_ n: Int, _ language: Language) throws -> String {
            try render("{{t activities n }}", ["n": .int(n)], language: language, files: Self.catalogs)
        }
        XCTAssertEqual(try Self.counts.map { try shown($0, .ar) },
                       ["لا نشاط", "نشاط واحد", "نشاطان", "3 أنشطة", "10 أنشطة", "11 نشاطا", "100 نشاط", "101 نشاط", "102 نشاط"])
        XCTAssertEqual(try Self.counts.map { try shown($0, .fr) },
                       ["0 activité", "1 activité", "2 activités", "3 activités", "10 activités", "11 activités",
                        "100 activités", "101 activités", "102 activités"])
        XCTAssertEqual(try shown(1_000_000, .fr), "1\u{A0}000\u{A0}000 d&#39;activités")
        let library = try TemplateFolder(Self.catalogs).library()
        XCTAssertEqual(library.translations.text("activities", count: 11, .ar), "{1} نشاطا")
        XCTAssertTrue(library.translations.isCounted("activities"))
    }

    func testAFormALanguageNeedsIsAStartupError() throws {
        var catalogs = Self.catalogs
        catalogs["i18n/ar.strings"] = catalogs["i18n/ar.strings"]!.replacingOccurrences(of: "activities[two] = نشاطان\n", with: "")
        catalogs["page.html"] = "{{t activities n }}"
        XCTAssertThrowsError(try TemplateFolder(catalogs).library()) { error in
            XCTAssertTrue("\(error)".contains("lacks the plural form(s) two"), "\(error)")
        }
        catalogs = Self.catalogs
        catalogs["page.html"] = "{{t activities }}"
        XCTAssertThrowsError(try TemplateFolder(catalogs).library()) { error in
            XCTAssertTrue("\(error)".contains("must pass the count first"), "\(error)")
        }
        XCTAssertThrowsError(try TemplateFolder(["i18n/ar.strings": "a[several] = x", "i18n/fr.strings": ""]).library()) { error in
            XCTAssertTrue("\(error)".contains("invalid plural form"), "\(error)")
        }
    }
}
