import HTTP
import Templates

/// The handlers of a program's details: one exhaustive switch from route to feature. Roles
/// and the form token are already checked by the admin dispatcher; a GET shows a page, a
/// POST changes the store in one transaction with its audit entries and answers 303, or 422
/// with the form as typed.
enum DetailsPages {
    static func handle(_ route: DetailsRoute, _ context: AdminContext) throws -> Outcome {
        let posted = context.form != nil
        switch route {
        case .committee(let period):
            return posted ? try CommitteePages.saveDecision(context, period: period) : try CommitteePages.show(context, period: period)
        case .committeeMembers(let period): return try CommitteePages.addMember(context, period: period)
        case .committeeMember(let period, let id): return try CommitteePages.editMember(context, period: period, id: id)
        case .moveCommitteeMember(let period, let id): return try CommitteePages.moveMember(context, period: period, id: id)
        case .deleteCommitteeMember(let period, let id): return try CommitteePages.deleteMember(context, period: period, id: id)
        case .milestones(let period):
            return posted ? try MilestonePages.add(context, period: period) : try MilestonePages.show(context, period: period)
        case .milestone(let period, let id): return try MilestonePages.edit(context, period: period, id: id)
        case .deleteMilestone(let period, let id): return try MilestonePages.delete(context, period: period, id: id)
        case .events(let period): return try EventPages.list(context, period: period)
        case .newEvent(let period): return try EventPages.edit(context, period: period, id: nil)
        case .event(let period, let id): return try EventPages.edit(context, period: period, id: id)
        case .deleteEvent(let period, let id): return try EventPages.delete(context, period: period, id: id)
        case .partners(let period):
            return posted ? try PartnerPages.add(context, period: period) : try PartnerPages.show(context, period: period)
        case .partner(let period, let id): return try PartnerPages.edit(context, period: period, id: id)
        case .deletePartner(let period, let id): return try PartnerPages.delete(context, period: period, id: id)
        case .importMatrix(let period): return try ImportPage.handle(context, period: period)
        }
    }
}
