import Foundation
import HTTP
import SQLite
import Templates

/// The program editor's handlers: the commune's programs and a new one, a program's overview
/// and matrix. The forms of single axes, projects and activities are in `EditorItems`, the
/// matrix table in `EditorMatrix`. Roles are checked by the dispatcher (each route's
/// requirement), so no handler here checks them; every handler checks that what it is given
/// belongs to the route's commune.
enum EditorPages {
    static func handle(_ route: EditorRoute, _ context: AdminContext) throws -> Outcome {
        do { return try dispatch(route, context) } catch is ProgramLock.Locked {
            // Issue 6: an adopted program's matrix changes only inside an amendment; the write
            // that found it locked rolled back, and the page says why and where to go.
            guard let period = route.period else { throw PageError.notFound }
            return try LifecyclePages.locked(context, period: period)
        }
    }

    private static func dispatch(_ route: EditorRoute, _ context: AdminContext) throws -> Outcome {
        let post = context.request.method == .post
        switch route {
        case .commune: return try communePage(context, input: nil, status: .ok)
        case .newProgram: return post ? try createProgram(context) : try communePage(context, input: nil, status: .ok)
        case .program(let period): return post ? try saveOverview(context, period: period) : try programPage(context, period: period)
        case .matrix(let period): return try EditorMatrix.save(context, period: period)
        case .new(let period, let item):
            if !post { try requireEditable(context, period: period) }
            return try EditorItems.page(context, period: period, item: item, id: nil, parent: nil)
        case .newActivity(let period, let project):
            if !post { try requireEditable(context, period: period) }
            return try EditorItems.page(context, period: period, item: .activity, id: nil, parent: project)
        case .edit(let period, let item, let id):
            if !post { try requireEditable(context, period: period) }
            return try EditorItems.page(context, period: period, item: item, id: id, parent: nil)
        case .remove(let period, let item, let id): return try EditorItems.remove(context, period: period, item: item, id: id)
        case .move(let period, let item, let id): return try EditorItems.move(context, period: period, item: item, id: id)
        }
    }

    /// Issue 14: a locked program's item form is never shown (it would be refused only after
    /// everything was typed); the page that says why and how to open an amendment is, instead.
    private static func requireEditable(_ context: AdminContext, period: String) throws {
        guard let commune = context.commune else { throw PageError.notFound }
        try context.database.read { db in
            try ProgramLock.requireEditable(db, programID: try EditorStore.programID(db, communeID: commune.id, period: period))
        }
    }

    static func route(_ context: AdminContext, _ route: EditorRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .editor(route))
    }

    /// One labelled input (or textarea) of an editor form: its typed value when the form is
    /// shown again, else the stored one, and its message. Every key the partial reads is set,
    /// so nothing leaks in from an outer context.
    static func field(_ context: AdminContext, _ name: String, _ labelKey: String, stored: String?, input: EditorInput?,
                      textarea: Bool = false, dir: String = "auto", hint: String? = nil, list: String? = nil,
                      inputmode: String? = nil) -> TemplateValue {
        let id = EditorErrors.id(name)
        let error = input?.errors[name]
        // A French field reads left to right on an Arabic page, an Arabic one right to left on a French page.
        let dir = dir != "auto" ? dir : name.hasSuffix("_fr") ? "ltr" : name.hasSuffix("_ar") ? "rtl" : dir
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil { described.append(id + "-error") }
        return ["name": .string(name), "id": .string(id), "label": .string(context.t(labelKey)),
                "value": .string(input.map { $0.raw(name) } ?? stored ?? ""),
                "error": error.map { .string($0) } ?? .null, "hint": hint.map { .string(context.t($0)) } ?? .null,
                "described": described.isEmpty ? .null : .string(described.joined(separator: " ")),
                "textarea": .bool(textarea), "rows": .int(textarea ? 4 : 1), "field_dir": .string(dir),
                "list": list.map { .string($0) } ?? .null, "inputmode": inputmode.map { .string($0) } ?? .null, "options": .null]
    }

    static func summary(_ input: EditorInput?) -> [String: TemplateValue] {
        ["errors": input?.errors.summary ?? .array([]), "has_errors": .bool(!(input?.errors.isEmpty ?? true))]
    }

    // MARK: - The commune's programs

    static func communePage(_ context: AdminContext, input: EditorInput?, status: HTTPStatus) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let lines = try context.database.read { try EditorStore.programs($0, communeID: commune.id) }
        let editor = context.holds([.focalPoint])
        let programs: [TemplateValue] = lines.map { line in
            let period = line.period
            return ["period": .string(period), "title": .string(line.title.text(language)),
                    "status": .string(context.t("status." + line.status)),
                    "edit_href": editor ? .string(route(context, .program(period: period)).path) : .null,
                    "public_href": .string(SiteRoute.program(language, slug: commune.slug, period: period, .overview).path)]
        }
        var values: [String: TemplateValue] = [
            "heading": .string(commune.name.text(language)), "programs": .array(programs), "has_programs": .bool(!programs.isEmpty),
            "can_create": .bool(editor), "action": .string(route(context, .newProgram).path),
            "period": field(context, "period", "editor.program.period", stored: nil, input: input, dir: "ltr",
                            hint: "editor.program.period_hint", inputmode: "numeric"),
            "title_ar": field(context, "title_ar", "editor.field.title_ar", stored: nil, input: input, dir: "rtl"),
            "title_fr": field(context, "title_fr", "editor.field.title_fr", stored: nil, input: input, dir: "ltr"),
        ]
        values.merge(summary(input)) { $1 }
        return context.render(PageView(template: "admin/editor_commune", title: commune.name.text(language), context: values), status: status)
    }

    /// A program for a new period, in status co-preparation (the first step of every program).
    static func createProgram(_ context: AdminContext) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var input = EditorInput(context)
        let period = EditorInput.asciiDigits(input.raw("period"))
        if period.isEmpty { input.fail("period", "editor.error.period_required") }
        else if !SiteRoute.isPeriod(period) { input.fail("period", "editor.error.period_invalid", period) }
        let titleAr = input.text("title_ar", required: true), titleFr = input.text("title_fr")
        let created: Bool = try context.database.write { db in
            if input.errors["period"] == nil, try EditorStore.hasProgram(db, communeID: commune.id, period: period) {
                input.fail("period", "editor.error.period_taken", period)
            }
            guard input.errors.isEmpty, let titleAr else { return false }
            let id = try EditorStore.insertProgram(db, communeID: commune.id, period: period, titleAr: titleAr, titleFr: titleFr)
            try EditorLog(audit: context.audit, communeID: commune.id, programID: id)
                .created(db, "program", id, [("period", period), ("title_ar", titleAr), ("title_fr", titleFr), ("status", "co-preparation")])
            return true
        }
        guard created else { return try communePage(context, input: input, status: .unprocessableContent) }
        return context.redirect(to: route(context, .program(period: period)), notice: "notice.saved")
    }

    // MARK: - One program

    /// The overview form and the matrix table; `overviewInput`/`matrixInput` carry a refused
    /// save so that what was typed is shown again with its messages.
    static func programPage(_ context: AdminContext, period: String, overviewInput: EditorInput? = nil, matrixInput: EditorInput? = nil,
                            status: HTTPStatus = .ok) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let (program, partners, locked) = try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            // Issue 6: an adopted program's matrix is locked outside an amendment; the page says so before anyone types.
            return (program, try PartnerBook(db, language: language), try ProgramLock.lockedState(db, programID: program.id) != nil)
        }
        let i = overviewInput
        func f(_ name: String, _ label: String, _ stored: String?, dir: String = "auto", textarea: Bool = false,
               hint: String? = nil, inputmode: String? = nil) -> TemplateValue {
            field(context, name, label, stored: stored, input: i, textarea: textarea, dir: dir, hint: hint, inputmode: inputmode)
        }
        let overview: [String: TemplateValue] = [
            "title_ar": f("title_ar", "editor.field.title_ar", program.title.arabic, dir: "rtl"),
            "title_fr": f("title_fr", "editor.field.title_fr", program.title.french, dir: "ltr"),
            "notes_ar": f("notes_ar", "editor.program.notes_ar", program.notes?.arabic, dir: "rtl", textarea: true),
            "notes_fr": f("notes_fr", "editor.program.notes_fr", program.notes?.french, dir: "ltr", textarea: true),
            "budget": f("budget", "editor.program.budget", EditorInput.dirhams(program.totalBudgetCentimes), dir: "ltr",
                        hint: "editor.hint.amount", inputmode: "decimal"),
            "adoption_session_ar": f("adoption_session_ar", "editor.program.session_ar", program.adoptionSession?.arabic, dir: "rtl"),
            "adoption_session_fr": f("adoption_session_fr", "editor.program.session_fr", program.adoptionSession?.french, dir: "ltr"),
            "adopted_on": f("adopted_on", "editor.program.adopted_on", program.adoptedOn, dir: "ltr", hint: "editor.hint.date"),
            "decision_ref": f("decision_ref", "editor.program.decision_ref", program.decisionRef, dir: "auto"),
        ]
        var values: [String: TemplateValue] = [
            "heading": .string(program.title.text(language)),
            "program_nav": ProgramNav.value(context, period: period, current: "program"),
            "status": .string(context.t("status." + program.status)),
            "overview": .object(overview), "overview_action": .string(route(context, .program(period: period)).path),
            "overview_errors": i?.errors.summary ?? .array([]), "has_overview_errors": .bool(!(i?.errors.isEmpty ?? true)),
            "matrix_action": .string(route(context, .matrix(period: period)).path),
            "rows": EditorMatrix.rows(program, partners: partners, context: context, typed: matrixInput),
            "matrix_errors": matrixInput?.errors.summary ?? .array([]), "has_matrix_errors": .bool(!(matrixInput?.errors.isEmpty ?? true)),
            "partner_names": .array(partners.all.map { .string(partners.shown($0.id)) }),
            "new_axis_href": .string(route(context, .new(period: period, .axis)).path),
            "new_project_href": .string(route(context, .new(period: period, .project)).path),
            "public_matrix_href": .string(SiteRoute.program(language, slug: commune.slug, period: period, .matrix).path),
        ]
        values["has_rows"] = .bool(!program.axes.isEmpty || !program.projects.isEmpty)
        values["locked_href"] = locked ? .string(AdminRoute.commune(language, slug: commune.slug, .lifecycle(.overview(period: period))).path) : .null
        // Locked: no form at all, but why, and the way to an amendment for whoever may open one.
        let mayAmend = ProgramState(rawValue: program.status).map {
            Lifecycle.decide(.openAmendment, state: $0, amendmentOpen: false, account: context.account, communeID: commune.id) == .allowed
        } ?? false
        values["amend_href"] = locked && mayAmend
            ? .string(AdminRoute.commune(language, slug: commune.slug, .lifecycle(.newAmendment(period: period))).path) : .null
        return context.render(PageView(template: "admin/editor_program", title: program.title.text(language), context: values),
                                  status: status)
    }

    /// The overview: titles, notes, budget, adoption. The status is the next issue's workflow,
    /// so it is shown, not edited.
    static func saveOverview(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var input = EditorInput(context)
        let titleAr = input.text("title_ar", required: true)
        let after: [String: String?] = [
            "title_ar": titleAr, "title_fr": input.text("title_fr"),
            "notes_ar": input.text("notes_ar"), "notes_fr": input.text("notes_fr"),
            "total_budget_centimes": input.amount("budget").map(String.init),
            "adoption_session_ar": input.text("adoption_session_ar"), "adoption_session_fr": input.text("adoption_session_fr"),
            "adopted_on": input.date("adopted_on"), "decision_ref": input.text("decision_ref"),
        ]
        guard input.errors.isEmpty else {
            return try programPage(context, period: period, overviewInput: input, status: .unprocessableContent)
        }
        try context.database.write { db in
            let id = try EditorStore.programID(db, communeID: commune.id, period: period)
            let before = try EditorStore.overview(db, programID: id)
            guard before != after else { return }
            try ProgramLock.requireEditable(db, programID: id)   // issue 6: an adopted program changes only in an amendment
            try EditorStore.updateOverview(db, programID: id, after)
            try EditorLog(audit: context.audit, communeID: commune.id, programID: id).updated(db, "program", id, before: before, after: after)
        }
        return context.redirect(to: route(context, .program(period: period)), notice: "notice.saved")
    }
}
