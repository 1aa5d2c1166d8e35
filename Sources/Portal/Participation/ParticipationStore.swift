import Foundation
import SQLite

/// The participation page's reads (issue 17, step 4): a program's events with their agendas,
/// and its counts of proposals, as the documents print them and as the portal's own proposals
/// add up (aggregates only: no proposal and no personal data leaves the store). The page and
/// its figures hold no SQL.
enum ParticipationStore {
    /// The events of a program with their agendas: two queries.
    static func events(_ db: Connection, programID: Int) throws -> [ParticipationEvent] {
        var events = try eventRows(db, programID: programID)
        var index: [Int: Int] = [:]
        for (position, event) in events.enumerated() { index[event.id] = position }
        for row in try db.query("""
            SELECT a.event_id, a.time_start, a.time_end, a.text_ar, a.text_fr FROM event_agenda_items a
            JOIN events e ON e.id = a.event_id WHERE e.program_id = ? ORDER BY a.event_id, a.position
            """, [programID]) {
            guard let at = index[try row.int("event_id")] else { continue }
            let start = try row.optionalString("time_start"), end = try row.optionalString("time_end")
            let time = start.map { start in end.map { "\(start)–\($0)" } ?? start }
            events[at].agenda.append((time, try Localized(row, "text")))
        }
        return events
    }

    private static func eventRows(_ db: Connection, programID: Int) throws -> [ParticipationEvent] {
        try db.query("""
            SELECT id, channel, title_ar, title_fr, date_start, date_end, date_precision, place_ar, place_fr,
                   description_ar, description_fr, participants, women, associations, equality_body_members, proposals_total,
                   split_inferred
            FROM events WHERE program_id = ? ORDER BY date_start IS NULL, date_start, id
            """, [programID]).map { row in
            var date = try row.optionalString("date_start")
            if let start = date, try row.optionalString("date_precision") == "range", let end = try row.optionalString("date_end") {
                date = start + "/" + end
            }
            return ParticipationEvent(
                id: try row.int("id"), channel: try row.string("channel"), title: try Localized(row, "title"), date: date,
                place: try Localized(optional: row, "place"), description: try Localized(optional: row, "description"),
                participants: try row.optionalInt("participants"), women: try row.optionalInt("women"),
                associations: try row.optionalInt("associations"), equalityBodyMembers: try row.optionalInt("equality_body_members"),
                proposalsTotal: try row.optionalInt("proposals_total"), splitInferred: try row.bool("split_inferred"))
        }
    }

    /// The program's counts of proposals, the documents' and the portal's: one query for both sources. The portal's half is a GROUP BY, so its rows are bounded by
    /// axes × projects × channels × statuses × genders, not by the number of proposals.
    static func proposalCounts(_ db: Connection, programID: Int) throws -> [ProposalCount] {
        try db.query("""
            SELECT 'documents' AS source, c.event_id, c.axis_id, c.project_id, c.channel, c.status, NULL AS gender,
                   c.count, c.id AS position
            FROM event_proposal_counts c JOIN events e ON e.id = c.event_id WHERE e.program_id = ?
            UNION ALL
            SELECT 'portal', NULL, p.axis_id, CASE WHEN p.kind = 'observation' THEN p.project_id END, p.channel, p.status,
                   p.gender, COUNT(*), 0
            FROM proposals p WHERE p.program_id = ? AND p.hidden = 0 AND p.merged_into_id IS NULL
            GROUP BY p.axis_id, CASE WHEN p.kind = 'observation' THEN p.project_id END, p.channel, p.status, p.gender
            ORDER BY 1, 2, 9
            """, [programID, programID]).map { row in
            ProposalCount(source: ProposalCount.Source(rawValue: try row.string("source")) ?? .documents,
                          eventID: try row.optionalInt("event_id"), axisID: try row.optionalInt("axis_id"),
                          projectID: try row.optionalInt("project_id"), channel: try row.string("channel"),
                          status: try row.optionalString("status"), gender: try row.optionalString("gender"),
                          count: try row.int("count"))
        }
    }
}
