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
        let communes = rows.map { line -> TemplateValue in
            let slug = line.slug
            return [
                "slug": .string(slug),
                "name": .string(line.name.text(language)),
                "region": TemplateValue(line.region?.text(language)),
                "province": TemplateValue(line.province?.text(language)),
                "joined_on": TemplateValue(line.joinedOn),
                "sandbox": .bool(line.isSandbox),
                "programs": .int(line.programs),
                "edit_href": .string(AdminRoute.network(language, .people(.commune(slug: slug))).path),
                "admin_href": .string(AdminRoute.commune(language, slug: slug, .editor(.commune)).path),
                "public_href": .string(SiteRoute.commune(language, slug: slug).path),
            ]
        }
        return context.render(PageView(template: "admin/people_communes", title: context.t("people.communes.title"), context: [
            "communes": .array(communes), "count": .int(communes.count),
            "new_href": .string(AdminRoute.network(language, .people(.newCommune)).path),
        ]))
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
        var values: [String: TemplateValue] = typed.mapValues { .string($0) }
        values["is_new"] = .bool(slug == nil)
        values["current_slug"] = TemplateValue(slug)
        values["action"] = .string(AdminRoute.network(context.language, slug.map { .people(.commune(slug: $0)) } ?? .people(.newCommune)).path)
        values["back_href"] = .string(AdminRoute.network(context.language, .people(.communes)).path)
        values["errors"] = .object(errors.mapValues { .string($0) })
        // Names, regions and provinces: each an Arabic/French pair; only the Arabic name is required.
        values["inputs"] = .array(fields.filter { $0 != "joined_on" }.map { field in
            ["id": .string(field), "label": .string(context.t("people.communes." + field)), "value": .string(typed[field] ?? ""),
             "text_lang": .string(field.hasSuffix("_ar") ? "ar" : "fr"), "required": .bool(field == "name_ar"),
             "error": TemplateValue(errors[field])]
        })
        values["error_count"] = errors.isEmpty ? .null : .int(errors.count)
        let name = Localized(arabic: typed["name_ar"] ?? "", french: typed["name_fr"]).text(context.language)
        let title = slug == nil ? context.t("people.communes.add") : context.t("people.communes.edit") + " · " + name
        return context.render(PageView(template: "admin/people_commune", title: title, context: values), status: status)
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
