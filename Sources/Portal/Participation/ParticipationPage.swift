import HTTP
import SQLite
import Templates

/// What citizens put into a program, as the documents count it: for each workshop, meeting
/// or platform window the participants, women, associations and equality-body members, and
/// the proposals counted by axis, by project (observations on the draft) and by status. The
/// commune's own slides show these figures; here they are charts with their tables. Beside
/// them, never mixed in, the proposals received on this portal, counted the same ways and by
/// gender: aggregated counts only, no proposal and no personal data.
enum ParticipationPage {
    /// The program (`ProgramRecord.load`, for axis and project titles) plus three queries,
    /// whatever the number of events, counts and portal proposals.
    static func load(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> PageView {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let events = try ParticipationStore.events(db, programID: program.id)
        let counts = try ParticipationStore.proposalCounts(db, programID: program.id)
        let view = ProgramView(program: program, page: page)
        let figures = ParticipationFigures(program: program, events: events, counts: counts.filter { $0.source == .documents }, page: page)
        let portal = ParticipationFigures(program: program, events: [], counts: counts.filter { $0.source == .portal }, page: page, source: .portal)
        let received = portal.counts.reduce(0) { $0 + $1.count }
        // Each chart is drawn once here: the template reads it twice (its test, its section).
        let axesChart = figures.axesChart, projectsChart = figures.projectsChart, statusChart = figures.statusChart
        let pageView = ParticipationPageView(
            program: view.header,
            events: events.map(figures.event),
            axesChart: axesChart?.view,
            projectsChart: projectsChart?.view,
            statusChart: statusChart?.view,
            shareChart: figures.shareChart?.view,
            splitInferred: events.contains(where: \.splitInferred),
            hasDocumented: axesChart != nil || projectsChart != nil || statusChart != nil,
            portal: received > 0
                ? PortalProposalFigures(total: received, axes: portal.axesChart?.view, projects: portal.projectsChart?.view,
                                        status: portal.statusChart?.view, gender: portal.genderChart?.view)
                : nil)
        let title = page.t("participation.title") + " · " + program.commune.name.text(page.language) + " " + program.period
        return PageView(template: "pages/participation", title: title, view: pageView)
    }
}

/// The participation page: the program's header, its events with their figures, the charts of
/// the documented counts, and apart from them the proposals received on the portal.
struct ParticipationPageView: TemplateView {
    let program: ProgramHeader
    let events: [ParticipationEventView]
    /// The charts (`BarChart.view`, `ShareChart.view`), nil where there is nothing to draw.
    let axesChart: BarChartView?
    let projectsChart: BarChartView?
    let statusChart: BarChartView?
    /// The women's share of each event that counted both.
    let shareChart: ShareChartView?
    /// An event's breakdown by axis is a reading of a damaged chart (Migrations/0018).
    let splitInferred: Bool
    /// The documents give counts of proposals (by axis, project or status).
    let hasDocumented: Bool
    /// The portal's own proposals, when it received any (the key is absent otherwise).
    let portal: PortalProposalFigures?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program": return .init(program)
        case "events": return .init(events)
        case "has_events": return .bool(!events.isEmpty)
        case "axes_chart": return .init(axesChart)
        case "projects_chart": return .init(projectsChart)
        case "status_chart": return .init(statusChart)
        case "share_chart": return .init(shareChart)
        case "split_inferred": return .bool(splitInferred)
        case "has_documented": return .bool(hasDocumented)
        case "portal": return portal.map { .init($0) }
        default: return nil
        }
    }
}

/// The proposals received on the portal, counted the documents' ways and by gender: aggregated
/// counts only.
struct PortalProposalFigures: TemplateView {
    let total: Int
    /// The charts (`BarChart.view`), nil where there is nothing to draw.
    let axes: BarChartView?
    let projects: BarChartView?
    let status: BarChartView?
    let gender: BarChartView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "total": return .int(total)
        case "portal_axes": return .init(axes)
        case "portal_projects": return .init(projects)
        case "portal_status": return .init(status)
        case "portal_gender": return .init(gender)
        default: return nil
        }
    }
}

/// A workshop, meeting or platform window as the participation page shows it, with the
/// figures the documents give (nil where they give none).
struct ParticipationEventView: TemplateView {
    /// An item of the meeting's programme.
    struct AgendaItem: TemplateView {
        let time: String?
        let text: LocalizedText

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "time": return .init(time)
            case "text": return .init(text)
            default: return nil
            }
        }
    }

    let title: LocalizedText
    /// `Format.date` input: a day, a month, or "start/end" for a range.
    let date: String?
    let place: LocalizedText?
    let description: LocalizedText?
    /// The channel's label in the page's language.
    let channel: String
    let participants: Int?
    let women: Int?
    let associations: Int?
    let equalityBodyMembers: Int?
    let proposalsTotal: Int?
    let agenda: [AgendaItem]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "date": return .init(date)
        case "place": return .init(place)
        case "description": return .init(description)
        case "channel": return .string(channel)
        case "participants": return .init(participants)
        case "women": return .init(women)
        case "associations": return .init(associations)
        case "equality_body_members": return .init(equalityBodyMembers)
        case "proposals_total": return .init(proposalsTotal)
        case "has_figures":
            return .bool([participants, women, associations, equalityBodyMembers, proposalsTotal].contains { $0 != nil })
        case "agenda": return .init(agenda)
        default: return nil
        }
    }
}

/// A workshop, meeting or platform window of a program, with the figures the documents give
/// (nil where they give none).
struct ParticipationEvent {
    var id: Int
    var channel: String
    var title: Localized
    /// `Format.date` input: a day, a month, or "start/end" for a range.
    var date: String?
    var place: Localized?
    var description: Localized?
    var participants: Int?
    var women: Int?
    var associations: Int?
    var equalityBodyMembers: Int?
    var proposalsTotal: Int?
    /// Its breakdown by axis is a reading of a damaged chart, not printed figures (Migrations/0018).
    var splitInferred = false
    /// The meeting's programme, as its invitation or press release lists it.
    var agenda: [(time: String?, text: Localized)] = []
}

/// One count of proposals: as a document prints it (per axis or project or neither, per
/// channel, per status when the document breaks it down), or as the portal's own proposals
/// add up (per axis, project for observations, channel, status and gender).
struct ProposalCount {
    /// Where a count comes from; the page never adds one source to the other.
    enum Source: String { case documents, portal }

    var source: Source
    var eventID: Int?
    var axisID: Int?
    var projectID: Int?
    var channel: String
    var status: String?
    /// Portal proposals only: woman, man, other, or nil when the citizen did not say.
    var gender: String?
    var count: Int
}

/// Turns events and counts into view values and charts, in the page's language.
struct ParticipationFigures {
    let program: ProgramRecord
    let events: [ParticipationEvent]
    let counts: [ProposalCount]
    let page: PageRequest
    /// Which counts these are: chart ids and titles say it, so a portal chart is never read
    /// as a documented one.
    var source: ProposalCount.Source = .documents
    var language: Language { page.language }

    /// "chart-axes" for the documents, "chart-portal-axes" for the portal.
    func chartID(_ name: String) -> String { source == .portal ? "chart-portal-" + name : "chart-" + name }
    /// "participation.by_axis" for the documents, "participation.portal.by_axis" for the portal.
    func titleKey(_ name: String) -> String { source == .portal ? "participation.portal." + name : "participation." + name }

    static let channels = ["workshop", "platform"]
    /// The order Larache's table uses: what was kept first, what was not last.
    static let statuses = ["accepted", "integrated", "processing", "rejected"]
    /// The form's choices, then "not said" (nil) last.
    static let genders: [String?] = ["woman", "man", "other", nil]

    func event(_ event: ParticipationEvent) -> ParticipationEventView {
        func localized(_ text: Localized?) -> LocalizedText? { text.map { LocalizedText($0, language) } }
        return ParticipationEventView(
            title: LocalizedText(event.title, language), date: event.date, place: localized(event.place),
            description: localized(event.description), channel: page.t("participation.channel." + event.channel),
            participants: event.participants, women: event.women, associations: event.associations,
            equalityBodyMembers: event.equalityBodyMembers, proposalsTotal: event.proposalsTotal,
            agenda: event.agenda.map { ParticipationEventView.AgendaItem(time: $0.time, text: LocalizedText($0.text, language)) })
    }

    /// The channels that have counts among `rows`, as chart series.
    func series(_ rows: [ProposalCount]) -> [ChartSeries] {
        ParticipationFigures.channels.filter { channel in rows.contains { $0.channel == channel } }.map {
            ChartSeries(label: page.t("participation.channel." + $0), fill: $0 == "workshop" ? ChartSeries.workshop : ChartSeries.platform)
        }
    }

    /// Sums `rows` per channel of `channels`, for one category.
    func values(_ rows: [ProposalCount], channels: [String]) -> [Int] {
        channels.map { channel in rows.filter { $0.channel == channel }.reduce(0) { $0 + $1.count } }
    }

    func channels(_ rows: [ProposalCount]) -> [String] {
        ParticipationFigures.channels.filter { channel in rows.contains { $0.channel == channel } }
    }

    func numbered(_ key: String, _ number: Int, _ title: Localized) -> String {
        page.fill(key, String(number), title.text(language))
    }

    /// (a) Proposals per axis, one bar per channel, summed over events.
    var axesChart: BarChart? {
        numberedChart(id: chartID("axes"), title: titleKey("by_axis"), heading: "participation.axis", label: "participation.axis_label",
                      items: program.axes.map { axis in (axis.number, axis.title, { $0.axisID == axis.id }) })
    }

    /// Proposals (observations on the draft) per project, one bar per channel.
    var projectsChart: BarChart? {
        numberedChart(id: chartID("projects"), title: titleKey("by_project"), heading: "participation.project", label: "participation.project_label",
                      items: program.projects.map { project in (project.number, project.title, { $0.projectID == project.id }) })
    }

    /// One bar group per numbered item (axis or project) that has counts, one bar per channel.
    private func numberedChart(id: String, title: String, heading: String, label: String,
                               items: [(number: Int, title: Localized, owns: (ProposalCount) -> Bool)]) -> BarChart? {
        let rows = counts.filter { row in items.contains { $0.owns(row) } }
        guard !rows.isEmpty else { return nil }
        let channels = channels(rows)
        let categories = items.compactMap { item -> BarChart.Category? in
            let own = rows.filter(item.owns)
            guard !own.isEmpty else { return nil }
            return BarChart.Category(label: numbered(label, item.number, item.title),
                                     header: header(label, item.number, item.title),
                                     values: values(own, channels: channels))
        }
        return BarChart(id: id, title: page.t(title), categoryHeading: page.t(heading),
                        series: series(rows), categories: categories, language: language)
    }

    /// Proposals per status (what became of them), one bar per channel.
    var statusChart: BarChart? {
        let rows = counts.filter { $0.status != nil }
        guard !rows.isEmpty else { return nil }
        let channels = channels(rows)
        let categories = ParticipationFigures.statuses.compactMap { status -> BarChart.Category? in
            let own = rows.filter { $0.status == status }
            guard !own.isEmpty else { return nil }
            let label = page.t("participation.status." + status)
            return BarChart.Category(label: label, header: RowHeader(text: label, prefix: ""), values: values(own, channels: channels))
        }
        return BarChart(id: chartID("status"), title: page.t(titleKey("by_status")), categoryHeading: page.t("participation.status"),
                        series: series(rows), categories: categories, language: language)
    }

    /// Portal proposals per gender the citizen chose to give (or not), one bar per channel.
    var genderChart: BarChart? {
        let rows = counts.filter { $0.source == .portal }
        guard !rows.isEmpty else { return nil }
        let channels = channels(rows)
        let categories = ParticipationFigures.genders.compactMap { gender -> BarChart.Category? in
            let own = rows.filter { $0.gender == gender }
            guard !own.isEmpty else { return nil }
            let label = page.t("participation.portal.gender." + (gender ?? "unsaid"))
            return BarChart.Category(label: label, header: RowHeader(text: label, prefix: ""), values: values(own, channels: channels))
        }
        return BarChart(id: chartID("gender"), title: page.t("participation.portal.by_gender"), categoryHeading: page.t("participation.portal.gender"),
                        series: series(rows), categories: categories, language: language)
    }

    /// (b) The women's share of each event that counted both participants and women.
    var shareChart: ShareChart? {
        let rows = events.compactMap { event -> ShareChart.Row? in
            guard let participants = event.participants, participants > 0, let women = event.women else { return nil }
            var label = event.title.text(language)
            if let date = event.date { label += " · " + Format.date(date, language) }
            return ShareChart.Row(label: label, header: RowHeader(event.title, language, date: event.date), part: women, whole: participants)
        }
        guard !rows.isEmpty else { return nil }
        return ShareChart(id: "chart-women", title: page.t("participation.women_share"), rowHeading: page.t("participation.event"),
                          partLabel: page.t("participation.women"), restLabel: page.t("participation.others"),
                          lineFormat: page.t("participation.share_line"), rows: rows, language: language)
    }

    /// A numbered axis or project title for a table header, keeping the untranslated mark.
    func header(_ key: String, _ number: Int, _ title: Localized) -> RowHeader {
        RowHeader(title, language, prefix: Translations.fill(page.t(key).components(separatedBy: "{2}").first ?? "", [String(number)]))
    }
}
