import Foundation
import HTTP
import SQLite
import Templates

/// The editor's reads and writes of a program's axes, projects and activities as stored (NULL
/// kept apart from empty), done inside the write transaction that changes them, so a save
/// compares against what is on disk at that moment — not what the page showed minutes ago.
enum EditorStore {
    struct Axis {
        var id: Int, number: Int, titleAr: String, titleFr: String?
    }

    struct Project {
        var id: Int, axisID: Int?, number: Int, titleAr: String, titleFr: String?
        var sloganAr: String?, sloganFr: String?, durationAr: String?, durationFr: String?
        var start: String?, end: String?, budget: Int?
    }

    struct Activity {
        var id: Int, projectID: Int, number: Int, titleAr: String, titleFr: String?
        var cost: Int?, costTextAr: String?, costTextFr: String?, fundingAr: String?, fundingFr: String?
        var start: String?, end: String?
        var partnerIDs: [Int] = []
    }

    /// The program of `period` in the route's commune, or 404.
    static func programID(_ db: Connection, communeID: Int, period: String) throws -> Int {
        guard let id = try db.scalar("SELECT id FROM programs WHERE commune_id = ? AND period = ?", [communeID, period], as: Int.self) else {
            throw PageError.notFound
        }
        return id
    }

    static func axes(_ db: Connection, programID: Int) throws -> [Axis] {
        try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ? ORDER BY number", [programID]).map {
            Axis(id: try $0.int("id"), number: try $0.int("number"), titleAr: try $0.string("title_ar"), titleFr: try $0.optionalString("title_fr"))
        }
    }

    static func projects(_ db: Connection, programID: Int) throws -> [Project] {
        try db.query("SELECT * FROM projects WHERE program_id = ? ORDER BY number", [programID]).map {
            Project(id: try $0.int("id"), axisID: try $0.optionalInt("axis_id"), number: try $0.int("number"),
                    titleAr: try $0.string("title_ar"), titleFr: try $0.optionalString("title_fr"),
                    sloganAr: try $0.optionalString("slogan_ar"), sloganFr: try $0.optionalString("slogan_fr"),
                    durationAr: try $0.optionalString("duration_ar"), durationFr: try $0.optionalString("duration_fr"),
                    start: try $0.optionalString("date_start"), end: try $0.optionalString("date_end"),
                    budget: try $0.optionalInt("budget_centimes"))
        }
    }

    static func activities(_ db: Connection, programID: Int) throws -> [Activity] {
        var list = try db.query("""
            SELECT a.* FROM activities a JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY a.project_id, a.number
            """, [programID]).map {
            Activity(id: try $0.int("id"), projectID: try $0.int("project_id"), number: try $0.int("number"),
                     titleAr: try $0.string("title_ar"), titleFr: try $0.optionalString("title_fr"),
                     cost: try $0.optionalInt("cost_centimes"), costTextAr: try $0.optionalString("cost_text_ar"),
                     costTextFr: try $0.optionalString("cost_text_fr"), fundingAr: try $0.optionalString("funding_ar"),
                     fundingFr: try $0.optionalString("funding_fr"), start: try $0.optionalString("date_start"),
                     end: try $0.optionalString("date_end"))
        }
        var at: [Int: Int] = [:]
        for (i, activity) in list.enumerated() { at[activity.id] = i }
        for row in try db.query("""
            SELECT ap.activity_id, ap.partner_id FROM activity_partners ap JOIN activities a ON a.id = ap.activity_id
            JOIN projects p ON p.id = a.project_id WHERE p.program_id = ? ORDER BY ap.activity_id, ap.position
            """, [programID]) {
            if let i = at[try row.int("activity_id")] { list[i].partnerIDs.append(try row.int("partner_id")) }
        }
        return list
    }

    /// Why `item` cannot be removed, as a catalog key, or nil. Citizens' proposals point at
    /// axes and projects (the delete would fail or orphan them), and calls and the recorded
    /// participation figures would silently cascade away with them; an axis that still has
    /// projects would leave them without an axis.
    static func refusal(_ db: Connection, _ item: EditorItem, id: Int, keepingProjects: Set<Int>? = nil) throws -> String? {
        switch item {
        case .activity:
            // Issue 13: its history stays; an amendment cancels it through its progress form instead.
            return try ExecutionStore.hasProgress(db, activityID: id) ? "editor.error.activity_has_progress" : nil
        case .axis:
            let uses = try db.scalar("""
                SELECT (SELECT count(*) FROM proposals WHERE axis_id = ?1) + (SELECT count(*) FROM call_axes WHERE axis_id = ?1)
                     + (SELECT count(*) FROM event_proposal_counts WHERE axis_id = ?1)
                """, [id], as: Int.self) ?? 0
            if uses > 0 { return "editor.error.axis_in_use" }
            let projects = try db.query("SELECT id FROM projects WHERE axis_id = ?", [id]).map { try $0.int("id") }
            let staying = keepingProjects.map { keep in projects.filter { keep.contains($0) } } ?? projects
            return staying.isEmpty ? nil : "editor.error.axis_has_projects"
        case .project:
            let uses = try db.scalar("""
                SELECT (SELECT count(*) FROM proposals WHERE project_id = ?1 OR integrated_project_id = ?1)
                     + (SELECT count(*) FROM event_proposal_counts WHERE project_id = ?1)
                """, [id], as: Int.self) ?? 0
            if uses > 0 { return "editor.error.project_in_use" }
            return try ExecutionStore.hasProgress(db, projectID: id) ? "editor.error.project_has_progress" : nil
        }
    }

    /// Makes project `projectID`'s indicators of `kind` read `lines` (Arabic, French) while keeping
    /// each row that stays (issue 13: an indicator's plan and measured values point at its id): a
    /// line whose Arabic text a row already has keeps that row, then a changed line keeps the row at
    /// its position (a corrected wording), the rest are new. Returns the Arabic text of a row that
    /// would go but has measured values (nothing is written then), else nil.
    static func replaceIndicators(_ db: Connection, projectID: Int, kind: String, lines: [(String, String?)]) throws -> String? {
        let stored = try db.query("""
            SELECT i.id, i.text_ar, EXISTS (SELECT 1 FROM indicator_values v WHERE v.indicator_id = i.id) AS measured
            FROM project_indicators i WHERE i.project_id = ? AND i.kind = ? ORDER BY i.position
            """, [projectID, kind]).map { (id: try $0.int("id"), text: try $0.string("text_ar"), measured: try $0.bool("measured")) }
        var rowOf: [Int?] = Array(repeating: nil, count: lines.count)
        var used: Set<Int> = []
        for (at, line) in lines.enumerated() {
            if let row = stored.first(where: { $0.text == line.0 && !used.contains($0.id) }) { rowOf[at] = row.id; used.insert(row.id) }
        }
        for at in lines.indices where rowOf[at] == nil && at < stored.count && !used.contains(stored[at].id) {
            rowOf[at] = stored[at].id
            used.insert(stored[at].id)
        }
        let gone = stored.filter { !used.contains($0.id) }
        if let measured = gone.first(where: \.measured) { return measured.text }
        for row in gone { try db.run("DELETE FROM project_indicators WHERE id = ?", [row.id]) }
        for id in used { try db.run("UPDATE project_indicators SET position = position + 1000000 WHERE id = ?", [id]) }
        for (at, line) in lines.enumerated() {
            if let id = rowOf[at] {
                try db.run("UPDATE project_indicators SET position = ?, text_ar = ?, text_fr = ? WHERE id = ?", [at + 1, line.0, line.1, id])
            } else {
                try db.run("INSERT INTO project_indicators (project_id, kind, position, text_ar, text_fr) VALUES (?, ?, ?, ?, ?)",
                           [projectID, kind, at + 1, line.0, line.1])
            }
        }
        return nil
    }

    /// Sets numbers without ever holding two equal ones (UNIQUE within the parent): every row
    /// that changes first goes out of the way, above any real number, then to its place.
    static func renumber(_ db: Connection, _ item: EditorItem, _ numbers: [(id: Int, from: Int, to: Int)]) throws {
        let moving = numbers.filter { $0.from != $0.to }
        for row in moving { try setNumber(db, item, id: row.id, to: row.to + 1_000_000) }
        for row in moving { try setNumber(db, item, id: row.id, to: row.to) }
    }

    private static func setNumber(_ db: Connection, _ item: EditorItem, id: Int, to number: Int) throws {
        switch item {
        case .axis: try db.run("UPDATE axes SET number = ? WHERE id = ?", [number, id])
        case .project: try db.run("UPDATE projects SET number = ? WHERE id = ?", [number, id])
        case .activity: try db.run("UPDATE activities SET number = ? WHERE id = ?", [number, id])
        }
    }

    /// The id of the axis or project numbered `number` in the commune's program of `period`, or
    /// of the activity numbered so in project `projectID` (nil for an activity without one).
    static func itemID(_ db: Connection, _ item: EditorItem, numbered number: Int, communeID: Int, period: String, projectID: Int?) throws -> Int? {
        switch item {
        case .axis:
            return try db.scalar("SELECT a.id FROM axes a JOIN programs p ON p.id = a.program_id WHERE p.commune_id = ? AND p.period = ? AND a.number = ?",
                                 [communeID, period, number], as: Int.self)
        case .project:
            return try db.scalar("SELECT j.id FROM projects j JOIN programs p ON p.id = j.program_id WHERE p.commune_id = ? AND p.period = ? AND j.number = ?",
                                 [communeID, period, number], as: Int.self)
        case .activity:
            guard let projectID else { return nil }
            return try db.scalar("SELECT id FROM activities WHERE project_id = ? AND number = ?", [projectID, number], as: Int.self)
        }
    }

    /// Removes an axis, a project (its activities with it) or an activity.
    static func delete(_ db: Connection, _ item: EditorItem, id: Int) throws {
        switch item {
        case .axis: try db.run("DELETE FROM axes WHERE id = ?", [id])
        case .project: try db.run("DELETE FROM projects WHERE id = ?", [id])
        case .activity: try db.run("DELETE FROM activities WHERE id = ?", [id])
        }
    }

    // MARK: Axes

    static func updateAxis(_ db: Connection, id: Int, number: Int, titleAr: String, titleFr: String?) throws {
        try db.run("UPDATE axes SET number = ?, title_ar = ?, title_fr = ? WHERE id = ?", [number, titleAr, titleFr, id])
    }

    // MARK: Activities

    /// What the activity form, the matrix and the matrix import write. The Arabic title is
    /// optional here because the store, not the type, is where it is required (NOT NULL): a form
    /// checks it before writing, and an import's missing title is refused by the store.
    struct ActivityFields {
        /// Nil on an update: the number stays (the matrix renumbers apart, see `renumber`).
        let number: Int?
        let titleAr: String?, titleFr: String?
        let cost: Int?, costTextAr: String?, costTextFr: String?, fundingAr: String?, fundingFr: String?
        let start: String?, end: String?
    }

    /// `keepFundingPartner`: the funding text is unchanged, so the partner it names stays linked.
    static func updateActivity(_ db: Connection, id: Int, _ f: ActivityFields, keepFundingPartner: Bool) throws {
        try db.run("""
            UPDATE activities SET number = coalesce(?, number), title_ar = ?, title_fr = ?, cost_centimes = ?, cost_text_ar = ?, cost_text_fr = ?,
                funding_ar = ?, funding_fr = ?, date_start = ?, date_end = ?,
                funding_partner_id = CASE WHEN ? THEN funding_partner_id END
            WHERE id = ?
            """, [f.number, f.titleAr, f.titleFr, f.cost, f.costTextAr, f.costTextFr, f.fundingAr, f.fundingFr, f.start, f.end,
                  keepFundingPartner, id])
    }

    /// The new activity's id.
    static func insertActivity(_ db: Connection, projectID: Int, _ f: ActivityFields) throws -> Int {
        try db.run("""
            INSERT INTO activities (project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr,
                                    funding_ar, funding_fr, date_start, date_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [projectID, f.number, f.titleAr, f.titleFr, f.cost, f.costTextAr, f.costTextFr, f.fundingAr, f.fundingFr, f.start, f.end])
        return Int(db.lastInsertRowID)
    }

    /// Replaces an activity's partners with `partnerIDs`, in order.
    static func setActivityPartners(_ db: Connection, activityID: Int, _ partnerIDs: [Int]) throws {
        try db.run("DELETE FROM activity_partners WHERE activity_id = ?", [activityID])
        for (position, partnerID) in partnerIDs.enumerated() {
            try db.run("INSERT INTO activity_partners (activity_id, partner_id, position) VALUES (?, ?, ?)", [activityID, partnerID, position + 1])
        }
    }

    // MARK: The matrix's cells (numbers are set apart, by `renumber`)

    static func updateProjectCells(_ db: Connection, id: Int, titleAr: String, titleFr: String?, budget: Int?, start: String?, end: String?) throws {
        try db.run("UPDATE projects SET title_ar = ?, title_fr = ?, budget_centimes = ?, date_start = ?, date_end = ? WHERE id = ?",
                   [titleAr, titleFr, budget, start, end, id])
    }

    // MARK: The matrix import's reads and writes
    // Texts as stored, an empty one kept apart from none: the import compares bytes (`MatrixImport`).

    /// An Arabic text and its French translation, exactly as stored.
    typealias TextPair = (ar: String?, fr: String?)

    private static func pair(_ row: Row, _ base: String) throws -> TextPair {
        (try row.optionalString(base + "_ar"), try row.optionalString(base + "_fr"))
    }

    static func storedAxes(_ db: Connection, programID: Int) throws -> [(id: Int, number: Int, title: TextPair)] {
        try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ?", [programID]).map {
            (try $0.int("id"), try $0.int("number"), try pair($0, "title"))
        }
    }

    static func storedProjects(_ db: Connection, programID: Int) throws -> [(id: Int, number: Int, axisID: Int?, title: TextPair, budget: Int?)] {
        try db.query("SELECT id, number, axis_id, title_ar, title_fr, budget_centimes FROM projects WHERE program_id = ?", [programID]).map {
            (try $0.int("id"), try $0.int("number"), try $0.optionalInt("axis_id"), try pair($0, "title"), try $0.optionalInt("budget_centimes"))
        }
    }

    /// An activity's cells as stored.
    struct StoredCells {
        let id: Int, projectID: Int, number: Int
        let title: TextPair, cost: Int?, costText: TextPair, funding: TextPair
        let start: String?, end: String?
    }

    static func storedActivities(_ db: Connection, programID: Int) throws -> [StoredCells] {
        try db.query("""
            SELECT a.id, a.project_id, a.number, a.title_ar, a.title_fr, a.cost_centimes, a.cost_text_ar, a.cost_text_fr,
                   a.funding_ar, a.funding_fr, a.date_start, a.date_end
            FROM activities a JOIN projects p ON p.id = a.project_id WHERE p.program_id = ?
            """, [programID]).map {
            StoredCells(id: try $0.int("id"), projectID: try $0.int("project_id"), number: try $0.int("number"),
                        title: try pair($0, "title"), cost: try $0.optionalInt("cost_centimes"), costText: try pair($0, "cost_text"),
                        funding: try pair($0, "funding"), start: try $0.optionalString("date_start"), end: try $0.optionalString("date_end"))
        }
    }

    /// The program's activities' partners, each activity's in order.
    static func activityPartnerLinks(_ db: Connection, programID: Int) throws -> [(activityID: Int, partnerID: Int)] {
        try db.query("""
            SELECT ap.activity_id, ap.partner_id FROM activity_partners ap
            JOIN activities a ON a.id = ap.activity_id JOIN projects p ON p.id = a.project_id
            WHERE p.program_id = ? ORDER BY ap.activity_id, ap.position
            """, [programID]).map { (try $0.int("activity_id"), try $0.int("partner_id")) }
    }

    /// Every partner of the network (shared by all communes; a few hundred at most).
    static func allPartners(_ db: Connection) throws -> [(id: Int, name: TextPair)] {
        try db.query("SELECT id, name_ar, name_fr FROM partners ORDER BY id").map { (try $0.int("id"), try pair($0, "name")) }
    }

    /// What points at an axis: proposals, calls and participation counts.
    static func axisReferences(_ db: Connection, axisID: Int) throws -> Int {
        try db.scalar("""
            SELECT (SELECT count(*) FROM proposals WHERE axis_id = ?) + (SELECT count(*) FROM call_axes WHERE axis_id = ?)
                 + (SELECT count(*) FROM event_proposal_counts WHERE axis_id = ?)
            """, [axisID, axisID, axisID], as: Int.self) ?? 0
    }

    /// What points at a project: proposals (about it or integrated into it) and participation counts.
    static func projectReferences(_ db: Connection, projectID: Int) throws -> Int {
        try db.scalar("""
            SELECT (SELECT count(*) FROM proposals WHERE project_id = ? OR integrated_project_id = ?)
                 + (SELECT count(*) FROM event_proposal_counts WHERE project_id = ?)
            """, [projectID, projectID, projectID], as: Int.self) ?? 0
    }

    /// The new axis's id.
    static func insertAxis(_ db: Connection, programID: Int, number: Int, title: TextPair) throws -> Int {
        try db.run("INSERT INTO axes (program_id, number, title_ar, title_fr) VALUES (?, ?, ?, ?)", [programID, number, title.ar, title.fr])
        return Int(db.lastInsertRowID)
    }

    static func setAxisTitle(_ db: Connection, id: Int, _ title: TextPair) throws {
        try db.run("UPDATE axes SET title_ar = ?, title_fr = ? WHERE id = ?", [title.ar, title.fr, id])
    }

    /// The new project's id.
    static func insertProject(_ db: Connection, programID: Int, axisID: Int?, number: Int, title: TextPair, budget: Int?) throws -> Int {
        try db.run("INSERT INTO projects (program_id, axis_id, number, title_ar, title_fr, budget_centimes) VALUES (?, ?, ?, ?, ?, ?)",
                   [programID, axisID, number, title.ar, title.fr, budget])
        return Int(db.lastInsertRowID)
    }

    static func setProjectRow(_ db: Connection, id: Int, axisID: Int?, title: TextPair, budget: Int?) throws {
        try db.run("UPDATE projects SET axis_id = ?, title_ar = ?, title_fr = ?, budget_centimes = ? WHERE id = ?",
                   [axisID, title.ar, title.fr, budget, id])
    }

    /// A partner added by name; its id.
    static func insertPartner(_ db: Connection, name: TextPair) throws -> Int {
        try db.run("INSERT INTO partners (name_ar, name_fr) VALUES (?, ?)", [name.ar, name.fr])
        return Int(db.lastInsertRowID)
    }

    // MARK: Programs

    /// A program as the commune's list shows it.
    struct ProgramLine {
        var period: String, title: Localized, status: String
    }

    /// The commune's programs, the latest period first.
    static func programs(_ db: Connection, communeID: Int) throws -> [ProgramLine] {
        try db.query("SELECT period, title_ar, title_fr, status FROM programs WHERE commune_id = ? ORDER BY period DESC", [communeID]).map {
            ProgramLine(period: try $0.string("period"), title: try Localized($0, "title"), status: try $0.string("status"))
        }
    }

    static func hasProgram(_ db: Connection, communeID: Int, period: String) throws -> Bool {
        try db.scalar("SELECT count(*) FROM programs WHERE commune_id = ? AND period = ?", [communeID, period], as: Int.self) ?? 0 > 0
    }

    /// A program for a new period, in co-preparation (the first step of every program); its id.
    static func insertProgram(_ db: Connection, communeID: Int, period: String, titleAr: String, titleFr: String?) throws -> Int {
        try db.run("INSERT INTO programs (commune_id, period, title_ar, title_fr, status) VALUES (?, ?, ?, ?, 'co-preparation')",
                   [communeID, period, titleAr, titleFr])
        return Int(db.lastInsertRowID)
    }

    /// The program overview form's fields, as stored (empty texts read as none; the budget in centimes as text).
    static let overviewTexts = ["title_ar", "title_fr", "notes_ar", "notes_fr", "adoption_session_ar", "adoption_session_fr",
                                "adopted_on", "decision_ref"]

    static func overview(_ db: Connection, programID: Int) throws -> [String: String?] {
        guard let row = try db.queryOne("SELECT * FROM programs WHERE id = ?", [programID]) else { throw PageError.notFound }
        var values: [String: String?] = [:]
        for key in overviewTexts { values[key] = try row.optionalString(key).nonEmpty }
        values["total_budget_centimes"] = try row.optionalInt("total_budget_centimes").map(String.init)
        return values
    }

    static func updateOverview(_ db: Connection, programID: Int, _ values: [String: String?]) throws {
        try db.run("""
            UPDATE programs SET title_ar = ?, title_fr = ?, notes_ar = ?, notes_fr = ?, total_budget_centimes = ?,
                adoption_session_ar = ?, adoption_session_fr = ?, adopted_on = ?, decision_ref = ?
            WHERE id = ?
            """, [values["title_ar"] ?? nil, values["title_fr"] ?? nil, values["notes_ar"] ?? nil, values["notes_fr"] ?? nil,
                  (values["total_budget_centimes"] ?? nil).flatMap { Int($0) }, values["adoption_session_ar"] ?? nil,
                  values["adoption_session_fr"] ?? nil, values["adopted_on"] ?? nil, values["decision_ref"] ?? nil, programID])
    }

    // MARK: Project cards

    /// What the project card writes to the project's own row.
    struct ProjectFields {
        let number: Int, axisID: Int?, titleAr: String, titleFr: String?
        let sloganAr: String?, sloganFr: String?, durationAr: String?, durationFr: String?
        let start: String?, end: String?, budget: Int?
    }

    static func updateProject(_ db: Connection, id: Int, _ f: ProjectFields) throws {
        try db.run("""
            UPDATE projects SET number = ?, axis_id = ?, title_ar = ?, title_fr = ?, slogan_ar = ?, slogan_fr = ?,
                duration_ar = ?, duration_fr = ?, date_start = ?, date_end = ?, budget_centimes = ?
            WHERE id = ?
            """, [f.number, f.axisID, f.titleAr, f.titleFr, f.sloganAr, f.sloganFr, f.durationAr, f.durationFr, f.start, f.end, f.budget, id])
    }

    /// The new project's id.
    static func insertProject(_ db: Connection, programID: Int, _ f: ProjectFields) throws -> Int {
        try db.run("""
            INSERT INTO projects (program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr, duration_ar, duration_fr,
                                  date_start, date_end, budget_centimes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [programID, f.axisID, f.number, f.titleAr, f.titleFr, f.sloganAr, f.sloganFr, f.durationAr, f.durationFr, f.start, f.end, f.budget])
        return Int(db.lastInsertRowID)
    }

    /// A one-per-line list of a project card (Arabic line, its French translation if any).
    enum CardList {
        case objectives, expectedResults
        /// Indicators of one kind ("follow-up", "impact"); written by `replaceIndicators`.
        case indicators(String)
    }

    /// A list's lines as stored, in order (an empty French translation read as none).
    static func cardList(_ db: Connection, projectID: Int, _ list: CardList) throws -> [(String, String?)] {
        let rows: [Row]
        switch list {
        case .objectives:
            rows = try db.query("SELECT text_ar, text_fr FROM project_objectives WHERE project_id = ? ORDER BY position", [projectID])
        case .expectedResults:
            rows = try db.query("SELECT text_ar, text_fr FROM project_expected_results WHERE project_id = ? ORDER BY position", [projectID])
        case .indicators(let kind):
            rows = try db.query("SELECT text_ar, text_fr FROM project_indicators WHERE project_id = ? AND kind = ? ORDER BY position",
                                [projectID, kind])
        }
        return try rows.map { (try $0.string("text_ar"), try $0.optionalString("text_fr").nonEmpty) }
    }

    /// Replaces the objectives or the expected results of a project with `lines`, in order.
    static func replaceTexts(_ db: Connection, projectID: Int, _ list: CardList, _ lines: [(String, String?)]) throws {
        let numbered = lines.enumerated().map { ($0.offset + 1, $0.element) }
        switch list {
        case .objectives:
            try db.run("DELETE FROM project_objectives WHERE project_id = ?", [projectID])
            for (position, line) in numbered {
                try db.run("INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)", [projectID, position, line.0, line.1])
            }
        case .expectedResults:
            try db.run("DELETE FROM project_expected_results WHERE project_id = ?", [projectID])
            for (position, line) in numbered {
                try db.run("INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)", [projectID, position, line.0, line.1])
            }
        case .indicators:
            preconditionFailure("indicators keep their rows (measured values point at them): replaceIndicators")
        }
    }

    /// A partner as a project card lists it: what it brings, and whether the public card shows it.
    struct CardPartner: Equatable {
        var partnerID: Int, contributionAr: String?, contributionFr: String?, listed: Bool
    }

    static func cardPartners(_ db: Connection, projectID: Int) throws -> [CardPartner] {
        try db.query("SELECT partner_id, contribution_ar, contribution_fr, listed FROM project_partners WHERE project_id = ? ORDER BY position",
                     [projectID]).map {
            CardPartner(partnerID: try $0.int("partner_id"), contributionAr: try $0.optionalString("contribution_ar").nonEmpty,
                        contributionFr: try $0.optionalString("contribution_fr").nonEmpty, listed: try $0.bool("listed"))
        }
    }

    /// Replaces a project's partners with `cards`, in order.
    static func replacePartners(_ db: Connection, projectID: Int, _ cards: [CardPartner]) throws {
        try db.run("DELETE FROM project_partners WHERE project_id = ?", [projectID])
        for (at, card) in cards.enumerated() {
            try db.run("""
                INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed) VALUES (?, ?, ?, ?, ?, ?)
                """, [projectID, card.partnerID, at + 1, card.contributionAr, card.contributionFr, card.listed])
        }
    }
}

/// Writes the audit entries of the editor's changes: one per field, in the same transaction.
struct EditorLog {
    let audit: Audit
    let communeID: Int
    let programID: Int

    /// "create" entries for each field a new row was given.
    func created(_ db: Connection, _ entity: String, _ id: Int, _ fields: [(String, String?)]) throws {
        for (field, value) in fields where value != nil {
            try audit.record(db, action: "create", entity: entity, entityID: id, field: field, after: value,
                             communeID: communeID, programID: programID)
        }
    }

    /// "update" entries for each field that differs; returns how many.
    @discardableResult
    func updated(_ db: Connection, _ entity: String, _ id: Int, before: [String: String?], after: [String: String?]) throws -> Int {
        try audit.recordChanges(db, entity: entity, entityID: id, before: before, after: after, communeID: communeID, programID: programID)
    }

    func deleted(_ db: Connection, _ entity: String, _ id: Int, title: String?) throws {
        try audit.record(db, action: "delete", entity: entity, entityID: id, field: nil, before: title, after: nil,
                         communeID: communeID, programID: programID)
    }
}

/// The shared list of partners (all communes use one list, unique by Arabic name), for
/// choosing by name and for showing a name in the page's language.
struct PartnerBook {
    struct Partner {
        var id: Int, nameAr: String, nameFr: String?, shortName: String?
    }

    private(set) var all: [Partner]
    let language: Language

    init(_ db: Connection, language: Language) throws {
        self.language = language
        all = try db.query("SELECT id, name_ar, name_fr, short_name FROM partners ORDER BY name_ar").map {
            Partner(id: try $0.int("id"), nameAr: try $0.string("name_ar"), nameFr: try $0.optionalString("name_fr"),
                    shortName: try $0.optionalString("short_name"))
        }
    }

    func shown(_ id: Int) -> String {
        guard let partner = all.first(where: { $0.id == id }) else { return "" }
        return language == .fr ? (partner.nameFr.flatMap { $0.isEmpty ? nil : $0 } ?? partner.nameAr) : partner.nameAr
    }

    func shown(_ ids: [Int]) -> String? { ids.isEmpty ? nil : ids.map { shown($0) }.joined(separator: " ; ") }

    /// The partner a typed name means: its Arabic name, its French name or its short name.
    func find(_ name: String) -> Int? {
        all.first { $0.nameAr == name }?.id ?? all.first { $0.nameFr == name }?.id ?? all.first { $0.shortName == name }?.id
    }

    /// The partner named `name`, added to the shared list when nobody has that name yet.
    mutating func findOrAdd(_ db: Connection, _ name: String, log: EditorLog) throws -> Int {
        if let id = find(name) { return id }
        let french = language == .fr ? name : nil
        let id = try EditorStore.insertPartner(db, name: (name, french))
        all.append(Partner(id: id, nameAr: name, nameFr: french, shortName: nil))
        try log.created(db, "partner", id, [("name_ar", name), ("name_fr", french)])
        return id
    }
}

extension Optional where Wrapped == String {
    /// NULL and "" read the same to a person; compare them as one.
    var nonEmpty: String? { flatMap { $0.isEmpty ? nil : $0 } }
}
