import Foundation
import HTTP
import SQLite
import Templates

/// The "Calls" tab of a program in the admin area: the list of its calls (open, upcoming,
/// closed, with their proposals), the form that creates or edits one, and the buttons that
/// close one now, extend it or delete it. Times are typed and shown in Morocco's legal time and
/// stored in UTC. Every write goes through `CallStore`, which checks the rules again inside it.
enum CallPages {
    static func handle(_ route: CallRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .list(let period): return try list(context, period: period)
        case .newCall(let period): return try edit(context, period: period, id: nil)
        case .call(let period, let id): return try edit(context, period: period, id: id)
        case .close(let period, let id): return try close(context, period: period, id: id)
        case .extend(let period, let id): return try extend(context, period: period, id: id)
        case .delete(let period, let id): return try delete(context, period: period, id: id)
        }
    }

    // MARK: - The list

    /// What went wrong with a button of the list, shown beside that call.
    private struct Refusal {
        var callID: Int
        var message: String
        /// The extension's fields as typed, when the refusal is about them.
        var typed: [String: String] = [:]
    }

    private static func list(_ context: AdminContext, period: String, refusal: Refusal? = nil, status: HTTPStatus = .ok) throws -> Outcome {
        let (program, calls) = try context.database.read { db -> (LifecycleStore.Program, [CallStore.Listed]) in
            let program = try loadProgram(db, context, period: period)
            return (program, try CallStore.list(db, programID: program.id))
        }
        let now = context.now
        func item(_ listed: CallStore.Listed) -> CallsView.Item {
            let call = listed.call
            let state = call.state(at: now)
            let typed = refusal?.callID == call.id ? refusal?.typed ?? [:] : [:]
            return CallsView.Item(
                id: call.id, title: LocalizedText(call.title, context.language), kind: context.t("call.kind." + call.kind),
                channel: context.t("calls.channel." + call.channel), state: context.t("call.state." + state.rawValue),
                opens: time(context, call.opensAt), closes: time(context, call.closesAt), proposals: listed.proposals,
                editHref: href(context, .call(period: period, id: call.id)),
                closeAction: state == .open ? href(context, .close(period: period, id: call.id)) : nil,
                extendAction: state == .upcoming ? nil : href(context, .extend(period: period, id: call.id)),
                deleteAction: listed.proposals == 0 ? href(context, .delete(period: period, id: call.id)) : nil,
                closedEarly: call.closedEarly.map { words(context, "calls.closed_early." + $0, [call.plannedClosesAt.map { time(context, $0) } ?? ""]) },
                extendClosesOn: typed["closes_on"] ?? MoroccoTime.day(call.closesAt),
                extendClosesTime: typed["closes_time"] ?? MoroccoTime.time(call.closesAt),
                refusal: refusal?.callID == call.id ? refusal?.message : nil)
        }
        func group(_ state: Call.State) -> [CallsView.Item] { calls.filter { $0.call.state(at: now) == state }.map(item) }
        let view = CallsView(open: group(.open), upcoming: group(.upcoming), closed: group(.closed), newHref: href(context, .newCall(period: period)),
                             stateName: context.t("status." + program.state.rawValue),
                             publicHref: SiteRoute.program(context.language, slug: context.commune?.slug ?? "", period: period, .overview).path)
        return Details.page(context, "admin/calls", title: context.t("calls.title"), tab: "calls", period: period, view, status: status)
    }

    // MARK: - The form

    private static func edit(_ context: AdminContext, period: String, id: Int?) throws -> Outcome {
        let (program, axes, stored) = try context.database.read { db -> (LifecycleStore.Program, [(id: Int, number: Int, title: Localized)], CallStore.Listed?) in
            let program = try loadProgram(db, context, period: period)
            return (program, try CallStore.axes(db, programID: program.id), try id.map { try CallStore.call(db, programID: program.id, id: $0) })
        }
        var form: DetailsForm
        var axisIDs: [Int]
        var status = HTTPStatus.ok
        if context.form == nil {
            if let call = stored?.call {
                let stored: [String: String?] = [
                    "kind": call.kind, "channel": call.channel, "title_ar": call.title.arabic, "title_fr": call.title.french,
                    "announcement_ar": call.announcement?.arabic, "announcement_fr": call.announcement?.french,
                    "opens_on": MoroccoTime.day(call.opensAt), "opens_time": MoroccoTime.time(call.opensAt),
                    "closes_on": MoroccoTime.day(call.closesAt), "closes_time": MoroccoTime.time(call.closesAt),
                ]
                form = DetailsForm(values: stored)
                axisIDs = call.axisIDs
            } else {
                let kind = CallStore.acceptingStates("ideas").contains(program.state) ? "ideas" : "draft-comments"
                let defaults: [String: String?] = ["kind": kind, "channel": "platform", "opens_on": MoroccoTime.day(context.now),
                                                   "opens_time": "00:00", "closes_time": "23:59"]
                form = DetailsForm(values: defaults)
                axisIDs = []
            }
        } else {
            form = DetailsForm(context)
            axisIDs = (context.form?.values("axes") ?? []).compactMap { Int($0) }
            if let draft = read(&form, context, axisIDs: axisIDs) {
                // Every problem named at once, then the write (which checks them again in the same transaction).
                let problems = try context.database.write { db -> [CallStore.Problem] in
                    let program = try loadProgram(db, context, period: period)
                    let found = try CallStore.problems(db, programID: program.id, state: program.state, draft: draft, id: id, words: words(context))
                    guard found.isEmpty else { return found }
                    if let id {
                        try CallStore.update(db, program: program, id: id, draft: draft, audit: context.audit, words: words(context))
                    } else {
                        _ = try CallStore.create(db, program: program, draft: draft, audit: context.audit, words: words(context))
                    }
                    return []
                }
                if problems.isEmpty { return context.redirect(to: route(context, .list(period: period)), notice: "notice.saved") }
                for problem in problems { form.fail(problem.field, problem.key, problem.arguments, count: problem.count) }
            }
            status = .unprocessableContent
        }
        let view = CallFormView(
            call: form.view(context), action: href(context, id.map { .call(period: period, id: $0) } ?? .newCall(period: period)),
            backHref: href(context, .list(period: period)),
            kindOptions: Details.choices(context, CallStore.kinds, prefix: "call.kind.", selected: form.typed["kind"]),
            channelOptions: Details.choices(context, CallStore.channels, prefix: "calls.channel.", selected: form.typed["channel"]),
            axes: axes.map { CallFormView.Axis(id: $0.id, number: $0.number, title: LocalizedText($0.title, context.language),
                                               checked: axisIDs.contains($0.id)) },
            stateName: context.t("status." + program.state.rawValue),
            proposalsNote: stored.flatMap { $0.proposals > 0 ? context.t("calls.form.has_proposals", count: $0.proposals) : nil })
        let title = context.t(id == nil ? "calls.new" : "calls.edit")
        return Details.page(context, "admin/call", title: title, tab: "calls", period: period, view, status: status)
    }

    /// The submitted call, or nil with the form's messages set.
    static func read(_ form: inout DetailsForm, _ context: AdminContext, axisIDs: [Int]) -> CallStore.Draft? {
        let kind = form.choice("kind", CallStore.kinds)
        let channel = form.choice("channel", CallStore.channels)
        let titleAr = form.required("title_ar")
        let titleFr = form.text("title_fr")
        let announcementAr = form.text("announcement_ar")
        let announcementFr = form.text("announcement_fr")
        if announcementAr == nil, announcementFr != nil { form.fail("announcement_ar", "calls.error.announcement_ar") }
        for (field, limit) in [("title_ar", 300), ("title_fr", 300), ("announcement_ar", 4000), ("announcement_fr", 4000)]
        where (form.typed[field] ?? "").count > limit {
            form.fail(field, "calls.error.too_long", count: limit)
        }
        let opensAt = instant(&form, day: "opens_on", time: "opens_time")
        let closesAt = instant(&form, day: "closes_on", time: "closes_time")
        guard form.isValid, let opensAt, let closesAt else { return nil }
        return CallStore.Draft(kind: kind, channel: channel, title: Localized(arabic: titleAr, french: titleFr),
                               announcement: announcementAr.map { Localized(arabic: $0, french: announcementFr) },
                               axisIDs: axisIDs, opensAt: opensAt, closesAt: closesAt)
    }

    /// A Moroccan day and time from two fields, both required.
    private static func instant(_ form: inout DetailsForm, day dayField: String, time timeField: String) -> Date? {
        let day = form.day(dayField)
        let time = form.time(timeField)
        if form.typed[dayField]?.isEmpty ?? true { form.fail(dayField, "details.error.required") }
        if form.typed[timeField]?.isEmpty ?? true { form.fail(timeField, "details.error.required") }
        guard let day, let time else { return nil }
        return MoroccoTime.instant(day: day, time: time)
    }

    // MARK: - The buttons

    private static func close(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        do {
            try context.database.write { db in
                try CallStore.close(db, program: try loadProgram(db, context, period: period), id: id, at: context.now,
                                    reason: "closed-now", audit: context.audit)
            }
        } catch let problem as CallStore.Problem {
            return try list(context, period: period, refusal: Refusal(callID: id, message: message(context, problem)),
                            status: .conflict)
        }
        return context.redirect(to: route(context, .list(period: period)), notice: "notice.call_closed")
    }

    private static func extend(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        var form = DetailsForm(context)
        let typed = ["closes_on": context.field("closes_on"), "closes_time": context.field("closes_time")]
        var refusal: String? = nil
        if let closesAt = instant(&form, day: "closes_on", time: "closes_time") {
            do {
                try context.database.write { db in
                    try CallStore.extend(db, program: try loadProgram(db, context, period: period), id: id, to: closesAt,
                                         audit: context.audit, words: words(context))
                }
                return context.redirect(to: route(context, .list(period: period)), notice: "notice.call_extended")
            } catch let problem as CallStore.Problem {
                refusal = message(context, problem)
            }
        } else {
            refusal = context.t(form.errors["closes_on"] ?? form.errors["closes_time"] ?? "details.error.date")
        }
        // An unknown call is a 404 before anything is said about its dates.
        _ = try context.database.read { db in try CallStore.call(db, programID: try loadProgram(db, context, period: period).id, id: id) }
        return try list(context, period: period, refusal: Refusal(callID: id, message: refusal ?? "", typed: typed), status: .unprocessableContent)
    }

    private static func delete(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        do {
            try context.database.write { db in
                try CallStore.delete(db, program: try loadProgram(db, context, period: period), id: id, audit: context.audit)
            }
        } catch let problem as CallStore.Problem {
            return try list(context, period: period, refusal: Refusal(callID: id, message: message(context, problem)),
                            status: .conflict)
        }
        return context.redirect(to: route(context, .list(period: period)), notice: "notice.details_deleted")
    }

    // MARK: - Shared

    private static func loadProgram(_ db: Connection, _ context: AdminContext, period: String) throws -> LifecycleStore.Program {
        guard let commune = context.commune else { throw PageError.notFound }
        return try LifecycleStore.program(db, communeID: commune.id, period: period)
    }

    /// A Morocco-time instant in words ("14 يونيو 2023 على الساعة 23:59 (بتوقيت المغرب)").
    private static func time(_ context: AdminContext, _ date: Date) -> String {
        Call.moroccoTime(date, translations: context.site.templates.translations, language: context.language)
    }

    static func words(_ context: AdminContext) -> CallStore.Words {
        CallStore.Words(date: { time(context, $0) }, state: { context.t("status." + $0.rawValue) })
    }

    /// A catalog text with `{1}`, `{2}`… replaced.
    private static func words(_ context: AdminContext, _ key: String, _ arguments: [String]) -> String {
        context.translations.fill(key, context.language, arguments)
    }

    /// A problem's message in the page's language (a counted entry in its form for the count).
    private static func message(_ context: AdminContext, _ problem: CallStore.Problem) -> String {
        problem.count.map { context.t(problem.key, count: $0, problem.arguments) } ?? words(context, problem.key, problem.arguments)
    }

    private static func route(_ context: AdminContext, _ route: CallRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .calls(route))
    }

    private static func href(_ context: AdminContext, _ route: CallRoute) -> String { Self.route(context, route).path }
}

/// A program's calls (`admin/calls`), grouped open, upcoming and closed, each with its buttons.
struct CallsView: TemplateView {
    let open: [Item]
    let upcoming: [Item]
    let closed: [Item]
    let newHref: String
    /// The program's state in words (which calls it accepts).
    let stateName: String
    let publicHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        // An empty group is null, so that its heading is not drawn.
        case "open": return open.isEmpty ? .null : .init(open)
        case "upcoming": return upcoming.isEmpty ? .null : .init(upcoming)
        case "closed": return closed.isEmpty ? .null : .init(closed)
        case "none": return .bool(open.isEmpty && upcoming.isEmpty && closed.isEmpty)
        case "new_href": return .string(newHref)
        case "state_name": return .string(stateName)
        case "public_href": return .string(publicHref)
        default: return nil
        }
    }

    /// A call of the list (`admin/call_item`): what, when, how many proposals, and the buttons
    /// its state allows, with what went wrong with one of them.
    struct Item: TemplateView {
        let id: Int
        let title: LocalizedText
        /// The kind's, channel's and state's labels in the page's language.
        let kind: String
        let channel: String
        let state: String
        /// When it opens and closes, in Morocco time, in words.
        let opens: String
        let closes: String
        let proposals: Int
        let editHref: String
        let closeAction: String?
        let extendAction: String?
        /// Only a call without proposals is deleted.
        let deleteAction: String?
        /// Why it closed before the announced end, in words.
        let closedEarly: String?
        /// The extension's day and time, as typed or as stored.
        let extendClosesOn: String
        let extendClosesTime: String
        /// Why the last button pressed on this call was refused.
        let refusal: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .string(String(id))
            case "title": return .init(title)
            case "kind": return .string(kind)
            case "channel": return .string(channel)
            case "state": return .string(state)
            case "opens": return .string(opens)
            case "closes": return .string(closes)
            case "proposals": return .string(String(proposals))
            case "edit_href": return .string(editHref)
            case "close_action": return .init(closeAction)
            case "extend_action": return .init(extendAction)
            case "delete_action": return .init(deleteAction)
            case "closed_early": return .init(closedEarly)
            case "extend": return .init(FieldTexts(texts: ["closes_on": extendClosesOn, "closes_time": extendClosesTime]))
            case "refusal": return .init(refusal)
            default: return nil
            }
        }
    }
}

/// A call's form (`admin/call`): its fields as typed or stored, with their messages.
struct CallFormView: TemplateView {
    let call: DetailsFormView
    let action: String
    let backHref: String
    let kindOptions: [FormChoice]
    let channelOptions: [FormChoice]
    let axes: [Axis]
    /// The program's state in words (which calls it accepts).
    let stateName: String
    /// How many proposals the call has had, when it has some.
    let proposalsNote: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "call": return .init(call)
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        case "kind_options": return .init(kindOptions)
        case "channel_options": return .init(channelOptions)
        case "axes": return .init(axes)
        case "state_name": return .string(stateName)
        case "proposals_note": return .init(proposalsNote)
        default: return nil
        }
    }

    /// An axis the call may be about, ticked when chosen.
    struct Axis: TemplateView {
        let id: Int
        let number: Int
        let title: LocalizedText
        let checked: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .string(String(id))
            case "number": return .string(String(number))
            case "title": return .init(title)
            case "checked": return .bool(checked)
            default: return nil
            }
        }
    }
}
