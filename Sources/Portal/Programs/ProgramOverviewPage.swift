import Foundation
import HTTP
import SQLite
import Templates

/// A program at a glance: where it stands, its calls for participation (open or not at
/// `now`), its axes and projects, budget, the dated co-preparation timeline, the
/// participation figures and the committee. ProgramRecord's nine queries plus five or six,
/// whatever the program holds.
enum ProgramOverviewPage {
    static func load(_ db: Connection, slug: String, period: String, now: Date, baseURL: String, page: PageRequest) throws -> PageView {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let language = page.language

        let milestones = try ProgramStore.milestones(db, programID: program.id)
        let milestoneLines = milestones.map { milestone in
            MilestoneLine(title: view.localized(milestone.title), place: view.localized(milestone.place), when: milestone.when,
                          kind: page.t("milestone.kind." + milestone.kind), done: milestone.done)
        }
        let calls = try CallStore.all(db, programID: program.id)
        let formHref = SiteRoute.program(language, slug: slug, period: period, .newProposal).path
        let projectHref = SiteRoute.program(language, slug: slug, period: period, .newProject).path
        // The open calls again at the top, where a phone shows them without scrolling (issue 12).
        let listed = calls.filter { $0.state(at: now) == .open }.map {
            OpenCalls.Listed(call: $0, slug: slug, period: period, commune: Localized(arabic: "", french: nil), program: program.title)
        }
        let overview = ProgramOverview(
            header: view.header,
            calls: calls.map { CallView($0, at: now, page: page, formHref: formHref, projectHref: projectHref) },
            openCalls: listed.map { OpenCallView($0, at: now, page: page, baseURL: baseURL) },
            axes: program.axes.map { axis in
                AxisSection(axis: view.axisLabel(axis), projects: program.projects.filter { $0.axisID == axis.id }.map(view.card))
            },
            references: try ProgramStore.references(db, programID: program.id).map(view.localized),
            searchCommune: slug,
            unassignedProjects: program.projects.filter { program.axis(of: $0) == nil }.map(view.card),
            // Issue 6: the state transitions recorded in the admin area, merged with the milestones by date.
            milestones: try ProgramTimeline.merged(db, programID: program.id, milestones: milestones, lines: milestoneLines,
                                                   calls: calls, now: now, page: page),
            figures: try ProgramStore.participationTotals(db, programID: program.id),
            committee: try ProgramStore.committee(db, programID: program.id).map { CommitteeView($0, page: page) },
            updatedOn: try ProgramStore.lastUpdatedDay(db, programID: program.id),
            executionHref: (ProgramState(rawValue: program.status)?.isAdopted ?? false) ? view.route(.execution).path : nil)
        let feed = view.route(.feed)
        return PageView(template: "pages/program", title: program.title.text(language), view: ProgramOverviewPageView(
            program: overview,
            follow: FollowLinks.view(page, feed: feed, calendar: .calendar(language, slug: slug)),
            alternateFeed: FollowLinks.alternate(feed, title: page.fill("feed.program.title", program.title.text(language)))))
    }
}

/// The overview page: the program, and the links to follow it (feed, calendar).
struct ProgramOverviewPageView: TemplateView {
    let program: ProgramOverview
    let follow: FollowView?
    /// The feed a browser or reader finds in the page's head.
    let alternateFeed: AlternateFeed

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program": return .init(program)
        case "follow": return .init(follow)
        case "alternate_feed": return .init(alternateFeed)
        default: return nil
        }
    }
}

/// A program at a glance, below its header: its calls, axes with their project cards, the
/// texts it cites, the dated timeline, the participation figures and the committee.
struct ProgramOverview: TemplateView {
    let header: ProgramHeader
    /// Every call of the program, open or not.
    let calls: [CallView]
    /// The calls open now, shown first.
    let openCalls: [OpenCallView]
    let axes: [AxisSection]
    let references: [LocalizedText]
    /// The commune the page's search box searches in.
    let searchCommune: String
    /// Projects whose axis the documents do not give.
    let unassignedProjects: [ProjectCard]
    /// Milestones, transitions, call windows and evaluations in date order (`ProgramTimeline`).
    let milestones: [TimelineItem]
    let figures: ProgramStore.ParticipationTotals?
    let committee: CommitteeView?
    let updatedOn: String?
    /// The execution page's link, once the program is adopted.
    let executionHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "calls": return calls.isEmpty ? .null : .init(calls)
        case "open_calls": return .init(openCalls)
        case "axes": return .init(axes)
        case "references": return .array(references.map { ["text": .init($0)] })
        case "search_commune": return .string(searchCommune)
        case "unassigned_projects": return .init(unassignedProjects)
        case "milestones": return .init(milestones)
        case "figures":
            guard let figures else { return .null }
            return ["participants": .init(figures.participants), "women": .init(figures.women), "associations": .init(figures.associations),
                    "equality_body_members": .init(figures.equalityBodyMembers), "proposals": .init(figures.proposals),
                    "comments": .init(figures.comments)]
        case "committee": return .init(committee)
        case "updated_on": return .init(updatedOn)
        case "execution_href": return .init(executionHref)
        default: return header.member(key)
        }
    }
}

/// An axis of the overview with the cards of its projects.
struct AxisSection: TemplateView {
    let axis: AxisLabel
    let projects: [ProjectCard]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(axis.number)
        case "title": return .init(axis.title)
        case "projects": return .init(projects)
        default: return nil
        }
    }
}

/// A co-preparation step as the timeline shows it.
struct MilestoneLine: TemplateView {
    let title: LocalizedText
    let place: LocalizedText?
    /// The date text for the `date` helper (`ProgramStore.when`).
    let when: String?
    /// The kind's label in the page's language.
    let kind: String
    let done: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "place": return .init(place)
        case "when": return .init(when)
        case "kind": return .string(kind)
        case "done": return .bool(done)
        default: return nil
        }
    }
}
