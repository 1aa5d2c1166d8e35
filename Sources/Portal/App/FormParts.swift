import Templates

/// One option of a form's select (an axis, a gender, a kind, a unit), public or admin.
struct FormChoice: TemplateView {
    let value: String
    let label: String
    let selected: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "value": return .string(value)
        case "label": return .string(label)
        case "selected": return .bool(selected)
        default: return nil
        }
    }
}

/// Texts by field name: what a form re-shows as typed (`v.title`) or its messages in the
/// page's language (`errors.title`, `e.title`); a field without one has no key, so the
/// template's `{{#e.title}}` stays closed.
struct FieldTexts: TemplateView {
    let texts: [String: String]

    func member(_ key: String) -> TemplateValue? { texts[key].map { .string($0) } }
}
