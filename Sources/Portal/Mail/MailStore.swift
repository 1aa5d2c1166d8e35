import Foundation
import SQLite
import Templates

/// Mail switched on, with what queuing a message needs besides the store: the settings, the
/// catalogs (messages are written when they are queued) and the portal's base URL (their links).
struct Mailer: Sendable {
    let settings: MailSettings
    let translations: Translations
    let baseURL: String

    func text(_ language: Language) -> MailText { MailText(translations: translations, language: language) }
    func url(_ route: SiteRoute) -> String { baseURL + route.path }
    var domain: String { MailSettings.domain(baseURL: baseURL) }
}

/// All the SQL of the mail notices (0014): the subscription a proposal's address has, the
/// outbox and its states, the links' tokens. Queuing functions take the open write transaction
/// of the change they tell about, so a message exists exactly when its cause does: a
/// submission rolled back queues nothing, a committed decision always has its message.
enum MailStore {
    // MARK: - Queuing

    /// The confirmation message of a proposal just stored with an address (in `language`), in
    /// the submission's transaction (double opt-in: the only message an address gets before it
    /// is confirmed). One short row: the subscription is waiting as long as it has no row of its
    /// own (see 0014), and a confirmation's words depend only on the proposal's title and
    /// commune, which never change, so they are written when it is handed over (`claimNext`).
    static func queueConfirmation(_ db: Connection, proposal id: Int, language: Language, mailer: Mailer, at now: Date) throws {
        try insert(db, proposal: id, kind: "confirm", language: language, ("", ""), mailer: mailer, stamp: Timestamp.text(now))
    }

    // Where a subscription stands, in the queries below that join `mail_subscriptions s` (LEFT)
    // to a proposal with an address: `coalesce(s.state, 'pending')` (no row yet is waiting for
    // the confirmation).

    /// After a decision on proposal `id` (its status, public answer, reason or project changed),
    /// a message to every confirmed address it concerns: its own, and those of the proposals
    /// merged into it (their authors follow it now), each in its proposal's language. Hidden
    /// spam gets nothing. Returns how many were queued; no confirmed address costs one query.
    @discardableResult
    static func queueDecision(_ db: Connection, about id: Int, mailer: Mailer, at now: Date) throws -> Int {
        let recipients = try db.query("""
            SELECT r.id, r.language, r.title FROM proposals r
            JOIN mail_subscriptions s ON s.proposal_id = r.id AND s.state = 'confirmed'
            WHERE (r.id = ?1 OR r.merged_into_id = ?1) AND r.email IS NOT NULL AND r.hidden = 0 AND r.language IS NOT NULL
            ORDER BY r.id
            """, [id])
        guard !recipients.isEmpty, let about = try db.queryOne("""
            SELECT p.title, p.status, p.public_answer, p.tracking_code,
                   CASE WHEN p.status = 'rejected' THEN p.rejection_reason END AS reason,
                   c.name_ar, c.name_fr, j.number AS project_number, j.title_ar AS project_ar, j.title_fr AS project_fr
            FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
            LEFT JOIN projects j ON j.id = p.integrated_project_id AND p.status = 'integrated'
            WHERE p.id = ?
            """, [id]) else { return 0 }
        for recipient in recipients {
            guard let language = Language(rawValue: try recipient.string("language")) else { continue }
            let text = mailer.text(language)
            let project = try about.optionalInt("project_number").map { number in
                text.fill("program.project_number", String(number)) + ": " + (try Localized(arabic: about.optionalString("project_ar") ?? "",
                                                                                           french: about.optionalString("project_fr")).text(language))
            }
            let recipientID = try recipient.int("id")
            let decision = MailText.Decision(
                title: try about.string("title"), commune: try Localized(about, "name").text(language),
                status: try about.string("status"), answer: try about.optionalString("public_answer"),
                reason: try about.optionalString("reason"), project: project,
                trackingURL: mailer.url(.proposal(language, code: try about.string("tracking_code"))),
                mergedTitle: recipientID == id ? nil : try recipient.string("title"))
            try insert(db, proposal: recipientID, kind: "update", language: language, text.update(decision), mailer: mailer, stamp: Timestamp.text(now))
        }
        return recipients.count
    }

    /// After proposal `id` was merged into `kept`: a message to its confirmed address saying
    /// which proposal now carries it. Returns whether one was queued.
    @discardableResult
    static func queueMerge(_ db: Connection, merged id: Int, into kept: Int, mailer: Mailer, at now: Date) throws -> Bool {
        guard let row = try db.queryOne("""
            SELECT r.language, r.title, k.title AS kept_title, k.tracking_code AS kept_code, c.name_ar, c.name_fr
            FROM proposals r JOIN mail_subscriptions s ON s.proposal_id = r.id AND s.state = 'confirmed'
            JOIN proposals k ON k.id = ? JOIN programs g ON g.id = r.program_id JOIN communes c ON c.id = g.commune_id
            WHERE r.id = ? AND r.email IS NOT NULL AND r.hidden = 0
            """, [kept, id]), let language = Language(rawValue: try row.optionalString("language") ?? "") else { return false }
        let message = mailer.text(language).merged(title: try row.string("title"), commune: try Localized(row, "name").text(language),
                                                   keptTitle: try row.string("kept_title"),
                                                   keptURL: mailer.url(.proposal(language, code: try row.string("kept_code"))))
        try insert(db, proposal: id, kind: "merged", language: language, message, mailer: mailer, stamp: Timestamp.text(now))
        return true
    }

    /// After a progress entry on activity `activityID` (issue 13): a message to every confirmed
    /// address of a proposal integrated into its project (and of the proposals merged into one),
    /// each in its proposal's language, at most one a day per proposal: a proposal that already
    /// has a 'progress' message created since the start of today (Morocco) gets no other, so a
    /// focal point entering ten activities in an afternoon sends one message, not ten. Hidden
    /// spam gets nothing. Returns how many were queued; no confirmed address costs one query.
    @discardableResult
    static func queueProgress(_ db: Connection, activity activityID: Int, mailer: Mailer, at now: Date) throws -> Int {
        let dayStart = Timestamp.text(MoroccoTime.start(ofDay: MoroccoTime.day(now)) ?? now)
        let recipients = try db.query("""
            SELECT r.id, r.language, r.title, coalesce(k.tracking_code, r.tracking_code) AS code
            FROM activities a
            JOIN proposals k ON k.integrated_project_id = a.project_id AND k.status = 'integrated'
            JOIN proposals r ON r.id = k.id OR r.merged_into_id = k.id
            JOIN mail_subscriptions s ON s.proposal_id = r.id AND s.state = 'confirmed'
            WHERE a.id = ?1 AND r.email IS NOT NULL AND r.hidden = 0 AND r.language IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.proposal_id = r.id AND o.kind = 'progress' AND o.created_at >= ?2)
            ORDER BY r.id
            """, [activityID, dayStart])
        guard !recipients.isEmpty, let about = try db.queryOne("""
            SELECT j.number AS project_number, j.title_ar AS project_ar, j.title_fr AS project_fr, a.number AS activity_number,
                   a.title_ar AS activity_ar, a.title_fr AS activity_fr, e.status, e.percent, e.entry_on, c.name_ar, c.name_fr
            FROM activities a JOIN projects j ON j.id = a.project_id JOIN programs g ON g.id = j.program_id
            JOIN communes c ON c.id = g.commune_id
            JOIN activity_progress e ON e.id = (SELECT max(l.id) FROM activity_progress l WHERE l.activity_id = a.id)
            WHERE a.id = ?
            """, [activityID]) else { return 0 }
        for recipient in recipients {
            guard let language = Language(rawValue: try recipient.string("language")) else { continue }
            let text = mailer.text(language)
            let progress = MailText.Progress(
                title: try recipient.string("title"), commune: try Localized(about, "name").text(language),
                project: text.fill("program.project_number", String(try about.int("project_number"))) + ": "
                    + (try Localized(arabic: about.optionalString("project_ar") ?? "", french: about.optionalString("project_fr")).text(language)),
                activity: "\(try about.int("project_number")).\(try about.int("activity_number")) "
                    + (try Localized(arabic: about.optionalString("activity_ar") ?? "", french: about.optionalString("activity_fr")).text(language)),
                status: try about.string("status"), percent: try about.int("percent"), day: try about.string("entry_on"),
                trackingURL: mailer.url(.proposal(language, code: try recipient.string("code"))))
            try insert(db, proposal: try recipient.int("id"), kind: "progress", language: language, text.progress(progress), mailer: mailer,
                       stamp: Timestamp.text(now))
        }
        return recipients.count
    }

    private static func insert(_ db: Connection, proposal: Int, kind: String, language: Language, _ message: (subject: String, body: String),
                               mailer: Mailer, stamp: String) throws {
        try db.run("""
            INSERT INTO mail_outbox (proposal_id, kind, language, subject, body, message_id, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [proposal, kind, language.rawValue, message.subject, message.body,
                  "infitah." + SecureRandom.hex(16) + "@" + mailer.domain, stamp, stamp])
    }

    // MARK: - Handing over

    /// A message claimed by the sender, with what it needs to be handed over: the address
    /// (read now, so an erased one is never written to) and fresh tokens for its links.
    struct Claimed: Equatable {
        var id: Int
        var proposalID: Int
        var kind: String
        var language: Language
        var subject: String
        var body: String
        var messageID: String
        var to: String
        /// The proposal's attempts so far, this one not counted.
        var attempts: Int
        var confirmToken: String?
        var unsubscribeToken: String
    }

    enum Claim: Equatable {
        case message(Claimed)
        /// The due message had no one left to write to (address erased, unsubscribed, spam,
        /// a confirmation already answered): cancelled, look again.
        case cancelled
        case nothingDue
    }

    /// The next due message (queued, or failed and past its back-off), claimed: 'sending',
    /// with the tokens of its links stored (hashed). One write transaction, so two senders
    /// could never claim the same row.
    static func claimNext(_ db: Connection, mailer: Mailer, at now: Date) throws -> Claim {
        let settings = mailer.settings
        let stamp = Timestamp.text(now)
        // The due message from the outbox's partial index alone (its first entry; see 0014), then its row.
        guard let due = try db.scalar(dueSQL, [stamp], as: Int.self),
              let row = try db.queryOne("""
            SELECT o.id, o.proposal_id, o.kind, o.language, o.subject, o.body, o.message_id, o.attempts,
                   p.email, p.hidden, p.title, c.name_ar, c.name_fr, coalesce(s.state, 'pending') AS subscription
            FROM mail_outbox o JOIN proposals p ON p.id = o.proposal_id
            JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
            LEFT JOIN mail_subscriptions s ON s.proposal_id = o.proposal_id
            WHERE o.id = ?
            """, [due]) else { return .nothingDue }
        let id = try row.int("id"), proposal = try row.int("proposal_id"), kind = try row.string("kind")
        let subscription = try row.optionalString("subscription")
        // Double opt-in: a confirmation only while waiting for one; anything else only once confirmed.
        let wanted = kind == "confirm" ? subscription == "pending" : subscription == "confirmed"
        guard let to = try row.optionalString("email"), try row.int("hidden") == 0, wanted,
              let language = Language(rawValue: try row.string("language")) else {
            try db.run("UPDATE mail_outbox SET state = 'cancelled' WHERE id = ?", [id])
            return .cancelled
        }
        let unsubscribe = try issueToken(db, proposal: proposal, purpose: "unsubscribe", expires: nil, at: now)
        let confirm = kind == "confirm"
            ? try issueToken(db, proposal: proposal, purpose: "confirm", expires: now.addingTimeInterval(settings.confirmLifetime), at: now) : nil
        try db.run("UPDATE mail_outbox SET state = 'sending', claimed_at = ? WHERE id = ?", [stamp, id])
        var words = (subject: try row.string("subject"), body: try row.string("body"))
        if kind == "confirm" {
            words = mailer.text(language).confirmation(title: try row.string("title"), commune: try Localized(row, "name").text(language))
        }
        return .message(Claimed(id: id, proposalID: proposal, kind: kind, language: language, subject: words.subject,
                                body: words.body, messageID: try row.string("message_id"), to: to,
                                attempts: try row.int("attempts"), confirmToken: confirm, unsubscribeToken: unsubscribe))
    }

    /// The MTA took it (its command exited 0): sent, never handed over again.
    static func markSent(_ db: Connection, id: Int, at now: Date) throws {
        try db.run("UPDATE mail_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND state = 'sending'",
                   [Timestamp.text(now), id])
    }

    /// The hand-off failed: tried again after the back-off, or dead after the last attempt.
    /// Returns the new state.
    @discardableResult
    static func markFailed(_ db: Connection, id: Int, error: String, settings: MailSettings, at now: Date) throws -> String {
        let attempts = (try db.scalar("SELECT attempts FROM mail_outbox WHERE id = ?", [id], as: Int.self) ?? 0) + 1
        let state = attempts >= settings.maxAttempts ? "dead" : "failed"
        try db.run("""
            UPDATE mail_outbox SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending'
            """, [state, attempts, Timestamp.text(now.addingTimeInterval(settings.backoff(afterFailures: attempts))),
                  String(MailAddress.masked(error).prefix(500)), id])
        return state
    }

    /// At start: messages left 'sending' by a server that stopped between handing one over and
    /// recording it. Whether the MTA took them is unknown; they are tried again (the one window
    /// in which a message can go twice; its Message-ID is the same, which lets a mailbox
    /// recognise it). Returns how many.
    @discardableResult
    static func recoverClaimed(_ db: Connection, at now: Date) throws -> Int {
        try db.run("""
            UPDATE mail_outbox SET state = 'failed', next_attempt_at = ?, last_error = 'the server stopped during the hand-off; sent again'
            WHERE state = 'sending'
            """, [Timestamp.text(now)])
    }

    /// The sender's two look-ups: the message due first, and when the next one falls due. Both
    /// read the first entry of the partial index `mail_outbox_due`, never sort the waiting
    /// messages (MailTests checks their plans).
    static let dueSQL = "SELECT id FROM mail_outbox WHERE state IN ('queued', 'failed') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1"
    static let nextDueSQL = "SELECT min(next_attempt_at) FROM mail_outbox WHERE state IN ('queued', 'failed')"

    /// When the next waiting message falls due, if any waits.
    static func nextDue(_ db: Connection) throws -> Date? {
        try db.scalar(nextDueSQL, as: String.self).flatMap(Timestamp.date)
    }

    /// Deletes sent and cancelled messages older than `cutoff` (they hold no address, but
    /// nothing needs them after a while). Returns how many.
    @discardableResult
    static func prune(_ db: Connection, before cutoff: Date) throws -> Int {
        try db.run("DELETE FROM mail_outbox WHERE state IN ('sent', 'cancelled') AND created_at < ?", [Timestamp.text(cutoff)])
    }

    // MARK: - The links

    /// A new random token (256 bits) for the proposal's links; only its SHA-256 is stored.
    private static func issueToken(_ db: Connection, proposal: Int, purpose: String, expires: Date?, at now: Date) throws -> String {
        let token = SecureRandom.hex(32)
        try db.run("INSERT INTO mail_tokens (token_hash, proposal_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                   [hash(token), proposal, purpose, Timestamp.text(now), expires.map(Timestamp.text)])
        return token
    }

    static func hash(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }

    /// What a link's token opens: the proposal and where its subscription stands.
    struct Link: Equatable {
        var proposalID: Int
        var title: String
        var code: String
        /// 'pending', 'confirmed' or 'unsubscribed'.
        var state: String
    }

    /// The proposal a token of `purpose` opens, when the token is well-formed, known, of that
    /// purpose and not expired, and the address is still there; else nil.
    static func link(_ db: Connection, token: String, purpose: String, at now: Date) throws -> Link? {
        guard token.count == 64, token.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        guard let row = try db.queryOne("""
            SELECT t.proposal_id, p.title, p.tracking_code, coalesce(s.state, 'pending') AS state FROM mail_tokens t
            JOIN proposals p ON p.id = t.proposal_id LEFT JOIN mail_subscriptions s ON s.proposal_id = t.proposal_id
            WHERE t.token_hash = ? AND t.purpose = ? AND (t.expires_at IS NULL OR t.expires_at > ?) AND p.email IS NOT NULL
            """, [hash(token), purpose, Timestamp.text(now)]) else { return nil }
        return Link(proposalID: try row.int("proposal_id"), title: try row.string("title"), code: try row.string("tracking_code"),
                    state: try row.string("state"))
    }

    /// Confirms the subscription of `proposal` if it still waits (a second tap changes nothing,
    /// and an unsubscription stays).
    static func confirm(_ db: Connection, proposal: Int, at now: Date) throws {
        let stamp = Timestamp.text(now)
        try db.run("""
            INSERT INTO mail_subscriptions (proposal_id, state, created_at, confirmed_at) VALUES (?, 'confirmed', ?, ?)
            ON CONFLICT (proposal_id) DO UPDATE SET state = 'confirmed', confirmed_at = excluded.confirmed_at WHERE state = 'pending'
            """, [proposal, stamp, stamp])
    }

    /// Ends the subscription of `proposal` for good, and cancels what was still waiting for it.
    static func unsubscribe(_ db: Connection, proposal: Int, at now: Date) throws {
        let stamp = Timestamp.text(now)
        try db.run("""
            INSERT INTO mail_subscriptions (proposal_id, state, created_at, unsubscribed_at) VALUES (?, 'unsubscribed', ?, ?)
            ON CONFLICT (proposal_id) DO UPDATE SET state = 'unsubscribed', unsubscribed_at = excluded.unsubscribed_at WHERE state <> 'unsubscribed'
            """, [proposal, stamp, stamp])
        try db.run("UPDATE mail_outbox SET state = 'cancelled' WHERE proposal_id = ? AND state IN ('queued', 'failed', 'dead')", [proposal])
    }

    // MARK: - What staff see

    /// Where the notices of a proposal stand ('pending', 'confirmed', 'unsubscribed'), never
    /// the address; nil when it gave none.
    static func notificationState(_ db: Connection, proposal: Int) throws -> String? {
        try db.scalar("""
            SELECT coalesce(s.state, 'pending') FROM proposals p LEFT JOIN mail_subscriptions s ON s.proposal_id = p.id
            WHERE p.id = ? AND p.email IS NOT NULL
            """, [proposal], as: String.self)
    }

    /// The outbox as administrators read it: how many messages in each state, and the ones not
    /// sent yet (newest first, at most `limit`) — never an address or a body.
    struct Outbox {
        var counts: [String: Int]
        var waiting: [Row]
    }

    static let states = ["queued", "sending", "failed", "dead", "sent", "cancelled"]

    static func outbox(_ db: Connection, limit: Int) throws -> Outbox {
        var counts: [String: Int] = [:]
        for row in try db.query("SELECT state, count(*) AS n FROM mail_outbox GROUP BY state") {
            counts[try row.string("state")] = try row.int("n")
        }
        let waiting = try db.query("""
            SELECT o.id, o.proposal_id, o.kind, o.language, o.state, o.attempts, o.next_attempt_at, o.last_error, o.created_at,
                   g.period, c.slug, c.name_ar, c.name_fr
            FROM mail_outbox o JOIN proposals p ON p.id = o.proposal_id JOIN programs g ON g.id = p.program_id
            JOIN communes c ON c.id = g.commune_id
            WHERE o.state IN ('queued', 'sending', 'failed', 'dead')
            ORDER BY o.state = 'dead' DESC, o.created_at DESC, o.id DESC LIMIT ?
            """, [limit])
        return Outbox(counts: counts, waiting: waiting)
    }

    /// A dead message queued again for one more attempt now. Returns its commune (for the
    /// audit entry), or nil when no dead message has that id.
    static func retry(_ db: Connection, id: Int, at now: Date) throws -> Int? {
        guard let communeID = try db.scalar("""
            SELECT g.commune_id FROM mail_outbox o JOIN proposals p ON p.id = o.proposal_id JOIN programs g ON g.id = p.program_id
            WHERE o.id = ? AND o.state = 'dead'
            """, [id], as: Int.self) else { return nil }
        try db.run("UPDATE mail_outbox SET state = 'queued', next_attempt_at = ? WHERE id = ?", [Timestamp.text(now), id])
        return communeID
    }
}
