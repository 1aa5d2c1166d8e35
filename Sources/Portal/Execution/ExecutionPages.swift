import Foundation
import HTTP
import SQLite
import Templates

/// The admin pages of a program's execution: one exhaustive switch from route to page. The
/// dispatcher has checked the role and the form token; a GET shows a page (with the forms for
/// focal points when the program accepts them, or why not), a POST writes in one transaction
/// with its audit entries and answers 303, or 422 with what was typed and a message beside each
/// field, or 409 when the program's state refuses it.
enum ExecutionPages {
    static func handle(_ route: ExecutionRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .overview(let period): return try overview(context, period: period)
        case .activity(let period, let id): return try activity(context, period: period, id: id, form: nil, status: .ok)
        case .progress(let period, let id): return try recordProgress(context, period: period, id: id)
        case .indicator(let period, let id):
            return try indicator(context, period: period, id: id, plan: nil, value: nil, status: .ok)
        case .plan(let period, let id): return try savePlan(context, period: period, id: id)
        case .measure(let period, let id): return try measure(context, period: period, id: id)
        case .importExecution(let period): return try ExecutionImport.handle(context, period: period)
        case .evidence(let period, let id): return try evidence(context, period: period, id: id)
        case .evidenceVisibility(let period, let id): return try changeVisibility(context, period: period, id: id)
        case .progressEvidence(let period, let id): return try addEvidence(context, period: period, to: .progress(id))
        case .valueEvidence(let period, let id): return try addEvidence(context, period: period, to: .value(id))
        }
    }

    // MARK: - Shared

    static func route(_ context: AdminContext, _ route: ExecutionRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .execution(route))
    }

    static func path(_ context: AdminContext, _ route: ExecutionRoute) -> String { Self.route(context, route).path }

    /// The program's state and its execution, in one read.
    static func load(_ context: AdminContext, period: String) throws -> (ExecutionStore.Program, ExecutionRecord) {
        guard let commune = context.commune else { throw PageError.notFound }
        return try context.database.read { db in
            (try ExecutionStore.program(db, communeID: commune.id, period: period),
             try ExecutionRecord.load(db, slug: commune.slug, period: period))
        }
    }

    /// What the page says above its forms: why nothing can be recorded, or nil.
    static func notice(_ context: AdminContext, _ program: ExecutionStore.Program) -> String? {
        ExecutionRules.refusal(program.state).map { EditorInput.message(context, $0, [context.t("status." + program.state.rawValue)]) }
    }

    /// Whether this person may record on this program now.
    static func mayRecord(_ context: AdminContext, _ program: ExecutionStore.Program) -> Bool {
        context.holds(ExecutionRoute.recorders) && ExecutionRules.refusal(program.state) == nil
    }

    static func statusLabel(_ context: AdminContext, _ status: ActivityStatus) -> String { context.t("execution.status." + status.rawValue) }

    /// A 409 page when the program's state refused a write made meanwhile.
    static func refused(_ context: AdminContext, period: String, _ refusal: ExecutionRules.Refused, back: ExecutionRoute) throws -> Outcome {
        let (program, _) = try load(context, period: period)
        return Details.page(context, "admin/lifecycle_refused", title: context.t("execution.refused.title"), tab: "execution", period: period,
                            RefusedPageView(message: EditorInput.message(context, refusal.key, [context.t("status." + program.state.rawValue)]),
                                            backHref: path(context, back)), status: .conflict)
    }

    static func text(_ value: Localized?, _ language: Language) -> LocalizedText? { value.map { LocalizedText($0, language) } }

    /// One input of a form as `admin/execution_field` draws it.
    struct Field {
        var name: String
        var label: String
        var hint: String? = nil
        /// "ltr" for dates and numbers, "rtl" for Arabic, "ltr" for French, "auto" otherwise.
        var dir = "ltr"
        var inputmode: String? = nil
    }

    /// The inputs of a form with what was typed and each one's message.
    static func fields(_ context: AdminContext, _ form: DetailsFormView, _ list: [Field]) -> [FieldView] {
        list.map { FieldView(field: $0, label: context.t($0.label), hint: $0.hint.map { context.t($0) },
                             value: form.values.texts[$0.name] ?? "", error: form.errors.texts[$0.name]) }
    }

    // MARK: - Overview

    // MARK: - Overview

    static func overview(_ context: AdminContext, period: String) throws -> Outcome {
        let (program, record) = try load(context, period: period)
        let language = context.language
        let today = MoroccoTime.day(context.now)
        let projects = record.program.projects.map { project in
            ExecutionOverviewView.Project(
                number: project.number, title: LocalizedText(project.title, language), percent: record.rollup(project.activities).percent,
                activities: project.activities.map { activity in
                    let entry = record.current(activity)
                    let status = entry?.status ?? .notStarted
                    return ExecutionOverviewView.Activity(
                        number: activity.number, title: LocalizedText(activity.title, language),
                        href: path(context, .activity(period: period, id: activity.id)), status: statusLabel(context, status),
                        statusCode: status.rawValue, percent: entry?.percent ?? 0, plannedEnd: activity.end,
                        late: Rollup.isLate(plannedEnd: activity.end, status: status, today: today))
                },
                indicators: record.indicators(of: project).map { IndicatorLine(context, period: period, $0, record) })
        }
        let overall = record.rollup(record.allActivities)
        let view = ExecutionOverviewView(
            noticeText: notice(context, program), mayRecord: mayRecord(context, program), amendmentOpen: program.amendmentOpen,
            percent: overall.percent, weighting: context.t("execution.weighting." + overall.weighting.rawValue), projects: projects,
            importHref: context.holds(ExecutionRoute.recorders) ? path(context, .importExecution(period: period)) : nil,
            publicHref: SiteRoute.program(language, slug: context.commune?.slug ?? "", period: period, .execution).path)
        return Details.page(context, "admin/execution", title: context.t("execution.admin.title"), tab: "execution", period: period, view)
    }

    // MARK: - An activity's progress

    private static func find(_ record: ExecutionRecord, activity id: Int) throws -> (ProgramRecord.Project, ProgramRecord.Activity) {
        for project in record.program.projects {
            if let activity = project.activities.first(where: { $0.id == id }) { return (project, activity) }
        }
        throw PageError.notFound
    }

    static func activity(_ context: AdminContext, period: String, id: Int, form: DetailsForm?, status: HTTPStatus,
                         attach: (id: Int, form: DetailsForm)? = nil) throws -> Outcome {
        let (program, record) = try load(context, period: period)
        let (project, activity) = try find(record, activity: id)
        let language = context.language
        let current = record.current(activity)
        // `?status=cancelled` from the editor's refusal to delete an activity with progress (issue 13).
        let asked = context.request.queryValue("status").flatMap(ActivityStatus.init(rawValue:))
        let form = form ?? DetailsForm(values: [
            "entry_on": MoroccoTime.day(context.now), "status": (asked ?? current?.status ?? .notStarted).rawValue,
            "percent": String(current?.percent ?? 0), "started_on": current?.startedOn, "ended_on": current?.endedOn,
            "actual_cost": EditorInput.dirhams(current?.actualCentimes),
        ])
        let typed = form.view(context)
        let may = mayRecord(context, program)
        let history = (record.entries[activity.id] ?? []).reversed().map { entry in
            EntryView(context, entry,
                      evidence: EvidenceView.adminList(record.evidence(progress: entry.id, publicOnly: false), context: context,
                                                       period: period, mayChange: may),
                      addEvidence: may ? AddEvidenceView(context, .progressEvidence(period: period, id: entry.id), key: "p\(entry.id)",
                                                         attach?.id == entry.id ? attach?.form : nil) : nil)
        }
        let view = ExecutionActivityView(
            project: ProjectHeading(number: project.number, title: LocalizedText(project.title, language)),
            activity: .init(number: activity.number, title: LocalizedText(activity.title, language), start: activity.start, end: activity.end,
                            cost: activity.costCentimes, costText: text(activity.costText, language)),
            current: current.map { EntryView(context, $0) }, history: history, noticeText: notice(context, program), mayRecord: may,
            form: typed, evidenceField: EvidenceFieldView(context, typed),
            fields: fields(context, typed, [
                Field(name: "percent", label: "execution.field.percent", hint: "execution.hint.percent", inputmode: "numeric"),
                Field(name: "started_on", label: "execution.field.started_on", hint: "execution.hint.day", inputmode: "numeric"),
                Field(name: "ended_on", label: "execution.field.ended_on", hint: "execution.hint.day", inputmode: "numeric"),
                Field(name: "actual_cost", label: "execution.field.actual_cost", hint: "execution.hint.actual_cost", inputmode: "decimal"),
                Field(name: "reason_ar", label: "execution.field.reason_ar", hint: "execution.hint.reason", dir: "rtl"),
                Field(name: "reason_fr", label: "execution.field.reason_fr", dir: "ltr"),
                Field(name: "note_ar", label: "execution.field.note_ar", dir: "rtl"),
                Field(name: "note_fr", label: "execution.field.note_fr", dir: "ltr"),
            ]),
            dateField: fields(context, typed, [Field(name: "entry_on", label: "execution.field.entry_on", hint: "execution.hint.entry_on",
                                                      inputmode: "numeric")]),
            statusOptions: Details.choices(context, ActivityStatus.allCases.map(\.rawValue), prefix: "execution.status.",
                                           selected: typed.values.texts["status"]),
            action: path(context, .progress(period: period, id: id)), backHref: path(context, .overview(period: period)))
        return Details.page(context, "admin/execution_activity",
                            title: context.t("execution.activity.title") + " " + "\(project.number).\(activity.number)",
                            tab: "execution", period: period, view, status: status)
    }

    /// Reads the progress form; the entry when every field is usable.
    static func readEntry(_ form: inout DetailsForm) -> ExecutionStore.NewEntry? {
        let on = form.day("entry_on")
        if on == nil, form.text("entry_on") == nil { form.fail("entry_on", "details.error.required") }
        let status = ActivityStatus(rawValue: form.choice("status", ActivityStatus.allCases.map(\.rawValue)))
        var percent = form.count("percent")
        if percent == nil, form.text("percent") == nil {
            if status == .done { percent = 100 } else if status == .notStarted { percent = 0 } else { form.fail("percent", "details.error.required") }
        }
        if let p = percent, p > 100 { form.fail("percent", "execution.error.percent") }
        let started = form.day("started_on"), ended = form.day("ended_on")
        var actual: Int? = nil
        if let cost = form.text("actual_cost") {
            switch EditorInput.centimes(cost) {
            case .success(let centimes): actual = centimes
            case .failure: form.fail("actual_cost", "editor.error.amount_invalid", [cost])
            }
        }
        let reasonAr = form.text("reason_ar"), reasonFr = form.text("reason_fr")
        let noteAr = form.text("note_ar"), noteFr = form.text("note_fr")
        guard form.isValid, let on, let status, let percent else { return nil }
        return ExecutionStore.NewEntry(on: on, status: status, percent: percent, reasonAr: reasonAr, reasonFr: reasonFr,
                                       noteAr: noteAr, noteFr: noteFr, startedOn: started, endedOn: ended, actualCentimes: actual)
    }

    static func recordProgress(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var form = DetailsForm(context)
        let entry = readEntry(&form)
        let file = readEvidence(context, &form)
        let today = MoroccoTime.day(context.now)
        var queued = 0
        do {
            try context.database.write { db in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                guard try ExecutionStore.hasActivity(db, programID: program.id, activityID: id) else { throw PageError.notFound }
                guard let entry else { return }
                let latest = try ExecutionStore.entries(db, activityID: id).last
                // A file documenting the activity as it stands is news enough for an entry.
                for problem in ExecutionRules.problems(entry, latest: latest, today: today, requireChange: file == nil) {
                    form.fail(problem.field, problem.key, problem.arguments)
                }
                guard form.isValid else { return }
                let entryID = try ExecutionStore.add(entry, activityID: id, audit: context.audit, communeID: commune.id, programID: program.id, db)
                if let file {
                    try EvidenceStore.attach(file.file, to: .progress(entryID), visibility: file.visibility, fileName: file.name,
                                             audit: context.audit, communeID: commune.id, programID: program.id, db)
                }
                // The authors of proposals its project took in hear of it (once a day each, MailStore).
                if let mailer = context.site.mailer {
                    queued = try MailStore.queueProgress(db, activity: id, mailer: mailer, at: context.now)
                }
            }
        } catch let refusal as ExecutionRules.Refused {
            return try refused(context, period: period, refusal, back: .activity(period: period, id: id))
        }
        guard form.isValid else { return try activity(context, period: period, id: id, form: form, status: .unprocessableContent) }
        if queued > 0 { context.site.mailSender?.wake() }
        return context.redirect(to: route(context, .activity(period: period, id: id)), notice: "notice.progress_recorded")
    }

    // MARK: - An indicator

    private static func find(_ record: ExecutionRecord, indicator id: Int) throws -> (ProgramRecord.Project, ExecutionStore.Indicator) {
        guard let indicator = record.indicators.first(where: { $0.id == id }),
              let project = record.program.projects.first(where: { $0.id == indicator.projectID }) else { throw PageError.notFound }
        return (project, indicator)
    }

    static func indicator(_ context: AdminContext, period: String, id: Int, plan planForm: DetailsForm?, value valueForm: DetailsForm?,
                          status: HTTPStatus, attach: (id: Int, form: DetailsForm)? = nil) throws -> Outcome {
        let (program, record) = try load(context, period: period)
        let (project, indicator) = try find(record, indicator: id)
        let language = context.language
        let plan = indicator.plan
        let values = record.measurements[indicator.id] ?? []
        func typed(_ value: IndicatorValue?) -> String? { value.flatMap { v in plan.unit.map { $0.plain(v) } } }
        let planForm = planForm ?? DetailsForm(values: [
            "unit": plan.unit?.rawValue, "baseline": typed(plan.baseline), "baseline_on": plan.baselineOn,
            "target": typed(plan.target), "target_on": plan.targetOn,
        ])
        let valueForm = valueForm ?? DetailsForm(values: ["measured_on": MoroccoTime.day(context.now)])
        let may = mayRecord(context, program)
        let editable = Set(ExecutionRules.Part.allCases.filter {
            may && ExecutionRules.mayEdit(plan, $0, amendmentOpen: program.amendmentOpen, hasValues: !values.isEmpty)
        })
        let planTyped = planForm.view(context), valueTyped = valueForm.view(context)
        let selectedUnit = planTyped.values.texts["unit"]
        func shown(_ value: IndicatorValue?) -> String? { value.flatMap { v in plan.unit.map { $0.shown(v, language) } } }
        let view = ExecutionIndicatorView(
            project: ProjectHeading(number: project.number, title: LocalizedText(project.title, language)),
            indicator: IndicatorPlanView(indicator, language: language, t: context.t),
            values: values.reversed().map { m in
                .init(on: m.on, value: shown(m.value), source: text(m.source, language), note: text(m.note, language),
                      evidence: EvidenceView.adminList(record.evidence(value: m.id, publicOnly: false), context: context, period: period,
                                                       mayChange: may),
                      addEvidence: may ? AddEvidenceView(context, .valueEvidence(period: period, id: m.id), key: "v\(m.id)",
                                                         attach?.id == m.id ? attach?.form : nil) : nil)
            },
            noticeText: notice(context, program), mayRecord: may && plan.unit != nil, mayPlan: may,
            planEditable: !editable.isEmpty || !planForm.errors.isEmpty, needsUnit: may && plan.unit == nil,
            amendmentOpen: program.amendmentOpen, editable: editable, planForm: planTyped, valueForm: valueTyped,
            evidenceField: EvidenceFieldView(context, valueTyped),
            baselineFields: fields(context, planTyped, [
                Field(name: "baseline", label: "execution.field.baseline", hint: "execution.hint.value", inputmode: nil),
                Field(name: "baseline_on", label: "execution.field.baseline_on", hint: "execution.hint.day", inputmode: "numeric"),
            ]),
            targetFields: fields(context, planTyped, [
                Field(name: "target", label: "execution.field.target", hint: "execution.hint.value", inputmode: nil),
                Field(name: "target_on", label: "execution.field.target_on", hint: "execution.hint.day", inputmode: "numeric"),
            ]),
            measureFields: fields(context, valueTyped, [
                Field(name: "measured_on", label: "execution.field.measured_on", hint: "execution.hint.day", inputmode: "numeric"),
                Field(name: "value", label: "execution.field.value", hint: "execution.hint.value", dir: "auto"),
                Field(name: "source_ar", label: "execution.field.source_ar", dir: "rtl"),
                Field(name: "source_fr", label: "execution.field.source_fr", dir: "ltr"),
                Field(name: "note_ar", label: "execution.field.note_ar", dir: "rtl"),
                Field(name: "note_fr", label: "execution.field.note_fr", dir: "ltr"),
            ]),
            unitOptions: [FormChoice(value: "", label: context.t("execution.unit.none"), selected: (selectedUnit ?? "").isEmpty)]
                + Details.choices(context, IndicatorUnit.allCases.map(\.rawValue), prefix: "execution.unit.", selected: selectedUnit),
            planAction: path(context, .plan(period: period, id: id)), valueAction: path(context, .measure(period: period, id: id)),
            backHref: path(context, .overview(period: period)))
        return Details.page(context, "admin/execution_indicator", title: context.t("execution.indicator.title"), tab: "execution",
                            period: period, view, status: status)
    }

    /// The stored plan the form asks for; parts the person may not edit keep their stored value.
    static func savePlan(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var form = DetailsForm(context)
        do {
            try context.database.write { db in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                guard let old = try ExecutionStore.indicators(db, programID: program.id).first(where: { $0.id == id })?.plan else {
                    throw PageError.notFound
                }
                let hasValues = try ExecutionStore.hasValues(db, indicatorID: id)
                var plan = ExecutionStore.Plan()
                let unitText = form.text("unit")
                if let unitText {
                    if let unit = IndicatorUnit(rawValue: unitText) { plan.unit = unit } else { form.fail("unit", "details.error.choice") }
                }
                func value(_ name: String) -> IndicatorValue? {
                    guard let typed = form.text(name) else { return nil }
                    guard let unit = plan.unit else { form.fail(name, "execution.error.unit_first"); return nil }
                    guard let value = unit.parse(typed) else { form.fail(name, "execution.error.value." + unit.rawValue, [typed]); return nil }
                    return value
                }
                plan.baseline = value("baseline")
                plan.baselineOn = form.day("baseline_on")
                plan.target = value("target")
                plan.targetOn = form.day("target_on")
                if plan.baselineOn != nil, plan.baseline == nil, form.errors["baseline"] == nil { form.fail("baseline", "execution.error.value_for_date") }
                if plan.targetOn != nil, plan.target == nil, form.errors["target"] == nil { form.fail("target", "execution.error.value_for_date") }
                for (part, key) in ExecutionRules.planRefusals(old: old, new: plan, amendmentOpen: program.amendmentOpen, hasValues: hasValues) {
                    form.fail(part.rawValue, key)
                }
                guard form.isValid, plan != old else { return }
                try ExecutionStore.setPlan(plan, was: old, indicatorID: id, audit: context.audit, communeID: commune.id, programID: program.id, db)
            }
        } catch let refusal as ExecutionRules.Refused {
            return try refused(context, period: period, refusal, back: .indicator(period: period, id: id))
        }
        guard form.isValid else { return try indicator(context, period: period, id: id, plan: form, value: nil, status: .unprocessableContent) }
        return context.redirect(to: route(context, .indicator(period: period, id: id)), notice: "notice.saved")
    }

    static func measure(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var form = DetailsForm(context)
        let today = MoroccoTime.day(context.now)
        let file = readEvidence(context, &form)
        do {
            try context.database.write { db in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                guard let indicator = try ExecutionStore.indicators(db, programID: program.id).first(where: { $0.id == id }) else {
                    throw PageError.notFound
                }
                let on = form.day("measured_on")
                if on == nil, form.text("measured_on") == nil { form.fail("measured_on", "details.error.required") }
                if let on, on > today { form.fail("measured_on", "execution.error.future", [on]) }
                var value: IndicatorValue? = nil
                if let typed = form.text("value") {
                    if let unit = indicator.plan.unit {
                        value = unit.parse(typed)
                        if value == nil { form.fail("value", "execution.error.value." + unit.rawValue, [typed]) }
                    } else {
                        form.fail("value", "execution.error.unit_first")
                    }
                } else {
                    form.fail("value", "details.error.required")
                }
                let measurement = ExecutionStore.NewMeasurement(on: on ?? "", value: value ?? .text(""), sourceAr: form.text("source_ar"),
                                                                sourceFr: form.text("source_fr"), noteAr: form.text("note_ar"),
                                                                noteFr: form.text("note_fr"))
                guard form.isValid, let unit = indicator.plan.unit else { return }
                let valueID = try ExecutionStore.add(measurement, indicatorID: id, unit: unit, audit: context.audit, communeID: commune.id,
                                                     programID: program.id, db)
                if let file {
                    try EvidenceStore.attach(file.file, to: .value(valueID), visibility: file.visibility, fileName: file.name,
                                             audit: context.audit, communeID: commune.id, programID: program.id, db)
                }
            }
        } catch let refusal as ExecutionRules.Refused {
            return try refused(context, period: period, refusal, back: .indicator(period: period, id: id))
        }
        guard form.isValid else { return try indicator(context, period: period, id: id, plan: nil, value: form, status: .unprocessableContent) }
        return context.redirect(to: route(context, .indicator(period: period, id: id)), notice: "notice.value_recorded")
    }
}

extension ExecutionPages {
    // MARK: - Evidence

    /// A file sent with a progress entry or a measured value, checked and cleaned.
    struct Upload {
        var file: EvidenceFile
        var name: String
        var visibility: EvidenceStore.Visibility
    }

    /// The evidence file of the form, if one was chosen; a refused file fails the `evidence`
    /// field with its reason (and nothing of the form is stored). A browser sends an empty part
    /// with an empty name when no file was chosen: that is no file, not an empty one.
    static func readEvidence(_ context: AdminContext, _ form: inout DetailsForm) -> Upload? {
        let chosen = form.text("evidence_visibility")
        guard let part = context.upload?.file("evidence"), !(part.body.isEmpty && (part.filename ?? "").isEmpty) else { return nil }
        guard let visibility = EvidenceStore.Visibility(rawValue: chosen ?? "public") else {
            form.fail("evidence_visibility", "details.error.choice")
            return nil
        }
        switch EvidenceFile.read(part.body, maxBytes: context.site.maxEvidenceBytes) {
        case .success(let file):
            return Upload(file: file, name: part.filename ?? "", visibility: visibility)
        case .failure(let refusal):
            form.fail("evidence", refusal.key, [EvidenceView.size(context.site.maxEvidenceBytes, context.t)])
            return nil
        }
    }

    /// Adds a file to an existing progress entry or measured value, audited in the same
    /// transaction; back to the activity's or the indicator's page, or 422 there with the message
    /// beside that entry's file field. A program that no longer accepts progress refuses (409).
    static func addEvidence(_ context: AdminContext, period: String, to target: EvidenceStore.Target) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var form = DetailsForm(context)
        let file = readEvidence(context, &form)
        if file == nil, form.errors["evidence"] == nil { form.fail("evidence", "evidence.error.none") }
        let back: ExecutionRoute
        do {
            back = try context.database.write { db -> ExecutionRoute in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                let back: ExecutionRoute
                switch target {
                case .progress(let id):
                    guard let activityID = try ExecutionStore.activityID(db, progressID: id, programID: program.id) else { throw PageError.notFound }
                    back = .activity(period: period, id: activityID)
                case .value(let id):
                    guard let indicatorID = try ExecutionStore.indicatorID(db, valueID: id, programID: program.id) else { throw PageError.notFound }
                    back = .indicator(period: period, id: indicatorID)
                }
                guard form.isValid, let file else { return back }
                try EvidenceStore.attach(file.file, to: target, visibility: file.visibility, fileName: file.name,
                                         audit: context.audit, communeID: commune.id, programID: program.id, db)
                return back
            }
        } catch let refusal as ExecutionRules.Refused {
            return try refused(context, period: period, refusal, back: .overview(period: period))
        }
        guard form.isValid else {
            switch (back, target) {
            case (.activity(_, let activityID), .progress(let entryID)):
                return try activity(context, period: period, id: activityID, form: nil, status: .unprocessableContent, attach: (entryID, form))
            case (.indicator(_, let indicatorID), .value(let valueID)):
                return try indicator(context, period: period, id: indicatorID, plan: nil, value: nil, status: .unprocessableContent,
                                     attach: (valueID, form))
            default: throw PageError.notFound
            }
        }
        return context.redirect(to: route(context, back), notice: "notice.evidence_added")
    }

    /// An evidence file, public or internal, for the commune's staff: streamed from the store.
    static func evidence(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        guard let (file, item) = try context.database.read({ db -> (EvidenceStore.Stored, EvidenceStore.Item)? in
            let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
            return try EvidenceStore.linkedFile(db, linkID: id, programID: program.id)
        }) else { throw PageError.notFound }
        return .response(EvidenceBody.response(context.database, file,
                                               downloadName: "\(commune.slug)-\(period)-evidence-\(item.id).\(file.kind.fileExtension)",
                                               request: context.request, cacheControl: "no-store"))
    }

    /// Makes an evidence file public or internal (a public photo withdrawn, an internal report
    /// published), audited; back to the page of the entry or value it documents.
    static func changeVisibility(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let wanted = EvidenceStore.Visibility(rawValue: context.field("visibility"))
        do {
            let back = try context.database.write { db -> ExecutionRoute in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                guard let (_, item) = try EvidenceStore.linkedFile(db, linkID: id, programID: program.id) else { throw PageError.notFound }
                guard let wanted else { throw PageError(.unprocessableContent, reason: "visibility must be public or internal") }
                try EvidenceStore.setVisibility(item, to: wanted, audit: context.audit, communeID: commune.id, programID: program.id, db)
                let owner = try EvidenceStore.owner(db, item)
                return owner.activityID.map { .activity(period: period, id: $0) } ?? .indicator(period: period, id: owner.indicatorID ?? 0)
            }
            return context.redirect(to: route(context, back), notice: "notice.saved")
        } catch let refusal as ExecutionRules.Refused {
            return try refused(context, period: period, refusal, back: .overview(period: period))
        }
    }
}
