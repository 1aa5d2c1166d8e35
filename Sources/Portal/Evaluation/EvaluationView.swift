import Foundation
import Templates

/// An evaluation's figures and written parts as a page shows them (`partials/evaluation_figures`),
/// in one language: the same view for the public page, the admin page's preview of a draft and
/// the printed A4 copy, so what the committee reads before publishing is what citizens read after.
enum EvaluationView {
    /// `headingLevel`: the level of the figures' section headings — 2 on the public page, 3 in
    /// the admin area, where they sit under its own "generated part" heading.
    static func value(_ figures: EvaluationFigures, texts: EvaluationStore.Texts, language: Language, headingLevel: Int = 2,
                      t: (String) -> String) -> [String: TemplateValue] {
        func shown(_ value: EvaluationFigures.Value?, unit: IndicatorUnit?) -> TemplateValue {
            guard let value = value?.indicatorValue, let unit else { return .null }
            return .string(unit.shown(value, language))
        }
        func text(_ localized: Localized?) -> TemplateValue { localized?.value(language) ?? .null }
        func written(_ ar: String?, _ fr: String?) -> TemplateValue {
            guard let ar = ar ?? fr else { return .null }
            return Localized(arabic: ar, french: fr).value(language)
        }
        let progress = figures.progress
        let statuses: [TemplateValue] = ActivityStatus.allCases.map { status in
            ["label": .string(t("execution.status." + status.rawValue)), "code": .string(status.rawValue),
             "count": .int(progress.byStatus[status.rawValue] ?? 0)]
        }
        let activities: [TemplateValue] = figures.activities.map { row in
            ["number": .string("\(row.project).\(row.number)"), "title": row.title.value(language),
             "status": .string(t("execution.status." + row.status)), "status_code": .string(row.status), "percent": .int(row.percent),
             "planned_end": TemplateValue(row.plannedEnd), "late": .bool(row.late),
             "planned": row.plannedCentimes.map { .int($0) } ?? .null, "spent": row.spentCentimes.map { .int($0) } ?? .null,
             "reason": text(row.reason)]
        }
        let indicators: [TemplateValue] = figures.indicators.map { row in
            let unit = row.unit.flatMap(IndicatorUnit.init(rawValue:))
            return [
                "project": .int(row.project), "kind": .string(t("execution.kind." + row.kind)), "text": row.text.value(language),
                "unit": unit.map { .string(t("execution.unit." + $0.rawValue)) } ?? .null,
                "baseline": shown(row.baseline, unit: unit), "baseline_on": TemplateValue(row.baselineOn),
                "target": shown(row.target, unit: unit), "target_on": TemplateValue(row.targetOn),
                "values": .array(row.values.map { ["on": .string($0.on), "value": shown($0.value, unit: unit)] }),
                "latest": shown(row.latest?.value, unit: unit), "latest_on": TemplateValue(row.latest?.on),
            ]
        }
        let proposalStatuses: [TemplateValue] = ["processing", "accepted", "integrated", "rejected"].map { status in
            ["label": .string(t("proposal.status." + status)), "count": .int(figures.proposals.byStatus[status] ?? 0)]
        }
        let projects: [TemplateValue] = figures.proposals.projects.map { project in
            ["number": .int(project.number), "title": project.title.value(language), "proposals": .int(project.proposals),
             "percent": TemplateValue(project.percent), "done": .int(project.done), "total": .int(project.total)]
        }
        let events: [TemplateValue] = figures.events.map { event in
            ["title": event.title.value(language), "date": TemplateValue(event.date),
             "participants": TemplateValue(event.participants), "women": TemplateValue(event.women),
             "associations": TemplateValue(event.associations), "proposals": TemplateValue(event.proposals)]
        }
        return [
            "figures_heading": .string("h\(headingLevel)"),
            "year": .int(figures.year), "as_of": .string(figures.asOf),
            "program_title": figures.programTitle.value(language), "commune_name": figures.communeName.value(language),
            "period": .string(figures.period),
            "percent": TemplateValue(progress.percent),
            "weighting": .string(t("execution.weighting." + progress.weighting)),
            "total": .int(progress.total), "done": .int(progress.byStatus["done"] ?? 0), "cancelled": .int(progress.cancelled),
            "has_cancelled": .bool(progress.cancelled > 0), "late": .int(progress.late),
            "planned": progress.plannedCentimes.map { .int($0) } ?? .null, "spent": progress.spentCentimes.map { .int($0) } ?? .null,
            "budget": figures.budgetCentimes.map { .int($0) } ?? .null,
            "statuses": .array(statuses), "activities": .array(activities), "indicators": .array(indicators),
            "proposal_statuses": .array(proposalStatuses), "received": .int(figures.proposals.receivedInYear),
            "integrated_projects": .array(projects), "events": .array(events),
            "worked": written(texts.workedAr, texts.workedFr), "not_worked": written(texts.notWorkedAr, texts.notWorkedFr),
            "changes": written(texts.changesAr, texts.changesFr),
        ]
    }
}
