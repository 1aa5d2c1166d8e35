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
    }
}
