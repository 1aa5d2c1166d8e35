import HTTP
import SQLite
import Templates

/// The open-data page: every program with its CSV and JSON downloads, and what the columns and
/// fields mean, so a journalist or an association can reuse the matrices without asking.
/// The execution data and the published annual evaluations of adopted programs are listed beside
/// them (issue 13). One query, whatever the number of communes.
enum DataPage {
    static func load(_ db: Connection, page: PageRequest) throws -> PageView {
        let language = page.language
        let programs = try db.query("""
            SELECT c.slug, c.name_ar, c.name_fr, c.is_sandbox, p.period, p.status, p.title_ar, p.title_fr,
                   (SELECT group_concat(e.year) FROM evaluations e WHERE e.program_id = p.id AND e.status = 'published') AS evaluation_years
            FROM programs p JOIN communes c ON c.id = p.commune_id
            ORDER BY c.is_sandbox, c.id, p.period DESC
            """).map { row -> TemplateValue in
            let slug = try row.string("slug"), period = try row.string("period"), status = try row.string("status")
            let years = (try row.optionalString("evaluation_years") ?? "").split(separator: ",").compactMap { Int($0) }.sorted()
            func link(_ sub: SiteRoute.ProgramPage) -> TemplateValue {
                .string(SiteRoute.program(language, slug: slug, period: period, sub).path)
            }
            return [
                "commune": try Localized(row, "name").value(language),
                "title": try Localized(row, "title").value(language),
                "sandbox": .bool(try row.bool("is_sandbox")),
                "period": .string(period),
                "status": .string(page.t("status." + status)),
                "overview_href": link(.overview),
                "matrix_href": link(.matrix),
                "csv_href": link(.csv),
                "json_href": link(.json),
                // Issue 13: an adopted program's execution as open data.
                "execution": (ProgramState(rawValue: status)?.isAdopted ?? false)
                    ? ["csv_href": link(.executionCSV), "json_href": link(.executionJSON), "page_href": link(.execution)] : .null,
                // Issue 13: each published annual evaluation, its page and its figures.
                "evaluations": .array(years.map { year in
                    ["label": .string(page.fill("data.evaluation", String(year))), "page_href": link(.evaluation(year)),
                     "csv_href": link(.evaluationCSV(year)), "json_href": link(.evaluationJSON(year))]
                }),
            ]
        }
        let columns = ProgramExport.csvColumns.map { name -> TemplateValue in
            ["name": .string(name), "description": .string(page.t("data.column." + name))]
        }
        let executionColumns = ExecutionExport.csvColumns.map { name -> TemplateValue in
            ["name": .string(name), "description": .string(page.t("data.execution_column." + name))]
        }
        return PageView(template: "pages/data", title: page.t("data.title"), context: [
            "execution_columns": .array(executionColumns),
            "programs": .array(programs),
            "has_programs": .bool(!programs.isEmpty),
            "columns": .array(columns),
        ])
    }
}
