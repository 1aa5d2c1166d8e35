import Foundation

/// When a program's execution may be recorded, and what an indicator's plan may become: the
/// rules of issue 13 in one place, asked by the forms before anyone types (to say why there is
/// no form) and again inside every write (so a transition made meanwhile cannot slip through).
///
/// - Progress entries and measured values are recorded for programs the council adopted or that
///   are in execution, whatever their lock (adoption never locks them); before adoption there is
///   nothing to carry out yet, and a closed program is read-only.
/// - An indicator's unit, baseline and target complete the adopted plan: each may be set once
///   after adoption without an amendment, and changed afterwards only inside one. The unit of an
///   indicator that has measured values never changes (the values would change meaning).
enum ExecutionRules {
    /// Why nothing can be recorded now (a catalog key), or nil when it can.
    static func refusal(_ state: ProgramState) -> String? {
        switch state {
        case .adopted, .inExecution: return nil
        case .closed: return "execution.refused.closed"
        default: return "execution.refused.not_adopted"
        }
    }

    /// Thrown inside a write when the program's state refuses it (answered 409 with the reason).
    struct Refused: Error, Equatable {
        let key: String
    }

    /// Throws `Refused` unless the program accepts execution data now.
    static func requireRecording(_ program: ExecutionStore.Program) throws {
        if let key = refusal(program.state) { throw Refused(key: key) }
    }

    /// The parts of a plan, each set or changed as a whole.
    enum Part: String, CaseIterable {
        case unit, baseline, target
    }

    static func isSet(_ plan: ExecutionStore.Plan, _ part: Part) -> Bool {
        switch part {
        case .unit: return plan.unit != nil
        case .baseline: return plan.baseline != nil || plan.baselineOn != nil
        case .target: return plan.target != nil || plan.targetOn != nil
        }
    }

    static func same(_ a: ExecutionStore.Plan, _ b: ExecutionStore.Plan, _ part: Part) -> Bool {
        switch part {
        case .unit: return a.unit == b.unit
        case .baseline: return a.baseline == b.baseline && a.baselineOn == b.baselineOn
        case .target: return a.target == b.target && a.targetOn == b.targetOn
        }
    }

    /// Whether `part` of a plan may be typed now: empty parts always (once), set ones in an amendment.
    static func mayEdit(_ plan: ExecutionStore.Plan, _ part: Part, amendmentOpen: Bool, hasValues: Bool) -> Bool {
        if part == .unit, hasValues, plan.unit != nil { return false }
        return !isSet(plan, part) || amendmentOpen
    }

    /// The parts of `new` that may not replace `old`, with the catalog key saying why.
    static func planRefusals(old: ExecutionStore.Plan, new: ExecutionStore.Plan, amendmentOpen: Bool, hasValues: Bool) -> [Part: String] {
        var refused: [Part: String] = [:]
        for part in Part.allCases where !same(old, new, part) {
            if part == .unit, hasValues, old.unit != nil { refused[part] = "execution.error.unit_has_values"; continue }
            if isSet(old, part), !amendmentOpen { refused[part] = "execution.error.plan_locked" }
        }
        return refused
    }
}

extension ExecutionRules {
    /// One reason a progress entry cannot be recorded: the field it is about, a catalog key and
    /// its `{1}`, `{2}`… words.
    struct Problem: Equatable {
        var field: String
        var key: String
        var arguments: [String] = []
    }

    /// What is wrong with `entry` after `latest` (the activity's current state) on Moroccan day
    /// `today`; empty when it can be recorded. The form and the CSV import both ask this, so a
    /// file cannot record what the form would refuse. `requireChange`: an entry that says what
    /// the activity already says, without a note, adds nothing (the form refuses it; the
    /// import skips it instead).
    static func problems(_ entry: ExecutionStore.NewEntry, latest: ExecutionStore.Entry?, today: String,
                         requireChange: Bool = true) -> [Problem] {
        var out: [Problem] = []
        if entry.on > today { out.append(Problem(field: "entry_on", key: "execution.error.future", arguments: [entry.on])) }
        if let latest, entry.on < latest.on {
            out.append(Problem(field: "entry_on", key: "execution.error.before_latest", arguments: [latest.on]))
        }
        if entry.status == .done, entry.percent != 100 { out.append(Problem(field: "percent", key: "execution.error.done_percent")) }
        if entry.status == .notStarted, entry.percent != 0 { out.append(Problem(field: "percent", key: "execution.error.not_started_percent")) }
        if entry.status.needsReason, (entry.reasonAr ?? "").isEmpty, (entry.reasonFr ?? "").isEmpty {
            out.append(Problem(field: "reason_ar", key: "execution.error.reason"))
        }
        if entry.startedOn == nil, entry.status == .inProgress || entry.status == .done || entry.endedOn != nil {
            out.append(Problem(field: "started_on", key: "execution.error.started_required"))
        }
        if entry.status == .done, entry.endedOn == nil { out.append(Problem(field: "ended_on", key: "execution.error.ended_required")) }
        if let started = entry.startedOn, started > today { out.append(Problem(field: "started_on", key: "execution.error.future", arguments: [started])) }
        if let ended = entry.endedOn {
            if ended > today { out.append(Problem(field: "ended_on", key: "execution.error.future", arguments: [ended])) }
            else if let started = entry.startedOn, ended < started {
                out.append(Problem(field: "ended_on", key: "execution.error.date_order", arguments: [ended, started]))
            }
        }
        if requireChange, out.isEmpty, entry.sameState(as: latest), (entry.noteAr ?? "").isEmpty, (entry.noteFr ?? "").isEmpty {
            out.append(Problem(field: "status", key: "execution.error.no_change"))
        }
        return out
    }
}
