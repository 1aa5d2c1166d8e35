import Foundation
import SQLite
import Templates

/// A commune's calendar, or the network's: each call's window (to the minute, Morocco time),
/// and the dated milestones and events of the programs (all day when the documents give a day,
/// a month or a range; to the minute when an event has its time), in the page's language.
/// Every UID names the stored row ("call-501@host"), so a calendar app that subscribed keeps one
/// entry per call or step across requests, restarts and edits.
enum CalendarFeed {
    static func make(_ db: Connection, slug: String?, page: PageRequest, links: FeedLinks) throws -> ICalendar {
        let language = page.language
        let commune = try slug.map { try FeedStore.commune(db, slug: $0) }
        let network = try FeedStore.network(db)
        let data = try FeedStore.calendar(db, communeID: commune?.id)

        /// The network's calendar says whose entry it is; a commune's need not.
        func summary(_ title: Localized, _ program: FeedStore.ProgramPlace) -> String {
            commune == nil ? program.communeName.text(language) + " — " + title.text(language) : title.text(language)
        }
        func url(_ program: FeedStore.ProgramPlace, _ fragment: String) -> String {
            links.url(.program(language, slug: program.slug, period: program.period, .overview), fragment)
        }
        func stamp(_ key: String) -> Date { data.stamps[key] ?? network.founded }

        var events: [ICalendar.Event] = []
        for (programID, call) in data.calls {
            guard let program = data.programs[programID] else { continue }
            var lines = [page.t("call.kind." + call.kind), program.title.text(language)]
            if let announcement = call.announcement { lines.append(announcement.text(language)) }
            events.append(ICalendar.Event(uid: links.uid("call-\(call.id)"), stamp: stamp("call-\(call.id)"),
                                          when: .time(start: ICalendar.WallClock(call.opensAt), end: ICalendar.WallClock(call.closesAt)),
                                          summary: summary(call.title, program), description: lines.joined(separator: "\n"),
                                          location: nil, url: url(program, "#calls"), transparent: true))
        }
        for milestone in data.milestones {
            guard let program = data.programs[milestone.programID],
                  let when = ICalendar.days(start: milestone.start, end: milestone.end) else { continue }
            events.append(ICalendar.Event(uid: links.uid("milestone-\(milestone.id)"), stamp: stamp("milestone-\(milestone.id)"), when: when,
                                          summary: summary(milestone.title, program),
                                          description: [page.t("milestone.kind." + milestone.kind), program.title.text(language)].joined(separator: "\n"),
                                          location: milestone.place?.text(language), url: url(program, "#timeline"), transparent: true))
        }
        for event in data.events {
            guard let program = data.programs[event.programID] else { continue }
            var when = ICalendar.days(start: event.start, end: event.end)
            // A time is the start of a one-day meeting; over a range or a month it says too little to place.
            if event.precision == "day", let time = event.time, let start = wallClock(day: event.start, time: time) {
                when = .time(start: start, end: nil)
            }
            guard let when else { continue }
            var lines: [String] = []
            if let description = event.description { lines.append(description.text(language)) }
            lines.append(program.title.text(language))
            let timed: Bool
            if case .time = when { timed = true } else { timed = false }
            events.append(ICalendar.Event(uid: links.uid("event-\(event.id)"), stamp: stamp("event-\(event.id)"), when: when,
                                          summary: summary(event.title, program), description: lines.joined(separator: "\n"),
                                          location: event.place?.text(language), url: url(program, "#figures"), transparent: !timed))
        }
        let name = page.fill("calendar.title", (commune?.name ?? network.name).text(language))
        return ICalendar(name: name, language: language, events: events)
    }

    /// "2023-07-11" at "10:00", Morocco's wall clock.
    private static func wallClock(day: String, time: String) -> ICalendar.WallClock? {
        let date = day.split(separator: "-").compactMap { Int($0) }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, clock.count == 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else { return nil }
        return ICalendar.WallClock(year: date[0], month: date[1], day: date[2], hour: clock[0], minute: clock[1])
    }
}
