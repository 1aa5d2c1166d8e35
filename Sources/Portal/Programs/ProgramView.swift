import Templates

/// Turns a `ProgramRecord` into the typed views of its parts, in one language, with the links
/// printed by `SiteRoute`. Every program page uses these, so a project looks the same on the
/// overview, the matrix, its card and the council's review.
struct ProgramView {
    let program: ProgramRecord
    let page: PageRequest
    var language: Language { page.language }

    func route(_ sub: SiteRoute.ProgramPage) -> SiteRoute {
        .program(language, slug: program.commune.slug, period: program.period, sub)
    }

    func localized(_ value: Localized) -> LocalizedText { LocalizedText(value, language) }
    func localized(_ value: Localized?) -> LocalizedText? { value.map { LocalizedText($0, language) } }

    /// The program's header facts: title, commune, period, status, adoption, budget, links.
    var header: ProgramHeader {
        ProgramHeader(title: localized(program.title), commune: localized(program.commune.name),
                      communeHref: SiteRoute.commune(language, slug: program.commune.slug).path,
                      period: program.period, periodInferred: program.periodInferred, sourceOn: program.sourceOn,
                      status: page.t("status." + program.status), statusCode: program.status,
                      adoptionSession: localized(program.adoptionSession), adoptedOn: program.adoptedOn, decisionRef: program.decisionRef,
                      budgetCentimes: program.budgetCentimes, notes: localized(program.notes), sandbox: program.commune.isSandbox,
                      axisCount: program.axes.count, projectCount: program.projects.count, activityCount: program.activityCount,
                      overviewHref: route(.overview).path, matrixHref: route(.matrix).path, participationHref: route(.participation).path,
                      csvHref: route(.csv).path, jsonHref: route(.json).path, proposalsHref: route(.proposals).path,
                      versionsHref: route(.versions).path)
    }

    func axisLabel(_ axis: ProgramRecord.Axis) -> AxisLabel { AxisLabel(number: axis.number, title: localized(axis.title)) }

    /// An activity's cells. Where the documents give partners or dates per project and not per
    /// activity (Taroudant), the activity shows its project's, marked as coming from the project,
    /// rather than blank cells (issue 14).
    func activityRow(_ activity: ProgramRecord.Activity, in project: ProgramRecord.Project) -> ActivityRow {
        let projectPartners = project.partners.filter(\.listed).map(\.name)
        let partnersFromProject = activity.partners.isEmpty && !projectPartners.isEmpty
        let datesFromProject = activity.start == nil && activity.end == nil && (project.start != nil || project.end != nil)
        return ActivityRow(number: activity.number, title: localized(activity.title),
                           partners: (partnersFromProject ? projectPartners : activity.partners).map(localized),
                           partnersFromProject: partnersFromProject, costCentimes: activity.costCentimes,
                           costText: localized(activity.costText), funding: localized(activity.funding),
                           start: datesFromProject ? project.start : activity.start, end: datesFromProject ? project.end : activity.end,
                           datesFromProject: datesFromProject)
    }

    func card(_ project: ProgramRecord.Project) -> ProjectCard {
        ProjectCard(number: project.number, href: route(.project(project.number)).path, title: localized(project.title),
                    slogan: localized(project.slogan), axis: program.axis(of: project).map(axisLabel), duration: localized(project.duration),
                    start: project.start, end: project.end, budgetCentimes: project.budgetCentimes,
                    objectives: project.objectives.map(localized), expectedResults: project.expectedResults.map(localized),
                    followUpIndicators: project.followUpIndicators.map(localized), impactIndicators: project.impactIndicators.map(localized),
                    partners: project.partners.filter(\.listed).map { PartnerLine(name: localized($0.name), description: localized($0.description)) },
                    contributions: project.partners.compactMap { partner in
                        partner.contribution.map { ContributionLine(partner: localized(partner.name), contribution: localized($0)) }
                    },
                    activities: project.activities.map { activityRow($0, in: project) })
    }
}

/// A program's header facts as every program page shows them (title, commune, period, status,
/// adoption, budget) with the links between its pages.
struct ProgramHeader: TemplateView {
    let title: LocalizedText
    let commune: LocalizedText
    let communeHref: String
    let period: String
    /// The period is not printed in the documents: the demo loader inferred it.
    let periodInferred: Bool
    /// The date of the document the figures come from (nil when entered live).
    let sourceOn: String?
    /// The status's label in the page's language, and its code (for the badge's style).
    let status: String
    let statusCode: String
    let adoptionSession: LocalizedText?
    let adoptedOn: String?
    let decisionRef: String?
    let budgetCentimes: Int?
    let notes: LocalizedText?
    let sandbox: Bool
    let axisCount: Int
    let projectCount: Int
    let activityCount: Int
    let overviewHref: String
    let matrixHref: String
    let participationHref: String
    let csvHref: String
    let jsonHref: String
    let proposalsHref: String
    let versionsHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "commune": return .init(commune)
        case "commune_href": return .string(communeHref)
        case "period": return .string(period)
        case "period_inferred": return .bool(periodInferred)
        case "source_on": return .init(sourceOn)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "adoption_session": return .init(adoptionSession)
        case "adopted_on": return .init(adoptedOn)
        case "decision_ref": return .init(decisionRef)
        case "budget": return .init(budgetCentimes)
        case "notes": return .init(notes)
        case "sandbox": return .bool(sandbox)
        case "axis_count": return .int(axisCount)
        case "project_count": return .int(projectCount)
        case "activity_count": return .int(activityCount)
        case "overview_href": return .string(overviewHref)
        case "matrix_href": return .string(matrixHref)
        case "participation_href": return .string(participationHref)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        case "proposals_href": return .string(proposalsHref)
        case "versions_href": return .string(versionsHref)
        default: return nil
        }
    }
}

/// An axis as pages name it: "المحور 2: …" (its number and title). The one axis label: the
/// overview's sections, a project's card, the matrix's axis cells and its print headings.
struct AxisLabel: TemplateView {
    let number: Int
    let title: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        default: return nil
        }
    }
}

/// One activity's cells, as the matrix and a project card show them.
struct ActivityRow: TemplateView {
    let number: Int
    let title: LocalizedText
    let partners: [LocalizedText]
    /// The partners shown are the project's (the documents name none for the activity).
    let partnersFromProject: Bool
    let costCentimes: Int?
    /// A cost the documents give as words ("حسب الحاجة").
    let costText: LocalizedText?
    let funding: LocalizedText?
    let start: String?
    let end: String?
    /// The dates shown are the project's (the documents date only the project).
    let datesFromProject: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        case "partners": return .init(partners)
        case "partners_from_project": return .bool(partnersFromProject)
        case "cost": return .init(costCentimes)
        case "cost_text": return .init(costText)
        case "funding": return .init(funding)
        case "start": return .init(start)
        case "end": return .init(end)
        case "dates_from_project": return .bool(datesFromProject)
        default: return nil
        }
    }
}

/// A partner named on a project card, with the note the documents print beside its name.
struct PartnerLine: TemplateView {
    let name: LocalizedText
    let description: LocalizedText?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .init(name)
        case "description": return .init(description)
        default: return nil
        }
    }
}

/// What one partner brings to a project.
struct ContributionLine: TemplateView {
    let partner: LocalizedText
    let contribution: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "partner": return .init(partner)
        case "contribution": return .init(contribution)
        default: return nil
        }
    }
}

/// A project with its card (بطاقة المشروع) and its activities.
struct ProjectCard: TemplateView {
    let number: Int
    let href: String
    let title: LocalizedText
    let slogan: LocalizedText?
    let axis: AxisLabel?
    let duration: LocalizedText?
    let start: String?
    let end: String?
    let budgetCentimes: Int?
    let objectives: [LocalizedText]
    let expectedResults: [LocalizedText]
    let followUpIndicators: [LocalizedText]
    let impactIndicators: [LocalizedText]
    let partners: [PartnerLine]
    let contributions: [ContributionLine]
    let activities: [ActivityRow]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "href": return .string(href)
        case "title": return .init(title)
        case "slogan": return .init(slogan)
        case "axis": return .init(axis)
        case "duration": return .init(duration)
        case "start": return .init(start)
        case "end": return .init(end)
        case "budget": return .init(budgetCentimes)
        case "objectives": return .init(objectives)
        case "expected_results": return .init(expectedResults)
        case "follow_up_indicators": return .init(followUpIndicators)
        case "impact_indicators": return .init(impactIndicators)
        case "partners": return .init(partners)
        case "contributions": return .init(contributions)
        case "activities": return .init(activities)
        case "activity_count": return .int(activities.count)
        default: return nil
        }
    }
}
