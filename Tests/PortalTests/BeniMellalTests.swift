import XCTest
@testable import Portal

/// Beni Mellal's second consultation meeting and its agenda, as its press release gives them.
final class BeniMellalTests: XCTestCase {
    func testTheSecondMeetingAndItsAgendaAreOnTheParticipationPage() throws {
        let portal = try Portal()
        let arabic = portal.get("/ar/communes/beni-mellal/programs/2024-2025/participation")
        XCTAssertEqual(arabic.status, 200)
        XCTAssertTrue(arabic.contains("11 يوليوز 2023"))
        XCTAssertTrue(arabic.contains("برنامج اللقاء"))
        XCTAssertTrue(arabic.contains("استقبال المشاركين"))
        XCTAssertTrue(arabic.contains("<span class=\"time\" dir=\"ltr\">09:30–10:00</span>"))
        XCTAssertEqual(arabic.body.components(separatedBy: "<span class=\"time\"").count - 1, 6, "six agenda items")
        let french = portal.get("/fr/communes/beni-mellal/programs/2024-2025/participation")
        XCTAssertTrue(french.contains("Accueil des participants"))
        XCTAssertTrue(french.contains("Programme de la rencontre"))
    }
}
