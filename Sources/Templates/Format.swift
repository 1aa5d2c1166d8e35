/// Formats dates, ranges, amounts and numbers the way Moroccan administrative documents do,
/// in Arabic or French, always with Western digits (0–9), so view code and templates never
/// assemble these by hand.
///
/// Separators: thousands are grouped with U+00A0 NO-BREAK SPACE, and the currency is joined
/// with one too, so "20 000,00 DH" never wraps across lines. The decimal mark is a comma in
/// both languages. Ranges of days in one month use an EN DASH without spaces ("12–19 juin
/// 2023"); wider ranges use a spaced EN DASH ("28 juin – 3 juillet 2023"). French writes the
/// first day of a month "1er".
public enum Format {
    static let arabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
                               "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin",
                               "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let noBreakSpace = "\u{00A0}"

    /// `"2023-06-12"` → "12 يونيو 2023" / "12 juin 2023"; `"2023-06"` → "يونيو 2023" / "juin 2023";
    /// `"2023-06-12/2023-06-19"` → "12–19 juin 2023"; across months "28 juin – 3 juillet 2023";
    /// across years both years. Month ranges (`"2024-01/2025-12"`) work the same way. A
    /// timestamp such as `"2023-06-12T10:00:00Z"` or `"2023-06-12 10:00:00"` shows its day.
    /// Anything else, or a range that ends before it starts, is returned unchanged.
    public static func date(_ iso: String, _ language: Language) -> String {
        let sides = iso.split(separator: "/", omittingEmptySubsequences: false)
        switch sides.count {
        case 1:
            guard let day = CalendarDate(sides[0]) else { return iso }
            return full(day, language)
        case 2:
            guard let start = CalendarDate(sides[0]), let end = CalendarDate(sides[1]),
                  (start.day == nil) == (end.day == nil), start <= end else { return iso }
            return range(start, end, language)
        default:
            return iso
        }
    }

    /// Centimes as dirhams: 2000000 → "20 000,00 درهم" / "20 000,00 DH"; negative amounts
    /// take a leading "-".
    public static func money(centimes: Int64, _ language: Language) -> String {
        let magnitude = centimes.magnitude
        let cents = magnitude % 100
        var text = centimes < 0 ? "-" : ""
        text += grouped(magnitude / 100)
        text += cents < 10 ? ",0\(cents)" : ",\(cents)"
        text += noBreakSpace
        text += language == .ar ? "درهم" : "DH"
        return text
    }

    /// 43 → "43", 1500 → "1 500" (U+00A0 between groups), same in both languages.
    public static func number(_ n: Int, _ language: Language) -> String {
        (n < 0 ? "-" : "") + grouped(UInt64(n.magnitude))
    }

    /// A rounded whole percentage, 22 of 43 → "51%"; "0%" when `whole` is 0.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole != 0 else { return "0%" }
        let value = (Double(part) * 100 / Double(whole)).rounded()
        return "\(Int(value))%"
    }

    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        text.reserveCapacity(digits.count * 2)
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { text += noBreakSpace }
            text.append(digit)
        }
        return text
    }

    static func monthName(_ month: Int, _ language: Language) -> String {
        language == .ar ? arabicMonths[month - 1] : frenchMonths[month - 1]
    }

    static func dayText(_ day: Int, _ language: Language) -> String {
        language == .fr && day == 1 ? "1er" : String(day)
    }

    static func full(_ date: CalendarDate, _ language: Language) -> String {
        let monthYear = "\(monthName(date.month, language)) \(date.year)"
        guard let day = date.day else { return monthYear }
        return "\(dayText(day, language)) \(monthYear)"
    }

    static func range(_ start: CalendarDate, _ end: CalendarDate, _ language: Language) -> String {
        if start == end { return full(start, language) }
        guard start.year == end.year else { return "\(full(start, language)) – \(full(end, language))" }
        let startMonth = monthName(start.month, language)
        guard let startDay = start.day, let endDay = end.day else {
            return "\(startMonth) – \(full(end, language))"
        }
        if start.month == end.month {
            return "\(dayText(startDay, language))–\(dayText(endDay, language)) \(startMonth) \(end.year)"
        }
        return "\(dayText(startDay, language)) \(startMonth) – \(full(end, language))"
    }
}

/// A day (`YYYY-MM-DD`) or a whole month (`YYYY-MM`), checked against the calendar.
struct CalendarDate: Equatable, Comparable {
    let year: Int
    let month: Int
    let day: Int?

    init?(_ text: Substring) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count >= 7, bytes[4] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        if bytes.count == 7 {
            day = nil
            return
        }
        // A timestamp's time part is ignored: the document shows the day.
        guard bytes.count >= 10, bytes[7] == UInt8(ascii: "-"), let day = number(8..<10),
              bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day ?? 0) < (b.year, b.month, b.day ?? 0)
    }
}
