import HTTP
import SQLite
import Templates

/// The printable review packet of one version (A4), what council members take into the
/// October session: the program's overview, the matrix (printed landscape), each project card,
/// what changed since the draft citizens were consulted on, and the remarks still open. One
/// HTML document printed with the browser's own print command (no script: the CSP forbids
/// inline script, and printing needs none); its page rules live in app.css.
enum ReviewPacket {
    static func page(_ context: AdminContext, period: String, number: Int) throws -> Outcome {
        let language = context.language
        let (reviewed, consulted): (ReviewPages.Reviewed, ProgramSnapshot?) = try context.database.read { db in
            let reviewed = try ReviewPages.load(db, context, period: period, number: number)
            // The consultation draft: the program's first public version.
            let first = reviewed.versions.first(where: \.isPublic)
            return (reviewed, try first.map { try VersionStore.load(db, versionID: $0.id) })
        }
        guard let version = reviewed.version, let snapshot = reviewed.snapshot else { throw PageError.notFound }
        let view = ReviewView(context: context, snapshot: snapshot, versions: reviewed.versions, period: period)

        // Against the consultation draft, when this version came after it.
        let first = reviewed.versions.first(where: \.isPublic)
        var against: ReviewPacketView.Against? = nil
        if let first, let consulted {
            against = ReviewPacketView.Against(
                version: view.version(first),
                diff: first.number < version.number
                    ? DiffView(old: consulted, new: snapshot, language: language, translations: context.site.templates.translations).view : nil,
                isConsulted: first.number == version.number)
        }

        // The remarks still open on this version and the ones before it: the whole program's
        // first, then project by project in this version's order.
        let open = reviewed.comments.filter { $0.isOpen && $0.versionNumber <= version.number }
        let order = Dictionary(snapshot.projects.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = open.enumerated().sorted { a, b in
            let ka = a.element.projectNumber.map { order[$0] ?? Int.max - 1 } ?? -1
            let kb = b.element.projectNumber.map { order[$0] ?? Int.max - 1 } ?? -1
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
        let packet = ReviewPacketView(
            version: view.version(version), overview: view.overview, groups: view.matrixGroups, projects: snapshot.projects.map(view.card),
            reviewHref: ReviewPages.route(context, period, .reviewVersion(period: period, number: number)),
            against: against, comments: sorted.map(view.comment))

        let title = context.t("review.packet.title") + " · " + snapshot.overview.title.text(language)
            + " · " + context.fill("versions.number_n", String(version.number))
        return context.render(PageView(template: "admin/review_packet", title: title, view: packet))
    }
}

/// The packet: the version's facts and overview, its matrix and project cards, the changes
/// since the consultation draft, and the remarks still open.
struct ReviewPacketView: TemplateView {
    /// The consultation draft the version is set against, and what changed since, when it came after it.
    struct Against {
        let version: ReviewVersion
        /// Nil unless the version came after the draft.
        let diff: ProgramDiffView?
        /// The version is the draft itself (else, when there is no diff, it came before).
        let isConsulted: Bool
    }

    let version: ReviewVersion
    let overview: ProgramHeader
    let groups: [ReviewMatrixGroup]
    let projects: [ReviewCard]
    let reviewHref: String
    /// Nil when no public version exists yet (no key at all then).
    let against: Against?
    let comments: [ReviewCommentView]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "version": return .init(version)
        case "overview": return .init(overview)
        case "groups": return .init(groups)
        case "has_projects": return .bool(!projects.isEmpty)
        case "projects": return .init(projects)
        case "review_href": return .string(reviewHref)
        case "consulted": return against.map { .init($0.version) }
        case "diff": return against?.diff.map { .init($0) }
        case "is_consulted", "before_consulted":
            guard let against, against.diff == nil else { return nil }
            return .bool(key == "is_consulted" ? against.isConsulted : !against.isConsulted)
        case "comments": return .init(comments)
        case "comment_count": return .int(comments.count)
        default: return nil
        }
    }
}
