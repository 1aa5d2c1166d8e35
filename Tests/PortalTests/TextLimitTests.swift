import XCTest
import SQLite
@testable import Portal

/// Every text a person types has a length limit in the store, not only in its form (issue 15,
/// Migrations/0020_text_limits.sql): a write past it aborts with the column named, whatever
/// way it comes in, and the portal answers it with a 413.
final class TextLimitTests: XCTestCase {
    /// TEXT columns the store does not limit, because people never type them freely: dates,
    /// times and codes the portal writes or checks the shape of, choices from a list (CHECKs),
    /// hashes and tokens, frozen snapshots, copies of names already limited where typed, and
    /// the mail the portal writes. A new TEXT column must be limited in a migration or added
    /// here with its reason, or `testEveryTextColumnIsLimitedOrWrittenByThePortal` fails.
    static let writtenByThePortal: Set<String> = [
        // Dates and times (checked shapes) and who did it (a copy of users.name).
        "activities.date_start", "activities.date_end", "activity_progress.entry_on", "activity_progress.started_on",
        "activity_progress.ended_on", "activity_progress.recorded_at", "activity_progress.recorded_by_name",
        "calls.opens_at", "calls.closes_at", "calls.closed_early", "calls.planned_closes_at", "committees.decision_date",
        "communes.joined_on", "evaluations.data_as_of", "evaluations.updated_at", "evaluations.updated_by_name",
        "evaluations.published_at", "evaluations.published_by_name", "event_agenda_items.time_start", "event_agenda_items.time_end",
        "events.date_start", "events.date_end", "events.date_precision", "events.time_start", "evidence.recorded_at",
        "evidence.recorded_by_name", "evidence_files.stored_at", "indicator_plans.baseline_on", "indicator_plans.target_on",
        "indicator_values.measured_on", "indicator_values.recorded_at", "indicator_values.recorded_by_name",
        "milestones.date_start", "milestones.date_end", "milestones.date_precision", "network.founded_on", "network.award_on",
        "network_facts.date_start", "network_facts.date_precision", "program_amendments.opened_at",
        "program_amendments.opened_by_name", "program_amendments.closed_at", "program_references.ref_date",
        "program_transitions.happened_on", "program_transitions.recorded_at", "program_versions.frozen_at", "programs.period",
        "programs.adopted_on", "projects.date_start", "projects.date_end", "proposals.created_at", "proposals.answered_at",
        "review_comments.author_name", "review_comments.created_at", "review_comments.addressed_at",
        "review_comments.addressed_by_name", "users.created_at", "program_transitions.effective_start",
        "program_transitions.effective_end", "program_transitions.effective_precision", "program_versions.effective_start",
        "program_versions.effective_end", "program_versions.effective_precision", "programs.source_on",
        // Choices from a list (CHECKs or the form's options) and slugs of a checked shape.
        "activity_progress.status", "calls.kind", "calls.channel", "committee_members.role", "committee_members.category",
        "communes.slug", "evaluations.status", "event_proposal_counts.channel", "event_proposal_counts.status", "events.kind",
        "events.channel", "evidence.visibility", "evidence_files.media_type", "milestones.kind", "program_transitions.from_state",
        "program_transitions.to_state", "program_versions.state", "programs.status", "project_indicators.kind", "proposals.kind",
        "proposals.gender", "proposals.age_band", "proposals.channel", "proposals.status", "proposals.language",
        "user_roles.role", "users.language",
        // Made by the portal: codes, keys, hashes, tokens, addresses, snapshots and figures, the audit
        // trail (copies of values limited where they were typed), mail, settings and migrations.
        "proposals.tracking_code", "proposals.submission_key", "proposals.remote_address", "evaluations.figures",
        "evaluations.figures_sha256", "evidence_files.sha256", "program_versions.snapshot", "program_versions.snapshot_sha256",
        "audit_log.at", "audit_log.user_name", "audit_log.action", "audit_log.entity", "audit_log.field", "audit_log.before",
        "audit_log.after", "login_attempts.email", "login_attempts.remote_address", "login_attempts.at",
        "mail_outbox.kind", "mail_outbox.language", "mail_outbox.subject", "mail_outbox.body", "mail_outbox.message_id",
        "mail_outbox.state", "mail_outbox.next_attempt_at", "mail_outbox.last_error", "mail_outbox.created_at",
        "mail_outbox.claimed_at", "mail_outbox.sent_at", "mail_subscriptions.state", "mail_subscriptions.created_at",
        "mail_subscriptions.confirmed_at", "mail_subscriptions.unsubscribed_at", "mail_tokens.token_hash", "mail_tokens.purpose",
        "mail_tokens.created_at", "mail_tokens.expires_at", "password_links.token_hash", "password_links.created_at",
        "password_links.expires_at", "password_links.used_at", "sessions.token_hash", "sessions.csrf_token", "sessions.created_at",
        "sessions.last_seen_at", "sessions.remote_address", "settings.key", "settings.value", "schema_migrations.name",
        "schema_migrations.checksum", "schema_migrations.applied_at", "users.password_hash",
        // Copies of checked values, counted by triggers (the dashboard's tally).
        "proposal_tally.status", "proposal_tally.channel",
        // The dashboard's figures kept by 0028's triggers: a checked status, and names and keys
        // copied from limited columns.
        "communes.program_state", "network_figures.figure", "network_figures.key",
    ]

    /// The limit of each limited column, read back from its insert trigger.
    private func limits(_ portal: Portal) throws -> [String: Int] {
        try portal.site.database.read { db in
            var limits: [String: Int] = [:]
            for row in try db.query("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'text_limit_%_insert'") {
                let sql = try row.string("sql")
                guard let open = sql.range(of: "length(NEW."), let close = sql[open.upperBound...].range(of: ") > "),
                      let end = sql[close.upperBound...].firstIndex(where: { !$0.isNumber }),
                      let limit = Int(sql[close.upperBound..<end]) else { XCTFail("unreadable trigger: \(sql)"); continue }
                limits["\(try row.string("tbl_name")).\(sql[open.upperBound..<close.lowerBound])"] = limit
            }
            return limits
        }
    }

    func testEveryTextColumnIsLimitedOrWrittenByThePortal() throws {
        let portal = try Portal(loadDemo: false)
        let limits = try limits(portal)
        XCTAssertGreaterThan(limits.count, 150)
        let columns = try portal.site.database.read { db -> [String] in
            var columns: [String] = []
            for table in try db.query("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search%' ORDER BY name
                """) {
                let name = try table.string("name")
                for column in try db.query("SELECT name, type FROM pragma_table_info(?)", [name]) where try column.string("type") == "TEXT" {
                    columns.append("\(name).\(try column.string("name"))")
                }
            }
            return columns
        }
        for column in columns {
            XCTAssertTrue((limits[column] != nil) != Self.writtenByThePortal.contains(column),
                          "\(column): limit it in a migration (a person types it) or list it in writtenByThePortal, not both")
        }
        for listed in Self.writtenByThePortal { XCTAssertTrue(columns.contains(listed), "\(listed) is no TEXT column any more") }
        // Every limited column has its update trigger too.
        let updates = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'text_limit_%_update'", as: Int.self) }
        XCTAssertEqual(updates, limits.count)
    }

    func testTheStoreLimitsAreNeverBelowTheFormsLimits() throws {
        let limits = try limits(try Portal(loadDemo: false))
        // Public forms (ProposalForm, TriagePages, ReviewStore): exactly their limits.
        XCTAssertEqual(limits["proposals.title"], ProposalForm.titleMax)
        XCTAssertEqual(limits["proposals.description"], ProposalForm.descriptionMax)
        XCTAssertEqual(limits["proposals.public_answer"], TriagePages.answerMax)
        XCTAssertEqual(limits["proposals.rejection_reason"], TriagePages.reasonMax)
        XCTAssertEqual(limits["proposal_observations.problem"], ProposalForm.observationMax)
        XCTAssertEqual(limits["proposal_projects.objective"], ProposalForm.projectTextMax)
        XCTAssertEqual(limits["review_comments.body"], ReviewStore.bodyMax)
        // Admin forms read each field by its column's name with FieldLimit: the store allows at least that.
        for (column, limit) in limits where !column.hasPrefix("proposal") && !column.hasPrefix("review_comments") && column != "users.email" {
            let field = String(column.split(separator: ".")[1])
            XCTAssertGreaterThanOrEqual(limit, FieldLimit.maximum(for: field), column)
        }
    }

    func testAWritePastTheLimitAbortsNamingTheColumnWhateverWayItComes() throws {
        let portal = try Portal()
        try portal.site.database.write { db in
            let program = try db.scalar("SELECT id FROM programs ORDER BY id LIMIT 1", as: Int.self)!
            // At the limit is fine; one character more is refused, on insert and on update.
            try db.run("INSERT INTO axes (program_id, number, title_ar) VALUES (?, 99, ?)", [program, String(repeating: "م", count: 500)])
            let axis = Int(db.lastInsertRowID)
            XCTAssertThrowsError(try db.run("INSERT INTO axes (program_id, number, title_ar) VALUES (?, 98, ?)",
                                            [program, String(repeating: "م", count: 501)])) { error in
                XCTAssertTrue("\(error)".contains("text too long: axes.title_ar (at most 500 characters)"), "\(error)")
                XCTAssertTrue((error as? SQLiteError)?.isConstraintViolation ?? false)
            }
            XCTAssertThrowsError(try db.run("UPDATE axes SET title_fr = ? WHERE id = ?", [String(repeating: "x", count: 501), axis])) { error in
                XCTAssertTrue("\(error)".contains("axes.title_fr"), "\(error)")
            }
            XCTAssertEqual(try db.run("UPDATE projects SET slogan_ar = ? WHERE id = (SELECT min(id) FROM projects)",
                                      [String(repeating: "ش", count: FieldLimit.long)]), 1)
            XCTAssertThrowsError(try db.run("UPDATE projects SET slogan_ar = ? WHERE id = (SELECT min(id) FROM projects)",
                                            [String(repeating: "ش", count: FieldLimit.long + 1)])) { error in
                XCTAssertTrue("\(error)".contains("projects.slogan_ar (at most 10000 characters)"), "\(error)")
            }
        }
    }
}
