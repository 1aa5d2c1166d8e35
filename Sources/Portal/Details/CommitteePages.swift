import HTTP
import SQLite
import Templates

/// The follow-up committee of a program: the decision that created it and its members, in
/// the order the decision lists them (the public pages print them in that order).
enum CommitteePages {
    static let roles = ["president", "member", "coordinator"]
    static let categories = ["elected", "equality-body", "staff"]
    static let memberColumns = ["honorific_ar", "honorific_fr", "name_ar", "name_fr", "function_ar", "function_fr", "role", "category"]
    static let decisionColumns = ["name_ar", "name_fr", "decision_number", "decision_date", "decided_by_ar", "decided_by_fr"]

    // MARK: The committee page

    static func show(_ context: AdminContext, period: String, decision: DetailsForm? = nil, member: DetailsForm? = nil,
                     status: HTTPStatus = .ok) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let language = context.language
        let (committee, rows) = try context.database.read { db -> (Row?, [Row]) in
            let committee = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [program.id])
            let members = try committee.map { try db.query("SELECT * FROM committee_members WHERE committee_id = ? ORDER BY position", [try $0.int("id")]) } ?? []
            return (committee, members)
        }
        var decisionForm = decision
        if decisionForm == nil {
            var stored: [String: String?] = [:]
            for column in decisionColumns { stored[column] = try committee?.optionalString(column) }
            if committee == nil { stored["name_ar"] = context.site.templates.translations.text("details.committee.default_name", .ar) }
            decisionForm = DetailsForm(values: stored)
        }
        let members = try rows.enumerated().map { index, row -> TemplateValue in
            let id = try row.int("id")
            return [
                "name": try Localized(row, "name").value(language),
                "honorific": try Localized(optional: row, "honorific")?.value(language) ?? .null,
                "function": try Localized(optional: row, "function")?.value(language) ?? .null,
                "role": .string(context.t("committee.role." + (try row.string("role")))),
                "category": .string(context.t("committee.category." + (try row.string("category")))),
                "edit_href": Details.href(context, .committeeMember(period: period, id: id)),
                "move_action": Details.href(context, .moveCommitteeMember(period: period, id: id)),
                "delete_action": Details.href(context, .deleteCommitteeMember(period: period, id: id)),
                "can_up": .bool(index > 0), "can_down": .bool(index < rows.count - 1),
            ]
        }
        let memberForm = member ?? DetailsForm(values: ["role": "member", "category": "elected"])
        return try Details.page(context, "admin/details_committee", title: context.t("details.committee.title"), tab: "committee", period: period, [
            "decision": decisionForm!.value(context),
            "decision_action": Details.href(context, .committee(period: period)),
            "has_committee": .bool(committee != nil),
            "members": .array(members),
            "member": memberForm.value(context),
            "member_action": Details.href(context, .committeeMembers(period: period)),
            "role_options": Details.options(context, roles, prefix: "committee.role.", selected: memberForm.typed["role"]),
            "category_options": Details.options(context, categories, prefix: "committee.category.", selected: memberForm.typed["category"]),
        ], status: status)
    }

    /// POST on the committee page: its name and decision.
    static func saveDecision(_ context: AdminContext, period: String) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values: [String: String?] = [
            "name_ar": form.required("name_ar"), "name_fr": form.text("name_fr"),
            "decision_number": form.text("decision_number"), "decision_date": form.day("decision_date"),
            "decided_by_ar": form.text("decided_by_ar"), "decided_by_fr": form.text("decided_by_fr"),
        ]
        guard form.isValid else { return try show(context, period: period, decision: form, status: .unprocessableContent) }
        try context.database.write { db in
            let bindings: [any SQLBindable] = decisionColumns.map { values[$0] ?? nil }
            if let existing = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [program.id]) {
                let id = try existing.int("id")
                var before: [String: String?] = [:]
                for column in decisionColumns { before[column] = try existing.optionalString(column) }
                try db.run("""
                    UPDATE committees SET name_ar = ?, name_fr = ?, decision_number = ?, decision_date = ?, decided_by_ar = ?, decided_by_fr = ?
                    WHERE id = ?
                    """, bindings + [id])
                try context.audit.recordChanges(db, entity: "committee", entityID: id, before: before, after: values,
                                                communeID: program.communeID, programID: program.id)
            } else {
                try db.run("""
                    INSERT INTO committees (name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr, program_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, bindings + [program.id])
                try Details.auditCreation(context, db, entity: "committee", id: Int(db.lastInsertRowID), fields: values,
                                          communeID: program.communeID, programID: program.id)
            }
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
    }

    // MARK: Members

    /// Reads a member's fields from the submitted form.
    static func readMember(_ form: inout DetailsForm) -> [String: String?] {
        [
            "honorific_ar": form.text("honorific_ar"), "honorific_fr": form.text("honorific_fr"),
            "name_ar": form.required("name_ar"), "name_fr": form.text("name_fr"),
            "function_ar": form.text("function_ar"), "function_fr": form.text("function_fr"),
            "role": form.choice("role", roles), "category": form.choice("category", categories),
        ]
    }

    static func addMember(_ context: AdminContext, period: String) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values = readMember(&form)
        let committeeID = try context.database.read { try $0.scalar("SELECT id FROM committees WHERE program_id = ?", [program.id], as: Int.self) }
        if committeeID == nil { form.fail("name_ar", "details.committee.none") }
        guard form.isValid, let committeeID else { return try show(context, period: period, member: form, status: .unprocessableContent) }
        try context.database.write { db in
            let position = (try db.scalar("SELECT max(position) FROM committee_members WHERE committee_id = ?", [committeeID], as: Int.self) ?? 0) + 1
            try db.run("""
                INSERT INTO committee_members (honorific_ar, honorific_fr, name_ar, name_fr, function_ar, function_fr, role, category, committee_id, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, memberColumns.map { values[$0] ?? nil } + [committeeID, position])
            try Details.auditCreation(context, db, entity: "committee_member", id: Int(db.lastInsertRowID), fields: values,
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
    }

    /// A member of this program's committee, or 404.
    private static func member(_ db: Connection, id: Int, programID: Int) throws -> Row {
        guard let row = try db.queryOne("""
            SELECT m.* FROM committee_members m JOIN committees c ON c.id = m.committee_id WHERE m.id = ? AND c.program_id = ?
            """, [id, programID]) else { throw HTTPNotFound() }
        return row
    }

    /// GET: the member's form; POST: saves it.
    static func editMember(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let row = try context.database.read { try member($0, id: id, programID: program.id) }
        var before: [String: String?] = [:]
        for column in memberColumns { before[column] = try row.optionalString(column) }
        var form = DetailsForm(values: before)
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let values = readMember(&form)
            if form.isValid {
                try context.database.write { db in
                    _ = try member(db, id: id, programID: program.id)
                    try db.run("""
                        UPDATE committee_members SET honorific_ar = ?, honorific_fr = ?, name_ar = ?, name_fr = ?, function_ar = ?,
                            function_fr = ?, role = ?, category = ? WHERE id = ?
                        """, memberColumns.map { values[$0] ?? nil } + [id])
                    try context.audit.recordChanges(db, entity: "committee_member", entityID: id, before: before, after: values,
                                                    communeID: program.communeID, programID: program.id)
                }
                return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
            }
            status = .unprocessableContent
        }
        return try Details.page(context, "admin/details_member", title: context.t("details.member.title"), tab: "committee", period: period, [
            "member": form.value(context),
            "action": Details.href(context, .committeeMember(period: period, id: id)),
            "back_href": Details.href(context, .committee(period: period)),
            "role_options": Details.options(context, roles, prefix: "committee.role.", selected: form.typed["role"]),
            "category_options": Details.options(context, categories, prefix: "committee.category.", selected: form.typed["category"]),
        ], status: status)
    }

    /// Swaps a member with the one above or below; positions stay 1…n.
    static func moveMember(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let up = context.field("direction") == "up"
        try context.database.write { db in
            let row = try member(db, id: id, programID: program.id)
            let committeeID = try row.int("committee_id"), position = try row.int("position")
            let neighbour = try db.queryOne(up
                ? "SELECT id, position FROM committee_members WHERE committee_id = ? AND position < ? ORDER BY position DESC LIMIT 1"
                : "SELECT id, position FROM committee_members WHERE committee_id = ? AND position > ? ORDER BY position LIMIT 1",
                [committeeID, position])
            guard let neighbour else { return }
            let otherID = try neighbour.int("id"), otherPosition = try neighbour.int("position")
            let spare = (try db.scalar("SELECT max(position) FROM committee_members WHERE committee_id = ?", [committeeID], as: Int.self) ?? 0) + 1
            try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [spare, id])
            try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [position, otherID])
            try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [otherPosition, id])
            try context.audit.record(db, action: "update", entity: "committee_member", entityID: id, field: "position",
                                     before: String(position), after: String(otherPosition), communeID: program.communeID, programID: program.id)
            try context.audit.record(db, action: "update", entity: "committee_member", entityID: otherID, field: "position",
                                     before: String(otherPosition), after: String(position), communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
    }

    static func deleteMember(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        try context.database.write { db in
            let row = try member(db, id: id, programID: program.id)
            try db.run("DELETE FROM committee_members WHERE id = ?", [id])
            try Details.auditDeletion(context, db, entity: "committee_member", id: id, was: try row.string("name_ar"),
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.details_deleted")
    }
}
