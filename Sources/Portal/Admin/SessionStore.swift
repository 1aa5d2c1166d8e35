import Foundation
import HTTP
import SQLite

/// How the admin area keeps people signed in and keeps guessers out. One value, set from the
/// command line, so tests can shorten every delay.
struct AdminPolicy: Sendable {
    /// A session unused this long ends.
    var idleTimeout: TimeInterval = 2 * 3600
    /// A session ends this long after login however busy it is.
    var absoluteTimeout: TimeInterval = 12 * 3600
    /// Failed logins allowed for one email from one address within `throttleWindow`: a guesser
    /// is stopped, and the owner, on another address, is not locked out by them.
    var failuresPerAccount = 5
    /// Failed logins allowed for one email from all addresses together within `throttleWindow`:
    /// the bound on guessing from many addresses at once.
    var failuresPerAccountEverywhere = 50
    /// Failed logins allowed per address within `throttleWindow` (an office shares one address).
    var failuresPerAddress = 30
    var throttleWindow: TimeInterval = 15 * 60
    /// When set, a request whose header of this name says "https" came through TLS at a proxy
    /// we trust (e.g. "X-Forwarded-Proto" behind nginx), and the session cookie gets `Secure`.
    var trustedProxyHeader: String? = nil
    /// Always mark the cookie `Secure` (when every visitor arrives over TLS).
    var alwaysSecureCookies = false
    init() {}

    /// Whether the request reached us over TLS, as far as we can trust (RFC 7239 §5.4 for the idea;
    /// the header is only believed when the operator named it).
    func isSecure(_ request: HTTPRequest) -> Bool {
        if alwaysSecureCookies { return true }
        guard let name = trustedProxyHeader, let value = request.headers[name] else { return false }
        return value.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }
}

/// A signed-in visit: a random 256-bit token in a cookie, kept in the store only as its
/// SHA-256, with the anti-forgery token that every form of the session carries.
struct Session: Sendable {
    static let cookieName = "infitah_session"

    var tokenHash: String
    var userID: Int
    var csrfToken: String

    /// The session token a request carries, if any.
    static func token(in request: HTTPRequest) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == cookieName {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// The Set-Cookie value for a token (RFC 6265 §4.1): only sent to /admin, never readable by
    /// scripts, not sent on cross-site subrequests, Secure over TLS. No Max-Age: the store decides
    /// when a session ends, and the cookie goes when the browser closes.
    static func cookie(_ token: String, secure: Bool) -> String {
        "\(cookieName)=\(token); Path=/admin; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// Tells the browser to forget the cookie.
    static func expiredCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// Whether a form's token is this session's, compared in constant time.
    func accepts(csrf given: String?) -> Bool {
        guard let given else { return false }
        let a = Array(csrfToken.utf8), b = Array(given.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<a.count { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Refuses logins after too many failures, per email (typed, known or not, so the answer is
/// the same for both) and per address, counted in the store so a restart does not reset them.
enum LoginThrottle {
    /// Seconds to wait before trying again, or nil when a login may be tried now.
    static func wait(_ db: Connection, email: String, address: String, policy: AdminPolicy, at now: Date) throws -> TimeInterval? {
        let since = Timestamp.text(now.addingTimeInterval(-policy.throttleWindow))
        // Failures since the last success for this email: a person who got in starts afresh.
        let byEmail = try SessionStore.failures(db, email: email, since: since)
        let byAddress = try SessionStore.failures(db, address: address, since: since)
        let fromHere = byEmail.filter { $0.address == address }.map(\.at)
        var waits: [TimeInterval] = []
        for (failures, limit) in [(fromHere, policy.failuresPerAccount), (byEmail.map(\.at), policy.failuresPerAccountEverywhere),
                                  (byAddress, policy.failuresPerAddress)] where failures.count >= limit {
            // Allowed again when the oldest failure that counts leaves the window.
            if let oldest = Timestamp.date(failures[failures.count - limit]) {
                waits.append(max(1, policy.throttleWindow - now.timeIntervalSince(oldest)))
            }
        }
        return waits.max()
    }

    /// Checks the limits and, when a try is allowed, records it as a failure in the same write,
    /// before the slow password check: of many tries sent at once, only as many as the limits
    /// allow ever reach the check. Returns the attempt to mark as a success, or the wait.
    static func begin(_ db: Connection, email: String, address: String, policy: AdminPolicy, at now: Date) throws -> Result<Int, Wait> {
        if let wait = try wait(db, email: email, address: address, policy: policy, at: now) { return .failure(Wait(seconds: wait)) }
        let id = try SessionStore.addFailure(db, email: email, address: address, at: now)
        // Old attempts say nothing any more; keep the table small.
        try SessionStore.forgetAttempts(db, before: now.addingTimeInterval(-86_400))
        return .success(id)
    }

    /// The password matched: the attempt `begin` recorded was a success.
    static func succeeded(_ db: Connection, attempt: Int) throws {
        try SessionStore.markSucceeded(db, attempt: attempt)
    }

    /// How long a refused login must wait.
    struct Wait: Error { var seconds: TimeInterval }
}

/// The store side of signing in (tables `sessions` and `login_attempts`): sessions opened,
/// found and closed, and the login attempts `LoginThrottle` counts. `Session`, `LoginThrottle`
/// and the sign-in pages hold no SQL (issue 17, step 4).
enum SessionStore {
    /// Opens a new session (on login) and returns the raw token for the cookie.
    static func open(_ db: Connection, userID: Int, address: String, at now: Date) throws -> (token: String, session: Session) {
        let token = SecureRandom.hex(32)
        let session = Session(tokenHash: SHA256.hex(Array(token.utf8)), userID: userID, csrfToken: SecureRandom.hex(32))
        try db.run("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, remote_address) VALUES (?, ?, ?, ?, ?, ?)",
                   [session.tokenHash, userID, session.csrfToken, Timestamp.text(now), Timestamp.text(now), address])
        return (token, session)
    }

    /// Ends the session whose token's SHA-256 is `tokenHash`.
    static func close(_ db: Connection, tokenHash: String) throws {
        try db.run("DELETE FROM sessions WHERE token_hash = ?", [tokenHash])
    }

    /// Ends every session of the account, except the one whose hash is `keeping`.
    static func closeAll(_ db: Connection, userID: Int, keeping: String? = nil) throws {
        if let keeping {
            try db.run("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", [userID, keeping])
        } else {
            try db.run("DELETE FROM sessions WHERE user_id = ?", [userID])
        }
    }

    /// The live session a cookie names, or nil (unknown, idle too long, or too old).
    static func find(_ db: Connection, token: String, policy: AdminPolicy, at now: Date) throws -> (session: Session, lastSeen: Date)? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        let hash = SHA256.hex(Array(token.utf8))
        guard let row = try db.queryOne("SELECT user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?", [hash]),
              let created = Timestamp.date(try row.string("created_at")),
              let seen = Timestamp.date(try row.string("last_seen_at")) else { return nil }
        guard now.timeIntervalSince(seen) < policy.idleTimeout, now.timeIntervalSince(created) < policy.absoluteTimeout else { return nil }
        return (Session(tokenHash: hash, userID: try row.int("user_id"), csrfToken: try row.string("csrf_token")), seen)
    }

    /// The failed attempts for `email` after `since` (UTC text) and since its last success, oldest first.
    static func failures(_ db: Connection, email: String, since: String) throws -> [(at: String, address: String)] {
        try db.query("""
            SELECT at, remote_address FROM login_attempts WHERE email = ? AND succeeded = 0 AND at > ?
              AND id > ifnull((SELECT max(id) FROM login_attempts WHERE email = ? AND succeeded = 1), 0)
            ORDER BY id
            """, [email, since, email]).map { (at: try $0.string("at"), address: try $0.string("remote_address")) }
    }

    /// The instants (UTC text) of the failed attempts from `address` after `since`, oldest first.
    static func failures(_ db: Connection, address: String, since: String) throws -> [String] {
        try db.query("SELECT at FROM login_attempts WHERE remote_address = ? AND succeeded = 0 AND at > ? ORDER BY id",
                     [address, since]).map { try $0.string("at") }
    }

    /// Records an attempt as a failure; returns its id.
    static func addFailure(_ db: Connection, email: String, address: String, at now: Date) throws -> Int {
        try db.run("INSERT INTO login_attempts (email, remote_address, at, succeeded) VALUES (?, ?, ?, 0)",
                   [email, address, Timestamp.text(now)])
        return Int(db.lastInsertRowID)
    }

    /// Deletes the attempts made before `date`.
    static func forgetAttempts(_ db: Connection, before date: Date) throws {
        try db.run("DELETE FROM login_attempts WHERE at < ?", [Timestamp.text(date)])
    }

    /// Marks attempt `attempt` as a success.
    static func markSucceeded(_ db: Connection, attempt: Int) throws {
        try db.run("UPDATE login_attempts SET succeeded = 1 WHERE id = ?", [attempt])
    }

    /// Marks the session seen at `now` (its idle expiry slides from there).
    static func touch(_ db: Connection, tokenHash: String, at now: Date) throws {
        try db.run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [Timestamp.text(now), tokenHash])
    }
}
