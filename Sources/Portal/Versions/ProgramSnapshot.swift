import Foundation
import SQLite

/// A program exactly as it stood at one moment — overview, axes, project cards, activities,
/// committee, milestones — as a plain value. Versions store it frozen (as JSON) so that what
/// the council adopted, or what citizens commented on, can be read and compared later
/// whatever the live program became. Projects, activities and axes keep their database ids,
/// which edits never change, so a renumbered or moved project is still the same project.
public struct ProgramSnapshot: Sendable, Equatable, Codable {
    /// Bumped when the shape changes in a way old snapshots cannot be read as; fields added
    /// later must be optional so that every frozen version still decodes.
    public static let currentFormat = 1

    /// The commune, as it was named when the version was frozen.
    public struct Commune: Sendable, Equatable, Codable {
        public var id: Int
        public var slug: String
        public var name: Localized
    }

    /// The program's own fields (its first page).
    public struct Overview: Sendable, Equatable, Codable {
        public var title: Localized
        public var period: String
        public var status: String
        public var adoptionSession: Localized?
        public var adoptedOn: String?
        public var decisionRef: String?
        public var totalBudgetCentimes: Int?
        public var notes: Localized?
        /// The date of the document its facts come from, and whether its period was inferred
        /// (issue 14; absent from versions frozen before them).
        public var sourceOn: String? = nil
        public var periodInferred: Bool? = nil
    }

    // The matrix's parts are the live program's own types (their Codable is synthesized
    // from the field names, which are the frozen JSON's keys): what is frozen is what is shown.
    public typealias Axis = ProgramRecord.Axis
    public typealias Partner = ProgramRecord.ProjectPartner
    public typealias Activity = ProgramRecord.Activity
    public typealias Project = ProgramRecord.Project

    /// A member of the follow-up committee.
    public struct CommitteeMember: Sendable, Equatable, Codable {
        public var honorific: Localized?
        public var name: Localized
        public var function: Localized?
        /// 'president', 'member' or 'coordinator' (schema codes).
        public var role: String
        /// 'elected', 'equality-body' or 'staff'.
        public var category: String
    }

    /// The follow-up committee (لجنة التتبع) and the decision that created it.
    public struct Committee: Sendable, Equatable, Codable {
        public var name: Localized
        public var decisionNumber: String?
        public var decisionDate: String?
        public var decidedBy: Localized?
        public var mandate: Localized?
        public var members: [CommitteeMember]
    }

    /// A dated step of co-preparation.
    public struct Milestone: Sendable, Equatable, Codable {
        public var kind: String
        public var title: Localized
        public var place: Localized?
        public var start: String?
        public var end: String?
        /// 'day', 'range', 'month', or nil when undated.
        public var precision: String?
        public var done: Bool
    }

    public var format: Int
    public var programID: Int
    public var commune: Commune
    public var overview: Overview
    public var axes: [Axis]
    public var projects: [Project]
    public var committee: Committee?
    public var milestones: [Milestone]

    /// The axis a project serves in this snapshot.
    public func axis(of project: Project) -> Axis? { axes.first { $0.id == project.axisID } }

    /// Every activity with the project it belongs to, in matrix order.
    public var activities: [(project: Project, activity: Activity)] {
        projects.flatMap { project in project.activities.map { (project, $0) } }
    }

    /// The sum of the project budgets, nil when no project states one.
    public var projectBudgetCentimes: Int? {
        let budgets = projects.compactMap(\.budgetCentimes)
        return budgets.isEmpty ? nil : budgets.reduce(0, +)
    }

    /// The sum of the activities' stated costs, nil when no activity states an amount.
    public var activityCostCentimes: Int? {
        let costs = projects.flatMap(\.activities).compactMap(\.costCentimes)
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }
}

extension ProgramSnapshot {
    /// The live program `programID` as a snapshot: the program record (the same nine queries
    /// every program page uses) plus its committee and milestones. Throws 404 for an unknown id.
    /// Call it inside a transaction so the parts agree with each other.
    public static func load(_ db: Connection, programID: Int) throws -> ProgramSnapshot {
        guard let program = try VersionStore.slugAndPeriod(db, programID: programID) else { throw PageError.notFound }
        let record = try ProgramStore.record(db, slug: program.slug, period: program.period)
        return ProgramSnapshot(record: record, committee: try VersionStore.committee(db, programID: programID),
                               milestones: try VersionStore.milestones(db, programID: programID))
    }

    /// Builds the snapshot of a loaded record (no query).
    public init(record: ProgramRecord, committee: Committee?, milestones: [Milestone]) {
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
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(self))
    }

    /// Reads a snapshot written by `encoded()`.
    public static func decode(_ bytes: [UInt8]) throws -> ProgramSnapshot {
        let snapshot = try JSONDecoder().decode(ProgramSnapshot.self, from: Data(bytes))
        guard snapshot.format <= currentFormat else {
            throw SnapshotFormatError(description: "snapshot format \(snapshot.format) is newer than this portal reads (\(currentFormat))")
        }
        return snapshot
    }
}

/// A frozen snapshot this build cannot read, or whose bytes no longer match their checksum.
public struct SnapshotFormatError: Error, CustomStringConvertible {
    public let description: String
}

/// Frozen as `{"ar": ..., "fr": ...}` ("fr" left out when not translated).
extension Localized: Codable {
    private enum CodingKeys: String, CodingKey { case ar, fr }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(arabic: try container.decode(String.self, forKey: .ar),
                  french: try container.decodeIfPresent(String.self, forKey: .fr))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(arabic, forKey: .ar)
        try container.encodeIfPresent(french, forKey: .fr)
    }
}
