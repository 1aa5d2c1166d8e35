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

        var values: [String: TemplateValue] = [
            "version": view.version(version),
            "overview": view.overview,
            "groups": .array(view.matrixGroups),
            "has_projects": .bool(!snapshot.projects.isEmpty),
            "projects": .array(snapshot.projects.map { view.card($0) }),
            "review_href": .string(ReviewPages.route(context, period, .reviewVersion(period: period, number: number))),
        ]

        // Against the consultation draft, when this version came after it.
        if let first = reviewed.versions.first(where: \.isPublic), let consulted {
            values["consulted"] = view.version(first)
            if first.number < version.number {
                values["diff"] = DiffView(old: consulted, new: snapshot, language: language,
                                          translations: context.site.templates.translations).value
            } else {
                values["is_consulted"] = .bool(first.number == version.number)
                values["before_consulted"] = .bool(first.number > version.number)
            }
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
        values["comments"] = .array(sorted.map { .object(view.comment($0)) })
        values["comment_count"] = .int(sorted.count)

        let title = context.t("review.packet.title") + " · " + snapshot.overview.title.text(language)
            + " · " + context.fill("versions.number_n", String(version.number))
        return context.render(PageView(template: "admin/review_packet", title: title, context: values))
    }
}
