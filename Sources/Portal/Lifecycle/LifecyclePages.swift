import Foundation
import HTTP
import SQLite
import Templates

/// The lifecycle handlers: the page of a program's life (state, offered transitions, amendments,
/// versions), the transition and amendment forms, "publish this draft", and the 409 page the
/// editor shows when an adopted program is edited outside an amendment. Whether an action is
/// offered and whether its POST is accepted are both `Lifecycle.decide`; each POST is one write
/// transaction that checks it again, so a page left open cannot act on a state that changed.
enum LifecyclePages {
    static func handle(_ route: LifecycleRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .overview(let period): return try overview(context, period: period)
        case .transition(let period, let to): return try transition(context, period: period, to: to)
        case .publish(let period): return try publish(context, period: period)
        case .newAmendment(let period): return try openAmendment(context, period: period)
        case .closeAmendment(let period, let id): return try closeAmendment(context, period: period, id: id)
        case .compare(let period): return try compare(context, period: period)
        case .versionFile(let period, let number, let json): return try versionFile(context, period: period, number: number, json: json)
        }
    }

    /// Any two versions compared, as on the public page but with the private ones (co-preparation
    /// drafts, which belong to the admin area only) among the choices.
    private static func compare(_ context: AdminContext, period: String) throws -> Outcome {
        let slug = context.commune?.slug ?? ""
        let page = PageRequest(route: .program(context.language, slug: slug, period: period, .compareVersions), language: context.language,
                               translations: context.site.templates.translations)
        let action = route(context, .compare(period: period)).path
        let (comparison, status) = try context.database.read {
            try VersionPages.compare($0, slug: slug, period: period, query: context.request.query, page: page, includePrivate: true, action: action)
        }
        var view = PageView(template: "admin/lifecycle_compare", title: comparison.title, view: LifecycleCompareView(
            programNav: ProgramNav.view(context, period: period, current: "lifecycle"), comparison: comparison.root))
        view.switchQuery = comparison.switchQuery
        return context.render(view, status: status)
    }

    /// Any version, private ones too, as the same CSV or JSON as the live program.
    private static func versionFile(_ context: AdminContext, period: String, number: Int, json: Bool) throws -> Outcome {
        let snapshot = try context.database.read { db -> ProgramSnapshot in
            let program = try VersionPages.program(db, slug: context.commune?.slug ?? "", period: period)
            guard let version = try VersionStore.list(db, programID: program.id).first(where: { $0.number == number }) else { throw PageError.notFound }
            return try VersionStore.load(db, versionID: version.id)
        }
        let record = ProgramRecord(snapshot: snapshot)
        return .response(json ? try ProgramExport.jsonResponse(record) : ProgramExport.csvResponse(record, context.language, name: "-v\(number)"))
    }

    // MARK: - Helpers

    private static func route(_ context: AdminContext, _ route: LifecycleRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .lifecycle(route))
    }

    private static func communeID(_ context: AdminContext) throws -> Int {
        guard let commune = context.commune else { throw PageError.notFound }
        return commune.id
    }

    /// A catalog text in `language` with `{1}`, `{2}`… replaced.
    private static func text(_ context: AdminContext, _ key: String, _ language: Language, _ arguments: [String] = []) -> String {
        context.translations.fill(key, language, arguments)
    }

    /// A catalog text in the page's language.
    private static func text(_ context: AdminContext, _ key: String, _ arguments: [String] = []) -> String {
        text(context, key, context.language, arguments)
    }

    /// A catalog text in both languages, for the labels stored with a frozen version.
    private static func label(_ context: AdminContext, _ key: String, state: ProgramState) -> Localized {
        func one(_ language: Language) -> String { text(context, key, language, [text(context, "status." + state.rawValue, language)]) }
        return Localized(arabic: one(.ar), french: one(.fr))
    }

    private static func statusName(_ context: AdminContext, _ state: ProgramState) -> String {
        text(context, "status." + state.rawValue)
    }

    /// "12 mars 2026 10:04" in Morocco time for a stored UTC instant.
    private static func moment(_ utc: String, _ context: AdminContext) -> String {
        guard let date = Timestamp.date(utc) else { return utc }
        return PeoplePages.moment(date, context)
    }

    /// A lifecycle page in the admin layout, under the program's tabs, its title as its heading.
    private static func render(_ context: AdminContext, _ template: String, title: String, period: String,
                               _ view: some TemplateView, status: HTTPStatus = .ok) -> Outcome {
        Details.page(context, template, title: title, tab: "lifecycle", period: period, view, status: status)
    }

    /// The answer to a refused action: 409 with the reason when it does not exist now, 403 when
    /// it is not for this person.
    private static func refused(_ context: AdminContext, period: String, _ decision: Lifecycle.Decision) throws -> Outcome {
        switch decision {
        case .allowed: throw PageError(.internalServerError, reason: "an allowed lifecycle action was refused")
        case .notYours:
            let view = PageView(template: "admin/forbidden", title: context.t("admin.forbidden.title"),
                                view: LifecycleForbiddenView(reason: context.t("lifecycle.refused.role")))
            return context.render(view, status: .forbidden)
        case .notNow(let key):
            return render(context, "admin/lifecycle_refused", title: context.t("lifecycle.refused.title"), period: period, LifecycleRefusal(
                message: context.t(key), hint: nil, backHref: route(context, .overview(period: period)).path, editorHref: nil
            ), status: .conflict)
        }
    }

    /// The page the editor answers with when an adopted program is edited outside an amendment
    /// (`ProgramLock.Locked`): 409, nothing written, and where to go to open an amendment.
    static func locked(_ context: AdminContext, period: String) throws -> Outcome {
        let communeID = try communeID(context)
        let program = try context.database.read { try LifecycleStore.program($0, communeID: communeID, period: period) }
        let mayAmend = Lifecycle.decide(.openAmendment, state: program.state, amendmentOpen: false, account: context.account,
                                        communeID: communeID) == .allowed
        return render(context, "admin/lifecycle_refused", title: context.t("lifecycle.locked.title"), period: period, LifecycleRefusal(
            message: text(context, "lifecycle.locked.message", [statusName(context, program.state)]),
            hint: context.t(mayAmend ? "lifecycle.locked.amend" : "lifecycle.locked.ask"),
            backHref: route(context, .overview(period: period)).path,
            editorHref: AdminRoute.commune(context.language, slug: context.commune?.slug ?? "", .editor(.program(period: period))).path
        ), status: .conflict)
    }

    // MARK: - The lifecycle page

    static func overview(_ context: AdminContext, period: String) throws -> Outcome {
        let communeID = try communeID(context)
        let slug = context.commune?.slug ?? ""
        let language = context.language
        let (program, transitions, amendments, versions) = try context.database.read { db in
            let program = try LifecycleStore.program(db, communeID: communeID, period: period)
            return (program, try LifecycleStore.transitions(db, programID: program.id),
                    try LifecycleStore.amendments(db, programID: program.id), try VersionStore.list(db, programID: program.id))
        }
        let open = amendments.first { $0.isOpen }
        func decide(_ action: LifecycleAction) -> Bool {
            Lifecycle.decide(action, state: program.state, amendmentOpen: open != nil, account: context.account, communeID: communeID) == .allowed
        }
        let offered = Lifecycle.transitions(state: program.state, amendmentOpen: open != nil, account: context.account, communeID: communeID)
        let numbers = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0.number) })
        func publicRoute(_ page: SiteRoute.ProgramPage) -> String { SiteRoute.program(language, slug: slug, period: period, page).path }

        let adminCompare = route(context, .compare(period: period)).path
        let versionLines = versions.enumerated().map { index, version in
            LifecycleView.Version(
                number: version.number, label: LocalizedText(version.label, language),
                reason: context.t("lifecycle.reason." + version.reason.rawValue), state: context.t("status." + version.state),
                isPublic: version.isPublic, frozen: moment(version.frozenAt, context), effectiveOn: version.shownDate,
                // Staff compare each version with the one before it, private or public.
                compareHref: index > 0 ? adminCompare + "?from=\(versions[index - 1].number)&to=\(version.number)" : nil,
                csvHref: route(context, .versionFile(period: period, number: version.number, json: false)).path,
                jsonHref: route(context, .versionFile(period: period, number: version.number, json: true)).path)
        }
        let history = transitions.map { step in
            LifecycleView.HistoryEntry(day: step.day, from: statusName(context, step.from), to: statusName(context, step.to),
                                       rework: step.to < step.from, note: step.note.map { LocalizedText($0, language) },
                                       by: step.recordedBy, version: numbers[step.versionID])
        }
        func amendment(_ amendment: LifecycleStore.Amendment, _ state: LifecycleView.Amendment.State) -> LifecycleView.Amendment {
            LifecycleView.Amendment(title: LocalizedText(amendment.title, language), decisionRef: amendment.decisionRef,
                                    opened: moment(amendment.openedAt, context), by: amendment.openedBy, state: state)
        }
        let view = LifecycleView(
            state: statusName(context, program.state),
            steps: ProgramState.allCases.map { state in
                LifecycleView.Step(label: statusName(context, state), current: state == program.state, past: state < program.state)
            },
            offered: offered.map { step in
                LifecycleView.Offer(label: text(context, step.isRework ? "lifecycle.rework_to" : "lifecycle.move_to", [statusName(context, step.to)]),
                                    href: route(context, .transition(period: period, to: step.to)).path)
            },
            publishAction: decide(.publish) ? route(context, .publish(period: period)).path : nil,
            publishPublic: program.state.versionsArePublic,
            amendHref: decide(.openAmendment) ? route(context, .newAmendment(period: period)).path : nil,
            openAmendment: open.map { open in
                amendment(open, .open(closeAction: decide(.closeAmendment) ? route(context, .closeAmendment(period: period, id: open.id)).path : nil))
            },
            locked: program.state.isAdopted && open == nil,
            history: history,
            amendments: amendments.filter { !$0.isOpen }.map { closed in
                amendment(closed, .closed(on: closed.closedAt.map { moment($0, context) } ?? "", version: closed.versionID.flatMap { numbers[$0] }))
            },
            versions: versionLines,
            publicVersionsHref: publicRoute(.versions))
        return render(context, "admin/lifecycle_overview", title: text(context, "lifecycle.title", [program.title.text(language)]),
                      period: period, view)
    }

    // MARK: - A transition

    /// The transition form as typed (or as first shown) with its messages.
    private struct TransitionForm {
        var values: [String: String]
        var errors: [String: String] = [:]

        init(_ context: AdminContext) {
            values = [:]
            for name in ["date", "note_ar", "note_fr", "session_ar", "session_fr", "decision_ref"] { values[name] = context.field(name) }
            values["date"] = EditorInput.asciiDigits(values["date"] ?? "")
        }

        func value(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// The comments call a step to consultation may open with it: its fields as typed, and
    /// whether the focal point asked for it (on by default, as the consultation needs one).
    private struct CommentsCallForm {
        var form: DetailsForm
        var opens: Bool
        var axisIDs: [Int] = []
        var draft: CallStore.Draft? = nil

        /// The form first shown: a call opening now, with the usual title.
        init(defaultsAt now: Date, context: AdminContext) {
            let defaults: [String: String?] = [
                "kind": "draft-comments", "channel": "platform",
                "title_ar": context.site.templates.translations.text("calls.default_comments_title", .ar),
                "title_fr": context.site.templates.translations.text("calls.default_comments_title", .fr),
                "opens_on": MoroccoTime.day(now), "opens_time": MoroccoTime.time(now), "closes_time": "23:59",
            ]
            form = DetailsForm(values: defaults)
            opens = true
        }

        /// The submitted form, read only when the step goes to consultation.
        init(submittedIn context: AdminContext, to: ProgramState) {
            form = DetailsForm(context)
            opens = to == .consultation && context.field("open_call") == "1"
            guard opens else { form = DetailsForm(values: [:]); return }
            axisIDs = (context.form?.values("axes") ?? []).compactMap { Int($0) }
            draft = CallPages.read(&form, context, axisIDs: axisIDs)
            if draft?.kind != "draft-comments" { form.fail("kind", "details.error.choice"); draft = nil }
        }
    }

    static func transition(_ context: AdminContext, period: String, to: ProgramState) throws -> Outcome {
        let communeID = try communeID(context)
        guard context.form != nil else {
            let (program, open) = try context.database.read { db in
                let program = try LifecycleStore.program(db, communeID: communeID, period: period)
                return (program, try LifecycleStore.openAmendment(db, programID: program.id) != nil)
            }
            let decision = Lifecycle.decide(.transition(from: program.state, to: to), state: program.state, amendmentOpen: open,
                                            account: context.account, communeID: communeID)
            guard decision == .allowed else { return try refused(context, period: period, decision) }
            var form = TransitionForm(context)
            form.values["date"] = MoroccoTime.day(context.now)
            let call = CommentsCallForm(defaultsAt: context.now, context: context)
            return try transitionPage(context, period: period, program: program, to: to, form: form, call: call, status: .ok)
        }
        var form = TransitionForm(context)
        // The step to consultation may open the comments call in the same transaction (issue 12).
        var call = CommentsCallForm(submittedIn: context, to: to)
        enum Outcome { case done, invalid(LifecycleStore.Program), refused(Lifecycle.Decision) }
        let outcome: Outcome = try context.database.write { db in
            let program = try LifecycleStore.program(db, communeID: communeID, period: period)
            let open = try LifecycleStore.openAmendment(db, programID: program.id) != nil
            let decision = Lifecycle.decide(.transition(from: program.state, to: to), state: program.state, amendmentOpen: open,
                                            account: context.account, communeID: communeID)
            guard decision == .allowed else { return .refused(decision) }
            let last = try LifecycleStore.transitions(db, programID: program.id).last?.day
            let today = MoroccoTime.day(context.now)
            // Issue 14: the step's date as the documents give it — a day, a month ("the October 2023
            // session") or a range — is its effective date; the history is ordered by its first day.
            let typed = form.values["date"] ?? ""
            let span = DateSpan(typed: typed)
            let day = span.flatMap { $0.start }.map { $0.count == 7 ? $0 + "-01" : $0 } ?? typed
            if typed.isEmpty { form.errors["date"] = context.t("lifecycle.error.date_required") }
            else if span == nil || MoroccoTime.start(ofDay: day) == nil { form.errors["date"] = text(context, "lifecycle.error.date_invalid", [typed]) }
            else if day > today { form.errors["date"] = context.t("lifecycle.error.date_future") }
            else if let last, day < last { form.errors["date"] = text(context, "lifecycle.error.date_before", [Format.date(last, context.language)]) }
            if form.value("note_ar") == nil, form.value("note_fr") != nil { form.errors["note_ar"] = context.t("lifecycle.error.note_ar") }
            var adoption: LifecycleStore.Adoption? = nil
            if to == .adopted {
                if form.value("session_ar") == nil { form.errors["session_ar"] = context.t("lifecycle.error.session_required") }
                if form.value("decision_ref") == nil { form.errors["decision_ref"] = context.t("lifecycle.error.decision_required") }
                if let session = form.value("session_ar"), let reference = form.value("decision_ref") {
                    adoption = LifecycleStore.Adoption(session: Localized(arabic: session, french: form.value("session_fr")), decisionRef: reference)
                }
            }
            if call.opens, let draft = call.draft,
               let problem = try CallStore.problems(db, programID: program.id, state: to, draft: draft, id: nil, words: CallPages.words(context)).first {
                call.form.fail(problem.field, problem.key, problem.arguments, count: problem.count)
            }
            guard form.errors.isEmpty, call.form.isValid else { return .invalid(program) }
            let note = form.value("note_ar").map { Localized(arabic: $0, french: form.value("note_fr")) }
            try LifecycleStore.transition(db, program: program, to: to, day: day, effective: span, note: note, adoption: adoption,
                                          label: label(context, "lifecycle.version.transition", state: to),
                                          audit: context.audit, userID: context.account.id)
            var moved = program
            moved.state = to
            if call.opens, let draft = call.draft {
                _ = try CallStore.create(db, program: moved, draft: draft, audit: context.audit, words: CallPages.words(context))
            }
            // Back to draft: the comments call on the draft being reworked closes now (issue 12).
            if to == .draft { try CallStore.closeCommentsOnRework(db, program: moved, at: context.now, audit: context.audit) }
            return .done
        }
        switch outcome {
        case .done: return context.redirect(to: route(context, .overview(period: period)), notice: "notice.lifecycle_moved")
        case .refused(let decision): return try refused(context, period: period, decision)
        case .invalid(let program):
            return try transitionPage(context, period: period, program: program, to: to, form: form, call: call, status: .unprocessableContent)
        }
    }

    private static func transitionPage(_ context: AdminContext, period: String, program: LifecycleStore.Program, to: ProgramState,
                                       form: TransitionForm, call: CommentsCallForm, status: HTTPStatus) throws -> Outcome {
        let rework = to < program.state
        var commentsCall: CommentsCallView? = nil
        if to == .consultation {
            let axes = try context.database.read { try CallStore.axes($0, programID: program.id) }
            commentsCall = CommentsCallView(
                call: call.form.view(context), openCall: call.opens,
                kindOptions: Details.choices(context, ["draft-comments"], prefix: "call.kind.", selected: "draft-comments"),
                channelOptions: Details.choices(context, CallStore.channels, prefix: "calls.channel.", selected: call.form.typed["channel"]),
                axes: axes.map { axis in
                    CommentsCallView.Axis(id: axis.id, number: axis.number, title: LocalizedText(axis.title, context.language),
                                          checked: call.axisIDs.contains(axis.id))
                })
        }
        let view = TransitionView(
            from: statusName(context, program.state), to: statusName(context, to), rework: rework, adoption: to == .adopted,
            isPublic: to.versionsArePublic, action: route(context, .transition(period: period, to: to)).path,
            backHref: route(context, .overview(period: period)).path,
            form: LifecycleFormView(values: form.values, errors: form.errors, invalid: !form.errors.isEmpty || !call.form.isValid),
            commentsCall: commentsCall)
        let title = text(context, rework ? "lifecycle.rework_to" : "lifecycle.move_to", [statusName(context, to)])
        return render(context, "admin/lifecycle_transition", title: title, period: period, view, status: status)
    }

    // MARK: - Publishing a draft

    static func publish(_ context: AdminContext, period: String) throws -> Outcome {
        let communeID = try communeID(context)
        let refusal: Lifecycle.Decision? = try context.database.write { db in
            let program = try LifecycleStore.program(db, communeID: communeID, period: period)
            let open = try LifecycleStore.openAmendment(db, programID: program.id) != nil
            let decision = Lifecycle.decide(.publish, state: program.state, amendmentOpen: open, account: context.account, communeID: communeID)
            guard decision == .allowed else { return decision }
            try LifecycleStore.publish(db, program: program, label: label(context, "lifecycle.version.publish", state: program.state),
                                       audit: context.audit, userID: context.account.id)
            return nil
        }
        if let refusal { return try refused(context, period: period, refusal) }
        return context.redirect(to: route(context, .overview(period: period)), notice: "notice.lifecycle_published")
    }

    // MARK: - Amendments

    static func openAmendment(_ context: AdminContext, period: String) throws -> Outcome {
        let communeID = try communeID(context)
        var values: [String: String] = [:]
        for name in ["title_ar", "title_fr", "decision_ref"] { values[name] = context.field(name) }
        var errors: [String: String] = [:]
        enum Outcome { case done, invalid, refused(Lifecycle.Decision) }
        func decision(_ db: Connection) throws -> (LifecycleStore.Program, Lifecycle.Decision) {
            let program = try LifecycleStore.program(db, communeID: communeID, period: period)
            let open = try LifecycleStore.openAmendment(db, programID: program.id) != nil
            return (program, Lifecycle.decide(.openAmendment, state: program.state, amendmentOpen: open, account: context.account, communeID: communeID))
        }
        let outcome: Outcome
        if context.form == nil {
            let (_, decided) = try context.database.read { try decision($0) }
            outcome = decided == .allowed ? .invalid : .refused(decided)   // the empty form, or why there is none
        } else {
            outcome = try context.database.write { db in
                let (program, decided) = try decision(db)
                guard decided == .allowed else { return .refused(decided) }
                let titleAr = values["title_ar"] ?? "", reference = values["decision_ref"] ?? ""
                if titleAr.isEmpty { errors["title_ar"] = context.t("lifecycle.error.title_required") }
                if reference.isEmpty { errors["decision_ref"] = context.t("lifecycle.error.decision_required") }
                guard errors.isEmpty else { return .invalid }
                try LifecycleStore.openAmendment(db, program: program, title: Localized(arabic: titleAr, french: values["title_fr"]),
                                                 decisionRef: reference, audit: context.audit, userID: context.account.id)
                return .done
            }
        }
        switch outcome {
        case .done: return context.redirect(to: route(context, .overview(period: period)), notice: "notice.amendment_opened")
        case .refused(let decision): return try refused(context, period: period, decision)
        case .invalid:
            let view = AmendmentFormView(action: route(context, .newAmendment(period: period)).path,
                                         backHref: route(context, .overview(period: period)).path,
                                         form: LifecycleFormView(values: values, errors: errors, invalid: !errors.isEmpty))
            return render(context, "admin/lifecycle_amendment", title: context.t("lifecycle.amendment.new"), period: period, view,
                          status: errors.isEmpty ? .ok : .unprocessableContent)
        }
    }

    static func closeAmendment(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let communeID = try communeID(context)
        let refusal: Lifecycle.Decision? = try context.database.write { db in
            let program = try LifecycleStore.program(db, communeID: communeID, period: period)
            let open = try LifecycleStore.openAmendment(db, programID: program.id)
            let decision = Lifecycle.decide(.closeAmendment, state: program.state, amendmentOpen: open?.id == id,
                                            account: context.account, communeID: communeID)
            guard decision == .allowed, let open else { return decision }
            try LifecycleStore.closeAmendment(db, program: program, amendment: open, audit: context.audit, userID: context.account.id)
            return nil
        }
        if let refusal { return try refused(context, period: period, refusal) }
        return context.redirect(to: route(context, .overview(period: period)), notice: "notice.amendment_closed")
    }
}

/// The lifecycle page of a program: where it stands among the states, the steps offered now,
/// the open amendment, the history of transitions and amendments, and the frozen versions.
struct LifecycleView: TemplateView {
    /// A state of the row of steps, marked when it is the current one or one passed.
    struct Step: TemplateView {
        let label: String
        let current: Bool
        let past: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return .string(label)
            case "current": return .bool(current)
            case "past": return .bool(past)
            default: return nil
            }
        }
    }

    /// A transition this person may make now, as a link to its form.
    struct Offer: TemplateView {
        let label: String
        let href: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return .string(label)
            case "href": return .string(href)
            default: return nil
            }
        }
    }

    /// A recorded transition: its day, the states before and after, its note, who recorded it
    /// and the version it froze.
    struct HistoryEntry: TemplateView {
        let day: String
        let from: String
        let to: String
        /// Back to an earlier state.
        let rework: Bool
        let note: LocalizedText?
        let by: String?
        let version: Int?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "day": return .string(day)
            case "from": return .string(from)
            case "to": return .string(to)
            case "rework": return .bool(rework)
            case "note": return .init(note)
            case "by": return .init(by)
            case "version": return .init(version)
            default: return nil
            }
        }
    }

    /// An amendment: the open one with its close form, or a closed one with when it closed and
    /// the version it froze (each answers only its own keys).
    struct Amendment: TemplateView {
        /// Open or closed, with what the page shows of each.
        enum State: Sendable {
            /// Where it is closed; nil when this person may not close it.
            case open(closeAction: String?)
            case closed(on: String, version: Int?)
        }

        let title: LocalizedText
        let decisionRef: String
        let opened: String
        let by: String
        let state: State

        func member(_ key: String) -> TemplateValue? {
            switch (key, state) {
            case ("title", _): return .init(title)
            case ("decision_ref", _): return .string(decisionRef)
            case ("opened", _): return .string(opened)
            case ("by", _): return .string(by)
            case ("close_action", .open(let action)): return .init(action)
            case ("closed", .closed(let on, _)): return .string(on)
            case ("version", .closed(_, let version)): return .init(version)
            default: return nil
            }
        }
    }

    /// A frozen version, with its files and the comparison with the one before it.
    struct Version: TemplateView {
        let number: Int
        let label: LocalizedText
        let reason: String
        let state: String
        let isPublic: Bool
        let frozen: String
        let effectiveOn: String
        let compareHref: String?
        let csvHref: String
        let jsonHref: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "label": return .init(label)
            case "reason": return .string(reason)
            case "state": return .string(state)
            case "public": return .bool(isPublic)
            case "frozen": return .string(frozen)
            case "effective_on": return .string(effectiveOn)
            case "compare_href": return .init(compareHref)
            case "csv_href": return .string(csvHref)
            case "json_href": return .string(jsonHref)
            default: return nil
            }
        }
    }

    /// The current state in words.
    let state: String
    let steps: [Step]
    let offered: [Offer]
    /// Where "publish this draft" is sent, when this person may publish now.
    let publishAction: String?
    /// Whether a version frozen now would be public.
    let publishPublic: Bool
    let amendHref: String?
    let openAmendment: Amendment?
    /// Adopted, and no amendment open: the matrix cannot be edited.
    let locked: Bool
    let history: [HistoryEntry]
    /// The closed amendments.
    let amendments: [Amendment]
    let versions: [Version]
    let publicVersionsHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "state": return .string(state)
        case "steps": return .init(steps)
        case "offered": return .init(offered)
        case "publish_action": return .init(publishAction)
        case "publish_public": return .bool(publishPublic)
        case "amend_href": return .init(amendHref)
        case "open_amendment": return .init(openAmendment)
        case "locked": return .bool(locked)
        case "history": return .init(history)
        case "amendments": return .init(amendments)
        case "versions": return .init(versions)
        case "public_versions_href": return .string(publicVersionsHref)
        default: return nil
        }
    }
}

/// A lifecycle form as typed, with its messages: what `v.name`, `e.name` and `invalid` read.
struct LifecycleFormView: TemplateView {
    /// Field name -> the text as typed.
    let values: [String: String]
    /// Field name -> its message in the page's language.
    let errors: [String: String]
    let invalid: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "v": return .init(FieldTexts(texts: values))
        case "e": return .init(FieldTexts(texts: errors))
        case "invalid": return .bool(invalid)
        default: return nil
        }
    }
}

/// The form of a transition: the states it goes from and to, whether it is the council's
/// adoption, and, on the step to consultation, the comments call it may open.
struct TransitionView: TemplateView {
    let from: String
    let to: String
    let rework: Bool
    let adoption: Bool
    /// Whether the version it freezes is public.
    let isPublic: Bool
    let action: String
    let backHref: String
    let form: LifecycleFormView
    /// Only on the step to consultation (no key otherwise).
    let commentsCall: CommentsCallView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "from": return .string(from)
        case "to": return .string(to)
        case "rework": return .bool(rework)
        case "adoption": return .bool(adoption)
        case "public": return .bool(isPublic)
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        case "comments_call": return commentsCall.map { .init($0) }
        default: return form.member(key)
        }
    }
}

/// The comments call the step to consultation may open, as `admin/call_fields` reads it.
struct CommentsCallView: TemplateView {
    /// An axis of the program, ticked when the call is about it (the call form's own).
    typealias Axis = CallFormView.Axis

    /// The call's fields as `DetailsForm` gives them (`v`, `e`, `invalid`).
    let call: DetailsFormView
    let openCall: Bool
    let kindOptions: [FormChoice]
    let channelOptions: [FormChoice]
    let axes: [Axis]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "call": return .init(call)
        case "open_call": return .bool(openCall)
        case "kind_options": return .init(kindOptions)
        case "channel_options": return .init(channelOptions)
        case "axes": return .init(axes)
        default: return nil
        }
    }
}

/// The form that opens an amendment.
struct AmendmentFormView: TemplateView {
    let action: String
    let backHref: String
    let form: LifecycleFormView

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        default: return form.member(key)
        }
    }
}

/// Why an action is not possible now (409): the reason, a hint, the way back and, for a locked
/// program, the way to the editor.
struct LifecycleRefusal: TemplateView {
    let message: String
    let hint: String?
    let backHref: String
    let editorHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "message": return .string(message)
        case "hint": return .init(hint)
        case "back_href": return .string(backHref)
        case "editor_href": return .init(editorHref)
        default: return nil
        }
    }
}

/// The 403 page's reason, when a lifecycle action is not for this person.
struct LifecycleForbiddenView: TemplateView {
    let reason: String

    func member(_ key: String) -> TemplateValue? { key == "reason" ? .string(reason) : nil }
}

/// The comparison of two versions as staff see it: the public comparison's view, under the
/// program's admin tabs.
struct LifecycleCompareView: TemplateView {
    let programNav: ProgramNavView?
    let comparison: TemplateValue

    func member(_ key: String) -> TemplateValue? { key == "program_nav" ? .init(programNav) : comparison.member(key) }
}
