import Foundation
import HTTP
import SQLite
import Templates

/// A program's Execution page (`/{lang}/communes/{slug}/programs/{period}/execution`, issue 13):
/// how far the adopted program has come, overall, by axis and by project (the weighting said on
/// the page, cancelled activities counted apart), the activities late against their planned end,
/// the money spent against the budget, and the day the data is from. Bars drawn by the server,
/// each chart followed by its table; no script. A program not yet adopted, or adopted with nothing
/// recorded, says so; the public evidence files and the published annual evaluations come last.
/// `ExecutionRecord`'s thirteen queries and one for the evaluations, whatever the program holds.
enum ExecutionPage {
    /// A table row's header: "Axis 1: " then the title as `partials/text` shows it (marked when untranslated).
    static func header(_ prefix: String, _ title: Localized, _ page: PageRequest) -> RowHeader {
        RowHeader(title, page.language, prefix: prefix + page.t("text.colon") + " ")
    }

    static func load(_ db: Connection, slug: String, period: String, now: Date, page: PageRequest) throws -> PageView {
        let record = try ExecutionRecord.load(db, slug: slug, period: period)
        let program = record.program
        let view = ProgramView(program: program, page: page)
        let language = page.language
        let today = MoroccoTime.day(now)
        let state = ProgramState(rawValue: program.status) ?? .draft
        let overall = record.rollup(record.allActivities)

        func rollupValue(_ rollup: Rollup) -> RollupView {
            RollupView(percent: rollup.percent,
                       weighting: page.t("execution.weighting." + rollup.weighting.rawValue),
                       weightingShort: page.t("execution.weighting_short." + rollup.weighting.rawValue),
                       total: rollup.total, counted: rollup.counted, cancelled: rollup.cancelled,
                       done: rollup.byStatus[.done] ?? 0, planned: rollup.plannedCentimes, spent: rollup.spentCentimes)
        }

        var axisRows: [ExecutionAxisRow] = []
        var axisChart: [ProgressChart.Row] = []
        let groups: [ProgramRecord.Axis?] = program.axes.map { Optional($0) }
            + (program.projects.contains { program.axis(of: $0) == nil } ? [nil] : [])
        for axis in groups {
            let rollup = record.rollup(record.activities(axis: axis))
            let name = axis.map { page.axisLabel($0.number, $0.title) } ?? page.t("program.projects_no_axis")
            axisChart.append(.init(label: name, percent: rollup.percent))
            axisRows.append(ExecutionAxisRow(
                header: axis.map { header(page.fill("program.axis_number", String($0.number)), $0.title, page) }
                    ?? RowHeader(text: name, fallback: nil, prefix: nil),
                rollup: rollupValue(rollup)))
        }

        var projectRows: [ExecutionProjectRow] = []
        var projectChart: [ProgressChart.Row] = []
        var late: [LateActivity] = []
        for project in program.projects {
            let rollup = record.rollup(project.activities)
            projectChart.append(.init(label: page.projectLabel(project.number, project.title), percent: rollup.percent))
            projectRows.append(ExecutionProjectRow(
                header: header(page.fill("program.project_number", String(project.number)), project.title, page),
                rollup: rollupValue(rollup),
                href: view.route(.project(project.number)).path + "#execution",
                budget: project.budgetCentimes))
            for activity in project.activities {
                let entry = record.current(activity)
                let status = entry?.status ?? .notStarted
                guard Rollup.isLate(plannedEnd: activity.end, status: status, today: today) else { continue }
                late.append(LateActivity(
                    number: "\(project.number).\(activity.number)", title: view.localized(activity.title),
                    end: activity.end ?? "", status: page.t("execution.status." + status.rawValue),
                    statusCode: status.rawValue, percent: entry?.percent ?? 0,
                    href: view.route(.project(project.number)).path + "#execution"))
            }
        }
        // The public evidence, newest first, each said of what it documents.
        var documented: [Int: (String, Localized, String)] = [:]   // progress entry id -> (number, title, day)
        for project in program.projects {
            for activity in project.activities {
                for entry in record.entries[activity.id] ?? [] {
                    documented[entry.id] = ("\(project.number).\(activity.number)", activity.title, entry.on)
                }
            }
        }
        var measured: [Int: (String, Localized, String)] = [:]   // measured value id -> (project number, indicator text, day)
        for indicator in record.indicators {
            let number = program.projects.first { $0.id == indicator.projectID }?.number ?? 0
            for value in record.measurements[indicator.id] ?? [] { measured[value.id] = (String(number), indicator.text, value.on) }
        }
        let evidence: [ExecutionEvidence] = record.evidence.filter { $0.visibility == .public }.reversed().compactMap { item in
            let about: (String, Localized, String)?
            let what: String
            if let id = item.progressID { about = documented[id]; what = page.t("evidence.of_activity") }
            else { about = item.valueID.flatMap { measured[$0] }; what = page.t("evidence.of_indicator") }
            guard let (number, title, day) = about else { return nil }
            return ExecutionEvidence(link: EvidenceView.publicLink(item, page: page), what: what, number: number,
                                     title: view.localized(title), on: day)
        }
        let hasActivities = overall.total > 0
        let chartNone = page.t("execution.no_value")
        let statuses = ActivityStatus.allCases.map { status in
            EvaluationStatusCount(label: page.t("execution.status." + status.rawValue), code: status.rawValue,
                                  count: overall.byStatus[status] ?? 0)
        }
        let summary = ProgramSummaryLinks(header: view.header, executionHref: view.route(.execution).path,
                                          executionCSVHref: view.route(.executionCSV).path,
                                          executionJSONHref: view.route(.executionJSON).path)
        let execution = ExecutionPageView(
            summary: summary,
            notAdopted: !state.isAdopted,
            closed: state == .closed,
            nothingRecorded: state.isAdopted && record.isEmpty,
            asOf: record.asOf,
            overall: rollupValue(overall),
            // The line of costs is written only when it has one to give.
            hasCosts: overall.plannedCentimes != nil || program.budgetCentimes != nil,
            hasActivities: hasActivities,
            statuses: statuses,
            budget: program.budgetCentimes,
            axesChart: program.axes.isEmpty ? nil
                : ProgressChart(id: "execution-axes", title: page.t("execution.by_axis"), rows: axisChart, noValue: chartNone, language: language).view,
            axisRows: axisRows,
            projectsChart: program.projects.isEmpty ? nil
                : ProgressChart(id: "execution-projects", title: page.t("execution.by_project"), rows: projectChart, noValue: chartNone,
                                language: language).view,
            projectRows: projectRows,
            late: late,
            evidence: evidence,
            evaluations: try EvaluationStore.publications(db, programID: program.id).map { published in
                PublishedEvaluation(year: published.year, href: view.route(.evaluation(published.year)).path, on: published.day)
            },
            sandbox: program.commune.isSandbox,
            today: today)
        return PageView(template: "pages/execution", title: page.t("execution.title") + " · " + program.title.text(language), view: execution)
    }
}

/// A program's Execution page: how far it has come, overall, by axis and by project, what is
/// late, the public evidence and the published evaluations.
struct ExecutionPageView: TemplateView {
    let summary: ProgramSummaryLinks
    let notAdopted: Bool
    let closed: Bool
    /// Adopted, with nothing recorded yet.
    let nothingRecorded: Bool
    /// The day the data is from.
    let asOf: String?
    let overall: RollupView
    let hasCosts: Bool
    let hasActivities: Bool
    let statuses: [EvaluationStatusCount]
    let budget: Int?
    /// The chart by axis, when the program has axes.
    let axesChart: ProgressChartView?
    let axisRows: [ExecutionAxisRow]
    /// The chart by project, when the program has projects.
    let projectsChart: ProgressChartView?
    let projectRows: [ExecutionProjectRow]
    /// The activities late against their planned end.
    let late: [LateActivity]
    /// The public evidence files, newest first.
    let evidence: [ExecutionEvidence]
    let evaluations: [PublishedEvaluation]
    let sandbox: Bool
    let today: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "summary": return .init(summary)
        case "not_adopted": return .bool(notAdopted)
        case "closed": return .bool(closed)
        case "nothing_recorded": return .bool(nothingRecorded)
        case "as_of": return .init(asOf)
        case "overall": return .init(overall)
        case "has_costs": return .bool(hasCosts)
        case "has_activities": return .bool(hasActivities)
        case "statuses": return .init(statuses)
        case "budget": return .init(budget)
        case "axes_chart": return .init(axesChart)
        case "axis_rows": return .init(axisRows)
        case "projects_chart": return .init(projectsChart)
        case "project_rows": return .init(projectRows)
        case "late": return .init(late)
        case "late_count": return .int(late.count)
        case "evidence": return .init(evidence)
        case "evaluations": return .init(evaluations)
        case "sandbox": return .bool(sandbox)
        case "today": return .string(today)
        default: return nil
        }
    }
}

/// A rollup of activities (`Rollup`) as the page says it: the percent, how it is weighted, the counts and the money.
struct RollupView: TemplateView {
    let percent: Int?
    let weighting: String
    let weightingShort: String
    let total: Int
    let counted: Int
    let cancelled: Int
    let done: Int
    /// Centimes planned and spent, when known.
    let planned: Int?
    let spent: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "percent": return .init(percent)
        case "weighting": return .string(weighting)
        case "weighting_short": return .string(weightingShort)
        case "total": return .int(total)
        case "counted": return .int(counted)
        case "cancelled": return .int(cancelled)
        case "has_cancelled": return .bool(cancelled > 0)
        case "done": return .int(done)
        case "planned": return .init(planned)
        case "spent": return .init(spent)
        default: return nil
        }
    }
}

/// An axis's row of the table after the chart.
struct ExecutionAxisRow: TemplateView {
    let header: RowHeader
    let rollup: RollupView

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "header": return .init(header)
        default: return rollup.member(key)
        }
    }
}

/// A project's row of the table after the chart, linked to its card's execution.
struct ExecutionProjectRow: TemplateView {
    let header: RowHeader
    let rollup: RollupView
    let href: String
    /// The project's budget in centimes, when stated.
    let budget: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "header": return .init(header)
        case "href": return .string(href)
        case "budget": return .init(budget)
        default: return rollup.member(key)
        }
    }
}

/// An activity late against its planned end.
struct LateActivity: TemplateView {
    /// "project.activity".
    let number: String
    let title: LocalizedText
    /// The planned end.
    let end: String
    let status: String
    let statusCode: String
    let percent: Int
    let href: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .string(number)
        case "title": return .init(title)
        case "end": return .string(end)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "percent": return .int(percent)
        case "href": return .string(href)
        default: return nil
        }
    }
}

/// A public evidence file, said of what it documents: an activity's progress or an indicator's value.
struct ExecutionEvidence: TemplateView {
    let link: PublicEvidence
    /// "Of the activity" or "of the indicator".
    let what: String
    /// The activity's number ("project.activity") or the indicator's project number.
    let number: String
    let title: LocalizedText
    /// The day of the entry it documents.
    let on: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "what": return .string(what)
        case "number": return .string(number)
        case "title": return .init(title)
        case "on": return .string(on)
        default: return link.member(key)
        }
    }
}

/// A published annual evaluation, linked.
struct PublishedEvaluation: TemplateView {
    let year: Int
    let href: String
    /// The day it was published.
    let on: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "year": return .int(year)
        case "href": return .string(href)
        case "on": return .string(on)
        default: return nil
        }
    }
}
