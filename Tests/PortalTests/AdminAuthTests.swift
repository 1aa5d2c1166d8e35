import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// Accounts, passwords, sessions and the front door of the admin area.
final class AdminAuthTests: XCTestCase {
    func testYescryptRoundTrip() throws {
        let first = try Passwords.hash("correct horse battery staple")
        let second = try Passwords.hash("correct horse battery staple")
        XCTAssertTrue(first.hasPrefix("$y$"), first)
        XCTAssertNotEqual(first, second, "each hash has its own salt")
        XCTAssertTrue(Passwords.verify("correct horse battery staple", against: first))
        XCTAssertTrue(Passwords.verify("correct horse battery staple", against: second))
        XCTAssertFalse(Passwords.verify("correct horse battery stapler", against: first))
        XCTAssertFalse(Passwords.verify("", against: first))
        XCTAssertFalse(Passwords.verify("correct horse battery staple", against: nil))
    }

    func testPasswordPolicy() {
        let names = ["settat", "سطات", "Settat"]
        XCTAssertEqual(Passwords.check("short", email: "a@b.ma", communeNames: names), .tooShort)
        XCTAssertEqual(Passwords.check("fatima.zahra@settat.ma", email: "Fatima.Zahra@settat.ma", communeNames: names), .namesAccount)
        XCTAssertEqual(Passwords.check("FatimaZahra2026", email: "fatima.zahra@example.ma", communeNames: []), .namesAccount)
        XCTAssertEqual(Passwords.check("Settat 2026 !!", email: "x@example.ma", communeNames: names), .namesAccount)
        XCTAssertEqual(Passwords.check("سطات سطات سطات", email: "x@example.ma", communeNames: names), .namesAccount)
        XCTAssertEqual(Passwords.check(String(repeating: "x", count: 300), email: "x@example.ma", communeNames: names), .tooLong)
        XCTAssertNil(Passwords.check("a long enough passphrase", email: "x@example.ma", communeNames: names))
    }

    /// `infitah user add` prints a link; the link lets the person choose a password (refusing a
    /// weak one with the reason, keeping the link usable) and signs them in; it works once.
    func testUserAddLinkSetsPasswordOnce() throws {
        let portal = try Portal()
        var user = Command.NewUser()
        user.database = portal.databasePath
        user.root = repositoryRoot.path
        user.email = "Amina@Example.ma"
        user.name = "Amina"
        user.role = .focalPoint
        user.commune = "settat"
        let printed = try Launcher.addUser(user)
        let link = try XCTUnwrap(printed.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces))
        XCTAssertTrue(link.hasPrefix("http://127.0.0.1:8080/admin/ar/password/"), printed)
        let path = String(link.dropFirst("http://127.0.0.1:8080".count))

        let form = portal.get(path)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains("Amina@Example.ma"))
        let weak = portal.post(path, form: [("form_token", try portal.formToken(from: form.body)), ("password", "settat-2026-x"), ("confirm", "settat-2026-x")])
        XCTAssertEqual(weak.status, 422)
        XCTAssertTrue(weak.contains("اسم جماعتك"), "the reason is named in Arabic")
        let set = portal.post(path, form: [("form_token", try portal.formToken(from: weak.body)), ("password", "a long enough passphrase"), ("confirm", "a long enough passphrase")])
        XCTAssertEqual(set.status, 303)
        let token = try XCTUnwrap(Portal.sessionToken(set))
        XCTAssertEqual(portal.get("/admin/ar/", headers: [("Cookie", "infitah_session=\(token)")]).status, 200)
        XCTAssertEqual(portal.get(path).status, 404, "a link works once")
        let stored = try portal.site.database.read { try $0.scalar("SELECT password_hash FROM users WHERE email = 'amina@example.ma'", as: String.self) }
        XCTAssertTrue(stored?.hasPrefix("$y$") ?? false)
        // Signing in with the chosen password works, with the email in any case.
        _ = try portal.logIn(email: "AMINA@example.ma", password: "a long enough passphrase", userID: 0)
    }

    func testUserAddRefusesWhatCannotBe() throws {
        let portal = try Portal()
        func add(_ role: Role, _ commune: String?, _ email: String = "x@example.ma") throws -> Int {
            try portal.site.database.write { try AccountStore.add($0, email: email, name: "X", role: role, communeSlug: commune, at: Date()) }
        }
        XCTAssertThrowsError(try add(.admin, "settat"))
        XCTAssertThrowsError(try add(.committee, nil))
        XCTAssertThrowsError(try add(.committee, "atlantis"))
        XCTAssertThrowsError(try add(.committee, "settat", "not-an-email"))
        let id = try add(.committee, "settat")
        XCTAssertEqual(try add(.council, "larache"), id, "a second role goes to the same person")
        XCTAssertEqual(try add(.council, "larache"), id, "adding a role twice keeps one")
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM user_roles WHERE user_id = ?", [id], as: Int.self) }, 2)
        XCTAssertThrowsError(try Command.parse(["user", "add", "--email", "a@b.ma", "--name", "A"]))
        XCTAssertThrowsError(try Command.parse(["user", "add", "--email", "a@b.ma", "--name", "A", "--role", "mayor"]))
        XCTAssertThrowsError(try Command.parse(["user", "remove"]))
        XCTAssertThrowsError(try Command.parse(["serve", "--email", "a@b.ma"]))
        guard case .addUser(let user) = try Command.parse(["user", "add", "--email", "a@b.ma", "--name", "A", "--role", "council", "--commune", "settat", "--base-url", "https://infitah.ma/"]) else { return XCTFail() }
        XCTAssertEqual(user.role, .council)
        XCTAssertEqual(user.baseURL, "https://infitah.ma")
    }

    /// Unknown email and wrong password get the same answer; the login is throttled per
    /// account and per address, even for a right password, and the page says how long to wait.
    func testLoginAnswersAlikeAndIsThrottled() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        func attempt(_ email: String, _ password: String, address: String = "10.0.0.1") throws -> Page {
            let form = portal.get("/admin/ar/login")
            return portal.post("/admin/ar/login", form: [("token", try portal.formToken(from: form.body)), ("email", email), ("password", password)], address: address)
        }
        let unknown = try attempt("nobody@example.ma", "whatever password")
        let wrong = try attempt(staff.email, "wrong password!!")
        XCTAssertEqual(unknown.status, 422)
        XCTAssertEqual(wrong.status, 422)
        func message(_ page: Page) -> String? { page.body.range(of: #"<p class="form-errors" role="alert">[^<]*"#, options: .regularExpression).map { String(page.body[$0]) } }
        XCTAssertNotNil(message(unknown))
        XCTAssertEqual(message(unknown), message(wrong))
        XCTAssertNil(Portal.sessionToken(wrong))
        for _ in 0..<4 { XCTAssertEqual(try attempt(staff.email, "wrong password!!").status, 422) }
        let locked = try attempt(staff.email, staff.password)
        XCTAssertEqual(locked.status, 429, "five failures lock the account for a while, right password or not")
        XCTAssertNotNil(locked.headers["Retry-After"])
        XCTAssertTrue(locked.contains("محاولات كثيرة. أعد المحاولة بعد 15 دقيقة."), locked.body)
        XCTAssertEqual(try attempt(staff.email, "wrong password!!").status, 429, "the guesser's address stays refused")
        // The wait is counted in words as it shrinks: two minutes (the dual), then one.
        portal.site.clock.set { Date().addingTimeInterval(13.5 * 60) }
        XCTAssertTrue(try attempt(staff.email, "wrong password!!").contains("محاولات كثيرة. أعد المحاولة بعد دقيقتين."))
        portal.site.clock.set { Date().addingTimeInterval(14.5 * 60) }
        XCTAssertTrue(try attempt(staff.email, "wrong password!!").contains("محاولات كثيرة. أعد المحاولة بعد دقيقة واحدة."))
        // The owner, on another address, is not locked out by a guesser (issue 15).
        XCTAssertEqual(try attempt(staff.email, staff.password, address: "10.0.0.2").status, 303)
        portal.site.clock.set { Date().addingTimeInterval(16 * 60) }
        XCTAssertEqual(try attempt(staff.email, staff.password).status, 303)
        // Guessing from many addresses at once has its own bound for the account.
        try portal.restart { $0.adminPolicy.failuresPerAccountEverywhere = 6 }
        for index in 0..<6 { XCTAssertEqual(try attempt(staff.email, "wrong password!!", address: "10.1.0.\(index)").status, 422) }
        XCTAssertEqual(try attempt(staff.email, staff.password, address: "10.1.0.99").status, 429)
        portal.site.clock.set { Date().addingTimeInterval(32 * 60) }

        // Per address: many accounts tried from one address.
        try portal.restart { $0.adminPolicy.failuresPerAddress = 4 }
        for index in 0..<4 { XCTAssertEqual(try attempt("guess\(index)@example.ma", "guess password", address: "10.9.9.9").status, 422) }
        XCTAssertEqual(try attempt(staff.email, staff.password, address: "10.9.9.9").status, 429)
        XCTAssertEqual(try attempt(staff.email, staff.password, address: "10.9.9.8").status, 303)
    }

    /// Forty wrong passwords sent at once for one account, from one address: the limit is checked
    /// and the attempt recorded in one write before the slow hash, so only five reach the check.
    func testTheLoginThrottleCannotBeRaced() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.focalPoint, commune: "settat")
        let forms = try (0..<40).map { _ in try portal.formToken(from: portal.get("/admin/ar/login").body) }
        /// The portal and the answers, shared by the sending threads.
        final class Race: @unchecked Sendable {
            let portal: Portal
            var statuses: [Int] = []   // guarded by lock
            let lock = NSLock()
            init(_ portal: Portal) { self.portal = portal }
        }
        let race = Race(portal)
        let email = staff.email
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            let page = race.portal.post("/admin/ar/login", form: [("token", forms[index]), ("email", email), ("password", "wrong password!!")],
                                        address: "10.7.7.7")
            race.lock.lock(); race.statuses.append(page.status); race.lock.unlock()
        }
        let seen = race.statuses
        XCTAssertEqual(seen.filter { $0 == 422 }.count, 5, "\(seen)")
        XCTAssertEqual(seen.filter { $0 == 429 }.count, 35)
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM login_attempts WHERE email = ? AND succeeded = 0", [staff.email], as: Int.self) }, 5)
    }

    func testLoginRefusesAForgedForm() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.admin)
        let page = portal.post("/admin/ar/login", form: [("token", "0123"), ("email", staff.email), ("password", staff.password)])
        XCTAssertEqual(page.status, 403)
        XCTAssertNil(Portal.sessionToken(page))
        XCTAssertTrue(page.contains(staff.email), "what was typed is kept")
    }

    /// The cookie: HttpOnly, SameSite=Lax, Path=/admin; Secure only over TLS (directly configured,
    /// or said by the trusted proxy header, never by an untrusted one).
    func testSessionCookieAttributes() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.admin)
        func cookie(headers: [(String, String)]) throws -> String {
            let form = portal.get("/admin/ar/login")
            let page = portal.post("/admin/ar/login", body: Array("token=\(try portal.formToken(from: form.body))&email=\(staff.email)&password=\(staff.password.replacingOccurrences(of: " ", with: "+"))".utf8),
                                   headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers)
            XCTAssertEqual(page.status, 303)
            return try XCTUnwrap(page.headers.values("Set-Cookie").first)
        }
        let plain = try cookie(headers: [("X-Forwarded-Proto", "https")])
        XCTAssertTrue(plain.contains("HttpOnly"))
        XCTAssertTrue(plain.contains("SameSite=Lax"))
        XCTAssertTrue(plain.contains("Path=/admin"))
        XCTAssertFalse(plain.contains("Secure"), "a proxy header nobody declared trusted is ignored")
        try portal.restart { $0.adminPolicy.trustedProxyHeader = "X-Forwarded-Proto" }
        XCTAssertTrue(try cookie(headers: [("X-Forwarded-Proto", "https")]).contains("; Secure"))
        XCTAssertFalse(try cookie(headers: [("X-Forwarded-Proto", "http")]).contains("Secure"))
        let token = try XCTUnwrap(plain.split(separator: "=", maxSplits: 1).last?.prefix { $0 != ";" })
        XCTAssertEqual(token.count, 64, "256 bits, in hex")
        let stored = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM sessions WHERE token_hash = ?", [String(token)], as: Int.self) }
        XCTAssertEqual(stored, 0, "the store keeps only a hash of the token")
    }

    /// A new token at each login; the one presented before is dropped.
    func testSessionRotatesOnLogin() throws {
        let portal = try Portal()
        let first = try portal.signIn(.admin)
        let form = portal.get("/admin/ar/login")
        let again = portal.post("/admin/ar/login", form: [("token", try portal.formToken(from: form.body)), ("email", first.email), ("password", first.password)],
                                headers: [first.cookie])
        let second = try XCTUnwrap(Portal.sessionToken(again))
        XCTAssertNotEqual(second, first.token)
        XCTAssertEqual(portal.get("/admin/ar/", as: first).status, 303, "the old token no longer opens anything")
        XCTAssertEqual(portal.get("/admin/ar/", headers: [("Cookie", "infitah_session=\(second)")]).status, 200)
    }

    func testSessionIdleAndAbsoluteExpiry() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.admin)
        let start = Date()
        // Used every 90 minutes, it stays open past the idle limit (2 h)...
        for step in 1...5 {
            portal.site.clock.set { start.addingTimeInterval(Double(step) * 90 * 60) }
            XCTAssertEqual(portal.get("/admin/fr/", as: staff).status, 200, "step \(step)")
        }
        // ...but not past 12 hours after login.
        portal.site.clock.set { start.addingTimeInterval(12 * 3600 + 60) }
        let expired = portal.get("/admin/fr/", as: staff)
        XCTAssertEqual(expired.status, 303)
        XCTAssertEqual(expired.headers["Location"], "/admin/fr/login?next=/admin/fr/")
        XCTAssertTrue(expired.headers.values("Set-Cookie").contains { $0.contains("Max-Age=0") })

        let idle = try portal.signIn(.admin)
        portal.site.clock.set { start.addingTimeInterval(12 * 3600 + 60 + 2 * 3600 + 1) }
        XCTAssertEqual(portal.get("/admin/fr/", as: idle).status, 303, "two idle hours end a session")
    }

    func testLogoutAndLogoutEverywhere() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.committee, commune: "larache")
        let other = try portal.logIn(email: staff.email, password: staff.password, userID: staff.userID)
        XCTAssertEqual(portal.post("/admin/ar/logout", form: [], headers: [staff.cookie]).status, 403, "no token, no logout")
        XCTAssertEqual(portal.get("/admin/ar/", as: staff).status, 200)
        let out = portal.post("/admin/ar/logout", form: [], as: staff)
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(portal.get("/admin/ar/", as: staff).status, 303)
        XCTAssertEqual(portal.get("/admin/ar/", as: other).status, 200, "the other device stays signed in")
        let third = try portal.logIn(email: staff.email, password: staff.password, userID: staff.userID)
        XCTAssertEqual(portal.post("/admin/ar/logout", form: [("everywhere", "1")], as: third).status, 303)
        XCTAssertEqual(portal.get("/admin/ar/", as: other).status, 303)
        XCTAssertEqual(portal.get("/admin/ar/", as: third).status, 303)
    }

    func testChangingPasswordEndsOtherSessions() throws {
        let portal = try Portal()
        let staff = try portal.signIn(.council, commune: "settat")
        let other = try portal.logIn(email: staff.email, password: staff.password, userID: staff.userID)
        let wrong = portal.post("/admin/fr/account", form: [("current", "not it at all"), ("password", "another long passphrase"), ("confirm", "another long passphrase")], as: staff)
        XCTAssertEqual(wrong.status, 422)
        XCTAssertTrue(wrong.contains("actuel est incorrect"))
        let changed = portal.post("/admin/fr/account", form: [("current", staff.password), ("password", "another long passphrase"), ("confirm", "another long passphrase")], as: staff)
        XCTAssertEqual(changed.status, 303)
        XCTAssertEqual(portal.get("/admin/fr/account", as: staff).status, 200)
        XCTAssertEqual(portal.get("/admin/fr/account", as: other).status, 303)
        _ = try portal.logIn(email: staff.email, password: "another long passphrase", userID: staff.userID)
    }

    /// The front door: no session sends GETs to the login (coming back after), and never runs a handler.
    func testSignedOutVisitorsGoToLogin() throws {
        let portal = try Portal()
        XCTAssertEqual(portal.get("/admin").status, 302)
        let page = portal.get("/admin/ar/communes/settat/programs/2023-2024")
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.headers["Location"], "/admin/ar/login?next=/admin/ar/communes/settat/programs/2023-2024")
        XCTAssertEqual(portal.post("/admin/ar/logout", form: []).status, 303)
        XCTAssertEqual(portal.get("/admin/ar/nowhere").status, 404)
        XCTAssertEqual(portal.get("/admin/ar/login").headers["Cache-Control"], "no-store")
        // A sign-in that came from a page goes back there, and only inside the admin area.
        let staff = try portal.signIn(.admin)
        let form = portal.get("/admin/ar/login?next=/admin/ar/account")
        XCTAssertTrue(form.contains(#"name="next" value="/admin/ar/account""#))
        let back = portal.post("/admin/ar/login", form: [("token", try portal.formToken(from: form.body)), ("email", staff.email), ("password", staff.password), ("next", "/admin/ar/account")])
        XCTAssertEqual(back.headers["Location"], "/admin/ar/account")
        let away = portal.post("/admin/ar/login", form: [("token", try portal.formToken(from: form.body)), ("email", staff.email), ("password", staff.password), ("next", "https://evil.example/")])
        XCTAssertEqual(away.headers["Location"], "/admin/ar/")
    }

    /// The dashboard lists what the person's roles open, and nothing of other communes.
    func testDashboardShowsOwnCommunes() throws {
        let portal = try Portal()
        let focal = try portal.signIn(.focalPoint, commune: "taroudant")
        let page = portal.get("/admin/fr/", as: focal)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Taroudant"))
        XCTAssertFalse(page.contains("Settat"))
        XCTAssertTrue(page.contains("/admin/fr/communes/taroudant/programs/"))
        XCTAssertFalse(page.contains("/proposals\""), "a focal point is not offered triage")
        let admin = try portal.signIn(.admin)
        let all = portal.get("/admin/ar/", as: admin)
        XCTAssertTrue(all.contains("/admin/ar/communes/settat"))
        XCTAssertTrue(all.contains("/admin/ar/communes/larache"))
    }

    func testAuditLogIsAppendOnly() throws {
        let portal = try Portal()
        _ = try portal.signIn(.admin)
        let entries = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM audit_log WHERE action = 'login'", as: Int.self) }
        XCTAssertEqual(entries, 1)
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("UPDATE audit_log SET user_name = 'x'") })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("DELETE FROM audit_log") })
    }
}

/// Behind nginx every request comes from 127.0.0.1: the configured header gives the visitor's
/// address to the per-address limits, and only when the proxy (a loopback peer) sent it.
final class ClientAddressTests: XCTestCase {
    func testTheProxyHeaderIsBelievedOnlyFromLoopback() throws {
        let portal = try Portal()
        func address(_ peer: String, _ headers: [(String, String)]) -> String {
            portal.site.clientAddress(of: HTTPRequest(method: .get, target: "/", path: "/",
                                                      headers: HTTPHeaders(headers), remoteAddress: peer))
        }
        let forwarded = [("X-Forwarded-For", "6.6.6.6, 41.250.1.2")]
        XCTAssertEqual(address("127.0.0.1", forwarded), "127.0.0.1", "no header configured: the peer")
        try portal.restart { $0.clientAddressHeader = "X-Forwarded-For" }
        XCTAssertEqual(address("127.0.0.1", forwarded), "41.250.1.2", "the entry our proxy added, not the one the visitor typed")
        XCTAssertEqual(address("::1", forwarded), "41.250.1.2")
        XCTAssertEqual(address("203.0.113.9", forwarded), "203.0.113.9", "a visitor reaching us directly cannot pick an address")
        XCTAssertEqual(address("127.0.0.1", []), "127.0.0.1")
        guard case .serve(let options) = try Command.parse(["--client-address-header", "X-Real-IP"]) else { return XCTFail() }
        XCTAssertEqual(options.clientAddressHeader, "X-Real-IP")
    }

    /// Two visitors behind the proxy each get their own login throttle.
    func testLoginThrottleCountsVisitorsNotTheProxy() throws {
        let portal = try Portal()
        try portal.restart { $0.clientAddressHeader = "X-Forwarded-For" }
        try portal.restart { $0.adminPolicy.failuresPerAddress = 2 }
        func attempt(from visitor: String) throws -> Int {
            let form = portal.get("/admin/ar/login")
            return portal.post("/admin/ar/login", form: [("token", try portal.formToken(from: form.body)), ("email", "x\(UUID().uuidString.prefix(4))@example.ma"), ("password", "wrong password here")],
                               headers: [("X-Forwarded-For", visitor)]).status
        }
        XCTAssertEqual(try attempt(from: "41.1.1.1"), 422)
        XCTAssertEqual(try attempt(from: "41.1.1.1"), 422)
        XCTAssertEqual(try attempt(from: "41.1.1.1"), 429)
        XCTAssertEqual(try attempt(from: "41.2.2.2"), 422, "another visitor behind the same proxy is not locked out")
    }
}
