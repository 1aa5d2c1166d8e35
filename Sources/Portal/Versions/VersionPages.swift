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
        let rows = versions.enumerated().map { index, version in
            let previous = index > 0 ? versions[index - 1].number : nil
            return VersionRow(
                number: version.number,
                label: LocalizedText(version.label, language),
                state: page.t("status." + version.state),
                effectiveOn: version.shownDate,
                frozenOn: String(version.frozenAt.prefix(10)),
                csvHref: route(.versionCSV(version.number)),
                jsonHref: route(.versionJSON(version.number)),
                compareHref: previous.map { compare + "?from=\($0)&to=\(version.number)" },
                previous: previous)
        }
        let list = VersionListView(header: header(program, page), versions: rows, compareHref: versions.count > 1 ? compare : nil)
        return PageView(template: "pages/versions", title: page.t("versions.title") + " · " + program.title.text(language),
                        view: VersionPageView(program: list))
    }

    /// What every version page shows above its content: title, commune, links back.
    static func header(_ program: Program, _ page: PageRequest) -> VersionHeader {
        let language = page.language
        return VersionHeader(
            title: LocalizedText(program.title, language),
            commune: LocalizedText(program.commune, language),
            period: program.period,
            communeHref: SiteRoute.commune(language, slug: program.slug).path,
            overviewHref: SiteRoute.program(language, slug: program.slug, period: program.period, .overview).path,
            versionsHref: SiteRoute.program(language, slug: program.slug, period: program.period, .versions).path,
            compareAction: SiteRoute.program(language, slug: program.slug, period: program.period, .compareVersions).path)
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
        var context = VersionCompareView(header: header(program, page))
        if let action { context.header.compareAction = action }
        context.options = versions.map { VersionOption(number: $0.number, label: LocalizedText($0.label, language), isFrom: nil, isTo: nil) }
        let title = page.t("versions.compare_title") + " · " + program.title.text(language)
        var status = HTTPStatus.ok
        var switchQuery = ""
        do {
            if let (from, to) = try chosen(query, among: versions, page: page) {
                let old = try VersionStore.load(db, versionID: from.id), new = try VersionStore.load(db, versionID: to.id)
                context.from = version(from, language)
                context.to = version(to, language)
                context.options = versions.map {
                    VersionOption(number: $0.number, label: LocalizedText($0.label, language),
                                  isFrom: $0.number == from.number, isTo: $0.number == to.number)
                }
                context.diff = DiffView(old: old, new: new, language: language, translations: page.translations).view
                // The language switch shows the same two versions.
                switchQuery = "?from=\(from.number)&to=\(to.number)"
            } else if versions.isEmpty {
                throw PageError.notFound
            } else {
                context.onlyOne = true
            }
        } catch let refusal as Refusal {
            status = refusal.status
            context.error = refusal.message
        }
        var view = PageView(template: "pages/versions_compare", title: title, view: VersionPageView(program: context))
        view.switchQuery = switchQuery
        return (view, status)
    }

    static func version(_ version: ProgramVersions.Version, _ language: Language) -> ComparedVersion {
        ComparedVersion(number: version.number, label: LocalizedText(version.label, language), frozenOn: version.shownDate)
    }
}

/// A version page: everything is under `program`.
struct VersionPageView<Program: TemplateView>: TemplateView {
    let program: Program

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program": return .init(program)
        default: return nil
        }
    }
}

/// What every version page shows above its content: the program's title, its commune, links back.
struct VersionHeader: TemplateView {
    let title: LocalizedText
    let commune: LocalizedText
    let period: String
    let communeHref: String
    let overviewHref: String
    let versionsHref: String
    /// Where the choice of two versions is sent (the admin area's own page for staff).
    var compareAction: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        case "commune": return .init(commune)
        case "period": return .string(period)
        case "commune_href": return .string(communeHref)
        case "overview_href": return .string(overviewHref)
        case "versions_href": return .string(versionsHref)
        case "compare_action": return .string(compareAction)
        default: return nil
        }
    }
}

/// The list of a program's public versions, oldest first.
struct VersionListView: TemplateView {
    let header: VersionHeader
    let versions: [VersionRow]
    /// The comparison page, once there are two versions to compare.
    let compareHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "versions": return .init(versions)
        case "compare_href": return .init(compareHref)
        default: return header.member(key)
        }
    }
}

/// One version in the list: what was frozen, when, in which state, and its files.
struct VersionRow: TemplateView {
    let number: Int
    let label: LocalizedText
    /// The program's state when frozen, in the page's language.
    let state: String
    /// The date the version took effect, as shown.
    let effectiveOn: String
    /// The day it was frozen.
    let frozenOn: String
    let csvHref: String
    let jsonHref: String
    /// Its comparison with the version before; nil for the first.
    let compareHref: String?
    /// The number of the version before.
    let previous: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "label": return .init(label)
        case "state": return .string(state)
        case "effective_on": return .string(effectiveOn)
        case "frozen_on": return .string(frozenOn)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        case "compare_href": return .init(compareHref)
        case "previous": return .init(previous)
        default: return nil
        }
    }
}

/// The comparison of two versions: the choice of versions, then the difference, or why there
/// is none (only one version, or a refused choice). The keys of a comparison not made are absent.
struct VersionCompareView: TemplateView {
    var header: VersionHeader
    var options: [VersionOption] = []
    var from: ComparedVersion?
    var to: ComparedVersion?
    var diff: ProgramDiffView?
    /// The program has a single version: nothing to compare yet.
    var onlyOne = false
    /// Why the versions asked cannot be compared.
    var error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "options": return .init(options)
        case "from": return from.map { .init($0) }
        case "to": return to.map { .init($0) }
        case "diff": return diff.map { .init($0) }
        case "only_one": return onlyOne ? .bool(true) : nil
        case "error": return error.map { .string($0) }
        default: return header.member(key)
        }
    }
}

/// A version among the choices, marked when it is one of the two compared (no marks before a
/// comparison is made).
struct VersionOption: TemplateView {
    let number: Int
    let label: LocalizedText
    let isFrom: Bool?
    let isTo: Bool?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "label": return .init(label)
        case "is_from": return isFrom.map { .bool($0) }
        case "is_to": return isTo.map { .bool($0) }
        default: return nil
        }
    }
}

/// One of the two versions compared.
struct ComparedVersion: TemplateView {
    let number: Int
    let label: LocalizedText
    /// The date the version took effect, as shown.
    let frozenOn: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "label": return .init(label)
        case "frozen_on": return .string(frozenOn)
        default: return nil
        }
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
