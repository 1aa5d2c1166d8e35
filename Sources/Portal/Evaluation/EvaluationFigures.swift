import Foundation
import SQLite

/// The generated part of an annual evaluation (issue 13): what the execution data says about one
/// year of a program, as of one day — activities done, late and cancelled, spending against the
/// budget, every indicator's values of the year against its target, the integrated proposals and
/// where their projects stand, the participation figures of the year. Both languages, so that a
/// published evaluation stores it once (stable JSON, Migrations/0017) and reads the same in Arabic
/// and French for ever after, whatever is recorded later. Computed from the same `ExecutionRecord`
/// and `Rollup` as the Execution page, cut at `asOf`.
struct EvaluationFigures: Codable, Equatable {
    /// Raise when the shape changes in a way older readers cannot follow.
    static let currentFormat = 1

    var format = EvaluationFigures.currentFormat
    var year: Int
    /// The day the data is from: entries and values dated after it are not counted.
    var asOf: String
    var programTitle: Localized
    var period: String
    var communeName: Localized
    var budgetCentimes: Int?
    var progress: Progress
    var activities: [ActivityRow]
    var indicators: [IndicatorRow]
    var proposals: Proposals
    var events: [EventRow]

    /// The program's progress as of `asOf` (the Execution page's rules).
    struct Progress: Codable, Equatable {
        var percent: Int?
        var weighting: String
        var total: Int
        var cancelled: Int
        /// Activities in each status, by status code.
        var byStatus: [String: Int]
        var late: Int
        var plannedCentimes: Int?
        var spentCentimes: Int?
    }

    /// One activity's state as of `asOf`.
    struct ActivityRow: Codable, Equatable {
        var project: Int
        var number: Int
        var title: Localized
        var status: String
        var percent: Int
        var plannedEnd: String?
        var late: Bool
        var plannedCentimes: Int?
        var spentCentimes: Int?
        var reason: Localized?
    }

    /// One indicator: its plan and the values measured in the year (up to `asOf`), with the latest
    /// value known on `asOf` (which may be from an earlier year).
    struct IndicatorRow: Codable, Equatable {
        var project: Int
        var kind: String
        var number: Int
        var text: Localized
        var unit: String?
        var baseline: Value?
        var baselineOn: String?
        var target: Value?
        var targetOn: String?
        var values: [Measured]
        var latest: Measured?
    }

    /// A stored indicator value (`IndicatorValue`, kept as stored: scaled number or text).
    struct Value: Codable, Equatable {
        var number: Int?
        var text: String?
        init(_ value: IndicatorValue) { number = value.number; text = value.text }
        var indicatorValue: IndicatorValue? { IndicatorValue(number: number, text: text) }
    }

    struct Measured: Codable, Equatable {
        var on: String
        var value: Value
    }

    /// The program's public proposals by status (as answered on `asOf`'s publication), and the
    /// projects that took integrated ones in, with their progress as of `asOf`.
    struct Proposals: Codable, Equatable {
        var byStatus: [String: Int]
        var receivedInYear: Int
        var projects: [IntegratedProject]
    }

    struct IntegratedProject: Codable, Equatable {
        var number: Int
        var title: Localized
        var proposals: Int
        var percent: Int?
        var done: Int
        var total: Int
    }

    /// A workshop, meeting or platform window of the year with the figures recorded (nil: none given).
    struct EventRow: Codable, Equatable {
        var title: Localized
        var date: String?
        var participants: Int?
        var women: Int?
        var associations: Int?
        var proposals: Int?
    }

    // MARK: - Computing

    /// The day the figures of `year` stop at, on Moroccan day `today`: the year's last day, or
    /// today while the year runs.
    static func cutoff(year: Int, today: String) -> String { min("\(year)-12-31", today) }

    /// The figures of `year` of `record`'s program as of `asOf`. Three queries beyond the record.
    static func compute(_ db: Connection, record: ExecutionRecord, year: Int, asOf: String) throws -> EvaluationFigures {
        let program = record.program
        // Each activity's state on `asOf`: its latest entry dated on or before that day.
        func state(_ activity: ProgramRecord.Activity) -> ExecutionStore.Entry? {
            (record.entries[activity.id] ?? []).last { $0.on <= asOf }
        }
        var items: [Rollup.Item] = []
        var rows: [ActivityRow] = []
        var progressByProject: [Int: Rollup] = [:]
        for project in program.projects {
            var projectItems: [Rollup.Item] = []
            for activity in project.activities {
                let entry = state(activity)
                let status = entry?.status ?? .notStarted
                let item = Rollup.Item(plannedCentimes: activity.costCentimes, status: status, percent: entry?.percent ?? 0,
                                       actualCentimes: entry?.actualCentimes)
                projectItems.append(item)
                rows.append(ActivityRow(project: project.number, number: activity.number, title: activity.title, status: status.rawValue,
                                        percent: entry?.percent ?? 0, plannedEnd: activity.end,
                                        late: Rollup.isLate(plannedEnd: activity.end, status: status, today: asOf),
                                        plannedCentimes: activity.costCentimes, spentCentimes: entry?.actualCentimes,
                                        reason: status.needsReason ? entry?.reason : nil))
            }
            items += projectItems
            progressByProject[project.id] = Rollup(projectItems)
        }
        let rollup = Rollup(items)
        let progress = Progress(percent: rollup.percent, weighting: rollup.weighting.rawValue, total: rollup.total, cancelled: rollup.cancelled,
                                byStatus: Dictionary(uniqueKeysWithValues: rollup.byStatus.map { ($0.key.rawValue, $0.value) }),
                                late: rows.filter(\.late).count, plannedCentimes: rollup.plannedCentimes, spentCentimes: rollup.spentCentimes)

        let numbers = Dictionary(uniqueKeysWithValues: program.projects.map { ($0.id, $0.number) })
        let indicators = record.indicators.map { indicator -> IndicatorRow in
            let known = (record.measurements[indicator.id] ?? []).filter { $0.on <= asOf }
            let plan = indicator.plan
            return IndicatorRow(project: numbers[indicator.projectID] ?? 0, kind: indicator.kind, number: indicator.position, text: indicator.text,
                                unit: plan.unit?.rawValue, baseline: plan.baseline.map(Value.init), baselineOn: plan.baselineOn,
                                target: plan.target.map(Value.init), targetOn: plan.targetOn,
                                values: known.filter { $0.on.hasPrefix("\(year)-") }.map { Measured(on: $0.on, value: Value($0.value)) },
                                latest: known.last.map { Measured(on: $0.on, value: Value($0.value)) })
        }

        // Public proposals (not hidden, not merged into another): by status, and the integrated ones by project.
        var byStatus: [String: Int] = [:]
        var integrated: [Int: Int] = [:]
        for group in try EvaluationStore.publicProposals(db, programID: program.id) {
            let status = group.status, n = group.count
            byStatus[status, default: 0] += n
            if status == "integrated", let project = group.integratedProjectID { integrated[project, default: 0] += n }
        }
        let received = try EvaluationStore.proposalsReceived(db, programID: program.id, year: year)
        let projects = program.projects.compactMap { project -> IntegratedProject? in
            guard let count = integrated[project.id] else { return nil }
            let rollup = progressByProject[project.id] ?? Rollup([])
            return IntegratedProject(number: project.number, title: project.title, proposals: count, percent: rollup.percent,
                                     done: rollup.byStatus[.done] ?? 0, total: rollup.total)
        }

        let events = try EvaluationStore.events(db, programID: program.id, year: year, asOf: asOf)

        return EvaluationFigures(year: year, asOf: asOf, programTitle: program.title, period: program.period, communeName: program.commune.name,
                                 budgetCentimes: program.budgetCentimes, progress: progress, activities: rows, indicators: indicators,
                                 proposals: Proposals(byStatus: byStatus, receivedInYear: received, projects: projects), events: events)
    }

    // MARK: - Stored form

    /// The stable JSON stored when the evaluation is published (sorted keys, no escaped slashes).
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self))
    }

    static func decode(_ bytes: [UInt8]) throws -> EvaluationFigures {
        let figures = try JSONDecoder().decode(EvaluationFigures.self, from: Data(bytes))
        guard figures.format <= currentFormat else {
            throw SnapshotFormatError(description: "evaluation figures format \(figures.format) is newer than this portal reads (\(currentFormat))")
        }
        return figures
    }
}
