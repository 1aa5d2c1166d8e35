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

    /// What the status form and the audit log compare.
    var decision: [String: String?] {
        ["status": status, "public_answer": publicAnswer, "rejection_reason": rejectionReason,
         "integrated_project_id": integratedProjectID.map(String.init)]
    }
}
