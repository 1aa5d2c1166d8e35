import Foundation
import HTTP
import SQLite
import Templates

/// Proposals collected on paper at a workshop, typed in quickly: one form of many rows (axis,
/// text, status, and the project or reason those statuses need), all tagged with the workshop
/// event and the 'workshop' channel. Blank rows are ignored; the rest are saved together or not
/// at all, each refusal naming its row. Every row becomes a proposal like any other, with its
/// own tracking code, so it appears in the queue, the public list and the figures.
enum WorkshopEntry {
    static let defaultRows = 10
    static let maxRows = 100
    static let textMax = ProposalForm.descriptionMax

    /// One typed row and what is wrong with it (field → catalog key).
    struct Row {
        var number: Int
        var axis = ""
        var text = ""
        var status = "processing"
        var project = ""
        var reason = ""
        var errors: [String: String] = [:]

        var isBlank: Bool { text.isEmpty }
    }

    static func page(_ context: AdminContext, period: String) throws -> Outcome {
        let count = min(maxRows, max(1, Int(context.request.queryValue("rows") ?? "") ?? defaultRows))
        return try render(context, period: period, event: "", rows: (1...count).map { Row(number: $0) }, errors: [])
    }

    static func save(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let (program, events) = try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            return (program, try TriageStore.events(db, programID: program.id))
        }
        let count = min(maxRows, max(1, Int(context.field("rows")) ?? defaultRows))
        var rows = (1...count).map { number in
            Row(number: number, axis: context.field("axis_\(number)"), text: context.field("text_\(number)"),
                status: context.field("status_\(number)"), project: context.field("project_\(number)"),
                reason: context.field("reason_\(number)"))
        }
        let event = context.field("event")
        var formErrors: [String] = []
        let eventID = Int(event).flatMap { id in events.contains { $0.id == id } ? id : nil }
        if eventID == nil { formErrors.append(context.t("triage.workshop.error.event")) }
        for index in rows.indices where !rows[index].isBlank {
            var row = rows[index]
            if !program.axes.contains(where: { String($0.id) == row.axis }) { row.errors["axis"] = "triage.workshop.error.axis" }
            if row.text.count > textMax { row.errors["text"] = "triage.workshop.error.too_long" }
            if !TriageProposal.statuses.contains(row.status) { row.errors["status"] = "triage.workshop.error.status" }
            if row.status == "integrated", !program.projects.contains(where: { String($0.id) == row.project }) {
                row.errors["project"] = "triage.workshop.error.project"
            }
            if row.status == "rejected", row.reason.isEmpty { row.errors["reason"] = "triage.workshop.error.reason" }
            if row.reason.count > TriagePages.reasonMax { row.errors["reason"] = "triage.workshop.error.too_long" }
            rows[index] = row
        }
        let filled = rows.filter { !$0.isBlank }
        if filled.isEmpty { formErrors.append(context.t("triage.workshop.error.no_rows")) }
        for row in rows {
            for field in ["axis", "text", "status", "project", "reason"] {
                if let key = row.errors[field] { formErrors.append(message(context, key, row: row.number, field: field)) }
            }
        }
        guard formErrors.isEmpty, let eventID else {
            return try render(context, period: period, event: event, rows: rows, errors: formErrors, status: .unprocessableContent)
        }

        try context.database.write { db in
            let callID = try workshopCall(db, program: program, eventID: eventID, context: context)
            let now = Timestamp.text(context.now)
            for row in filled {
                let integrated = row.status == "integrated" ? Int(row.project) : nil
                let id = try TriageStore.insertPaper(db, programID: program.id, callID: callID, eventID: eventID, TriageStore.PaperProposal(
                    axisID: Int(row.axis), title: title(of: row.text), text: row.text, status: row.status, integratedProjectID: integrated,
                    rejectionReason: row.status == "rejected" ? row.reason : nil, answeredAt: row.status == "processing" ? nil : now), createdAt: now)
                try context.audit.record(db, action: "create", entity: "proposal", entityID: id,
                                         field: "status", after: row.status, communeID: program.commune.id, programID: program.id)
            }
        }
        return context.redirect(to: .commune(context.language, slug: commune.slug, .triage(.workshop(period: period))),
                                notice: "notice.triage.workshop_saved")
    }

    /// A proposal's title is the first line of what was written on the card, cut at the
    /// public form's limit.
    static func title(of text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.count <= ProposalForm.titleMax ? trimmed : String(trimmed.prefix(ProposalForm.titleMax - 1)) + "…"
    }

    /// Every proposal belongs to a call. Paper proposals join the program's ideas call (one
    /// held at workshops first); a program that never had one gets a closed 'workshop' call
    /// for the event, dated by it and ended by now at the latest, so it never opens the
    /// public form.
    private static func workshopCall(_ db: Connection, program: ProgramRecord, eventID: Int, context: AdminContext) throws -> Int {
        if let id = try TriageStore.ideasCall(db, programID: program.id) { return id }
        guard let event = try TriageStore.event(db, id: eventID) else { throw PageError.notFound }
        let closesBy = context.now
        var opens = closesBy.addingTimeInterval(-86_400), closes = closesBy
        if let start = event.start, let first = day(start, end: false) {
            let last = day(event.end ?? start, end: true) ?? first.addingTimeInterval(86_400)
            closes = min(last, closesBy)
            opens = min(first, closes.addingTimeInterval(-1))
        }
        let id = try TriageStore.insertWorkshopCall(db, programID: program.id, title: event.title, opens: opens, closes: closes)
        try context.audit.record(db, action: "create", entity: "call", entityID: id, field: "title_ar",
                                 after: event.title.arabic, communeID: program.commune.id, programID: program.id)
        return id
    }

    /// The start of a day or month ("2023-06-14", "2023-06"), or the start of the next one with `end`.
    private static func day(_ text: String, end: Bool) -> Date? {
        let whole = text.count == 7 ? text + "-01" : text
        guard let date = try? Call.parse(whole + "T00:00:00Z") else { return nil }
        guard end else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: text.count == 7 ? .month : .day, value: 1, to: date)
    }

    /// A row's message ("Line 3: …"); the one for a text too long counts the characters its field allows.
    private static func message(_ context: AdminContext, _ key: String, row: Int, field: String) -> String {
        let line = Format.number(row, context.language)
        guard key == "triage.workshop.error.too_long" else { return context.fill(key, line) }
        return context.t(key, count: field == "reason" ? TriagePages.reasonMax : textMax, [line])
    }

    private static func render(_ context: AdminContext, period: String, event selectedEvent: String, rows: [Row], errors: [String],
                               status: HTTPStatus = .ok) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let view: PageView = try context.database.read { db in
            let program = try ProgramStore.record(db, slug: commune.slug, period: period)
            let events = try TriageStore.events(db, programID: program.id)
            let rowViews = rows.map { row in
                WorkshopView.Row(
                    number: row.number, text: row.text, reason: row.reason,
                    axes: program.axes.map { axis in
                        FormChoice(value: String(axis.id), label: context.axisLabel(axis.number, axis.title), selected: String(axis.id) == row.axis)
                    },
                    statuses: TriageProposal.statuses.map {
                        FormChoice(value: $0, label: context.t("proposal.status." + $0), selected: $0 == row.status)
                    },
                    projects: program.projects.map { project in
                        FormChoice(value: String(project.id), label: context.projectLabel(project.number, project.title),
                                   selected: String(project.id) == row.project)
                    },
                    errors: row.errors.reduce(into: [:]) { messages, error in
                        messages[error.key] = message(context, error.value, row: row.number, field: error.key)
                    })
            }
            let base = AdminRoute.commune(language, slug: commune.slug, .triage(.workshop(period: period))).path
            let eventError = context.t("triage.workshop.error.event")
            let workshop = WorkshopView(
                programNav: ProgramNav.view(context, period: period, current: "workshop"),
                action: base, moreHref: base + "?rows=\(min(maxRows, rows.count + 10))", rows: rowViews,
                events: events.map { event in
                    let date = event.date.map { " · " + Format.date($0, language) } ?? ""
                    return FormChoice(value: String(event.id), label: event.title.text(language) + date, selected: String(event.id) == selectedEvent)
                },
                errors: errors, eventError: errors.contains(eventError) ? eventError : nil,
                queueHref: context.holds([.committee]) ? AdminRoute.commune(language, slug: commune.slug, .triage(.queue(period: period))).path : nil)
            return PageView(template: "admin/triage_workshop", title: context.t("triage.workshop.title") + " · " + program.title.text(language),
                            view: workshop)
        }
        return context.render(view, status: status)
    }
}

/// The workshop form: the event, the rows typed in (each with its choices and messages), and
/// the form's messages above it.
struct WorkshopView: TemplateView {
    /// One row of the form as typed, with the messages of its fields.
    struct Row: TemplateView {
        let number: Int
        let text: String
        let reason: String
        let axes: [FormChoice]
        let statuses: [FormChoice]
        let projects: [FormChoice]
        /// Field name -> its message ("Line 3: …").
        let errors: [String: String]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "text": return .string(text)
            case "reason": return .string(reason)
            case "axes": return .init(axes)
            case "statuses": return .init(statuses)
            case "projects": return .init(projects)
            case "axis_error", "text_error", "status_error", "project_error", "reason_error":
                return .init(errors[String(key.dropLast("_error".count))])
            case "invalid": return .bool(!errors.isEmpty)
            default: return nil
            }
        }
    }

    let programNav: ProgramNavView?
    let action: String
    /// The same form with ten rows more.
    let moreHref: String
    let rows: [Row]
    let events: [FormChoice]
    /// Every message, the form's and the rows', in order.
    let errors: [String]
    let eventError: String?
    let queueHref: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program_nav": return .init(programNav)
        case "action": return .string(action)
        case "more_href": return .string(moreHref)
        case "row_count": return .int(rows.count)
        case "rows": return .init(rows)
        case "events": return .init(events)
        case "errors": return .array(errors.map { .string($0) })
        case "has_errors": return .bool(!errors.isEmpty)
        case "event_error": return .init(eventError)
        case "queue_href": return .init(queueHref)
        default: return nil
        }
    }
}
