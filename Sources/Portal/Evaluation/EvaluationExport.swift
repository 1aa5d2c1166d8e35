import Foundation
import HTTP
import SQLite
import Templates

/// A published evaluation's figures as open data (issue 13): a CSV in the page's language, one
/// line per figure (section, reference, title, measure, value, date), and a JSON of the frozen
/// figures as stored (both languages) with the written parts. Both read the frozen figures, so the
/// files, like the page, never change after publication.
enum EvaluationExport {
    static let csvColumns = ["section", "ref", "title", "measure", "value", "date"]

    static func csv(_ db: Connection, slug: String, period: String, year: Int, page: PageRequest) throws -> HTTPResponse {
        let (_, _, figures) = try EvaluationPage.published(db, slug: slug, period: period, year: year)
        return CSV.response(csvBytes(figures, page.language), filename: "\(slug)-\(period)-evaluation-\(year)-\(page.language.rawValue).csv")
    }

    static func csvBytes(_ figures: EvaluationFigures, _ language: Language) -> [UInt8] {
        var rows = [csvColumns]
        func add(_ section: String, _ ref: String, _ title: String, _ measure: String, _ value: String, _ date: String = "") {
            rows.append([section, ref, title, measure, value, date])
        }
        func money(_ centimes: Int?) -> String { ProgramExport.decimal(centimes) }
        let p = figures.progress
        add("program", "", figures.programTitle.text(language), "data_as_of", figures.asOf)
        add("program", "", "", "percent", p.percent.map(String.init) ?? "")
        add("program", "", "", "weighting", p.weighting)
        add("program", "", "", "activities", String(p.total))
        for status in ActivityStatus.allCases { add("program", "", "", "activities_" + status.rawValue, String(p.byStatus[status.rawValue] ?? 0)) }
        add("program", "", "", "activities_late", String(p.late))
        add("program", "", "", "budget_dh", money(figures.budgetCentimes))
        add("program", "", "", "planned_cost_dh", money(p.plannedCentimes))
        add("program", "", "", "spent_dh", money(p.spentCentimes))
        for row in figures.activities {
            let ref = "\(row.project).\(row.number)", title = row.title.text(language)
            add("activity", ref, title, "status", row.status)
            add("activity", ref, title, "percent", String(row.percent))
            add("activity", ref, title, "late", row.late ? "yes" : "no", row.plannedEnd ?? "")
            if let spent = row.spentCentimes { add("activity", ref, title, "spent_dh", money(spent)) }
        }
        for row in figures.indicators {
            let ref = "\(row.project) \(row.kind) \(row.number)", title = row.text.text(language)
            let unit = row.unit.flatMap(IndicatorUnit.init(rawValue:))
            func plain(_ value: EvaluationFigures.Value?) -> String { value?.indicatorValue.flatMap { v in unit.map { $0.plain(v) } } ?? "" }
            add("indicator", ref, title, "unit", row.unit ?? "")
            add("indicator", ref, title, "baseline", plain(row.baseline), row.baselineOn ?? "")
            for value in row.values { add("indicator", ref, title, "value", plain(value.value), value.on) }
            add("indicator", ref, title, "target", plain(row.target), row.targetOn ?? "")
        }
        for status in ["processing", "accepted", "integrated", "rejected"] {
            add("proposals", "", "", status, String(figures.proposals.byStatus[status] ?? 0))
        }
        add("proposals", "", "", "received_in_year", String(figures.proposals.receivedInYear))
        for project in figures.proposals.projects {
            let ref = String(project.number), title = project.title.text(language)
            add("integrated_project", ref, title, "proposals", String(project.proposals))
            add("integrated_project", ref, title, "percent", project.percent.map(String.init) ?? "")
            add("integrated_project", ref, title, "activities_done", "\(project.done)/\(project.total)")
        }
        for event in figures.events {
            let title = event.title.text(language)
            for (measure, value) in [("participants", event.participants), ("women", event.women), ("associations", event.associations),
                                     ("proposals", event.proposals)] {
                if let value { add("event", "", title, measure, String(value), event.date ?? "") }
            }
        }
        return CSV.document(rows)
    }

    static func json(_ db: Connection, slug: String, period: String, year: Int) throws -> HTTPResponse {
        let (program, evaluation, figures) = try EvaluationPage.published(db, slug: slug, period: period, year: year)
        func pair(_ ar: String?, _ fr: String?) -> Any { ["ar": ar as Any? ?? NSNull(), "fr": fr as Any? ?? NSNull()] }
        let texts = evaluation.texts
        let figuresObject = try JSONSerialization.jsonObject(with: Data(try figures.encoded()))
        let object: [String: Any] = [
            "commune": program.commune.slug, "period": program.period, "year": year,
            "data_as_of": figures.asOf, "published_at": evaluation.publishedAt as Any? ?? NSNull(),
            "worked": pair(texts.workedAr, texts.workedFr), "not_worked": pair(texts.notWorkedAr, texts.notWorkedFr),
            "changes": pair(texts.changesAr, texts.changesFr),
            "figures": figuresObject,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                            body: Array(data) + [UInt8(ascii: "\n")])
    }
}
