import Foundation
import HTTP
import Templates

/// What a citizen typed into the proposal form, cleaned (Unicode NFC, trimmed) and checked
/// field by field, so the form can be shown again with every value kept and each error next
/// to its field, or stored as it will be shown later.
struct ProposalForm {
    static let titleMax = 150
    static let descriptionMax = 5000
    static let shortMax = 150
    static let genders = ["woman", "man", "other"]
    static let ageBands = ["under-18", "18-29", "30-44", "45-59", "60-plus"]
    /// The observation card's fields (بطاقة الملاحظات), in the card's order.
    static let observationFields = ["problem", "solutions", "funding", "follow_up", "impact", "remarks"]
    static let observationMax = 3000
    /// The "new openness project" card's own fields (بطاقة حول مشروع انفتاح جديد), after the
    /// title, axis and description it shares with an idea; only `objective` is required.
    static let projectFields = ["objective", "expected_results", "partners"]
    static let projectTextMax = 3000
    /// Twelve digits of dirhams: more than any commune's budget, less than Int64 overflow in centimes.
    static let costDigitsMax = 12

    var axis = ""
    var title = ""
    var description = ""
    var name = ""
    var showName = false
    var gender = ""
    var ageBand = ""
    var association = ""
    var neighbourhood = ""
    var consent = false
    /// The address for the mail notices, as it will be stored (read only while mail is on).
    var email = ""
    /// An observation card's fields by name (empty for an idea).
    var observation: [String: String] = [:]
    /// A new project card's own fields by name (empty otherwise).
    var project: [String: String] = [:]
    /// The estimated cost as typed, and in centimes when given and valid.
    var cost = ""
    var costCentimes: Int?
    /// Field name -> catalog key of its error (and the maximum length for `too_long`).
    var errors: [String: (key: String, max: Int?)] = [:]

    init() {}

    /// Reads and checks the posted fields; `axisIDs` are the axes the call is about.
    init(_ form: FormData, axisIDs: [Int]) {
        axis = clean("axis", form["axis"], max: 20)
        title = clean("title", form["title"], max: Self.titleMax, required: true)
        description = clean("description", form["description"], max: Self.descriptionMax, required: true, multiline: true)
        if !axisIDs.isEmpty, errors["axis"] == nil {
            if axis.isEmpty { errors["axis"] = ("proposal.error.required", nil) }
            else if Int(axis).map(axisIDs.contains) != true { errors["axis"] = ("proposal.error.choice", nil) }
        }
        readIdentity(form)
    }

    /// Reads and checks an observation card on a draft project: the six fields are each
    /// optional, but a card with none of them says nothing and is refused.
    init(observation form: FormData) {
        for field in Self.observationFields {
            observation[field] = clean(field, form[field], max: Self.observationMax, multiline: true)
        }
        if observation.values.allSatisfy(\.isEmpty), !Self.observationFields.contains(where: { errors[$0] != nil }) {
            errors["observation"] = ("observation.error.one_field", nil)
        }
        // What lists and exports show of it: its first field, and all of it.
        let given = Self.observationFields.compactMap { observation[$0] }.filter { !$0.isEmpty }
        title = String((given.first ?? "").split(separator: "\n").first ?? "").trimmingCharacters(in: .whitespaces)
        if title.count > Self.titleMax { title = String(title.prefix(Self.titleMax - 1)) + "…" }
        description = given.joined(separator: "\n\n")
        readIdentity(form)
    }

    /// Reads and checks a new project card: an idea's title, axis and description, plus the
    /// problem and objectives (required), expected results, proposed partners and an optional
    /// estimated cost in whole dirhams.
    init(project form: FormData, axisIDs: [Int]) {
        self.init(form, axisIDs: axisIDs)
        for field in Self.projectFields {
            project[field] = clean(field, form[field], max: Self.projectTextMax, required: field == "objective", multiline: true)
        }
        cost = clean("cost", form["cost"], max: 40)
        if !cost.isEmpty, errors["cost"] == nil {
            if let centimes = Self.centimes(dirhams: cost) { costCentimes = centimes } else { errors["cost"] = ("newproject.error.cost", nil) }
        }
    }

    /// Whole dirhams as a phone keyboard may type them (Western, Arabic-Indic or Persian digits,
    /// spaces between thousands, "DH"/"MAD"/"درهم" after) in centimes; nil when it is not that.
    /// Dots and commas are refused: "1.500" is 1500 in French and 1.5 elsewhere.
    static func centimes(dirhams text: String) -> Int? {
        var digits = 0, value = 0
        var rest = Substring(text)
        for unit in ["درهم", "DH", "dh", "Dh", "MAD", "mad"] where rest.hasSuffix(unit) { rest = rest.dropLast(unit.count); break }
        for scalar in rest.unicodeScalars {
            if [" ", "\u{00A0}", "\u{202F}", "\u{2009}"].contains(scalar) { continue }
            guard let digit = scalar.properties.numericType == .decimal ? scalar.properties.numericValue.map(Int.init) : nil else { return nil }
            digits += 1
            guard digits <= costDigitsMax else { return nil }
            value = value * 10 + digit
        }
        return digits == 0 ? nil : value * 100
    }

    /// The optional fields about the author and the consent, the same on every form.
    private mutating func readIdentity(_ form: FormData) {
        name = clean("name", form["name"], max: Self.shortMax)
        association = clean("association", form["association"], max: Self.shortMax)
        neighbourhood = clean("neighbourhood", form["neighbourhood"], max: Self.shortMax)
        gender = clean("gender", form["gender"], max: 20)
        ageBand = clean("age_band", form["age_band"], max: 20)
        showName = form["show_name"] != nil
        consent = form["consent"] != nil
        if !gender.isEmpty, !Self.genders.contains(gender), errors["gender"] == nil { errors["gender"] = ("proposal.error.choice", nil) }
        if !ageBand.isEmpty, !Self.ageBands.contains(ageBand), errors["age_band"] == nil { errors["age_band"] = ("proposal.error.choice", nil) }
        if !consent { errors["consent"] = ("proposal.error.consent", nil) }
    }

    /// The optional address "to be told when the commune answers", read only while mail is on
    /// (off, the field is not shown and whatever is posted is ignored). Refused with the reason
    /// beside the field when it cannot be an address (see `MailAddress`).
    mutating func readEmail(_ form: FormData) {
        email = MailAddress.normalized(form["email"] ?? "")
        if !email.isEmpty, let problem = MailAddress.problem(email) { errors["email"] = (problem.rawValue, nil) }
    }

    /// The value as it will be stored: NFC, trimmed; control characters are an error (the
    /// value is kept as typed so the visitor can fix it), except line breaks and tabs in
    /// multi-line text.
    private mutating func clean(_ field: String, _ raw: String?, max: Int, required: Bool = false, multiline: Bool = false) -> String {
        let text = (raw ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            errors[field] = ("proposal.error.control", nil)
        } else if required && text.isEmpty {
            errors[field] = ("proposal.error.required", nil)
        } else if text.count > max {
            errors[field] = ("proposal.error.too_long", max)
        }
        return text
    }

    var isValid: Bool { errors.isEmpty }

    /// The form's problems in the order its fields come, each with the field it links to and that
    /// field's label, for the summary above the form.
    func errorList(_ texts: [String: String], page: PageRequest) -> [FormErrorItem] {
        let order = ["axis", "title", "description", "cost"] + Self.projectFields + Self.observationFields + ["observation"]
            + ["name", "gender", "age_band", "association", "neighbourhood", "consent"]
        let fields = order.filter { texts[$0] != nil } + texts.keys.filter { !order.contains($0) }.sorted()
        return fields.map { field in
            let target = field == "observation" ? Self.observationFields[0] : field   // "fill one of them": the first
            let label = ["proposal.field.", "newproject.field.", "observation.field."].lazy
                .compactMap { page.translations.text($0 + target, page.language) }.first ?? target
            return FormErrorItem(field: target, label: label, message: texts[field]!)
        }
    }

    /// The form's view: every field as typed, the choices with the selected one marked, and
    /// the errors in the page's language.
    func view(page: PageRequest, axes: [(id: Int, label: String)]) -> ProposalFormView {
        var errorTexts: [String: String] = [:]
        for (field, error) in errors {
            errorTexts[field] = error.max.map { page.t(error.key, count: $0) } ?? page.t(error.key)
        }
        func choices(_ codes: [String], _ prefix: String, _ selected: String) -> [FormChoice] {
            codes.map { FormChoice(value: $0, label: page.t(prefix + $0), selected: $0 == selected) }
        }
        return ProposalFormView(
            axes: axes.map { FormChoice(value: String($0.id), label: $0.label, selected: String($0.id) == axis) },
            title: title, description: description, name: name, showName: showName,
            genders: choices(Self.genders, "proposal.gender.", gender),
            ageBands: choices(Self.ageBands, "proposal.age.", ageBand),
            association: association, neighbourhood: neighbourhood, consent: consent, email: email,
            errors: FieldTexts(texts: errorTexts),
            errorList: errorList(errorTexts, page: page),
            projectFields: Self.projectFields.map { field in
                CardField(name: field, label: page.t("newproject.field." + field), value: project[field] ?? "",
                          error: errorTexts[field], required: field == "objective")
            },
            cost: cost,
            observationFields: Self.observationFields.map { field in
                CardField(name: field, label: page.t("observation.field." + field), value: observation[field] ?? "",
                          error: errorTexts[field], required: nil)
            })
    }
}

/// A citizen's form as its template reads it: the fields as typed, the choices, the errors and
/// the fields' maximum lengths. The keys of every card's form; a form page adds its own.
struct ProposalFormView: TemplateView {
    /// The axes the call covers, the chosen one selected.
    let axes: [FormChoice]
    let title: String
    let description: String
    let name: String
    let showName: Bool
    let genders: [FormChoice]
    let ageBands: [FormChoice]
    let association: String
    let neighbourhood: String
    let consent: Bool
    let email: String
    let errors: FieldTexts
    /// The errors in the order of the fields, for the summary above the form.
    let errorList: [FormErrorItem]
    /// The new project card's own fields.
    let projectFields: [CardField]
    /// The estimated cost as typed.
    let cost: String
    /// The observation card's fields.
    let observationFields: [CardField]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "axes": return .init(axes)
        case "has_axes": return .bool(!axes.isEmpty)
        case "title": return .string(title)
        case "description": return .string(description)
        case "name": return .string(name)
        case "show_name": return .bool(showName)
        case "genders": return .init(genders)
        case "age_bands": return .init(ageBands)
        case "association": return .string(association)
        case "neighbourhood": return .string(neighbourhood)
        case "consent": return .bool(consent)
        case "email": return .string(email)
        case "errors": return .init(errors)
        case "error_list": return .init(errorList)
        case "error_count": return .int(errors.texts.count)
        case "has_errors": return .bool(!errors.texts.isEmpty)
        case "title_max": return .int(ProposalForm.titleMax)
        case "description_max": return .int(ProposalForm.descriptionMax)
        case "observation_max": return .int(ProposalForm.observationMax)
        case "project_fields": return .init(projectFields)
        case "project_max": return .int(ProposalForm.projectTextMax)
        case "cost": return .string(cost)
        case "observation_fields": return .init(observationFields)
        default: return nil
        }
    }
}

/// One problem in the summary above a form, linked to its field.
struct FormErrorItem: TemplateView {
    /// The id of the field it links to.
    let field: String
    /// The field's label.
    let label: String
    let message: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "field": return .string(field)
        case "label": return .string(label)
        case "message": return .string(message)
        default: return nil
        }
    }
}

/// A field of the observation card or of the new project card's own part.
struct CardField: TemplateView {
    let name: String
    let label: String
    /// The text as typed.
    let value: String
    let error: String?
    /// Whether the field must be filled in: said by the new project card's fields only (nil,
    /// no key, on the observation card's).
    let required: Bool?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "label": return .string(label)
        case "value": return .string(value)
        case "error": return .init(error)
        case "required": return required.map { .bool($0) }
        default: return nil
        }
    }
}
