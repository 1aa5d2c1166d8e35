import Foundation
import HTTP
import SQLite
import Templates

/// The committee's work on one proposal: its page (full text, personal data, history) and the
/// three decisions it can take — a status with a public answer, a merge into the proposal it
/// duplicates, hiding it as spam. Each decision is one write transaction with its audit
/// entries; a refused one shows the page again (422) with the message beside the field and
/// everything typed kept. Public pages read the same rows, so they change at once.
enum TriagePages {
    static let answerMax = 4000
    static let reasonMax = 2000

    static func handle(_ route: TriageRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .queue(let period): return try TriageQueue.page(context, period: period)
        case .workshop(let period):
            return context.form == nil ? try WorkshopEntry.page(context, period: period) : try WorkshopEntry.save(context, period: period)
        case .proposal(let period, let id): return try page(context, period: period, id: id, forms: Forms())
        case .status(let period, let id): return try setStatus(context, period: period, id: id)
        case .merge(let period, let id): return try merge(context, period: period, id: id)
        case .hide(let period, let id): return try hide(context, period: period, id: id)
        case .unhide(let period, let id): return try unhide(context, period: period, id: id)
        }
    }

    /// What was typed in the page's forms, and what was wrong with it (field → catalog key).
    struct Forms {
        var status: String?
        var project: String?
        var answer: String?
        var reason: String?
        var target: String?
        var hideReason: String?
        var errors: [String: String] = [:]
    }

    // MARK: - Decisions

    private static func setStatus(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let (program, current) = try load(context, period: period, id: id)
        var forms = Forms(status: context.field("status"), project: context.field("project"),
                          answer: context.field("answer"), reason: context.field("reason"))
        let status = forms.status ?? ""
        if !TriageProposal.statuses.contains(status) { forms.errors["status"] = "triage.error.status" }
        var projectID: Int? = nil
        if status == "integrated" {
            if let id = Int(forms.project ?? ""), program.projects.contains(where: { $0.id == id }) { projectID = id }
            else { forms.errors["project"] = "triage.error.project" }
        }
        let answer = forms.answer ?? "", reason = forms.reason ?? ""
        if answer.count > answerMax { forms.errors["answer"] = "triage.error.too_long" }
        if status == "rejected" && reason.isEmpty { forms.errors["reason"] = "triage.error.reason" }
        if reason.count > reasonMax { forms.errors["reason"] = "triage.error.too_long" }
        guard forms.errors.isEmpty else { return try page(context, period: period, id: id, forms: forms, status: .unprocessableContent) }

        var decided = current
        decided.status = status
        decided.publicAnswer = answer.isEmpty ? nil : answer
        decided.integratedProjectID = projectID
        decided.rejectionReason = status == "rejected" ? reason : nil
        // What the citizen sees changed: a message to the confirmed addresses it concerns,
        // queued in the decision's own transaction.
        let mailer = context.site.mailer, changed = current.decision != decided.decision
        let queued: Int = try context.database.write { db in
            try TriageStore.decide(db, id: id, status: status, answer: decided.publicAnswer, projectID: projectID,
                                   reason: decided.rejectionReason, at: context.now)
            let audit = context.audit, communeID = program.commune.id
            if current.status != status {
                try audit.record(db, action: "transition", entity: "proposal", entityID: id, field: "status",
                                 before: current.status, after: status, communeID: communeID, programID: program.id)
            }
            var before = current.decision, after = decided.decision
            before["status"] = nil
            after["status"] = nil
            try audit.recordChanges(db, entity: "proposal", entityID: id, before: before, after: after,
                                    communeID: communeID, programID: program.id)
            guard changed, !current.hidden, let mailer else { return 0 }
            return try MailStore.queueDecision(db, about: id, mailer: mailer, at: context.now)
        }
        if queued > 0 { context.site.mailSender?.wake() }
        return context.redirect(to: proposalRoute(context, period: period, id: id), notice: "notice.saved")
    }

    private static func merge(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let (program, current) = try load(context, period: period, id: id)
        var forms = Forms(target: context.field("target"))
        let targetID = Int(forms.target ?? "")
        if current.mergedIntoID != nil {
            forms.errors["target"] = "triage.error.already_merged"
        } else if targetID == nil {
            forms.errors["target"] = "triage.error.target"
        } else if targetID == id {
            forms.errors["target"] = "triage.error.merge_self"
        } else if let targetID {
            let target = try context.database.read { try TriageStore.proposal($0, id: targetID, programID: program.id) }
            if target == nil || target?.hidden == true { forms.errors["target"] = "triage.error.target" }
            else if target?.mergedIntoID != nil { forms.errors["target"] = "triage.error.merge_chain" }
        }
        guard forms.errors.isEmpty, let targetID else { return try page(context, period: period, id: id, forms: forms, status: .unprocessableContent) }
        let mailer = context.site.mailer
        let (merged, queued): (Bool, Bool) = try context.database.write { db in
            // Checked again where it is written; no chains: whatever was merged into this proposal now points at the kept one.
            guard let moved = try TriageStore.merge(db, id: id, into: targetID) else { return (false, false) }
            for merged in moved {
                try context.audit.record(db, action: "merge", entity: "proposal", entityID: merged, field: "merged_into_id",
                                         before: merged == id ? nil : String(id), after: String(targetID),
                                         communeID: program.commune.id, programID: program.id)
            }
            // Each author whose proposal now follows another is told which one.
            var queued = false
            if let mailer {
                for merged in moved {
                    if try MailStore.queueMerge(db, merged: merged, into: targetID, mailer: mailer, at: context.now) { queued = true }
                }
            }
            return (true, queued)
        }
        if queued { context.site.mailSender?.wake() }
        guard merged else {
            forms.errors["target"] = "triage.error.merge_chain"
            return try page(context, period: period, id: id, forms: forms, status: .unprocessableContent)
        }
        return context.redirect(to: proposalRoute(context, period: period, id: id), notice: "notice.triage.merged")
    }

    private static func hide(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let (program, current) = try load(context, period: period, id: id)
        var forms = Forms(hideReason: context.field("hide_reason"))
        let reason = forms.hideReason ?? ""
        if reason.isEmpty { forms.errors["hide_reason"] = "triage.error.hide_reason" }
        if reason.count > reasonMax { forms.errors["hide_reason"] = "triage.error.too_long" }
        if current.hidden { forms.errors["hide_reason"] = "triage.error.already_hidden" }
        guard forms.errors.isEmpty else { return try page(context, period: period, id: id, forms: forms, status: .unprocessableContent) }
        try context.database.write { db in
            try TriageStore.hide(db, id: id, reason: reason)
            try context.audit.record(db, action: "hide", entity: "proposal", entityID: id, field: "hidden_reason",
                                     before: nil, after: reason, communeID: program.commune.id, programID: program.id)
        }
        // A committee member who is not an administrator can no longer open it: back to the queue.
        let back: AdminRoute = context.account.isAdmin ? proposalRoute(context, period: period, id: id)
            : .commune(context.language, slug: program.commune.slug, .triage(.queue(period: period)))
        return context.redirect(to: back, notice: "notice.triage.hidden")
    }

    private static func unhide(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let (program, current) = try load(context, period: period, id: id)
        if current.hidden {
            try context.database.write { db in
                try TriageStore.unhide(db, id: id)
                try context.audit.record(db, action: "update", entity: "proposal", entityID: id, field: "hidden_reason",
                                         before: current.hiddenReason, after: nil, communeID: program.commune.id, programID: program.id)
            }
        }
        return context.redirect(to: proposalRoute(context, period: period, id: id), notice: "notice.saved")
    }

    // MARK: - The page

    /// The program and the proposal; a hidden one is not found for anyone but administrators.
    private static func load(_ context: AdminContext, period: String, id: Int) throws -> (ProgramRecord, TriageProposal) {
        guard let commune = context.commune else { throw PageError.notFound }
        return try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            guard let proposal = try TriageStore.proposal(db, id: id, programID: program.id),
                  !proposal.hidden || context.account.isAdmin else { throw PageError.notFound }
            return (program, proposal)
        }
    }

    private static func proposalRoute(_ context: AdminContext, period: String, id: Int) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .triage(.proposal(period: period, id: id)))
    }

    private static func page(_ context: AdminContext, period: String, id: Int, forms: Forms, status: HTTPStatus = .ok) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        func admin(_ route: TriageRoute) -> String { AdminRoute.commune(language, slug: commune.slug, .triage(route)).path }
        let view: PageView = try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            guard let p = try TriageStore.proposal(db, id: id, programID: program.id, language: language), !p.hidden || context.account.isAdmin else {
                throw PageError.notFound
            }
            // Who else is in the picture: the kept proposal, those merged into this one, and what it may be merged into.
            var mergedInto: TriageProposalView.Other? = nil
            // Hidden spam is for administrators only, also where a merge names it.
            let isAdmin = context.account.isAdmin
            if let kept = p.mergedIntoID, let target = try TriageStore.mergeTarget(db, id: kept, includingHidden: isAdmin) {
                mergedInto = .init(id: kept, title: target.title, href: admin(.proposal(period: period, id: kept)),
                                   trackingHref: SiteRoute.proposal(language, code: target.trackingCode).path)
            }
            let mergedFrom = try TriageStore.mergedInto(db, id: id, includingHidden: isAdmin).map { other in
                TriageProposalView.Other(id: other.id, title: other.title, href: admin(.proposal(period: period, id: other.id)))
            }
            let candidates: [FormChoice] = p.mergedIntoID != nil ? [] : try TriageStore.mergeCandidates(db, programID: program.id, excluding: id,
                                                                                          axisID: p.axisID).map { other in
                let axis = other.axisNumber.map { " · " + context.fill("program.axis_number", String($0)) } ?? ""
                return FormChoice(value: String(other.id), label: "#\(other.id)\(axis) · " + String(other.title.prefix(80)),
                                  selected: forms.target == String(other.id))
            }

            func error(_ field: String) -> String? {
                guard let key = forms.errors[field] else { return nil }
                let limit = field == "answer" ? answerMax : reasonMax
                return key == "triage.error.too_long" ? context.t(key, count: limit) : context.t(key)
            }
            let chosenStatus = forms.status ?? p.status
            let chosenProject = forms.project ?? p.integratedProjectID.map(String.init) ?? ""
            func projectName(_ project: ProgramRecord.Project) -> String { context.projectLabel(project.number, project.title) }
            let axis = program.axes.first { $0.id == p.axisID }
            let about = program.projects.first { $0.id == p.projectID }
            let integrated = program.projects.first { $0.id == p.integratedProjectID && p.status == "integrated" }
            var personal: [TriageProposalView.PersonalFact] = []
            func add(_ label: String, _ value: String?) {
                if let value, !value.isEmpty { personal.append(.init(label: context.t(label), value: value)) }
            }
            add("proposal.field.name", p.authorName.map { $0 + " · " + context.t(p.showName ? "triage.name.shown" : "triage.name.not_shown") })
            add("proposal.field.gender", p.gender.map { context.t("proposal.gender." + $0) })
            add("proposal.field.age_band", p.ageBand.map { context.t("proposal.age." + $0) })
            add("proposal.field.association", p.association)
            add("proposal.field.neighbourhood", p.neighbourhood)
            // Whether the author will hear of the answer, never the address: the committee
            // decides, the portal writes; the address stays with the one who gave it.
            // With mail off, a confirmed address hears of nothing: said so, so nobody counts on it.
            let mailOff = context.site.mail == nil
            add("mail.triage.label", try MailStore.notificationState(db, proposal: id).map {
                context.t("mail.triage." + ($0 == "confirmed" && mailOff ? "confirmed_off" : $0))
            })

            let proposal = TriageProposalView.Proposal(
                id: p.id, code: p.trackingCode, trackingHref: SiteRoute.proposal(language, code: p.trackingCode).path,
                title: p.title, description: p.description,
                card: p.card.map { .init(label: context.t($0.field), text: $0.text) },
                kind: context.t("proposal.kind." + p.kind),
                axis: axis.map { context.axisLabel($0.number, $0.title) }, about: about.map(projectName),
                channel: context.t("participation.channel." + p.channel),
                call: p.callTitle?.text(language), event: p.eventTitle?.text(language),
                // In Morocco time, its zone named, as the citizen's tracking page says it.
                received: (try? Call.parse(p.createdAt)).map { Call.moroccoTime($0, translations: context.site.templates.translations, language: language) } ?? p.createdAt,
                status: context.t("proposal.status." + p.status), statusCode: p.status,
                answer: p.publicAnswer, rejectionReason: p.rejectionReason, integrated: integrated.map(projectName),
                answered: p.answeredAt.map { Format.date(String($0.prefix(10)), language) },
                hidden: p.hidden, hiddenReason: p.hidden ? p.hiddenReason : nil,
                mergedInto: mergedInto, mergedFrom: mergedFrom)
            let page = TriageProposalView(
                programNav: ProgramNav.view(context, period: period, current: "proposals"),
                queueHref: admin(.queue(period: period)),
                proposal: proposal,
                personal: personal,
                // Said when it was erased, so that an empty list is not read as "gave nothing".
                personalErased: try PersonalDataStore.erasedOn(db, proposal: id).map { Format.date($0, language) },
                statusForm: .init(
                    action: admin(.status(period: period, id: id)),
                    statuses: TriageProposal.statuses.map {
                        FormChoice(value: $0, label: context.t("proposal.status." + $0), selected: $0 == chosenStatus)
                    },
                    projects: program.projects.map {
                        FormChoice(value: String($0.id), label: projectName($0), selected: String($0.id) == chosenProject)
                    },
                    answer: forms.answer ?? p.publicAnswer ?? "", reason: forms.reason ?? p.rejectionReason ?? "",
                    statusError: error("status"), projectError: error("project"), answerError: error("answer"), reasonError: error("reason")),
                mergeForm: p.mergedIntoID != nil && forms.errors["target"] == nil ? nil
                    : .init(action: admin(.merge(period: period, id: id)), candidates: candidates, targetError: error("target")),
                hideForm: p.hidden ? nil
                    : .init(action: admin(.hide(period: period, id: id)), reason: forms.hideReason ?? "", reasonError: error("hide_reason")),
                unhideAction: p.hidden && context.account.isAdmin ? admin(.unhide(period: period, id: id)) : nil,
                errorCount: forms.errors.isEmpty ? nil : forms.errors.count)
            return PageView(template: "admin/triage_proposal", title: context.t("triage.proposal.title") + " #\(id)", view: page)
        }
        return context.render(view, status: status)
    }
}

/// A proposal's page for the committee: the proposal, its author's personal data, and the
/// forms of the three decisions (status, merge, hide), each with its messages.
struct TriageProposalView: TemplateView {
    /// The proposal as the committee reads it: its text, its facts, its answer, and the
    /// proposals merged with it.
    struct Proposal: TemplateView {
        let id: Int
        let code: String
        let trackingHref: String
        let title: String
        let description: String
        /// An observation card's fields.
        let card: [CardLine]
        let kind: String
        let axis: String?
        /// The project an observation is about.
        let about: String?
        let channel: String
        let call: String?
        let event: String?
        let received: String
        let status: String
        let statusCode: String
        let answer: String?
        let rejectionReason: String?
        let integrated: String?
        let answered: String?
        let hidden: Bool
        let hiddenReason: String?
        let mergedInto: Other?
        let mergedFrom: [Other]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .int(id)
            case "code": return .string(code)
            case "tracking_href": return .string(trackingHref)
            case "title": return .string(title)
            case "description": return .string(description)
            case "card": return .init(card)
            case "has_card": return .bool(!card.isEmpty)
            case "kind": return .string(kind)
            case "axis": return .init(axis)
            case "about": return .init(about)
            case "channel": return .string(channel)
            case "call": return .init(call)
            case "event": return .init(event)
            case "received": return .string(received)
            case "status": return .string(status)
            case "status_code": return .string(statusCode)
            case "answer": return .init(answer)
            case "rejection_reason": return .init(rejectionReason)
            case "integrated": return .init(integrated)
            case "answered": return .init(answered)
            case "hidden": return .bool(hidden)
            case "hidden_reason": return .init(hiddenReason)
            case "merged_into": return .init(mergedInto)
            case "merged_from": return .init(mergedFrom)
            default: return nil
            }
        }
    }

    /// Another proposal the page names: the one this was merged into (with its tracking page),
    /// or one merged into this.
    struct Other: TemplateView {
        let id: Int
        let title: String
        let href: String
        var trackingHref: String? = nil

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .int(id)
            case "title": return .string(title)
            case "href": return .string(href)
            case "tracking_href": return trackingHref.map { .string($0) }
            default: return nil
            }
        }
    }

    /// A piece of the author's personal data.
    struct PersonalFact: TemplateView {
        let label: String
        let value: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return .string(label)
            case "value": return .string(value)
            default: return nil
            }
        }
    }


    /// The status, its public answer and, for a rejection, the reason.
    struct StatusForm: TemplateView {
        let action: String
        let statuses: [FormChoice]
        let projects: [FormChoice]
        let answer: String
        let reason: String
        let statusError: String?
        let projectError: String?
        let answerError: String?
        let reasonError: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "action": return .string(action)
            case "statuses": return .init(statuses)
            case "projects": return .init(projects)
            case "answer": return .string(answer)
            case "reason": return .string(reason)
            case "status_error": return .init(statusError)
            case "project_error": return .init(projectError)
            case "answer_error": return .init(answerError)
            case "reason_error": return .init(reasonError)
            case "answer_max": return .int(TriagePages.answerMax)
            case "reason_max": return .int(TriagePages.reasonMax)
            default: return nil
            }
        }
    }

    /// The proposal this one duplicates, among the program's others.
    struct MergeForm: TemplateView {
        let action: String
        let candidates: [FormChoice]
        let targetError: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "action": return .string(action)
            case "candidates": return .init(candidates)
            case "target_error": return .init(targetError)
            default: return nil
            }
        }
    }

    /// Hiding the proposal as spam, with the reason.
    struct HideForm: TemplateView {
        let action: String
        let reason: String
        let reasonError: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "action": return .string(action)
            case "reason": return .string(reason)
            case "reason_error": return .init(reasonError)
            case "reason_max": return .int(TriagePages.reasonMax)
            default: return nil
            }
        }
    }

    let programNav: ProgramNavView?
    let queueHref: String
    let proposal: Proposal
    let personal: [PersonalFact]
    /// The day the personal data was erased, if it was.
    let personalErased: String?
    let statusForm: StatusForm
    /// Nil once merged, unless a refused merge is shown again.
    let mergeForm: MergeForm?
    /// Nil once hidden.
    let hideForm: HideForm?
    let unhideAction: String?
    /// How many messages the refused form has; nil for none.
    let errorCount: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program_nav": return .init(programNav)
        case "queue_href": return .string(queueHref)
        case "proposal": return .init(proposal)
        case "personal": return .init(personal)
        case "personal_erased": return .init(personalErased)
        case "status_form": return .init(statusForm)
        case "merge_form": return .init(mergeForm)
        case "hide_form": return .init(hideForm)
        case "unhide_action": return .init(unhideAction)
        case "error_count": return .init(errorCount)
        default: return nil
        }
    }
}
