import Templates

/// The follow-up committee of a program (لجنة التتبع), as the commune page and the program
/// overview both show it: the decision that created it and its members (read by
/// `ProgramStore.committee`).
struct CommitteeView: TemplateView {
    /// One member: their honorific, name and function as the decision lists them, and their
    /// role and category in the page's language.
    struct Member: TemplateView {
        let honorific: LocalizedText?
        let name: LocalizedText
        let function: LocalizedText?
        let role: String
        let category: String

        var templateValue: TemplateValue {
            ["honorific": .init(honorific), "name": .init(name), "function": .init(function),
             "role": .string(role), "category": .string(category)]
        }
    }

    let name: LocalizedText
    let decisionNumber: String?
    let decisionDate: String?
    let decidedBy: LocalizedText?
    let mandate: LocalizedText?
    let members: [Member]

    init(_ committee: ProgramStore.Committee, page: PageRequest) {
        let language = page.language
        func localized(_ text: Localized?) -> LocalizedText? { text.map { LocalizedText($0, language) } }
        name = LocalizedText(committee.name, language)
        decisionNumber = committee.decisionNumber
        decisionDate = committee.decisionDate
        decidedBy = localized(committee.decidedBy)
        mandate = localized(committee.mandate)
        members = committee.members.map {
            Member(honorific: localized($0.honorific), name: LocalizedText($0.name, language), function: localized($0.function),
                   role: page.t("committee.role." + $0.role), category: page.t("committee.category." + $0.category))
        }
    }

    var templateValue: TemplateValue {
        ["name": .init(name), "decision_number": .init(decisionNumber), "decision_date": .init(decisionDate),
         "decided_by": .init(decidedBy), "mandate": .init(mandate), "members": .init(members), "member_count": .int(members.count)]
    }
}
