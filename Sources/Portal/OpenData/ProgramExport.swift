import Foundation
import HTTP
import SQLite
import Templates

/// A program as open data: a CSV of the matrix for spreadsheets (one row per activity, in the
/// page's language) and a JSON of the whole program with both languages. Both are built from
/// the same `ProgramRecord` as the pages, so a download never says something the site does not.
enum ProgramExport {
    static func csv(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        csvResponse(try ProgramStore.record(db, slug: slug, period: period), page.language, name: "")
    }

    static func json(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        try jsonResponse(try ProgramStore.record(db, slug: slug, period: period))
    }

    /// The CSV download of a program, live or frozen (`name` goes into the file name, e.g. "-v2").
    static func csvResponse(_ program: ProgramRecord, _ language: Language, name: String) -> HTTPResponse {
        let filename = "\(program.commune.slug)-\(program.period)\(name)-\(language.rawValue).csv"
        return CSV.response(csvBytes(program, language), filename: filename)
    }

    /// The JSON download of a program, live or frozen.
    static func jsonResponse(_ program: ProgramRecord) throws -> HTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: jsonObject(program),
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                            body: Array(data) + [UInt8(ascii: "\n")])
    }

    // MARK: CSV

    static let csvColumns = ["axis_number", "axis_title", "project_number", "project_title", "project_budget_dh",
                             "activity_number", "activity_title", "partners", "cost_dh", "cost_text", "funding", "start", "end"]

    /// Rows follow the matrix: axis groups, projects, activities (written by `CSV`).
    static func csvBytes(_ program: ProgramRecord, _ language: Language) -> [UInt8] {
        var rows = [csvColumns]
        for group in program.axisGroups {
            for project in group.projects {
                let head = [group.axis.map { String($0.number) } ?? "", group.axis?.title.text(language) ?? "",
                            String(project.number), project.title.text(language), decimal(project.budgetCentimes)]
                if project.activities.isEmpty {
                    rows.append(head + Array(repeating: "", count: csvColumns.count - head.count))
                }
                for activity in project.activities {
                    rows.append(head + [String(activity.number), activity.title.text(language),
                                        activity.partners.map { $0.text(language) }.joined(separator: " ; "),
                                        decimal(activity.costCentimes), activity.costText?.text(language) ?? "",
                                        activity.funding?.text(language) ?? "", activity.start ?? "", activity.end ?? ""])
                }
            }
        }
        return CSV.document(rows)
    }

    /// Dirhams with a dot and two decimals ("20000.00"), the form spreadsheets in any locale parse.
    static func decimal(_ centimes: Int?) -> String {
        guard let centimes else { return "" }
        let cents = centimes.magnitude % 100
        return (centimes < 0 ? "-" : "") + "\(centimes.magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    // MARK: JSON

    /// The whole program with both languages; a missing French text is null, so a reuser can
    /// tell "not translated" from "translated the same".
    static func jsonObject(_ program: ProgramRecord) -> [String: Any] {
        let axesByID = Dictionary(uniqueKeysWithValues: program.axes.map { ($0.id, $0.number) })
        return [
            "commune": ["slug": program.commune.slug, "name": pair(program.commune.name)],
            "period": program.period,
            // Issue 14: where the facts come from — the document's date, and a period it does not print.
            "period_inferred": program.periodInferred,
            "data_as_of": nullable(program.sourceOn),
            "title": pair(program.title),
            "status": program.status,
            "adoption": ["session": pair(program.adoptionSession), "date": nullable(program.adoptedOn),
                         "decision_ref": nullable(program.decisionRef)],
            "budget_centimes": nullable(program.budgetCentimes),
            "notes": pair(program.notes),
            "axes": program.axes.map { ["number": $0.number, "title": pair($0.title)] },
            "projects": program.projects.map { project -> [String: Any] in
                [
                    "number": project.number,
                    "axis_number": nullable(project.axisID.flatMap { axesByID[$0] }),
                    "title": pair(project.title),
                    "slogan": pair(project.slogan),
                    "duration": pair(project.duration),
                    "start": nullable(project.start),
                    "end": nullable(project.end),
                    "budget_centimes": nullable(project.budgetCentimes),
                    "objectives": project.objectives.map(pair),
                    "expected_results": project.expectedResults.map(pair),
                    "follow_up_indicators": project.followUpIndicators.map(pair),
                    "impact_indicators": project.impactIndicators.map(pair),
                    "partners": project.partners.map { partner -> [String: Any] in
                        ["name": pair(partner.name), "description": pair(partner.description), "contribution": pair(partner.contribution),
                         "listed": partner.listed]
                    },
                    "activities": project.activities.map { activity -> [String: Any] in
                        [
                            "number": activity.number,
                            "title": pair(activity.title),
                            "partners": activity.partners.map(pair),
                            "cost_centimes": nullable(activity.costCentimes),
                            "cost_text": pair(activity.costText),
                            "funding": pair(activity.funding),
                            "start": nullable(activity.start),
                            "end": nullable(activity.end),
                        ]
                    },
                ]
            },
        ]
    }

    static func pair(_ text: Localized) -> Any {
        ["ar": text.arabic, "fr": nullable(text.french)] as [String: Any]
    }

    static func pair(_ text: Localized?) -> Any { text.map { pair($0) } ?? NSNull() }

    static func nullable(_ value: String?) -> Any { value.map { $0 as Any } ?? NSNull() }
    static func nullable(_ value: Int?) -> Any { value.map { $0 as Any } ?? NSNull() }
}
