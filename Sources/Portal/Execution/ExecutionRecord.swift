import Foundation
import SQLite

/// A program with everything recorded about its execution — the program itself
/// (`ProgramRecord`), every activity's progress history, every indicator with its plan and
/// measured values, every evidence file attached to them — read in a fixed number of queries (the
/// program's nine plus four), so the Execution page, the project card, the admin pages and the open
/// data all count from the same picture.
struct ExecutionRecord {
    let program: ProgramRecord
    /// By activity id, oldest first.
    let entries: [Int: [ExecutionStore.Entry]]
    let indicators: [ExecutionStore.Indicator]
    /// By indicator id, in date order.
    let measurements: [Int: [ExecutionStore.Measurement]]
    /// Every evidence link of the program's entries and values (public and internal), oldest first.
    let evidence: [EvidenceStore.Item]

    static func load(_ db: Connection, slug: String, period: String) throws -> ExecutionRecord {
        try load(db, program: try ProgramStore.record(db, slug: slug, period: period))
    }

    static func load(_ db: Connection, program: ProgramRecord) throws -> ExecutionRecord {
        ExecutionRecord(program: program, entries: try ExecutionStore.entries(db, programID: program.id),
                        indicators: try ExecutionStore.indicators(db, programID: program.id),
                        measurements: try ExecutionStore.measurements(db, programID: program.id),
                        evidence: try EvidenceStore.items(db, programID: program.id))
    }

    /// The evidence of progress entry `id` (`publicOnly`: what citizens may download).
    func evidence(progress id: Int, publicOnly: Bool) -> [EvidenceStore.Item] {
        evidence.filter { $0.progressID == id && (!publicOnly || $0.visibility == .public) }
    }

    /// The evidence of measured value `id`.
    func evidence(value id: Int, publicOnly: Bool) -> [EvidenceStore.Item] {
        evidence.filter { $0.valueID == id && (!publicOnly || $0.visibility == .public) }
    }

    /// The activity's current state: its latest entry (nil: not started, nothing recorded).
    func current(_ activity: ProgramRecord.Activity) -> ExecutionStore.Entry? { entries[activity.id]?.last }

    func status(_ activity: ProgramRecord.Activity) -> ActivityStatus { current(activity)?.status ?? .notStarted }

    func item(_ activity: ProgramRecord.Activity) -> Rollup.Item {
        let entry = current(activity)
        return Rollup.Item(plannedCentimes: activity.costCentimes, status: entry?.status ?? .notStarted, percent: entry?.percent ?? 0,
                           actualCentimes: entry?.actualCentimes)
    }

    func rollup(_ activities: [ProgramRecord.Activity]) -> Rollup { Rollup(activities.map(item)) }

    var allActivities: [ProgramRecord.Activity] { program.projects.flatMap(\.activities) }

    /// The activities of the projects serving `axis` (nil: projects without an axis).
    func activities(axis: ProgramRecord.Axis?) -> [ProgramRecord.Activity] {
        program.projects.filter { project in
            if let axis { return project.axisID == axis.id }
            return program.axis(of: project) == nil
        }.flatMap(\.activities)
    }

    func indicators(of project: ProgramRecord.Project) -> [ExecutionStore.Indicator] { indicators.filter { $0.projectID == project.id } }

    /// The latest day the data speaks of: the newest progress entry or measured value.
    var asOf: String? {
        let days = entries.values.compactMap { $0.last?.on } + measurements.values.compactMap { $0.map(\.on).max() }
        return days.max()
    }

    /// Whether anything was recorded at all.
    var isEmpty: Bool { entries.isEmpty && measurements.isEmpty }

    /// The first activity that started: the earliest actual start recorded (or, without one,
    /// the first entry that left "not started"), for the public timeline.
    var firstStarted: (activity: ProgramRecord.Activity, project: ProgramRecord.Project, day: String)? {
        var best: (ProgramRecord.Activity, ProgramRecord.Project, String)? = nil
        for project in program.projects {
            for activity in project.activities {
                guard let list = entries[activity.id] else { continue }
                let days = list.compactMap { $0.startedOn } + list.filter { $0.status == .inProgress || $0.status == .done }.map(\.on)
                guard let day = days.min() else { continue }
                if best == nil || day < best!.2 { best = (activity, project, day) }
            }
        }
        return best.map { (activity: $0.0, project: $0.1, day: $0.2) }
    }
}
