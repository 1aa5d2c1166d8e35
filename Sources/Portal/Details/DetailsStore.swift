import Foundation
import SQLite

/// The program details' reads and writes (issue 17, step 4): events with their proposal counts
/// and agenda, as the details pages edit them. Every write runs inside the transaction the page
/// opened, beside its audit entries; the pages hold no SQL.
enum DetailsStore {
    // MARK: Events

    /// An event as the list shows it.
    struct EventLine {
        var id: Int
        var title: Localized
        /// "start" or "start/end", as typed.
        var when: String?
        var kind: String, channel: String
        /// Proposals counted for it, all counts together.
        var counted: Int?
        /// The figures, by column (`EventPages.figureColumns`).
        var figures: [String: Int]
    }

    static func events(_ db: Connection, programID: Int) throws -> [EventLine] {
        try db.query("""
            SELECT e.*, (SELECT sum(c.count) FROM event_proposal_counts c WHERE c.event_id = e.id) AS counted
            FROM events e WHERE e.program_id = ? ORDER BY e.date_start IS NULL, e.date_start, e.id
            """, [programID]).map { row in
            var figures: [String: Int] = [:]
            for column in EventPages.figureColumns { if let value = try row.optionalInt(column) { figures[column] = value } }
            return EventLine(id: try row.int("id"), title: try Localized(row, "title"), when: try ProgramStore.when(row),
                             kind: try row.string("kind"), channel: try row.string("channel"), counted: try row.optionalInt("counted"),
                             figures: figures)
        }
    }

    /// What an event form offers besides the event's own fields: the program's axes, projects and milestones.
    struct EventChoices {
        var axes: [(id: Int, number: Int, title: Localized)] = []
        var projects: [(id: Int, number: Int, title: Localized)] = []
        var milestones: [(id: Int, title: Localized)] = []
    }

    static func eventChoices(_ db: Connection, programID: Int) throws -> EventChoices {
        EventChoices(
            axes: try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ? ORDER BY number", [programID])
                .map { (try $0.int("id"), try $0.int("number"), try Localized($0, "title")) },
            projects: try db.query("SELECT id, number, title_ar, title_fr FROM projects WHERE program_id = ? ORDER BY number", [programID])
                .map { (try $0.int("id"), try $0.int("number"), try Localized($0, "title")) },
            milestones: try db.query("SELECT id, title_ar, title_fr FROM milestones WHERE program_id = ? ORDER BY position", [programID])
                .map { (try $0.int("id"), try Localized($0, "title")) })
    }

    /// A count of proposals per axis (`axis_{id}`), per project (`project_{id}`), or of the
    /// event's proposals that ended in one status (`status_{status}`: Larache's report counts
    /// 20 accepted, 8 integrated, 10 in processing and 1 not accepted).
    struct CountKey: Hashable {
        var axisID: Int? = nil
        var projectID: Int? = nil
        var status: String? = nil
        var field: String { status.map { "status_\($0)" } ?? axisID.map { "axis_\($0)" } ?? "project_\(projectID ?? 0)" }
    }

    /// One line of an event's agenda.
    struct AgendaItem: Equatable {
        var id: Int?
        var start: String?
        var end: String?
        var textAr: String
        var textFr: String?
        var values: [String: String?] { ["time_start": start, "time_end": end, "text_ar": textAr, "text_fr": textFr] }
    }

    /// A stored event as form values (by column, numbers as text), its counts and its agenda.
    struct StoredEvent {
        var values: [String: String?] = [:]
        var counts: [CountKey: (id: Int, count: Int)] = [:]
        var agenda: [AgendaItem] = []
    }

    /// The event `id` of the program, or 404.
    static func event(_ db: Connection, id: Int, programID: Int) throws -> StoredEvent {
        guard let row = try db.queryOne("SELECT * FROM events WHERE id = ? AND program_id = ?", [id, programID]) else { throw PageError.notFound }
        var event = StoredEvent()
        for column in EventPages.columns {
            if column == "milestone_id" || EventPages.figureColumns.contains(column) { event.values[column] = Details.text(try row.optionalInt(column)) }
            else { event.values[column] = try row.optionalString(column) }
        }
        // Per axis or project without a status, or per status for the whole event: what the form edits.
        for count in try db.query("""
            SELECT id, axis_id, project_id, status, count FROM event_proposal_counts
            WHERE event_id = ? AND (status IS NULL OR (axis_id IS NULL AND project_id IS NULL))
            """, [id]) {
            let key = CountKey(axisID: try count.optionalInt("axis_id"), projectID: try count.optionalInt("project_id"),
                               status: try count.optionalString("status"))
            event.counts[key] = (try count.int("id"), try count.int("count"))
        }
        event.agenda = try db.query("SELECT * FROM event_agenda_items WHERE event_id = ? ORDER BY position", [id]).map {
            AgendaItem(id: try $0.int("id"), start: try $0.optionalString("time_start"), end: try $0.optionalString("time_end"),
                       textAr: try $0.string("text_ar"), textFr: try $0.optionalString("text_fr"))
        }
        return event
    }

    /// The event's columns bound in `EventPages.columns` order (ids and figures as numbers).
    private static func eventBindings(_ values: [String: String?]) -> [any SQLBindable] {
        EventPages.columns.map { column -> any SQLBindable in
            let value = values[column] ?? nil
            if column == "milestone_id" || EventPages.figureColumns.contains(column) { return value.flatMap { Int($0) } }
            return value
        }
    }

    static func updateEvent(_ db: Connection, id: Int, _ values: [String: String?]) throws {
        try db.run("""
            UPDATE events SET kind = ?, channel = ?, milestone_id = ?, title_ar = ?, title_fr = ?, date_start = ?, date_end = ?,
                date_precision = ?, time_start = ?, place_ar = ?, place_fr = ?, description_ar = ?, description_fr = ?,
                participants = ?, women = ?, associations = ?, equality_body_members = ?, proposals_total = ?
            WHERE id = ?
            """, eventBindings(values) + [id])
    }

    /// The new event's id.
    static func insertEvent(_ db: Connection, programID: Int, _ values: [String: String?]) throws -> Int {
        try db.run("""
            INSERT INTO events (kind, channel, milestone_id, title_ar, title_fr, date_start, date_end, date_precision, time_start,
                place_ar, place_fr, description_ar, description_fr, participants, women, associations, equality_body_members,
                proposals_total, program_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, eventBindings(values) + [programID])
        return Int(db.lastInsertRowID)
    }

    static func updateCount(_ db: Connection, id: Int, count: Int, channel: String) throws {
        try db.run("UPDATE event_proposal_counts SET count = ?, channel = ? WHERE id = ?", [count, channel, id])
    }

    /// The new count's id.
    static func insertCount(_ db: Connection, eventID: Int, _ key: CountKey, count: Int, channel: String) throws -> Int {
        try db.run("INSERT INTO event_proposal_counts (event_id, axis_id, project_id, channel, status, count) VALUES (?, ?, ?, ?, ?, ?)",
                   [eventID, key.axisID, key.projectID, channel, key.status, count])
        return Int(db.lastInsertRowID)
    }

    static func deleteCount(_ db: Connection, id: Int) throws {
        try db.run("DELETE FROM event_proposal_counts WHERE id = ?", [id])
    }

    static func updateAgendaItem(_ db: Connection, id: Int, _ item: AgendaItem) throws {
        try db.run("UPDATE event_agenda_items SET time_start = ?, time_end = ?, text_ar = ?, text_fr = ? WHERE id = ?",
                   [item.start, item.end, item.textAr, item.textFr, id])
    }

    /// The new item's id.
    static func insertAgendaItem(_ db: Connection, eventID: Int, position: Int, _ item: AgendaItem) throws -> Int {
        try db.run("INSERT INTO event_agenda_items (event_id, position, time_start, time_end, text_ar, text_fr) VALUES (?, ?, ?, ?, ?, ?)",
                   [eventID, position, item.start, item.end, item.textAr, item.textFr])
        return Int(db.lastInsertRowID)
    }

    static func deleteAgendaItem(_ db: Connection, id: Int) throws {
        try db.run("DELETE FROM event_agenda_items WHERE id = ?", [id])
    }

    /// Deletes the program's event `id` (its counts and agenda with it); its Arabic title, or nil when there is none.
    static func deleteEvent(_ db: Connection, id: Int, programID: Int) throws -> String? {
        guard let title = try db.scalar("SELECT title_ar FROM events WHERE id = ? AND program_id = ?", [id, programID], as: String.self) else {
            return nil
        }
        try db.run("DELETE FROM events WHERE id = ?", [id])
        return title
    }

    // MARK: The follow-up committee

    /// The program's committee: its id and its decision's fields (`CommitteePages.decisionColumns`).
    static func committee(_ db: Connection, programID: Int) throws -> (id: Int, values: [String: String?])? {
        guard let row = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [programID]) else { return nil }
        var values: [String: String?] = [:]
        for column in CommitteePages.decisionColumns { values[column] = try row.optionalString(column) }
        return (try row.int("id"), values)
    }

    static func updateCommittee(_ db: Connection, id: Int, _ values: [String: String?]) throws {
        try db.run("""
            UPDATE committees SET name_ar = ?, name_fr = ?, decision_number = ?, decision_date = ?, decided_by_ar = ?, decided_by_fr = ?
            WHERE id = ?
            """, CommitteePages.decisionColumns.map { values[$0] ?? nil } + [id])
    }

    /// The new committee's id.
    static func insertCommittee(_ db: Connection, programID: Int, _ values: [String: String?]) throws -> Int {
        try db.run("""
            INSERT INTO committees (name_ar, name_fr, decision_number, decision_date, decided_by_ar, decided_by_fr, program_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, CommitteePages.decisionColumns.map { values[$0] ?? nil } + [programID])
        return Int(db.lastInsertRowID)
    }

    /// A member as the committee page lists them.
    struct CommitteeMember {
        var id: Int
        var name: Localized, honorific: Localized?, function: Localized?
        var role: String, category: String
    }

    /// The committee's members in the decision's order.
    static func committeeMembers(_ db: Connection, committeeID: Int) throws -> [CommitteeMember] {
        try db.query("SELECT * FROM committee_members WHERE committee_id = ? ORDER BY position", [committeeID]).map { row in
            CommitteeMember(id: try row.int("id"), name: try Localized(row, "name"), honorific: try Localized(optional: row, "honorific"),
                            function: try Localized(optional: row, "function"), role: try row.string("role"), category: try row.string("category"))
        }
    }

    /// A member of the program's committee as stored: where it sits and its fields (`CommitteePages.memberColumns`).
    struct StoredMember {
        var id: Int, committeeID: Int, position: Int
        var values: [String: String?]
    }

    /// The member `id` of the program's committee, or 404.
    static func member(_ db: Connection, id: Int, programID: Int) throws -> StoredMember {
        guard let row = try db.queryOne("""
            SELECT m.* FROM committee_members m JOIN committees c ON c.id = m.committee_id WHERE m.id = ? AND c.program_id = ?
            """, [id, programID]) else { throw PageError.notFound }
        var values: [String: String?] = [:]
        for column in CommitteePages.memberColumns { values[column] = try row.optionalString(column) }
        return StoredMember(id: id, committeeID: try row.int("committee_id"), position: try row.int("position"), values: values)
    }

    /// Adds a member after the others; the new member's id.
    static func addMember(_ db: Connection, committeeID: Int, _ values: [String: String?]) throws -> Int {
        let position = (try db.scalar("SELECT max(position) FROM committee_members WHERE committee_id = ?", [committeeID], as: Int.self) ?? 0) + 1
        try db.run("""
            INSERT INTO committee_members (honorific_ar, honorific_fr, name_ar, name_fr, function_ar, function_fr, role, category, committee_id, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, CommitteePages.memberColumns.map { values[$0] ?? nil } + [committeeID, position])
        return Int(db.lastInsertRowID)
    }

    static func updateMember(_ db: Connection, id: Int, _ values: [String: String?]) throws {
        try db.run("""
            UPDATE committee_members SET honorific_ar = ?, honorific_fr = ?, name_ar = ?, name_fr = ?, function_ar = ?,
                function_fr = ?, role = ?, category = ? WHERE id = ?
            """, CommitteePages.memberColumns.map { values[$0] ?? nil } + [id])
    }

    /// Swaps `member` with the one just above (or below) it; the other's id and old position, or nil at the end of the list.
    static func swapMember(_ db: Connection, _ member: StoredMember, up: Bool) throws -> (id: Int, position: Int)? {
        guard let neighbour = try db.queryOne(up
            ? "SELECT id, position FROM committee_members WHERE committee_id = ? AND position < ? ORDER BY position DESC LIMIT 1"
            : "SELECT id, position FROM committee_members WHERE committee_id = ? AND position > ? ORDER BY position LIMIT 1",
            [member.committeeID, member.position]) else { return nil }
        let otherID = try neighbour.int("id"), otherPosition = try neighbour.int("position")
        let spare = (try db.scalar("SELECT max(position) FROM committee_members WHERE committee_id = ?", [member.committeeID], as: Int.self) ?? 0) + 1
        try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [spare, member.id])
        try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [member.position, otherID])
        try db.run("UPDATE committee_members SET position = ? WHERE id = ?", [otherPosition, member.id])
        return (otherID, otherPosition)
    }

    static func deleteMember(_ db: Connection, id: Int) throws {
        try db.run("DELETE FROM committee_members WHERE id = ?", [id])
    }

    // MARK: Partners (the network's shared list)

    /// A partner as the list shows it, with how many projects and activities name it.
    struct PartnerLine {
        var id: Int, name: Localized, shortName: String?
        var projects: Int, activities: Int
    }

    static func partners(_ db: Connection) throws -> [PartnerLine] {
        try db.query("""
            SELECT p.id, p.name_ar, p.name_fr, p.short_name,
                   (SELECT count(*) FROM project_partners pp WHERE pp.partner_id = p.id) AS projects,
                   (SELECT count(*) FROM activities a WHERE a.funding_partner_id = p.id
                        OR a.id IN (SELECT ap.activity_id FROM activity_partners ap WHERE ap.partner_id = p.id)) AS activities
            FROM partners p ORDER BY p.name_ar
            """).map { row in
            PartnerLine(id: try row.int("id"), name: try Localized(row, "name"), shortName: try row.optionalString("short_name"),
                        projects: try row.int("projects"), activities: try row.int("activities"))
        }
    }

    /// The partner's fields (`PartnerPages.columns`), or nil when there is no such partner.
    static func partner(_ db: Connection, id: Int) throws -> [String: String?]? {
        guard let row = try db.queryOne("SELECT * FROM partners WHERE id = ?", [id]) else { return nil }
        var values: [String: String?] = [:]
        for column in PartnerPages.columns { values[column] = try row.optionalString(column) }
        return values
    }

    /// The partner whose Arabic name is `name` (names are unique).
    static func partnerID(_ db: Connection, named name: String) throws -> Int? {
        try db.scalar("SELECT id FROM partners WHERE name_ar = ?", [name], as: Int.self)
    }

    /// The new partner's id.
    static func insertPartner(_ db: Connection, _ values: [String: String?]) throws -> Int {
        try db.run("INSERT INTO partners (name_ar, name_fr, short_name) VALUES (?, ?, ?)", PartnerPages.columns.map { values[$0] ?? nil })
        return Int(db.lastInsertRowID)
    }

    static func updatePartner(_ db: Connection, id: Int, _ values: [String: String?]) throws {
        try db.run("UPDATE partners SET name_ar = ?, name_fr = ?, short_name = ? WHERE id = ?", PartnerPages.columns.map { values[$0] ?? nil } + [id])
    }

    static func deletePartner(_ db: Connection, id: Int) throws {
        try db.run("DELETE FROM partners WHERE id = ?", [id])
    }

    /// The communes whose programs name the partner (on a project card or an activity).
    static func communesNaming(_ db: Connection, partnerID: Int) throws -> [Int] {
        try db.query("""
            SELECT g.commune_id FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
            WHERE pp.partner_id = ?1
            UNION
            SELECT g.commune_id FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id
            WHERE a.funding_partner_id = ?1 OR a.id IN (SELECT activity_id FROM activity_partners WHERE partner_id = ?1)
            """, [partnerID]).map { try $0.int("commune_id") }
    }

    /// One place a partner is named: a program's project, or one of its activities.
    struct PartnerUse {
        var commune: Localized, period: String, project: Int, activity: Int?
    }

    /// Where a partner is named, by period, commune, project and activity.
    static func partnerUses(_ db: Connection, partnerID: Int) throws -> [PartnerUse] {
        try db.query("""
            SELECT c.name_ar, c.name_fr, g.period, p.number AS project, NULL AS activity
            FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
                 JOIN communes c ON c.id = g.commune_id WHERE pp.partner_id = ?1
            UNION
            SELECT c.name_ar, c.name_fr, g.period, p.number, a.number
            FROM activities a JOIN projects p ON p.id = a.project_id JOIN programs g ON g.id = p.program_id
                 JOIN communes c ON c.id = g.commune_id
            WHERE a.funding_partner_id = ?1 OR a.id IN (SELECT activity_id FROM activity_partners WHERE partner_id = ?1)
            ORDER BY 3, 1, 4, 5
            """, [partnerID]).map { row in
            PartnerUse(commune: try Localized(row, "name"), period: try row.string("period"), project: try row.int("project"),
                       activity: try row.optionalInt("activity"))
        }
    }

    // MARK: The co-preparation timeline

    /// A step as the timeline's list shows it.
    struct MilestoneLine {
        var id: Int, title: Localized, place: Localized?
        /// "start" or "start/end", as typed.
        var when: String?
        var kind: String, done: Bool
    }

    /// The program's steps, by position.
    static func milestones(_ db: Connection, programID: Int) throws -> [MilestoneLine] {
        try db.query("SELECT * FROM milestones WHERE program_id = ? ORDER BY position", [programID]).map { row in
            MilestoneLine(id: try row.int("id"), title: try Localized(row, "title"), place: try Localized(optional: row, "place"),
                          when: try ProgramStore.when(row), kind: try row.string("kind"), done: try row.bool("done"))
        }
    }

    /// The program's step `id` as form values (`MilestonePages.columns`, done as "1" or "0"), or 404.
    static func milestone(_ db: Connection, id: Int, programID: Int) throws -> [String: String?] {
        guard let row = try db.queryOne("SELECT * FROM milestones WHERE id = ? AND program_id = ?", [id, programID]) else { throw PageError.notFound }
        var values: [String: String?] = [:]
        for column in MilestonePages.columns where column != "done" { values[column] = try row.optionalString(column) }
        values["done"] = try row.bool("done") ? "1" : "0"
        return values
    }

    private static func milestoneBindings(_ values: [String: String?]) -> [any SQLBindable] {
        MilestonePages.columns.map { column -> any SQLBindable in column == "done" ? (values["done"] == "1" ? 1 : 0) : values[column] ?? nil }
    }

    /// Adds a step after the others (`reorderMilestones` then places it by date); its id.
    static func insertMilestone(_ db: Connection, programID: Int, _ values: [String: String?]) throws -> Int {
        let position = (try db.scalar("SELECT max(position) FROM milestones WHERE program_id = ?", [programID], as: Int.self) ?? 0) + 1
        try db.run("""
            INSERT INTO milestones (kind, title_ar, title_fr, place_ar, place_fr, date_start, date_end, date_precision, done, program_id, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, milestoneBindings(values) + [programID, position])
        return Int(db.lastInsertRowID)
    }

    static func updateMilestone(_ db: Connection, id: Int, _ values: [String: String?]) throws {
        try db.run("""
            UPDATE milestones SET kind = ?, title_ar = ?, title_fr = ?, place_ar = ?, place_fr = ?, date_start = ?, date_end = ?,
                date_precision = ?, done = ? WHERE id = ?
            """, milestoneBindings(values) + [id])
    }

    static func deleteMilestone(_ db: Connection, id: Int) throws {
        try db.run("DELETE FROM milestones WHERE id = ?", [id])
    }

    /// Renumbers the program's steps 1…n: dated steps sorted by date (ties keep their order)
    /// in the slots dated steps held, undated steps where they were.
    static func reorderMilestones(_ db: Connection, programID: Int) throws {
        let rows = try db.query("SELECT id, date_start FROM milestones WHERE program_id = ? ORDER BY position", [programID])
        var order = try rows.map { (id: try $0.int("id"), date: try $0.optionalString("date_start")) }
        let slots = order.indices.filter { order[$0].date != nil }
        let dated = slots.map { order[$0] }.enumerated().sorted { ($0.element.date!, $0.offset) < ($1.element.date!, $1.offset) }.map(\.element)
        for (slot, item) in zip(slots, dated) { order[slot] = item }
        try db.run("UPDATE milestones SET position = position + 100000 WHERE program_id = ?", [programID])
        for (index, item) in order.enumerated() {
            try db.run("UPDATE milestones SET position = ? WHERE id = ?", [index + 1, item.id])
        }
    }

    // MARK: The program a details page is about

    /// The program of commune `communeID` for `period`, nil when there is none.
    static func program(_ db: Connection, communeID: Int, period: String) throws -> (id: Int, title: Localized)? {
        try db.queryOne("SELECT id, title_ar, title_fr FROM programs WHERE commune_id = ? AND period = ?", [communeID, period]).map {
            (id: try $0.int("id"), title: try Localized($0, "title"))
        }
    }
}
