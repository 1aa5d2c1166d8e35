import Templates

/// Turns a `ProgramRecord` into the values templates read, in one language, with the links
/// printed by `SiteRoute`. Every program page uses these, so a project looks the same on
/// the overview, the matrix and its card.
struct ProgramView {
    let program: ProgramRecord
    let page: PageRequest
    var language: Language { page.language }

    func route(_ sub: SiteRoute.ProgramPage) -> SiteRoute {
        .program(language, slug: program.commune.slug, period: program.period, sub)
    }

    func text(_ value: Localized?) -> TemplateValue { value?.value(language) ?? .null }
    func texts(_ values: [Localized]) -> TemplateValue { .array(values.map { $0.value(language) }) }
    func money(_ centimes: Int?) -> TemplateValue { centimes.map { .int($0) } ?? .null }
    func date(_ iso: String?) -> TemplateValue { iso.map { .string($0) } ?? .null }

    /// The program's header facts: title, commune, period, status, adoption, budget, links.
    var summary: [String: TemplateValue] {
        [
            "title": text(program.title),
            "commune": text(program.commune.name),
            "commune_href": .string(SiteRoute.commune(language, slug: program.commune.slug).path),
            "period": .string(program.period),
            "period_inferred": .bool(program.periodInferred),
            "source_on": date(program.sourceOn),
            "status": .string(page.t("status." + program.status)),
            "status_code": .string(program.status),
            "adoption_session": text(program.adoptionSession),
            "adopted_on": date(program.adoptedOn),
            "decision_ref": program.decisionRef.map { .string($0) } ?? .null,
            "budget": money(program.budgetCentimes),
            "notes": text(program.notes),
            "sandbox": .bool(program.commune.isSandbox),
            "axis_count": .int(program.axes.count),
            "project_count": .int(program.projects.count),
            "activity_count": .int(program.activityCount),
            "overview_href": .string(route(.overview).path),
            "matrix_href": .string(route(.matrix).path),
            "participation_href": .string(route(.participation).path),
            "csv_href": .string(route(.csv).path),
            "json_href": .string(route(.json).path),
            "proposals_href": .string(route(.proposals).path),
            "versions_href": .string(route(.versions).path),
        ]
    }

    func axis(_ axis: ProgramRecord.Axis) -> TemplateValue {
        ["number": .int(axis.number), "title": text(axis.title)]
    }

    /// An activity's cells. Where the documents give partners or dates per project and not per
    /// activity (Taroudant), the activity shows its project's, marked as coming from the project,
    /// rather than blank cells (issue 14).
    func activity(_ activity: ProgramRecord.Activity, in project: ProgramRecord.Project) -> TemplateValue {
        let projectPartners = project.partners.filter(\.listed).map(\.name)
        let partnersFromProject = activity.partners.isEmpty && !projectPartners.isEmpty
        let datesFromProject = activity.start == nil && activity.end == nil && (project.start != nil || project.end != nil)
        return [
            "number": .int(activity.number),
            "title": text(activity.title),
            "partners": texts(partnersFromProject ? projectPartners : activity.partners),
            "partners_from_project": .bool(partnersFromProject),
            "cost": money(activity.costCentimes),
            "cost_text": text(activity.costText),
            "funding": text(activity.funding),
            "start": date(datesFromProject ? project.start : activity.start),
            "end": date(datesFromProject ? project.end : activity.end),
            "dates_from_project": .bool(datesFromProject),
        ]
    }

    func project(_ project: ProgramRecord.Project) -> TemplateValue {
        [
            "number": .int(project.number),
            "href": .string(route(.project(project.number)).path),
            "title": text(project.title),
            "slogan": text(project.slogan),
            "axis": program.axis(of: project).map(axis) ?? .null,
            "duration": text(project.duration),
            "start": date(project.start),
            "end": date(project.end),
            "budget": money(project.budgetCentimes),
            "objectives": texts(project.objectives),
            "expected_results": texts(project.expectedResults),
            "follow_up_indicators": texts(project.followUpIndicators),
            "impact_indicators": texts(project.impactIndicators),
            "partners": .array(project.partners.filter(\.listed).map { ["name": text($0.name), "description": text($0.description)] }),
            "contributions": .array(project.partners.compactMap { partner in
                partner.contribution.map { ["partner": text(partner.name), "contribution": text($0)] }
            }),
            "activities": .array(project.activities.map { activity($0, in: project) }),
            "activity_count": .int(project.activities.count),
        ]
    }
}
