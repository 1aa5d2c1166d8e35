import Foundation
import XCTest
@testable import Portal

/// Staff see every frozen version, private ones too (co-preparation drafts belong to the
/// admin area only): compared with any other, and downloaded as CSV/JSON like the live program.
final class LifecycleVersionFilesTests: XCTestCase {
    func testStaffCompareAndDownloadPrivateVersions() throws {
        let portal = try Portal()
        // Beni Mellal is in co-preparation: its demo version is private. A second private one after an edit:
        try portal.site.database.write { db in
            try db.run("INSERT INTO axes (program_id, number, title_ar, title_fr) VALUES (4, 1, 'محور التواصل مع المواطنين', 'Communication avec les citoyens')")
            _ = try VersionStore.freeze(db, programID: 4, reason: .publish, label: Localized(arabic: "مسودة ثانية", french: "Deuxième brouillon"),
                                           isPublic: false, by: nil)
        }
        let council = try portal.signIn(.council, commune: "beni-mellal")
        let base = "/admin/fr/communes/beni-mellal/programs/2024-2025/lifecycle"

        let lifecycle = portal.get(base, as: council)
        XCTAssertEqual(lifecycle.status, 200)
        XCTAssertTrue(lifecycle.contains("\(base)/compare?from=1&amp;to=2") || lifecycle.contains("\(base)/compare?from=1&to=2"), "each version compared with the one before")
        XCTAssertTrue(lifecycle.contains("\(base)/versions/2.csv"))
        XCTAssertTrue(lifecycle.contains("\(base)/versions/1.json"))

        let compare = portal.get("\(base)/compare?from=1&to=2", as: council)
        XCTAssertEqual(compare.status, 200)
        XCTAssertTrue(compare.contains("Communication avec les citoyens"), "the axis added between the two private drafts")
        XCTAssertTrue(compare.contains(#"action="\#(base)/compare""#), "the choice of versions stays in the admin area")
        XCTAssertEqual(portal.get("\(base)/compare?from=1&to=9", as: council).status, 404)
        XCTAssertEqual(portal.get("\(base)/compare?from=2&to=2", as: council).status, 400)

        let csv = portal.get("\(base)/versions/2.csv", as: council)
        XCTAssertEqual(csv.status, 200)
        XCTAssertTrue(csv.headers["Content-Type"]?.hasPrefix("text/csv") ?? false)
        let json = portal.get("\(base)/versions/2.json", as: council)
        XCTAssertEqual(json.status, 200)
        XCTAssertTrue(json.contains("Communication avec les citoyens"))
        XCTAssertFalse(portal.get("\(base)/versions/1.json", as: council).contains("Communication avec les citoyens"), "version 1 is as it was frozen")
        XCTAssertEqual(portal.get("\(base)/versions/3.csv", as: council).status, 404)
        XCTAssertEqual(portal.get("\(base)/versions/01.csv", as: council).status, 404)

        // The public never sees them.
        XCTAssertEqual(portal.get("/fr/communes/beni-mellal/programs/2024-2025/versions/2.csv").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/beni-mellal/programs/2024-2025/versions/compare?from=1&to=2").status, 404)
        // Nor staff of another commune.
        let other = try portal.signIn(.council, commune: "settat")
        XCTAssertEqual(portal.get("\(base)/versions/2.csv", as: other).status, 403)
        XCTAssertEqual(portal.get("\(base)/compare", as: other).status, 403)
    }
}
