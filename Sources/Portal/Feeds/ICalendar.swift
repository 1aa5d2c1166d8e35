import Foundation
import Templates

/// An iCalendar document (RFC 5545), so that a citizen's phone calendar shows when a call for
/// ideas closes and when the workshops are, and keeps showing them as the commune adds more
/// (calendar apps subscribe to the URL). Written by hand, since the portal has no calendar
/// library: CRLF lines folded at 75 octets (§3.1), TEXT values escaped (§3.3.11), all-day
/// dates for what the documents date by day or month, Morocco's wall clock with its
/// VTIMEZONE for what they date to the minute.
///
/// No METHOD property: the file is a published calendar, not a scheduling message, so each
/// DTSTAMP is when the entry was last revised in the store (§3.8.7.2), a stored instant; the
/// same data always gives the same bytes.
struct ICalendar {
    /// A Moroccan wall-clock time (TZID=Africa/Casablanca).
    struct WallClock: Equatable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
            self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute; self.second = second
        }

        /// The wall clock at an instant.
        init(_ date: Date) {
            let c = MoroccoTime.wallClock(date)
            self.init(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!)
        }

        /// §3.3.5 local time: "20230711T100000".
        var text: String { String(format: "%04d%02d%02dT%02d%02d%02d", year, month, day, hour, minute, second) }

        /// Near enough the instant (within the zone's offset) to choose the VTIMEZONE's span.
        var approximateInstant: Date? { ICalendar.utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)) }
    }

    /// When an entry takes place.
    enum When: Equatable {
        /// All day from `start` to the day before `endExclusive` ("YYYYMMDD"; §3.6.1: the DTEND of
        /// a VALUE=DATE event is the day after its last day).
        case days(start: String, endExclusive: String)
        /// From a wall-clock time, to another or (a meeting whose end the documents do not give)
        /// to the same instant (§3.6.1).
        case time(start: WallClock, end: WallClock?)
    }

    /// One VEVENT.
    struct Event {
        /// Stable across requests, restarts and languages: "call-501@host".
        var uid: String
        /// When it was last revised in the store.
        var stamp: Date
        var when: When
        var summary: String
        var description: String?
        var location: String?
        var url: String?
        /// Windows and whole days do not make the person busy (§3.8.2.7).
        var transparent: Bool
    }

    var name: String
    var language: Language
    var events: [Event]

    static let contentType = "text/calendar; charset=utf-8"

    /// The document; the VTIMEZONE only when an event has a time.
    func bytes() -> [UInt8] {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Infitah//Open-government programs//\(language.rawValue.uppercased())",
                     "CALSCALE:GREGORIAN",
                     // RFC 7986 §5.1 and the older X-WR-CALNAME that most apps read.
                     "NAME:" + Self.escape(name), "X-WR-CALNAME:" + Self.escape(name),
                     "X-WR-TIMEZONE:" + MoroccoTime.identifier,
                     "REFRESH-INTERVAL;VALUE=DURATION:PT12H"]
        let times = events.flatMap { event -> [Date] in
            guard case .time(let start, let end) = event.when else { return [] }
            return [start.approximateInstant, end?.approximateInstant].compactMap { $0 }
        }
        if let first = times.min(), let last = times.max() {
            lines += Self.timeZone(from: first.addingTimeInterval(-86_400), to: last.addingTimeInterval(86_400))
        }
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + Self.escape(event.uid))
            lines.append("DTSTAMP:" + Self.utcText(event.stamp))
            switch event.when {
            case .days(let start, let end):
                lines.append("DTSTART;VALUE=DATE:" + start)
                lines.append("DTEND;VALUE=DATE:" + end)
            case .time(let start, let end):
                lines.append("DTSTART;TZID=\(MoroccoTime.identifier):" + start.text)
                if let end { lines.append("DTEND;TZID=\(MoroccoTime.identifier):" + end.text) }
            }
            lines.append("SUMMARY:" + Self.escape(event.summary))
            if let description = event.description, !description.isEmpty { lines.append("DESCRIPTION:" + Self.escape(description)) }
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:" + Self.escape(location)) }
            if let url = event.url { lines.append("URL:" + url) }
            if event.transparent { lines.append("TRANSP:TRANSPARENT") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        var out: [UInt8] = []
        for line in lines { Self.appendFolded(line, to: &out) }
        return out
    }

    // MARK: - §3.3.11 TEXT and §3.1 lines

    /// A TEXT value: backslash, semicolon and comma escaped, each line break as `\n`; other
    /// control characters (not allowed in TEXT) dropped.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\r":
                out.append(contentsOf: "\\n".unicodeScalars)
                if pending == "\n" { pending = scalars.next() }
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// §3.1: a content line longer than 75 octets goes on over several physical lines, each
    /// after the first starting with one space (which counts in its 75), cut between characters,
    /// never inside a UTF-8 sequence.
    static func appendFolded(_ line: String, to out: inout [UInt8]) {
        var used = 0
        for scalar in line.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if used + bytes.count > 75 {
                out += [13, 10, 32]
                used = 1
            }
            out += bytes
            used += bytes.count
        }
        out += [13, 10]
    }

    // MARK: - Dates

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// §3.3.5 UTC form: "20230609T000000Z".
    static func utcText(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The all-day span of a stored date as the documents give it: a day ("2023-05-17"), a month
    /// ("2023-10": the whole month), or a range of either ("2023-06-12" to "2023-06-19"); nil
    /// when the text is no such date.
    static func days(start: String, end: String?) -> When? {
        guard let first = firstDay(start) else { return nil }
        let last = end ?? start
        guard let after = dayAfter(last), after > first else { return nil }
        return .days(start: compact(first), endExclusive: compact(after))
    }

    /// The first day of a day or month text, as a UTC midnight.
    private static func firstDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        let year = parts[0]!, month = parts[1]!, day = parts.count == 3 ? parts[2]! : 1
        guard (1...12).contains(month), let date = utc.date(from: DateComponents(year: year, month: month, day: day)),
              utc.component(.day, from: date) == day else { return nil }
        return date
    }

    /// The day after the last day of a day or month text.
    private static func dayAfter(_ text: String) -> Date? {
        guard let first = firstDay(text) else { return nil }
        return utc.date(byAdding: text.count == 7 ? .month : .day, value: 1, to: first)
    }

    private static func compact(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
    }

    // MARK: - §3.6.5 VTIMEZONE

    /// Africa/Casablanca between two instants: the observance in force at `from`, then each
    /// change up to `to`. Morocco is at +01 except during Ramadan (+00), whose dates move every
    /// year, so each change is listed as it is (no RRULE can say it), read from the system's
    /// time zone data, the same that `MoroccoTime` uses.
    static func timeZone(from: Date, to: Date) -> [String] {
        let zone = MoroccoTime.timeZone
        struct Observance { var onset: Date; var from: Int; var to: Int; var daylight: Bool }
        var inForce: Observance? = nil
        var changes: [Observance] = []
        var cursor = from.addingTimeInterval(-400 * 86_400)
        // Bounded: Morocco changes twice a year; a window of years needs a few dozen at most.
        for _ in 0..<500 {
            guard let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= to else { break }
            let change = Observance(onset: next, from: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                                    to: zone.secondsFromGMT(for: next), daylight: zone.isDaylightSavingTime(for: next))
            if next <= from { inForce = change } else { changes.append(change) }
            cursor = next
        }
        let offset = zone.secondsFromGMT(for: from)
        let first = inForce ?? Observance(onset: Date(timeIntervalSince1970: 0), from: offset, to: offset,
                                          daylight: zone.isDaylightSavingTime(for: from))
        var lines = ["BEGIN:VTIMEZONE", "TZID:" + MoroccoTime.identifier]
        for observance in [first] + changes {
            let kind = observance.daylight ? "DAYLIGHT" : "STANDARD"
            lines += ["BEGIN:" + kind,
                      // The onset in the local time in force before it.
                      "DTSTART:" + String(utcText(observance.onset.addingTimeInterval(TimeInterval(observance.from))).dropLast()),
                      "TZOFFSETFROM:" + offsetText(observance.from), "TZOFFSETTO:" + offsetText(observance.to),
                      "TZNAME:" + nameText(observance.to), "END:" + kind]
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    /// §3.3.14 UTC offset: "+0100".
    static func offsetText(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
    }

    /// The zone's own abbreviation in the tz database: "+01", "+00".
    private static func nameText(_ seconds: Int) -> String {
        String(offsetText(seconds).prefix(3))
    }
}
