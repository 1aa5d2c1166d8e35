import Foundation
import SQLite
import Templates

/// One proposal's Atom feed, for the citizen who sent it: that it was received, then each
/// decision of the committee (status, public answer, reason, project), and its merge into a
/// similar proposal — what the tracking page shows, as a history. The store keeps only the
/// proposal's present state; its past is read back from the audit log, where the triage writes
/// every change in the same transaction as the change. A proposal changed without an audit
/// entry (demo data, a paper proposal's reason) still ends on its present state. Like the
/// tracking page, it answers for any code, a merged or hidden proposal included, and says
/// nothing of who sent it or who decided.
enum ProposalFeed {
    /// What a decision left the proposal saying.
    private struct State: Equatable {
        var status = "processing"
        var answer: String?
        var reason: String?
        var projectID: Int?
    }

    static func make(_ db: Connection, code typed: String, page: PageRequest, links: FeedLinks) throws -> AtomFeed {
        guard let code = TrackingCode.canonical(typed) else { throw PageError.notFound }
        let proposal = try FeedStore.proposal(db, code: code)
        let changes = try FeedStore.changes(db, programID: proposal.program.id, proposalID: proposal.id)
        let projects = try FeedStore.projects(db, programID: proposal.program.id)
        let language = page.language
        let tracking = links.url(.proposal(language, code: proposal.code))
        func tag(_ specific: String) -> String { links.tag("proposal/\(proposal.id)/" + specific) }

        func summary(_ state: State) -> String {
            var lines = [page.fill("feed.state", page.t("proposal.status." + state.status))]
            if let answer = state.answer { lines.append(page.t("proposal.tracking.answer") + " — " + answer) }
            if state.status == "rejected", let reason = state.reason { lines.append(page.t("proposal.tracking.reason") + " — " + reason) }
            if state.status == "integrated", let id = state.projectID, let project = projects[id] {
                lines.append(page.t("proposal.tracking.integrated_into") + " " + page.projectLabel(project.number, project.title))
            }
            return lines.joined(separator: "\n")
        }

        // The status it was recorded with (a paper proposal's, typed at the workshop).
        var state = State()
        for change in changes where change.action == "create" && change.field == "status" {
            state.status = change.after ?? state.status
        }
        let received = AtomFeed.Entry(id: tag("received"), title: page.t("feed.proposal.received"), updated: proposal.createdAt,
                                      link: tracking, summary: summary(state))

        // Each decision: the fields the triage recorded at one instant, its status first. Two
        // decisions within the same second (the log keeps seconds) part where a status or an
        // already seen field comes again.
        var decisions: [(entry: AtomFeed.Entry, state: State)] = []
        var index = 0
        let decided = changes.filter { $0.action != "create" && $0.field != "merged_into_id" }
        while index < decided.count {
            let first = decided[index]
            var seen: Set<String> = []
            while index < decided.count, decided[index].atText == first.atText,
                  seen.isEmpty || (decided[index].field != "status" && !seen.contains(decided[index].field)) {
                let change = decided[index]
                seen.insert(change.field)
                switch change.field {
                case "status": state.status = change.after ?? state.status
                case "public_answer": state.answer = change.after
                case "rejection_reason": state.reason = change.after
                case "integrated_project_id": state.projectID = change.after.flatMap { Int($0) }
                default: break
                }
                index += 1
            }
            decisions.append((AtomFeed.Entry(id: tag("change/\(first.id)"), title: page.fill("feed.proposal.status", page.t("proposal.status." + state.status)),
                                             updated: first.at, link: tracking, summary: summary(state)), state))
        }

        // The proposal as it stands has the last word.
        let current = State(status: proposal.status, answer: proposal.answer, reason: proposal.reason, projectID: proposal.integratedProjectID)
        var entries: [AtomFeed.Entry] = [received]
        if let last = decisions.last, last.state != current {
            decisions[decisions.count - 1].entry.title = page.fill("feed.proposal.status", page.t("proposal.status." + current.status))
            decisions[decisions.count - 1].entry.summary = summary(current)
        } else if decisions.isEmpty, current != state {
            if let answered = proposal.answeredAt, answered > proposal.createdAt {
                entries.append(AtomFeed.Entry(id: tag("answer"), title: page.fill("feed.proposal.status", page.t("proposal.status." + current.status)),
                                              updated: answered, link: tracking, summary: summary(current)))
            } else {
                entries[0].summary = summary(current)
            }
        }
        entries += decisions.map(\.entry)

        // Merged into a similar proposal: said once, when it last happened, if that one is visible.
        if let kept = proposal.kept, let merged = changes.last(where: { $0.field == "merged_into_id" }) {
            entries.append(AtomFeed.Entry(id: tag("merged"), title: page.fill("feed.proposal.merged", kept.title), updated: merged.at,
                                          link: links.url(.proposal(language, code: kept.code)), summary: nil))
        }

        // Issue 13: once integrated, each step of the project it fed (a progress entry of one of
        // its activities), so the citizen learns whether the project is being carried out.
        if proposal.status == "integrated", let projectID = proposal.integratedProjectID, let project = projects[projectID] {
            let card = links.url(.program(language, slug: proposal.program.slug, period: proposal.program.period, .project(project.number)),
                                 "#execution")
            for (entry, number, title) in try ExecutionStore.projectEntries(db, projectID: projectID) {
                guard let recorded = Timestamp.date(entry.recordedAt) else { continue }
                let status = page.t("execution.status." + entry.status.rawValue)
                var lines = [page.fill("feed.progress.summary", String(number), title.text(language), status, String(entry.percent), entry.on)]
                if let reason = entry.reason { lines.append(page.t("execution.reason") + " " + reason.text(language)) }
                if let note = entry.note { lines.append(note.text(language)) }
                entries.append(AtomFeed.Entry(id: tag("progress/\(entry.id)"),
                                              title: page.fill("feed.progress.title", String(project.number), status, String(entry.percent)),
                                              updated: recorded, link: card, summary: lines.joined(separator: "\n")))
            }
        }

        return AtomFeed(id: links.tag("proposals/\(proposal.code)/feed/\(language.rawValue)"),
                        title: page.fill("feed.proposal.title", proposal.title), language: language,
                        selfLink: links.url(.proposalFeed(language, code: proposal.code)), pageLink: tracking,
                        authorName: proposal.program.communeName.text(language),
                        authorURI: links.url(.commune(language, slug: proposal.program.slug)),
                        entries: entries, updatedWhenEmpty: proposal.createdAt)
    }
}
