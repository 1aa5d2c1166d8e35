import Foundation
import SQLite

/// A program exactly as it stood at one moment — overview, axes, project cards, activities,
/// committee, milestones — as a plain value. Versions store it frozen (as JSON) so that what
/// the council adopted, or what citizens commented on, can be read and compared later
/// whatever the live program became. Projects, activities and axes keep their database ids,
/// which edits never change, so a renumbered or moved project is still the same project.
struct ProgramSnapshot: Sendable, Equatable, Codable {
    /// Bumped when the shape changes in a way old snapshots cannot be read as; fields added
    /// later must be optional so that every frozen version still decodes.
    static let currentFormat = 1

    /// The commune, as it was named when the version was frozen.
    struct Commune: Sendable, Equatable, Codable {
        var id: Int
        var slug: String
        var name: Localized
    }

    /// The program's own fields (its first page).
    struct Overview: Sendable, Equatable, Codable {
        var title: Localized
        var period: String
        var status: String
        var adoptionSession: Localized?
        var adoptedOn: String?
        var decisionRef: String?
        var totalBudgetCentimes: Int?
        var notes: Localized?
        /// The date of the document its facts come from, and whether its period was inferred
        /// (issue 14; absent from versions frozen before them).
        var sourceOn: String? = nil
        var periodInferred: Bool? = nil
    }

    // The matrix's parts are the live program's own types (their Codable is synthesized
    // from the field names, which are the frozen JSON's keys): what is frozen is what is shown.
    typealias Axis = ProgramRecord.Axis
    typealias Partner = ProgramRecord.ProjectPartner
    typealias Activity = ProgramRecord.Activity
    typealias Project = ProgramRecord.Project

    /// A member of the follow-up committee.
    struct CommitteeMember: Sendable, Equatable, Codable {
        var honorific: Localized?
        var name: Localized
        var function: Localized?
        /// 'president', 'member' or 'coordinator' (schema codes).
        var role: String
        /// 'elected', 'equality-body' or 'staff'.
        var category: String
    }

    /// The follow-up committee (لجنة التتبع) and the decision that created it.
    struct Committee: Sendable, Equatable, Codable {
        var name: Localized
        var decisionNumber: String?
        var decisionDate: String?
        var decidedBy: Localized?
        var mandate: Localized?
        var members: [CommitteeMember]
    }

    /// A dated step of co-preparation.
    struct Milestone: Sendable, Equatable, Codable {
        var kind: String
        var title: Localized
        var place: Localized?
        var start: String?
        var end: String?
        /// 'day', 'range', 'month', or nil when undated.
        var precision: String?
        var done: Bool
    }

    var format: Int
    var programID: Int
    var commune: Commune
    var overview: Overview
    var axes: [Axis]
    var projects: [Project]
    var committee: Committee?
    var milestones: [Milestone]

    /// The axis a project serves in this snapshot.
    func axis(of project: Project) -> Axis? { axes.first { $0.id == project.axisID } }

    /// Every activity with the project it belongs to, in matrix order.
    var activities: [(project: Project, activity: Activity)] {
        projects.flatMap { project in project.activities.map { (project, $0) } }
    }

    /// The sum of the project budgets, nil when no project states one.
    var projectBudgetCentimes: Int? {
        let budgets = projects.compactMap(\.budgetCentimes)
        return budgets.isEmpty ? nil : budgets.reduce(0, +)
    }

    /// The sum of the activities' stated costs, nil when no activity states an amount.
    var activityCostCentimes: Int? {
        let costs = projects.flatMap(\.activities).compactMap(\.costCentimes)
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }
}

extension ProgramSnapshot {
    /// The live program `programID` as a snapshot: the program record (the same nine queries
    /// every program page uses) plus its committee and milestones. Throws 404 for an unknown id.
    /// Call it inside a transaction so the parts agree with each other.
    static func load(_ db: Connection, programID: Int) throws -> ProgramSnapshot {
        guard let program = try VersionStore.slugAndPeriod(db, programID: programID) else { throw PageError.notFound }
        let record = try ProgramStore.record(db, slug: program.slug, period: program.period)
        return ProgramSnapshot(record: record, committee: try VersionStore.committee(db, programID: programID),
                               milestones: try VersionStore.milestones(db, programID: programID))
    }

    /// Builds the snapshot of a loaded record (no query).
    init(record: ProgramRecord, committee: Committee?, milestones: [Milestone]) {
        format = ProgramSnapshot.currentFormat
        programID = record.id
        commune = Commune(id: record.commune.id, slug: record.commune.slug, name: record.commune.name)
        overview = Overview(title: record.title, period: record.period, status: record.status,
                            adoptionSession: record.adoptionSession, adoptedOn: record.adoptedOn,
                            decisionRef: record.decisionRef, totalBudgetCentimes: record.totalBudgetCentimes,
                            notes: record.notes, sourceOn: record.sourceOn, periodInferred: record.periodInferred)
        axes = record.axes
        projects = record.projects
        self.committee = committee
        self.milestones = milestones
    }
}

extension ProgramSnapshot {
    /// The snapshot as stable JSON: keys sorted, absent values left out, so two equal
    /// snapshots are the same bytes and a version's SHA-256 identifies its content.
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self))
    }

    /// Reads a snapshot written by `encoded()`.
    static func decode(_ bytes: [UInt8]) throws -> ProgramSnapshot {
        let snapshot = try JSONDecoder().decode(ProgramSnapshot.self, from: Data(bytes))
        guard snapshot.format <= currentFormat else {
            throw SnapshotFormatError(description: "snapshot format \(snapshot.format) is newer than this portal reads (\(currentFormat))")
        }
        return snapshot
    }
}

/// A frozen snapshot this build cannot read, or whose bytes no longer match their checksum.
struct SnapshotFormatError: Error, CustomStringConvertible {
    let description: String
}

/// Frozen as `{"ar": ..., "fr": ...}` ("fr" left out when not translated).
extension Localized: Codable {
    private enum CodingKeys: String, CodingKey { case ar, fr }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(arabic: try container.decode(String.self, forKey: .ar),
                  french: try container.decodeIfPresent(String.self, forKey: .fr))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arabic, forKey: .ar)
        try container.encodeIfPresent(french, forKey: .fr)
    }
}
