/// Formats dates, ranges, amounts and numbers the way Moroccan administrative documents do,
/// in Arabic or French, always with Western digits (0–9), so view code and templates never
/// assemble these by hand.
///
/// Separators: thousands are grouped with U+00A0 NO-BREAK SPACE, and the currency is joined
/// with one too, so "20 000,00 DH" never wraps across lines. The decimal mark is a comma in
/// both languages. Ranges of days in one month use an EN DASH without spaces ("12–19 juin
/// 2023"); wider ranges use a spaced EN DASH ("28 juin – 3 juillet 2023"). French writes the
/// first day of a month "1er".
///
/// Each function has a byte-writing twin used by the renderer, so a page full of amounts
/// and dates allocates no intermediate strings; the public functions wrap those twins.
public enum Format {
    static let arabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
                               "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"].map { Array($0.utf8) }
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin",
                               "juillet", "août", "septembre", "octobre", "novembre", "décembre"].map { Array($0.utf8) }

    /// `"2023-06-12"` → "12 يونيو 2023" / "12 juin 2023"; `"2023-06"` → "يونيو 2023" / "juin 2023";
    /// `"2023-06-12/2023-06-19"` → "12–19 juin 2023"; across months "28 juin – 3 juillet 2023";
    /// across years both years. Month ranges (`"2024-01/2025-12"`) work the same way. A
    /// timestamp such as `"2023-06-12T10:00:00Z"` or `"2023-06-12 10:00:00"` shows its day.
    /// Anything else, or a range that ends before it starts, is returned unchanged.
    public static func date(_ iso: String, _ language: Language) -> String {
        var out: [UInt8] = []
        guard appendDate(iso, language, to: &out) else { return iso }
        return String(decoding: out, as: UTF8.self)
    }

    /// Centimes as dirhams: 2000000 → "20 000,00 درهم" / "20 000,00 DH"; negative amounts
    /// take a leading "-".
    public static func money(centimes: Int64, _ language: Language) -> String {
        var out: [UInt8] = []
        appendMoney(centimes: centimes, language, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// 43 → "43", 1500 → "1 500" (U+00A0 between groups), same in both languages.
    public static func number(_ n: Int, _ language: Language) -> String {
        var out: [UInt8] = []
        appendNumber(n, language, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A rounded whole percentage, 22 of 43 → "51%"; "0%" when `whole` is 0.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole != 0 else { return "0%" }
        let value = (Double(part) * 100 / Double(whole)).rounded()
        // Int(_:) traps beyond Int's range; such a share is absurd but must not stop the server.
        guard let percent = Int(exactly: value) else { return "\(value)%" }
        return "\(percent)%"
    }

    // MARK: Byte writers (output never contains characters that need HTML escaping)

    static func appendMoney(centimes: Int64, _ language: Language, to out: inout [UInt8]) {
        let magnitude = centimes.magnitude
        if centimes < 0 { out.append(UInt8(ascii: "-")) }
        appendGrouped(magnitude / 100, to: &out)
        let cents = UInt8(magnitude % 100)
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "0") + cents / 10)
        out.append(UInt8(ascii: "0") + cents % 10)
        appendNoBreakSpace(to: &out)
        switch language {
        case .ar: HTMLEscape.append("درهم", to: &out)
        case .fr: HTMLEscape.append("DH", to: &out)
        }
    }

    static func appendNumber(_ n: Int, _ language: Language, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        appendGrouped(UInt64(n.magnitude), to: &out)
    }

    /// Returns false, writing nothing, when `iso` is not a date, month or range of them.
    static func appendDate(_ iso: String, _ language: Language, to out: inout [UInt8]) -> Bool {
        var iso = iso
        return iso.withUTF8 { bytes -> Bool in
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
                guard let date = CalendarDate(bytes[...]) else { return false }
                appendFull(date, language, to: &out)
                return true
            }
            guard let start = CalendarDate(bytes[..<slash]), let end = CalendarDate(bytes[(slash + 1)...]),
                  (start.day == nil) == (end.day == nil), start <= end else { return false }
            appendRange(start, end, language, to: &out)
            return true
        }
    }

    static func appendGrouped(_ value: UInt64, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for i in 0..<count {
                if i > 0, (count - i) % 3 == 0 { appendNoBreakSpace(to: &out) }
                out.append(digits[20 - count + i])
            }
        }
    }

    @inline(__always)
    static func appendNoBreakSpace(to out: inout [UInt8]) {
        out.append(0xC2)
        out.append(0xA0)
    }

    static func appendMonth(_ month: Int, _ language: Language, to out: inout [UInt8]) {
        out.append(contentsOf: language == .ar ? arabicMonths[month - 1] : frenchMonths[month - 1])
    }

    static func appendDay(_ day: Int, _ language: Language, to out: inout [UInt8]) {
        HTMLEscape.append(int: day, to: &out)
        if language == .fr && day == 1 { HTMLEscape.append("er", to: &out) }
    }

    static func appendFull(_ date: CalendarDate, _ language: Language, to out: inout [UInt8]) {
        if let day = date.day {
            appendDay(day, language, to: &out)
            out.append(UInt8(ascii: " "))
        }
        appendMonth(date.month, language, to: &out)
        out.append(UInt8(ascii: " "))
        HTMLEscape.append(int: date.year, to: &out)
    }

    static func appendRange(_ start: CalendarDate, _ end: CalendarDate, _ language: Language, to out: inout [UInt8]) {
        if start == end {
            appendFull(start, language, to: &out)
        } else if start.year != end.year {
            appendFull(start, language, to: &out)
            HTMLEscape.append(" – ", to: &out)
            appendFull(end, language, to: &out)
        } else if let startDay = start.day, start.month == end.month {
            // The month and year are said once: "12–19 juin 2023".
            appendDay(startDay, language, to: &out)
            HTMLEscape.append("–", to: &out)
            appendFull(end, language, to: &out)
        } else {
            if let startDay = start.day {
                appendDay(startDay, language, to: &out)
                out.append(UInt8(ascii: " "))
            }
            appendMonth(start.month, language, to: &out)
            HTMLEscape.append(" – ", to: &out)
            appendFull(end, language, to: &out)
        }
    }
}

/// A day (`YYYY-MM-DD`) or a whole month (`YYYY-MM`), checked against the calendar.
struct CalendarDate: Equatable, Comparable {
    let year: Int
    let month: Int
    let day: Int?

    init?(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        let base = bytes.startIndex
        let count = bytes.count
        func number(_ offsets: Range<Int>) -> Int? {
            var value = 0
            for offset in offsets {
                let byte = bytes[base + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard count >= 7, bytes[base + 4] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
        if count == 7 {
            day = nil
            return
        }
        // A timestamp's time part is ignored: the document shows the day.
        guard count >= 10, bytes[base + 7] == UInt8(ascii: "-"), let day = number(8..<10),
              count == 10 || bytes[base + 10] == UInt8(ascii: "T") || bytes[base + 10] == UInt8(ascii: " "),
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
