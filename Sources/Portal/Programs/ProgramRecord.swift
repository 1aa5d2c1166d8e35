import HTTP
import SQLite

/// A whole program as the documents present it — overview, axes, projects with their card
/// fields, activities, partners — read from the store in a fixed number of queries, so that
/// every page and export of a program is built from the same, complete picture.
struct ProgramRecord: Sendable {
    /// The commune a program belongs to, as pages name it.
    struct Commune: Sendable {
        var id: Int
        var slug: String
        var name: Localized
        var region: Localized?
        var province: Localized?
        var isSandbox: Bool
        /// The region was inferred by the demo loader, not read in a document (Migrations/0018).
        var regionInferred = false
    }

    /// A priority axis (المحور).
    struct Axis: Sendable, Equatable, Codable {
        var id: Int
        var number: Int
        var title: Localized
    }

    /// A partner named on a project card, with what it brings.
    struct ProjectPartner: Sendable, Equatable, Codable {
        var name: Localized
        var shortName: String?
        var contribution: Localized?
        /// False when the partner appears only among contributions, not in the partners cell.
        var listed: Bool
        /// The note the documents print beside the partner's name, "(برنامج دعم المشاركة المواطنة)".
        var description: Localized? = nil
    }

    /// One row of the matrix: an activity (نشاط) of a project.
    struct Activity: Sendable, Equatable, Codable {
        var id: Int
        var number: Int
        var title: Localized
        var partners: [Localized]
        var costCentimes: Int?
        var costText: Localized?
        var funding: Localized?
        var start: String?
        var end: String?
    }

    /// A project with its card (بطاقة المشروع).
    struct Project: Sendable, Equatable, Codable {
        var id: Int
        var number: Int
        var axisID: Int?
        var title: Localized
        var slogan: Localized?
        var duration: Localized?
        var start: String?
        var end: String?
        var budgetCentimes: Int?
        var objectives: [Localized] = []
        var expectedResults: [Localized] = []
        var followUpIndicators: [Localized] = []
        var impactIndicators: [Localized] = []
        var partners: [ProjectPartner] = []
        var activities: [Activity] = []
    }

    var id: Int
    var commune: Commune
    var period: String
    var title: Localized
    var status: String
    var adoptionSession: Localized?
    var adoptedOn: String?
    var decisionRef: String?
    var totalBudgetCentimes: Int?
    var notes: Localized?
    var axes: [Axis]
    var projects: [Project]
    /// The date of the document the program's figures come from, day or month ("data as of");
    /// nil when the program is entered live (Migrations/0018).
    var sourceOn: String? = nil
    /// The period is not printed in the documents: the demo loader inferred it.
    var periodInferred = false

    /// The axis a project serves, if the documents say.
    func axis(of project: Project) -> Axis? { axes.first { $0.id == project.axisID } }

    /// The stated total, else the sum of project budgets when any project has one.
    var budgetCentimes: Int? {
        if let totalBudgetCentimes { return totalBudgetCentimes }
        let budgets = projects.compactMap(\.budgetCentimes)
        return budgets.isEmpty ? nil : budgets.reduce(0, +)
    }

    var activityCount: Int { projects.reduce(0) { $0 + $1.activities.count } }
}

extension Localized {
    /// Reads an optional pair: nil when both columns are NULL or empty.
    init?(optional row: Row, _ base: String) throws {
        let arabic = try row.optionalString(base + "_ar")
        let french = try row.optionalString(base + "_fr")
        guard let arabic, !arabic.isEmpty else {
            guard let french, !french.isEmpty else { return nil }
            self.init(arabic: french, french: french)
            return
        }
        self.init(arabic: arabic, french: french)
    }
}
