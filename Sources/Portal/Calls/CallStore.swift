import Foundation
import HTTP
import SQLite

/// The store side of the calls a commune runs (tables `calls` and `call_axes`, Migrations 0002
/// and 0011): every write of a call, with its rules checked again inside the write that makes
/// it (so two focal points saving at once cannot both pass a check the other breaks) and its
/// audit entries in the same transaction. The forms check the same rules first, through
/// `problems`, to name each problem next to its field.
enum CallStore {
    /// A call as a form describes it, before it is stored.
    struct Draft: Equatable {
        var kind: String
        var channel: String
        var title: Localized
        var announcement: Localized?
        /// The axes it covers; empty means all of the program's axes.
        var axisIDs: [Int]
        var opensAt: Date
        var closesAt: Date
    }

    /// A rule a call would break: the form field it belongs to and a catalog key with its
    /// arguments (already in words), and for a counted entry the count it is about.
    struct Problem: Equatable, Error {
        var field: String
        var key: String
        var arguments: [String] = []
        var count: Int? = nil
    }

    /// How the messages put a date and a program state in words, in the page's language.
    struct Words {
        var date: (Date) -> String
        var state: (ProgramState) -> String
    }

    /// A call of the admin list, with how many proposals it received.
    struct Listed {
        var call: Call
        var proposals: Int
    }

    static let kinds = ["ideas", "draft-comments"]
    static let channels = ["platform", "workshop", "platform-and-workshop"]

    /// The states in which a program takes calls of `kind` (issue 12): ideas while the program is
    /// prepared, comments while its draft is out for consultation (its public version is what
    /// citizens comment on).
    static func acceptingStates(_ kind: String) -> Set<ProgramState> {
        kind == "ideas" ? [.coPreparation, .draft, .consultation] : [.consultation]
    }

    // MARK: - Reading

    /// Every call of a program, oldest first, with its axes. Two queries.
    static func all(_ db: Connection, programID: Int) throws -> [Call] {
        var axes: [Int: [Int]] = [:]
        for row in try db.query("""
            SELECT ca.call_id, ca.axis_id FROM call_axes ca JOIN calls c ON c.id = ca.call_id
            JOIN axes a ON a.id = ca.axis_id WHERE c.program_id = ? ORDER BY a.number
            """, [programID]) {
            axes[try row.int("call_id"), default: []].append(try row.int("axis_id"))
        }
        return try db.query("SELECT * FROM calls WHERE program_id = ? ORDER BY opens_at, id", [programID]).map { row in
            try Call(row: row, axisIDs: axes[try row.int("id")] ?? [])
        }
    }

    private static let openSelect = """
        SELECT c.*, p.period, p.title_ar AS program_title_ar, p.title_fr AS program_title_fr,
               m.slug, m.name_ar AS commune_name_ar, m.name_fr AS commune_name_fr
        FROM calls c JOIN programs p ON p.id = c.program_id JOIN communes m ON m.id = p.commune_id
        """

    private static func openListed(_ row: Row) throws -> OpenCalls.Listed {
        OpenCalls.Listed(call: try Call(row: row, axisIDs: []), slug: try row.string("slug"), period: try row.string("period"),
                         commune: try Localized(row, "commune_name"), program: try Localized(row, "program_title"))
    }

    /// The calls open at `now` across the network, closing soonest first; one commune's when
    /// `communeID` is set. Their axes are not read (the lists do not show them).
    static func open(_ db: Connection, at now: Date, communeID: Int? = nil, limit: Int) throws -> [OpenCalls.Listed] {
        let filter = communeID == nil ? "" : " AND p.commune_id = ?3"
        var values: [any SQLBindable] = [Call.utcText(now), limit]
        if let communeID { values.append(communeID) }
        return try db.query(openSelect + " WHERE c.opens_at <= ?1 AND c.closes_at > ?1" + filter + " ORDER BY c.closes_at, c.id LIMIT ?2", values)
            .map(openListed)
    }

    /// How many calls are open or upcoming at `now`, and page `number` (`pageSize` a page) of
    /// them: the open ones first, closing soonest, then the upcoming ones, opening soonest.
    static func openPage(_ db: Connection, at now: Date, number: Int, pageSize: Int) throws -> (total: Int, calls: [OpenCalls.Listed]) {
        let text = Call.utcText(now)
        let total = try db.scalar("SELECT count(*) FROM calls WHERE closes_at > ?", [text], as: Int.self) ?? 0
        let calls = try db.query(openSelect + """
             WHERE c.closes_at > ?1
            ORDER BY c.opens_at > ?1, CASE WHEN c.opens_at <= ?1 THEN c.closes_at ELSE c.opens_at END, c.id
            LIMIT ?2 OFFSET ?3
            """, [text, pageSize, (number - 1) * pageSize]).map(openListed)
        return (total, calls)
    }

    /// The program's calls, oldest window first, each with its count of proposals. Three queries.
    static func list(_ db: Connection, programID: Int) throws -> [Listed] {
        var counts: [Int: Int] = [:]
        for row in try db.query("SELECT call_id, count(*) AS n FROM proposals WHERE program_id = ? GROUP BY call_id", [programID]) {
            counts[try row.int("call_id")] = try row.int("n")
        }
        return try all(db, programID: programID).map { Listed(call: $0, proposals: counts[$0.id] ?? 0) }
    }

    /// One call of the program, or 404.
    static func call(_ db: Connection, programID: Int, id: Int) throws -> Listed {
        guard let found = try list(db, programID: programID).first(where: { $0.call.id == id }) else { throw PageError.notFound }
        return found
    }

    /// The program's axes, by number: what a call may cover.
    static func axes(_ db: Connection, programID: Int) throws -> [(id: Int, number: Int, title: Localized)] {
        try db.query("SELECT id, number, title_ar, title_fr FROM axes WHERE program_id = ? ORDER BY number", [programID]).map {
            (id: try $0.int("id"), number: try $0.int("number"), title: try Localized($0, "title"))
        }
    }

    /// The first and last moment a citizen sent a proposal to the call through the platform
    /// (workshop cards are typed in later, from paper, and belong to no window).
    static func platformSpan(_ db: Connection, callID: Int) throws -> (first: Date, last: Date)? {
        guard let row = try db.queryOne("""
            SELECT min(created_at) AS first, max(created_at) AS last FROM proposals WHERE call_id = ? AND channel = 'platform'
            """, [callID]),
              let first = try row.optionalString("first"), let last = try row.optionalString("last") else { return nil }
        return (try Call.parse(first), try Call.parse(last))
    }

    // MARK: - Rules

    /// Every rule `draft` breaks as call `id` (nil for a new call) of a program in `state`.
    /// `words` puts dates and states in words for the messages.
    static func problems(_ db: Connection, programID: Int, state: ProgramState, draft: Draft, id: Int?,
                         words: Words) throws -> [Problem] {
        var problems: [Problem] = []
        if draft.closesAt <= draft.opensAt { problems.append(Problem(field: "closes_on", key: "calls.error.closes_before_opens")) }
        if !acceptingStates(draft.kind).contains(state) {
            problems.append(Problem(field: "kind", key: draft.kind == "ideas" ? "calls.error.state_ideas" : "calls.error.state_comments",
                                    arguments: [words.state(state)]))
        }
        let known = Set(try axes(db, programID: programID).map(\.id))
        if draft.axisIDs.contains(where: { !known.contains($0) }) { problems.append(Problem(field: "axes", key: "details.error.choice")) }
        let others = try all(db, programID: programID).filter { $0.id != id && $0.kind == draft.kind }
        if draft.closesAt > draft.opensAt,
           let other = others.first(where: { $0.opensAt < draft.closesAt && draft.opensAt < $0.closesAt }) {
            problems.append(Problem(field: "opens_on", key: "calls.error.overlap",
                                    arguments: [other.title.arabic, words.date(other.opensAt), words.date(other.closesAt)]))
        }
        if let id {
            let stored = try call(db, programID: programID, id: id)
            if stored.proposals > 0, stored.call.kind != draft.kind {
                problems.append(Problem(field: "kind", key: "calls.error.kind_locked"))
            }
            if let span = try platformSpan(db, callID: id) {
                if draft.opensAt > span.first {
                    problems.append(Problem(field: "opens_on", key: "calls.error.after_first_proposal", arguments: [words.date(span.first)]))
                }
                if draft.closesAt <= span.last {
                    problems.append(Problem(field: "closes_on", key: "calls.error.before_last_proposal", arguments: [words.date(span.last)]))
                }
            }
        }
        return problems
    }

    // MARK: - Writes (each inside the caller's write transaction)

    /// Stores a new call after checking its rules again; returns its id.
    static func create(_ db: Connection, program: LifecycleStore.Program, draft: Draft, audit: Audit,
                       words: Words) throws -> Int {
        if let problem = try problems(db, programID: program.id, state: program.state, draft: draft, id: nil, words: words).first {
            throw problem
        }
        try db.run("""
            INSERT INTO calls (program_id, kind, channel, title_ar, title_fr, announcement_ar, announcement_fr, opens_at, closes_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [program.id, draft.kind, draft.channel, draft.title.arabic, draft.title.french, draft.announcement?.arabic,
                  draft.announcement?.french, Call.utcText(draft.opensAt), Call.utcText(draft.closesAt)])
        let id = Int(db.lastInsertRowID)
        try setAxes(db, callID: id, draft.axisIDs)
        for (field, value) in fields(draft) where value != nil {
            try audit.record(db, action: "create", entity: "call", entityID: id, field: field, after: value,
                             communeID: program.communeID, programID: program.id)
        }
        return id
    }

    /// Saves the edit of call `id` after checking its rules again.
    static func update(_ db: Connection, program: LifecycleStore.Program, id: Int, draft: Draft, audit: Audit,
                       words: Words) throws {
        let stored = try call(db, programID: program.id, id: id).call
        if let problem = try problems(db, programID: program.id, state: program.state, draft: draft, id: id, words: words).first {
            throw problem
        }
        try db.run("""
            UPDATE calls SET kind = ?, channel = ?, title_ar = ?, title_fr = ?, announcement_ar = ?, announcement_fr = ?,
                opens_at = ?, closes_at = ?, closed_early = NULL, planned_closes_at = NULL WHERE id = ?
            """, [draft.kind, draft.channel, draft.title.arabic, draft.title.french, draft.announcement?.arabic, draft.announcement?.french,
                  Call.utcText(draft.opensAt), Call.utcText(draft.closesAt), id])
        try setAxes(db, callID: id, draft.axisIDs)
        try audit.recordChanges(db, entity: "call", entityID: id, before: fields(Self.draft(of: stored)), after: fields(draft),
                                communeID: program.communeID, programID: program.id)
    }

    /// Ends an open call at `at`, keeping the announced end; `reason` is 'closed-now' or
    /// 'back-to-draft'. Refused (409) when the call is not open.
    static func close(_ db: Connection, program: LifecycleStore.Program, id: Int, at: Date, reason: String, audit: Audit) throws {
        let call = try call(db, programID: program.id, id: id).call
        guard call.state(at: at) == .open else { throw Problem(field: "call", key: "calls.refused.not_open") }
        // The store keeps whole seconds: a call that opened this very second closes the next one.
        let closing = max(Call.utcText(at), Call.utcText(call.opensAt.addingTimeInterval(1)))
        try db.run("UPDATE calls SET closes_at = ?, closed_early = ?, planned_closes_at = coalesce(planned_closes_at, closes_at) WHERE id = ?",
                   [closing, reason, id])
        try audit.record(db, action: "update", entity: "call", entityID: id, field: "closes_at",
                         before: Call.utcText(call.closesAt), after: closing, communeID: program.communeID, programID: program.id)
        try audit.record(db, action: "update", entity: "call", entityID: id, field: "closed_early", before: call.closedEarly, after: reason,
                         communeID: program.communeID, programID: program.id)
    }

    /// Moves the end of call `id` later (it may reopen a closed call), with the same rules as an edit.
    static func extend(_ db: Connection, program: LifecycleStore.Program, id: Int, to closesAt: Date, audit: Audit,
                       words: Words) throws {
        let stored = try call(db, programID: program.id, id: id).call
        guard closesAt > stored.closesAt else {
            throw Problem(field: "closes_on", key: "calls.error.not_later", arguments: [words.date(stored.closesAt)])
        }
        var draft = Self.draft(of: stored)
        draft.closesAt = closesAt
        try update(db, program: program, id: id, draft: draft, audit: audit, words: words)
    }

    /// Deletes call `id`; refused (409) while it has proposals, which point to it.
    static func delete(_ db: Connection, program: LifecycleStore.Program, id: Int, audit: Audit) throws {
        let listed = try call(db, programID: program.id, id: id)
        guard listed.proposals == 0 else {
            throw Problem(field: "call", key: "calls.refused.has_proposals", count: listed.proposals)
        }
        try db.run("DELETE FROM calls WHERE id = ?", [id])
        try audit.record(db, action: "delete", entity: "call", entityID: id, before: listed.call.title.arabic,
                         communeID: program.communeID, programID: program.id)
    }

    /// When a program goes back to draft its comments call, if one is open, closes at that
    /// moment (the draft citizens were commenting on is being reworked). Returns the calls closed.
    @discardableResult
    static func closeCommentsOnRework(_ db: Connection, program: LifecycleStore.Program, at: Date, audit: Audit) throws -> [Int] {
        let open = try all(db, programID: program.id).filter { $0.kind == "draft-comments" && $0.state(at: at) == .open }
        for call in open { try close(db, program: program, id: call.id, at: at, reason: "back-to-draft", audit: audit) }
        return open.map(\.id)
    }

    private static func setAxes(_ db: Connection, callID: Int, _ axisIDs: [Int]) throws {
        try db.run("DELETE FROM call_axes WHERE call_id = ?", [callID])
        for axis in Set(axisIDs).sorted() { try db.run("INSERT INTO call_axes (call_id, axis_id) VALUES (?, ?)", [callID, axis]) }
    }

    static func draft(of call: Call) -> Draft {
        Draft(kind: call.kind, channel: call.channel, title: call.title, announcement: call.announcement, axisIDs: call.axisIDs,
              opensAt: call.opensAt, closesAt: call.closesAt)
    }

    /// The audited fields of a call.
    private static func fields(_ draft: Draft) -> [String: String?] {
        ["kind": draft.kind, "channel": draft.channel, "title_ar": draft.title.arabic, "title_fr": draft.title.french,
         "announcement_ar": draft.announcement?.arabic, "announcement_fr": draft.announcement?.french,
         "axes": draft.axisIDs.isEmpty ? nil : Set(draft.axisIDs).sorted().map(String.init).joined(separator: ","),
         "opens_at": Call.utcText(draft.opensAt), "closes_at": Call.utcText(draft.closesAt)]
    }

    /// The first instant strictly after `now` at which a call opens or closes (the page cache's
    /// next edge, see `CallEdges`).
    static func nextEdge(_ db: Connection, after now: Date) throws -> Date? {
        let text = Call.utcText(now)
        let edge = try db.scalar("""
            SELECT min(t) FROM (SELECT min(opens_at) AS t FROM calls WHERE opens_at > ?1
                                UNION ALL SELECT min(closes_at) FROM calls WHERE closes_at > ?1)
            """, [text], as: String.self)
        return try edge.map(Call.parse)
    }
}
