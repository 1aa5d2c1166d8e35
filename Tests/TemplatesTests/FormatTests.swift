import XCTest
import Templates

final class FormatTests: XCTestCase {
    let nbsp = "\u{A0}"

    func testDay() {
        XCTAssertEqual(Format.date("2023-06-12", .ar), "12 يونيو 2023")
        XCTAssertEqual(Format.date("2023-06-12", .fr), "12 juin 2023")
        XCTAssertEqual(Format.date("2024-08-01", .ar), "1 غشت 2024")
        XCTAssertEqual(Format.date("2024-08-01", .fr), "1er août 2024")
        XCTAssertEqual(Format.date("2023-06-12T09:30:00Z", .fr), "12 juin 2023")
        XCTAssertEqual(Format.date("2023-06-12 09:30:00", .ar), "12 يونيو 2023")
    }

    func testEveryMonthName() {
        let arabic = (1...12).map { Format.date(String(format: "2024-%02d", $0), .ar) }
        XCTAssertEqual(arabic, ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"].map { "\($0) 2024" })
        let french = (1...12).map { Format.date(String(format: "2024-%02d-15", $0), .fr) }
        XCTAssertEqual(french, ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"].map { "15 \($0) 2024" })
    }

    func testMonth() {
        XCTAssertEqual(Format.date("2023-06", .ar), "يونيو 2023")
        XCTAssertEqual(Format.date("2023-06", .fr), "juin 2023")
    }

    func testRangeWithinAMonth() {
        XCTAssertEqual(Format.date("2023-06-12/2023-06-19", .ar), "12–19 يونيو 2023")
        XCTAssertEqual(Format.date("2023-06-12/2023-06-19", .fr), "12–19 juin 2023")
        XCTAssertEqual(Format.date("2023-06-12/2023-06-12", .fr), "12 juin 2023")
    }

    func testRangeAcrossMonths() {
        XCTAssertEqual(Format.date("2023-06-28/2023-07-03", .ar), "28 يونيو – 3 يوليوز 2023")
        XCTAssertEqual(Format.date("2023-06-28/2023-07-03", .fr), "28 juin – 3 juillet 2023")
    }

    func testRangeAcrossYears() {
        XCTAssertEqual(Format.date("2023-12-28/2024-01-03", .ar), "28 دجنبر 2023 – 3 يناير 2024")
        XCTAssertEqual(Format.date("2023-12-28/2024-01-03", .fr), "28 décembre 2023 – 3 janvier 2024")
    }

    func testMonthRanges() {
        XCTAssertEqual(Format.date("2024-01/2024-06", .fr), "janvier – juin 2024")
        XCTAssertEqual(Format.date("2024-10/2025-12", .ar), "أكتوبر 2024 – دجنبر 2025")
    }

    func testInvalidDatesAreReturnedUnchanged() {
        for text in ["", "soon", "2023-13-01", "2023-02-30", "2023-6-1", "2023-06-12/", "2023-06-19/2023-06-12",
                     "2023-06/2023-06-12", "2023-06-12/2023-06-13/2023-06-14", "2023-06-12x", "٢٠٢٣-٠٦-١٢"] {
            XCTAssertEqual(Format.date(text, .fr), text)
            XCTAssertEqual(Format.date(text, .ar), text)
        }
        XCTAssertEqual(Format.date("2024-02-29", .fr), "29 février 2024")
        XCTAssertEqual(Format.date("2023-02-29", .fr), "2023-02-29")
    }

    func testMoney() {
        XCTAssertEqual(Format.money(centimes: 0, .fr), "0,00\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: 0, .ar), "0,00\(nbsp)درهم")
        XCTAssertEqual(Format.money(centimes: 2_000_000, .fr), "20\(nbsp)000,00\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: 2_000_000, .ar), "20\(nbsp)000,00\(nbsp)درهم")
        XCTAssertEqual(Format.money(centimes: 49_500_000, .fr), "495\(nbsp)000,00\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: 49_500_000, .ar), "495\(nbsp)000,00\(nbsp)درهم")
        XCTAssertEqual(Format.money(centimes: 123_456_789, .fr), "1\(nbsp)234\(nbsp)567,89\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: 123_456_789, .ar), "1\(nbsp)234\(nbsp)567,89\(nbsp)درهم")
        XCTAssertEqual(Format.money(centimes: -150_005, .fr), "-1\(nbsp)500,05\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: -150_005, .ar), "-1\(nbsp)500,05\(nbsp)درهم")
        XCTAssertEqual(Format.money(centimes: 7, .fr), "0,07\(nbsp)DH")
        XCTAssertEqual(Format.money(centimes: Int64.min, .fr), "-92\(nbsp)233\(nbsp)720\(nbsp)368\(nbsp)547\(nbsp)758,08\(nbsp)DH")
    }

    func testNumber() {
        XCTAssertEqual(Format.number(0, .fr), "0")
        XCTAssertEqual(Format.number(43, .ar), "43")
        XCTAssertEqual(Format.number(999, .fr), "999")
        XCTAssertEqual(Format.number(1500, .fr), "1\(nbsp)500")
        XCTAssertEqual(Format.number(1500, .ar), "1\(nbsp)500")
        XCTAssertEqual(Format.number(1_234_567, .fr), "1\(nbsp)234\(nbsp)567")
        XCTAssertEqual(Format.number(-100_000, .fr), "-100\(nbsp)000")
    }

    func testPercent() {
        // Found by Tests/Fuzz (TemplateParser): a share beyond Int's range trapped in Int(_:)
        // and took the server down with the page; it is written as a Double instead.
        XCTAssertEqual(Format.percent(Int.max, of: 1), "\(Double(Int.max) * 100)%")
        XCTAssertEqual(Format.percent(Int.min, of: -1), "\(Double(Int.min) * -100)%")
        XCTAssertEqual(Format.percent(Int.max, of: Int.max), "100%")
        XCTAssertEqual(Format.percent(22, of: 43), "51%")
        XCTAssertEqual(Format.percent(1, of: 3), "33%")
        XCTAssertEqual(Format.percent(2, of: 3), "67%")
        XCTAssertEqual(Format.percent(43, of: 43), "100%")
        XCTAssertEqual(Format.percent(5, of: 0), "0%")
    }
}
