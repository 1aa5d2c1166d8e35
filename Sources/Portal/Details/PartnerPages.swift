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
                     status: HTTPStatus = .ok) throws -> Outcome {
        _ = try Details.program(context, period: period)
        let language = context.language
        let lines = try context.database.read { try DetailsStore.partners($0) }
        let partners = lines.map { line in
            PartnersView.Line(name: LocalizedText(line.name, language), shortName: line.shortName, projects: line.projects,
                              activities: line.activities, editHref: Details.href(context, .partner(period: period, id: line.id)),
                              deleteAction: Details.href(context, .deletePartner(period: period, id: line.id)))
        }
        let view = PartnersView(form: (added ?? DetailsForm(values: [:])).view(context), action: Details.href(context, .partners(period: period)),
                                backHref: nil, partners: partners, refusal: refusal.map { PartnersView.Refusal(name: $0.name, uses: $0.uses) })
        return Details.page(context, "admin/details_partners", title: context.t("details.partners.title"), tab: "partners",
                            period: period, view, status: status)
    }

    /// Reads the form; a name already used by another partner is refused (the names are unique).
    private static func read(_ form: inout DetailsForm, _ db: Connection, except id: Int?) throws -> [String: String?] {
        let name = form.required("name_ar")
        let values: [String: String?] = ["name_ar": name, "name_fr": form.text("name_fr"), "short_name": form.text("short_name")]
        if !name.isEmpty, let other = try DetailsStore.partnerID(db, named: name), other != id {
            form.fail("name_ar", "details.error.partner_taken")
        }
        return values
    }

    static func add(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        var form = DetailsForm(context)
        let added = try context.database.write { db -> Bool in
            let values = try read(&form, db, except: nil)
            guard form.isValid else { return false }
            let id = try DetailsStore.insertPartner(db, values)
            try Details.auditCreation(context, db, entity: "partner", id: id, fields: values,
                                      communeID: program.communeID, programID: nil)
            return true
        }
        guard added else { return try show(context, period: period, added: form, status: .unprocessableContent) }
        return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.saved")
    }

    static func edit(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        guard let before = try context.database.read({ try DetailsStore.partner($0, id: id) }) else { throw PageError.notFound }
        var form = DetailsForm(values: before)
        var status = HTTPStatus.ok
        if context.form != nil {
            form = DetailsForm(context)
            let saved = try context.database.write { db -> Bool in
                // The list is shared, but a name shows in every program that uses the partner:
                // only someone who keeps all of those programs may change it.
                guard try mayRename(context, db, partnerID: id) else { throw PageError(.forbidden) }
                let values = try read(&form, db, except: id)
                guard form.isValid else { return false }
                try DetailsStore.updatePartner(db, id: id, values)
                try context.audit.recordChanges(db, entity: "partner", entityID: id, before: before, after: values,
                                                communeID: program.communeID, programID: nil)
                return true
            }
            if saved { return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.saved") }
            status = .unprocessableContent
        }
        let view = PartnersView(form: form.view(context), action: Details.href(context, .partner(period: period, id: id)),
                                backHref: Details.href(context, .partners(period: period)), partners: [], refusal: nil)
        return Details.page(context, "admin/details_partner", title: context.t("details.partner.title"), tab: "partners", period: period,
                            view, status: status)
    }

    /// Administrators rename any partner; a focal point only one named by no program outside
    /// the communes where they are focal point.
    private static func mayRename(_ context: AdminContext, _ db: Connection, partnerID: Int) throws -> Bool {
        guard !context.account.isAdmin else { return true }
        let communes = try DetailsStore.communesNaming(db, partnerID: partnerID)
        return communes.allSatisfy { context.account.holds([.focalPoint], in: $0) }
    }

    /// Removes an unused partner; a used one is refused (422) with the places that name it.
    static func delete(_ context: AdminContext, period: String, id: Int) throws -> Outcome {
        let program = try Details.program(context, period: period)
        let refusal = try context.database.write { db -> (name: String, uses: [String])? in
            guard let partner = try DetailsStore.partner(db, id: id), let nameAr = partner["name_ar"] ?? nil else { throw PageError.notFound }
            let uses = try self.uses(context, db, partnerID: id)
            let name = Localized(arabic: nameAr, french: partner["name_fr"] ?? nil)
            guard uses.isEmpty else { return (name.text(context.language), uses) }
            try DetailsStore.deletePartner(db, id: id)
            try Details.auditDeletion(context, db, entity: "partner", id: id, was: nameAr,
                                      communeID: program.communeID, programID: nil)
            return nil
        }
        if let refusal { return try show(context, period: period, refusal: refusal, status: .unprocessableContent) }
        return context.redirect(to: Details.route(context, .partners(period: period)), notice: "notice.details_deleted")
    }

    /// Where a partner is named: "Settat 2024-2025 · project 2", "… · project 2, activity 3".
    static func uses(_ context: AdminContext, _ db: Connection, partnerID: Int) throws -> [String] {
        try DetailsStore.partnerUses(db, partnerID: partnerID).map { use in
            var text = use.commune.text(context.language) + " " + use.period
            text += " · " + context.t("details.event.project") + " " + String(use.project)
            if let activity = use.activity { text += " · " + context.t("details.partner.activity") + " " + String(activity) }
            return text
        }
    }
}

/// The network's partners and the form that adds one (`admin/details_partners`), with why a
/// removal was refused; or one partner's own form (`admin/details_partner`, which goes back).
struct PartnersView: TemplateView {
    let form: DetailsFormView
    let action: String
    let backHref: String?
    let partners: [Line]
    let refusal: Refusal?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "partners": return .init(partners)
        case "partner": return .init(form)
        case "action": return .string(action)
        case "back_href": return .init(backHref)
        case "refusal": return refusal.map { .init($0) }
        default: return nil
        }
    }

    /// A partner of the list, with how many projects and activities name it.
    struct Line: TemplateView {
        let name: LocalizedText
        let shortName: String?
        let projects: Int
        let activities: Int
        let editHref: String
        let deleteAction: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .init(name)
            case "short_name": return .init(shortName)
            case "projects": return .int(projects)
            case "activities": return .int(activities)
            case "edit_href": return .string(editHref)
            case "delete_action": return .string(deleteAction)
            default: return nil
            }
        }
    }

    /// A partner that was not removed, and where it is still named.
    struct Refusal: TemplateView {
        let name: String
        let uses: [String]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .string(name)
            case "uses": return .array(uses.map { .string($0) })
            default: return nil
            }
        }
    }
}
