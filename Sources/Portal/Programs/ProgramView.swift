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

    func activity(_ activity: ProgramRecord.Activity) -> TemplateValue {
        [
            "number": .int(activity.number),
            "title": text(activity.title),
            "partners": texts(activity.partners),
            "cost": money(activity.costCentimes),
            "cost_text": text(activity.costText),
            "funding": text(activity.funding),
            "start": date(activity.start),
            "end": date(activity.end),
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
            "partners": .array(project.partners.filter(\.listed).map { ["name": text($0.name)] }),
            "contributions": .array(project.partners.compactMap { partner in
                partner.contribution.map { ["partner": text(partner.name), "contribution": text($0)] }
            }),
            "activities": .array(project.activities.map(activity)),
            "activity_count": .int(project.activities.count),
        ]
    }
}
