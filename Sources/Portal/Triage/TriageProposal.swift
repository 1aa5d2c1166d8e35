import Foundation
import SQLite
import Templates

/// Which proposals the public sees, in one place: not hidden as spam, and not merged into
/// another (a merged duplicate counts once, through the proposal it was merged into). Public
/// lists, exports, figures and project pages add this condition on the `proposals p` alias.
enum ProposalVisibility {
    static let publicSQL = "p.hidden = 0 AND p.merged_into_id IS NULL"
}

/// One proposal as the committee sees it: everything the citizen wrote, the personal data
/// they gave (never the remote address, which is kept for abuse checks only), where it came
/// from, and what the committee has decided so far.
struct TriageProposal {
    static let statuses = ["processing", "accepted", "integrated", "rejected"]

    var id: Int
    var kind: String
    var title: String
    var description: String
    var trackingCode: String
    var channel: String
    var status: String
    var publicAnswer: String?
    var rejectionReason: String?
    var integratedProjectID: Int?
    var axisID: Int?
    var projectID: Int?
    var authorName: String?
    var showName: Bool
    var gender: String?
    var ageBand: String?
    var association: String?
    var neighbourhood: String?
    var createdAt: String
    var answeredAt: String?
    var mergedIntoID: Int?
    var hidden: Bool
    var hiddenReason: String?
    var callTitle: Localized?
    var eventTitle: Localized?
    var card: [(field: String, text: String)] = []

    /// The proposal `id` of program `programID`, or nil (another program's id names nothing here).
    static func load(_ db: Connection, id: Int, programID: Int, language: Language = .ar) throws -> TriageProposal? {
        guard let row = try db.queryOne("""
            SELECT p.*, c.title_ar AS call_title_ar, c.title_fr AS call_title_fr,
                   e.title_ar AS event_title_ar, e.title_fr AS event_title_fr,
                   b.problem, b.solutions, b.funding, b.follow_up, b.impact, b.remarks,
                   n.objective, n.expected_results, n.partners, n.estimated_cost,
            """ + ProposalList.kindSQL + """
             AS shown_kind
            FROM proposals p LEFT JOIN calls c ON c.id = p.call_id LEFT JOIN events e ON e.id = p.event_id
            LEFT JOIN proposal_observations b ON b.proposal_id = p.id
            LEFT JOIN proposal_projects n ON n.proposal_id = p.id
            WHERE p.id = ? AND p.program_id = ?
            """, [id, programID]) else { return nil }
        var proposal = TriageProposal(
            id: try row.int("id"), kind: try row.string("shown_kind"), title: try row.string("title"),
            description: try row.string("description"), trackingCode: try row.string("tracking_code"),
            channel: try row.string("channel"), status: try row.string("status"),
            publicAnswer: try row.optionalString("public_answer"), rejectionReason: try row.optionalString("rejection_reason"),
            integratedProjectID: try row.optionalInt("integrated_project_id"), axisID: try row.optionalInt("axis_id"),
            projectID: try row.optionalInt("project_id"), authorName: try row.optionalString("author_name"),
            showName: try row.int("show_name") == 1, gender: try row.optionalString("gender"),
            ageBand: try row.optionalString("age_band"), association: try row.optionalString("association"),
            neighbourhood: try row.optionalString("neighbourhood"), createdAt: try row.string("created_at"),
            answeredAt: try row.optionalString("answered_at"), mergedIntoID: try row.optionalInt("merged_into_id"),
            hidden: try row.int("hidden") == 1, hiddenReason: try row.optionalString("hidden_reason"),
            callTitle: try row.optionalString("call_title_ar").map { _ in try Localized(row, "call_title") },
            eventTitle: try row.optionalString("event_title_ar").map { _ in try Localized(row, "event_title") })
        // The card's own fields, labelled as the citizen saw them (`observation.field.*`, `newproject.field.*`).
        for field in ProposalForm.observationFields {
            if let text = try row.optionalString(field), !text.isEmpty { proposal.card.append(("observation.field." + field, text)) }
        }
        for field in ProposalForm.projectFields {
            if let text = try row.optionalString(field), !text.isEmpty { proposal.card.append(("newproject.field." + field, text)) }
        }
        if let centimes = try row.optionalInt("estimated_cost") {
            proposal.card.append(("newproject.field.cost", Format.money(centimes: Int64(centimes), language)))
        }
        return proposal
    }

    /// What the status form and the audit log compare.
    var decision: [String: String?] {
        ["status": status, "public_answer": publicAnswer, "rejection_reason": rejectionReason,
         "integrated_project_id": integratedProjectID.map(String.init)]
    }
}
