import HTTP
import SQLite

/// A whole program as the documents present it — overview, axes, projects with their card
/// fields, activities, partners — read from the store in a fixed number of queries, so that
/// every page and export of a program is built from the same, complete picture.
public struct ProgramRecord: Sendable {
    /// The commune a program belongs to, as pages name it.
    public struct Commune: Sendable {
        public var id: Int
        public var slug: String
        public var name: Localized
        public var region: Localized?
        public var province: Localized?
        public var isSandbox: Bool
        /// The region was inferred by the demo loader, not read in a document (Migrations/0018).
        public var regionInferred = false
    }

    /// A priority axis (المحور).
    public struct Axis: Sendable, Equatable, Codable {
        public var id: Int
        public var number: Int
        public var title: Localized
    }

    /// A partner named on a project card, with what it brings.
    public struct ProjectPartner: Sendable, Equatable, Codable {
        public var name: Localized
        public var shortName: String?
        public var contribution: Localized?
        /// False when the partner appears only among contributions, not in the partners cell.
        public var listed: Bool
        /// The note the documents print beside the partner's name, "(برنامج دعم المشاركة المواطنة)".
        public var description: Localized? = nil
    }

    /// One row of the matrix: an activity (نشاط) of a project.
    public struct Activity: Sendable, Equatable, Codable {
        public var id: Int
        public var number: Int
        public var title: Localized
        public var partners: [Localized]
        public var costCentimes: Int?
        public var costText: Localized?
        public var funding: Localized?
        public var start: String?
        public var end: String?
    }

    /// A project with its card (بطاقة المشروع).
    public struct Project: Sendable, Equatable, Codable {
        public var id: Int
        public var number: Int
        public var axisID: Int?
        public var title: Localized
        public var slogan: Localized?
        public var duration: Localized?
        public var start: String?
        public var end: String?
        public var budgetCentimes: Int?
        public var objectives: [Localized] = []
        public var expectedResults: [Localized] = []
        public var followUpIndicators: [Localized] = []
        public var impactIndicators: [Localized] = []
        public var partners: [ProjectPartner] = []
        public var activities: [Activity] = []
    }

    public var id: Int
    public var commune: Commune
    public var period: String
    public var title: Localized
    public var status: String
    public var adoptionSession: Localized?
    public var adoptedOn: String?
    public var decisionRef: String?
    public var totalBudgetCentimes: Int?
    public var notes: Localized?
    public var axes: [Axis]
    public var projects: [Project]
    /// The date of the document the program's figures come from, day or month ("data as of");
    /// nil when the program is entered live (Migrations/0018).
    public var sourceOn: String? = nil
    /// The period is not printed in the documents: the demo loader inferred it.
    public var periodInferred = false

    /// The axis a project serves, if the documents say.
    public func axis(of project: Project) -> Axis? { axes.first { $0.id == project.axisID } }

    /// The stated total, else the sum of project budgets when any project has one.
    public var budgetCentimes: Int? {
        if let totalBudgetCentimes { return totalBudgetCentimes }
        let budgets = projects.compactMap(\.budgetCentimes)
        return budgets.isEmpty ? nil : budgets.reduce(0, +)
    }

    public var activityCount: Int { projects.reduce(0) { $0 + $1.activities.count } }
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
