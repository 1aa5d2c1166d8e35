import Foundation
import SQLite
import Templates

/// The execution section of a project card (issue 13): the project's progress, each activity's
/// status with its dated history, and each indicator from its baseline through its measured
/// values to its target (with a small line when two or more values can be drawn), and the public
/// evidence files of its entries and values. Shown once the council adopted the program; four
/// queries, whatever the program holds or its state.
enum ProjectExecution {
    /// The section, or nil before the program is adopted.
    static func view(_ db: Connection, program: ProgramRecord, project: ProgramRecord.Project, page: PageRequest) throws -> ProjectExecutionView? {
        // Read whatever the state, so the card runs the same number of queries for every program.
        let record = try ExecutionRecord.load(db, program: program)
        guard let state = ProgramState(rawValue: program.status), state.isAdopted else { return nil }
        let language = page.language
        let rollup = record.rollup(project.activities)
        let activities = project.activities.map { activity in
            let history = record.entries[activity.id] ?? []
            let status = history.last?.status ?? .notStarted
            return ActivityExecution(
                number: activity.number, title: LocalizedText(activity.title, language),
                status: page.t("execution.status." + status.rawValue), statusCode: status.rawValue, percent: history.last?.percent ?? 0,
                history: history.reversed().map { entry in
                    ProgressEntryView(on: entry.on, status: page.t("execution.status." + entry.status.rawValue),
                                      statusCode: entry.status.rawValue, percent: entry.percent,
                                      reason: entry.reason.map { LocalizedText($0, language) }, note: entry.note.map { LocalizedText($0, language) },
                                      actual: entry.actualCentimes,
                                      evidence: EvidenceView.publicList(record.evidence(progress: entry.id, publicOnly: true), page: page))
                })
        }
        return ProjectExecutionView(
            percent: rollup.percent, weighting: page.t("execution.weighting." + rollup.weighting.rawValue), cancelled: rollup.cancelled,
            activities: activities,
            indicators: record.indicators(of: project).map { indicator($0, record.measurements[$0.id] ?? [], record: record, page: page) },
            pageHref: SiteRoute.program(language, slug: program.commune.slug, period: program.period, .execution).path)
    }

    static func indicator(_ indicator: ExecutionStore.Indicator, _ values: [ExecutionStore.Measurement], record: ExecutionRecord,
                          page: PageRequest) -> IndicatorExecution {
        let language = page.language
        let plan = indicator.plan
        func shown(_ value: IndicatorValue?) -> String? {
            guard let value, let unit = plan.unit else { return nil }
            return unit.shown(value, language)
        }
        var spark: SparklineView? = nil
        if let unit = plan.unit, unit.isPlotted {
            spark = Sparkline.view(values: values.compactMap { $0.value.number }, baseline: plan.baseline?.number,
                                   target: plan.target?.number, rightToLeft: language == .ar)
        }
        return IndicatorExecution(
            plan: IndicatorPlanView(indicator, language: language, t: page.t),
            values: values.map {
                MeasuredValue(on: $0.on, value: shown($0.value), source: $0.source.map { LocalizedText($0, language) },
                              note: $0.note.map { LocalizedText($0, language) })
            },
            sparkline: spark,
            evidence: EvidenceView.publicList(values.flatMap { record.evidence(value: $0.id, publicOnly: true) }, page: page))
    }
}

/// The execution section of a project card (`partials/project_execution`).
struct ProjectExecutionView: TemplateView {
    /// The project's progress, nil when nothing counts (no activities, or all cancelled).
    let percent: Int?
    /// How the activities are weighted, in words.
    let weighting: String
    let cancelled: Int
    let activities: [ActivityExecution]
    let indicators: [IndicatorExecution]
    /// The program's Execution page.
    let pageHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "percent": return .init(percent)
        case "weighting": return .string(weighting)
        case "cancelled": return .int(cancelled)
        case "has_cancelled": return .bool(cancelled > 0)
        case "activities": return .init(activities)
        case "indicators": return .init(indicators)
        case "page_href": return .string(pageHref)
        default: return nil
        }
    }
}

/// An activity on a project card: where it stands now, and its dated history, newest first.
struct ActivityExecution: TemplateView {
    let number: Int
    let title: LocalizedText
    let status: String
    let statusCode: String
    let percent: Int
    let history: [ProgressEntryView]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "percent": return .int(percent)
        case "history": return .init(history)
        default: return nil
        }
    }
}

/// One progress entry of an activity, as the public reads it.
struct ProgressEntryView: TemplateView {
    let on: String
    let status: String
    let statusCode: String
    let percent: Int
    let reason: LocalizedText?
    let note: LocalizedText?
    /// Money spent, in centimes.
    let actual: Int?
    let evidence: [PublicEvidence]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "on": return .string(on)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "percent": return .int(percent)
        case "reason": return .init(reason)
        case "note": return .init(note)
        case "actual": return .init(actual)
        case "evidence": return .init(evidence)
        default: return nil
        }
    }
}

/// An indicator and its plan as the project card and the staff's indicator page both show it:
/// its kind, its text, and the baseline and target in the unit's words.
struct IndicatorPlanView: TemplateView {
    let kind: String
    let text: LocalizedText
    /// The unit in words; nil when the indicator has no plan yet.
    let unit: String?
    let baseline: String?
    let baselineOn: String?
    let target: String?
    let targetOn: String?

    init(_ indicator: ExecutionStore.Indicator, language: Language, t: (String) -> String) {
        let plan = indicator.plan
        func shown(_ value: IndicatorValue?) -> String? { value.flatMap { v in plan.unit.map { $0.shown(v, language) } } }
        kind = t("execution.kind." + indicator.kind)
        text = LocalizedText(indicator.text, language)
        unit = plan.unit.map { t("execution.unit." + $0.rawValue) }
        baseline = shown(plan.baseline)
        baselineOn = plan.baselineOn
        target = shown(plan.target)
        targetOn = plan.targetOn
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "kind": return .string(kind)
        case "text": return .init(text)
        case "unit": return .init(unit)
        case "baseline": return .init(baseline)
        case "baseline_on": return .init(baselineOn)
        case "target": return .init(target)
        case "target_on": return .init(targetOn)
        default: return nil
        }
    }
}

/// An indicator on a project card: from its baseline through its measured values to its target.
struct IndicatorExecution: TemplateView {
    let plan: IndicatorPlanView
    let values: [MeasuredValue]
    let sparkline: SparklineView?
    let evidence: [PublicEvidence]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "values": return .init(values)
        case "sparkline": return .init(sparkline)
        case "evidence": return .init(evidence)
        default: return plan.member(key)
        }
    }
}

/// A value measured for an indicator, with its date, source and note.
struct MeasuredValue: TemplateView {
    let on: String
    /// As the unit writes it; nil when the indicator has no unit.
    let value: String?
    let source: LocalizedText?
    let note: LocalizedText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "on": return .string(on)
        case "value": return .init(value)
        case "source": return .init(source)
        case "note": return .init(note)
        default: return nil
        }
    }
}
