import Foundation
import HTTP
import SQLite
import Templates

/// A project card (بطاقة المشروع): what the project is for, what it should change, who takes
/// part and with what, how it is followed, then its activities as in the matrix. Reached from
/// the matrix's project cells; previous/next links let a reader go through the cards in order.
enum ProjectPage {
    static func load(_ db: Connection, slug: String, period: String, number: Int, now: Date, page: PageRequest) throws -> PageView {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        guard let position = program.projects.firstIndex(where: { $0.number == number }) else { throw PageError(.notFound, message: "error.404.project") }
        let project = program.projects[position]
        let view = ProgramView(program: program, page: page)

        // Lists of the card, each shown only when the documents give it.
        let lists: [(id: String, key: String, items: [Localized])] = [
            ("objectives", "project.objectives", project.objectives),
            ("results", "project.expected_results", project.expectedResults),
            ("follow-up", "project.follow_up_indicators", project.followUpIndicators),
            ("impact", "project.impact_indicators", project.impactIndicators),
        ]
        func neighbour(_ at: Int) -> ProjectLink? {
            guard program.projects.indices.contains(at) else { return nil }
            let other = program.projects[at]
            return ProjectLink(number: other.number, title: view.localized(other.title), href: view.route(.project(other.number)).path)
        }
        // The citizens' ideas the commune folded into this project, and whether the draft is
        // open to comments now (then each card invites an observation card).
        let folded = try ProgramStore.integratedIdeas(db, programID: program.id, projectID: project.id, at: Call.utcText(now))
        let card = ProjectPageView(
            summary: view.header, project: view.card(project),
            sections: lists.filter { !$0.items.isEmpty }.map {
                CardSection(id: "project-" + $0.id, heading: page.t($0.key), items: $0.items.map(view.localized))
            },
            hasPartners: project.partners.contains(where: \.listed),
            hasContributions: project.partners.contains { $0.contribution != nil },
            previous: neighbour(position - 1), next: neighbour(position + 1),
            ideas: folded.ideas.map {
                FoldedIdea(title: $0.title, name: $0.shownName, href: SiteRoute.proposal(page.language, code: $0.trackingCode).path)
            },
            observationHref: folded.commentsOpen ? view.route(.newObservation(project.number)).path : nil,
            updatedOn: try ProgramStore.lastUpdatedDay(db, programID: program.id),
            execution: try ProjectExecution.view(db, program: program, project: project, page: page))
        return PageView(template: "pages/project",
                        title: page.t("project.label") + " \(project.number) · " + project.title.text(page.language), view: card)
    }
}

/// A project card's page: the program's header, the card, its lists, its neighbours, the ideas
/// folded into it and its execution once recorded.
struct ProjectPageView: TemplateView {
    let summary: ProgramHeader
    let project: ProjectCard
    let sections: [CardSection]
    let hasPartners: Bool
    let hasContributions: Bool
    let previous: ProjectLink?
    let next: ProjectLink?
    let ideas: [FoldedIdea]
    /// The observation form's link while the draft is open to comments.
    let observationHref: String?
    let updatedOn: String?
    /// The project's execution (`ProjectExecution`), once the program is adopted.
    let execution: ProjectExecutionView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "summary": return .init(summary)
        case "project": return .init(project)
        case "sections": return .init(sections)
        case "has_partners": return .bool(hasPartners)
        case "has_contributions": return .bool(hasContributions)
        case "has_activities": return .bool(!project.activities.isEmpty)
        case "previous": return .init(previous)
        case "next": return .init(next)
        case "proposals": return .init(ideas)
        case "has_proposals": return .bool(!ideas.isEmpty)
        case "observation_href": return .init(observationHref)
        case "updated_on": return .init(updatedOn)
        case "execution": return .init(execution)
        default: return nil
        }
    }
}

/// One list of a project card (objectives, expected results, indicators) under its heading.
struct CardSection: TemplateView {
    let id: String
    let heading: String
    let items: [LocalizedText]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .string(id)
        case "heading": return .string(heading)
        case "items": return .init(items)
        default: return nil
        }
    }
}

/// The previous or next project card.
struct ProjectLink: TemplateView {
    let number: Int
    let title: LocalizedText
    let href: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        case "href": return .string(href)
        default: return nil
        }
    }
}

/// A citizen's idea folded into the project, linked to its public tracking page.
struct FoldedIdea: TemplateView {
    let title: String
    /// The author's name when they chose to show it.
    let name: String?
    let href: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .string(title)
        case "name": return .init(name)
        case "href": return .string(href)
        default: return nil
        }
    }
}
