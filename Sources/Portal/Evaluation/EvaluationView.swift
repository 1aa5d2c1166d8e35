import Foundation
import Templates

/// An evaluation's figures and written parts as a page shows them (`partials/evaluation_figures`),
/// in one language: the same view for the public page, the admin page's preview of a draft and
/// the printed A4 copy, so what the committee reads before publishing is what citizens read after.
struct EvaluationView: TemplateView {
    /// The figures' section headings' element, "h2" on the public page, "h3" in the admin area.
    let figuresHeading: String
    let year: Int
    /// The day the figures are from.
    let asOf: String
    let programTitle: LocalizedText
    let communeName: LocalizedText
    let period: String
    /// The program's progress, weighted as `weighting` says; nil when nothing can be counted.
    let percent: Int?
    let weighting: String
    let total: Int
    let done: Int
    let cancelled: Int
    /// Activities late against their planned end.
    let late: Int
    let planned: Int?
    let spent: Int?
    let budget: Int?
    let statuses: [EvaluationStatusCount]
    let activities: [EvaluationActivity]
    let indicators: [EvaluationIndicator]
    let proposalStatuses: [EvaluationStatusCount]
    /// The proposals received in the year.
    let received: Int
    let integratedProjects: [EvaluationProject]
    let events: [EvaluationEvent]
    /// The committee's written parts, in the page's language when written in it.
    let worked: LocalizedText?
    let notWorked: LocalizedText?
    let changes: LocalizedText?

    /// `headingLevel`: the level of the figures' section headings — 2 on the public page, 3 in
    /// the admin area, where they sit under its own "generated part" heading.
    init(_ figures: EvaluationFigures, texts: EvaluationStore.Texts, language: Language, headingLevel: Int = 2,
         t: (String) -> String) {
        func shown(_ value: EvaluationFigures.Value?, unit: IndicatorUnit?) -> String? {
            guard let value = value?.indicatorValue, let unit else { return nil }
            return unit.shown(value, language)
        }
        func written(_ ar: String?, _ fr: String?) -> LocalizedText? {
            guard let ar = ar ?? fr else { return nil }
            return LocalizedText(Localized(arabic: ar, french: fr), language)
        }
        let progress = figures.progress
        figuresHeading = "h\(headingLevel)"
        year = figures.year
        asOf = figures.asOf
        programTitle = LocalizedText(figures.programTitle, language)
        communeName = LocalizedText(figures.communeName, language)
        period = figures.period
        percent = progress.percent
        weighting = t("execution.weighting." + progress.weighting)
        total = progress.total
        done = progress.byStatus["done"] ?? 0
        cancelled = progress.cancelled
        late = progress.late
        planned = progress.plannedCentimes
        spent = progress.spentCentimes
        budget = figures.budgetCentimes
        statuses = ActivityStatus.allCases.map { status in
            EvaluationStatusCount(label: t("execution.status." + status.rawValue), code: status.rawValue,
                                  count: progress.byStatus[status.rawValue] ?? 0)
        }
        activities = figures.activities.map { row in
            EvaluationActivity(number: "\(row.project).\(row.number)", title: LocalizedText(row.title, language),
                               status: t("execution.status." + row.status), statusCode: row.status, percent: row.percent,
                               plannedEnd: row.plannedEnd, late: row.late, planned: row.plannedCentimes, spent: row.spentCentimes,
                               reason: row.reason.map { LocalizedText($0, language) })
        }
        indicators = figures.indicators.map { row in
            let unit = row.unit.flatMap(IndicatorUnit.init(rawValue:))
            return EvaluationIndicator(
                project: row.project, kind: t("execution.kind." + row.kind), text: LocalizedText(row.text, language),
                unit: unit.map { t("execution.unit." + $0.rawValue) },
                baseline: shown(row.baseline, unit: unit), baselineOn: row.baselineOn,
                target: shown(row.target, unit: unit), targetOn: row.targetOn,
                values: row.values.map { EvaluationMeasure(on: $0.on, value: shown($0.value, unit: unit)) },
                latest: shown(row.latest?.value, unit: unit), latestOn: row.latest?.on)
        }
        proposalStatuses = ["processing", "accepted", "integrated", "rejected"].map { status in
            EvaluationStatusCount(label: t("proposal.status." + status), code: nil, count: figures.proposals.byStatus[status] ?? 0)
        }
        received = figures.proposals.receivedInYear
        integratedProjects = figures.proposals.projects.map { project in
            EvaluationProject(number: project.number, title: LocalizedText(project.title, language), proposals: project.proposals,
                              percent: project.percent, done: project.done, total: project.total)
        }
        events = figures.events.map { event in
            EvaluationEvent(title: LocalizedText(event.title, language), date: event.date, participants: event.participants,
                            women: event.women, associations: event.associations, proposals: event.proposals)
        }
        worked = written(texts.workedAr, texts.workedFr)
        notWorked = written(texts.notWorkedAr, texts.notWorkedFr)
        changes = written(texts.changesAr, texts.changesFr)
    }

    /// Every key of the view.
    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "figures_heading": return .string(figuresHeading)
        case "year": return .int(year)
        case "as_of": return .string(asOf)
        case "program_title": return .init(programTitle)
        case "commune_name": return .init(communeName)
        case "period": return .string(period)
        case "percent": return .init(percent)
        case "weighting": return .string(weighting)
        case "total": return .int(total)
        case "done": return .int(done)
        case "cancelled": return .int(cancelled)
        case "has_cancelled": return .bool(cancelled > 0)
        case "late": return .int(late)
        case "planned": return .init(planned)
        case "spent": return .init(spent)
        case "budget": return .init(budget)
        case "statuses": return .init(statuses)
        case "activities": return .init(activities)
        case "indicators": return .init(indicators)
        case "proposal_statuses": return .init(proposalStatuses)
        case "received": return .int(received)
        case "integrated_projects": return .init(integratedProjects)
        case "events": return .init(events)
        case "worked": return .init(worked)
        case "not_worked": return .init(notWorked)
        case "changes": return .init(changes)
        default: return nil
        }
    }
}

/// How many activities (or proposals) are in one status; activities' statuses also give their code.
struct EvaluationStatusCount: TemplateView {
    let label: String
    /// The status's code, for an activity status; nil (no key) for a proposal status.
    let code: String?
    let count: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "code": return code.map { .string($0) }
        case "count": return .int(count)
        default: return nil
        }
    }
}

/// One activity of the program as the year ended.
struct EvaluationActivity: TemplateView {
    /// "project.activity".
    let number: String
    let title: LocalizedText
    let status: String
    let statusCode: String
    let percent: Int
    let plannedEnd: String?
    let late: Bool
    let planned: Int?
    let spent: Int?
    /// Why it is late or cancelled, when said.
    let reason: LocalizedText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .string(number)
        case "title": return .init(title)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "percent": return .int(percent)
        case "planned_end": return .init(plannedEnd)
        case "late": return .bool(late)
        case "planned": return .init(planned)
        case "spent": return .init(spent)
        case "reason": return .init(reason)
        default: return nil
        }
    }
}

/// One indicator of a project: its baseline, target and measured values, shown in its unit.
struct EvaluationIndicator: TemplateView {
    let project: Int
    let kind: String
    let text: LocalizedText
    let unit: String?
    let baseline: String?
    let baselineOn: String?
    let target: String?
    let targetOn: String?
    let values: [EvaluationMeasure]
    let latest: String?
    let latestOn: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "project": return .int(project)
        case "kind": return .string(kind)
        case "text": return .init(text)
        case "unit": return .init(unit)
        case "baseline": return .init(baseline)
        case "baseline_on": return .init(baselineOn)
        case "target": return .init(target)
        case "target_on": return .init(targetOn)
        case "values": return .init(values)
        case "latest": return .init(latest)
        case "latest_on": return .init(latestOn)
        default: return nil
        }
    }
}

/// One measured value of an indicator, on its day.
struct EvaluationMeasure: TemplateView {
    let on: String
    let value: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "on": return .string(on)
        case "value": return .init(value)
        default: return nil
        }
    }
}

/// A project that citizens' proposals were folded into, and how far it has come.
struct EvaluationProject: TemplateView {
    let number: Int
    let title: LocalizedText
    /// The proposals folded into it.
    let proposals: Int
    let percent: Int?
    let done: Int
    let total: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        case "proposals": return .int(proposals)
        case "percent": return .init(percent)
        case "done": return .int(done)
        case "total": return .int(total)
        default: return nil
        }
    }
}

/// A participation event of the year, with its attendance when recorded.
struct EvaluationEvent: TemplateView {
    let title: LocalizedText
    let date: String?
    let participants: Int?
    let women: Int?
    let associations: Int?
    let proposals: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "date": return .init(date)
        case "participants": return .init(participants)
        case "women": return .init(women)
        case "associations": return .init(associations)
        case "proposals": return .init(proposals)
        default: return nil
        }
    }
}
