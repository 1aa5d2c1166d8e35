import Foundation
import HTTP
import SQLite
import Templates

/// A program's execution as open data (issue 13): a CSV of every activity's current state and
/// every indicator's measured values, in the page's language — the very file a focal point
/// downloads, edits and sends back to the import (`ExecutionImport`) — and a JSON with both
/// languages and the whole history. Both are built from the same `ExecutionRecord` as the pages.
/// Nothing about who recorded what: staff names stay in the admin area.
enum ExecutionExport {
    static let csvColumns = ["record", "project_number", "activity_number", "indicator_kind", "indicator_number", "title",
                             "planned_end", "planned_cost_dh", "status", "percent", "actual_start", "actual_end", "actual_cost_dh",
                             "unit", "baseline", "baseline_date", "target", "target_date", "date", "value", "source", "note", "reason"]

    static func csv(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        let record = try ExecutionRecord.load(db, slug: slug, period: period)
        let filename = "\(slug)-\(period)-execution-\(page.language.rawValue).csv"
        return CSV.response(csvBytes(record, page.language), filename: filename)
    }

    static func csvBytes(_ record: ExecutionRecord, _ language: Language) -> [UInt8] {
        var rows = [csvColumns]
        func row(_ values: [String: String]) -> [String] { csvColumns.map { values[$0] ?? "" } }
        func text(_ value: Localized?) -> String { value?.text(language) ?? "" }
        for project in record.program.projects {
            for activity in project.activities {
                let entry = record.current(activity)
                rows.append(row([
                    "record": "activity", "project_number": String(project.number), "activity_number": String(activity.number),
                    "title": activity.title.text(language), "planned_end": activity.end ?? "",
                    "planned_cost_dh": ProgramExport.decimal(activity.costCentimes),
                    "status": (entry?.status ?? .notStarted).rawValue, "percent": String(entry?.percent ?? 0),
                    "actual_start": entry?.startedOn ?? "", "actual_end": entry?.endedOn ?? "",
                    "actual_cost_dh": ProgramExport.decimal(entry?.actualCentimes), "date": entry?.on ?? "",
                    "note": text(entry?.note), "reason": text(entry?.reason),
                ]))
            }
            for indicator in record.indicators(of: project) {
                let plan = indicator.plan
                func plain(_ value: IndicatorValue?) -> String { value.flatMap { v in plan.unit.map { $0.plain(v) } } ?? "" }
                var base: [String: String] = [
                    "record": "indicator", "project_number": String(project.number), "indicator_kind": indicator.kind,
                    "indicator_number": String(indicator.position), "title": indicator.text.text(language),
                    "unit": plan.unit?.rawValue ?? "", "baseline": plain(plan.baseline), "baseline_date": plan.baselineOn ?? "",
                    "target": plain(plan.target), "target_date": plan.targetOn ?? "",
                ]
                let values = record.measurements[indicator.id] ?? []
                if values.isEmpty { rows.append(row(base)) }
                for value in values {
                    base["date"] = value.on
                    base["value"] = plain(value.value)
                    base["source"] = text(value.source)
                    base["note"] = text(value.note)
                    rows.append(row(base))
                }
            }
        }
        return CSV.document(rows)
    }

    static func json(_ db: Connection, slug: String, period: String) throws -> HTTPResponse {
        let record = try ExecutionRecord.load(db, slug: slug, period: period)
        let data = try JSONSerialization.data(withJSONObject: jsonObject(record, today: nil),
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                            body: Array(data) + [UInt8(ascii: "\n")])
    }

    static func jsonObject(_ record: ExecutionRecord, today: String?) -> [String: Any] {
        func pair(_ value: Localized?) -> Any {
            guard let value else { return NSNull() }
            return ["ar": value.arabic, "fr": value.french as Any? ?? NSNull()]
        }
        func optional(_ value: Any?) -> Any { value ?? NSNull() }
        func rollup(_ r: Rollup) -> [String: Any] {
            ["percent": optional(r.percent), "weighting": r.weighting.rawValue, "activities": r.total, "cancelled": r.cancelled,
             "planned_cost_centimes": optional(r.plannedCentimes), "spent_centimes": optional(r.spentCentimes)]
        }
        let program = record.program
        let projects: [[String: Any]] = program.projects.map { project in
            let activities: [[String: Any]] = project.activities.map { activity in
                [
                    "number": activity.number, "title": pair(activity.title),
                    "planned_start": optional(activity.start), "planned_end": optional(activity.end),
                    "planned_cost_centimes": optional(activity.costCentimes),
                    "status": record.status(activity).rawValue,
                    "progress": (record.entries[activity.id] ?? []).map { entry -> [String: Any] in
                        ["date": entry.on, "status": entry.status.rawValue, "percent": entry.percent,
                         "actual_start": optional(entry.startedOn), "actual_end": optional(entry.endedOn),
                         "actual_cost_centimes": optional(entry.actualCentimes), "reason": pair(entry.reason), "note": pair(entry.note)]
                    },
                ]
            }
            let indicators: [[String: Any]] = record.indicators(of: project).map { indicator in
                let unit = indicator.plan.unit
                func plain(_ value: IndicatorValue?) -> Any { value.flatMap { v in unit.map { $0.plain(v) } } ?? NSNull() }
                return [
                    "kind": indicator.kind, "number": indicator.position, "text": pair(indicator.text),
                    "unit": optional(unit?.rawValue), "baseline": plain(indicator.plan.baseline),
                    "baseline_date": optional(indicator.plan.baselineOn), "target": plain(indicator.plan.target),
                    "target_date": optional(indicator.plan.targetOn),
                    "values": (record.measurements[indicator.id] ?? []).map { value -> [String: Any] in
                        ["date": value.on, "value": plain(value.value), "source": pair(value.source), "note": pair(value.note)]
                    },
                ]
            }
            return ["number": project.number, "title": pair(project.title), "budget_centimes": optional(project.budgetCentimes),
                    "progress": rollup(record.rollup(project.activities)), "activities": activities, "indicators": indicators]
        }
        return [
            "commune": ["slug": program.commune.slug, "name": pair(program.commune.name)],
            "period": program.period, "status": program.status, "title": pair(program.title),
            "budget_centimes": optional(program.budgetCentimes), "data_as_of": optional(record.asOf),
            "progress": rollup(record.rollup(record.allActivities)), "projects": projects,
        ]
    }
}
