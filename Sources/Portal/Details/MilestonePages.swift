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

    static func show(_ context: AdminContext, period: String, added: DetailsForm? = nil, status: HTTPStatus = .ok) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let language = context.language
        let rows = try context.database.read { try $0.query("SELECT * FROM milestones WHERE program_id = ? ORDER BY position", [program.id]) }
        let items = try rows.map { row -> TemplateValue in
            let id = try row.int("id")
            return [
                "title": try Localized(row, "title").value(language),
                "place": try Localized(optional: row, "place")?.value(language) ?? .null,
                "when": TemplateValue(try ProgramOverviewPage.when(row)),
                "kind": .string(context.t("milestone.kind." + (try row.string("kind")))),
                "done": .bool(try row.bool("done")),
                "edit_href": Details.href(context, .milestone(period: period, id: id)),
                "delete_action": Details.href(context, .deleteMilestone(period: period, id: id)),
            ]
        }
        let form = added ?? DetailsForm(values: ["kind": "other"])
        return try Details.page(context, "admin/details_milestones", title: context.t("details.milestones.title"), tab: "milestones",
                                period: period, [
            "milestones": .array(items),
            "milestone": form.value(context),
            "done_checked": .bool(form.typed["done"] == "1"),
            "action": Details.href(context, .milestones(period: period)),
            "kind_options": Details.options(context, kinds, prefix: "milestone.kind.", selected: form.typed["kind"]),
        ], status: status)
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

    private static func bindings(_ values: [String: String?]) -> [any SQLBindable] {
        columns.map { column -> any SQLBindable in column == "done" ? (values["done"] == "1" ? 1 : 0) : values[column] ?? nil }
    }

    static func add(_ context: AdminContext, period: String) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values = read(&form)
        guard form.isValid else { return try show(context, period: period, added: form, status: .unprocessableContent) }
        try context.database.write { db in
            let position = (try db.scalar("SELECT max(position) FROM milestones WHERE program_id = ?", [program.id], as: Int.self) ?? 0) + 1
            try db.run("""
                INSERT INTO milestones (kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done, program_id, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, bindings(values) + [program.id, position])
            try Details.auditCreation(context, db, entity: "milestone", id: Int(db.lastInsertRowID), fields: values,
                                      communeID: program.communeID, programID: program.id)
            try reorder(db, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.saved")
    }

    private static func milestone(_ db: Connection, id: Int, programID: Int) throws -> Row {
        guard let row = try db.queryOne("SELECT * FROM milestones WHERE id = ? AND program_id = ?", [id, programID]) else { throw HTTPNotFound() }
        return row
    }

    static func stored(_ row: Row) throws -> [String: String?] {
        var values: [String: String?] = [:]
        for column in columns where column != "done" { values[column] = try row.optionalString(column) }
        values["done"] = try row.bool("done") ? "1" : "0"
        return values
    }

    static func edit(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let row = try context.database.read { try milestone($0, id: id, programID: program.id) }
        let before = try stored(row)
        var form = DetailsForm(values: before.merging(["date": try DateSpan(row: row).typed]) { $1 })
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let values = read(&form)
            if form.isValid {
                try context.database.write { db in
                    _ = try milestone(db, id: id, programID: program.id)
                    try db.run("""
                        UPDATE milestones SET kind = ?, title_ar = ?, title_fr = ?, place_ar = ?, place_fr = ?, date_start = ?, date_end = ?,
                            date_precision = ?, done = ? WHERE id = ?
                        """, bindings(values) + [id])
                    try context.audit.recordChanges(db, entity: "milestone", entityID: id, before: before, after: values,
                                                    communeID: program.communeID, programID: program.id)
                    try reorder(db, programID: program.id)
                }
                return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.saved")
            }
            status = .unprocessableContent
        }
        return try Details.page(context, "admin/details_milestone", title: context.t("details.milestone.title"), tab: "milestones", period: period, [
            "milestone": form.value(context),
            "done_checked": .bool(form.typed["done"] == "1"),
            "action": Details.href(context, .milestone(period: period, id: id)),
            "back_href": Details.href(context, .milestones(period: period)),
            "kind_options": Details.options(context, kinds, prefix: "milestone.kind.", selected: form.typed["kind"]),
        ], status: status)
    }

    static func delete(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        try context.database.write { db in
            let row = try milestone(db, id: id, programID: program.id)
            try db.run("DELETE FROM milestones WHERE id = ?", [id])
            try Details.auditDeletion(context, db, entity: "milestone", id: id, was: try row.string("title_ar"),
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .milestones(period: period)), notice: "notice.details_deleted")
    }

    /// Renumbers the program's steps 1…n: dated steps sorted by date (ties keep their order)
    /// in the slots dated steps held, undated steps where they were.
    static func reorder(_ db: Connection, programID: Int) throws {
        let rows = try db.query("SELECT id, date_start FROM milestones WHERE program_id = ? ORDER BY position", [programID])
        var order = try rows.map { (id: try $0.int("id"), date: try $0.optionalString("date_start")) }
        let slots = order.indices.filter { order[$0].date != nil }
        let dated = slots.map { order[$0] }.enumerated().sorted { ($0.element.date!, $0.offset) < ($1.element.date!, $1.offset) }.map(\.element)
        for (slot, item) in zip(slots, dated) { order[slot] = item }
        try db.run("UPDATE milestones SET position = position + 100000 WHERE program_id = ?", [programID])
        for (index, item) in order.enumerated() {
            try db.run("UPDATE milestones SET position = ? WHERE id = ?", [index + 1, item.id])
        }
    }
}
