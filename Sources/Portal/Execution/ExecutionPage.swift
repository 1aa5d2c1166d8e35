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
    static func header(_ prefix: String, _ title: Localized, _ page: PageRequest) -> TemplateValue {
        title.value(page.language).adding(["prefix": .string(prefix + page.t("text.colon") + " ")])
    }

    static func load(_ db: Connection, slug: String, period: String, now: Date, page: PageRequest) throws -> PageView {
        let record = try ExecutionRecord.load(db, slug: slug, period: period)
        let program = record.program
        let view = ProgramView(program: program, page: page)
        let language = page.language
        let today = MoroccoTime.day(now)
        let state = ProgramState(rawValue: program.status) ?? .draft
        let overall = record.rollup(record.allActivities)

        func rollupValue(_ rollup: Rollup) -> [String: TemplateValue] {
            [
                "percent": TemplateValue(rollup.percent),
                "weighting": .string(page.t("execution.weighting." + rollup.weighting.rawValue)),
                "weighting_short": .string(page.t("execution.weighting_short." + rollup.weighting.rawValue)),
                "total": .int(rollup.total), "counted": .int(rollup.counted), "cancelled": .int(rollup.cancelled),
                "has_cancelled": .bool(rollup.cancelled > 0),
                "done": .int(rollup.byStatus[.done] ?? 0),
                "planned": rollup.plannedCentimes.map { .int($0) } ?? .null,
                "spent": rollup.spentCentimes.map { .int($0) } ?? .null,
            ]
        }

        var axisRows: [TemplateValue] = []
        var axisChart: [ProgressChart.Row] = []
        let groups: [ProgramRecord.Axis?] = program.axes.map { Optional($0) }
            + (program.projects.contains { program.axis(of: $0) == nil } ? [nil] : [])
        for axis in groups {
            let rollup = record.rollup(record.activities(axis: axis))
            let name = axis.map { page.axisLabel($0.number, $0.title) } ?? page.t("program.projects_no_axis")
            axisChart.append(.init(label: name, percent: rollup.percent))
            var row = rollupValue(rollup)
            row["header"] = axis.map { header(page.fill("program.axis_number", String($0.number)), $0.title, page) } ?? ["text": .string(name)]
            axisRows.append(.object(row))
        }

        var projectRows: [TemplateValue] = []
        var projectChart: [ProgressChart.Row] = []
        var late: [TemplateValue] = []
        for project in program.projects {
            let rollup = record.rollup(project.activities)
            projectChart.append(.init(label: page.projectLabel(project.number, project.title), percent: rollup.percent))
            var row = rollupValue(rollup)
            row["header"] = header(page.fill("program.project_number", String(project.number)), project.title, page)
            row["href"] = .string(view.route(.project(project.number)).path + "#execution")
            row["budget"] = project.budgetCentimes.map { .int($0) } ?? .null
            projectRows.append(.object(row))
            for activity in project.activities {
                let entry = record.current(activity)
                let status = entry?.status ?? .notStarted
                guard Rollup.isLate(plannedEnd: activity.end, status: status, today: today) else { continue }
                late.append([
                    "number": .string("\(project.number).\(activity.number)"), "title": view.text(activity.title),
                    "end": .string(activity.end ?? ""), "status": .string(page.t("execution.status." + status.rawValue)),
                    "status_code": .string(status.rawValue), "percent": .int(entry?.percent ?? 0),
                    "href": .string(view.route(.project(project.number)).path + "#execution"),
                ])
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
        let evidence: [TemplateValue] = record.evidence.filter { $0.visibility == .public }.reversed().compactMap { item in
            let about: (String, Localized, String)?
            let what: String
            if let id = item.progressID { about = documented[id]; what = page.t("evidence.of_activity") }
            else { about = item.valueID.flatMap { measured[$0] }; what = page.t("evidence.of_indicator") }
            guard let (number, title, day) = about else { return nil }
            var link = EvidenceView.publicList([item], page: page).arrayValue?.first?.objectValue ?? [:]
            link["what"] = .string(what)
            link["number"] = .string(number)
            link["title"] = view.text(title)
            link["on"] = .string(day)
            return .object(link)
        }
        let hasActivities = overall.total > 0
        let chartNone = page.t("execution.no_value")
        var statuses: [TemplateValue] = []
        for status in ActivityStatus.allCases {
            statuses.append(["label": .string(page.t("execution.status." + status.rawValue)), "code": .string(status.rawValue),
                             "count": .int(overall.byStatus[status] ?? 0)])
        }
        let summary = view.summary(adding: [
            "execution_href": .string(view.route(.execution).path),
            "execution_csv_href": .string(view.route(.executionCSV).path),
            "execution_json_href": .string(view.route(.executionJSON).path),
        ])
        return PageView(template: "pages/execution", title: page.t("execution.title") + " · " + program.title.text(language), context: [
            "summary": summary,
            "not_adopted": .bool(!state.isAdopted),
            "closed": .bool(state == .closed),
            "nothing_recorded": .bool(state.isAdopted && record.isEmpty),
            "as_of": TemplateValue(record.asOf),
            "overall": .object(rollupValue(overall)),
            // The line of costs is written only when it has one to give.
            "has_costs": .bool(overall.plannedCentimes != nil || program.budgetCentimes != nil),
            "has_activities": .bool(hasActivities),
            "statuses": .array(statuses),
            "budget": program.budgetCentimes.map { .int($0) } ?? .null,
            "axes_chart": program.axes.isEmpty ? .null
                : ProgressChart(id: "execution-axes", title: page.t("execution.by_axis"), rows: axisChart, noValue: chartNone, language: language).value,
            "axis_rows": .array(axisRows),
            "projects_chart": program.projects.isEmpty ? .null
                : ProgressChart(id: "execution-projects", title: page.t("execution.by_project"), rows: projectChart, noValue: chartNone,
                                language: language).value,
            "project_rows": .array(projectRows),
            "late": .array(late),
            "late_count": .int(late.count),
            "evidence": .array(evidence),
            "evaluations": .array(try EvaluationStore.publications(db, programID: program.id).map { published in
                ["year": .int(published.year), "href": .string(view.route(.evaluation(published.year)).path), "on": .string(published.day)]
            }),
            "sandbox": .bool(program.commune.isSandbox),
            "today": .string(today),
        ])
    }
}
