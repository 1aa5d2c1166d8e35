import Foundation
import HTTP
import SQLite
import Templates

/// The public pages of a program's frozen versions: the list (what was frozen, when, in
/// which state), the comparison of two of them, and each one as CSV/JSON. Only versions
/// marked public exist here; the others answer 404 as if they did not exist, because they
/// belong to the admin area. A fixed number of queries whatever the program holds: the
/// program (1), its versions (1), and one per compared or downloaded snapshot.
enum VersionPages {
    /// The few facts of a program the version pages show around the versions.
    struct Program {
        var id: Int
        var slug: String
        var period: String
        var title: Localized
        var commune: Localized
    }

    /// The program of commune `slug` for `period`, or 404.
    static func program(_ db: Connection, slug: String, period: String) throws -> Program {
        try VersionStore.program(db, slug: slug, period: period)
    }

    /// The versions the public may see, oldest first.
    static func publicVersions(_ db: Connection, programID: Int) throws -> [ProgramVersions.Version] {
        try VersionStore.list(db, programID: programID).filter(\.isPublic)
    }

    /// Public version `number` of a program with its snapshot, or 404.
    static func publicSnapshot(_ db: Connection, slug: String, period: String, number: Int) throws -> ProgramSnapshot {
        let program = try program(db, slug: slug, period: period)
        guard let version = try publicVersions(db, programID: program.id).first(where: { $0.number == number }) else {
            throw PageError.notFound
        }
        return try VersionStore.load(db, versionID: version.id)
    }

    // MARK: - The list

    static func list(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> PageView {
        let program = try program(db, slug: slug, period: period)
        let versions = try publicVersions(db, programID: program.id)
        let language = page.language
        func route(_ sub: SiteRoute.ProgramPage) -> String { SiteRoute.program(language, slug: slug, period: period, sub).path }
        let compare = route(.compareVersions)
        let rows = versions.enumerated().map { index, version -> TemplateValue in
            let previous = index > 0 ? versions[index - 1].number : nil
            return [
                "number": .int(version.number),
                "label": version.label.value(language),
                "state": .string(page.t("status." + version.state)),
                "effective_on": .string(version.shownDate),
                "frozen_on": .string(String(version.frozenAt.prefix(10))),
                "csv_href": .string(route(.versionCSV(version.number))),
                "json_href": .string(route(.versionJSON(version.number))),
                "compare_href": previous.map { .string(compare + "?from=\($0)&to=\(version.number)") } ?? .null,
                "previous": previous.map { .int($0) } ?? .null,
            ]
        }
        var context = header(program, page)
        context["versions"] = .array(rows)
        context["compare_href"] = versions.count > 1 ? .string(compare) : .null
        return PageView(template: "pages/versions", title: page.t("versions.title") + " · " + program.title.text(language),
                        context: ["program": .object(context)])
    }

    /// What every version page shows above its content: title, commune, links back.
    static func header(_ program: Program, _ page: PageRequest) -> [String: TemplateValue] {
        let language = page.language
        return [
            "title": program.title.value(language),
            "commune": program.commune.value(language),
            "period": .string(program.period),
            "commune_href": .string(SiteRoute.commune(language, slug: program.slug).path),
            "overview_href": .string(SiteRoute.program(language, slug: program.slug, period: program.period, .overview).path),
            "versions_href": .string(SiteRoute.program(language, slug: program.slug, period: program.period, .versions).path),
            "compare_action": .string(SiteRoute.program(language, slug: program.slug, period: program.period, .compareVersions).path),
        ]
    }

    // MARK: - The comparison

    /// Why two versions cannot be compared as asked, with the status it answers and the
    /// sentence that tells the reader what to do instead.
    struct Refusal: Error {
        var status: HTTPStatus
        var message: String
    }

    /// The versions to compare: `from` and `to` from the query when given (each a public
    /// version number), otherwise the consultation draft (the first public version) against
    /// the latest public version.
    static func chosen(_ query: [(name: String, value: String)], among versions: [ProgramVersions.Version],
                       page: PageRequest) throws -> (from: ProgramVersions.Version, to: ProgramVersions.Version)? {
        func pick(_ name: String, default fallback: ProgramVersions.Version?) throws -> ProgramVersions.Version? {
            guard let text = query.first(where: { $0.name == name })?.value, !text.isEmpty else { return fallback }
            guard let number = Int(text), number > 0, String(number) == text else {
                throw Refusal(status: .badRequest, message: page.t("versions.error.not_number"))
            }
            guard let version = versions.first(where: { $0.number == number }) else {
                throw Refusal(status: .notFound, message: page.fill("versions.error.unknown", text))
            }
            return version
        }
        let from = try pick("from", default: versions.first), to = try pick("to", default: versions.last)
        guard let from, let to else { return nil }
        let asked = query.contains { $0.name == "from" || $0.name == "to" }
        if from.number == to.number {
            // Nothing asked and only one version: not an error, just nothing to compare yet.
            if !asked { return nil }
            throw Refusal(status: .badRequest, message: page.t("versions.error.same"))
        }
        return (from, to)
    }

    /// The comparison page and the status it answers with (400/404 when the query names
    /// versions that cannot be compared; the page then says why and offers the choice again).
    /// Staff compare private versions too (`includePrivate`), from the admin area's own page (`action`).
    static func compare(_ db: Connection, slug: String, period: String, query: [(name: String, value: String)],
                        page: PageRequest, includePrivate: Bool = false, action: String? = nil) throws -> (PageView, HTTPStatus) {
        let program = try program(db, slug: slug, period: period)
        let versions = includePrivate ? try VersionStore.list(db, programID: program.id) : try publicVersions(db, programID: program.id)
        let language = page.language
        var context = header(program, page)
        if let action { context["compare_action"] = .string(action) }
        context["options"] = .array(versions.map { ["number": .int($0.number), "label": $0.label.value(language)] })
        let title = page.t("versions.compare_title") + " · " + program.title.text(language)
        var status = HTTPStatus.ok
        var switchQuery = ""
        do {
            if let (from, to) = try chosen(query, among: versions, page: page) {
                let old = try VersionStore.load(db, versionID: from.id), new = try VersionStore.load(db, versionID: to.id)
                context["from"] = version(from, language)
                context["to"] = version(to, language)
                context["options"] = .array(versions.map {
                    ["number": .int($0.number), "label": $0.label.value(language),
                     "is_from": .bool($0.number == from.number), "is_to": .bool($0.number == to.number)]
                })
                context["diff"] = DiffView(old: old, new: new, language: language, translations: page.translations).value
                // The language switch shows the same two versions.
                switchQuery = "?from=\(from.number)&to=\(to.number)"
            } else if versions.isEmpty {
                throw PageError.notFound
            } else {
                context["only_one"] = true
            }
        } catch let refusal as Refusal {
            status = refusal.status
            context["error"] = .string(refusal.message)
        }
        var view = PageView(template: "pages/versions_compare", title: title, context: ["program": .object(context)])
        view.switchQuery = switchQuery
        return (view, status)
    }

    static func version(_ version: ProgramVersions.Version, _ language: Language) -> TemplateValue {
        ["number": .int(version.number), "label": version.label.value(language),
         "frozen_on": .string(version.shownDate)]
    }
}

extension VersionPages {
    /// GET `.../versions/compare`: the comparison page, with the status its loader chose; a
    /// refused comparison (422) is kept by no one.
    static func comparison(_ context: RequestContext, slug: String, period: String) throws -> Outcome {
        let page = context.page, query = context.request.query
        let (view, status) = try context.read { try compare($0, slug: slug, period: period, query: query, page: page) }
        return status == .ok ? .page(view) : .unstored(view, status: status)
    }
}

extension ProgramExport {
    /// Public version `number` as the same CSV the live program gives.
    static func versionCSV(_ db: Connection, slug: String, period: String, number: Int, page: PageRequest) throws -> HTTPResponse {
        let snapshot = try VersionPages.publicSnapshot(db, slug: slug, period: period, number: number)
        return csvResponse(ProgramRecord(snapshot: snapshot), page.language, name: "-v\(number)")
    }

    /// Public version `number` as the same JSON the live program gives.
    static func versionJSON(_ db: Connection, slug: String, period: String, number: Int) throws -> HTTPResponse {
        try jsonResponse(ProgramRecord(snapshot: try VersionPages.publicSnapshot(db, slug: slug, period: period, number: number)))
    }
}

extension ProgramRecord {
    /// The record of a frozen program, so every export of the live program works on a version
    /// too. The snapshot keeps what the program's own pages show; the commune's region and
    /// province, which no export carries, are left out.
    init(snapshot: ProgramSnapshot) {
        let overview = snapshot.overview
        self.init(
            id: snapshot.programID,
            commune: Commune(id: snapshot.commune.id, slug: snapshot.commune.slug, name: snapshot.commune.name,
                             region: nil, province: nil, isSandbox: false),
            period: overview.period, title: overview.title, status: overview.status,
            adoptionSession: overview.adoptionSession, adoptedOn: overview.adoptedOn, decisionRef: overview.decisionRef,
            totalBudgetCentimes: overview.totalBudgetCentimes, notes: overview.notes,
            axes: snapshot.axes, projects: snapshot.projects,
            sourceOn: overview.sourceOn, periodInferred: overview.periodInferred ?? false)
    }
}
