import Foundation
import SQLite
import Templates

/// The public timeline of a program: its milestones (the co-preparation steps the focal point
/// records) and its state transitions (recorded in the admin area), in date order, so a citizen
/// reads one story of the program rather than two lists that disagree (issue 6). The windows of
/// its calls (issue 12) are placed the same way, on the day they open.
enum ProgramTimeline {
    /// One dated entry to merge: a milestone's row and view value.
    struct Milestone {
        /// ISO day or month it starts, nil when undated.
        var date: String?
        var done: Bool
        var value: TemplateValue
    }

    /// The milestones (in their stored order) with the program's transitions placed among them:
    /// a transition goes before the first milestone that comes after it — a dated one later
    /// than its day, or an undated step still planned (undated planned steps are the future).
    /// One query.
    static func merged(_ db: Connection, programID: Int, milestones records: [ProgramStore.Milestone], values: [TemplateValue],
                       calls: [Call], now: Date, page: PageRequest) throws -> [TemplateValue] {
        let milestones = zip(records, values).map { record, value in Milestone(date: record.start, done: record.done, value: value) }
        let transitions = try LifecycleStore.transitions(db, programID: programID).map { step in
            (day: step.day, value: entry(step, page: page))
        }
        let windows = calls.map { call in (day: MoroccoTime.day(call.opensAt), value: entry(call, now: now, page: page)) }
        // Issue 13: the day the first activity started, once one has.
        let started = try ExecutionStore.firstStarted(db, programID: programID).map { first -> (day: String, value: TemplateValue) in
            (day: first.day, value: [
                "title": ["text": .string(page.fill("execution.timeline.first_started", "\(first.project).\(first.activity)",
                                                    first.title.text(page.language)))],
                "place": .null, "when": .string(first.day), "kind": .string(page.t("execution.title")),
                "done": true, "transition": true, "note": .null,
            ])
        }
        // Issue 13: each annual evaluation, on the day it was published.
        let evaluations = try EvaluationStore.publications(db, programID: programID).map { published -> (day: String, value: TemplateValue) in
            (day: published.day, value: [
                "title": ["text": .string(page.fill("evaluation.timeline.published", String(published.year)))],
                "place": .null, "when": .string(published.day), "kind": .string(page.t("evaluation.annual")),
                "done": true, "transition": true, "note": .null,
            ])
        }
        // Sorted by day; a transition and a call of the same day keep that order (stable sort).
        let dated = (transitions + windows + (started.map { [$0] } ?? []) + evaluations).enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }.map(\.element)
        return merge(milestones, dated)
    }

    /// The merge itself, apart from the store so the rule is plain.
    static func merge(_ milestones: [Milestone], _ transitions: [(day: String, value: TemplateValue)]) -> [TemplateValue] {
        var pending = transitions[...]
        var out: [TemplateValue] = []
        for milestone in milestones {
            while let next = pending.first, comesAfter(milestone, day: next.day) {
                out.append(next.value)
                pending = pending.dropFirst()
            }
            out.append(milestone.value.adding(["transition": false]))
        }
        out.append(contentsOf: pending.map(\.value))
        return out.map(everyKeySet)
    }

    /// Every key a timeline entry reads is set, so nothing is looked up in the program around it.
    private static func everyKeySet(_ entry: TemplateValue) -> TemplateValue {
        var missing: [String: TemplateValue] = [:]
        for key in ["note", "state_label"] where entry.member(key) == nil { missing[key] = .null }
        if entry.member("open") == nil { missing["open"] = false }
        return missing.isEmpty ? entry : entry.adding(missing)
    }

    private static func comesAfter(_ milestone: Milestone, day: String) -> Bool {
        guard let date = milestone.date else { return !milestone.done }
        // A month ('2023-10') sorts before the days of that month, which reads right: the month
        // a step was planned for, then what happened on a day of it.
        return date > day
    }

    /// A call's window as the timeline shows it: from the day it opens to the last day it is open.
    private static func entry(_ call: Call, now: Date, page: PageRequest) -> TemplateValue {
        let first = MoroccoTime.day(call.opensAt)
        let last = MoroccoTime.day(call.closesAt.addingTimeInterval(-1))
        let state = call.state(at: now)
        return [
            "title": call.title.value(page.language), "place": .null,
            "when": .string(first == last ? first : first + "/" + last),
            "kind": .string(page.t("call.kind." + call.kind)),
            // An open call is neither done nor planned: it is under way.
            "done": .bool(state == .closed), "open": .bool(state == .open), "transition": false,
            "state_label": state == .open ? .string(page.t("program.call_open")) : .null,
            "note": ["text": .string(page.t("call.kind." + call.kind))],
        ]
    }

    /// A transition as the timeline shows it: the state reached, on its day, done.
    private static func entry(_ step: LifecycleStore.Transition, page: PageRequest) -> TemplateValue {
        let state = page.t("status." + step.to.rawValue)
        let key = step.to < step.from ? "lifecycle.timeline.rework" : "lifecycle.timeline.step"
        return [
            "title": ["text": .string(page.fill(key, state))],
            "place": .null, "when": .string(step.shownDate), "kind": .string(page.t("lifecycle.timeline.kind")),
            "done": true, "transition": true, "note": step.note?.value(page.language) ?? .null,
        ]
    }
}
