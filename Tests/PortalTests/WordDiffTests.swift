import XCTest
@testable import Portal

/// The word-level difference shown when a project's text changed between two versions.
final class WordDiffTests: XCTestCase {
    typealias S = WordDiff.Segment

    func testArabicChangeMarksExactlyTheChangedWords() {
        let segments = WordDiff.diff("تنظيم ورشات تحسيسية لفائدة الشباب", "تنظيم ورشات تكوينية لفائدة النساء والشباب")
        XCTAssertEqual(segments, [
            S(.same, "تنظيم ورشات "), S(.removed, "تحسيسية"), S(.added, "تكوينية"),
            S(.same, " لفائدة "), S(.removed, "الشباب"), S(.added, "النساء والشباب"),
        ])
    }

    func testFrenchChange() {
        XCTAssertEqual(WordDiff.diff("Organiser des ateliers de sensibilisation pour les jeunes.",
                                     "Organiser des ateliers de formation pour les femmes et les jeunes."), [
            S(.same, "Organiser des ateliers de "), S(.removed, "sensibilisation"), S(.added, "formation"),
            S(.same, " pour "), S(.added, "les femmes et "), S(.same, "les jeunes."),
        ])
        // Accented letters and the apostrophe: "d'information" is "d", "'", "information".
        XCTAssertEqual(WordDiff.diff("l'accès à l'information", "l'accès à l'informatique"), [
            S(.same, "l'accès à l'"), S(.removed, "information"), S(.added, "informatique"),
        ])
    }

    func testDigitsInsideTextAndAmountsStayWhole() {
        XCTAssertEqual(WordDiff.diff("ميزانية 20,000.00 درهم سنة 2024", "ميزانية 25,000.00 درهم سنة 2025"), [
            S(.same, "ميزانية "), S(.removed, "20,000.00"), S(.added, "25,000.00"),
            S(.same, " درهم سنة "), S(.removed, "2024"), S(.added, "2025"),
        ])
        // Digits glued to Arabic letters are one word; a digit change is a change of that word.
        XCTAssertEqual(WordDiff.diff("المرحلة2 من البرنامج", "المرحلة3 من البرنامج"),
                       [S(.removed, "المرحلة2"), S(.added, "المرحلة3"), S(.same, " من البرنامج")])
        XCTAssertEqual(WordDiff.tokens("20 000,00 DH").map(\.text), ["20", " ", "000,00", " ", "DH"])
    }

    func testIdenticalAndEmptyTexts() {
        XCTAssertEqual(WordDiff.diff("الرقمنة الإدارية", "الرقمنة الإدارية"), [S(.same, "الرقمنة الإدارية")])
        XCTAssertEqual(WordDiff.diff("", ""), [])
        XCTAssertEqual(WordDiff.diff("", "نص جديد"), [S(.added, "نص جديد")])
        XCTAssertEqual(WordDiff.diff("نص قديم", ""), [S(.removed, "نص قديم")])
        // Canonically equal texts (precomposed é and e + combining accent) are the same text.
        XCTAssertEqual(WordDiff.diff("r\u{E9}sultat", "re\u{301}sultat"), [S(.same, "r\u{E9}sultat")])
    }

    func testArabicDiacriticsTatweelAndZWNJBelongToTheirWord() {
        // Harakat, shadda, tatweel (U+0640) and a zero-width non-joiner inside a word.
        let words = ["مُشَارَكَة", "المـــواطنة", "مي\u{200C}خواهم", "٢٠٢٤"]
        for word in words {
            XCTAssertEqual(WordDiff.tokens(word).map(\.text), [word], word)
        }
        XCTAssertEqual(WordDiff.tokens("الشفافية، والمساءلة؟").map(\.text), ["الشفافية", "،", " ", "والمساءلة", "؟"])
        // Adding a vowel mark changes that word only.
        XCTAssertEqual(WordDiff.diff("المشاركة المواطنة", "المشاركة المُواطنة"),
                       [S(.same, "المشاركة "), S(.removed, "المواطنة"), S(.added, "المُواطنة")])
    }

    func testAnInsertionStartsAtAWord() {
        XCTAssertEqual(WordDiff.diff("نشر التقييم السنوي", "نشر التقييم المرحلي و السنوي"),
                       [S(.same, "نشر التقييم "), S(.added, "المرحلي و "), S(.same, "السنوي")])
        XCTAssertEqual(WordDiff.diff("a b c", "a c"), [S(.same, "a "), S(.removed, "b "), S(.same, "c")])
    }

    func testChangesBetweenSharedSpacesReadAsOnePhrase() {
        XCTAssertEqual(WordDiff.diff("سنة واحدة", "سنتين كاملتين"), [S(.removed, "سنة واحدة"), S(.added, "سنتين كاملتين")])
    }

    func testSegmentsAlwaysRebuildBothTexts() {
        let pairs = [
            ("إحداث مجلس الشباب وتنظيم دورات تكوينية", "تنظيم دورات تكوينية للمجلس وإحداث مجلس الشباب"),
            ("a b c d e f", "f e d c b a"),
            ("نشر اعلان عمومي", "نشر إعلان عمومي حول رغبة الانتماء"),
            ("  spaces  and\ttabs ", "spaces and tabs"),
        ]
        for (old, new) in pairs {
            let segments = WordDiff.diff(old, new)
            XCTAssertEqual(segments.filter { $0.kind != .added }.map(\.text).joined(), old)
            XCTAssertEqual(segments.filter { $0.kind != .removed }.map(\.text).joined(), new)
            for (a, b) in zip(segments, segments.dropFirst()) { XCTAssertNotEqual(a.kind, b.kind, "adjacent segments merged") }
        }
    }

    func testLongTextsFallBackToReplacingTheDifferingMiddle() {
        let old = (0..<3_000).map { "w\($0)" }.joined(separator: " ")
        let new = "start " + (0..<3_000).map { "v\($0)" }.joined(separator: " ") + " end"
        let start = Date()
        let segments = WordDiff.diff(old, new)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        XCTAssertEqual(segments.map(\.kind), [.removed, .added])
        XCTAssertEqual(segments.first?.text, old)
        XCTAssertEqual(segments.last?.text, new)
        // Under the limit, shared words are still found.
        let shortOld = (0..<500).map { "w\($0)" }.joined(separator: " ")
        let shortNew = shortOld.replacingOccurrences(of: "w250 ", with: "x250 ")
        XCTAssertEqual(WordDiff.diff(shortOld, shortNew).map(\.kind), [.same, .removed, .added, .same])
    }
}
