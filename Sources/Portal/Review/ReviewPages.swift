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
        let programNav = ProgramNav.view(context, period: period, current: "review")
        guard let version = reviewed.version, let snapshot = reviewed.snapshot else {
            return context.render(PageView(template: "admin/review_page", title: context.t("review.title"),
                                           view: ReviewPageView(programNav: programNav, period: period, review: nil)), status: status)
        }
        let view = ReviewView(context: context, snapshot: snapshot, versions: reviewed.versions, period: period)
        let mayComment = context.holds([.council, .committee]), mayAddress = context.holds([.focalPoint, .committee])
        let mine = reviewed.comments.filter { $0.versionID == version.id }

        func error(_ key: String?, limit: Int) -> String? {
            guard let key else { return nil }
            return key == "review.error.too_long" ? context.t(key, count: limit) : context.t(key)
        }
        func commentView(_ comment: ReviewComment) -> ReviewCommentView {
            var value = view.comment(comment)
            guard mayAddress else { return value }
            if comment.isOpen {
                let later = reviewed.versions.filter { $0.number > comment.versionNumber }
                let typed = forms.address?.id == comment.id ? forms.address : nil
                let chosen = typed?.version ?? later.first.map { String($0.number) } ?? ""
                value.addressForm = ReviewCommentView.AddressForm(
                    id: comment.id,
                    action: route(context, period, .addressComment(period: period, number: version.number, id: comment.id)),
                    options: later.map { other in
                        FormChoice(value: String(other.number),
                                   label: context.fill("versions.number_n", String(other.number)) + " — " + other.label.text(language),
                                   selected: chosen == String(other.number))
                    },
                    note: typed?.note ?? "",
                    versionError: error(typed?.errors["version"], limit: 0),
                    noteError: error(typed?.errors["note"], limit: ReviewStore.noteMax))
            } else {
                value.reopenAction = route(context, period, .reopenComment(period: period, number: version.number, id: comment.id))
            }
            return value
        }
        func box(_ project: Int?) -> ReviewBox? {
            guard mayComment else { return nil }
            let typed = forms.comment.flatMap { $0.project == project ? $0 : nil }
            return ReviewBox(project: project, action: route(context, period, .comment(period: period, number: version.number)),
                             label: project.map { context.fill("review.comment_on_project", String($0)) } ?? context.t("review.comment_on_program"),
                             body: typed?.body ?? "", error: error(typed?.error, limit: ReviewStore.bodyMax))
        }

        let earlier = reviewed.comments.filter { $0.isOpen && $0.versionNumber < version.number }
        let review = ReviewVersionView(
            version: view.version(version),
            overview: view.overview,
            versions: reviewed.versions.map { other in
                ReviewVersionView.Choice(number: other.number, label: LocalizedText(other.label, language), current: other.id == version.id,
                                         href: route(context, period, .reviewVersion(period: period, number: other.number)))
            },
            packetHref: route(context, period, .packet(period: period, number: version.number)),
            general: ReviewThread(card: nil, comments: mine.filter { $0.projectNumber == nil }.map(commentView), box: box(nil)),
            projects: snapshot.projects.map { project in
                ReviewThread(card: view.card(project), comments: mine.filter { $0.projectNumber == project.number }.map(commentView),
                             box: box(project.number))
            },
            earlier: earlier.map { comment in
                var value = view.comment(comment)
                value.href = route(context, period, .reviewVersion(period: period, number: comment.versionNumber))
                return value
            },
            mayComment: mayComment,
            // How many are open is said only once there are comments ("لا ملاحظة" says it all).
            openCount: mine.isEmpty ? nil : mine.filter(\.isOpen).count,
            commentCount: mine.count)
        let title = context.t("review.title") + " · " + snapshot.overview.title.text(language)
        return context.render(PageView(template: "admin/review_page", title: title,
                                       view: ReviewPageView(programNav: programNav, period: period, review: review)), status: status)
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
    var overview: ProgramHeader { program.header }

    func version(_ version: ProgramVersions.Version) -> ReviewVersion {
        ReviewVersion(number: version.number, label: LocalizedText(version.label, language), state: context.t("status." + version.state),
                      frozenOn: Timestamp.date(version.frozenAt).map { PeoplePages.moment($0, context) } ?? version.frozenAt,
                      effectiveOn: version.shownDate, isPublic: version.isPublic)
    }

    /// A project card: the public card's values plus its lists as titled sections.
    func card(_ project: ProgramSnapshot.Project) -> ReviewCard {
        let lists: [(key: String, items: [Localized])] = [
            ("project.objectives", project.objectives), ("project.expected_results", project.expectedResults),
            ("project.follow_up_indicators", project.followUpIndicators), ("project.impact_indicators", project.impactIndicators),
        ]
        return ReviewCard(
            card: record.projects.first(where: { $0.id == project.id }).map(program.card),
            sections: lists.filter { !$0.items.isEmpty }.map { list in
                ReviewCard.Section(heading: context.t(list.key), items: list.items.map(program.localized))
            },
            hasPartners: project.partners.contains(where: \.listed), hasContributions: project.partners.contains { $0.contribution != nil },
            hasActivities: !project.activities.isEmpty, anchor: "project-\(project.number)")
    }

    /// The matrix of this version, axis group by axis group, as the public matrix builds it.
    var matrixGroups: [ReviewMatrixGroup] {
        record.axisGroups.map { ReviewMatrixGroup(rows: MatrixPage.rows(of: $0, program)) }
    }

    /// A comment as read on the page and in the packet.
    func comment(_ comment: ReviewComment) -> ReviewCommentView {
        func moment(_ at: String) -> String { Timestamp.date(at).map { PeoplePages.moment($0, context) } ?? at }
        let place = comment.projectNumber.map { n in
            context.fill("program.project_number", String(n))
        } ?? context.t("review.general")
        return ReviewCommentView(
            id: comment.id, author: comment.authorName, when: moment(comment.createdAt), body: comment.body, isOpen: comment.isOpen,
            place: place, versionNumber: comment.versionNumber,
            addressed: comment.addressed.map { addressed in
                ReviewCommentView.Addressed(by: addressed.byName, when: moment(addressed.at), note: addressed.note,
                                            versionNumber: addressed.versionNumber)
            })
    }
}

/// The review page: the version under review with its facts, the other versions, the remarks
/// on the whole program and project by project, and the remarks still open on earlier versions.
struct ReviewPageView: TemplateView {
    let programNav: ProgramNavView?
    let period: String
    /// Nil while the program has no version to review.
    let review: ReviewVersionView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program_nav": return .init(programNav)
        case "period": return .string(period)
        case "no_version": return review == nil ? .bool(true) : nil
        default: return review?.member(key)
        }
    }
}

/// One version under review, as its page shows it.
struct ReviewVersionView: TemplateView {
    /// A version of the program, linked unless it is the one shown.
    struct Choice: TemplateView {
        let number: Int
        let label: LocalizedText
        let current: Bool
        let href: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "label": return .init(label)
            case "current": return .bool(current)
            case "href": return .string(href)
            default: return nil
            }
        }
    }

    let version: ReviewVersion
    let overview: ProgramHeader
    let versions: [Choice]
    let packetHref: String
    /// The remarks on the whole program.
    let general: ReviewThread
    let projects: [ReviewThread]
    /// The remarks still open on earlier versions, each linked to its version.
    let earlier: [ReviewCommentView]
    let mayComment: Bool
    /// How many remarks on this version are open; nil while there are none at all.
    let openCount: Int?
    let commentCount: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "version": return .init(version)
        case "overview": return .init(overview)
        case "versions": return .init(versions)
        case "packet_href": return .string(packetHref)
        case "general": return .init(general)
        case "projects": return .init(projects)
        case "earlier": return .init(earlier)
        case "may_comment": return .bool(mayComment)
        case "open_count": return .init(openCount)
        case "comment_count": return .int(commentCount)
        default: return nil
        }
    }
}

/// A frozen version's facts, as the review page and the packet head them.
struct ReviewVersion: TemplateView {
    let number: Int
    let label: LocalizedText
    let state: String
    let frozenOn: String
    let effectiveOn: String
    let isPublic: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "label": return .init(label)
        case "state": return .string(state)
        case "frozen_on": return .string(frozenOn)
        case "effective_on": return .string(effectiveOn)
        case "is_public": return .bool(isPublic)
        default: return nil
        }
    }
}

/// A project of a frozen version as `admin/review_card` reads it: the public card, plus its
/// lists as titled sections and what the card has to show.
struct ReviewCard: TemplateView {
    /// A list of the project (objectives, results, indicators) under its heading.
    struct Section: TemplateView {
        let heading: String
        let items: [LocalizedText]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "heading": return .string(heading)
            case "items": return .init(items)
            default: return nil
            }
        }
    }

    /// The public card; nil (and no keys at all) for a project the version's record lacks.
    let card: ProjectCard?
    let sections: [Section]
    let hasPartners: Bool
    let hasContributions: Bool
    let hasActivities: Bool
    let anchor: String

    func member(_ key: String) -> TemplateValue? {
        guard let card else { return nil }
        switch key {
        case "sections": return .init(sections)
        case "has_partners": return .bool(hasPartners)
        case "has_contributions": return .bool(hasContributions)
        case "has_activities": return .bool(hasActivities)
        case "anchor": return .string(anchor)
        default: return card.member(key)
        }
    }
}

/// The remarks on one project (its card above them) or on the whole program, and the box for
/// a new one.
struct ReviewThread: TemplateView {
    let card: ReviewCard?
    let comments: [ReviewCommentView]
    /// Nil for those who may not comment.
    let box: ReviewBox?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "comments": return .init(comments)
        case "box": return .init(box)
        default: return card?.member(key)
        }
    }
}

/// A comment box, with the text kept and its message when it was refused.
struct ReviewBox: TemplateView {
    /// The project commented on; nil for the whole program.
    let project: Int?
    let action: String
    let label: String
    let body: String
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .string(project.map { "p\($0)" } ?? "general")
        case "project": return project.map { .int($0) } ?? .string("")
        case "action": return .string(action)
        case "label": return .string(label)
        case "body": return .string(body)
        case "body_max": return .int(ReviewStore.bodyMax)
        case "error": return .init(error)
        default: return nil
        }
    }
}

/// A comment as `admin/review_comment` and the packet read it: who, when, the text, how it was
/// addressed, and the forms that address or reopen it where the reader may.
struct ReviewCommentView: TemplateView {
    /// In which later version, how and by whom a remark was taken into account.
    struct Addressed: TemplateView {
        let by: String
        let when: String
        let note: String
        let versionNumber: Int

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "by": return .string(by)
            case "when": return .string(when)
            case "note": return .string(note)
            case "version_number": return .int(versionNumber)
            default: return nil
            }
        }
    }

    /// The form that says in which later version an open remark was taken into account.
    struct AddressForm: TemplateView {
        let id: Int
        let action: String
        /// The versions frozen after the comment's.
        let options: [FormChoice]
        let note: String
        let versionError: String?
        let noteError: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .int(id)
            case "action": return .string(action)
            case "has_later": return .bool(!options.isEmpty)
            case "options": return .init(options)
            case "note": return .string(note)
            case "note_max": return .int(ReviewStore.noteMax)
            case "version_error": return .init(versionError)
            case "note_error": return .init(noteError)
            default: return nil
            }
        }
    }

    let id: Int
    let author: String
    let when: String
    let body: String
    let isOpen: Bool
    /// The project it is on, or the whole program, in words.
    let place: String
    let versionNumber: Int
    let addressed: Addressed?
    var addressForm: AddressForm? = nil
    var reopenAction: String? = nil
    /// Its version's page, for a remark listed under a later version.
    var href: String? = nil

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .int(id)
        case "author": return .string(author)
        case "when": return .string(when)
        case "body": return .string(body)
        case "is_open": return .bool(isOpen)
        case "place": return .string(place)
        case "version_number": return .int(versionNumber)
        case "addressed": return .init(addressed)
        case "address_form": return .init(addressForm)
        case "reopen_action": return .init(reopenAction)
        case "href": return .init(href)
        default: return nil
        }
    }
}

/// An axis group of the packet's matrix: its rows as the public matrix builds them.
struct ReviewMatrixGroup: TemplateView {
    let rows: [MatrixRow]

    func member(_ key: String) -> TemplateValue? { key == "rows" ? .init(rows) : nil }
}
