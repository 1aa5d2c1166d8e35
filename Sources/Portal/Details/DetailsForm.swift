import Foundation
import HTTP
import SQLite
import Templates

/// One details form as submitted: every value as typed (so a refused form comes back with
/// nothing lost) and at most one message per field (shown next to it). The readers turn
/// typed text into what the schema's CHECKs accept, so a form the checks pass never fails
/// in the store.
struct DetailsForm {
    private(set) var typed: [String: String] = [:]
    /// Field name -> catalog key of its message.
    private(set) var errors: [String: String] = [:]
    /// Field name -> the words put in its message's `{1}`, `{2}`… (after the count, if any)
    private var arguments: [String: [String]] = [:]
    /// Field name -> the count its message is about (a counted entry's `{1}`, choosing its form)
    private var counts: [String: Int] = [:]
    private let read: (String) -> String

    /// Reads the submitted form of `context`.
    init(_ context: AdminContext) {
        read = { context.field($0) }
    }

    /// A form filled from stored values (an edit form before any submission).
    init(values: [String: String?]) {
        var filled: [String: String] = [:]
        for (name, value) in values { filled[name] = value ?? "" }
        typed = filled
        read = { filled[$0] ?? "" }
    }

    var isValid: Bool { errors.isEmpty }

    /// Records a message for `field`, unless it already has one (the first problem is the one to fix).
    /// With `count`, `key` is a counted entry written in its form for that count.
    mutating func fail(_ field: String, _ key: String, _ words: [String] = [], count: Int? = nil) {
        if errors[field] == nil { errors[field] = key; arguments[field] = words; counts[field] = count }
    }

    /// The field as typed, nil when empty; refused past its `FieldLimit`.
    mutating func text(_ name: String) -> String? {
        let value = read(name)
        typed[name] = value
        let limit = FieldLimit.maximum(for: name)
        if value.count > limit { fail(name, "details.error.too_long", [String(limit)]) }
        return value.isEmpty ? nil : value
    }

    /// A text that must be given (Arabic titles and names).
    mutating func required(_ name: String) -> String {
        guard let value = text(name) else { fail(name, "details.error.required"); return "" }
        return value
    }

    /// A count of people or proposals: a whole number, zero or more. Arabic-Indic digits and
    /// spaces between thousands are read as typed ("١٢", "1 200").
    mutating func count(_ name: String) -> Int? {
        guard let value = text(name) else { return nil }
        guard let number = Self.wholeNumber(value) else { fail(name, "details.error.count"); return nil }
        return number
    }

    static func wholeNumber(_ text: String) -> Int? {
        let digits = EditorInput.asciiDigits(text).filter { !["\u{20}", "\u{A0}", "\u{202F}"].contains($0) }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// One of a fixed list (the schema's CHECK lists); an empty choice is refused too.
    mutating func choice(_ name: String, _ allowed: [String]) -> String {
        let value = read(name)
        typed[name] = value
        guard allowed.contains(value) else { fail(name, "details.error.choice"); return allowed[0] }
        return value
    }

    /// A checkbox.
    mutating func flag(_ name: String) -> Bool {
        let value = read(name)
        typed[name] = value
        return value == "1"
    }

    /// A time of day, `HH:MM`.
    mutating func time(_ name: String) -> String? {
        guard let value = text(name) else { return nil }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...23).contains(hours), (0...59).contains(minutes) else {
            fail(name, "details.error.time"); return nil
        }
        return value
    }

    /// A date as the timeline keeps them: a day `2023-05-17`, a month `2023-10`, or a range of
    /// two days or two months `2023-06-09/2023-06-14`. Empty means undated.
    mutating func span(_ name: String) -> DateSpan {
        guard let value = text(name) else { return DateSpan() }
        guard let span = DateSpan(typed: value) else { fail(name, "details.error.date"); return DateSpan() }
        return span
    }

    /// A single day (`YYYY-MM-DD`), for decisions.
    mutating func day(_ name: String) -> String? {
        guard let value = text(name) else { return nil }
        guard value.count == 10, EditorInput.isDate(value) else { fail(name, "details.error.day"); return nil }
        return value
    }

    /// What a template reads of the form: the values as typed and the messages in the page's language.
    func view(_ context: AdminContext) -> DetailsFormView {
        var messages: [String: String] = [:]
        for (name, key) in errors {
            messages[name] = counts[name].map { context.t(key, count: $0, arguments[name] ?? []) }
                ?? context.translations.fill(key, context.language, arguments[name] ?? [])
        }
        return DetailsFormView(values: FieldTexts(texts: typed), errors: FieldTexts(texts: messages))
    }
}

/// A details form as its template reads it: `v` (the values as typed), `e` (a message per
/// field) and `invalid`.
struct DetailsFormView: TemplateView {
    let values: FieldTexts
    let errors: FieldTexts

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "v": return .init(values)
        case "e": return .init(errors)
        case "invalid": return .bool(!errors.texts.isEmpty)
        default: return nil
        }
    }

    /// A field the template draws from a list (`admin/details_count_field`), labelled by the page.
    func field(_ name: String, _ label: String) -> DetailsField {
        DetailsField(name: name, label: label, value: values.texts[name], error: errors.texts[name])
    }
}

/// One input of a list of like fields (counts, agenda times): its name, label, typed value and message.
struct DetailsField: TemplateView {
    let name: String
    let label: String
    let value: String?
    let error: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .string(name)
        case "label": return .string(label)
        case "value": return .init(value)
        case "error": return .init(error)
        default: return nil
        }
    }
}

/// A milestone's or event's date as the schema stores it (`date_start`, `date_end`,
/// `date_precision`; see the CHECKs of 0001): day, month, range of days or of months, or none.
struct DateSpan: Equatable {
    var start: String? = nil
    var end: String? = nil
    var precision: String? = nil

    init() {}

    init(start: String?, end: String? = nil, precision: String?) {
        self.start = start; self.end = end; self.precision = precision
    }

    init?(typed: String) {
        let pieces = typed.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.allSatisfy(EditorInput.isDate) else { return nil }
        switch pieces.count {
        case 1:
            start = pieces[0]
            precision = pieces[0].count == 10 ? "day" : "month"
        case 2:
            guard pieces[0].count == pieces[1].count, pieces[1] > pieces[0] else { return nil }
            start = pieces[0]; end = pieces[1]; precision = "range"
        default: return nil
        }
    }

    /// How the stored span is typed back into the form.
    var typed: String { [start, end].compactMap { $0 }.joined(separator: "/") }

    /// What the `date` filter of the templates reads: a day, a month or "start/end"; nil when undated.
    var formatted: String? { start == nil ? nil : typed }
}

/// What the details pages share: the program a page is about, the page frame with its tabs,
/// select options, and the audit entries of creations and deletions.
enum Details {
    /// The program of a details route, in the route's commune.
    struct Program {
        let id: Int
        let communeID: Int
        let period: String
        let title: Localized
    }

    static func program(_ context: AdminContext, period: String) throws -> Program {
        guard let commune = context.commune,
              let found = try context.database.read({ try DetailsStore.program($0, communeID: commune.id, period: period) })
        else { throw PageError.notFound }
        return Program(id: found.id, communeID: commune.id, period: period, title: found.title)
    }

    /// A details page whose view is typed, with the program's navigation and the page's heading.
    static func page(_ context: AdminContext, _ template: String, title: String, tab: String, period: String, _ view: some TemplateView,
                     status: HTTPStatus = .ok) -> Outcome {
        let framed = DetailsFrame(programNav: ProgramNav.view(context, period: period, current: tab), heading: title, page: view)
        return context.render(PageView(template: template, title: title, view: framed), status: status)
    }

    /// The route of a details page in this request's commune and language.
    static func route(_ context: AdminContext, _ route: DetailsRoute) -> AdminRoute {
        .commune(context.language, slug: context.commune?.slug ?? "", .details(route))
    }

    /// The path of a details page in this request's commune and language.
    static func href(_ context: AdminContext, _ route: DetailsRoute) -> String { Self.route(context, route).path }

    /// `<option>`s for a fixed list, labelled from the catalog (`prefix + value`).
    static func choices(_ context: AdminContext, _ values: [String], prefix: String, selected: String?) -> [FormChoice] {
        values.map { FormChoice(value: $0, label: context.t(prefix + $0), selected: $0 == selected) }
    }

    /// One "create" entry per field the new row was given.
    static func auditCreation(_ context: AdminContext, _ db: Connection, entity: String, id: Int, fields: [String: String?],
                              communeID: Int?, programID: Int?) throws {
        for field in fields.keys.sorted() {
            guard let value = fields[field] ?? nil else { continue }
            try context.audit.record(db, action: "create", entity: entity, entityID: id, field: field, before: nil, after: value,
                                     communeID: communeID, programID: programID)
        }
    }

    /// One "delete" entry for the whole row, `before` naming what it was.
    static func auditDeletion(_ context: AdminContext, _ db: Connection, entity: String, id: Int, was: String?,
                              communeID: Int?, programID: Int?) throws {
        try context.audit.record(db, action: "delete", entity: entity, entityID: id, before: was, communeID: communeID, programID: programID)
    }

    /// Text of an Int column for the audit log.
    static func text(_ value: Int?) -> String? { value.map(String.init) }
}

/// A details page's own view under the program's navigation and the page's heading.
struct DetailsFrame<Page: TemplateView>: TemplateView {
    let programNav: ProgramNavView?
    let heading: String
    let page: Page

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program_nav": return .init(programNav)
        case "heading": return .string(heading)
        default: return page.member(key)
        }
    }
}
