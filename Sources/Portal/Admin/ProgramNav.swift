import Templates

/// The tabs shown on every admin page of one program, so a focal point or committee member
/// moves between the matrix, the program's details and the proposals without knowing URLs.
/// Only the tabs the person's roles open are shown. Features add their tab here.
enum ProgramNav {
    static func value(_ context: AdminContext, period: String, current: String) -> TemplateValue {
        guard let commune = context.commune else { return .null }
        let language = context.language
        var tabs: [(key: String, route: AdminRoute, roles: Set<Role>)] = [
            ("program", .commune(language, slug: commune.slug, .editor(.program(period: period))), [.focalPoint]),
            ("committee", .commune(language, slug: commune.slug, .details(.committee(period: period))), [.focalPoint]),
            ("milestones", .commune(language, slug: commune.slug, .details(.milestones(period: period))), [.focalPoint]),
            ("events", .commune(language, slug: commune.slug, .details(.events(period: period))), [.focalPoint]),
            ("partners", .commune(language, slug: commune.slug, .details(.partners(period: period))), [.focalPoint]),
            ("import", .commune(language, slug: commune.slug, .details(.importMatrix(period: period))), [.focalPoint]),
            ("calls", .commune(language, slug: commune.slug, .calls(.list(period: period))), [.focalPoint]),
            ("proposals", .commune(language, slug: commune.slug, .triage(.queue(period: period))), [.committee]),
            ("workshop", .commune(language, slug: commune.slug, .triage(.workshop(period: period))), [.committee, .focalPoint]),
            ("review", .commune(language, slug: commune.slug, .review(.review(period: period))), [.focalPoint, .committee, .council]),
            ("lifecycle", .commune(language, slug: commune.slug, .lifecycle(.overview(period: period))), [.focalPoint, .committee, .council]),
            ("execution", .commune(language, slug: commune.slug, .execution(.overview(period: period))), ExecutionRoute.readers),
            ("evaluations", .commune(language, slug: commune.slug, .evaluation(.list(period: period))), EvaluationRoute.readers),
        ]
        tabs.removeAll { !context.holds($0.roles) }
        let items: [TemplateValue] = tabs.map { tab in
            ["label": .string(context.t("admin.tab." + tab.key)), "href": .string(tab.route.path), "current": .bool(tab.key == current)]
        }
        return ["tabs": .array(items), "commune": .string(commune.name.text(language)), "period": .string(period),
                "public_href": .string(SiteRoute.program(language, slug: commune.slug, period: period, .overview).path)]
    }
}
