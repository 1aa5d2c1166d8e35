import Foundation
import SQLite
import Templates

/// The execution section of a project card (issue 13): the project's progress, each activity's
/// status with its dated history, and each indicator from its baseline through its measured
/// values to its target (with a small line when two or more values can be drawn), and the public
/// evidence files of its entries and values. Shown once the council adopted the program; four
/// queries, whatever the program holds or its state.
enum ProjectExecution {
    static func value(_ db: Connection, program: ProgramRecord, project: ProgramRecord.Project, page: PageRequest) throws -> TemplateValue {
        // Read whatever the state, so the card runs the same number of queries for every program.
        let record = try ExecutionRecord.load(db, program: program)
        guard let state = ProgramState(rawValue: program.status), state.isAdopted else { return .null }
        let language = page.language
        let rollup = record.rollup(project.activities)
        let activities = project.activities.map { activity -> TemplateValue in
            let history = record.entries[activity.id] ?? []
            let status = history.last?.status ?? .notStarted
            return [
                "number": .int(activity.number), "title": activity.title.value(language),
                "status": .string(page.t("execution.status." + status.rawValue)), "status_code": .string(status.rawValue),
                "percent": .int(history.last?.percent ?? 0),
                "history": .array(history.reversed().map { entry in
                    ["on": .string(entry.on), "status": .string(page.t("execution.status." + entry.status.rawValue)),
                     "status_code": .string(entry.status.rawValue), "percent": .int(entry.percent),
                     "reason": entry.reason?.value(language) ?? .null, "note": entry.note?.value(language) ?? .null,
                     "actual": entry.actualCentimes.map { .int($0) } ?? .null,
                     "evidence": EvidenceView.publicList(record.evidence(progress: entry.id, publicOnly: true), page: page)]
                }),
            ]
        }
        let indicators = record.indicators(of: project).map { indicator -> TemplateValue in
            indicatorValue(indicator, record.measurements[indicator.id] ?? [], record: record, page: page)
        }
        return [
            "percent": TemplateValue(rollup.percent),
            "weighting": .string(page.t("execution.weighting." + rollup.weighting.rawValue)),
            "cancelled": .int(rollup.cancelled), "has_cancelled": .bool(rollup.cancelled > 0),
            "activities": .array(activities), "indicators": .array(indicators),
            "page_href": .string(SiteRoute.program(language, slug: program.commune.slug, period: program.period, .execution).path),
        ]
    }

    static func indicatorValue(_ indicator: ExecutionStore.Indicator, _ values: [ExecutionStore.Measurement], record: ExecutionRecord,
                               page: PageRequest) -> TemplateValue {
        let language = page.language
        let plan = indicator.plan
        func shown(_ value: IndicatorValue?) -> TemplateValue {
            guard let value, let unit = plan.unit else { return .null }
            return .string(unit.shown(value, language))
        }
        var spark: TemplateValue = .null
        if let unit = plan.unit, unit.isPlotted {
            spark = Sparkline.value(values: values.compactMap { $0.value.number }, baseline: plan.baseline?.number,
                                    target: plan.target?.number, rightToLeft: language == .ar) ?? .null
        }
        return [
            "kind": .string(page.t("execution.kind." + indicator.kind)), "text": indicator.text.value(language),
            "unit": plan.unit.map { .string(page.t("execution.unit." + $0.rawValue)) } ?? .null,
            "baseline": shown(plan.baseline), "baseline_on": TemplateValue(plan.baselineOn),
            "target": shown(plan.target), "target_on": TemplateValue(plan.targetOn),
            "values": .array(values.map { ["on": .string($0.on), "value": shown($0.value), "source": $0.source?.value(language) ?? .null,
                                            "note": $0.note?.value(language) ?? .null] }),
            "sparkline": spark,
            "evidence": EvidenceView.publicList(values.flatMap { record.evidence(value: $0.id, publicOnly: true) }, page: page),
        ]
    }
}
