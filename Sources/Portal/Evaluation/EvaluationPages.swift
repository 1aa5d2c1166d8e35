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

    static func href(_ context: AdminContext, _ route: EvaluationRoute) -> TemplateValue { .string(Self.route(context, route).path) }

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
        let rows: [TemplateValue] = years(period).map { year in
            let evaluation = evaluations.first { $0.year == year }
            let state = evaluation.map { $0.isPublished ? "published" : "draft" } ?? "none"
            return [
                "year": .int(year), "state": .string(context.t("evaluation.state." + state)), "state_code": .string(state),
                "href": href(context, .year(period: period, year: year)),
                "future": .bool(String(year) > String(today.prefix(4))),
                "public_href": evaluation?.isPublished == true
                    ? .string(SiteRoute.program(context.language, slug: commune.slug, period: period, .evaluation(year)).path) : .null,
            ]
        }
        return try Details.page(context, "admin/evaluations", title: context.t("evaluation.admin.title"), tab: "evaluations", period: period, [
            "notice_text": refusal(program.state).map { .string(EditorInput.message(context, $0, [context.t("status." + program.state.rawValue)])) } ?? .null,
            "years": .array(rows),
        ])
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
        let typed = form.value(context)
        var values: [String: TemplateValue] = [:]
        values["notice_text"] = refused.map { .string(EditorInput.message(context, $0, [context.t("status." + program.state.rawValue)])) } ?? .null
        values["published"] = .bool(published)
        values["may_write"] = .bool(mayWrite)
        values["live"] = .bool(!published)
        values["form"] = typed
        values["fields"] = ExecutionPages.fields(context, typed, [
            .init(name: "worked_ar", label: "evaluation.field.worked_ar", dir: "rtl"),
            .init(name: "worked_fr", label: "evaluation.field.worked_fr", dir: "ltr"),
            .init(name: "not_worked_ar", label: "evaluation.field.not_worked_ar", dir: "rtl"),
            .init(name: "not_worked_fr", label: "evaluation.field.not_worked_fr", dir: "ltr"),
            .init(name: "changes_ar", label: "evaluation.field.changes_ar", dir: "rtl"),
            .init(name: "changes_fr", label: "evaluation.field.changes_fr", dir: "ltr"),
        ])
        values["save_action"] = href(context, .save(period: period, year: year))
        values["publish_action"] = href(context, .publish(period: period, year: year))
        values["delete_action"] = mayWrite && evaluation != nil ? href(context, .delete(period: period, year: year)) : .null
        values["back_href"] = href(context, .list(period: period))
        values["public_href"] = published
            ? .string(SiteRoute.program(context.language, slug: context.commune?.slug ?? "", period: period, .evaluation(year)).path) : .null
        values["published_on"] = TemplateValue(evaluation?.publishedAt.flatMap { try? Call.parse($0) }.map(MoroccoTime.day))
        var page = PageView(template: "admin/evaluation", title: context.fill("evaluation.title", String(year)),
                            view: EvaluationView(figures, texts: texts, language: context.language, headingLevel: 3, t: context.t))
        page.add(values)
        return Details.page(context, page, tab: "evaluations", period: period, status: status)
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
            return try frozen(context, period: period, year: year)
        } catch let refusal as ExecutionRules.Refused {
            let state = try context.database.read { try ExecutionStore.program($0, communeID: commune.id, period: period).state }
            return try Details.page(context, "admin/lifecycle_refused", title: context.t("evaluation.refused.title"), tab: "evaluations",
                                    period: period, [
                                        "message": .string(EditorInput.message(context, refusal.key, [context.t("status." + state.rawValue)])),
                                        "hint": .null, "back_href": href(context, .list(period: period)), "editor_href": .null,
                                    ], status: .conflict)
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
            return try frozen(context, period: period, year: year)
        } catch let refusal as ExecutionRules.Refused {
            let state = try context.database.read { try ExecutionStore.program($0, communeID: commune.id, period: period).state }
            return try Details.page(context, "admin/lifecycle_refused", title: context.t("evaluation.refused.title"), tab: "evaluations",
                                    period: period, [
                                        "message": .string(EditorInput.message(context, refusal.key, [context.t("status." + state.rawValue)])),
                                        "hint": .null, "back_href": href(context, .list(period: period)), "editor_href": .null,
                                    ], status: .conflict)
        }
        return context.redirect(to: route(context, .list(period: period)), notice: "notice.evaluation_deleted")
    }

    /// 409: the evaluation was published meanwhile (a stale form); nothing changed.
    private static func frozen(_ context: AdminContext, period: String, year: Int) throws -> Outcome {
        try Details.page(context, "admin/lifecycle_refused", title: context.t("evaluation.refused.title"), tab: "evaluations", period: period, [
            "message": .string(context.t("evaluation.refused.published")), "hint": .null,
            "back_href": href(context, .year(period: period, year: year)), "editor_href": .null,
        ], status: .conflict)
    }
}
