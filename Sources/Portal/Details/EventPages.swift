import HTTP
import SQLite
import Templates

/// The meetings, workshops and platform windows of a program with the figures the documents
/// give for them: participants, women, associations, equality-body members, proposals counted
/// per axis or per project, and the agenda. The participation page draws its charts from these.
enum EventPages {
    static let channels = ["workshop", "platform", "meeting"]
    static let figureColumns = ["participants", "women", "associations", "equality_body_members", "proposals_total"]
    static let columns = ["kind", "channel", "milestone_id", "title_ar", "title_fr", "date_start", "date_end", "date_precision", "time_start",
                          "place_ar", "place_fr", "description_ar", "description_fr"] + figureColumns
    /// Blank agenda rows offered below the stored ones.
    static let blankAgendaRows = 3

    // MARK: The list

    static func list(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let language = context.language
        let lines = try context.database.read { try DetailsStore.events($0, programID: program.id) }
        let events = lines.map { line in
            EventListView.Line(title: LocalizedText(line.title, language), when: line.when, kind: context.t("milestone.kind." + line.kind),
                               channel: context.t("participation.channel." + line.channel), counted: line.counted, figures: line.figures,
                               editHref: Details.href(context, .event(period: period, id: line.id)),
                               deleteAction: Details.href(context, .deleteEvent(period: period, id: line.id)))
        }
        return Details.page(context, "admin/details_events", title: context.t("details.events.title"), tab: "events", period: period,
                            EventListView(events: events, newHref: Details.href(context, .newEvent(period: period))))
    }

    // MARK: The form

    private typealias Choices = DetailsStore.EventChoices
    private typealias CountKey = DetailsStore.CountKey
    private typealias AgendaItem = DetailsStore.AgendaItem

    /// The statuses a workshop's proposals are counted by (the schema's list, 0001).
    static let statuses = ["accepted", "integrated", "processing", "rejected"]

    /// GET and POST of `events/new` (id nil) and `events/{id}`.
    static func edit(_ context: AdminContext, period: String, id: Int?) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let (choices, current) = try context.database.read { db in
            (try DetailsStore.eventChoices(db, programID: program.id), try id.map { try DetailsStore.event(db, id: $0, programID: program.id) })
        }
        var form: DetailsForm
        var agendaRows: Int
        if context.form == nil {
            var values = current?.values ?? ["kind": "co-preparation-workshop", "channel": "workshop"]
            if let current {
                values["date"] = [current.values["date_start"] ?? nil, current.values["date_end"] ?? nil].compactMap { $0 }.joined(separator: "/")
                for (key, count) in current.counts { values[key.field] = String(count.count) }
                for (index, item) in current.agenda.enumerated() {
                    for (field, value) in item.values { values["agenda_\(index + 1)_\(field)"] = value }
                }
            }
            form = DetailsForm(values: values)
            agendaRows = (current?.agenda.count ?? 0) + blankAgendaRows
        } else {
            form = DetailsForm(context)
            agendaRows = min(max(Int(context.field("agenda_rows")) ?? 0, 0), 200)
            let milestoneIDs = choices.milestones.map { String($0.id) }
            let kind = form.choice("kind", MilestonePages.kinds)
            let channel = form.choice("channel", channels)
            let milestone = form.text("milestone_id")
            if let milestone, !milestoneIDs.contains(milestone) { form.fail("milestone_id", "details.error.choice") }
            let title = form.required("title_ar")
            let span = form.span("date")
            var values: [String: String?] = [
                "kind": kind, "channel": channel, "milestone_id": milestone, "title_ar": title, "title_fr": form.text("title_fr"),
                "date_start": span.start, "date_end": span.end, "date_precision": span.precision, "time_start": form.time("time_start"),
                "place_ar": form.text("place_ar"), "place_fr": form.text("place_fr"),
                "description_ar": form.text("description_ar"), "description_fr": form.text("description_fr"),
            ]
            var figures: [String: Int] = [:]
            for column in figureColumns {
                let number = form.count(column)
                figures[column] = number
                values[column] = Details.text(number)
            }
            if let participants = figures["participants"] {
                if let women = figures["women"], women > participants { form.fail("women", "details.error.over_participants") }
                if let members = figures["equality_body_members"], members > participants {
                    form.fail("equality_body_members", "details.error.over_participants")
                }
            }
            var counts: [CountKey: Int] = [:]
            for key in choices.axes.map({ CountKey(axisID: $0.id) }) + choices.projects.map({ CountKey(projectID: $0.id) })
                        + statuses.map({ CountKey(status: $0) }) {
                if let count = form.count(key.field) { counts[key] = count }
            }
            var agenda: [AgendaItem] = []
            for row in 0..<agendaRows {
                let prefix = "agenda_\(row + 1)_"
                let start = form.time(prefix + "time_start"), end = form.time(prefix + "time_end")
                let textAr = form.text(prefix + "text_ar"), textFr = form.text(prefix + "text_fr")
                if textAr == nil && (start != nil || end != nil || textFr != nil) { form.fail(prefix + "text_ar", "details.error.required") }
                if let start, let end, end < start { form.fail(prefix + "time_end", "details.error.time_order") }
                if let textAr { agenda.append(AgendaItem(start: start, end: end, textAr: textAr, textFr: textFr)) }
            }
            if form.isValid {
                let eventID = try context.database.write { db in
                    try save(context, db, program: program, id: id, values: values, counts: counts, agenda: agenda)
                }
                return context.redirect(to: Details.route(context, .event(period: period, id: eventID)), notice: "notice.saved")
            }
        }
        return try page(context, period: period, id: id, form: form, choices: choices, agendaRows: agendaRows,
                        status: form.isValid ? .ok : .unprocessableContent)
    }

    private static func page(_ context: AdminContext, period: String, id: Int?, form: DetailsForm, choices: Choices, agendaRows: Int,
                             status: HTTPStatus) throws -> Outcome {
        let language = context.language
        let typed = form.view(context)
        let selectedMilestone = form.typed["milestone_id"] ?? ""
        let view = EventFormView(
            event: typed, action: Details.href(context, id.map { .event(period: period, id: $0) } ?? .newEvent(period: period)),
            backHref: Details.href(context, .events(period: period)),
            kindOptions: Details.choices(context, MilestonePages.kinds, prefix: "milestone.kind.", selected: form.typed["kind"]),
            channelOptions: Details.choices(context, channels, prefix: "participation.channel.", selected: form.typed["channel"]),
            milestoneOptions: choices.milestones.map {
                FormChoice(value: String($0.id), label: $0.title.text(language), selected: String($0.id) == selectedMilestone)
            },
            figures: figureColumns.map { typed.field($0, context.t("details.event." + $0)) },
            axisCounts: choices.axes.map { typed.field("axis_\($0.id)", context.t("details.event.axis") + " \($0.number) — " + $0.title.text(language)) },
            projectCounts: choices.projects.map {
                typed.field("project_\($0.id)", context.t("details.event.project") + " \($0.number) — " + $0.title.text(language))
            },
            statusCounts: statuses.map { typed.field("status_" + $0, context.t("proposal.status." + $0)) },
            agenda: (0..<agendaRows).map { row in
                let prefix = "agenda_\(row + 1)_"
                return EventFormView.AgendaRow(number: row + 1, start: typed.field(prefix + "time_start", ""), end: typed.field(prefix + "time_end", ""),
                                               textAr: typed.field(prefix + "text_ar", ""), textFr: typed.field(prefix + "text_fr", ""))
            })
        let title = context.t(id == nil ? "details.event.new" : "details.event.title")
        return Details.page(context, "admin/details_event", title: title, tab: "events", period: period, view, status: status)
    }

    /// Writes the event, its counts and its agenda, with an audit entry for each change.
    private static func save(_ context: AdminContext, _ db: Connection, program: Details.Program, id: Int?, values: [String: String?],
                             counts: [CountKey: Int], agenda: [AgendaItem]) throws -> Int {
        func audit(_ action: String, _ entity: String, _ entityID: Int, _ field: String?, _ before: String?, _ after: String?) throws {
            try context.audit.record(db, action: action, entity: entity, entityID: entityID, field: field, before: before, after: after,
                                     communeID: program.communeID, programID: program.id)
        }
        let eventID: Int
        let old: DetailsStore.StoredEvent
        if let id {
            old = try DetailsStore.event(db, id: id, programID: program.id)
            try DetailsStore.updateEvent(db, id: id, values)
            try context.audit.recordChanges(db, entity: "event", entityID: id, before: old.values, after: values,
                                            communeID: program.communeID, programID: program.id)
            eventID = id
        } else {
            old = DetailsStore.StoredEvent()
            eventID = try DetailsStore.insertEvent(db, programID: program.id, values)
            try Details.auditCreation(context, db, entity: "event", id: eventID, fields: values, communeID: program.communeID, programID: program.id)
        }
        // Counts per axis or project, and per status for the whole event; a platform window counts platform proposals.
        let channel = values["channel"] == "platform" ? "platform" : "workshop"
        for key in Set(old.counts.keys).union(counts.keys).sorted(by: { $0.field < $1.field }) {
            switch (old.counts[key], counts[key]) {
            case let (before?, after?):
                try DetailsStore.updateCount(db, id: before.id, count: after, channel: channel)
                if before.count != after { try audit("update", "event_proposal_count", before.id, "count", String(before.count), String(after)) }
            case let (nil, after?):
                let countID = try DetailsStore.insertCount(db, eventID: eventID, key, count: after, channel: channel)
                try audit("create", "event_proposal_count", countID, key.field, nil, String(after))
            case let (before?, nil):
                try DetailsStore.deleteCount(db, id: before.id)
                try audit("delete", "event_proposal_count", before.id, key.field, String(before.count), nil)
            case (nil, nil): break
            }
        }
        // The agenda, kept by position: row n of the form is item n.
        for position in 0..<max(old.agenda.count, agenda.count) {
            let before = position < old.agenda.count ? old.agenda[position] : nil
            let after = position < agenda.count ? agenda[position] : nil
            switch (before, after) {
            case let (before?, after?):
                guard let itemID = before.id else { continue }
                try DetailsStore.updateAgendaItem(db, id: itemID, after)
                try context.audit.recordChanges(db, entity: "event_agenda_item", entityID: itemID, before: before.values, after: after.values,
                                                communeID: program.communeID, programID: program.id)
            case let (nil, after?):
                let itemID = try DetailsStore.insertAgendaItem(db, eventID: eventID, position: position + 1, after)
                try Details.auditCreation(context, db, entity: "event_agenda_item", id: itemID, fields: after.values,
                                          communeID: program.communeID, programID: program.id)
            case let (before?, nil):
                guard let itemID = before.id else { continue }
                try DetailsStore.deleteAgendaItem(db, id: itemID)
                try Details.auditDeletion(context, db, entity: "event_agenda_item", id: itemID, was: before.textAr,
                                          communeID: program.communeID, programID: program.id)
            case (nil, nil): break
            }
        }
        return eventID
    }

    static func delete(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        try context.database.write { db in
            guard let title = try DetailsStore.deleteEvent(db, id: id, programID: program.id) else { throw PageError.notFound }
            try Details.auditDeletion(context, db, entity: "event", id: id, was: title, communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .events(period: period)), notice: "notice.details_deleted")
    }
}

/// A program's events with their figures (`admin/details_events`).
struct EventListView: TemplateView {
    let events: [Line]
    let newHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "events": return .init(events)
        case "new_href": return .string(newHref)
        default: return nil
        }
    }

    /// An event of the list: what, when, its figures and its links.
    struct Line: TemplateView {
        let title: LocalizedText
        /// A day, a month or "start/end"; nil when undated.
        let when: String?
        /// The kind's and channel's labels in the page's language.
        let kind: String
        let channel: String
        /// Proposals counted for it, all counts together.
        let counted: Int?
        /// The figures given, by column (`EventPages.figureColumns`).
        let figures: [String: Int]
        let editHref: String
        let deleteAction: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "title": return .init(title)
            case "when": return .init(when)
            case "kind": return .string(kind)
            case "channel": return .string(channel)
            case "counted": return .init(counted)
            case "edit_href": return .string(editHref)
            case "delete_action": return .string(deleteAction)
            default: return EventPages.figureColumns.contains(key) ? .init(figures[key]) : nil
            }
        }
    }
}

/// An event's form (`admin/details_event`): its fields, figures, proposals counted per axis,
/// project and status, and agenda rows, each with its message.
struct EventFormView: TemplateView {
    let event: DetailsFormView
    let action: String
    let backHref: String
    let kindOptions: [FormChoice]
    let channelOptions: [FormChoice]
    let milestoneOptions: [FormChoice]
    let figures: [DetailsField]
    let axisCounts: [DetailsField]
    let projectCounts: [DetailsField]
    let statusCounts: [DetailsField]
    let agenda: [AgendaRow]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "event": return .init(event)
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        case "kind_options": return .init(kindOptions)
        case "channel_options": return .init(channelOptions)
        case "milestone_options": return .init(milestoneOptions)
        case "figures": return .init(figures)
        case "axis_counts": return .init(axisCounts)
        case "project_counts": return .init(projectCounts)
        case "status_counts": return .init(statusCounts)
        case "agenda": return .init(agenda)
        case "agenda_rows": return .int(agenda.count)
        default: return nil
        }
    }

    /// One item of the agenda: its times and its text in both languages.
    struct AgendaRow: TemplateView {
        let number: Int
        let start: DetailsField
        let end: DetailsField
        let textAr: DetailsField
        let textFr: DetailsField

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "start": return .init(start)
            case "end": return .init(end)
            case "text_ar": return .init(textAr)
            case "text_fr": return .init(textFr)
            default: return nil
            }
        }
    }
}
