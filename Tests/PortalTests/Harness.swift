import Foundation
import XCTest
import HTTP
import SQLite
import Templates
@testable import Portal

/// The repository checkout the tests run from (Templates/, Public/, Migrations/).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A portal on a freshly migrated, seeded SQLite file in a temporary folder, answering
/// whole requests in-process exactly as the server would hand them over.
final class Portal {
    let folder: URL
    /// The portal under test; `restart` replaces it with one started with other settings.
    private(set) var site: Site
    private let root: URL
    var databasePath: String { folder.appendingPathComponent("portal.sqlite").path }

    /// `demoMadeAt`: the instant the demo data is made at (now unless given); `root`: the checkout
    /// whose Templates/, Public/ and Migrations/ it serves (a copy, to try a changed template).
    init(loadDemo: Bool = true, demoMadeAt: Date? = nil, root: URL = repositoryRoot, settings: SiteSettings = SiteSettings()) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.root = root
        site = try Site(root: root, databasePath: folder.appendingPathComponent("portal.sqlite").path, loadDemo: loadDemo,
                        demoMadeAt: demoMadeAt, settings: settings)
    }

    /// The same store served by a site started with changed settings, as a restart of `serve`
    /// with other options would: what the store holds stays (accounts, sessions, form tokens,
    /// the outbox), what lives in memory (rate counts, the page cache) starts afresh, and the
    /// clock is the same one.
    func restart(_ change: (inout SiteSettings) -> Void) throws {
        var settings = site.settings
        change(&settings)
        site.database.close()
        site = try Site(root: root, databasePath: databasePath, loadDemo: false, settings: settings)
    }

    deinit {
        site.database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Starts counting the store's queries from zero, after the site's own bookkeeping of the
    /// calls' clock (one query after a write), so a count is the page's own queries.
    func resetQueryCount() {
        _ = try? site.callClock(writes: site.database.writeGeneration)
        site.database.resetQueryCount()
    }

    /// A page as a visitor's browser would get it (errors rendered as the server renders them).
    func get(_ target: String, headers: [(String, String)] = [], method: HTTPMethod = .get, address: String = "127.0.0.1") -> Page {
        let response = site.response(to: request(target, headers: headers, method: method, address: address))
        let zipped = response.headers["Content-Encoding"] == "gzip"
        let body = Self.bodyBytes(response)
        return Page(status: response.status.code, headers: response.headers,
                    body: zipped ? "" : String(decoding: body, as: UTF8.self), rawBody: zipped ? body : nil,
                    reason: response.status.reason, bytes: body)
    }

    /// The request a browser would send for `target`.
    func request(_ target: String, headers: [(String, String)] = [], method: HTTPMethod = .get, address: String = "127.0.0.1") -> HTTPRequest {
        let (path, query) = split(target)
        return HTTPRequest(method: method, target: target, path: path,
                           query: query, headers: HTTPHeaders([("Host", "localhost")] + headers), remoteAddress: address)
    }

    /// The body as the client receives it: `body`, or the whole of a streamed body (an open-data
    /// download, an evidence file) pulled the way the server pulls it.
    static func bodyBytes(_ response: HTTPResponse) -> [UInt8] {
        guard let stream = response.stream else { return response.body }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !stream.isLengthKnown || bytes.count < stream.count {
            let offset = bytes.count
            guard let n = try? chunk.withUnsafeMutableBytes({ try stream.read(at: offset, into: $0) }), n > 0 else { break }
            bytes += chunk[..<n]
        }
        return bytes
    }

    private func split(_ target: String) -> (String, [(name: String, value: String)]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, []) }
        let query = target[target.index(after: mark)...].split(separator: "&").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
        return (String(target[..<mark]), query)
    }
}

/// What a test reads of a response.
struct Page {
    let status: Int
    let headers: HTTPHeaders
    let body: String
    /// The body as sent when it is gzip-coded (then `body` is empty).
    var rawBody: [UInt8]? = nil
    /// The status line's reason phrase ("Not Found").
    var reason: String = ""
    /// The body's bytes as sent (a streamed one read whole).
    var bytes: [UInt8] = []
    /// Whether the page holds `text`, as sent or as read: the `<bdi>` that keep periods, dates and
    /// names reading as written (`Bidi`) are not part of the words a test looks for, nor is the
    /// kind of space (a no-break space before French "?" or after a count). Tests of those read `body`.
    func contains(_ text: String) -> Bool { body.contains(text) || readText.contains(Self.spaced(text)) }
    /// The body without its `<bdi>` tags, its no-break spaces read as spaces.
    var readText: String {
        Self.spaced(body.replacingOccurrences(of: #"<bdi dir="(ltr|rtl)"( class="nowrap")?( lang="ar")?>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "</bdi>", with: ""))
    }
    static func spaced(_ text: String) -> String { text.replacingOccurrences(of: "\u{A0}", with: " ") }
}

extension Portal {
    /// A form POST as a browser sends it (`application/x-www-form-urlencoded`), from `address`.
    func post(_ path: String, form: [(String, String)], headers: [(String, String)] = [],
              contentType: String = "application/x-www-form-urlencoded", address: String = "127.0.0.1") -> Page {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        func encode(_ text: String) -> String {
            (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
        }
        let body = form.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        return post(path, body: Array(body.utf8), headers: [("Content-Type", contentType)] + headers, address: address)
    }

    /// A POST with a raw body and the given headers.
    func post(_ path: String, body: [UInt8], headers: [(String, String)], address: String = "127.0.0.1") -> Page {
        let request = HTTPRequest(method: .post, target: path, path: path,
                                  headers: HTTPHeaders([("Host", "localhost")] + headers), body: body, remoteAddress: address)
        let response = site.response(to: request)
        let body = Self.bodyBytes(response)
        return Page(status: response.status.code, headers: response.headers, body: String(decoding: body, as: UTF8.self),
                    reason: response.status.reason, bytes: body)
    }
}

/// What the citizen-form tests share: a form's one-time token, the proposals stored, a
/// call's window, and a form body with some fields replaced.
extension Portal {
    /// The token of a fresh form at `path` (each GET gives a new one).
    func formToken(_ path: String) throws -> String {
        let page = get(path)
        XCTAssertEqual(page.status, 200, path)
        let pattern = try NSRegularExpression(pattern: #"name="token" value="([0-9a-f]{32}\.[0-9a-f]{64})""#)
        let match = try XCTUnwrap(pattern.firstMatch(in: page.body, range: NSRange(page.body.startIndex..., in: page.body)))
        return String(page.body[Range(match.range(at: 1), in: page.body)!])
    }

    /// How many proposals the store holds.
    func proposalCount() throws -> Int {
        try site.database.read { try $0.scalar("SELECT count(*) FROM proposals", as: Int.self) } ?? -1
    }

    /// When call `id` opens and closes.
    func callWindow(_ id: Int) throws -> (opens: Date, closes: Date) {
        try site.database.read { db in
            let row = try XCTUnwrap(try db.queryOne("SELECT opens_at, closes_at FROM calls WHERE id = ?", [id]))
            return (try Call.parse(row.string("opens_at")), try Call.parse(row.string("closes_at")))
        }
    }
}

/// `base` with each field of `extra` replacing the field of the same name.
func formFields(_ base: [(String, String)], _ extra: [(String, String)]) -> [(String, String)] {
    var fields = base
    for (name, value) in extra {
        fields.removeAll { $0.0 == name }
        fields.append((name, value))
    }
    return fields
}
