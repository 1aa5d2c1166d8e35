import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// What issue 13 asks beyond recording, through whole requests on the demo store: a file added to
/// a progress entry or a measured value recorded earlier (audited, refused beside that entry's
/// field, nothing stored), a draft evaluation deleted (audited) while a published one stays, the
/// program's Atom feed telling each change of progress and each published evaluation, the open-data
/// page linking the evaluations, and the author of an integrated proposal told by mail when its
/// project moves, at most once a day.
final class ExecutionFollowUpTests: XCTestCase {
    static let admin = "/admin/%@/communes/settat/programs/2024-2025/execution"

    func admin(_ language: String = "ar", _ tail: String = "") -> String { String(format: Self.admin, language) + tail }

    /// A portal whose clock stands on 2025-06-15 (Morocco), with a focal point of Settat signed in.
    func portal() throws -> (Portal, Staff) {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-06-15", time: "10:00")! }
        return (portal, try portal.signIn(.focalPoint, commune: "settat"))
    }

    func record(_ portal: Portal, _ staff: Staff, activity: Int, on day: String, percent: Int) throws -> Int {
        let page = portal.post(admin("ar", "/activities/\(activity)/progress"),
                               form: [("entry_on", day), ("status", "in-progress"), ("percent", String(percent)), ("started_on", "2025-02-01")],
                               as: staff)
        XCTAssertEqual(page.status, 303, page.body.prefix(600).description)
        XCTAssertEqual(page.headers["Location"]?.hasPrefix(admin("ar", "/activities/\(activity)")), true, "recorded, not sent to sign in")
        return try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT max(id) FROM activity_progress WHERE activity_id = ?", [activity], as: Int.self)
        })
    }

    func attach(_ portal: Portal, _ staff: Staff, _ path: String, _ file: [UInt8]?, filename: String, visibility: String = "public") -> Page {
        let form = EvidenceFixtures.form([("csrf", staff.csrf), ("evidence_visibility", visibility)], file: file, filename: filename,
                                         contentType: "application/octet-stream")
        return portal.post(path, body: form.body, headers: [("Content-Type", form.type), staff.cookie])
    }

    func count(_ portal: Portal, _ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        try portal.site.database.read { try $0.scalar(sql, values, as: Int.self) ?? -1 }
    }

    // MARK: - Evidence added later

    func testAFileIsAddedToAnEarlierProgressEntryAuditedAndRefusedBesideItsField() throws {
        let (portal, staff) = try portal()
        let entry = try record(portal, staff, activity: 111, on: "2025-06-10", percent: 40)
        let page = portal.get(admin("ar", "/activities/111"), as: staff)
        XCTAssertTrue(page.contains("action=\"\(admin("ar", "/progress/\(entry)/evidence"))\""), "each entry has its form")
        XCTAssertTrue(page.contains("id=\"x-evidence-p\(entry)\""), "with ids of its own")
        XCTAssertTrue(page.contains("إضافة وثيقة إثبات"))

        // Refused: the message beside that entry's field, in the page's language, nothing stored.
        let files = try count(portal, "SELECT count(*) FROM evidence_files"), links = try count(portal, "SELECT count(*) FROM evidence")
        for (language, message) in [("ar", "ليس PDF ولا JPEG ولا PNG"), ("fr", "ni un PDF, ni un JPEG, ni un PNG")] {
            let refused = attach(portal, staff, admin(language, "/progress/\(entry)/evidence"), EvidenceFixtures.html, filename: "photo.png",
                                 visibility: "internal")
            XCTAssertEqual(refused.status, 422, language)
            let text = refused.readText
            let field = try XCTUnwrap(text.range(of: "id=\"x-evidence-p\(entry)-error\""), "\(language): a message under that entry's field")
            XCTAssertTrue(text[field.upperBound...].prefix(300).contains(message), String(text[field.upperBound...].prefix(300)))
            XCTAssertTrue(refused.contains("<details class=\"evidence-add\" open>"), "the refused form is shown open")
            XCTAssertTrue(refused.contains("<option value=\"internal\" selected>"), "the choice made is kept")
        }
        let none = attach(portal, staff, admin("fr", "/progress/\(entry)/evidence"), nil, filename: "")
        XCTAssertEqual(none.status, 422)
        XCTAssertTrue(none.contains("Choisissez un fichier à joindre"))
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evidence_files"), files)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evidence"), links)

        // Accepted: linked to that entry, audited, no new progress entry, listed under it.
        let entries = try count(portal, "SELECT count(*) FROM activity_progress")
        let sent = attach(portal, staff, admin("ar", "/progress/\(entry)/evidence"), EvidenceFixtures.jpegWithExif(), filename: "IMG_2025.jpg")
        XCTAssertEqual(sent.status, 303, sent.body.prefix(600).description)
        XCTAssertEqual(sent.headers["Location"]?.hasPrefix(admin("ar", "/activities/111")), true)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evidence WHERE progress_id = ?", [entry]), 1)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM activity_progress"), entries)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'evidence' AND action = 'create' AND field = 'progress_id' AND after = ?",
                                 [String(entry)]), 1)
        XCTAssertTrue(portal.get(admin("ar", "/activities/111"), as: staff).contains("IMG_2025.jpg"))
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025/execution").contains("/evidence/"), "a public file is public")

        // An entry of another program is not found through this one.
        let other = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("""
                SELECT min(e.id) FROM activity_progress e JOIN activities a ON a.id = e.activity_id JOIN projects p ON p.id = a.project_id
                WHERE p.program_id <> (SELECT g.id FROM programs g JOIN communes c ON c.id = g.commune_id WHERE c.slug = 'settat' AND g.period = '2024-2025')
                """, as: Int.self)
        })
        XCTAssertEqual(attach(portal, staff, admin("ar", "/progress/\(other)/evidence"), EvidenceFixtures.pdf(), filename: "a.pdf").status, 404)
    }

    func testAFileIsAddedToAnEarlierMeasuredValue() throws {
        let (portal, staff) = try portal()
        let (indicator, value) = try portal.site.database.write { db -> (Int, Int) in
            let indicator = try XCTUnwrap(try db.scalar("SELECT id FROM project_indicators WHERE project_id = 11 ORDER BY kind, position LIMIT 1",
                                                        as: Int.self))
            try db.run("INSERT INTO indicator_plans (indicator_id, unit) VALUES (?, 'count')", [indicator])
            try db.run("""
                INSERT INTO indicator_values (indicator_id, measured_on, value_number, recorded_at, recorded_by_name)
                VALUES (?, '2025-05-01', 12, '2025-05-01T10:00:00Z', 'test')
                """, [indicator])
            return (indicator, Int(db.lastInsertRowID))
        }
        let page = portal.get(admin("fr", "/indicators/\(indicator)"), as: staff)
        XCTAssertTrue(page.contains("id=\"x-evidence-v\(value)\""), page.body)
        let sent = attach(portal, staff, admin("fr", "/values/\(value)/evidence"), EvidenceFixtures.pdf(), filename: "liste.pdf", visibility: "internal")
        XCTAssertEqual(sent.status, 303, sent.body.prefix(600).description)
        XCTAssertEqual(sent.headers["Location"]?.hasPrefix(admin("fr", "/indicators/\(indicator)")), true)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evidence WHERE value_id = ? AND visibility = 'internal'", [value]), 1)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM audit_log WHERE entity = 'evidence' AND field = 'value_id' AND after = ?",
                                 [String(value)]), 1)
        XCTAssertTrue(portal.get(admin("fr", "/indicators/\(indicator)"), as: staff).contains("liste.pdf"))
        // The committee reads the page without the form, and may not post it (AuthorizationMatrixTests walks every role).
        let committee = try portal.signIn(.committee, commune: "settat")
        XCTAssertFalse(portal.get(admin("fr", "/indicators/\(indicator)"), as: committee).contains("x-evidence-v\(value)"))
    }

    func testAddingAFileTakesTheEvidenceBodyLimit() {
        let limit = 10 << 20
        for path in [admin("ar", "/progress/3/evidence"), admin("fr", "/values/5/evidence")] {
            XCTAssertEqual(AdminRoute.uploadLimit(.post, path.split(separator: "/").map(String.init), maxEvidenceBytes: limit), limit + 256 * 1024, path)
        }
    }

    // MARK: - Deleting a draft evaluation

    func testADraftEvaluationIsDeletedAuditedAndAPublishedOneIsNot() throws {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-02-03", time: "10:00")! }
        let staff = try portal.signIn(.committee, commune: "demo")
        let base = "/admin/fr/communes/demo/programs/2023-2024/evaluations"
        XCTAssertEqual(portal.post(base + "/2024/save", form: [("worked_ar", "نجحت اللقاءات"), ("changes_fr", "Former avant mars")], as: staff).status, 303)
        let draft = portal.get(base + "/2024", as: staff)
        XCTAssertTrue(draft.contains("action=\"\(base)/2024/delete\""), "a draft offers its deletion")
        XCTAssertFalse(portal.get(base + "/2023", as: staff).contains("/2023/delete"), "a published one does not")

        let deleted = portal.post(base + "/2024/delete", form: [], as: staff)
        XCTAssertEqual(deleted.status, 303)
        XCTAssertEqual(deleted.headers["Location"]?.hasPrefix(base), true)
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evaluations WHERE year = 2024"), 0)
        let audit = try portal.site.database.read { db in
            try db.query("SELECT field, before FROM audit_log WHERE entity = 'evaluation' AND action = 'delete' ORDER BY id").map {
                "\(try $0.string("field"))=\(try $0.optionalString("before") ?? "")"
            }
        }
        XCTAssertEqual(audit, ["year=2024", "changes_fr=Former avant mars", "worked_ar=نجحت اللقاءات"])

        XCTAssertEqual(portal.post(base + "/2023/delete", form: [], as: staff).status, 409, "a published evaluation is frozen")
        XCTAssertEqual(try count(portal, "SELECT count(*) FROM evaluations WHERE year = 2023 AND status = 'published'"), 1)
        XCTAssertEqual(portal.post(base + "/2024/delete", form: [], as: staff).status, 404, "nothing left to delete")
    }

    // MARK: - Feed and open data

    func testTheProgramFeedTellsProgressAndPublishedEvaluations() throws {
        let portal = try Portal()
        let feed = portal.get("/fr/communes/demo/programs/2023-2024/feed.atom")
        XCTAssertEqual(feed.status, 200)
        XCTAssertTrue(feed.body.contains("Publication de l'évaluation annuelle 2023") || feed.body.contains("Publication de l&apos;évaluation annuelle 2023")
                      || feed.body.contains("Publication de l&#39;évaluation annuelle 2023"), String(feed.body.prefix(3000)))
        XCTAssertTrue(feed.body.contains("/fr/communes/demo/programs/2023-2024/evaluations/2023"))
        XCTAssertTrue(feed.body.contains(",2026:evaluation/2023</id>"), "an id of its own")
        XCTAssertTrue(feed.body.contains(",2026:progress/"), "each change of progress is an entry")
        XCTAssertTrue(feed.body.contains("#execution"), "linked to the project card's execution section")
        let ar = portal.get("/ar/communes/demo/programs/2023-2024/feed.atom")
        XCTAssertTrue(ar.body.contains("نشر التقييم السنوي 2023") || ar.body.contains("2023"), String(ar.body.prefix(2000)))
    }

    func testTheDataPageLinksThePublishedEvaluations() throws {
        let portal = try Portal()
        for language in ["ar", "fr"] {
            let page = portal.get("/\(language)/data")
            for suffix in ["", ".csv", ".json"] {
                XCTAssertTrue(page.contains("href=\"/\(language)/communes/demo/programs/2023-2024/evaluations/2023\(suffix)\""), "\(language) \(suffix)")
            }
            XCTAssertFalse(page.contains("/evaluations/2024"), "a year without a published evaluation is not listed")
        }
    }

    // MARK: - Mail on progress

    func testTheAuthorOfAnIntegratedProposalHearsOfItsProjectsProgressAtMostOnceADay() throws {
        let (portal, staff) = try portal()
        var settings = MailSettings(command: ["/bin/true"])
        settings.sendInterval = 0
        try portal.restart { $0.mail = settings }
        try portal.restart { $0.baseURL = "https://infitah.example.ma" }
        let (confirmed, waiting) = try portal.site.database.write { db -> (Int, Int) in
            try db.run("INSERT INTO calls (id, program_id, kind, title_ar, opens_at, closes_at) VALUES (900, 1, 'ideas', 'نداء', '2023-01-09T00:00:00Z', '2023-01-14T00:00:00Z')")
            var ids: [Int] = []
            for (code, email) in [("EXECTS-TABCDE-FGHJKM", "amine@example.ma"), ("EXECTS-TABCDE-FGHJKN", "salma@example.ma")] {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, kind, title, description, channel, status, integrated_project_id, tracking_code,
                                           created_at, email, language)
                    VALUES (1, 900, 'idea', 'Budget participatif des quartiers', 'Texte', 'platform', 'integrated', 11, ?, '2023-06-10T10:00:00Z', ?, 'fr')
                    """, [code, email])
                ids.append(Int(db.lastInsertRowID))
            }
            try db.run("INSERT INTO mail_subscriptions (proposal_id, state, created_at, confirmed_at) VALUES (?, 'confirmed', '2023-06-10T10:05:00Z', '2023-06-10T10:05:00Z')",
                       [ids[0]])
            return (ids[0], ids[1])
        }
        func progress() throws -> [(subject: String, body: String, proposal: Int)] {
            try portal.site.database.read { db in
                try db.query("SELECT subject, body, proposal_id FROM mail_outbox WHERE kind = 'progress' ORDER BY id").map {
                    (try $0.string("subject"), try $0.string("body"), try $0.int("proposal_id"))
                }
            }
        }
        _ = try record(portal, staff, activity: 111, on: "2025-06-10", percent: 40)
        var queued = try progress()
        XCTAssertEqual(queued.map(\.proposal), [confirmed], "only the confirmed address, never the one waiting (\(waiting))")
        XCTAssertEqual(queued.first?.subject, "Le projet de votre proposition avance\u{A0}: Budget participatif des quartiers")
        for text in ["Activité 1.1", "En cours, 40\u{A0}% au 2025-06-10", "https://infitah.example.ma/fr/proposals/EXECTS-TABCDE-FGHJKM"] {
            XCTAssertTrue(queued.first?.body.contains(text) == true, "\(text): \(queued.first?.body ?? "")")
        }
        // Another activity of the same project the same day: still one message that day.
        _ = try record(portal, staff, activity: 112, on: "2025-06-12", percent: 20)
        XCTAssertEqual(try progress().count, 1)
        // The next day, the next change is news again.
        portal.site.clock.set { MoroccoTime.instant(day: "2025-06-16", time: "09:00")! }
        let nextDay = try portal.signIn(.focalPoint, commune: "settat")
        _ = try record(portal, nextDay, activity: 111, on: "2025-06-16", percent: 70)
        queued = try progress()
        XCTAssertEqual(queued.count, 2)
        XCTAssertTrue(queued[1].body.contains("70\u{A0}%"), queued[1].body)
        // Mail off: nothing queued.
        try portal.restart { $0.mail = nil }
        portal.site.clock.set { MoroccoTime.instant(day: "2025-06-17", time: "09:00")! }
        _ = try record(portal, try portal.signIn(.focalPoint, commune: "settat"), activity: 111, on: "2025-06-17", percent: 80)
        XCTAssertEqual(try progress().count, 2)
    }
}

extension ExecutionFollowUpTests {
    /// The lifecycle's public timeline tells the execution's milestones: the first activity
    /// started, each evaluation published, and the closing (a step of the program's life).
    func testTheTimelineShowsTheFirstActivityStartedEachEvaluationAndTheClosing() throws {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-02-03", time: "10:00")! }
        let focal = try portal.signIn(.focalPoint, commune: "demo")
        let program = "/fr/communes/demo/programs/2023-2024"
        let before = portal.get(program)
        XCTAssertTrue(before.contains("Première activité commencée"), "first activity started")
        XCTAssertTrue(before.contains("Publication de l&#39;évaluation annuelle 2023") || before.contains("Publication de l'évaluation annuelle 2023"))
        XCTAssertFalse(before.contains("Étape franchie : Clôturé"))
        let closed = portal.post("/admin/fr/communes/demo/programs/2023-2024/lifecycle/to/closed", form: [("date", "2025-01-31")], as: focal)
        XCTAssertEqual(closed.status, 303, closed.body.prefix(800).description)
        let after = portal.get(program)
        XCTAssertTrue(after.contains("Étape franchie : Clôturé"), "the closing is on the timeline")
        let feed = portal.get(program + "/feed.atom")
        XCTAssertTrue(feed.body.contains("Clôturé"), "and in the program's feed")
        // A closed program is read-only: the progress form says why.
        let execution = portal.get("/admin/fr/communes/demo/programs/2023-2024/execution", as: focal)
        XCTAssertFalse(execution.contains("/progress\""))
    }
}

extension ExecutionFollowUpTests {
    /// The execution CSV tells the same authors: its entries queue the message too (one for the
    /// whole file however many activities of the project move), never its preview.
    func testTheExecutionImportTellsTheAuthorOnceAndItsPreviewNever() throws {
        let (portal, staff) = try portal()
        try portal.restart { $0.mail = MailSettings(command: ["/bin/true"]) }
        try portal.site.database.write { db in
            try db.run("INSERT INTO calls (id, program_id, kind, title_ar, opens_at, closes_at) VALUES (900, 1, 'ideas', 'نداء', '2023-01-09T00:00:00Z', '2023-01-14T00:00:00Z')")
            try db.run("""
                INSERT INTO proposals (program_id, call_id, kind, title, description, channel, status, integrated_project_id, tracking_code,
                                       created_at, email, language)
                VALUES (1, 900, 'idea', 'ميزانية تشاركية للأحياء', 'وصف', 'platform', 'integrated', 11, 'EXECTS-TABCDE-FGHJKM', '2023-06-10T10:00:00Z',
                        'amine@example.ma', 'ar')
                """)
            try db.run("INSERT INTO mail_subscriptions (proposal_id, state, created_at, confirmed_at) VALUES (?, 'confirmed', '2023-06-10T10:05:00Z', '2023-06-10T10:05:00Z')",
                       [Int(db.lastInsertRowID)])
        }
        guard case .success(let read) = CSV.read(Array(portal.get("/fr/communes/settat/programs/2024-2025/execution.csv").body.utf8)) else {
            return XCTFail("the export reads back")
        }
        var rows = read.map(\.fields)
        for number in ["1", "2"] {
            let row = try XCTUnwrap(rows.firstIndex { Array($0.prefix(3)) == ["activity", "1", number] })
            for (name, value) in ["status": "in-progress", "percent": "40", "actual_start": "2025-01-15", "date": "2025-06-01"] {
                rows[row][ExecutionExport.csvColumns.firstIndex(of: name)!] = value
            }
        }
        let csv = String(decoding: CSV.document(rows), as: UTF8.self)
        func queued() throws -> [String] {
            try portal.site.database.read { try $0.query("SELECT language || ' ' || subject AS line FROM mail_outbox WHERE kind = 'progress'").map { try $0.string("line") } }
        }
        XCTAssertEqual(portal.post(admin("fr", "/import"), form: [("step", "preview"), ("language", "fr"), ("csv", csv)], as: staff).status, 200)
        XCTAssertEqual(try queued(), [], "a preview queues nothing")
        XCTAssertEqual(portal.post(admin("fr", "/import"), form: [("step", "apply"), ("language", "fr"), ("csv", csv)], as: staff).status, 303)
        XCTAssertEqual(try queued(), ["ar تقدّم المشروع الذي أدمج اقتراحك: ميزانية تشاركية للأحياء"], "one message, in the proposal's language")
    }
}
