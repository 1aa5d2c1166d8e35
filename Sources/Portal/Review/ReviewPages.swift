import Foundation
import HTTP
import SQLite
import Templates

/// The review page of one frozen version: the program's projects as that version froze them,
/// each with the remarks written on it and a box for a new one, plus remarks on the whole
/// program. Council and committee members write; the focal point and the committee say in
/// which later version, and how, a remark was taken into account (or open it again). Nothing
/// here is public: the page is only reached through the admin dispatcher, for the commune's
/// council, committee and focal points. Each change is one write with its audit entry; a
/// refused one shows the page again (422) with the message beside its field and the text kept.
enum ReviewPages {
    static func handle(_ route: ReviewRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .review(let period): return try page(context, period: period, number: nil, forms: Forms())
        case .reviewVersion(let period, let number): return try page(context, period: period, number: number, forms: Forms())
        case .packet(let period, let number): return try ReviewPacket.page(context, period: period, number: number)
        case .comment(let period, let number): return try comment(context, period: period, number: number)
        case .addressComment(let period, let number, let id): return try address(context, period: period, number: number, id: id)
        case .reopenComment(let period, let number, let id): return try reopen(context, period: period, number: number, id: id)
        }
    }

    /// What was typed in a refused form (catalog keys for the errors), to show it again.
    struct Forms {
        /// The comment box that was sent: its project (nil for the whole program), its text, its error.
        var comment: (project: Int?, body: String, error: String)?
        /// The address form of one comment: the chosen version, the note, errors by field.
        var address: (id: Int, version: String, note: String, errors: [String: String])?
    }

    // MARK: - Loading

    /// A program's versions, the one under review with its snapshot, and the program's comments.
    struct Reviewed {
        var programID: Int
        var communeID: Int
        var versions: [ProgramVersions.Version]
        var version: ProgramVersions.Version?
        var snapshot: ProgramSnapshot?
        var comments: [ReviewComment]

        /// The versions frozen after the one under review (where a remark can be addressed).
        var later: [ProgramVersions.Version] {
            guard let version else { return [] }
            return versions.filter { $0.number > version.number }
        }
    }

    /// Version `number` (the latest when nil) of the program of this commune for `period`;
    /// 404 when the program or the asked version does not exist.
    static func load(_ db: Connection, _ context: AdminContext, period: String, number: Int?) throws -> Reviewed {
        guard let commune = context.commune,
              let programID = try ReviewStore.programID(db, communeID: commune.id, period: period)
        else { throw PageError.notFound }
        let versions = try VersionStore.list(db, programID: programID)
        let version = number.map { n in versions.first { $0.number == n } } ?? versions.last
        if number != nil && version == nil { throw PageError.notFound }
        return Reviewed(programID: programID, communeID: commune.id, versions: versions, version: version,
                        snapshot: try version.map { try VersionStore.load(db, versionID: $0.id) },
                        comments: try ReviewStore.list(db, programID: programID))
    }

    // MARK: - Changes

    private static func comment(_ context: AdminContext, period: String, number: Int) throws -> Outcome {
        let reviewed = try context.database.read { try load($0, context, period: period, number: number) }
        guard let version = reviewed.version, let snapshot = reviewed.snapshot else { throw PageError.notFound }
        let projectText = context.field("project"), body = context.field("body")
        // The box names its project; anything else than a project of this version is not a box of the page.
        var project: Int? = nil
        if !projectText.isEmpty {
            guard let n = Int(projectText), snapshot.projects.contains(where: { $0.number == n }) else {
                return try page(context, period: period, number: number, forms: Forms(comment: (nil, body, "review.error.project")),
                                status: .unprocessableContent)
            }
            project = n
        }
        var error: String? = nil
        if body.isEmpty { error = "review.error.body" } else if body.count > ReviewStore.bodyMax { error = "review.error.too_long" }
        if let error {
            return try page(context, period: period, number: number, forms: Forms(comment: (project, body, error)),
                            status: .unprocessableContent)
        }
        try context.database.write { db in
            try ReviewStore.add(db, programID: reviewed.programID, communeID: reviewed.communeID, version: version,
                                   projectNumber: project, body: body, audit: context.audit)
        }
        return context.redirect(to: reviewRoute(context, period: period, number: number), notice: "notice.review.commented")
    }

    private static func address(_ context: AdminContext, period: String, number: Int, id: Int) throws -> Outcome {
        let reviewed = try context.database.read { try load($0, context, period: period, number: number) }
        guard let comment = reviewed.comments.first(where: { $0.id == id }) else { throw PageError.notFound }
        let versionText = context.field("version"), note = context.field("note")
        // The later versions are counted from the version the comment was written on.
        let later = reviewed.versions.filter { $0.number > comment.versionNumber }
        var errors: [String: String] = [:]
        var chosen: ProgramVersions.Version? = nil
        if later.isEmpty {
            errors["version"] = "review.error.no_later"
        } else if let n = Int(versionText), let version = later.first(where: { $0.number == n }) {
            chosen = version
        } else {
            errors["version"] = "review.error.version"
        }
        if note.isEmpty { errors["note"] = "review.error.note" } else if note.count > ReviewStore.noteMax { errors["note"] = "review.error.too_long" }
        guard errors.isEmpty, let chosen else {
            return try page(context, period: period, number: number,
                            forms: Forms(address: (id, versionText, note, errors)), status: .unprocessableContent)
        }
        try context.database.write { db in
            try ReviewStore.address(db, comment, programID: reviewed.programID, communeID: reviewed.communeID,
                                       in: chosen, note: note, audit: context.audit)
        }
        return context.redirect(to: reviewRoute(context, period: period, number: number), notice: "notice.review.addressed")
    }

    private static func reopen(_ context: AdminContext, period: String, number: Int, id: Int) throws -> Outcome {
        let reviewed = try context.database.read { try load($0, context, period: period, number: number) }
        guard let comment = reviewed.comments.first(where: { $0.id == id }) else { throw PageError.notFound }
        try context.database.write { db in
            try ReviewStore.reopen(db, comment, programID: reviewed.programID, communeID: reviewed.communeID, audit: context.audit)
        }
        return context.redirect(to: reviewRoute(context, period: period, number: number), notice: "notice.review.reopened")
    }

    static func reviewRoute(_ context: AdminContext, period: String, number: Int) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .review(.reviewVersion(period: period, number: number)))
    }

    // MARK: - The page

    private static func page(_ context: AdminContext, period: String, number: Int?, forms: Forms,
                             status: HTTPStatus = .ok) throws -> Outcome {
        let reviewed = try context.database.read { try load($0, context, period: period, number: number) }
        let language = context.language
        var values: [String: TemplateValue] = [
            "program_nav": ProgramNav.value(context, period: period, current: "review"),
            "period": .string(period),
        ]
        guard let version = reviewed.version, let snapshot = reviewed.snapshot else {
            values["no_version"] = true
            return context.render(PageView(template: "admin/review_page", title: context.t("review.title"), context: values),
                                      status: status)
        }
        let view = ReviewView(context: context, snapshot: snapshot, versions: reviewed.versions, period: period)
        let mayComment = context.holds([.council, .committee]), mayAddress = context.holds([.focalPoint, .committee])
        let mine = reviewed.comments.filter { $0.versionID == version.id }

        func error(_ key: String?, limit: Int) -> TemplateValue {
            guard let key else { return .null }
            return .string(key == "review.error.too_long" ? context.t(key, count: limit) : context.t(key))
        }
        func commentValue(_ comment: ReviewComment) -> TemplateValue {
            var value = view.comment(comment)
            guard mayAddress else { return .object(value) }
            if comment.isOpen {
                let later = reviewed.versions.filter { $0.number > comment.versionNumber }
                let typed = forms.address?.id == comment.id ? forms.address : nil
                let chosen = typed?.version ?? later.first.map { String($0.number) } ?? ""
                value["address_form"] = [
                    "id": .int(comment.id),
                    "action": .string(route(context, period, .addressComment(period: period, number: version.number, id: comment.id))),
                    "has_later": .bool(!later.isEmpty),
                    "options": .array(later.map { other in
                        ["value": .int(other.number),
                         "label": .string(context.fill("versions.number_n", String(other.number))
                                          + " — " + other.label.text(language)),
                         "selected": .bool(chosen == String(other.number))]
                    }),
                    "note": .string(typed?.note ?? ""),
                    "note_max": .int(ReviewStore.noteMax),
                    "version_error": error(typed?.errors["version"], limit: 0),
                    "note_error": error(typed?.errors["note"], limit: ReviewStore.noteMax),
                ]
            } else {
                value["reopen_action"] = .string(route(context, period, .reopenComment(period: period, number: version.number, id: comment.id)))
            }
            return .object(value)
        }
        func box(_ project: Int?) -> TemplateValue {
            guard mayComment else { return .null }
            let typed = forms.comment.flatMap { $0.project == project ? $0 : nil }
            let key = project.map { "p\($0)" } ?? "general"
            return ["id": .string(key), "project": project.map { TemplateValue.int($0) } ?? "",
                    "action": .string(route(context, period, .comment(period: period, number: version.number))),
                    "label": .string(project.map { context.fill("review.comment_on_project", String($0)) }
                                     ?? context.t("review.comment_on_program")),
                    "body": .string(typed?.body ?? ""), "body_max": .int(ReviewStore.bodyMax),
                    "error": error(typed?.error, limit: ReviewStore.bodyMax)]
        }

        let projects = snapshot.projects.map { project -> TemplateValue in
            view.card(project, adding: ["comments": .array(mine.filter { $0.projectNumber == project.number }.map(commentValue)),
                                        "box": box(project.number)])
        }
        let earlier = reviewed.comments.filter { $0.isOpen && $0.versionNumber < version.number }
        values["version"] = view.version(version)
        values["overview"] = view.overview
        values["versions"] = .array(reviewed.versions.map { other in
            ["number": .int(other.number), "label": other.label.value(language), "current": .bool(other.id == version.id),
             "href": .string(route(context, period, .reviewVersion(period: period, number: other.number)))]
        })
        values["packet_href"] = .string(route(context, period, .packet(period: period, number: version.number)))
        values["general"] = ["comments": .array(mine.filter { $0.projectNumber == nil }.map(commentValue)), "box": box(nil)]
        values["projects"] = .array(projects)
        values["earlier"] = .array(earlier.map { comment in
            var value = view.comment(comment)
            value["href"] = .string(route(context, period, .reviewVersion(period: period, number: comment.versionNumber)))
            return .object(value)
        })
        values["may_comment"] = .bool(mayComment)
        // How many are open is said only once there are comments ("لا ملاحظة" says it all).
        values["open_count"] = mine.isEmpty ? .null : .int(mine.filter(\.isOpen).count)
        values["comment_count"] = .int(mine.count)
        let title = context.t("review.title") + " · " + snapshot.overview.title.text(language)
        return context.render(PageView(template: "admin/review_page", title: title, context: values), status: status)
    }

    static func route(_ context: AdminContext, _ period: String, _ review: ReviewRoute) -> String {
        AdminRoute.commune(context.language, slug: context.commune?.slug ?? "", .review(review)).path
    }
}

/// The values the review page and the packet share: one version's overview, its project
/// cards and matrix rows (through `ProgramView` and `MatrixPage`, so a project reads as on the
/// public pages), and the comments as people read them.
struct ReviewView {
    let context: AdminContext
    let snapshot: ProgramSnapshot
    let versions: [ProgramVersions.Version]
    let period: String
    let record: ProgramRecord
    let program: ProgramView

    init(context: AdminContext, snapshot: ProgramSnapshot, versions: [ProgramVersions.Version], period: String) {
        self.context = context
        self.snapshot = snapshot
        self.versions = versions
        self.period = period
        record = ProgramRecord(snapshot: snapshot)
        let page = PageRequest(route: .program(context.language, slug: snapshot.commune.slug, period: period, .overview),
                               language: context.language, translations: context.site.templates.translations)
        program = ProgramView(program: record, page: page)
    }

    var language: Language { context.language }

    /// The program's facts as frozen in this version.
    var overview: TemplateValue { program.summary() }

    func version(_ version: ProgramVersions.Version) -> TemplateValue {
        ["number": .int(version.number), "label": version.label.value(language),
         "state": .string(context.t("status." + version.state)),
         "frozen_on": .string(Timestamp.date(version.frozenAt).map { PeoplePages.moment($0, context) } ?? version.frozenAt),
         "effective_on": .string(version.shownDate),
         "is_public": .bool(version.isPublic)]
    }

    /// A project card: the public card's values plus its lists as titled sections.
    func card(_ project: ProgramSnapshot.Project, adding extra: [String: TemplateValue] = [:]) -> TemplateValue {
        guard let record = record.projects.first(where: { $0.id == project.id }) else { return .object(extra) }
        var value = extra
        let lists: [(id: String, key: String, items: [Localized])] = [
            ("objectives", "project.objectives", project.objectives),
            ("results", "project.expected_results", project.expectedResults),
            ("follow-up", "project.follow_up_indicators", project.followUpIndicators),
            ("impact", "project.impact_indicators", project.impactIndicators),
        ]
        value["sections"] = .array(lists.filter { !$0.items.isEmpty }.map { list in
            ["heading": .string(context.t(list.key)), "items": program.texts(list.items)]
        })
        value["has_partners"] = .bool(project.partners.contains(where: \.listed))
        value["has_contributions"] = .bool(project.partners.contains { $0.contribution != nil })
        value["has_activities"] = .bool(!project.activities.isEmpty)
        value["anchor"] = .string("project-\(project.number)")
        return program.card(record).templateValue.adding(value)
    }

    /// The matrix of this version, axis group by axis group, as the public matrix builds it.
    var matrixGroups: [TemplateValue] {
        record.axisGroups.map { ["rows": .init(MatrixPage.rows(of: $0, program))] }
    }

    /// A comment as read on the page and in the packet.
    func comment(_ comment: ReviewComment) -> [String: TemplateValue] {
        func moment(_ at: String) -> TemplateValue { .string(Timestamp.date(at).map { PeoplePages.moment($0, context) } ?? at) }
        let project = comment.projectNumber.map { n in
            context.fill("program.project_number", String(n))
        } ?? context.t("review.general")
        return [
            "id": .int(comment.id), "author": .string(comment.authorName), "when": moment(comment.createdAt),
            "body": .string(comment.body), "is_open": .bool(comment.isOpen), "place": .string(project),
            "version_number": .int(comment.versionNumber),
            "addressed": comment.addressed.map { addressed in
                ["by": .string(addressed.byName), "when": moment(addressed.at), "note": .string(addressed.note),
                 "version_number": .int(addressed.versionNumber)]
            } ?? .null,
            "address_form": .null, "reopen_action": .null, "href": .null,
        ]
    }
}
