import HTTP
import SQLite
import Templates

/// The open-data page: every program with its CSV and JSON downloads, and what the columns and
/// fields mean, so a journalist or an association can reuse the matrices without asking.
/// The execution data and the published annual evaluations of adopted programs are listed beside
/// them (issue 13). The programs come twenty-five communes a page, grouped by region
/// (`MemberDirectory`): four queries, whatever the number of communes.
enum DataPage {
    /// Twenty-five, not the network page's fifty: a row here carries six links, and a page of
    /// fifty was 55 KB uncompressed at national size against 15 KB for the five demo communes
    /// (issue 16 asks for network-wide pages within 20% of their speed at five communes).
    static let communesPerPage = 25

    static func load(_ db: Connection, query: MemberDirectory.Query = .init(), page: PageRequest) throws -> PageView {
        let language = page.language
        let directory = try MemberDirectory.load(db, query: query, sandbox: true, pageSize: communesPerPage)
        guard directory.query.page <= directory.pageCount else { throw PageError.notFound }
        // The programs of the communes on this page, in the page's order.
        let ids = directory.members.map(\.id)
        var programsOf: [Int: [OpenDataStore.Program]] = [:]
        for program in try OpenDataStore.programs(db, communeIDs: ids) {
            programsOf[program.communeID, default: []].append(program)
        }
        let groups = directory.groups.map { group in
            DataProgramGroup(
                region: group.region.map { LocalizedText($0, language) }, sandbox: group.isSandbox,
                programs: group.members.flatMap { member in
                    (programsOf[member.id] ?? []).map { DataProgramRow($0, commune: member, page: page) }
                })
        }
        func columns(_ names: [String], _ prefix: String) -> [DataColumn] {
            names.map { DataColumn(name: $0, description: page.t(prefix + $0)) }
        }
        let fields = directory.query.page == 1 && !directory.query.isNarrowed
        var view = PageView(template: "pages/data", title: page.t("data.title"), view: DataPageView(
            directory: DataDirectoryView(filter: directory.filterView(path: SiteRoute.data(language).path, page: page), groups: groups),
            networkFiles: NetworkExport.Kind.allCases.map { kind in
                DataNetworkFile(label: page.t("data.network." + kind.rawValue),
                                csvHref: SiteRoute.networkData(language, kind, json: false).path,
                                jsonHref: SiteRoute.networkData(language, kind, json: true).path)
            },
            fieldsHref: SiteRoute.data(language).path,
            columns: fields ? columns(ProgramExport.csvColumns, "data.column.") : [],
            executionColumns: fields ? columns(ExecutionExport.csvColumns, "data.execution_column.") : []))
        view.switchQuery = directory.query.string(page: directory.query.page)
        return view
    }
}

/// The open-data page: the network's bulk files, a page of the communes' programs with their
/// downloads, and what the files' columns mean.
struct DataPageView: TemplateView {
    let directory: DataDirectoryView
    /// Issue 16: the whole network in bulk, one file per kind.
    let networkFiles: [DataNetworkFile]
    /// Where the list's first page says what the files' columns and fields mean. Only that page
    /// lists them (`columns` is empty on the others: another page number, a region, words, a
    /// program state), so that paging through the programs does not repeat 10 KB of the same
    /// text (issue 16); the others link there.
    let fieldsHref: String
    /// The program CSV's columns.
    let columns: [DataColumn]
    /// The execution CSV's columns.
    let executionColumns: [DataColumn]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "execution_columns": return .init(executionColumns)
        case "directory": return .init(directory)
        case "network_files": return .init(networkFiles)
        case "columns": return .init(columns)
        case "fields": return .bool(!columns.isEmpty)
        case "fields_href": return .string(fieldsHref)
        default: return nil
        }
    }
}

/// The data page's directory: the filter and pager, and the programs of the page's communes
/// grouped by region.
struct DataDirectoryView: TemplateView {
    let filter: DirectoryFilterView
    let groups: [DataProgramGroup]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "groups": return .init(groups)
        case "has_groups": return .bool(!groups.isEmpty)
        default: return filter.member(key)
        }
    }
}

/// The programs of a run of communes of one region (or of the sandbox).
struct DataProgramGroup: TemplateView {
    /// Nil when the communes' records do not give it.
    let region: LocalizedText?
    let sandbox: Bool
    let programs: [DataProgramRow]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "region": return .init(region)
        case "sandbox": return .bool(sandbox)
        case "programs": return .init(programs)
        default: return nil
        }
    }
}

/// A program with its downloads: the matrix, and for an adopted program its execution and
/// published annual evaluations (issue 13).
struct DataProgramRow: TemplateView {
    /// Files of the execution or of an evaluation, and the page they come from.
    struct Files: TemplateView {
        /// The evaluation's year in words; nil for the execution.
        let label: String?
        let csvHref: String
        let jsonHref: String
        let pageHref: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return label.map { .string($0) }
            case "csv_href": return .string(csvHref)
            case "json_href": return .string(jsonHref)
            case "page_href": return .string(pageHref)
            default: return nil
            }
        }
    }

    let title: LocalizedText
    let period: String
    /// The status's label in the page's language.
    let status: String
    let overviewHref: String
    let matrixHref: String
    let csvHref: String
    let jsonHref: String
    /// An adopted program's execution as open data.
    let execution: Files?
    /// Each published annual evaluation, its page and its figures.
    let evaluations: [Files]
    /// The commune's name.
    let commune: LocalizedText
    let sandbox: Bool

    init(_ program: OpenDataStore.Program, commune: MemberDirectory.Member, page: PageRequest) {
        let language = page.language
        let slug = program.slug, period = program.period, status = program.status
        func link(_ sub: SiteRoute.ProgramPage) -> String { SiteRoute.program(language, slug: slug, period: period, sub).path }
        title = LocalizedText(program.title, language)
        self.period = period
        self.status = page.t("status." + status)
        overviewHref = link(.overview)
        matrixHref = link(.matrix)
        csvHref = link(.csv)
        jsonHref = link(.json)
        execution = (ProgramState(rawValue: status)?.isAdopted ?? false)
            ? Files(label: nil, csvHref: link(.executionCSV), jsonHref: link(.executionJSON), pageHref: link(.execution)) : nil
        evaluations = program.evaluationYears.map { year in
            Files(label: page.fill("data.evaluation", String(year)), csvHref: link(.evaluationCSV(year)),
                  jsonHref: link(.evaluationJSON(year)), pageHref: link(.evaluation(year)))
        }
        self.commune = LocalizedText(commune.name, language)
        sandbox = commune.isSandbox
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "period": return .string(period)
        case "status": return .string(status)
        case "overview_href": return .string(overviewHref)
        case "matrix_href": return .string(matrixHref)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        case "execution": return .init(execution)
        case "evaluations": return .init(evaluations)
        case "commune": return .init(commune)
        case "sandbox": return .bool(sandbox)
        default: return nil
        }
    }
}

/// A bulk file of the whole network, in CSV and JSON.
struct DataNetworkFile: TemplateView {
    let label: String
    let csvHref: String
    let jsonHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        default: return nil
        }
    }
}

/// A column of a CSV file and what it means.
struct DataColumn: TemplateView {
    let name: String
    let description: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "description": return .string(description)
        default: return nil
        }
    }
}
