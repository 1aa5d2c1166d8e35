import Foundation
import HTTP
import SQLite
import Templates

/// Every read and write of a program's execution (Migrations/0015): progress entries of its
/// activities, plans and measured values of its indicators. All the SQL of the feature is here;
/// each read is one query whatever the program holds, and each write records its audit entries
/// in the caller's transaction.
enum ExecutionStore {
    /// A program as the execution rules need it.
    struct Program {
        var id: Int
        var communeID: Int
        var state: ProgramState
        var amendmentOpen: Bool
        var title: Localized
    }

    /// One progress entry of an activity (a row of `activity_progress`).
    struct Entry: Equatable {
        var id: Int
        var activityID: Int
        var on: String
        var status: ActivityStatus
        var percent: Int
        var reason: Localized?
        var note: Localized?
        var startedOn: String?
        var endedOn: String?
        var actualCentimes: Int?
        var recordedAt: String
        var recordedBy: String
    }

    /// What a new progress entry says (the form's or the import's reading).
    struct NewEntry: Equatable {
        var on: String
        var status: ActivityStatus
        var percent: Int
        var reasonAr: String? = nil, reasonFr: String? = nil
        var noteAr: String? = nil, noteFr: String? = nil
        var startedOn: String? = nil
        var endedOn: String? = nil
        var actualCentimes: Int? = nil

        /// Whether it states what `entry` already says (same status, percent, dates, cost,
        /// reason): then an import has nothing to add.
        func sameState(as entry: Entry?) -> Bool {
            guard let entry else { return status == .notStarted && percent == 0 && startedOn == nil && endedOn == nil && actualCentimes == nil }
            return entry.status == status && entry.percent == percent && entry.startedOn == startedOn && entry.endedOn == endedOn
                && entry.actualCentimes == actualCentimes
        }
    }

    /// An indicator's unit, baseline and target (`indicator_plans`); all nil until set.
    struct Plan: Equatable {
        var unit: IndicatorUnit?
        var baseline: IndicatorValue?
        var baselineOn: String?
        var target: IndicatorValue?
        var targetOn: String?
    }

    /// An indicator of a project card with its plan.
    struct Indicator: Equatable {
        var id: Int
        var projectID: Int
        var kind: String
        var position: Int
        var text: Localized
        var plan: Plan
    }

    /// A measured value of an indicator (`indicator_values`).
    struct Measurement: Equatable {
        var id: Int
        var indicatorID: Int
        var on: String
        var value: IndicatorValue
        var source: Localized?
        var note: Localized?
        var recordedAt: String
    }

    // MARK: - Reads

    /// The program of `period` in commune `communeID`, or 404.
    static func program(_ db: Connection, communeID: Int, period: String) throws -> Program {
        guard let row = try db.queryOne("""
            SELECT p.id, p.status, p.title_ar, p.title_fr,
                   EXISTS (SELECT 1 FROM program_amendments a WHERE a.program_id = p.id AND a.closed_at IS NULL) AS amendment_open
            FROM programs p WHERE p.commune_id = ? AND p.period = ?
            """, [communeID, period]), let state = ProgramState(rawValue: try row.string("status")) else { throw PageError.notFound }
        return Program(id: try row.int("id"), communeID: communeID, state: state, amendmentOpen: try row.bool("amendment_open"),
                       title: try Localized(row, "title"))
    }

    /// Every progress entry of the program's activities, by activity, oldest first.
    static func entries(_ db: Connection, programID: Int) throws -> [Int: [Entry]] {
        var out: [Int: [Entry]] = [:]
        for row in try db.query("""
            SELECT e.* FROM activity_progress e JOIN activities a ON a.id = e.activity_id JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY e.activity_id, e.id
            """, [programID]) {
            let entry = try self.entry(row)
            out[entry.activityID, default: []].append(entry)
        }
        return out
    }

    /// The entries of one activity, oldest first.
    static func entries(_ db: Connection, activityID: Int) throws -> [Entry] {
        try db.query("SELECT * FROM activity_progress WHERE activity_id = ? ORDER BY id", [activityID]).map(entry)
    }

    private static func entry(_ row: Row) throws -> Entry {
        Entry(id: try row.int("id"), activityID: try row.int("activity_id"), on: try row.string("entry_on"),
              status: ActivityStatus(rawValue: try row.string("status")) ?? .notStarted, percent: try row.int("percent"),
              reason: try Localized(optional: row, "reason"), note: try Localized(optional: row, "note"),
              startedOn: try row.optionalString("started_on"), endedOn: try row.optionalString("ended_on"),
              actualCentimes: try row.optionalInt("actual_cost_centimes"), recordedAt: try row.string("recorded_at"),
              recordedBy: try row.string("recorded_by_name"))
    }

    /// The indicators of the program's project cards with their plans, by project then kind
    /// (follow-up before impact, as the cards list them) then position.
    static func indicators(_ db: Connection, programID: Int) throws -> [Indicator] {
        try db.query("""
            SELECT i.id, i.project_id, i.kind, i.position, i.text_ar, i.text_fr, l.unit, l.baseline_number, l.baseline_text,
                   l.baseline_on, l.target_number, l.target_text, l.target_on
            FROM project_indicators i JOIN projects p ON p.id = i.project_id LEFT JOIN indicator_plans l ON l.indicator_id = i.id
            WHERE p.program_id = ? ORDER BY p.number, i.kind, i.position
            """, [programID]).map(indicator)
    }

    private static func indicator(_ row: Row) throws -> Indicator {
        let unit = try row.optionalString("unit").flatMap(IndicatorUnit.init(rawValue:))
        let plan = Plan(unit: unit,
                        baseline: IndicatorValue(number: try row.optionalInt("baseline_number"), text: try row.optionalString("baseline_text")),
                        baselineOn: try row.optionalString("baseline_on"),
                        target: IndicatorValue(number: try row.optionalInt("target_number"), text: try row.optionalString("target_text")),
                        targetOn: try row.optionalString("target_on"))
        return Indicator(id: try row.int("id"), projectID: try row.int("project_id"), kind: try row.string("kind"),
                         position: try row.int("position"), text: try Localized(row, "text"), plan: plan)
    }

    /// Every measured value of the program's indicators, by indicator, in date order.
    static func measurements(_ db: Connection, programID: Int) throws -> [Int: [Measurement]] {
        var out: [Int: [Measurement]] = [:]
        for row in try db.query("""
            SELECT v.* FROM indicator_values v JOIN project_indicators i ON i.id = v.indicator_id JOIN projects p ON p.id = i.project_id
            WHERE p.program_id = ? ORDER BY v.indicator_id, v.measured_on, v.id
            """, [programID]) {
            guard let value = IndicatorValue(number: try row.optionalInt("value_number"), text: try row.optionalString("value_text")) else { continue }
            let measurement = Measurement(id: try row.int("id"), indicatorID: try row.int("indicator_id"), on: try row.string("measured_on"),
                                          value: value, source: try Localized(optional: row, "source"),
                                          note: try Localized(optional: row, "note"), recordedAt: try row.string("recorded_at"))
            out[measurement.indicatorID, default: []].append(measurement)
        }
        return out
    }

    /// Whether activity `id` has progress, or any activity of project `id` has: what an
    /// amendment may not delete (it cancels instead).
    static func hasProgress(_ db: Connection, activityID: Int) throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM activity_progress WHERE activity_id = ?)", [activityID], as: Int.self) == 1
    }

    static func hasProgress(_ db: Connection, projectID: Int) throws -> Bool {
        try db.scalar("""
            SELECT EXISTS (SELECT 1 FROM activity_progress e JOIN activities a ON a.id = e.activity_id WHERE a.project_id = ?1)
                OR EXISTS (SELECT 1 FROM indicator_values v JOIN project_indicators i ON i.id = v.indicator_id WHERE i.project_id = ?1)
            """, [projectID], as: Int.self) == 1
    }

    /// The activity of progress entry `progressID` when it belongs to program `programID`, else nil.
    static func activityID(_ db: Connection, progressID: Int, programID: Int) throws -> Int? {
        try db.scalar("""
            SELECT e.activity_id FROM activity_progress e JOIN activities a ON a.id = e.activity_id JOIN projects p ON p.id = a.project_id
            WHERE e.id = ? AND p.program_id = ?
            """, [progressID, programID], as: Int.self)
    }

    /// The indicator of measured value `valueID` when it belongs to program `programID`, else nil.
    static func indicatorID(_ db: Connection, valueID: Int, programID: Int) throws -> Int? {
        try db.scalar("""
            SELECT v.indicator_id FROM indicator_values v JOIN project_indicators i ON i.id = v.indicator_id JOIN projects p ON p.id = i.project_id
            WHERE v.id = ? AND p.program_id = ?
            """, [valueID, programID], as: Int.self)
    }

    /// The indicators of project `projectID` that have measured values (ids).
    static func measuredIndicators(_ db: Connection, projectID: Int) throws -> Set<Int> {
        Set(try db.query("""
            SELECT DISTINCT v.indicator_id FROM indicator_values v JOIN project_indicators i ON i.id = v.indicator_id WHERE i.project_id = ?
            """, [projectID]).map { try $0.int("indicator_id") })
    }

    // MARK: - Writes (inside the caller's transaction, audited there)

    /// Appends a progress entry to activity `activityID`; returns its id.
    @discardableResult
    static func add(_ entry: NewEntry, activityID: Int, audit: Audit, communeID: Int, programID: Int, _ db: Connection) throws -> Int {
        try db.run("""
            INSERT INTO activity_progress (activity_id, entry_on, status, percent, reason_ar, reason_fr, note_ar, note_fr, started_on, ended_on,
                                           actual_cost_centimes, recorded_at, recorded_by, recorded_by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [activityID, entry.on, entry.status.rawValue, entry.percent, entry.reasonAr, entry.reasonFr, entry.noteAr, entry.noteFr,
                  entry.startedOn, entry.endedOn, entry.actualCentimes, Timestamp.text(audit.at), audit.userID, audit.userName])
        let id = Int(db.lastInsertRowID)
        let fields: [(String, String?)] = [
            ("activity_id", String(activityID)), ("entry_on", entry.on), ("status", entry.status.rawValue), ("percent", String(entry.percent)),
            ("reason_ar", entry.reasonAr), ("reason_fr", entry.reasonFr), ("note_ar", entry.noteAr), ("note_fr", entry.noteFr),
            ("started_on", entry.startedOn), ("ended_on", entry.endedOn), ("actual_cost_centimes", entry.actualCentimes.map(String.init)),
        ]
        for (field, value) in fields where value != nil {
            try audit.record(db, action: "create", entity: "progress", entityID: id, field: field, after: value,
                             communeID: communeID, programID: programID)
        }
        return id
    }

    /// What a new measured value says.
    struct NewMeasurement: Equatable {
        var on: String
        var value: IndicatorValue
        var sourceAr: String? = nil, sourceFr: String? = nil
        var noteAr: String? = nil, noteFr: String? = nil
    }

    /// Appends a measured value to indicator `indicatorID`; returns its id.
    @discardableResult
    static func add(_ value: NewMeasurement, indicatorID: Int, unit: IndicatorUnit, audit: Audit, communeID: Int, programID: Int,
                    _ db: Connection) throws -> Int {
        try db.run("""
            INSERT INTO indicator_values (indicator_id, measured_on, value_number, value_text, source_ar, source_fr, note_ar, note_fr,
                                          recorded_at, recorded_by, recorded_by_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [indicatorID, value.on, value.value.number, value.value.text, value.sourceAr, value.sourceFr, value.noteAr, value.noteFr,
                  Timestamp.text(audit.at), audit.userID, audit.userName])
        let id = Int(db.lastInsertRowID)
        let fields: [(String, String?)] = [("indicator_id", String(indicatorID)), ("measured_on", value.on), ("value", unit.plain(value.value)),
                                           ("source_ar", value.sourceAr), ("source_fr", value.sourceFr),
                                           ("note_ar", value.noteAr), ("note_fr", value.noteFr)]
        for (field, text) in fields where text != nil {
            try audit.record(db, action: "create", entity: "indicator_value", entityID: id, field: field, after: text,
                             communeID: communeID, programID: programID)
        }
        return id
    }

    /// The plan's fields as the audit log writes them.
    static func auditFields(_ plan: Plan) -> [String: String?] {
        ["unit": plan.unit?.rawValue,
         "baseline": plan.unit.flatMap { unit in plan.baseline.map(unit.plain) }, "baseline_on": plan.baselineOn,
         "target": plan.unit.flatMap { unit in plan.target.map(unit.plain) }, "target_on": plan.targetOn]
    }

    /// Replaces indicator `indicatorID`'s plan by `plan`, one audit entry per changed field.
    static func setPlan(_ plan: Plan, was: Plan, indicatorID: Int, audit: Audit, communeID: Int, programID: Int, _ db: Connection) throws {
        try db.run("""
            INSERT INTO indicator_plans (indicator_id, unit, baseline_number, baseline_text, baseline_on, target_number, target_text, target_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (indicator_id) DO UPDATE SET unit = excluded.unit, baseline_number = excluded.baseline_number,
                baseline_text = excluded.baseline_text, baseline_on = excluded.baseline_on, target_number = excluded.target_number,
                target_text = excluded.target_text, target_on = excluded.target_on
            """, [indicatorID, plan.unit?.rawValue, plan.baseline?.number, plan.baseline?.text, plan.baselineOn,
                  plan.target?.number, plan.target?.text, plan.targetOn])
        try audit.recordChanges(db, entity: "indicator_plan", entityID: indicatorID, before: auditFields(was), after: auditFields(plan),
                                communeID: communeID, programID: programID)
    }

    // MARK: Checks of the execution forms

    /// Whether activity `activityID` belongs to program `programID`.
    static func hasActivity(_ db: Connection, programID: Int, activityID: Int) throws -> Bool {
        try db.scalar("""
            SELECT count(*) FROM activities a JOIN projects p ON p.id = a.project_id WHERE a.id = ? AND p.program_id = ?
            """, [activityID, programID], as: Int.self) == 1
    }

    /// Whether indicator `indicatorID` has any value recorded.
    static func hasValues(_ db: Connection, indicatorID: Int) throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM indicator_values WHERE indicator_id = ?)", [indicatorID], as: Int.self) == 1
    }
}

extension ExecutionStore {
    /// How far one project has come, as a proposal's tracking page says it (issue 13): its
    /// progress, activities done out of all, and the day of its newest entry. One query.
    static func projectProgress(_ db: Connection, projectID: Int, page: PageRequest, href: String) throws -> ProjectProgress {
        var items: [Rollup.Item] = []
        var asOf: String? = nil
        for row in try db.query("""
            SELECT a.cost_centimes, e.status, e.percent, e.actual_cost_centimes, e.entry_on
            FROM activities a LEFT JOIN activity_progress e
                 ON e.id = (SELECT max(l.id) FROM activity_progress l WHERE l.activity_id = a.id)
            WHERE a.project_id = ?
            """, [projectID]) {
            items.append(Rollup.Item(plannedCentimes: try row.optionalInt("cost_centimes"),
                                     status: ActivityStatus(rawValue: try row.optionalString("status") ?? "") ?? .notStarted,
                                     percent: try row.optionalInt("percent") ?? 0, actualCentimes: try row.optionalInt("actual_cost_centimes")))
            if let on = try row.optionalString("entry_on"), on > (asOf ?? "") { asOf = on }
        }
        let rollup = Rollup(items)
        return ProjectProgress(percent: rollup.percent, done: rollup.byStatus[.done] ?? 0, total: rollup.total, asOf: asOf, href: href)
    }
}

/// How far a project has come, as a proposal's tracking page says it.
struct ProjectProgress: TemplateView {
    let percent: Int?
    /// Activities done, out of `total`.
    let done: Int
    let total: Int
    /// The day of its newest entry.
    let asOf: String?
    /// The project card's execution.
    let href: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "percent": return .init(percent)
        case "done": return .int(done)
        case "total": return .int(total)
        case "as_of": return .init(asOf)
        case "href": return .string(href)
        default: return nil
        }
    }
}

extension ExecutionStore {
    /// The progress entries of project `projectID`'s activities, oldest first, with the
    /// activity's number and title: what a proposal's feed tells the citizen whose idea the
    /// project took in (issue 13). One query.
    static func projectEntries(_ db: Connection, projectID: Int) throws -> [(entry: Entry, number: Int, title: Localized)] {
        try db.query("""
            SELECT e.*, a.number AS activity_number, a.title_ar AS activity_title_ar, a.title_fr AS activity_title_fr
            FROM activity_progress e JOIN activities a ON a.id = e.activity_id
            WHERE a.project_id = ? ORDER BY e.id
            """, [projectID]).map { row in
            (try entry(row), try row.int("activity_number"), try Localized(row, "activity_title"))
        }
    }
}

extension ExecutionStore {
    /// The newest `limit` progress entries of the program's activities, newest first, with the
    /// project's and the activity's numbers and the activity's title: the program's Atom feed
    /// tells its followers each change of a project's progress (issue 13). One query.
    static func programEntries(_ db: Connection, programID: Int, limit: Int)
        throws -> [(entry: Entry, project: Int, activity: Int, title: Localized)] {
        try db.query("""
            SELECT e.*, p.number AS project_number, a.number AS activity_number, a.title_ar AS activity_title_ar,
                   a.title_fr AS activity_title_fr
            FROM activity_progress e JOIN activities a ON a.id = e.activity_id JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY e.id DESC LIMIT ?
            """, [programID, limit]).map { row in
            (try entry(row), try row.int("project_number"), try row.int("activity_number"), try Localized(row, "activity_title"))
        }
    }
}

extension ExecutionStore {
    /// The first activity of the program that started (its actual start day), for the public
    /// timeline; nil while none has. One query.
    static func firstStarted(_ db: Connection, programID: Int) throws -> (day: String, project: Int, activity: Int, title: Localized)? {
        guard let row = try db.queryOne("""
            SELECT coalesce(e.started_on, e.entry_on) AS day, p.number AS project_number, a.number AS activity_number,
                   a.title_ar, a.title_fr
            FROM activity_progress e JOIN activities a ON a.id = e.activity_id JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? AND (e.started_on IS NOT NULL OR e.status IN ('in-progress', 'done'))
            ORDER BY day, e.id LIMIT 1
            """, [programID]) else { return nil }
        return (try row.string("day"), try row.int("project_number"), try row.int("activity_number"), try Localized(row, "title"))
    }
}
