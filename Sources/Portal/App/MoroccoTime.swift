import Foundation

/// Morocco's legal time (Africa/Casablanca: UTC+1, UTC+0 during Ramadan) for instants the
/// admin tables keep in UTC: people read "when" in the time of their own office clock.
enum MoroccoTime {
    /// The IANA name calendars (RFC 5545 `TZID`) and feeds give the zone.
    static let identifier = "Africa/Casablanca"

    static let timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 3600)!

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The Moroccan wall clock of an instant, to the second (year, month, day, hour, minute, second).
    static func wallClock(_ date: Date) -> DateComponents {
        calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    /// The Moroccan day of an instant, as ISO "YYYY-MM-DD" (what the `date` helper formats).
    static func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return padded(c.year!, 4) + "-" + padded(c.month!, 2) + "-" + padded(c.day!, 2)
    }

    /// The Moroccan wall-clock time of an instant, "HH:MM".
    static func time(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return padded(c.hour!, 2) + ":" + padded(c.minute!, 2)
    }

    /// `value` in decimal with zeros before it up to `width` digits (no locale, no format string:
    /// pages print days by the hundred).
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The instant a Moroccan day ("YYYY-MM-DD") begins, or nil when the text is no such day.
    static func start(ofDay text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// The instant the Moroccan day after `text` begins (the exclusive end of "up to that day").
    static func end(ofDay text: String) -> Date? {
        start(ofDay: text).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
    }

    /// The instant a Moroccan wall-clock time ("YYYY-MM-DD", "HH:MM") names, or nil when
    /// either text is not one. At the spring-forward hour the clock skips, Foundation moves
    /// the time forward, as the office clocks do.
    static func instant(day text: String, time: String) -> Date? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        guard let start = start(ofDay: text), time.count == 5, parts.count == 2,
              parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        var components = calendar.dateComponents([.year, .month, .day], from: start)
        components.hour = hour
        components.minute = minute
        return calendar.date(from: components)
    }
}
