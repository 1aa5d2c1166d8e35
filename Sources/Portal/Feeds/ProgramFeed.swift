import Foundation
import SQLite
import Templates

/// A program's Atom feed: what a citizen following the program wants to hear of, as it
/// happens — a call for ideas or for comments opened or closed, a step of the program's life,
/// an answer the committee gave to a public proposal (its title and status, nothing of its
/// author), a new public version, a change of a project's progress, a published annual evaluation
/// (issue 13). Only what has happened by `now`: a call opening tomorrow is
/// not an entry yet, so the feed changes at each opening and closing, and `nextChange` says when.
enum ProgramFeed {
    /// Feed readers want the recent news, not the whole history.
    static let entryLimit = 50

    static func make(_ db: Connection, slug: String, period: String, now: Date, page: PageRequest,
                     links: FeedLinks) throws -> (feed: AtomFeed, nextChange: Date?) {
        let program = try FeedStore.program(db, slug: slug, period: period)
        let language = page.language
        func url(_ sub: SiteRoute.ProgramPage, _ fragment: String = "") -> String {
            links.url(.program(language, slug: program.slug, period: program.period, sub), fragment)
        }
        let tag = links.tag
        var entries: [AtomFeed.Entry] = []

        let calls = try CallStore.all(db, programID: program.id)
        for call in calls {
            let title = call.title.text(language)
            var lines = [page.t("call.kind." + call.kind)]
            if let announcement = call.announcement { lines.append(announcement.text(language)) }
            if call.opensAt <= now {
                let closes = page.t(call.closesAt <= now ? "call.closed_on" : "call.closes_on") + " " + Call.moroccoTime(call.closesAt, page: page)
                entries.append(AtomFeed.Entry(id: tag("call/\(call.id)/opened"), title: page.fill("feed.call.opened", title),
                                              updated: call.opensAt, link: url(.overview, "#calls"),
                                              summary: ([lines[0] + " · " + closes] + lines.dropFirst()).joined(separator: "\n")))
            }
            if call.closesAt <= now {
                entries.append(AtomFeed.Entry(id: tag("call/\(call.id)/closed"), title: page.fill("feed.call.closed", title),
                                              updated: call.closesAt, link: url(.overview, "#calls"), summary: lines[0]))
            }
        }
        let nextChange = calls.flatMap { [$0.opensAt, $0.closesAt] }.filter { $0 > now }.min()

        for step in try LifecycleStore.transitions(db, programID: program.id) {
            guard let recorded = Timestamp.date(step.recordedAt) else { continue }
            let key = step.to < step.from ? "lifecycle.timeline.rework" : "lifecycle.timeline.step"
            var lines = [Format.date(step.day, language)]
            if let note = step.note { lines.append(note.text(language)) }
            entries.append(AtomFeed.Entry(id: tag("transition/\(step.id)"), title: page.fill(key, page.t("status." + step.to.rawValue)),
                                          updated: recorded, link: url(.overview, "#timeline"), summary: lines.joined(separator: "\n")))
        }

        for version in try VersionStore.list(db, programID: program.id) where version.isPublic {
            guard let frozen = Timestamp.date(version.frozenAt) else { continue }
            entries.append(AtomFeed.Entry(id: tag("version/\(version.id)"),
                                          title: page.fill("feed.version", String(version.number), version.label.text(language)),
                                          updated: frozen, link: url(.versions),
                                          summary: page.fill("feed.state", page.t("status." + version.state))))
        }

        for answer in try FeedStore.answers(db, programID: program.id, limit: entryLimit) {
            entries.append(AtomFeed.Entry(id: tag("proposal/\(answer.id)/answer"),
                                          title: page.fill("feed.answer", answer.title, page.t("proposal.status." + answer.status)),
                                          updated: answer.answeredAt,
                                          link: links.url(.proposal(language, code: answer.code)), summary: nil))
        }

        // Issue 13: each change of a project's progress (a progress entry of one of its
        // activities), linked to the project card's execution section…
        for (entry, project, activity, title) in try ExecutionStore.programEntries(db, programID: program.id, limit: entryLimit) {
            guard let recorded = Timestamp.date(entry.recordedAt) else { continue }
            let status = page.t("execution.status." + entry.status.rawValue)
            var lines = [page.fill("feed.progress.summary", "\(project).\(activity)", title.text(language), status, String(entry.percent), entry.on)]
            if let reason = entry.reason { lines.append(page.t("execution.reason") + " " + reason.text(language)) }
            if let note = entry.note { lines.append(note.text(language)) }
            entries.append(AtomFeed.Entry(id: tag("progress/\(entry.id)"),
                                          title: page.fill("feed.progress.title", String(project), status, String(entry.percent)),
                                          updated: recorded, link: url(.project(project), "#execution"),
                                          summary: lines.joined(separator: "\n")))
        }
        // …and each annual evaluation, when it is published.
        for published in try EvaluationStore.publications(db, programID: program.id) {
            entries.append(AtomFeed.Entry(id: tag("evaluation/\(published.year)"),
                                          title: page.fill("evaluation.timeline.published", String(published.year)),
                                          updated: published.at, link: url(.evaluation(published.year)),
                                          summary: page.fill("feed.evaluation.summary", String(published.year))))
        }

        // Oldest first, as AtomFeed takes them, keeping the newest.
        entries = Array(entries.enumerated().sorted { a, b in
            a.element.updated != b.element.updated ? a.element.updated < b.element.updated : a.offset < b.offset
        }.map(\.element).suffix(entryLimit))
        let network = try FeedStore.network(db)
        let feed = AtomFeed(
            id: tag("communes/\(program.slug)/programs/\(program.period)/feed/\(language.rawValue)"),
            title: page.fill("feed.program.title", program.title.text(language)), language: language,
            selfLink: url(.feed), pageLink: url(.overview), authorName: program.communeName.text(language),
            authorURI: links.url(.commune(language, slug: program.slug)),
            entries: entries, updatedWhenEmpty: network.founded)
        return (feed, nextChange)
    }
}

