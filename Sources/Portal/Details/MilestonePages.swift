import HTTP
import SQLite
import Templates

/// The co-preparation timeline: dated steps (a day, a month, or a range of either), kept in
/// date order. The public overview prints them by `position`, so every write renumbers the
/// dated steps chronologically; undated planned steps keep the place the focal point gave them.
enum MilestonePages {
    /// The schema's list (0001, milestones.kind), in the order of a program's life.
    static let kinds = ["communication-meeting", "committee-created", "co-preparation-workshop", "digital-call", "committee-meeting",
                        "draft", "consultation-workshop", "digital-consultation", "bureau-adoption", "standing-committee",
                        "council-adoption", "other"]
    static let columns = ["kind", "title_ar", "title_fr", "place_ar", "place_fr", "date_start", "date_end", "date_precision", "done"]

    static func show(_ context: AdminContext, period: String, added: DetailsForm? = nil, status: HTTPStatus = .ok) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let language = context.language
        let lines = try context.database.read { try DetailsStore.milestones($0, programID: program.id) }
        let items = lines.map { line in
            MilestonesView.Item(line: MilestoneLine(title: LocalizedText(line.title, language), place: line.place.map { LocalizedText($0, language) },
                                                    when: line.when, kind: context.t("milestone.kind." + line.kind), done: line.done),
                                editHref: Details.href(context, .milestone(period: period, id: line.id)),
                                deleteAction: Details.href(context, .deleteMilestone(period: period, id: line.id)))
        }
        let view = MilestonesView(context, form: added ?? DetailsForm(values: ["kind": "other"]), action: .milestones(period: period), milestones: items)
        return Details.page(context, "admin/details_milestones", title: context.t("details.milestones.title"), tab: "milestones",
                            period: period, view, status: status)
    }

    static func read(_ form: inout DetailsForm) -> [String: String?] {
        let kind = form.choice("kind", kinds)
        let title = form.required("title_ar")
        let span = form.span("date")
        return [
            "kind": kind, "title_ar": title, "title_fr": form.text("title_fr"),
            "place_ar": form.text("place_ar"), "place_fr": form.text("place_fr"),
            "date_start": span.start, "date_end": span.end, "date_precision": span.precision,
            "done": form.flag("done") ? "1" : "0",
        ]
    }

    static func add(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values = read(&form)
        guard form.isValid else { return try show(context, period: period, added: form, status: .unprocessableContent) }
        try context.database.write { db in
            let id = try DetailsStore.insertMilestone(db, programID: program.id, values)
            try Details.auditCreation(context, db, entity: "milestone", id: id, fields: values,
                                      communeID: program.communeID, programID: program.id)
            try DetailsStore.reorderMilestones(db, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.saved")
    }

    static func edit(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let before = try context.database.read { try DetailsStore.milestone($0, id: id, programID: program.id) }
        let span = DateSpan(start: before["date_start"] ?? nil, end: before["date_end"] ?? nil, precision: before["date_precision"] ?? nil)
        var form = DetailsForm(values: before.merging(["date": span.typed]) { $1 })
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let values = read(&form)
            if form.isValid {
                try context.database.write { db in
                    _ = try DetailsStore.milestone(db, id: id, programID: program.id)
                    try DetailsStore.updateMilestone(db, id: id, values)
                    try context.audit.recordChanges(db, entity: "milestone", entityID: id, before: before, after: values,
                                                    communeID: program.communeID, programID: program.id)
                    try DetailsStore.reorderMilestones(db, programID: program.id)
                }
                return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.saved")
            }
            status = .unprocessableContent
        }
        let view = MilestonesView(context, form: form, action: .milestone(period: period, id: id), backHref: Details.href(context, .milestones(period: period)))
        return Details.page(context, "admin/details_milestone", title: context.t("details.milestone.title"), tab: "milestones", period: period,
                            view, status: status)
    }

    static func delete(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        try context.database.write { db in
            let stored = try DetailsStore.milestone(db, id: id, programID: program.id)
            try DetailsStore.deleteMilestone(db, id: id)
            try Details.auditDeletion(context, db, entity: "milestone", id: id, was: stored["title_ar"].flatMap { $0 } ?? "",
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.details_deleted")
    }
}

/// A program's timeline and the form that adds a step (`admin/details_milestones`), or one
/// step's own form (`admin/details_milestone`, which goes back to the timeline).
struct MilestonesView: TemplateView {
    let form: DetailsFormView
    let done: Bool
    let kindOptions: [FormChoice]
    let action: String
    let backHref: String?
    let milestones: [Item]

    init(_ context: AdminContext, form: DetailsForm, action: DetailsRoute, backHref: String? = nil, milestones: [Item] = []) {
        self.form = form.view(context)
        done = form.typed["done"] == "1"
        kindOptions = Details.choices(context, MilestonePages.kinds, prefix: "milestone.kind.", selected: form.typed["kind"])
        self.action = Details.href(context, action)
        self.backHref = backHref
        self.milestones = milestones
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "milestones": return .init(milestones)
        case "milestone": return .init(form)
        case "done_checked": return .bool(done)
        case "action": return .string(action)
        case "back_href": return .init(backHref)
        case "kind_options": return .init(kindOptions)
        default: return nil
        }
    }

    /// A step of the timeline as the public page shows it, with its links.
    struct Item: TemplateView {
        let line: MilestoneLine
        let editHref: String
        let deleteAction: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "edit_href": return .string(editHref)
            case "delete_action": return .string(deleteAction)
            default: return line.member(key)
            }
        }
    }
}
