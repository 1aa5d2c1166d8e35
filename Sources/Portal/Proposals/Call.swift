import Foundation
import SQLite
import Templates

/// A program's call for ideas or for comments on the draft, as the clock sees it: whether
/// it is upcoming, open or closed decides whether the proposal form is offered at all.
struct Call: Sendable {
    enum State: String { case upcoming, open, closed }

    var id: Int
    var kind: String
    var channel: String
    var title: Localized
    var announcement: Localized?
    var opensAt: Date
    var closesAt: Date
    var axisIDs: [Int]
    /// Why it closed before the window announced ('closed-now', 'back-to-draft'), if it did.
    var closedEarly: String? = nil
    /// The closing time announced, when the call was closed before it.
    var plannedClosesAt: Date? = nil

    /// The axes the call takes ideas on: its own, or all of the program's when it names none
    /// (what the Calls tab means by leaving every axis unticked).
    func coveredAxes(of programAxisIDs: [Int]) -> [Int] { axisIDs.isEmpty ? programAxisIDs : axisIDs }

    /// Open from `opensAt` (included) to `closesAt` (excluded).
    func state(at now: Date) -> State {
        if now < opensAt { return .upcoming }
        return now < closesAt ? .open : .closed
    }

    /// A call from a row of `calls` (with all its columns).
    init(row: Row, axisIDs: [Int]) throws {
        self.init(id: try row.int("id"), kind: try row.string("kind"), channel: try row.string("channel"),
                  title: try Localized(row, "title"), announcement: try Localized(optional: row, "announcement"),
                  opensAt: try Call.parse(row.string("opens_at")), closesAt: try Call.parse(row.string("closes_at")),
                  axisIDs: axisIDs, closedEarly: try row.optionalString("closed_early"),
                  plannedClosesAt: try row.optionalString("planned_closes_at").map(Call.parse))
    }

    init(id: Int, kind: String, channel: String, title: Localized, announcement: Localized?, opensAt: Date, closesAt: Date,
         axisIDs: [Int], closedEarly: String? = nil, plannedClosesAt: Date? = nil) {
        self.id = id; self.kind = kind; self.channel = channel; self.title = title; self.announcement = announcement
        self.opensAt = opensAt; self.closesAt = closesAt; self.axisIDs = axisIDs
        self.closedEarly = closedEarly; self.plannedClosesAt = plannedClosesAt
    }

    /// The ideas call the form should use now: the open one, else the next to open, else the
    /// last to have closed (so the form page can say when it opens or that it closed).
    static func ideasCall(among calls: [Call], at now: Date) -> Call? {
        current("ideas", among: calls, at: now)
    }

    /// The call of that kind ('ideas' or 'draft-comments') a form should use now, chosen as above.
    static func current(_ kind: String, among calls: [Call], at now: Date) -> Call? {
        let ideas = calls.filter { $0.kind == kind }
        return ideas.first { $0.state(at: now) == .open }
            ?? ideas.filter { $0.state(at: now) == .upcoming }.min { $0.opensAt < $1.opensAt }
            ?? ideas.max { $0.closesAt < $1.closesAt }
    }

    static func parse(_ text: String) throws -> Date {
        // The one shape the store holds, "YYYY-MM-DDTHH:MM:SSZ", read by hand: a DateFormatter
        // made per call was most of the form page's time (Tests/Benchmarks/run --submissions),
        // and Foundation's calendar asks ICU for UTC's offset on every date (CivilDay instead).
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58, bytes[19] == 90,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              hour < 24, minute < 60, second < 60,
              let days = CivilDay(year: year, month: month, day: day)?.daysSince1970 else {
            throw BadDateTime(text: text)
        }
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
    }

    struct BadDateTime: Error { let text: String }

    static func utcText(_ date: Date) -> String {
        // Whole seconds, as the calendar's components gave them (a fraction is dropped).
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let day = CivilDay(daysSince1970: days)
        // Padded by hand: String(format:) cost ten times the date arithmetic, on every write that
        // stamps a row (a submission with an address stamps four; Tests/Benchmarks/run --submissions-mail).
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return pad(day.year, 4) + "-" + pad(day.month, 2) + "-" + pad(day.day, 2) + "T" + pad(secondOfDay / 3_600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// "14 juin 2023 à 18:00" / "14 يونيو 2023 على الساعة 18:00" in Morocco's legal time
    /// (Africa/Casablanca: UTC+1, UTC+0 during Ramadan), which is what the announcements use.
    static func moroccoTime(_ date: Date, page: PageRequest) -> String {
        moroccoTime(date, translations: page.translations, language: page.language)
    }

    static func moroccoTime(_ date: Date, translations: Translations, language: Language) -> String {
        // The same few times (a call's opening and closing) are printed on every form page and
        // the time zone arithmetic is most of the cost: kept once made, per wording.
        let format = translations.text("call.at_time", language) ?? ""
        let key = MoroccoTimes.Key(date: date, language: language.rawValue, format: format)
        if let known = moroccoTimes.text(key) { return known }
        let day = Format.date(MoroccoTime.day(date), language)
        let text = format.isEmpty ? day
            : Translations.fill(format, [day, MoroccoTime.time(date)])
        moroccoTimes.keep(text, key)
        return text
    }

    private static let moroccoTimes = MoroccoTimes()

    /// Printed times by date, language and wording; cleared when it grows past a bound.
    private final class MoroccoTimes: @unchecked Sendable {
        struct Key: Hashable { var date: Date; var language: String; var format: String }
        private let lock = NSLock()
        private var texts: [Key: String] = [:]  // guarded by lock

        func text(_ key: Key) -> String? {
            lock.lock()
            defer { lock.unlock() }
            return texts[key]
        }

        func keep(_ text: String, _ key: Key) {
            lock.lock()
            defer { lock.unlock() }
            if texts.count >= 4096 { texts.removeAll(keepingCapacity: true) }
            texts[key] = text
        }
    }
}

/// A call as a page shows it: title, kind, state in words and the time it opens or closes, and
/// while an ideas call is open, the links to its forms (an idea, a new project card).
struct CallView: TemplateView {
    let title: LocalizedText
    let announcement: LocalizedText?
    /// The kind's label in the page's language.
    let kind: String
    /// The state's label in the page's language.
    let state: String
    /// The state as stored: upcoming, open or closed (a class of the call's card).
    let stateCode: String
    /// When it opens, closes or closed, in Morocco time, in words.
    let when: String
    /// Why it closed before the announced end (the program went back to draft, or the commune
    /// closed it), in words.
    let closedEarly: String?
    /// The proposal form, while an ideas call is open.
    let formHref: String?
    /// The new project card's form, while an ideas call is open.
    let projectHref: String?

    init(_ call: Call, at now: Date, page: PageRequest, formHref: String?, projectHref: String? = nil) {
        let state = call.state(at: now)
        switch state {
        case .upcoming: when = page.t("call.opens_on") + " " + Call.moroccoTime(call.opensAt, page: page)
        case .open: when = page.t("call.closes_on") + " " + Call.moroccoTime(call.closesAt, page: page)
        case .closed: when = page.t("call.closed_on") + " " + Call.moroccoTime(call.closesAt, page: page)
        }
        title = LocalizedText(call.title, page.language)
        announcement = call.announcement.map { LocalizedText($0, page.language) }
        kind = page.t("call.kind." + call.kind)
        self.state = page.t("call.state." + state.rawValue)
        stateCode = state.rawValue
        closedEarly = state == .closed ? call.closedEarly.map { page.t("call.closed_early." + $0) } : nil
        let formsOpen = state == .open && call.kind == "ideas"
        self.formHref = formsOpen ? formHref : nil
        self.projectHref = formsOpen ? projectHref : nil
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "announcement": return .init(announcement)
        case "kind": return .string(kind)
        case "state": return .string(state)
        case "state_code": return .string(stateCode)
        case "when": return .string(when)
        case "closed_early": return .init(closedEarly)
        case "form_href": return .init(formHref)
        case "project_href": return .init(projectHref)
        default: return nil
        }
    }
}

/// A day of the proleptic Gregorian calendar and its number counted from 1970-01-01, by
/// arithmetic alone (H. Hinnant's days-from-civil and civil-from-days): what a UTC timestamp's
/// date part needs, without a time zone to ask.
struct CivilDay: Equatable {
    let year: Int, month: Int, day: Int

    /// The day, or nil when the month has no such day (31 April, 29 February 2023).
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
        guard CivilDay(daysSince1970: daysSince1970) == self else { return nil }
    }

    init(daysSince1970 count: Int) {
        let shifted = count + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSince1970: Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
