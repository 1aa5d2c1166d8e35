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

extension ProgramRecord {
    /// Loads the program of commune `slug` for `period`, or throws 404. Nine queries,
    /// whatever the number of projects and activities.
    public static func load(_ db: Connection, slug: String, period: String) throws -> ProgramRecord {
        guard let row = try db.queryOne("""
            SELECT p.*, c.id AS commune_id, c.slug, c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr,
                   c.region_ar, c.region_fr, c.province_ar, c.province_fr, c.is_sandbox, c.region_inferred
            FROM programs p JOIN communes c ON c.id = p.commune_id
            WHERE c.slug = ? AND p.period = ?
            """, [slug, period]) else { throw PageError(.notFound, message: "error.404.program") }
        let programID = try row.int("id")
        let commune = Commune(id: try row.int("commune_id"), slug: try row.string("slug"),
                              name: try Localized(row, "commune_name"),
                              region: try Localized(optional: row, "region"),
                              province: try Localized(optional: row, "province"),
                              isSandbox: try row.bool("is_sandbox"), regionInferred: try row.bool("region_inferred"))
        let axes = try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ? ORDER BY number", [programID]).map {
            Axis(id: try $0.int("id"), number: try $0.int("number"), title: try Localized($0, "title"))
        }
        var projects = try db.query("SELECT * FROM projects WHERE program_id = ? ORDER BY number", [programID]).map {
            Project(id: try $0.int("id"), number: try $0.int("number"), axisID: try $0.optionalInt("axis_id"),
                    title: try Localized($0, "title"), slogan: try Localized(optional: $0, "slogan"),
                    duration: try Localized(optional: $0, "duration"), start: try $0.optionalString("date_start"),
                    end: try $0.optionalString("date_end"), budgetCentimes: try $0.optionalInt("budget_centimes"))
        }
        var index: [Int: Int] = [:]
        for (position, project) in projects.enumerated() { index[project.id] = position }

        for row in try db.query("""
            SELECT o.project_id, o.text_ar, o.text_fr FROM project_objectives o JOIN projects p ON p.id = o.project_id
            WHERE p.program_id = ? ORDER BY o.project_id, o.position
            """, [programID]) {
            if let at = index[try row.int("project_id")] { projects[at].objectives.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT r.project_id, r.text_ar, r.text_fr FROM project_expected_results r JOIN projects p ON p.id = r.project_id
            WHERE p.program_id = ? ORDER BY r.project_id, r.position
            """, [programID]) {
            if let at = index[try row.int("project_id")] { projects[at].expectedResults.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT i.project_id, i.kind, i.text_ar, i.text_fr FROM project_indicators i JOIN projects p ON p.id = i.project_id
            WHERE p.program_id = ? ORDER BY i.project_id, i.kind, i.position
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            if try row.string("kind") == "impact" { projects[at].impactIndicators.append(try Localized(row, "text")) }
            else { projects[at].followUpIndicators.append(try Localized(row, "text")) }
        }
        for row in try db.query("""
            SELECT pp.project_id, pp.listed, pp.contribution_ar, pp.contribution_fr, pa.name_ar, pa.name_fr, pa.short_name,
                   pa.description_ar, pa.description_fr
            FROM project_partners pp JOIN partners pa ON pa.id = pp.partner_id JOIN projects p ON p.id = pp.project_id
            WHERE p.program_id = ? ORDER BY pp.project_id, pp.position
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            projects[at].partners.append(ProjectPartner(name: try Localized(row, "name"), shortName: try row.optionalString("short_name"),
                                                        contribution: try Localized(optional: row, "contribution"),
                                                        listed: try row.bool("listed"),
                                                        description: try Localized(optional: row, "description")))
        }
        var activityIndex: [Int: (Int, Int)] = [:]
        for row in try db.query("""
            SELECT a.* FROM activities a JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY a.project_id, a.number
            """, [programID]) {
            guard let at = index[try row.int("project_id")] else { continue }
            let activity = Activity(id: try row.int("id"), number: try row.int("number"), title: try Localized(row, "title"),
                                    partners: [], costCentimes: try row.optionalInt("cost_centimes"),
                                    costText: try Localized(optional: row, "cost_text"), funding: try Localized(optional: row, "funding"),
                                    start: try row.optionalString("date_start"), end: try row.optionalString("date_end"))
            activityIndex[activity.id] = (at, projects[at].activities.count)
            projects[at].activities.append(activity)
        }
        for row in try db.query("""
            SELECT ap.activity_id, pa.name_ar, pa.name_fr FROM activity_partners ap
            JOIN partners pa ON pa.id = ap.partner_id JOIN activities a ON a.id = ap.activity_id JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY ap.activity_id, ap.position
            """, [programID]) {
            guard let (project, activity) = activityIndex[try row.int("activity_id")] else { continue }
            projects[project].activities[activity].partners.append(try Localized(row, "name"))
        }
        return ProgramRecord(id: programID, commune: commune, period: period, title: try Localized(row, "title"),
                             status: try row.string("status"), adoptionSession: try Localized(optional: row, "adoption_session"),
                             adoptedOn: try row.optionalString("adopted_on"), decisionRef: try row.optionalString("decision_ref"),
                             totalBudgetCentimes: try row.optionalInt("total_budget_centimes"),
                             notes: try Localized(optional: row, "notes"), axes: axes, projects: projects,
                             sourceOn: try row.optionalString("source_on"), periodInferred: try row.bool("period_inferred"))
    }
}
