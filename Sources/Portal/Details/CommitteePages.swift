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
                     status: HTTPStatus = .ok) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let language = context.language
        let (committee, stored) = try context.database.read { db in
            let committee = try DetailsStore.committee(db, programID: program.id)
            return (committee, try committee.map { try DetailsStore.committeeMembers(db, committeeID: $0.id) } ?? [])
        }
        var decisionForm = decision
        if decisionForm == nil {
            var values = committee?.values ?? [:]
            if committee == nil { values["name_ar"] = context.site.templates.translations.text("details.committee.default_name", .ar) }
            decisionForm = DetailsForm(values: values)
        }
        let members = stored.enumerated().map { index, member -> TemplateValue in
            [
                "name": member.name.value(language),
                "honorific": member.honorific?.value(language) ?? .null,
                "function": member.function?.value(language) ?? .null,
                "role": .string(context.t("committee.role." + member.role)),
                "category": .string(context.t("committee.category." + member.category)),
                "edit_href": Details.href(context, .committeeMember(period: period, id: member.id)),
                "move_action": Details.href(context, .moveCommitteeMember(period: period, id: member.id)),
                "delete_action": Details.href(context, .deleteCommitteeMember(period: period, id: member.id)),
                "can_up": .bool(index > 0), "can_down": .bool(index < stored.count - 1),
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
    static func saveDecision(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values: [String: String?] = [
            "name_ar": form.required("name_ar"), "name_fr": form.text("name_fr"),
            "decision_number": form.text("decision_number"), "decision_date": form.day("decision_date"),
            "decided_by_ar": form.text("decided_by_ar"), "decided_by_fr": form.text("decided_by_fr"),
        ]
        guard form.isValid else { return try show(context, period: period, decision: form, status: .unprocessableContent) }
        try context.database.write { db in
            if let existing = try DetailsStore.committee(db, programID: program.id) {
                try DetailsStore.updateCommittee(db, id: existing.id, values)
                try context.audit.recordChanges(db, entity: "committee", entityID: existing.id, before: existing.values, after: values,
                                                communeID: program.communeID, programID: program.id)
            } else {
                let id = try DetailsStore.insertCommittee(db, programID: program.id, values)
                try Details.auditCreation(context, db, entity: "committee", id: id, fields: values,
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

    static func addMember(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let values = readMember(&form)
        let committeeID = try context.database.read { try DetailsStore.committee($0, programID: program.id)?.id }
        if committeeID == nil { form.fail("name_ar", "details.committee.none") }
        guard form.isValid, let committeeID else { return try show(context, period: period, member: form, status: .unprocessableContent) }
        try context.database.write { db in
            let memberID = try DetailsStore.addMember(db, committeeID: committeeID, values)
            try Details.auditCreation(context, db, entity: "committee_member", id: memberID, fields: values,
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
    }

    /// GET: the member's form; POST: saves it.
    static func editMember(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let before = try context.database.read { try DetailsStore.member($0, id: id, programID: program.id) }.values
        var form = DetailsForm(values: before)
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let values = readMember(&form)
            if form.isValid {
                try context.database.write { db in
                    _ = try DetailsStore.member(db, id: id, programID: program.id)
                    try DetailsStore.updateMember(db, id: id, values)
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
    static func moveMember(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let up = context.field("direction") == "up"
        try context.database.write { db in
            let member = try DetailsStore.member(db, id: id, programID: program.id)
            guard let (otherID, otherPosition) = try DetailsStore.swapMember(db, member, up: up) else { return }
            let position = member.position
            try context.audit.record(db, action: "update", entity: "committee_member", entityID: id, field: "position",
                                     before: String(position), after: String(otherPosition), communeID: program.communeID, programID: program.id)
            try context.audit.record(db, action: "update", entity: "committee_member", entityID: otherID, field: "position",
                                     before: String(otherPosition), after: String(position), communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.saved")
    }

    static func deleteMember(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        try context.database.write { db in
            let member = try DetailsStore.member(db, id: id, programID: program.id)
            try DetailsStore.deleteMember(db, id: id)
            try Details.auditDeletion(context, db, entity: "committee_member", id: id, was: member.values["name_ar"].flatMap { $0 } ?? "",
                                      communeID: program.communeID, programID: program.id)
        }
        return context.redirect(to: Details.route(context, .committee(period: period)), notice: "notice.details_deleted")
    }
}
