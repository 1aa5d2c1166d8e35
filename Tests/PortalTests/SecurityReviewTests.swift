import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// Findings of the security review of the admin area (issues 5 and 6): each test names the
/// hole it closes, and a few pin down what was checked and found sound, so a later change
/// that reopens them fails here.
final class SecurityReviewTests: XCTestCase {
    private func scalar<T: SQLDecodable>(_ portal: Portal, _ sql: String, _ bindings: [any SQLBindable] = [], as type: T.Type) throws -> T? {
        try portal.site.database.read { try $0.scalar(sql, bindings, as: type) }
    }

    /// The partners list is shared by every commune, but renaming one that another commune's
    /// program names rewrites that program's public pages (and its adopted text) on the word
    /// of someone who holds no role there. A focal point renames only partners named in
    /// their own communes' programs (or named nowhere); administrators rename any.
    func testFocalPointCannotRenameAPartnerOfAnotherCommunesProgram() throws {
        let portal = try Portal()
        // A partner named by Taroudant's program only.
        let row = try XCTUnwrap(try portal.site.database.read { db in
            try db.queryOne("""
                SELECT pr.id, pr.name_ar FROM partners pr
                WHERE EXISTS (SELECT 1 FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
                              JOIN communes c ON c.id = g.commune_id WHERE pp.partner_id = pr.id AND c.slug = 'taroudant')
                  AND NOT EXISTS (SELECT 1 FROM project_partners pp JOIN projects p ON p.id = pp.project_id JOIN programs g ON g.id = p.program_id
                              JOIN communes c ON c.id = g.commune_id WHERE pp.partner_id = pr.id AND c.slug <> 'taroudant')
                ORDER BY pr.id LIMIT 1
                """)
        })
        let id = try row.int("id"), name = try row.string("name_ar")
        let settat = try portal.signIn(.focalPoint, commune: "settat")
        let path = "/admin/ar/communes/settat/programs/2024-2025/partners/\(id)"
        let audits = try scalar(portal, "SELECT count(*) FROM audit_log WHERE entity = 'partner'", as: Int.self)

        let renamed = portal.post(path, form: [("name_ar", "اسم مزور"), ("name_fr", "Faux nom")], as: settat)
        XCTAssertEqual(renamed.status, 403, "Settat's focal point renamed a partner only Taroudant's program names")
        XCTAssertEqual(try scalar(portal, "SELECT name_ar FROM partners WHERE id = ?", [id], as: String.self), name)
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM audit_log WHERE entity = 'partner'", as: Int.self), audits)

        // Taroudant's own focal point, and an administrator, still rename it.
        let taroudant = try portal.signIn(.focalPoint, commune: "taroudant")
        let own = portal.post("/admin/ar/communes/taroudant/programs/2024-2025/partners/\(id)", form: [("name_ar", name + " (محين)")], as: taroudant)
        XCTAssertEqual(own.status, 303)
        let admin = try portal.signIn(.admin)
        XCTAssertEqual(portal.post(path, form: [("name_ar", name)], as: admin).status, 303)
        XCTAssertEqual(try scalar(portal, "SELECT name_ar FROM partners WHERE id = ?", [id], as: String.self), name)
    }

    /// Checked and sound: every details row addressed by id is looked up inside the route's
    /// program, so another commune's milestone, committee member or event is "not found" —
    /// for reading, changing and removing — and nothing is written.
    func testAnotherCommunesRowsAreNotFoundThroughOnesOwnRoutes() throws {
        let portal = try Portal()
        let settat = try portal.signIn(.focalPoint, commune: "settat")
        let base = "/admin/ar/communes/settat/programs/2024-2025"
        let larache = try portal.site.database.read { db -> (milestone: Int, member: Int, event: Int) in
            (try XCTUnwrap(db.scalar("SELECT min(id) FROM milestones WHERE program_id = 3", as: Int.self)),
             try XCTUnwrap(db.scalar("SELECT min(m.id) FROM committee_members m JOIN committees c ON c.id = m.committee_id WHERE c.program_id = 3", as: Int.self)),
             try XCTUnwrap(db.scalar("SELECT min(id) FROM events WHERE program_id = 3", as: Int.self)))
        }
        let before = try scalar(portal, "SELECT count(*) FROM audit_log", as: Int.self)
        for tail in ["milestones/\(larache.milestone)", "committee/members/\(larache.member)", "events/\(larache.event)"] {
            XCTAssertEqual(portal.get("\(base)/\(tail)", as: settat).status, 404, tail)
            XCTAssertEqual(portal.post("\(base)/\(tail)", form: [("title_ar", "x"), ("name_ar", "x"), ("kind", "other"),
                                                                  ("role", "member"), ("category", "elected")], as: settat).status, 404, tail)
        }
        for tail in ["milestones/\(larache.milestone)/delete", "committee/members/\(larache.member)/delete",
                     "committee/members/\(larache.member)/move", "events/\(larache.event)/delete"] {
            XCTAssertEqual(portal.post("\(base)/\(tail)", form: [("direction", "up")], as: settat).status, 404, tail)
        }
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM audit_log", as: Int.self), before, "nothing written")
        // And Larache's own pages stay closed to Settat's focal point.
        XCTAssertEqual(portal.get("/admin/ar/communes/larache/programs/2024-2025/milestones/\(larache.milestone)", as: settat).status, 403)
    }

    /// A sandbox proposal (program 5, axis 51, call 501); returns its id.
    private func proposal(_ portal: Portal, _ title: String) throws -> Int {
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, status, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', ?, 'Texte.', 'platform', 'processing', ?, '2026-01-01T00:00:00Z')
                """, [title, TrackingCode.make()])
            return Int(db.lastInsertRowID)
        }
    }

    /// Hidden spam is for administrators' eyes only (issue 5), but a proposal hidden after it
    /// was merged — or after others were merged into it — still showed its title and link on
    /// the other proposal's triage page to every committee member.
    func testHiddenProposalsStayOutOfTheirMergePartnersPagesForTheCommittee() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let admin = try portal.signIn(.admin)
        let triage = "/admin/fr/communes/demo/programs/2025-2026/proposals"
        let kept = try proposal(portal, "Un terrain de sport au quartier")
        let spam = try proposal(portal, "Achetez nos montres pas cheres")
        XCTAssertEqual(portal.post("\(triage)/\(spam)/merge", form: [("target", String(kept))], as: committee).status, 303)
        XCTAssertEqual(portal.post("\(triage)/\(spam)/hide", form: [("hide_reason", "Publicité")], as: committee).status, 303)
        let page = portal.get("\(triage)/\(kept)", as: committee)
        XCTAssertEqual(page.status, 200)
        XCTAssertFalse(page.contains("montres"), "the hidden proposal's title on the page it was merged into")
        XCTAssertTrue(portal.get("\(triage)/\(kept)", as: admin).contains("montres"), "administrators still see it")

        // The other way round: the kept one hidden, its duplicate's page does not name it.
        let duplicate = try proposal(portal, "Un terrain de football")
        let advert = try proposal(portal, "Publicité pour des montres de luxe")
        XCTAssertEqual(portal.post("\(triage)/\(duplicate)/merge", form: [("target", String(advert))], as: committee).status, 303)
        XCTAssertEqual(portal.post("\(triage)/\(advert)/hide", form: [("hide_reason", "Publicité")], as: committee).status, 303)
        let follower = portal.get("\(triage)/\(duplicate)", as: committee)
        XCTAssertEqual(follower.status, 200)
        XCTAssertFalse(follower.contains("montres de luxe"), "the hidden kept proposal's title on its duplicate's page")
    }
}

/// Two findings of the review fixed after it: a password link spent inside the transaction
/// that uses it, and spam hidden behind a merge not named on the duplicates' tracking pages.
final class ReviewFollowUpTests: XCTestCase {
    /// The same link sent twice at once sets one password: the second finds it spent.
    func testAPasswordLinkIsSpentOnceEvenWhenSentTwiceAtOnce() throws {
        let portal = try Portal()
        let token: String = try portal.site.database.write { db in
            let id = try AccountStore.add(db, email: "race@example.ma", name: "Race", role: .council, communeSlug: "larache", at: Date())
            return try AccountStore.passwordLink(db, userID: id, at: Date())
        }
        let path = "/admin/fr/password/\(token)"
        let forms = try (0..<2).map { _ in try portal.formToken(from: portal.get(path).body) }
        let passwords = ["first long passphrase", "second long passphrase"]
        /// The portal and the answers, shared by the two sending threads.
        final class Race: @unchecked Sendable {
            let portal: Portal
            var statuses = [0, 0]   // guarded by lock
            let lock = NSLock()
            init(_ portal: Portal) { self.portal = portal }
        }
        let race = Race(portal)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let page = race.portal.post(path, form: [("form_token", forms[index]), ("password", passwords[index]), ("confirm", passwords[index])])
            race.lock.lock(); race.statuses[index] = page.status; race.lock.unlock()
        }
        let statuses = race.statuses
        XCTAssertEqual(statuses.sorted(), [303, 404], "one sets the password, the other is told the link is spent")
        let hash = try portal.site.database.read { try $0.scalar("SELECT password_hash FROM users WHERE email = 'race@example.ma'", as: String.self) }
        let winner = statuses[0] == 303 ? passwords[0] : passwords[1]
        XCTAssertTrue(Passwords.verify(winner, against: hash))
    }

    func testHiddenSpamIsNotNamedOnTheTrackingPageOfWhatWasMergedIntoIt() throws {
        let portal = try Portal()
        let (kept, duplicate) = try portal.site.database.write { db -> (String, String) in
            var codes: [String] = []
            for title in ["Publicité cachée pour un casino", "Publicité pour un casino"] {
                let code = TrackingCode.make()
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, remote_address, created_at)
                    VALUES (5, 501, 51, 'idea', ?, 'texte', 'platform', ?, '10.0.0.1', '2026-01-02T10:00:00Z')
                    """, [title, code])
                codes.append(code)
            }
            try db.run("UPDATE proposals SET merged_into_id = (SELECT id FROM proposals WHERE tracking_code = ?) WHERE tracking_code = ?", [codes[0], codes[1]])
            return (codes[0], codes[1])
        }
        XCTAssertTrue(portal.get("/fr/proposals/\(duplicate)").contains("Publicité cachée pour un casino"), "while visible, the kept one is named")
        try portal.site.database.write { try $0.run("UPDATE proposals SET hidden = 1, hidden_reason = 'spam' WHERE tracking_code = ?", [kept]) }
        let page = portal.get("/fr/proposals/\(duplicate)")
        XCTAssertEqual(page.status, 200)
        XCTAssertFalse(page.contains("Publicité cachée pour un casino"))
        XCTAssertFalse(page.contains(kept))
    }

    /// A merged into B and B into A, sent at once: one merge, never a chain or a loop.
    func testTwoCrossedMergesAtOnceMakeNoChain() throws {
        let portal = try Portal()
        let ids: [Int] = try portal.site.database.write { db in
            try ["Éclairage de la rue 1", "Éclairage de la rue 2"].map { title in
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, remote_address, created_at)
                    VALUES (5, 501, 51, 'idea', ?, 'texte', 'platform', ?, '10.0.0.1', '2026-01-02T10:00:00Z')
                    """, [title, TrackingCode.make()])
                return Int(db.lastInsertRowID)
            }
        }
        let staff = try portal.signIn(.committee, commune: "demo")
        final class Race: @unchecked Sendable {
            let portal: Portal
            let staff: Staff
            var statuses = [0, 0]   // guarded by lock
            let lock = NSLock()
            init(_ portal: Portal, _ staff: Staff) { self.portal = portal; self.staff = staff }
        }
        let race = Race(portal, staff)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let (from, to) = index == 0 ? (ids[0], ids[1]) : (ids[1], ids[0])
            let page = race.portal.post("/admin/fr/communes/demo/programs/2025-2026/proposals/\(from)/merge", form: [("target", String(to))], as: race.staff)
            race.lock.lock(); race.statuses[index] = page.status; race.lock.unlock()
        }
        XCTAssertEqual(race.statuses.sorted(), [303, 422])
        let merged = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM proposals WHERE id IN (?, ?) AND merged_into_id IS NOT NULL", [ids[0], ids[1]], as: Int.self)
        }
        XCTAssertEqual(merged, 1)
    }
}
