import Foundation
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The commune and network calendars (issue 12) read back as a calendar app reads them
/// (RFC 5545): CRLF lines folded at 75 octets without breaking a character, stable UIDs,
/// all-day spans with an exclusive end, Morocco's wall clock with its VTIMEZONE, escaped text.
final class CalendarTests: XCTestCase {
    func testCommuneAndNetworkCalendarsInBothLanguages() throws {
        let portal = try Portal()
        for path in ["/ar/communes/settat/calendar.ics", "/fr/communes/settat/calendar.ics", "/ar/calendar.ics", "/fr/calendar.ics",
                     "/fr/communes/demo/calendar.ics"] {
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertEqual(page.headers["Content-Type"], "text/calendar; charset=utf-8", path)
            let calendar = try XCTUnwrap(ICS(page.body), path)
            XCTAssertEqual(calendar.lines.first, "BEGIN:VCALENDAR")
            XCTAssertEqual(calendar.lines.last, "END:VCALENDAR")
            XCTAssertTrue(calendar.lines.contains("VERSION:2.0") && calendar.lines.contains { $0.hasPrefix("PRODID:") })
            XCTAssertFalse(calendar.events.isEmpty, path)
            for event in calendar.events {
                for name in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"] {
                    XCTAssertNotNil(event[name], "\(path): \(name) in \(event)")
                }
                XCTAssertNotNil(event["DTSTAMP"].flatMap { $0.value.hasSuffix("Z") ? $0 : nil }, "DTSTAMP in UTC")
            }
        }
        XCTAssertEqual(portal.get("/fr/communes/nowhere/calendar.ics").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/settat/calendar.ics", method: .head).status, 200)
    }

    /// A day, a range of days, a month, and a meeting at 10:00; the calls' windows to the minute.
    func testDatesAsTheDocumentsGiveThem() throws {
        let portal = try Portal()
        let settat = try XCTUnwrap(ICS(portal.get("/fr/communes/settat/calendar.ics").body))
        let range = try XCTUnwrap(settat.event("event-12"))
        XCTAssertEqual(range["DTSTART"]?.parameters, "VALUE=DATE")
        XCTAssertEqual(range["DTSTART"]?.value, "20230609")
        XCTAssertEqual(range["DTEND"]?.value, "20230615", "9 to 14 June: the end is exclusive")
        XCTAssertEqual(range["SUMMARY"]?.value, "Participation numérique")
        XCTAssertNil(settat.event("milestone-105"), "the call's step is told by its event, not twice")
        let day = try XCTUnwrap(settat.event("milestone-107"))
        XCTAssertEqual(day["DTSTART"]?.value, "20230616")
        XCTAssertEqual(day["DTEND"]?.value, "20230617")
        XCTAssertNil(settat.event("milestone-104"))
        XCTAssertNotNil(settat.event("event-11"))
        let months = try XCTUnwrap(ICS(portal.get("/fr/communes/taroudant/calendar.ics").body)?.event("milestone-203"))
        XCTAssertEqual(months["DTSTART"]?.value, "20230401")
        XCTAssertEqual(months["DTEND"]?.value, "20230701", "April to June 2023: up to the end of June")

        let beniMellal = try XCTUnwrap(ICS(portal.get("/ar/communes/beni-mellal/calendar.ics").body))
        let month = try XCTUnwrap(beniMellal.event("milestone-405"))
        XCTAssertEqual(month["DTSTART"]?.value, "20231001")
        XCTAssertEqual(month["DTEND"]?.value, "20231101", "October 2023: the whole month")
        let meeting = try XCTUnwrap(beniMellal.event("event-41"))
        XCTAssertEqual(meeting["DTSTART"]?.parameters, "TZID=Africa/Casablanca")
        XCTAssertEqual(meeting["DTSTART"]?.value, "20230711T100000")
        XCTAssertNil(meeting["TRANSP"], "a meeting makes one busy")
        XCTAssertTrue(beniMellal.lines.contains("BEGIN:VTIMEZONE") && beniMellal.lines.contains("TZID:Africa/Casablanca"))
        XCTAssertTrue(beniMellal.lines.contains("TZOFFSETTO:+0100"), "in force on 11 July 2023")

        // The sandbox's calls: open from the demo's creation for 30 days, in Morocco's time.
        let window = try portal.callWindow(501)
        let demo = try XCTUnwrap(ICS(portal.get("/fr/communes/demo/calendar.ics").body))
        let call = try XCTUnwrap(demo.event("call-501"))
        XCTAssertEqual(call["DTSTART"]?.parameters, "TZID=Africa/Casablanca")
        XCTAssertEqual(call["DTSTART"]?.value, ICalendar.WallClock(window.opens).text)
        XCTAssertEqual(call["DTEND"]?.value, ICalendar.WallClock(window.closes).text)
        XCTAssertEqual(call["TRANSP"]?.value, "TRANSPARENT")
        XCTAssertEqual(call["URL"]?.value, portal.site.baseURL + "/fr/communes/demo/programs/2025-2026#calls")
        XCTAssertTrue(demo.lines.contains("BEGIN:VTIMEZONE"))
    }

    /// A wall-clock start in the Ramadan hour (UTC+0) and one in the rest of the year (UTC+1).
    func testWallClockFollowsMoroccosTwoOffsets() throws {
        XCTAssertEqual(ICalendar.WallClock(try Call.parse("2024-03-20T12:00:00Z")).text, "20240320T120000", "Ramadan 2024: UTC+0")
        XCTAssertEqual(ICalendar.WallClock(try Call.parse("2024-06-09T08:00:00Z")).text, "20240609T090000", "UTC+1")
        let zone = ICalendar.timeZone(from: try Call.parse("2024-01-01T00:00:00Z"), to: try Call.parse("2024-12-31T00:00:00Z"))
        XCTAssertEqual(zone.filter { $0 == "BEGIN:STANDARD" || $0 == "BEGIN:DAYLIGHT" }.count, 3, "in force on 1 January, Ramadan, after it: \(zone)")
        XCTAssertTrue(zone.contains("TZOFFSETFROM:+0100") && zone.contains("TZOFFSETTO:+0000"))
    }

    func testUIDsAreStableAcrossRequestsAndRestarts() throws {
        let portal = try Portal()
        let first = portal.get("/ar/calendar.ics").body
        try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = name_ar WHERE slug = 'settat'") }
        XCTAssertEqual(portal.get("/ar/calendar.ics").body, first, "the same data gives the same bytes (DTSTAMP is stored, not the request's time)")
        let uids = try XCTUnwrap(ICS(first)).events.compactMap { $0["UID"]?.value }
        XCTAssertEqual(Set(uids).count, uids.count, "unique")
        XCTAssertTrue(uids.contains("event-12@127.0.0.1") && uids.contains("milestone-405@127.0.0.1"), "\(uids)")
        // Restarted on another port: the same UIDs.
        var settings = SiteSettings()
        settings.baseURL = "http://127.0.0.1:9999"
        let restarted = try Site(root: repositoryRoot, databasePath: portal.databasePath, settings: settings)
        defer { restarted.database.close() }
        let request = HTTPRequest(method: .get, target: "/fr/calendar.ics", path: "/fr/calendar.ics",
                                  headers: HTTPHeaders([("Host", "localhost")]), remoteAddress: "127.0.0.1")
        let again = try XCTUnwrap(ICS(String(decoding: try restarted.respond(to: request).body, as: UTF8.self)))
        XCTAssertEqual(again.events.compactMap { $0["UID"]?.value }, uids)
    }

    func testLinesAreFoldedAt75OctetsWithoutSplittingACharacter() throws {
        let portal = try Portal()
        for path in ["/ar/communes/beni-mellal/calendar.ics", "/fr/communes/beni-mellal/calendar.ics", "/ar/calendar.ics"] {
            let bytes = Array(portal.get(path).body.utf8)
            var lines: [[UInt8]] = [[]]
            var index = 0
            while index < bytes.count {
                if bytes[index] == 13 {
                    XCTAssertEqual(bytes[safe: index + 1], 10, "\(path): CR only before LF")
                    lines.append([])
                    index += 2
                    continue
                }
                XCTAssertNotEqual(bytes[index], 10, "\(path): no bare LF")
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
            XCTAssertEqual(lines.last, [], "ends with CRLF")
            var folded = 0
            for line in lines {
                XCTAssertLessThanOrEqual(line.count, 75, "\(path): \(String(decoding: line, as: UTF8.self))")
                // Every physical line is valid UTF-8 on its own: no character was cut.
                XCTAssertNotNil(String(validatingCString: line.map { CChar(bitPattern: $0) } + [0]), path)
                if line.first == 32 { folded += 1 }
            }
            XCTAssertGreaterThan(folded, 10, "\(path) has long Arabic and French lines to fold")
        }
        let arabic = try XCTUnwrap(ICS(portal.get("/ar/communes/beni-mellal/calendar.ics").body))
        let description = try XCTUnwrap(arabic.event("event-41")?["DESCRIPTION"]?.value)
        XCTAssertTrue(description.hasPrefix("في إطار \"برنامج دعم الجماعات الترابية المنفتحة\"، تنظم جماعة بني ملال"), description)
        XCTAssertGreaterThan(description.utf8.count, 500, "unfolded whole")
        XCTAssertTrue(description.hasSuffix("أكتوبر 2023.\\nبرنامج عمل انفتاح جماعة بني ملال"), "the program on a line of its own")
        let french = try XCTUnwrap(ICS(portal.get("/fr/communes/beni-mellal/calendar.ics").body)?.event("event-41")?["DESCRIPTION"]?.value)
        XCTAssertTrue(french.contains("territoriales ouvertes »\\, la commune de Béni Mellal"), french)
    }

    func testTextIsEscaped() throws {
        XCTAssertEqual(ICalendar.escape("a\\b;c,d\ne\r\nf\rg\u{7}h\tí"), "a\\\\b\\;c\\,d\\ne\\nf\\ng" + "h\tí")
        let portal = try Portal()
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO milestones (id, program_id, position, kind, title_ar, title_fr, place_ar, place_fr, date_start, date_precision)
                VALUES (999, 1, 99, 'other', 'لقاء، مفتوح', NULL, 'قاعة; 2, \\ الطابق', 'Salle 2; étage\nB', '2024-02-29', 'day')
                """)
        }
        let french = try XCTUnwrap(ICS(portal.get("/fr/communes/settat/calendar.ics").body)?.event("milestone-999"))
        XCTAssertEqual(french["SUMMARY"]?.value, "لقاء، مفتوح", "no French text: the Arabic")
        XCTAssertEqual(french["LOCATION"]?.value, "Salle 2\\; étage\\nB")
        XCTAssertEqual(french["DTEND"]?.value, "20240301", "the day after 29 February")
        let arabic = try XCTUnwrap(ICS(portal.get("/ar/communes/settat/calendar.ics").body)?.event("milestone-999"))
        XCTAssertEqual(arabic["LOCATION"]?.value, "قاعة\\; 2\\, \\\\ الطابق")
    }

    func testTheNetworkCalendarNamesCommunesAndLeavesOutTheSandbox() throws {
        let portal = try Portal()
        let network = try XCTUnwrap(ICS(portal.get("/fr/calendar.ics").body))
        XCTAssertNil(network.event("call-501"), "the sandbox's example calls are not the network's")
        XCTAssertEqual(network.event("event-12")?["SUMMARY"]?.value, "Commune de Settat — Participation numérique")
        XCTAssertTrue(network.lines.contains { $0.hasPrefix("X-WR-CALNAME:Agenda\u{A0}: ") })
        XCTAssertNotNil(network.event("event-41"))
        XCTAssertEqual(Set(network.events.compactMap { $0["UID"]?.value }).count, network.events.count)
    }
}

/// An iCalendar text unfolded (RFC 5545 §3.1) into content lines and VEVENT properties.
struct ICS {
    struct Property { var parameters: String; var value: String }
    let lines: [String]
    let events: [[String: Property]]

    init?(_ text: String) {
        guard text.hasSuffix("\r\n") else { return nil }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        lines = unfolded.components(separatedBy: "\r\n").dropLast()
        var events: [[String: Property]] = []
        var current: [String: Property]? = nil
        for line in lines {
            if line == "BEGIN:VEVENT" { current = [:]; continue }
            if line == "END:VEVENT", let event = current { events.append(event); current = nil; continue }
            guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon]
            let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parameters = head.contains(";") ? String(head[head.index(after: head.firstIndex(of: ";")!)...]) : ""
            current?[name] = Property(parameters: parameters, value: String(line[line.index(after: colon)...]))
        }
        self.events = events
    }

    /// The event whose UID starts with `name` ("milestone-105").
    func event(_ name: String) -> [String: Property]? {
        events.first { $0["UID"]?.value.hasPrefix(name + "@") == true }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
