import XCTest
@testable import Portal

/// The call windows' stored times read and print exactly.
final class CallTimeTests: XCTestCase {
    func testStoredTimesRoundTripAndBadOnesAreRefused() throws {
        let date = try Call.parse("2023-06-09T08:30:05Z")
        XCTAssertEqual(date.timeIntervalSince1970, 1_686_299_405)
        XCTAssertEqual(Call.utcText(date), "2023-06-09T08:30:05Z")
        for bad in ["2023-02-30T10:00:00Z", "2023-13-01T10:00:00Z", "2023-06-09 08:30:05Z", "2023-06-09T24:00:00Z", "2023-06-09T08:30:05", ""] {
            XCTAssertThrowsError(try Call.parse(bad), bad)
        }
        XCTAssertEqual(try Call.parse("2024-02-29T00:00:00Z").timeIntervalSince1970, 1_709_164_800, "a leap day")
        XCTAssertThrowsError(try Call.parse("1900-02-29T00:00:00Z"), "1900 was no leap year")
        XCTAssertNoThrow(try Call.parse("2000-02-29T00:00:00Z"), "2000 was one")
    }

    /// The arithmetic agrees with Foundation's Gregorian calendar in UTC, which it replaced,
    /// on every day from 1901 to 2099 (a time of day each) and on instants before 1970.
    func testCivilArithmeticAgreesWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = calendar.date(from: DateComponents(year: 1901, month: 1, day: 1))!
        let end = calendar.date(from: DateComponents(year: 2100, month: 1, day: 1))!
        var count = 0
        while day < end {
            let instant = day.addingTimeInterval(TimeInterval((count * 7_919) % 86_400) + 0.75)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            XCTAssertEqual(Call.utcText(instant), expected)
            XCTAssertEqual(try Call.parse(expected).timeIntervalSince1970, instant.timeIntervalSince1970.rounded(.down), expected)
            day = calendar.date(byAdding: .day, value: 1, to: day)!
            count += 1
        }
        XCTAssertEqual(count, 72_684)
        XCTAssertNil(CivilDay(year: 2023, month: 4, day: 31))
        XCTAssertEqual(CivilDay(daysSince1970: -1), CivilDay(year: 1969, month: 12, day: 31))
    }
}
