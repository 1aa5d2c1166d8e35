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
    /// shown again, else the stored one, and its message.
    static func field(_ context: AdminContext, _ name: String, _ labelKey: String, stored: String?, input: EditorInput?,
                      textarea: Bool = false, dir: String = "auto", hint: String? = nil, list: String? = nil,
                      inputmode: String? = nil) -> EditorField {
        // A French field reads left to right on an Arabic page, an Arabic one right to left on a French page.
        let dir = dir != "auto" ? dir : name.hasSuffix("_fr") ? "ltr" : name.hasSuffix("_ar") ? "rtl" : dir
        return EditorField(name: name, label: context.t(labelKey), value: input.map { $0.raw(name) } ?? stored ?? "",
                           error: input?.errors[name], hint: hint.map { context.t($0) }, textarea: textarea, fieldDir: dir,
                           list: list, inputmode: inputmode)
    }

    // MARK: - The commune's programs

    static func communePage(_ context: AdminContext, input: EditorInput?, status: HTTPStatus) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let lines = try context.database.read { try EditorStore.programs($0, communeID: commune.id) }
        let editor = context.holds([.focalPoint])
        let programs = lines.map { line in
            EditorProgramLine(period: line.period, title: line.title.text(language), status: context.t("status." + line.status),
                              editHref: editor ? route(context, .program(period: line.period)).path : nil,
                              publicHref: SiteRoute.program(language, slug: commune.slug, period: line.period, .overview).path)
        }
        let view = EditorCommuneView(
            heading: commune.name.text(language), programs: programs, canCreate: editor, action: route(context, .newProgram).path,
            fields: [field(context, "period", "editor.program.period", stored: nil, input: input, dir: "ltr",
                           hint: "editor.program.period_hint", inputmode: "numeric"),
                     field(context, "title_ar", "editor.field.title_ar", stored: nil, input: input, dir: "rtl"),
                     field(context, "title_fr", "editor.field.title_fr", stored: nil, input: input, dir: "ltr")],
            errors: input?.errors.entries ?? [])
        return context.render(PageView(template: "admin/editor_commune", title: commune.name.text(language), view: view), status: status)
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
        func f(_ name: String, _ label: String, _ stored: String?, dir: String = "auto", textarea: Bool = false,
               hint: String? = nil, inputmode: String? = nil) -> EditorField {
            field(context, name, label, stored: stored, input: overviewInput, textarea: textarea, dir: dir, hint: hint, inputmode: inputmode)
        }
        // Locked: no form at all, but why, and the way to an amendment for whoever may open one.
        let mayAmend = ProgramState(rawValue: program.status).map {
            Lifecycle.decide(.openAmendment, state: $0, amendmentOpen: false, account: context.account, communeID: commune.id) == .allowed
        } ?? false
        let view = EditorProgramView(
            heading: program.title.text(language), programNav: ProgramNav.view(context, period: period, current: "program"),
            status: context.t("status." + program.status),
            overview: EditorFieldGroup(fields: [
                f("title_ar", "editor.field.title_ar", program.title.arabic, dir: "rtl"),
                f("title_fr", "editor.field.title_fr", program.title.french, dir: "ltr"),
                f("notes_ar", "editor.program.notes_ar", program.notes?.arabic, dir: "rtl", textarea: true),
                f("notes_fr", "editor.program.notes_fr", program.notes?.french, dir: "ltr", textarea: true),
                f("budget", "editor.program.budget", EditorInput.dirhams(program.totalBudgetCentimes), dir: "ltr",
                  hint: "editor.hint.amount", inputmode: "decimal"),
                f("adoption_session_ar", "editor.program.session_ar", program.adoptionSession?.arabic, dir: "rtl"),
                f("adoption_session_fr", "editor.program.session_fr", program.adoptionSession?.french, dir: "ltr"),
                f("adopted_on", "editor.program.adopted_on", program.adoptedOn, dir: "ltr", hint: "editor.hint.date"),
                f("decision_ref", "editor.program.decision_ref", program.decisionRef, dir: "auto"),
            ]),
            overviewAction: route(context, .program(period: period)).path, overviewErrors: overviewInput?.errors.entries ?? [],
            matrixAction: route(context, .matrix(period: period)).path,
            rows: EditorMatrix.rows(program, partners: partners, context: context, typed: matrixInput),
            matrixErrors: matrixInput?.errors.entries ?? [], partnerNames: partners.all.map { partners.shown($0.id) },
            newAxisHref: route(context, .new(period: period, .axis)).path, newProjectHref: route(context, .new(period: period, .project)).path,
            publicMatrixHref: SiteRoute.program(language, slug: commune.slug, period: period, .matrix).path,
            hasRows: !program.axes.isEmpty || !program.projects.isEmpty,
            lockedHref: locked ? AdminRoute.commune(language, slug: commune.slug, .lifecycle(.overview(period: period))).path : nil,
            amendHref: locked && mayAmend ? AdminRoute.commune(language, slug: commune.slug, .lifecycle(.newAmendment(period: period))).path : nil)
        return context.render(PageView(template: "admin/editor_program", title: program.title.text(language), view: view),
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

/// One labelled input, textarea or select of an editor form (`admin/editor_field`). Every key
/// the partial reads is answered, so nothing leaks in from an outer view.
struct EditorField: TemplateView {
    /// The input's name in the form.
    let name: String
    let label: String
    /// As typed when the form is shown again, else as stored.
    let value: String
    let error: String?
    let hint: String?
    let textarea: Bool
    /// "ltr" or "rtl" for a one-language field, else "auto".
    let fieldDir: String
    /// The id of the datalist offering values.
    let list: String?
    let inputmode: String?
    /// A select's choices; nil for a text input.
    var options: [FormChoice]? = nil

    /// The HTML id of the input.
    var id: String { EditorErrors.id(name) }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "id": return .string(id)
        case "label": return .string(label)
        case "value": return .string(value)
        case "error": return .init(error)
        case "hint": return .init(hint)
        case "described":
            let described = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
            return described.isEmpty ? .null : .string(described.joined(separator: " "))
        case "textarea": return .bool(textarea)
        case "rows": return .int(textarea ? 4 : 1)
        case "field_dir": return .string(fieldDir)
        case "list": return .init(list)
        case "inputmode": return .init(inputmode)
        case "options": return options.map { .init($0) } ?? .null
        default: return nil
        }
    }
}

/// Fields a template reads by their input's name (`{{#title_ar}}{{> admin/editor_field }}{{/title_ar}}`).
struct EditorFieldGroup: TemplateView {
    let fields: [EditorField]

    func member(_ key: String) -> TemplateValue? { fields.first { $0.name == key }.map { .init($0) } }
}

/// A commune's programs, each with its links, and the form of a new one (`admin/editor_commune`).
struct EditorCommuneView: TemplateView {
    let heading: String
    let programs: [EditorProgramLine]
    /// Whether the person may create a program (a focal point).
    let canCreate: Bool
    let action: String
    /// The new program's period and titles, read by name.
    let fields: [EditorField]
    let errors: [EditorErrors.Entry]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "heading": return .string(heading)
        case "programs": return .init(programs)
        case "has_programs": return .bool(!programs.isEmpty)
        case "can_create": return .bool(canCreate)
        case "action": return .string(action)
        case "errors": return .init(errors)
        case "has_errors": return .bool(!errors.isEmpty)
        default: return EditorFieldGroup(fields: fields).member(key)
        }
    }
}

/// One program of the commune's list (`admin/program_item`).
struct EditorProgramLine: TemplateView {
    let period: String
    let title: String
    /// The status's label in the page's language.
    let status: String
    /// The editor, for whoever may edit.
    let editHref: String?
    let publicHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "period": return .string(period)
        case "title": return .string(title)
        case "status": return .string(status)
        case "edit_href": return .init(editHref)
        case "public_href": return .string(publicHref)
        default: return nil
        }
    }
}

/// A program in the editor (`admin/editor_program`): its overview form and its matrix as one
/// table, each with the messages of a refused save; or, when it is locked, why and where to go.
struct EditorProgramView: TemplateView {
    let heading: String
    let programNav: ProgramNavView?
    /// The status's label in the page's language.
    let status: String
    let overview: EditorFieldGroup
    let overviewAction: String
    let overviewErrors: [EditorErrors.Entry]
    let matrixAction: String
    let rows: [EditorMatrixRow]
    let matrixErrors: [EditorErrors.Entry]
    /// The shared partners, offered in the partners cells.
    let partnerNames: [String]
    let newAxisHref: String
    let newProjectHref: String
    let publicMatrixHref: String
    let hasRows: Bool
    /// The lifecycle page, when the program is locked (issue 6).
    let lockedHref: String?
    /// A new amendment, when locked and the person may open one.
    let amendHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "heading": return .string(heading)
        case "program_nav": return .init(programNav)
        case "status": return .string(status)
        case "overview": return .init(overview)
        case "overview_action": return .string(overviewAction)
        case "overview_errors": return .init(overviewErrors)
        case "has_overview_errors": return .bool(!overviewErrors.isEmpty)
        case "matrix_action": return .string(matrixAction)
        case "rows": return .init(rows)
        case "matrix_errors": return .init(matrixErrors)
        case "has_matrix_errors": return .bool(!matrixErrors.isEmpty)
        case "partner_names": return .array(partnerNames.map { .string($0) })
        case "new_axis_href": return .string(newAxisHref)
        case "new_project_href": return .string(newProjectHref)
        case "public_matrix_href": return .string(publicMatrixHref)
        case "has_rows": return .bool(hasRows)
        case "locked_href": return .init(lockedHref)
        case "amend_href": return .init(amendHref)
        default: return nil
        }
    }
}
