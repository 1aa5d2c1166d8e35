import Foundation
import SQLite
import Templates

/// The public timeline of a program: its milestones (the co-preparation steps the focal point
/// records) and its state transitions (recorded in the admin area), in date order, so a citizen
/// reads one story of the program rather than two lists that disagree (issue 6). The windows of
/// its calls (issue 12) are placed the same way, on the day they open.
enum ProgramTimeline {
    /// One milestone to merge: when it starts and whether it is done, and its line.
    struct Milestone {
        /// ISO day or month it starts, nil when undated.
        var date: String?
        var done: Bool
        var line: MilestoneLine
    }

    /// The milestones (in their stored order) with the program's transitions placed among them:
    /// a transition goes before the first milestone that comes after it — a dated one later
    /// than its day, or an undated step still planned (undated planned steps are the future).
    /// One query.
    static func merged(_ db: Connection, programID: Int, milestones records: [ProgramStore.Milestone], lines: [MilestoneLine],
                       calls: [Call], now: Date, page: PageRequest) throws -> [TimelineItem] {
        let milestones = zip(records, lines).map { record, line in Milestone(date: record.start, done: record.done, line: line) }
        let transitions = try LifecycleStore.transitions(db, programID: programID).map { step in
            (day: step.day, entry: entry(step, page: page))
        }
        let windows = calls.map { call in (day: MoroccoTime.day(call.opensAt), entry: entry(call, now: now, page: page)) }
        // Issue 13: the day the first activity started, once one has.
        let started = try ExecutionStore.firstStarted(db, programID: programID).map { first -> (day: String, entry: TimelineEntry) in
            (day: first.day, entry: TimelineEntry(
                title: LocalizedText(plain: page.fill("execution.timeline.first_started", "\(first.project).\(first.activity)",
                                                      first.title.text(page.language))),
                when: first.day, kind: page.t("execution.title"), done: true, transition: true))
        }
        // Issue 13: each annual evaluation, on the day it was published.
        let evaluations = try EvaluationStore.publications(db, programID: programID).map { published -> (day: String, entry: TimelineEntry) in
            (day: published.day, entry: TimelineEntry(
                title: LocalizedText(plain: page.fill("evaluation.timeline.published", String(published.year))),
                when: published.day, kind: page.t("evaluation.annual"), done: true, transition: true))
        }
        // Sorted by day; a transition and a call of the same day keep that order (stable sort).
        let dated = (transitions + windows + (started.map { [$0] } ?? []) + evaluations).enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        return merge(milestones, dated)
    }

    /// The merge itself, apart from the store so the rule is plain.
    static func merge(_ milestones: [Milestone], _ transitions: [(day: String, entry: TimelineEntry)]) -> [TimelineItem] {
        var pending = transitions[...]
        var out: [TimelineItem] = []
        for milestone in milestones {
            while let next = pending.first, comesAfter(milestone, day: next.day) {
                out.append(.entry(next.entry))
                pending = pending.dropFirst()
            }
            out.append(.milestone(milestone.line))
        }
        out.append(contentsOf: pending.map { .entry($0.entry) })
        return out
    }

    private static func comesAfter(_ milestone: Milestone, day: String) -> Bool {
        guard let date = milestone.date else { return !milestone.done }
        // A month ('2023-10') sorts before the days of that month, which reads right: the month
        // a step was planned for, then what happened on a day of it.
        return date > day
    }

    /// A call's window as the timeline shows it: from the day it opens to the last day it is open.
    private static func entry(_ call: Call, now: Date, page: PageRequest) -> TimelineEntry {
        let first = MoroccoTime.day(call.opensAt)
        let last = MoroccoTime.day(call.closesAt.addingTimeInterval(-1))
        let state = call.state(at: now)
        // An open call is neither done nor planned: it is under way.
        return TimelineEntry(
            title: LocalizedText(call.title, page.language), when: first == last ? first : first + "/" + last,
            kind: page.t("call.kind." + call.kind), done: state == .closed, open: state == .open, transition: false,
            stateLabel: state == .open ? page.t("program.call_open") : nil, note: LocalizedText(plain: page.t("call.kind." + call.kind)))
    }

    /// A transition as the timeline shows it: the state reached, on its day, done.
    private static func entry(_ step: LifecycleStore.Transition, page: PageRequest) -> TimelineEntry {
        let state = page.t("status." + step.to.rawValue)
        let key = step.to < step.from ? "lifecycle.timeline.rework" : "lifecycle.timeline.step"
        return TimelineEntry(title: LocalizedText(plain: page.fill(key, state)), when: step.shownDate,
                             kind: page.t("lifecycle.timeline.kind"), done: true, transition: true,
                             note: step.note.map { LocalizedText($0, page.language) })
    }
}

/// An entry of the timeline that is not a milestone: a transition, a call's window, the first
/// activity started, an evaluation published. Every key the timeline reads is answered, so
/// nothing is looked up in the program around it.
struct TimelineEntry: TemplateView {
    let title: LocalizedText
    let when: String
    let kind: String
    let done: Bool
    var open = false
    let transition: Bool
    /// What the entry says instead of "done" or "planned" (an open call).
    var stateLabel: String? = nil
    var note: LocalizedText? = nil

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "place": return .null
        case "when": return .string(when)
        case "kind": return .string(kind)
        case "done": return .bool(done)
        case "open": return .bool(open)
        case "transition": return .bool(transition)
        case "state_label": return .init(stateLabel)
        case "note": return .init(note)
        default: return nil
        }
    }
}

/// A line of the timeline: a milestone, with the keys only the other entries have answered too
/// (not a transition, no note, not open), so nothing is looked up in the program around it; or
/// another entry.
enum TimelineItem: TemplateView {
    case milestone(MilestoneLine)
    case entry(TimelineEntry)

    func member(_ key: String) -> TemplateValue? {
        switch self {
        case .entry(let entry): return entry.member(key)
        case .milestone(let line):
            switch key {
            case "transition", "open": return .bool(false)
            case "note", "state_label": return .null
            default: return line.member(key)
            }
        }
    }
}

extension LocalizedText {
    /// A text the portal writes itself, in the page's language already (never marked untranslated).
    init(plain text: String) {
        self.text = text
        fallback = false
    }
}
