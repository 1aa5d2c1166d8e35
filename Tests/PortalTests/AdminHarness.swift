import Foundation
import XCTest
import HTTP
import SQLite
@testable import Portal

/// A signed-in staff member in tests: the cookie their browser would send and the form token
/// of their session.
struct Staff {
    let userID: Int
    let email: String
    let password: String
    let token: String
    let csrf: String
    var cookie: (String, String) { ("Cookie", "\(Session.cookieName)=\(token)") }
}

extension Portal {
    /// Creates an account holding `role` (in `commune` unless admin) with a known password, and
    /// signs it in through the real login form. Each call makes a new person.
    func signIn(_ role: Role, commune: String? = nil, email: String? = nil, password: String = "a long enough passphrase") throws -> Staff {
        let email = email ?? "\(role.rawValue)-\(commune ?? "network")-\(UUID().uuidString.prefix(8))@example.ma".lowercased()
        let hash = try Passwords.hash(password)
        let userID = try site.database.write { db -> Int in
            let id = try AccountStore.add(db, email: email, name: "Test \(role.rawValue)", role: role, communeSlug: role == .admin ? nil : commune, at: Date())
            try db.run("UPDATE users SET password_hash = ? WHERE id = ?", [hash, id])
            return id
        }
        return try logIn(email: email, password: password, userID: userID)
    }

    /// Signs in with the login form and returns the session, failing the test if refused.
    func logIn(email: String, password: String, userID: Int, address: String = "127.0.0.1") throws -> Staff {
        let form = get("/admin/ar/login")
        XCTAssertEqual(form.status, 200)
        let page = post("/admin/ar/login", form: [("token", try formToken(from: form.body)), ("email", email), ("password", password)], address: address)
        XCTAssertEqual(page.status, 303, "login of \(email) refused: \(page.body.prefix(300))")
        let token = try XCTUnwrap(Self.sessionToken(page))
        let csrf = try site.database.read {
            try $0.scalar("SELECT csrf_token FROM sessions WHERE token_hash = ?", [SHA256.hex(Array(token.utf8))], as: String.self)
        }
        return Staff(userID: userID, email: email, password: password, token: token, csrf: try XCTUnwrap(csrf))
    }

    /// The session token a response sets, if any.
    static func sessionToken(_ page: Page) -> String? {
        for value in page.headers.values("Set-Cookie") where value.hasPrefix(Session.cookieName + "=") {
            let token = value.dropFirst(Session.cookieName.count + 1).prefix { $0 != ";" }
            if !token.isEmpty { return String(token) }
        }
        return nil
    }

    /// The stateless one-time token in a page's form (`name="token"` or `name="form_token"`).
    func formToken(from body: String) throws -> String {
        let pattern = try NSRegularExpression(pattern: #"name="(?:form_)?token" value="([0-9a-f]{32}\.[0-9a-f]{64})""#)
        let match = try XCTUnwrap(pattern.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)))
        return String(body[Range(match.range(at: 1), in: body)!])
    }

    /// A page as `staff` sees it.
    func get(_ target: String, as staff: Staff) -> Page { get(target, headers: [staff.cookie]) }

    /// A form sent by `staff`, with their session's anti-forgery token added.
    func post(_ path: String, form: [(String, String)], as staff: Staff) -> Page {
        post(path, form: [("csrf", staff.csrf)] + form, headers: [staff.cookie])
    }
}
