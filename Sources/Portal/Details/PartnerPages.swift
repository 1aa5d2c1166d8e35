import HTTP
import SQLite
import Templates

/// The network's shared list of partner organisations (one row per organisation, whatever
/// the commune), which project cards and activities name. Focal points add and rename
/// partners; a partner still named by a project or an activity cannot be removed, and the
/// page says where it is named.
enum PartnerPages {
    static let columns = ["name_ar", "name_fr", "short_name"]

    static func show(_ context: AdminContext, period: String, added: DetailsForm? = nil, refusal: (name: String, uses: [String])? = nil,
                     status: HTTPStatus = .ok) throws -> HTTPResponse {
        _ = try Details.program(context, period: period)
        let language = context.language
        let rows = try context.database.read { db in
            try db.query("""
                SELECT p.id, p.name_ar, p.name_fr, p.short_name,
                       (SELECT count(*) FROM project_partners pp WHERE pp.partner_id = p.id) AS projects,
                       (SELECT count(*) FROM activities a WHERE a.funding_partner_id = p.id
                            OR a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id = p.id)) AS activities
                FROM partners p ORDER BY p.name_ar
                """)
        }
        let partners = try rows.map { row -> TemplateValue in
            let id = try row.int("id")
            return [
                "name": try Localized(row, "name").value(language),
                "short_name": TemplateValue(try row.optionalString("short_name")),
                "projects": .int(try row.int("projects")),
                "activities": .int(try row.int("activities")),
                "edit_href": Details.href(context, .partner(period: period, id: id)),
                "delete_action": Details.href(context, .deletePartner(period: period, id: id)),
            ]
        }
        var values: [String: TemplateValue] = [
            "partners": .array(partners),
            "partner": (added ?? DetailsForm(values: [:])).value(context),
            "action": Details.href(context, .partners(period: period)),
        ]
        if let refusal {
            values["refusal"] = ["name": .string(refusal.name), "uses": .array(refusal.uses.map { .string($0) })]
        }
        return try Details.page(context, "admin/details_partners", title: context.t("details.partners.title"), tab: "partners",
                                period: period, values, status: status)
    }

    /// Reads the form; a name already used by another partner is refused (the names are unique).
    private static func read(_ form: inout DetailsForm, _ db: Connection, except id: Int?) throws -> [String: String?] {
        let name = form.required("name_ar")
        let values: [String: String?] = ["name_ar": name, "name_fr": form.text("name_fr"), "short_name": form.text("short_name")]
        if !name.isEmpty, let other = try db.scalar("SELECT id FROM partners WHERE name_ar = ?", [name], as: Int.self), other != id {
            form.fail("name_ar", "details.error.partner_taken")
        }
        return values
    }

    static func add(_ context: AdminContext, period: String) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let added = try context.database.write { db -> Bool in
            let values = try read(&form, db, except: nil)
            guard form.isValid else { return false }
            try db.run("INSERT INTO partners (name_ar, name_fr, short_name) VALUES (?, ?, ?)", columns.map { values[$0] ?? nil })
            try Details.auditCreation(context, db, entity: "partner", id: Int(db.lastInsertRowID), fields: values,
                                      communeID: program.communeID, programID: nil)
            return true
        }
        guard added else { return try show(context, period: period, added: form, status: .unprocessableContent) }
        return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.saved")
    }

    static func edit(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        guard let row = try context.database.read({ try $0.queryOne("SELECT * FROM partners WHERE id = ?", [id]) }) else { throw HTTPNotFound() }
        var before: [String: String?] = [:]
        for column in columns { before[column] = try row.optionalString(column) }
        var form = DetailsForm(values: before)
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let saved = try context.database.write { db -> Bool in
                // The list is shared, but a name shows in every program that uses the partner:
                // only someone who keeps all of those programs may change it.
                guard try mayRename(context, db, partnerID: id) else { throw HTTPError(.forbidden) }
                let values = try read(&form, db, except: id)
                guard form.isValid else { return false }
                try db.run("UPDATE partners SET name_ar = ?, name_fr = ?, short_name = ? WHERE id = ?", columns.map { values[$0] ?? nil } + [id])
                try context.audit.recordChanges(db, entity: "partner", entityID: id, before: before, after: values,
                                                communeID: program.communeID, programID: nil)
                return true
            }
            if saved { return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.saved") }
            status = .unprocessableContent
        }
        return try Details.page(context, "admin/details_partner", title: context.t("details.partner.title"), tab: "partners", period: period, [
            "partner": form.value(context),
            "action": Details.href(context, .partner(period: period, id: id)),
            "back_href": Details.href(context, .partners(period: period)),
        ], status: status)
    }

    /// Administrators rename any partner; a focal point only one named by no program outside
    /// the communes where they are focal point.
    private static func mayRename(_ context: AdminContext, _ db: Connection, partnerID: Int) throws -> Bool {
        guard !context.account.isAdmin else { return true }
        let communes = try db.query("""
            SELECT g.commune_id FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
            WHERE pp.partner_id = ?1
            UNION
            SELECT g.commune_id FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id
            WHERE a.funding_partner_id = ?1 OR a.id IN (SELECT activity_id FROM activity_partners WHERE partner_id = ?1)
            """, [partnerID]).map { try $0.int("commune_id") }
        return communes.allSatisfy { context.account.holds([.focalPoint], in: $0) }
    }

    /// Removes an unused partner; a used one is refused (422) with the places that name it.
    static func delete(_ context: AdminContext, period: String, id: Int) throws -> HTTPResponse {
        let program = try Details.program(context, period: period)
        let refusal = try context.database.write { db -> (name: String, uses: [String])? in
            guard let row = try db.queryOne("SELECT name_ar, name_fr FROM partners WHERE id = ?", [id]) else { throw HTTPNotFound() }
            let uses = try self.uses(context, db, partnerID: id)
            guard uses.isEmpty else { return (try Localized(row, "name").text(context.language), uses) }
            try db.run("DELETE FROM partners WHERE id = ?", [id])
            try Details.auditDeletion(context, db, entity: "partner", id: id, was: try row.string("name_ar"),
                                      communeID: program.communeID, programID: nil)
            return nil
        }
        if let refusal { return try show(context, period: period, refusal: refusal, status: .unprocessableContent) }
        return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.details_deleted")
    }

    /// Where a partner is named: "Settat 2024-2025 · project 2", "… · project 2, activity 3".
    static func uses(_ context: AdminContext, _ db: Connection, partnerID: Int) throws -> [String] {
        let rows = try db.query("""
            SELECT c.name_ar, c.name_fr, g.period, p.number AS project, NULL AS activity
            FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
                 JOIN communes c ON c.id = g.commune_id WHERE pp.partner_id = ?1
            UNION
            SELECT c.name_ar, c.name_fr, g.period, p.number, a.number
            FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id
                 JOIN communes c ON c.id = g.commune_id
            WHERE a.funding_partner_id = ?1 OR a.id IN (SELECT activity_id FROM activity_partners WHERE partner_id = ?1)
            ORDER BY 3, 1, 4, 5
            """, [partnerID])
        return try rows.map { row in
            var text = try Localized(row, "name").text(context.language) + " " + (try row.string("period"))
            text += " · " + context.t("details.event.project") + " " + String(try row.int("project"))
            if let activity = try row.optionalInt("activity") { text += " · " + context.t("details.partner.activity") + " " + String(activity) }
            return text
        }
    }
}
