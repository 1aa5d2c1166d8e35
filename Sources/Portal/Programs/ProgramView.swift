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

    func text(_ value: Localized?) -> TemplateValue { value?.value(language) ?? .null }
    func texts(_ values: [Localized]) -> TemplateValue { .array(values.map { $0.value(language) }) }
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

    /// The header's keys, for the pages whose own views are not typed yet.
    var summary: [String: TemplateValue] { header.templateValue.objectValue ?? [:] }

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

    /// A project card's tree, for the pages whose own views are not typed yet.
    func project(_ project: ProgramRecord.Project) -> TemplateValue { card(project).templateValue }
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

    var templateValue: TemplateValue {
        [
            "title": .init(title), "commune": .init(commune), "commune_href": .string(communeHref),
            "period": .string(period), "period_inferred": .bool(periodInferred), "source_on": .init(sourceOn),
            "status": .string(status), "status_code": .string(statusCode),
            "adoption_session": .init(adoptionSession), "adopted_on": .init(adoptedOn), "decision_ref": .init(decisionRef),
            "budget": .init(budgetCentimes), "notes": .init(notes), "sandbox": .bool(sandbox),
            "axis_count": .int(axisCount), "project_count": .int(projectCount), "activity_count": .int(activityCount),
            "overview_href": .string(overviewHref), "matrix_href": .string(matrixHref),
            "participation_href": .string(participationHref), "csv_href": .string(csvHref), "json_href": .string(jsonHref),
            "proposals_href": .string(proposalsHref), "versions_href": .string(versionsHref),
        ]
    }
}

/// An axis as pages name it: "المحور 2: …" (its number and title). The one axis label: the
/// overview's sections, a project's card, the matrix's axis cells and its print headings.
struct AxisLabel: TemplateView {
    let number: Int
    let title: LocalizedText

    var templateValue: TemplateValue { ["number": .int(number), "title": .init(title)] }
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

    var templateValue: TemplateValue {
        [
            "number": .int(number), "title": .init(title), "partners": .init(partners),
            "partners_from_project": .bool(partnersFromProject), "cost": .init(costCentimes), "cost_text": .init(costText),
            "funding": .init(funding), "start": .init(start), "end": .init(end), "dates_from_project": .bool(datesFromProject),
        ]
    }
}

/// A partner named on a project card, with the note the documents print beside its name.
struct PartnerLine: TemplateView {
    let name: LocalizedText
    let description: LocalizedText?

    var templateValue: TemplateValue { ["name": .init(name), "description": .init(description)] }
}

/// What one partner brings to a project.
struct ContributionLine: TemplateView {
    let partner: LocalizedText
    let contribution: LocalizedText

    var templateValue: TemplateValue { ["partner": .init(partner), "contribution": .init(contribution)] }
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

    var templateValue: TemplateValue {
        [
            "number": .int(number), "href": .string(href), "title": .init(title), "slogan": .init(slogan), "axis": .init(axis),
            "duration": .init(duration), "start": .init(start), "end": .init(end), "budget": .init(budgetCentimes),
            "objectives": .init(objectives), "expected_results": .init(expectedResults),
            "follow_up_indicators": .init(followUpIndicators), "impact_indicators": .init(impactIndicators),
            "partners": .init(partners), "contributions": .init(contributions),
            "activities": .init(activities), "activity_count": .int(activities.count),
        ]
    }
}
