import Templates

/// The tabs shown on every admin page of one program, so a focal point or committee member
/// moves between the matrix, the program's details and the proposals without knowing URLs.
/// Only the tabs the person's roles open are shown. Features add their tab here.
enum ProgramNav {
    /// The tabs the person's roles open, or nil outside a commune.
    static func view(_ context: AdminContext, period: String, current: String) -> ProgramNavView? {
        guard let commune = context.commune else { return nil }
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
        return ProgramNavView(
            tabs: tabs.map { ProgramNavView.Tab(label: context.t("admin.tab." + $0.key), href: $0.route.path, current: $0.key == current) },
            commune: commune.name.text(language), period: period,
            publicHref: SiteRoute.program(language, slug: commune.slug, period: period, .overview).path)
    }
}

/// What `partials/admin_program_nav` shows: where the person is, and the program's tabs.
struct ProgramNavView: TemplateView {
    /// A tab, marked when it is the page shown.
    struct Tab: TemplateView {
        let label: String
        let href: String
        let current: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return .string(label)
            case "href": return .string(href)
            case "current": return .bool(current)
            default: return nil
            }
        }
    }

    let tabs: [Tab]
    let commune: String
    let period: String
    /// The program's public page.
    let publicHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "tabs": return .init(tabs)
        case "commune": return .string(commune)
        case "period": return .string(period)
        case "public_href": return .string(publicHref)
        default: return nil
        }
    }
}
