/// Every URL of Infitah, as one value: `Site` parses each request's path into a `Route` once and
/// sends each case to its owner. Read from here to find any page:
///
/// - `/static/…` and `/favicon.ico`: the files of `Public/` (`StaticFiles`).
/// - `SiteRoute` (App/SiteRoute.swift): the public pages, open data and feeds — with
///   `SiteRoute.ProgramPage` (one program's pages, files and feed, same file) and
///   `SiteRoute.CitizenPage` (Following/CitizenRoute.swift: tracking codes, erasure, terms, mail links).
/// - `AdminRoute` (Admin/AdminRoute.swift): the admin area's own pages, and its areas, each in its
///   feature's folder — one commune's (`EditorRoute`, `DetailsRoute`, `TriageRoute`, `LifecycleRoute`,
///   `ReviewRoute`, `CallRoute`, `ExecutionRoute`, `EvaluationRoute`) and the network's
///   (`PeopleRoute`, `AuditRoute`, `MailRoute`).
///
/// Each type declares its URLs once, in a table of `RouteForm`s (App/RouteForm.swift) that both
/// parses and prints, and mounts the tables under it; so `Route.forms` holds every URL, and
/// `Tests/PortalTests/Snapshots/routes/urls.txt` lists them with their methods and who may open them.
enum Route: RouteTable {
    /// `/static/{file}`: a stylesheet or an icon, fingerprinted or not (`StaticFiles` answers,
    /// 404 and 405 included).
    case asset(String)
    /// `/favicon.ico`: the icon browsers ask for by that name (`Public/favicon.svg`).
    case favicon
    /// A public page, file or feed.
    case site(SiteRoute)
    /// A page of the admin area (under `/admin`).
    case admin(AdminRoute)

    static let forms: [RouteForm<Route>] = [
        RouteForm("/static/{file}", .file, build: { .asset($0) }, read: { if case .asset(let file) = $0 { file } else { nil } }),
        RouteForm("/favicon.ico", .favicon),
    ] + RouteForm.mount("", forms: SiteRoute.forms, build: { .site($0) }, read: { if case .site(let route) = $0 { route } else { nil } })
      + RouteForm.mount("", forms: AdminRoute.forms, build: { .admin($0) }, read: { if case .admin(let route) = $0 { route } else { nil } })
}
