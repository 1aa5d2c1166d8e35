import Templates

/// What builds a page's words in code — a public page's request and an admin page's context —
/// so that messages with values and the numbered labels of axes and projects are written one
/// way wherever they appear (lists, filters, forms, the triage queue, workshop entry).
protocol Wording {
    var language: Language { get }
    var translations: Translations { get }
}

extension Wording {
    /// The catalog text for `key` with `{1}`, `{2}`… replaced by `values` (`Translations.fill`).
    func fill(_ key: String, _ values: String...) -> String { translations.fill(key, language, values) }

    /// "Axe 2 : Transparence…": an axis's number in the page's digits, then its title.
    func axisLabel(_ number: Int, _ title: Localized) -> String { numbered("program.axis_number", number, title) }

    /// "Projet 3 : Publier…": a project's number in the page's digits, then its title.
    func projectLabel(_ number: Int, _ title: Localized) -> String { numbered("program.project_number", number, title) }

    private func numbered(_ key: String, _ number: Int, _ title: Localized) -> String {
        fill(key, Format.number(number, language)) + (translations.text("text.colon", language) ?? ":") + " " + title.text(language)
    }
}

extension PageRequest: Wording {}
extension AdminContext: Wording {}
