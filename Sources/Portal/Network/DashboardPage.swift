import Foundation
import SQLite
import Templates

/// `/{lang}/network/dashboard`: the whole network at a glance — member communes by where their
/// newest program stands and by region, programs adopted per year, participation (participants,
/// women's share, associations), the proposals sent or entered one by one (by channel and
/// status), and the activities' execution once it is recorded. Each figure is drawn (SVG) and
/// given as a table, and each row of communes links to the communes behind it. The figures are
/// read from the counts migration 0028's triggers keep current with every write, and a row's
/// communes through an index: the same seven queries, and about the same rows read, at 5
/// communes and at 1,503.
enum DashboardPage {
    static func load(_ db: Connection, page: PageRequest) throws -> PageView {
        let language = page.language
        let color = ChartSeries(label: page.t("dashboard.communes"), fill: ChartSeries.workshop)
        func category(_ label: String, _ value: Int) -> BarChart.Category {
            BarChart.Category(label: label, header: RowHeader(text: label), values: [value])
        }

        // Communes by the state of their newest program (or none), sandboxes left out.
        var byState: [String: (count: Int, names: [DashboardCommuneLink])] = [:]
        func directory(_ query: MemberDirectory.Query) -> String {
            SiteRoute.network(language).path + query.string(page: 1) + "#members"
        }
        for (state, group) in try NetworkStore.communesByState(db, named: namedPerRow) {
            byState[state] = (group.count, names(group.names, page: page))
        }
        let states = ProgramState.allCases.map(\.rawValue) + [""]
        let stateRows = states.compactMap { state -> DashboardCommuneRow? in
            guard let found = byState[state] else { return nil }
            return DashboardCommuneRow(label: page.t(state.isEmpty ? "dashboard.no_program" : "status." + state), count: found.count,
                                       names: found.names, allHref: directory(MemberDirectory.Query(state: state.isEmpty ? "-" : state)))
        }
        let stateChart = BarChart(id: "by-state", title: page.t("dashboard.by_state"), categoryHeading: page.t("dashboard.state"),
                                  series: [color], categories: stateRows.map { category($0.label, $0.count) }, language: language)

        // By region, as the communes' own records name it ("not given" when they do not).
        var regionRows: [DashboardCommuneRow] = []
        for group in try NetworkStore.communesByRegion(db, named: namedPerRow) {
            var label = group.region?.text(language) ?? page.t("dashboard.region_unknown")
            // A region only the demo loader gave (Migrations/0018) says so in its label.
            if group.inferred, group.key != nil { label += " (" + page.t("facts.inferred") + ")" }
            regionRows.append(DashboardCommuneRow(label: label, count: group.communes.count, names: names(group.communes.names, page: page),
                                                  allHref: directory(MemberDirectory.Query(region: group.key ?? "-"))))
        }
        let regionChart = BarChart(id: "by-region", title: page.t("dashboard.by_region"), categoryHeading: page.t("dashboard.region"),
                                   series: [color], categories: regionRows.map { category($0.label, $0.count) }, language: language)

        // Programs adopted per year (the year of the council's adoption).
        let adoptions = try NetworkStore.adoptionsPerYear(db).map { category($0.year, $0.count) }
        let adoptionChart = BarChart(id: "adopted", title: page.t("dashboard.adopted_per_year"), categoryHeading: page.t("dashboard.year"),
                                     series: [ChartSeries(label: page.t("dashboard.programs"), fill: ChartSeries.workshop)],
                                     categories: adoptions, language: language)

        // Participation in the meetings the communes reported.
        let figures = try NetworkStore.participation(db)
        let participants = figures.participants
        let women = figures.women
        let counted = figures.counted

        // Proposals listed one by one (public ones), by status and channel: the tally the
        // triggers of migration 0022 keep per program, summed for the network by 0028's.
        var proposals: [String: [Int]] = [:]
        for row in try NetworkStore.proposalTally(db) {
            var values = proposals[row.status] ?? [0, 0]
            values[row.channel == "workshop" ? 0 : 1] += row.count
            proposals[row.status] = values
        }
        let proposalChart = BarChart(id: "proposals", title: page.t("dashboard.proposals"), categoryHeading: page.t("dashboard.status"),
                                     series: [ChartSeries(label: page.t("participation.channel.workshop"), fill: ChartSeries.workshop),
                                              ChartSeries(label: page.t("participation.channel.platform"), fill: ChartSeries.platform)],
                                     categories: ProposalFilter.statuses.map { status in
                                         let label = page.t("proposal.status." + status)
                                         return BarChart.Category(label: label, header: RowHeader(text: label), values: proposals[status] ?? [0, 0])
                                     }, language: language)

        // Execution: activities by their latest recorded status.
        let execution = try NetworkStore.activitiesByStatus(db)
        let executionChart = BarChart(id: "execution", title: page.t("dashboard.execution"), categoryHeading: page.t("dashboard.status"),
                                      series: [ChartSeries(label: page.t("dashboard.activities"), fill: ChartSeries.workshop)],
                                      categories: execution.map { category(page.t("execution.status." + $0.status), $0.count) },
                                      language: language)

        func charted(_ chart: BarChart, _ rows: [DashboardCommuneRow]? = nil) -> DashboardFigure? {
            chart.categories.isEmpty ? nil : DashboardFigure(chart: chart.view, communes: rows)
        }
        return PageView(template: "pages/dashboard", title: page.t("dashboard.title"), view: DashboardPageView(
            byState: charted(stateChart, stateRows),
            byRegion: charted(regionChart, regionRows),
            adopted: charted(adoptionChart),
            proposals: charted(proposalChart),
            execution: charted(executionChart),
            participants: participants,
            women: women,
            womenShare: counted.flatMap { total in women.flatMap { total > 0 ? ($0 * 100 + total / 2) / total : nil } },
            associations: figures.associations,
            networkHref: SiteRoute.network(language).path))
    }

    /// How many communes a figure's row names; its link to the member list shows them all.
    static let namedPerRow = 10

    /// The communes of a figure's row, as links (the first `namedPerRow`; the rest counted).
    private static func names(_ packed: String?, page: PageRequest) -> [DashboardCommuneLink] {
        guard let packed else { return [] }
        return packed.split(separator: "\u{1E}").compactMap { item in
            let parts = item.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return nil }
            let name = Localized(arabic: parts[1], french: parts[2].isEmpty ? nil : parts[2])
            return DashboardCommuneLink(href: SiteRoute.commune(page.language, slug: parts[0]).path, name: LocalizedText(name, page.language))
        }
    }
}

/// The network dashboard: its figures, each drawn and tabled, and the participation totals.
struct DashboardPageView: TemplateView {
    /// Communes by the state of their newest program (nil when there is none to show).
    let byState: DashboardFigure?
    let byRegion: DashboardFigure?
    /// Programs adopted per year.
    let adopted: DashboardFigure?
    /// Proposals by status and channel.
    let proposals: DashboardFigure?
    /// Activities by their latest recorded status.
    let execution: DashboardFigure?
    let participants: Int?
    let women: Int?
    /// Women among the participants counted by sex, in percent rounded.
    let womenShare: Int?
    let associations: Int?
    let networkHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "by_state": return .init(byState)
        case "by_region": return .init(byRegion)
        case "adopted": return .init(adopted)
        case "proposals": return .init(proposals)
        case "execution": return .init(execution)
        case "participants": return .init(participants)
        case "women": return .init(women)
        case "women_share": return .init(womenShare)
        case "associations": return .init(associations)
        case "network_href": return .string(networkHref)
        default: return nil
        }
    }
}

/// A figure of the dashboard: the chart (`BarChart.view`, drawn once here), and for the
/// figures counting communes, the communes behind each row.
struct DashboardFigure: TemplateView {
    let chart: BarChartView
    /// Nil for figures that count something else (the key is then the chart's, if any).
    let communes: [DashboardCommuneRow]?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "communes": return communes.map { .init($0) } ?? chart.member(key)
        default: return chart.member(key)
        }
    }
}

/// A row of a figure counting communes: its label, how many, the first forty by name, and the
/// member directory narrowed to all of them.
struct DashboardCommuneRow: TemplateView {
    let label: String
    let count: Int
    let names: [DashboardCommuneLink]
    let allHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "count": return .int(count)
        case "names": return .init(names)
        case "all_href": return .string(allHref)
        default: return nil
        }
    }
}

/// A commune named under a figure's row, linking to its page.
struct DashboardCommuneLink: TemplateView {
    let href: String
    let name: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "name": return .init(name)
        default: return nil
        }
    }
}
