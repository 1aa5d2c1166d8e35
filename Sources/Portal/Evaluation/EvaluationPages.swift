import Foundation
import HTTP
import SQLite
import Templates

/// The admin pages of a program's annual evaluations: one exhaustive switch from route to page.
/// The dispatcher has checked the role and the form token. A draft's figures are computed from the
/// data as it stands (cut at the year's end, or today while the year runs); saving keeps the
/// written parts; publishing checks the Arabic parts are written, then saves them, freezes the
/// figures beside them and publishes, in one transaction with its audit entries. A published
/// evaluation is read-only, here and in the store (409 if a stale form tries).
enum EvaluationPages {
    static func handle(_ route: EvaluationRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .list(let period): return try list(context, period: period)
        case .year(let period, let year): return try yearPage(context, period: period, year: year, form: nil, status: .ok)
        case .save(let period, let year): return try save(context, period: period, year: year, publishing: false)
        case .publish(let period, let year): return try save(context, period: period, year: year, publishing: true)
        case .delete(let period, let year): return try delete(context, period: period, year: year)
        }
    }

    static func route(_ context: AdminContext, _ route: EvaluationRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .evaluation(route))
    }

    static func href(_ context: AdminContext, _ route: EvaluationRoute) -> String { Self.route(context, route).path }

    /// The years of `period` ("2023-2024": 2023 and 2024).
    static func years(_ period: String) -> [Int] {
        let parts = period.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] <= parts[1] else { return [] }
        return Array(parts[0]...parts[1])
    }

    /// Why no evaluation can be written for this program now (a catalog key), or nil.
    static func refusal(_ state: ProgramState) -> String? { state.isAdopted ? nil : "evaluation.refused.not_adopted" }

    // MARK: - List

    static func list(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let (program, evaluations) = try context.database.read { db in
            let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
            return (program, try EvaluationStore.list(db, programID: program.id))
        }
        let today = MoroccoTime.day(context.now)
        let rows = years(period).map { year in
            let evaluation = evaluations.first { $0.year == year }
            let state = evaluation.map { $0.isPublished ? "published" : "draft" } ?? "none"
            return EvaluationYearsView.Year(
                year: year, state: context.t("evaluation.state." + state), stateCode: state, href: href(context, .year(period: period, year: year)),
                future: String(year) > String(today.prefix(4)),
                publicHref: evaluation?.isPublished == true
                    ? SiteRoute.program(context.language, slug: commune.slug, period: period, .evaluation(year)).path : nil)
        }
        return Details.page(context, "admin/evaluations", title: context.t("evaluation.admin.title"), tab: "evaluations", period: period,
                            EvaluationYearsView(noticeText: notice(context, refusal(program.state), program), years: rows))
    }

    /// A refusal's words (a catalog key naming the program's state), or nil.
    private static func notice(_ context: AdminContext, _ key: String?, _ program: ExecutionStore.Program) -> String? {
        key.map { EditorInput.message(context, $0, [context.t("status." + program.state.rawValue)]) }
    }

    // MARK: - One year

    private static func program(_ context: AdminContext, _ db: Connection, period: String, year: Int) throws -> (ExecutionStore.Program, ProgramRecord) {
        guard let commune = context.commune else { throw PageError.notFound }
        let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
        guard years(period).contains(year) else { throw PageError.notFound }
        return (program, try ProgramStore.record(db, slug: commune.slug, period: period))
    }

    static func yearPage(_ context: AdminContext, period: String, year: Int, form: DetailsForm?, status: HTTPStatus) throws -> Outcome {
        let today = MoroccoTime.day(context.now)
        let (program, evaluation, figures) = try context.database.read { db -> (ExecutionStore.Program, EvaluationStore.Evaluation?, EvaluationFigures) in
            let (program, record) = try Self.program(context, db, period: period, year: year)
            let evaluation = try EvaluationStore.find(db, programID: program.id, year: year)
            if let frozen = evaluation?.figures { return (program, evaluation, frozen) }
            let live = try EvaluationFigures.compute(db, record: try ExecutionRecord.load(db, program: record), year: year,
                                                     asOf: EvaluationFigures.cutoff(year: year, today: today))
            return (program, evaluation, live)
        }
        let texts = evaluation?.texts ?? EvaluationStore.Texts()
        let published = evaluation?.isPublished ?? false
        let future = String(year) > String(today.prefix(4))
        let refused = refusal(program.state) ?? (future ? "evaluation.refused.future" : nil)
        let mayWrite = context.holds(EvaluationRoute.writers) && !published && refused == nil
        let form = form ?? DetailsForm(values: texts.values)
        let typed = form.view(context)
        let view = EvaluationYearView(
            evaluation: EvaluationView(figures, texts: texts, language: context.language, headingLevel: 3, t: context.t),
            noticeText: notice(context, refused, program), published: published, mayWrite: mayWrite, form: typed,
            fields: ExecutionPages.fields(context, typed, [
                .init(name: "worked_ar", label: "evaluation.field.worked_ar", dir: "rtl"),
                .init(name: "worked_fr", label: "evaluation.field.worked_fr", dir: "ltr"),
                .init(name: "not_worked_ar", label: "evaluation.field.not_worked_ar", dir: "rtl"),
                .init(name: "not_worked_fr", label: "evaluation.field.not_worked_fr", dir: "ltr"),
                .init(name: "changes_ar", label: "evaluation.field.changes_ar", dir: "rtl"),
                .init(name: "changes_fr", label: "evaluation.field.changes_fr", dir: "ltr"),
            ]),
            saveAction: href(context, .save(period: period, year: year)), publishAction: href(context, .publish(period: period, year: year)),
            deleteAction: mayWrite && evaluation != nil ? href(context, .delete(period: period, year: year)) : nil,
            backHref: href(context, .list(period: period)),
            publicHref: published ? SiteRoute.program(context.language, slug: context.commune?.slug ?? "", period: period, .evaluation(year)).path : nil,
            publishedOn: evaluation?.publishedAt.flatMap { try? Call.parse($0) }.map(MoroccoTime.day))
        return Details.page(context, "admin/evaluation", title: context.fill("evaluation.title", String(year)), tab: "evaluations",
                            period: period, view, status: status)
    }

    /// Saves the written parts, and with `publishing` freezes the figures and publishes.
    static func save(_ context: AdminContext, period: String, year: Int, publishing: Bool) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var form = DetailsForm(context)
        let texts = EvaluationStore.Texts(workedAr: form.text("worked_ar"), workedFr: form.text("worked_fr"),
                                          notWorkedAr: form.text("not_worked_ar"), notWorkedFr: form.text("not_worked_fr"),
                                          changesAr: form.text("changes_ar"), changesFr: form.text("changes_fr"))
        if publishing {
            for field in texts.missingForPublication { form.fail(field, "evaluation.error.required_to_publish") }
        }
        let today = MoroccoTime.day(context.now)
        do {
            try context.database.write { db in
                let (program, record) = try Self.program(context, db, period: period, year: year)
                if let key = refusal(program.state) ?? (String(year) > String(today.prefix(4)) ? "evaluation.refused.future" : nil) {
                    throw ExecutionRules.Refused(key: key)
                }
                guard form.isValid else { return }
                try EvaluationStore.save(texts, programID: program.id, year: year, audit: context.audit, communeID: commune.id, db)
                guard publishing else { return }
                let figures = try EvaluationFigures.compute(db, record: try ExecutionRecord.load(db, program: record), year: year,
                                                            asOf: EvaluationFigures.cutoff(year: year, today: today))
                try EvaluationStore.publish(programID: program.id, year: year, figures: figures, audit: context.audit, communeID: commune.id, db)
            }
        } catch is EvaluationStore.Frozen {
            return frozen(context, period: period, year: year)
        } catch let refusal as ExecutionRules.Refused {
            let state = try context.database.read { try ExecutionStore.program($0, communeID: commune.id, period: period).state }
            return refused(context, period: period, EditorInput.message(context, refusal.key, [context.t("status." + state.rawValue)]),
                           back: .list(period: period))
        }
        guard form.isValid else { return try yearPage(context, period: period, year: year, form: form, status: .unprocessableContent) }
        return context.redirect(to: route(context, .year(period: period, year: year)),
                                notice: publishing ? "notice.evaluation_published" : "notice.saved")
    }

    /// Deletes the year's draft (audited) and goes back to the list of years; a published
    /// evaluation answers 409 like a stale save. A closed or not yet adopted program refuses as saving does.
    static func delete(_ context: AdminContext, period: String, year: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        do {
            try context.database.write { db in
                let (program, _) = try Self.program(context, db, period: period, year: year)
                if let key = refusal(program.state) { throw ExecutionRules.Refused(key: key) }
                try EvaluationStore.deleteDraft(programID: program.id, year: year, audit: context.audit, communeID: commune.id, db)
            }
        } catch is EvaluationStore.Frozen {
            return frozen(context, period: period, year: year)
        } catch let refusal as ExecutionRules.Refused {
            let state = try context.database.read { try ExecutionStore.program($0, communeID: commune.id, period: period).state }
            return refused(context, period: period, EditorInput.message(context, refusal.key, [context.t("status." + state.rawValue)]),
                           back: .list(period: period))
        }
        return context.redirect(to: route(context, .list(period: period)), notice: "notice.evaluation_deleted")
    }

    /// 409: the evaluation was published meanwhile (a stale form); nothing changed.
    private static func frozen(_ context: AdminContext, period: String, year: Int) -> Outcome {
        refused(context, period: period, context.t("evaluation.refused.published"), back: .year(period: period, year: year))
    }

    /// 409 with why and the way back.
    private static func refused(_ context: AdminContext, period: String, _ message: String, back: EvaluationRoute) -> Outcome {
        Details.page(context, "admin/lifecycle_refused", title: context.t("evaluation.refused.title"), tab: "evaluations", period: period,
                     RefusedPageView(message: message, backHref: href(context, back)), status: .conflict)
    }
}

/// The years of a program's evaluations (`admin/evaluations`): each one's state and links.
struct EvaluationYearsView: TemplateView {
    /// Why no evaluation can be written now.
    let noticeText: String?
    let years: [Year]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "notice_text": return .init(noticeText)
        case "years": return .init(years)
        default: return nil
        }
    }

    /// A year of the program and its evaluation's state.
    struct Year: TemplateView {
        let year: Int
        /// The state's label in the page's language, and its code (none, draft, published).
        let state: String
        let stateCode: String
        let href: String
        /// A year not begun yet.
        let future: Bool
        /// The published evaluation's public page.
        let publicHref: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "year": return .int(year)
            case "state": return .string(state)
            case "state_code": return .string(stateCode)
            case "href": return .string(href)
            case "future": return .bool(future)
            case "public_href": return .init(publicHref)
            default: return nil
            }
        }
    }
}

/// A year's evaluation for its staff (`admin/evaluation`): the public `EvaluationView` (figures
/// and written parts) under the form that writes, saves and publishes it.
struct EvaluationYearView: TemplateView {
    let evaluation: EvaluationView
    /// Why it cannot be written now.
    let noticeText: String?
    let published: Bool
    let mayWrite: Bool
    let form: DetailsFormView
    let fields: [FieldView]
    let saveAction: String
    let publishAction: String
    /// A draft's deletion, for whoever may write.
    let deleteAction: String?
    let backHref: String
    let publicHref: String?
    /// The day it was published.
    let publishedOn: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "notice_text": return .init(noticeText)
        case "published": return .bool(published)
        case "may_write": return .bool(mayWrite)
        case "live": return .bool(!published)
        case "form": return .init(form)
        case "fields": return .init(fields)
        case "save_action": return .string(saveAction)
        case "publish_action": return .string(publishAction)
        case "delete_action": return .init(deleteAction)
        case "back_href": return .string(backHref)
        case "public_href": return .init(publicHref)
        case "published_on": return .init(publishedOn)
        default: return evaluation.member(key)
        }
    }
}
