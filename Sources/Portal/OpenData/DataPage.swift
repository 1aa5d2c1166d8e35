import HTTP
import SQLite
import Templates

/// The open-data page: every program with its CSV and JSON downloads, and what the columns and
/// fields mean, so a journalist or an association can reuse the matrices without asking.
/// The execution data and the published annual evaluations of adopted programs are listed beside
/// them (issue 13). The programs come fifty communes a page, grouped by region
/// (`MemberDirectory`): four queries, whatever the number of communes.
enum DataPage {
    static func load(_ db: Connection, query: MemberDirectory.Query = .init(), page: PageRequest) throws -> PageView {
        let language = page.language
        let directory = try MemberDirectory.load(db, query: query, sandbox: true)
        guard directory.query.page <= directory.pageCount else { throw PageError.notFound }
        // The programs of the communes on this page, in the page's order.
        let ids = directory.members.map(\.id)
        var programsOf: [Int: [TemplateValue]] = [:]
        for program in try OpenDataStore.programs(db, communeIDs: ids) {
            let slug = program.slug, period = program.period, status = program.status
            let years = program.evaluationYears
            func link(_ sub: SiteRoute.ProgramPage) -> TemplateValue {
                .string(SiteRoute.program(language, slug: slug, period: period, sub).path)
            }
            programsOf[program.communeID, default: []].append([
                "title": program.title.value(language),
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
            ])
        }
        let groups = directory.groups.map { group -> TemplateValue in
            [
                "region": group.region?.value(language) ?? .null,
                "sandbox": .bool(group.isSandbox),
                "programs": .array(group.members.flatMap { member -> [TemplateValue] in
                    (programsOf[member.id] ?? []).map { program in
                        guard case .object(var fields) = program else { return program }
                        fields["commune"] = member.name.value(language)
                        fields["sandbox"] = .bool(member.isSandbox)
                        return .object(fields)
                    }
                }),
            ]
        }
        var directoryView = directory.filterView(path: SiteRoute.data(language).path, page: page)
        directoryView["groups"] = .array(groups)
        directoryView["has_groups"] = .bool(!groups.isEmpty)
        let columns = ProgramExport.csvColumns.map { name -> TemplateValue in
            ["name": .string(name), "description": .string(page.t("data.column." + name))]
        }
        let executionColumns = ExecutionExport.csvColumns.map { name -> TemplateValue in
            ["name": .string(name), "description": .string(page.t("data.execution_column." + name))]
        }
        var view = PageView(template: "pages/data", title: page.t("data.title"), context: [
            "execution_columns": .array(executionColumns),
            "directory": .object(directoryView),
            // Issue 16: the whole network in bulk, one file per kind.
            "network_files": .array(NetworkExport.Kind.allCases.map { kind in
                ["label": .string(page.t("data.network." + kind.rawValue)),
                 "csv_href": .string(SiteRoute.networkData(language, kind, json: false).path),
                 "json_href": .string(SiteRoute.networkData(language, kind, json: true).path)]
            }),
            "columns": .array(columns),
        ])
        view.switchQuery = directory.query.string(page: directory.query.page)
        return view
    }
}
