import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// The network administrators' pages about people and communes: each page and action, each
/// refusal, and the effects a person feels (a deactivated account is out at once, a password
/// link works once).
final class PeopleTests: XCTestCase {
    // MARK: helpers

    private func scalar<T: SQLDecodable>(_ portal: Portal, _ sql: String, _ bindings: [any SQLBindable] = [], as type: T.Type = T.self) throws -> T? {
        try portal.site.database.read { try $0.scalar(sql, bindings, as: type) }
    }

    private func location(_ page: Page) -> String { page.headers["Location"] ?? "" }

    /// The password-link path a page shows, if any.
    private func linkPath(in body: String) -> String? {
        guard let range = body.range(of: #"/admin/(ar|fr)/password/[0-9a-f]{64}"#, options: .regularExpression) else { return nil }
        return String(body[range])
    }

    /// Chooses a password through a link and returns the new session's token.
    private func usePasswordLink(_ portal: Portal, _ path: String, password: String = "another long passphrase") throws -> String {
        let form = portal.get(path)
        XCTAssertEqual(form.status, 200, "the link opens its form")
        let set = portal.post(path, form: [("form_token", try portal.formToken(from: form.body)), ("password", password), ("confirm", password)])
        XCTAssertEqual(set.status, 303, set.body.prefix(300).description)
        return try XCTUnwrap(Portal.sessionToken(set))
    }

    // MARK: people

    func testAddingAPersonShowsTheirOneTimeLinkToWhoeverAddedThem() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)

        let list = portal.get("/admin/fr/users", as: admin)
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.contains(admin.email))
        XCTAssertTrue(list.contains("Administrateur du réseau"))
        XCTAssertFalse(list.contains("Jamais connecté"), "the admin just signed in: their last login is a date")
        XCTAssertEqual(portal.get("/admin/fr/users/new", as: admin).status, 200)

        // Everything wrong at once: each message next to its field, everything typed kept.
        let bad = portal.post("/admin/fr/users/new", form: [("email", "samira at example"), ("name", ""), ("role", "committee"), ("commune", ""), ("language", "fr")], as: admin)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains(#"id="email-error">Ce n&#39;est pas une adresse e-mail"#), bad.body)
        XCTAssertTrue(bad.contains(#"id="name-error">Ce champ est obligatoire."#))
        XCTAssertTrue(bad.contains(#"id="commune-error">Choisissez la commune"#))
        XCTAssertTrue(bad.contains(#"value="samira at example""#), "typed email kept")
        XCTAssertTrue(bad.contains("Le formulaire contient 3 erreurs : voir les messages sous les champs."), bad.body)
        XCTAssertTrue(bad.contains(#"<option value="committee" selected>"#), "chosen role kept")
        let adminInCommune = portal.post("/admin/fr/users/new", form: [("email", "x@example.ma"), ("name", "X"), ("role", "admin"), ("commune", "settat"), ("language", "ar")], as: admin)
        XCTAssertEqual(adminInCommune.status, 422)
        XCTAssertTrue(adminInCommune.contains("couvre tout le réseau"))
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM users WHERE email IN ('x@example.ma', 'samira at example')", as: Int.self), 0)

        let added = portal.post("/admin/fr/users/new", form: [("email", "Samira@Example.ma"), ("name", "Samira Alaoui"), ("role", "focal-point"), ("commune", "settat"), ("language", "fr")], as: admin)
        XCTAssertEqual(added.status, 303, added.body)
        let id = try XCTUnwrap(try scalar(portal, "SELECT id FROM users WHERE email = 'samira@example.ma'", as: Int.self))
        XCTAssertEqual(location(added), "/admin/fr/users/\(id)/link?notice=notice.person_added")
        XCTAssertEqual(try scalar(portal, "SELECT language FROM users WHERE id = ?", [id], as: String.self), "fr")
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM user_roles WHERE user_id = ? AND role = 'focal-point' AND commune_id = 1", [id], as: Int.self), 1)
        // Audited in the same transaction: the person, the role (in Settat), the link.
        let entries = try portal.site.database.read { db in
            try db.query("SELECT action, entity, field, after, commune_id, user_id FROM audit_log WHERE entity_id IS NOT NULL AND entity IN ('user', 'user_role', 'password_link') ORDER BY id")
                .map { "\(try $0.string("action")) \(try $0.string("entity")) \(try $0.optionalString("field") ?? "-") \(try $0.optionalString("after") ?? "-") \(try $0.optionalInt("commune_id") ?? 0) \(try $0.int("user_id"))" }
        }
        XCTAssertEqual(entries, ["create user email Samira@Example.ma 0 \(admin.userID)", "create user name Samira Alaoui 0 \(admin.userID)",
                                 "create user_role role focal-point settat 1 \(admin.userID)", "create password_link - - 0 \(admin.userID)"])

        let shown = portal.get(location(added), as: admin)
        XCTAssertEqual(shown.status, 200)
        XCTAssertTrue(shown.contains("Personne ajoutée"))
        XCTAssertTrue(shown.contains("Aucun e-mail n&#39;est envoyé"), "the page says the admin passes the link on")
        XCTAssertTrue(shown.contains("Il sert une seule fois et expire dans 7 jours."))
        let path = try XCTUnwrap(linkPath(in: shown.body))
        XCTAssertTrue(path.hasPrefix("/admin/fr/password/"), "the link opens in the person's language")
        XCTAssertFalse(location(added).contains(String(path.suffix(64))), "the secret never travels in a URL")
        // Another administrator's session does not see someone else's fresh link.
        let other = try portal.signIn(.admin)
        let elsewhere = portal.get("/admin/fr/users/\(id)/link", as: other)
        XCTAssertEqual(elsewhere.status, 200)
        XCTAssertNil(linkPath(in: elsewhere.body))

        // The link works, once, and the new person is in.
        let token = try usePasswordLink(portal, path)
        XCTAssertEqual(portal.get("/admin/fr/", headers: [("Cookie", "infitah_session=\(token)")]).status, 200)
        XCTAssertEqual(portal.get(path).status, 404, "a link works once")

        // The same email again: refused, pointing to the person's page.
        let again = portal.post("/admin/fr/users/new", form: [("email", "SAMIRA@example.ma"), ("name", "S"), ("role", "committee"), ("commune", "larache"), ("language", "fr")], as: admin)
        XCTAssertEqual(again.status, 422)
        XCTAssertTrue(again.contains("Un compte existe déjà") && again.contains("href=\"/admin/fr/users/\(id)\""))

        let listed = portal.get("/admin/fr/users", as: admin)
        XCTAssertTrue(listed.contains("Samira Alaoui") && listed.contains("Point focal · Commune de Settat"))
        XCTAssertEqual(portal.get("/admin/ar/users/\(id)", as: admin).status, 200)
        XCTAssertEqual(portal.get("/admin/ar/users/99999", as: admin).status, 404)
    }

    func testRolesAreAddedAndRemovedAndAnAdminKeepsTheirOwn() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let id = try portal.site.database.write { try AccountStore.add($0, email: "karim@example.ma", name: "Karim", role: .committee, communeSlug: "settat", at: Date()) }

        let added = portal.post("/admin/fr/users/\(id)/roles", form: [("role", "council"), ("commune", "larache")], as: admin)
        XCTAssertEqual(added.status, 303)
        XCTAssertEqual(location(added), "/admin/fr/users/\(id)?notice=notice.role_added")
        let grant = try XCTUnwrap(try scalar(portal, "SELECT id FROM user_roles WHERE user_id = ? AND role = 'council' AND commune_id = 3", [id], as: Int.self))
        XCTAssertEqual(try scalar(portal, "SELECT after || ' ' || commune_id FROM audit_log WHERE action = 'create' AND entity = 'user_role' AND entity_id = ?", [grant], as: String.self),
                       "council larache 3")
        let page = portal.get("/admin/fr/users/\(id)?notice=notice.role_added", as: admin)
        XCTAssertTrue(page.contains("Rôle ajouté.") && page.contains("Membre du conseil · Commune de Larache"))

        let twice = portal.post("/admin/fr/users/\(id)/roles", form: [("role", "council"), ("commune", "larache")], as: admin)
        XCTAssertEqual(twice.status, 422)
        XCTAssertTrue(twice.contains(#"id="role-error">La personne a déjà ce rôle"#))
        let noCommune = portal.post("/admin/fr/users/\(id)/roles", form: [("role", "focal-point"), ("commune", "")], as: admin)
        XCTAssertEqual(noCommune.status, 422)
        XCTAssertTrue(noCommune.contains(#"id="commune-error">"#) && noCommune.contains(#"<option value="focal-point" selected>"#))
        let unknown = portal.post("/admin/fr/users/\(id)/roles", form: [("role", "mayor"), ("commune", "settat")], as: admin)
        XCTAssertEqual(unknown.status, 422)

        let removed = portal.post("/admin/fr/users/\(id)/roles/\(grant)/delete", form: [], as: admin)
        XCTAssertEqual(removed.status, 303)
        XCTAssertNil(try scalar(portal, "SELECT id FROM user_roles WHERE id = ?", [grant], as: Int.self))
        XCTAssertEqual(try scalar(portal, "SELECT before FROM audit_log WHERE action = 'delete' AND entity = 'user_role' AND entity_id = ?", [grant], as: String.self),
                       "council larache")
        XCTAssertEqual(portal.post("/admin/fr/users/\(id)/roles/\(grant)/delete", form: [], as: admin).status, 404, "already gone")
        let adminGrant = try XCTUnwrap(try scalar(portal, "SELECT id FROM user_roles WHERE user_id = ?", [admin.userID], as: Int.self))
        XCTAssertEqual(portal.post("/admin/fr/users/\(id)/roles/\(adminGrant)/delete", form: [], as: admin).status, 404,
                       "a grant is only removed through its own person's page")

        // One's own administrator role and one's own account stay.
        let own = portal.post("/admin/fr/users/\(admin.userID)/roles/\(adminGrant)/delete", form: [], as: admin)
        XCTAssertEqual(own.status, 422)
        XCTAssertTrue(own.contains("Vous ne pouvez pas retirer votre propre rôle d&#39;administrateur"))
        let deactivateSelf = portal.post("/admin/ar/users/\(admin.userID)/active", form: [("active", "0")], as: admin)
        XCTAssertEqual(deactivateSelf.status, 422)
        XCTAssertTrue(deactivateSelf.contains("لا يمكنك تعطيل حسابك"))
        XCTAssertEqual(try scalar(portal, "SELECT is_active FROM users WHERE id = ?", [admin.userID], as: Int.self), 1)
        XCTAssertEqual(portal.get("/admin/fr/users", as: admin).status, 200, "still an administrator")

        // Another administrator may take an administrator's role away.
        let second = try portal.signIn(.admin)
        let secondGrant = try XCTUnwrap(try scalar(portal, "SELECT id FROM user_roles WHERE user_id = ?", [second.userID], as: Int.self))
        XCTAssertEqual(portal.post("/admin/fr/users/\(second.userID)/roles/\(secondGrant)/delete", form: [], as: admin).status, 303)
        XCTAssertEqual(portal.get("/admin/fr/users", as: second).status, 403, "the role goes at once")
    }

    func testOnlyAdministratorsOpenThesePages() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "settat")
        for path in ["/admin/fr/users", "/admin/fr/users/new", "/admin/fr/users/\(focal.userID)", "/admin/fr/users/\(focal.userID)/link",
                     "/admin/fr/communes", "/admin/fr/communes/new", "/admin/fr/commune-settings/settat"] {
            XCTAssertEqual(portal.get(path, as: focal).status, 403, path)
        }
        for path in ["/admin/fr/users/new", "/admin/fr/users/\(focal.userID)/roles", "/admin/fr/users/\(focal.userID)/active",
                     "/admin/fr/users/\(focal.userID)/link", "/admin/fr/communes/new", "/admin/fr/commune-settings/settat"] {
            XCTAssertEqual(portal.post(path, form: [("role", "admin"), ("commune", ""), ("active", "1"), ("slug", "x"), ("name_ar", "x")], as: focal).status, 403, path)
        }
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM user_roles WHERE user_id = ?", [focal.userID], as: Int.self) }, 1)
        XCTAssertEqual(portal.get("/admin/fr/users").status, 303, "no session: to the sign-in page")
        // Without the session's form token nothing is done, even by an administrator.
        let admin = try portal.signIn(.admin)
        let forged = portal.post("/admin/fr/users/\(focal.userID)/active", form: [("csrf", String(repeating: "0", count: 64)), ("active", "0")], headers: [admin.cookie])
        XCTAssertEqual(forged.status, 403)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT is_active FROM users WHERE id = ?", [focal.userID], as: Int.self) }, 1)
    }

    func testDeactivationEndsTheSessionsAtOnceAndReactivationLetsThemBackIn() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let staff = try portal.signIn(.committee, commune: "settat")
        XCTAssertEqual(portal.get("/admin/fr/", as: staff).status, 200)

        let off = portal.post("/admin/fr/users/\(staff.userID)/active", form: [("active", "0")], as: admin)
        XCTAssertEqual(off.status, 303)
        XCTAssertEqual(location(off), "/admin/fr/users/\(staff.userID)?notice=notice.person_deactivated")
        let next = portal.get("/admin/fr/", as: staff)
        XCTAssertEqual(next.status, 303, "their very next request")
        XCTAssertTrue(location(next).hasPrefix("/admin/fr/login"))
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM sessions WHERE user_id = ?", [staff.userID], as: Int.self), 0)
        XCTAssertEqual(try scalar(portal, "SELECT before || '>' || after FROM audit_log WHERE entity = 'user' AND field = 'is_active' AND entity_id = ?", [staff.userID], as: String.self), "1>0")
        // Signing in again is refused, with the same answer as a wrong password.
        let form = portal.get("/admin/fr/login")
        let refused = portal.post("/admin/fr/login", form: [("token", try portal.formToken(from: form.body)), ("email", staff.email), ("password", staff.password)])
        XCTAssertEqual(refused.status, 422)
        let page = portal.get("/admin/fr/users/\(staff.userID)", as: admin)
        XCTAssertTrue(page.contains("Désactivé") && page.contains("Réactiver le compte"))
        // No password link for a deactivated account.
        let link = portal.post("/admin/fr/users/\(staff.userID)/link", form: [], as: admin)
        XCTAssertEqual(link.status, 422)
        XCTAssertTrue(link.contains("réactivez-le"))

        let on = portal.post("/admin/fr/users/\(staff.userID)/active", form: [("active", "1")], as: admin)
        XCTAssertEqual(on.status, 303)
        XCTAssertEqual(location(on), "/admin/fr/users/\(staff.userID)?notice=notice.person_reactivated")
        _ = try portal.logIn(email: staff.email, password: staff.password, userID: staff.userID)
        XCTAssertEqual(portal.post("/admin/fr/users/\(staff.userID)/active", form: [("active", "maybe")], as: admin).status, 400)
    }

    func testANewLinkEndsNothingUntilUsedAndThenWorksOnce() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let staff = try portal.signIn(.focalPoint, commune: "larache")

        let first = portal.post("/admin/ar/users/\(staff.userID)/link", form: [], as: admin)
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(location(first), "/admin/ar/users/\(staff.userID)/link?notice=notice.link_issued")
        let firstPath = try XCTUnwrap(linkPath(in: portal.get(location(first), as: admin).body))
        XCTAssertEqual(portal.get("/admin/ar/", as: staff).status, 200, "issuing a link ends no session")

        let second = portal.post("/admin/ar/users/\(staff.userID)/link", form: [], as: admin)
        let shown = portal.get(location(second), as: admin)
        XCTAssertTrue(shown.contains("لا يرسل أي بريد إلكتروني"))
        let secondPath = try XCTUnwrap(linkPath(in: shown.body))
        XCTAssertNotEqual(firstPath, secondPath)
        XCTAssertEqual(portal.get(firstPath).status, 404, "a new link replaces the unused one")
        XCTAssertEqual(try scalar(portal, "SELECT count(*) FROM audit_log WHERE entity = 'password_link' AND entity_id = ?", [staff.userID], as: Int.self), 2)

        let token = try usePasswordLink(portal, secondPath)
        XCTAssertEqual(portal.get("/admin/ar/", as: staff).status, 303, "using the link ends the older sessions")
        XCTAssertEqual(portal.get("/admin/ar/", headers: [("Cookie", "infitah_session=\(token)")]).status, 200)
        XCTAssertEqual(portal.get(secondPath).status, 404, "and it works once")
        _ = try portal.logIn(email: staff.email, password: "another long passphrase", userID: staff.userID)
    }

    // MARK: communes

    func testCommunesAreListedAddedAndEdited() throws {
        let portal = try Portal()
        let admin = try portal.signIn(.admin)
        let list = portal.get("/admin/fr/communes", as: admin)
        XCTAssertEqual(list.status, 200)
        for name in ["Commune de Settat", "Commune de Taroudant", "Commune de Larache", "Commune de Béni Mellal", "Région Casablanca-Settat"] {
            XCTAssertTrue(list.contains(name), name)
        }
        XCTAssertTrue(list.contains(#"href="/admin/fr/commune-settings/settat""#))
        XCTAssertEqual(portal.get("/admin/fr/communes/new", as: admin).status, 200)
        for path in ["/admin/fr/communes/new", "/admin/ar/communes/new", "/admin/fr/commune-settings/settat", "/admin/fr/users/new", "/admin/ar/users/new"] {
            let fresh = portal.get(path, as: admin)
            XCTAssertEqual(fresh.status, 200, path)
            XCTAssertFalse(fresh.contains("form-errors"), "\(path): a form not yet sent has no error summary")
        }
        XCTAssertTrue(portal.post("/admin/fr/users/new", form: [("name", "")], as: admin).contains("form-errors"), "a refused one has")

        let bad = portal.post("/admin/fr/communes/new", form: [("slug", "Aït Melloul"), ("name_ar", ""), ("name_fr", "Commune d'Aït Melloul"), ("joined_on", "2023-13")], as: admin)
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains(#"id="slug-error">Seulement des lettres minuscules"#))
        XCTAssertTrue(bad.contains(#"id="name_ar-error">Ce champ est obligatoire."#))
        XCTAssertTrue(bad.contains(#"id="joined_on-error">"#))
        XCTAssertTrue(bad.contains(#"value="Aït Melloul""#) && bad.contains(#"value="Commune d&#39;Aït Melloul""#) && bad.contains(#"value="2023-13""#))
        for (slug, message) in [("settat", "Une commune a déjà cet identifiant."), ("new", "réservé"), ("-x", "Seulement"), ("", "obligatoire")] {
            let page = portal.post("/admin/fr/communes/new", form: [("slug", slug), ("name_ar", "جماعة")], as: admin)
            XCTAssertEqual(page.status, 422, slug)
            XCTAssertTrue(page.contains(message), "\(slug): \(message)")
        }
        XCTAssertEqual(portal.post("/admin/fr/communes/new", form: [("slug", "x"), ("name_ar", "جماعة"), ("joined_on", "2023-02-30")], as: admin).status, 422)

        let added = portal.post("/admin/fr/communes/new", form: [
            ("slug", "ait-melloul"), ("name_ar", "جماعة أيت ملول"), ("name_fr", "Commune d'Aït Melloul"),
            ("region_ar", "جهة سوس ماسة"), ("region_fr", "Région Souss-Massa"), ("province_ar", ""), ("province_fr", ""), ("joined_on", "2023-10"),
        ], as: admin)
        XCTAssertEqual(added.status, 303, added.body)
        XCTAssertEqual(location(added), "/admin/fr/communes?notice=notice.commune_added")
        let id = try XCTUnwrap(try scalar(portal, "SELECT id FROM communes WHERE slug = 'ait-melloul'", as: Int.self))
        XCTAssertNil(try scalar(portal, "SELECT province_fr FROM communes WHERE id = ?", [id], as: String.self), "empty is NULL")
        let created = try portal.site.database.read { db in
            try db.query("SELECT field, after FROM audit_log WHERE action = 'create' AND entity = 'commune' AND entity_id = ? AND commune_id = ? ORDER BY id", [id, id])
                .map { "\(try $0.string("field"))=\(try $0.string("after"))" }
        }
        XCTAssertEqual(created, ["slug=ait-melloul", "name_ar=جماعة أيت ملول", "name_fr=Commune d'Aït Melloul", "region_ar=جهة سوس ماسة",
                                 "region_fr=Région Souss-Massa", "joined_on=2023-10"])
        XCTAssertTrue(portal.get("/fr/communes/ait-melloul").contains("Commune d&#39;Aït Melloul"), "the public page is there at once")
        XCTAssertTrue(portal.get("/admin/fr/communes?notice=notice.commune_added", as: admin).contains("Commune ajoutée."))

        let edit = portal.get("/admin/fr/commune-settings/ait-melloul", as: admin)
        XCTAssertEqual(edit.status, 200)
        XCTAssertTrue(edit.contains(#"value="Région Souss-Massa""#) && edit.contains("readonly"))
        let wrong = portal.post("/admin/fr/commune-settings/ait-melloul", form: [("name_ar", ""), ("name_fr", "Aït Melloul"), ("joined_on", "octobre")], as: admin)
        XCTAssertEqual(wrong.status, 422)
        XCTAssertTrue(wrong.contains(#"value="octobre""#) && wrong.contains(#"value="Aït Melloul""#))
        let saved = portal.post("/admin/fr/commune-settings/ait-melloul", form: [
            ("name_ar", "جماعة أيت ملول"), ("name_fr", "Commune d'Aït Melloul"), ("region_ar", "جهة سوس ماسة"), ("region_fr", "Région Souss-Massa"),
            ("province_ar", "عمالة إنزكان أيت ملول"), ("province_fr", "Préfecture d'Inezgane-Aït Melloul"), ("joined_on", "2023-10-21"),
        ], as: admin)
        XCTAssertEqual(saved.status, 303)
        let changes = try portal.site.database.read { db in
            try db.query("SELECT field, ifnull(before, '∅') AS before, after FROM audit_log WHERE action = 'update' AND entity = 'commune' AND entity_id = ? ORDER BY field", [id])
                .map { "\(try $0.string("field")): \(try $0.string("before")) → \(try $0.string("after"))" }
        }
        XCTAssertEqual(changes, ["joined_on: 2023-10 → 2023-10-21", "province_ar: ∅ → عمالة إنزكان أيت ملول", "province_fr: ∅ → Préfecture d'Inezgane-Aït Melloul"],
                       "one entry per changed field, nothing for unchanged ones")
        XCTAssertTrue(portal.get("/admin/fr/communes", as: admin).contains("Préfecture d&#39;Inezgane-Aït Melloul"))
        XCTAssertEqual(portal.get("/admin/fr/commune-settings/atlantis", as: admin).status, 404)
        XCTAssertEqual(portal.post("/admin/fr/commune-settings/atlantis", form: [("name_ar", "x")], as: admin).status, 404)
    }

    func testRoutesPrintWhatTheyParse() {
        let routes: [PeopleRoute] = [.users, .newUser, .user(id: 7), .addRole(id: 7), .removeRole(id: 7, grant: 9), .active(id: 7), .link(id: 7),
                                     .communes, .newCommune, .commune(slug: "beni-mellal")]
        for route in routes {
            XCTAssertEqual(PeopleRoute(segments: route.path.split(separator: "/").map(String.init)), route)
            let admin = AdminRoute.network(.fr, .people(route))
            XCTAssertEqual(AdminRoute(segments: admin.path.split(separator: "/").map(String.init)), admin, admin.path)
        }
        XCTAssertNil(PeopleRoute(segments: ["users", "0"]))
        XCTAssertNil(PeopleRoute(segments: ["users", "-1"]))
        XCTAssertNil(PeopleRoute(segments: ["users", "7", "roles", "x", "delete"]))
    }
}
