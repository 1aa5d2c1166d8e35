import Foundation
import HTTP
import SQLite
import Templates

/// The network's communes as administrators keep them: the list, adding a commune that joins
/// the network, and correcting its names, region, province and the date it joined. The slug
/// is chosen once: it is part of every public address of the commune.
enum CommunePages {
    /// The editable columns, in form order; `_ar` names are required, the rest optional.
    static let fields = ["name_ar", "name_fr", "region_ar", "region_fr", "province_ar", "province_fr", "joined_on"]
    /// Slugs the admin paths give another meaning to (`communes/new`).
    static let reservedSlugs: Set<String> = ["new"]

    static func handle(_ route: PeopleRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .communes: return try list(context)
        case .newCommune: return try edit(slug: nil, context)
        case .commune(let slug): return try edit(slug: slug, context)
        default: throw PageError.notFound
        }
    }

    static func list(_ context: AdminContext) throws -> Outcome {
        let language = context.language
        let rows = try context.database.read { db in try PeopleStore.communeLines(db) }
        let communes = rows.map { line in
            CommuneLineView(
                slug: line.slug, name: line.name.text(language), region: line.region?.text(language),
                province: line.province?.text(language), joinedOn: line.joinedOn, sandbox: line.isSandbox, programs: line.programs,
                editHref: AdminRoute.network(language, .people(.commune(slug: line.slug))).path,
                adminHref: AdminRoute.commune(language, slug: line.slug, .editor(.commune)).path,
                publicHref: SiteRoute.commune(language, slug: line.slug).path)
        }
        return context.render(PageView(template: "admin/people_communes", title: context.t("people.communes.title"), view: CommuneListView(
            communes: communes, newHref: AdminRoute.network(language, .people(.newCommune)).path)))
    }

    /// GET shows the form (empty for a new commune); POST checks every field, keeps what was
    /// typed on error (422), or writes the commune and its audit entries in one transaction.
    static func edit(slug: String?, _ context: AdminContext) throws -> Outcome {
        let existing: (id: Int, values: [String: String?])? = try slug.map { slug in
            try context.database.read { db in
                guard let found = try PeopleStore.communeFields(db, slug: slug, fields: fields) else { throw PageError.notFound }
                return found
            }
        }
        guard context.request.method == .post else {
            var typed: [String: String] = [:]
            for field in fields { typed[field] = (existing?.values[field] ?? nil) ?? "" }
            return try form(slug: slug, typed: typed, errors: [:], context, status: .ok)
        }
        var typed: [String: String] = [:]
        for field in fields + (slug == nil ? ["slug"] : []) { typed[field] = context.field(field) }
        var errors: [String: String] = [:]
        if slug == nil { errors["slug"] = try slugError(typed["slug"] ?? "", context) }
        if typed["name_ar"]!.isEmpty { errors["name_ar"] = context.t("people.error.required") }
        for field in fields where field != "joined_on" && typed[field]!.count > 200 { errors[field] = context.t("people.error.name_long") }
        if let joined = typed["joined_on"], !joined.isEmpty, !EditorInput.isDate(joined) {
            errors["joined_on"] = context.t("people.communes.error.date")
        }
        errors = errors.compactMapValues { $0 }
        guard errors.isEmpty else {
            return try form(slug: slug, typed: typed, errors: errors, context, status: .unprocessableContent)
        }
        var after: [String: String?] = [:]
        for field in fields { after[field] = typed[field]!.isEmpty ? nil : typed[field]! }
        try context.database.write { db in
            if let existing, slug != nil {
                try PeopleStore.updateCommune(db, id: existing.id, fields.map { after[$0] ?? nil })
                try context.audit.recordChanges(db, entity: "commune", entityID: existing.id, before: existing.values, after: after,
                                                communeID: existing.id)
                return
            }
            let newSlug = typed["slug"]!
            let id = try PeopleStore.insertCommune(db, slug: newSlug, fields.map { after[$0] ?? nil })
            try context.audit.record(db, action: "create", entity: "commune", entityID: id, field: "slug", after: newSlug, communeID: id)
            for field in fields { if let value = after[field] ?? nil {
                try context.audit.record(db, action: "create", entity: "commune", entityID: id, field: field, after: value, communeID: id)
            } }
        }
        return context.redirect(to: .network(context.language, .people(.communes)),
                                notice: slug == nil ? "notice.commune_added" : "notice.saved")
    }

    static func form(slug: String?, typed: [String: String], errors: [String: String], _ context: AdminContext, status: HTTPStatus) throws -> Outcome {
        let name = Localized(arabic: typed["name_ar"] ?? "", french: typed["name_fr"]).text(context.language)
        let title = slug == nil ? context.t("people.communes.add") : context.t("people.communes.edit") + " · " + name
        return context.render(PageView(template: "admin/people_commune", title: title, view: CommuneFormView(
            currentSlug: slug, typed: typed, errors: errors,
            action: AdminRoute.network(context.language, slug.map { .people(.commune(slug: $0)) } ?? .people(.newCommune)).path,
            backHref: AdminRoute.network(context.language, .people(.communes)).path,
            // Names, regions and provinces: each an Arabic/French pair; only the Arabic name is required.
            inputs: fields.filter { $0 != "joined_on" }.map { field in
                CommuneFormView.Input(id: field, label: context.t("people.communes." + field), value: typed[field] ?? "",
                                      textLanguage: field.hasSuffix("_ar") ? "ar" : "fr", required: field == "name_ar", error: errors[field])
            })), status: status)
    }

    /// The schema's rule (ASCII lower case, digits and dashes, starting with a letter or
    /// digit, at most 60), a slug no admin path uses, and one no other commune has.
    static func slugError(_ slug: String, _ context: AdminContext) throws -> String? {
        if slug.isEmpty { return context.t("people.error.required") }
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard allowed, slug.count <= 60, slug.first != "-" else { return context.t("people.communes.error.slug") }
        if reservedSlugs.contains(slug) { return context.t("people.communes.error.slug_reserved") }
        if try context.database.read({ try PeopleStore.communeExists($0, slug: slug) }) {
            return context.t("people.communes.error.slug_taken")
        }
        return nil
    }
}

/// The network's communes, as administrators keep them.
struct CommuneListView: TemplateView {
    let communes: [CommuneLineView]
    let newHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "communes": return .init(communes)
        case "count": return .int(communes.count)
        case "new_href": return .string(newHref)
        default: return nil
        }
    }
}

/// A commune in the list: its names, when it joined, its programs, and its pages.
struct CommuneLineView: TemplateView {
    let slug: String
    let name: String
    let region: String?
    let province: String?
    let joinedOn: String?
    /// The sandbox, where people try the portal out.
    let sandbox: Bool
    let programs: Int
    let editHref: String
    let adminHref: String
    let publicHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "slug": return .string(slug)
        case "name": return .string(name)
        case "region": return .init(region)
        case "province": return .init(province)
        case "joined_on": return .init(joinedOn)
        case "sandbox": return .bool(sandbox)
        case "programs": return .int(programs)
        case "edit_href": return .string(editHref)
        case "admin_href": return .string(adminHref)
        case "public_href": return .string(publicHref)
        default: return nil
        }
    }
}

/// The form that adds a commune or corrects one, re-shown with what was typed and each field's error.
struct CommuneFormView: TemplateView {
    /// A name, region or province field, in Arabic or French.
    struct Input: TemplateView {
        let id: String
        let label: String
        let value: String
        /// The language the field is typed in ("ar", "fr").
        let textLanguage: String
        let required: Bool
        let error: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "id": return .string(id)
            case "label": return .string(label)
            case "value": return .string(value)
            case "text_lang": return .string(textLanguage)
            case "required": return .bool(required)
            case "error": return .init(error)
            default: return nil
            }
        }
    }

    /// The commune's slug; nil for a new commune.
    let currentSlug: String?
    /// What was typed, by field name (`CommunePages.fields`, and `slug` for a new commune).
    let typed: [String: String]
    let errors: [String: String]
    let action: String
    let backHref: String
    let inputs: [Input]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "is_new": return .bool(currentSlug == nil)
        case "current_slug": return .init(currentSlug)
        case "slug", "joined_on": return .init(typed[key])
        case "action": return .string(action)
        case "back_href": return .string(backHref)
        case "errors": return .init(FieldTexts(texts: errors))
        case "inputs": return .init(inputs)
        case "error_count": return errors.isEmpty ? .null : .int(errors.count)
        default: return nil
        }
    }
}
