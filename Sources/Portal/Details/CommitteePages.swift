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
        let members = stored.enumerated().map { index, member in
            CommitteeMembersView.Line(
                name: LocalizedText(member.name, language), honorific: member.honorific.map { LocalizedText($0, language) },
                function: member.function.map { LocalizedText($0, language) }, role: context.t("committee.role." + member.role),
                category: context.t("committee.category." + member.category),
                editHref: Details.href(context, .committeeMember(period: period, id: member.id)),
                moveAction: Details.href(context, .moveCommitteeMember(period: period, id: member.id)),
                deleteAction: Details.href(context, .deleteCommitteeMember(period: period, id: member.id)),
                canUp: index > 0, canDown: index < stored.count - 1)
        }
        let view = CommitteeMembersView(context, member: member ?? DetailsForm(values: ["role": "member", "category": "elected"]),
                                        action: .committeeMembers(period: period), members: members,
                                        decision: decisionForm!.view(context), decisionAction: Details.href(context, .committee(period: period)),
                                        hasCommittee: committee != nil)
        return Details.page(context, "admin/details_committee", title: context.t("details.committee.title"), tab: "committee", period: period,
                            view, status: status)
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
        let view = CommitteeMembersView(context, member: form, action: .committeeMember(period: period, id: id),
                                        backHref: Details.href(context, .committee(period: period)))
        return Details.page(context, "admin/details_member", title: context.t("details.member.title"), tab: "committee", period: period,
                            view, status: status)
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

/// The committee page (`admin/details_committee`): the decision's form, the members with their
/// links and the form that adds one; or one member's own form (`admin/details_member`, which
/// goes back).
struct CommitteeMembersView: TemplateView {
    /// The member form's values and messages.
    let memberForm: DetailsFormView
    let action: String
    let roleOptions: [FormChoice]
    let categoryOptions: [FormChoice]
    let backHref: String?
    let members: [Line]
    let decision: DetailsFormView?
    let decisionAction: String?
    let hasCommittee: Bool

    init(_ context: AdminContext, member: DetailsForm, action: DetailsRoute, backHref: String? = nil, members: [Line] = [],
         decision: DetailsFormView? = nil, decisionAction: String? = nil, hasCommittee: Bool = false) {
        memberForm = member.view(context)
        self.action = Details.href(context, action)
        roleOptions = Details.choices(context, CommitteePages.roles, prefix: "committee.role.", selected: member.typed["role"])
        categoryOptions = Details.choices(context, CommitteePages.categories, prefix: "committee.category.", selected: member.typed["category"])
        self.backHref = backHref
        self.members = members
        self.decision = decision
        self.decisionAction = decisionAction
        self.hasCommittee = hasCommittee
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "member": return .init(memberForm)
        case "member_action", "action": return .string(action)
        case "role_options": return .init(roleOptions)
        case "category_options": return .init(categoryOptions)
        case "back_href": return .init(backHref)
        case "members": return .init(members)
        case "decision": return .init(decision)
        case "decision_action": return .init(decisionAction)
        case "has_committee": return .bool(hasCommittee)
        default: return nil
        }
    }

    /// A member as the committee page lists them, with the links that edit, move and remove them.
    struct Line: TemplateView {
        let name: LocalizedText
        let honorific: LocalizedText?
        let function: LocalizedText?
        /// The role's and category's labels in the page's language.
        let role: String
        let category: String
        let editHref: String
        let moveAction: String
        let deleteAction: String
        let canUp: Bool
        let canDown: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .init(name)
            case "honorific": return .init(honorific)
            case "function": return .init(function)
            case "role": return .string(role)
            case "category": return .string(category)
            case "edit_href": return .string(editHref)
            case "move_action": return .string(moveAction)
            case "delete_action": return .string(deleteAction)
            case "can_up": return .bool(canUp)
            case "can_down": return .bool(canDown)
            default: return nil
            }
        }
    }
}
