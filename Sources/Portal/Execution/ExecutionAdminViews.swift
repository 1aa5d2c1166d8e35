import Templates

// The typed views of the execution's admin pages (`ExecutionPages`, `ExecutionImport`) and the
// parts the evaluation's admin page shares with them.

/// A page saying that the program's state refused a write made meanwhile (`admin/lifecycle_refused`), with the way back.
struct RefusedPageView: TemplateView {
    let message: String
    let backHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "message": return .string(message)
        case "back_href": return .string(backHref)
        case "hint", "editor_href": return .null
        default: return nil
        }
    }
}

/// An input of an execution or evaluation form (`admin/execution_field`): its label and hint in
/// the page's language, what was typed and its message.
struct FieldView: TemplateView {
    let field: ExecutionPages.Field
    let label: String
    let hint: String?
    let value: String
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(field.name)
        case "label": return .string(label)
        case "hint": return .init(hint)
        case "fdir": return .string(field.dir)
        case "inputmode": return .init(field.inputmode)
        case "value": return .string(value)
        case "error": return .init(error)
        default: return nil
        }
    }
}

/// A project as the activity's and the indicator's pages name it above their heading.
struct ProjectHeading: TemplateView {
    let number: Int
    let title: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        default: return nil
        }
    }
}

/// The file input and the public/internal choice under a form (`admin/evidence_field`, and in
/// `admin/evidence_add`).
struct EvidenceFieldView: TemplateView {
    let error: String?
    /// The accepted kinds and the largest size, in words.
    let hint: String
    let options: [FormChoice]

    init(_ context: AdminContext, _ form: DetailsFormView) {
        error = form.errors.texts["evidence"]
        hint = context.fill("evidence.hint", EvidenceView.size(context.site.maxEvidenceBytes, context.t))
        let chosen = form.values.texts["evidence_visibility"].flatMap { $0.isEmpty ? nil : $0 } ?? "public"
        options = Details.choices(context, EvidenceStore.Visibility.allCases.map(\.rawValue), prefix: "evidence.visibility.", selected: chosen)
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "error": return .init(error)
        case "hint": return .string(hint)
        case "options": return .init(options)
        default: return nil
        }
    }
}

/// The small form under a progress entry or a measured value that adds a file to it
/// (`admin/evidence_add`; issue 13: a photo taken after the entry was recorded documents it as
/// well). Its inputs' ids carry `key` ("p12", "v5"), unique on the page; a refused attempt is
/// shown open with its message.
struct AddEvidenceView: TemplateView {
    let action: String
    let key: String
    let open: Bool
    let field: EvidenceFieldView

    init(_ context: AdminContext, _ action: ExecutionRoute, key: String, _ form: DetailsForm?) {
        self.action = ExecutionPages.path(context, action)
        self.key = key
        open = form != nil
        field = EvidenceFieldView(context, (form ?? DetailsForm(values: [:])).view(context))
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "key": return .string(self.key)
        case "open": return .bool(open)
        case "field": return .init(field)
        default: return nil
        }
    }
}

/// A progress entry: the activity's current state, or one of its history with its files.
struct EntryView: TemplateView {
    let entry: ExecutionStore.Entry
    /// The status's label in the page's language.
    let status: String
    let reason: LocalizedText?
    let note: LocalizedText?
    /// Its files (`EvidenceView.adminList`); only in the history (nil elsewhere).
    let evidence: [AdminEvidence]?
    let addEvidence: AddEvidenceView?

    init(_ context: AdminContext, _ entry: ExecutionStore.Entry, evidence: [AdminEvidence]? = nil, addEvidence: AddEvidenceView? = nil) {
        self.entry = entry
        status = ExecutionPages.statusLabel(context, entry.status)
        reason = ExecutionPages.text(entry.reason, context.language)
        note = ExecutionPages.text(entry.note, context.language)
        self.evidence = evidence
        self.addEvidence = addEvidence
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "on": return .string(entry.on)
        case "status": return .string(status)
        case "status_code": return .string(entry.status.rawValue)
        case "percent": return .int(entry.percent)
        case "started_on": return .init(entry.startedOn)
        case "ended_on": return .init(entry.endedOn)
        case "actual": return .init(entry.actualCentimes)
        case "reason": return .init(reason)
        case "note": return .init(note)
        case "by": return .string(entry.recordedBy)
        case "evidence": return evidence.map { .init($0) } ?? .null
        case "add_evidence": return .init(addEvidence)
        default: return nil
        }
    }
}

/// An indicator as the overview lists it: its plan and its latest measured value.
struct IndicatorLine: TemplateView {
    let id: Int
    /// The kind's and unit's labels in the page's language.
    let kind: String
    let position: Int
    let text: LocalizedText
    let href: String
    let unit: String?
    /// The values in the unit's words.
    let baseline: String?
    let target: String?
    let latest: String?
    let latestOn: String?
    /// How many values were measured.
    let count: Int

    init(_ context: AdminContext, period: String, _ indicator: ExecutionStore.Indicator, _ record: ExecutionRecord) {
        let plan = indicator.plan
        func shown(_ value: IndicatorValue?) -> String? { value.flatMap { v in plan.unit.map { $0.shown(v, context.language) } } }
        let measured = record.measurements[indicator.id] ?? []
        id = indicator.id
        kind = context.t("execution.kind." + indicator.kind)
        position = indicator.position
        text = LocalizedText(indicator.text, context.language)
        href = ExecutionPages.path(context, .indicator(period: period, id: indicator.id))
        unit = plan.unit.map { context.t("execution.unit." + $0.rawValue) }
        baseline = shown(plan.baseline)
        target = shown(plan.target)
        latest = shown(measured.last?.value)
        latestOn = measured.last?.on
        count = measured.count
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .int(id)
        case "kind": return .string(kind)
        case "position": return .int(position)
        case "text": return .init(text)
        case "href": return .string(href)
        case "unit": return .init(unit)
        case "baseline": return .init(baseline)
        case "target": return .init(target)
        case "latest": return .init(latest)
        case "latest_on": return .init(latestOn)
        case "count": return .int(count)
        default: return nil
        }
    }
}

/// A program's execution for its staff (`admin/execution`): each project's progress, its
/// activities and indicators, with the links to record them.
struct ExecutionOverviewView: TemplateView {
    /// Why nothing can be recorded now.
    let noticeText: String?
    let mayRecord: Bool
    let amendmentOpen: Bool
    /// The whole program's rounded percent; nil when no activity is counted.
    let percent: Int?
    /// How the percent was weighted, in words.
    let weighting: String
    let projects: [Project]
    let importHref: String?
    let publicHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "notice_text": return .init(noticeText)
        case "may_record": return .bool(mayRecord)
        case "amendment_open": return .bool(amendmentOpen)
        case "percent": return .init(percent)
        case "weighting": return .string(weighting)
        case "projects": return .init(projects)
        case "import_href": return .init(importHref)
        case "public_href": return .string(publicHref)
        default: return nil
        }
    }

    /// A project with its activities and indicators.
    struct Project: TemplateView {
        let number: Int
        let title: LocalizedText
        let percent: Int?
        let activities: [Activity]
        let indicators: [IndicatorLine]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "title": return .init(title)
            case "percent": return .init(percent)
            case "activities": return .init(activities)
            case "indicators": return .init(indicators)
            default: return nil
            }
        }
    }

    /// An activity with its current state, linking to its progress page.
    struct Activity: TemplateView {
        let number: Int
        let title: LocalizedText
        let href: String
        /// The status's label in the page's language, and as stored.
        let status: String
        let statusCode: String
        let percent: Int
        let plannedEnd: String?
        let late: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "title": return .init(title)
            case "href": return .string(href)
            case "status": return .string(status)
            case "status_code": return .string(statusCode)
            case "percent": return .int(percent)
            case "planned_end": return .init(plannedEnd)
            case "late": return .bool(late)
            default: return nil
            }
        }
    }
}

/// An activity's progress page (`admin/execution_activity`): what was planned, the current
/// state, the history with its files, and the form of a new entry.
struct ExecutionActivityView: TemplateView {
    let project: ProjectHeading
    let activity: Facts
    let current: EntryView?
    let history: [EntryView]
    let noticeText: String?
    let mayRecord: Bool
    let form: DetailsFormView
    let evidenceField: EvidenceFieldView
    let fields: [FieldView]
    let dateField: [FieldView]
    let statusOptions: [FormChoice]
    let action: String
    let backHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "project": return .init(project)
        case "activity": return .init(activity)
        case "current": return .init(current)
        case "history": return .init(history)
        case "notice_text": return .init(noticeText)
        case "may_record": return .bool(mayRecord)
        case "form": return .init(form)
        case "evidence_field": return .init(evidenceField)
        case "fields": return .init(fields)
        case "date_field": return .init(dateField)
        case "status_error": return .init(form.errors.texts["status"])
        case "status_options": return .init(statusOptions)
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        default: return nil
        }
    }

    /// The activity as planned.
    struct Facts: TemplateView {
        let number: Int
        let title: LocalizedText
        let start: String?
        let end: String?
        /// In centimes.
        let cost: Int?
        /// The cost as the document words it, when it gives no amount.
        let costText: LocalizedText?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "title": return .init(title)
            case "start": return .init(start)
            case "end": return .init(end)
            case "cost": return .init(cost)
            case "cost_text": return .init(costText)
            default: return nil
            }
        }
    }
}

/// An indicator's page (`admin/execution_indicator`): its plan and the form that sets it (the
/// parts still editable), its measured values with their files, and the form of a new value.
struct ExecutionIndicatorView: TemplateView {
    let project: ProjectHeading
    let indicator: IndicatorPlanView
    let values: [Measured]
    let noticeText: String?
    let mayRecord: Bool
    let mayPlan: Bool
    let planEditable: Bool
    let needsUnit: Bool
    let amendmentOpen: Bool
    /// The parts of the plan this person may change now.
    let editable: Set<ExecutionRules.Part>
    let planForm: DetailsFormView
    let valueForm: DetailsFormView
    let evidenceField: EvidenceFieldView
    let baselineFields: [FieldView]
    let targetFields: [FieldView]
    let measureFields: [FieldView]
    let unitOptions: [FormChoice]
    let planAction: String
    let valueAction: String
    let backHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "project": return .init(project)
        case "indicator": return .init(indicator)
        case "values": return .init(values)
        case "notice_text": return .init(noticeText)
        case "may_record": return .bool(mayRecord)
        case "may_plan": return .bool(mayPlan)
        case "plan_editable": return .bool(planEditable)
        case "needs_unit": return .bool(needsUnit)
        case "amendment_open": return .bool(amendmentOpen)
        case "editable": return .init(EditableParts(parts: editable))
        case "plan_form": return .init(planForm)
        case "value_form": return .init(valueForm)
        case "evidence_field": return .init(evidenceField)
        case "baseline_fields": return .init(baselineFields)
        case "target_fields": return .init(targetFields)
        case "unit_error": return .init(planForm.errors.texts["unit"])
        case "measure_fields": return .init(measureFields)
        case "unit_options": return .init(unitOptions)
        case "plan_action": return .string(planAction)
        case "value_action": return .string(valueAction)
        case "back_href": return .string(backHref)
        default: return nil
        }
    }

    /// Whether each part of the plan (`editable.unit`, `editable.baseline`, `editable.target`) may be changed.
    struct EditableParts: TemplateView {
        let parts: Set<ExecutionRules.Part>

        func member(_ key: String) -> TemplateValue? { ExecutionRules.Part(rawValue: key).map { .bool(parts.contains($0)) } }
    }

    /// A measured value with its source, note and files.
    struct Measured: TemplateView {
        let on: String
        /// In the unit's words.
        let value: String?
        let source: LocalizedText?
        let note: LocalizedText?
        let evidence: [AdminEvidence]
        let addEvidence: AddEvidenceView?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "on": return .string(on)
            case "value": return .init(value)
            case "source": return .init(source)
            case "note": return .init(note)
            case "evidence": return .init(evidence)
            case "add_evidence": return .init(addEvidence)
            default: return nil
            }
        }
    }
}
