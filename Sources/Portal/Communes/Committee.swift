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

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "honorific": return .init(honorific)
            case "name": return .init(name)
            case "function": return .init(function)
            case "role": return .string(role)
            case "category": return .string(category)
            default: return nil
            }
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

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "name": return .init(name)
        case "decision_number": return .init(decisionNumber)
        case "decision_date": return .init(decisionDate)
        case "decided_by": return .init(decidedBy)
        case "mandate": return .init(mandate)
        case "members": return .init(members)
        case "member_count": return .int(members.count)
        default: return nil
        }
    }
}
