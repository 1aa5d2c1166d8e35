import Foundation
import Glibc
import SQLite
@testable import Portal
import XCTest

/// Issue 4's promise that nothing a citizen submits is lost: the real `infitah` executable is
/// killed with SIGKILL (no shutdown code runs) in the middle of a burst of proposals, and after
/// a restart on the same file every proposal that got its 303 receipt is there, whole.
final class DurabilityTests: XCTestCase {
    private var children: [Process] = []
    private var folder: URL!

    private let formPath = "/fr/communes/demo/programs/2025-2026/proposals/new"
    private let submissions = 300      // upper bound on the burst
    private let connections = 8        // concurrent loopback clients
    private let killAfter = 60         // acknowledgements before the SIGKILL

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        for child in children where child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        children = []
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func testEveryAcknowledgedSubmissionSurvivesSIGKILL() throws {
        let binary = try Self.executable()
        let database = folder.appendingPathComponent("portal.sqlite").path

        // 1. A server on a fresh file, and a fresh one-time form token per submission.
        let (first, port) = try start(binary, database: database, log: "first")
        let tokens = try fetchTokens(port: port, count: submissions)
        XCTAssertEqual(Set(tokens).count, submissions, "every form GET must give a new token")

        // 2. The burst; the client that sees the `killAfter`th receipt kills the server at once.
        let outcome = Outcome()
        let next = Counter()
        let deadline = Date().addingTimeInterval(10)
        let group = DispatchGroup()
        let serverPID = first.processIdentifier
        let killAfter = self.killAfter
        let formPath = self.formPath
        for _ in 0..<connections {
            group.enter()
            Thread {
                defer { group.leave() }
                while Date() < deadline, let index = next.take(below: tokens.count) {
                    let body = Self.formBody(Self.fields(token: tokens[index], index: index))
                    let request = "POST \(formPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                    outcome.attempted()
                    guard let response = try? RawClient.exchange(port: port, request, timeout: 3) else {
                        outcome.unanswered()
                        continue
                    }
                    if response.head.hasPrefix("HTTP/1.1 303"), let location = response.header("location"),
                       location.hasPrefix("/fr/proposals/") {
                        // The receipt lands on the tracking page with `?received=1` (the thanks).
                        let code = String(location.dropFirst("/fr/proposals/".count).prefix { $0 != "?" })
                        if outcome.acknowledge(index: index, code: code) == killAfter { kill(serverPID, SIGKILL) }
                    } else {
                        outcome.refused(response.head.split(separator: "\r\n").first.map(String.init) ?? "?")
                    }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 15), .success, "the burst must end within its bounds")
        // In case the burst ended before the kill threshold: the kill must still happen.
        if first.isRunning { kill(serverPID, SIGKILL) }
        first.waitUntilExit()
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)
        XCTAssertEqual(first.terminationStatus, SIGKILL)

        let acknowledged = outcome.acknowledgedCodes
        XCTAssertTrue(outcome.refusals.isEmpty, "valid submissions were refused: \(outcome.refusals.prefix(3))")
        XCTAssertGreaterThanOrEqual(acknowledged.count, killAfter, "the kill must come after receipts were given")
        XCTAssertLessThan(acknowledged.count, outcome.attemptCount, "the kill must land in the middle of the burst")
        print("durability: \(outcome.attemptCount) attempted, \(acknowledged.count) acknowledged before SIGKILL, \(outcome.unansweredCount) unanswered (in flight or refused after the kill)")

        // 3. Restart on the same file: each receipt's tracking page opens.
        let (_, secondPort) = try start(binary, database: database, log: "second")
        for (_, code) in acknowledged {
            let page = try RawClient.exchange(port: secondPort, "GET /fr/proposals/\(code) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            XCTAssertTrue(page.head.hasPrefix("HTTP/1.1 200"), "\(code): \(page.head.prefix(40))")
            XCTAssertTrue(page.text.contains(code), code)
        }

        // 4. And the file itself: intact, every acknowledged row present and whole, nothing extra.
        let connection = try Connection(path: database, readOnly: true)
        defer { connection.close() }
        XCTAssertEqual(try connection.scalar("PRAGMA integrity_check", as: String.self), "ok")
        let rows = try connection.query("SELECT tracking_code, submission_key, title, description FROM proposals WHERE title LIKE 'Durabilité %'")
        var stored: [String: (key: String, title: String, description: String)] = [:]
        for row in rows {
            stored[try row.string("tracking_code")] = (try row.string("submission_key"), try row.string("title"), try row.string("description"))
        }
        let nonces = tokens.map { String($0.prefix(32)) }
        var found = 0
        for (index, code) in acknowledged {
            guard let row = stored[code] else { XCTFail("acknowledged \(code) (submission \(index)) is missing after restart"); continue }
            XCTAssertEqual(row.key, nonces[index], code)
            XCTAssertEqual(row.title, Self.title(index), code)
            XCTAssertEqual(row.description, Self.description(index), code)
            found += 1
        }
        XCTAssertEqual(found, acknowledged.count)
        // Unacknowledged submissions may or may not have been committed, but never twice nor garbled.
        XCTAssertLessThanOrEqual(rows.count, outcome.attemptCount)
        for (_, row) in stored {
            let index = try XCTUnwrap(nonces.firstIndex(of: row.key), "a row whose form was never sent")
            XCTAssertEqual(row.title, Self.title(index))
            XCTAssertEqual(row.description, Self.description(index))
        }
        XCTAssertEqual(Set(stored.values.map(\.key)).count, stored.count, "one row per form")
        print("durability: \(found) of \(acknowledged.count) acknowledged found after restart; \(rows.count) burst rows on disk")
    }

    // MARK: - The submissions

    private static func title(_ index: Int) -> String { "Durabilité \(index) : une idée" }
    private static func description(_ index: Int) -> String { "Proposition n° \(index) envoyée pendant la rafale.\nDeuxième ligne." }

    private static func fields(token: String, index: Int) -> [(String, String)] {
        [("token", token), ("website", ""), ("axis", "52"), ("title", title(index)),
         ("description", description(index)), ("consent", "yes")]
    }

    private static func formBody(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// `count` tokens, each from its own GET of the form, over `connections` clients.
    private func fetchTokens(port: Int, count: Int) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"name="token" value="([0-9a-f]{32}\.[0-9a-f]{64})""#)
        let tokens = TokenBox(count: count)
        let next = Counter()
        let deadline = Date().addingTimeInterval(10)
        let group = DispatchGroup()
        let formPath = self.formPath
        for _ in 0..<connections {
            group.enter()
            Thread {
                defer { group.leave() }
                while Date() < deadline, let index = next.take(below: count) {
                    guard let page = try? RawClient.exchange(port: port, "GET \(formPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                          page.head.hasPrefix("HTTP/1.1 200") else { continue }
                    let text = page.text
                    if let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                       let range = Range(match.range(at: 1), in: text) {
                        tokens.set(index, String(text[range]))
                    }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 15), .success)
        let all = tokens.values
        guard all.count == count else { throw Failure(what: "got \(all.count) of \(count) form tokens") }
        return all
    }

    // MARK: - The executable

    struct Failure: Error, CustomStringConvertible { let what: String; var description: String { what } }

    /// Starts `infitah serve` on an ephemeral loopback port and waits (at most 30 s) for the
    /// line that gives its URL.
    private func start(_ binary: URL, database: String, log: String) throws -> (Process, Int) {
        let output = folder.appendingPathComponent("\(log).out")
        let errors = folder.appendingPathComponent("\(log).err")
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw Failure(what: "cannot create the server's log files in \(folder.path)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--db", database, "--root", repositoryRoot.path,
                             "--no-access-log", "--proposal-rate", "100000"]
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        children.append(process)
        let pattern = try NSRegularExpression(pattern: #"at http://127\.0\.0\.1:([0-9]+)/"#)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
               let range = Range(match.range(at: 1), in: text), let port = Int(text[range]) {
                return (process, port)
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        throw Failure(what: "infitah (\(log)) did not print its URL within 30 s; stderr: \(stderr.prefix(500))")
    }

    /// The `infitah` built alongside this test bundle (whatever scratch path `swift test` used);
    /// built once here if missing. Never skipped: without the executable the test fails.
    static func executable() throws -> URL {
        var folders: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles {
            if let executable = bundle.executableURL { folders.append(executable.deletingLastPathComponent()) }
            folders.append(bundle.bundleURL.deletingLastPathComponent())
            folders.append(bundle.bundleURL)
        }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let productsFolder = folders.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("infitah.swiftmodule").path)
            || FileManager.default.fileExists(atPath: $0.appendingPathComponent("Portal.swiftmodule").path)
            || FileManager.default.fileExists(atPath: $0.appendingPathComponent("Modules").path) }
        var candidates = (productsFolder.map { [$0] } ?? []) + folders
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug"))
        for folder in candidates {
            let binary = folder.appendingPathComponent("infitah")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }

        // Not built yet (e.g. only the test product was built): build it into the same folder.
        let products = productsFolder ?? folders[0]
        var scratch = products.deletingLastPathComponent()
        if scratch.lastPathComponent.contains("-linux") || scratch.lastPathComponent.contains("-apple") {
            scratch = scratch.deletingLastPathComponent()
        }
        print("DurabilityTests: no infitah executable next to the test bundle in \(products.path); running `swift build --product infitah --scratch-path \(scratch.path)` once")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "infitah", "--scratch-path", scratch.path]
        build.currentDirectoryURL = repositoryRoot
        try build.run()
        build.waitUntilExit()
        let binary = products.appendingPathComponent("infitah")
        guard build.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(what: "could not build the infitah executable (swift build exited \(build.terminationStatus)); expected it at \(binary.path)")
        }
        return binary
    }
}

/// Hands out indexes 0..<n once each to the client threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

private final class TokenBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ token: String) { lock.lock(); slots[index] = token; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

/// What the burst's clients saw, shared between their threads.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [(Int, String)] = []
    private var attempts = 0
    private var silent = 0
    private var refusedLines: [String] = []

    func attempted() { lock.lock(); attempts += 1; lock.unlock() }
    func unanswered() { lock.lock(); silent += 1; lock.unlock() }
    func refused(_ line: String) { lock.lock(); refusedLines.append(line); lock.unlock() }
    /// Records a receipt; returns how many receipts there are now.
    func acknowledge(index: Int, code: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        codes.append((index, code))
        return codes.count
    }
    var acknowledgedCodes: [(Int, String)] { lock.lock(); defer { lock.unlock() }; return codes }
    var attemptCount: Int { lock.lock(); defer { lock.unlock() }; return attempts }
    var unansweredCount: Int { lock.lock(); defer { lock.unlock() }; return silent }
    var refusals: [String] { lock.lock(); defer { lock.unlock() }; return refusedLines }
}

/// A full disk or a read-only file: the request gets a 503 in its language, nothing
/// acknowledged is lost, and the portal saves again once space returns (issue 15).
final class DiskFullTests: XCTestCase {
    func testAFullDiskAnswers503AndRecovers() throws {
        let portal = try Portal()
        let form = "/ar/communes/demo/programs/2025-2026/proposals/new"
        func send(_ title: String, description: String = "وصف الفكرة بتفصيل كاف") throws -> Page {
            let page = portal.get(form)
            return portal.post(form, form: [("token", try portal.formToken(from: page.body)), ("axis", "51"), ("title", title),
                                            ("description", description), ("consent", "1")])
        }
        XCTAssertEqual(try send("فكرة أولى").status, 303)
        let before = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM proposals", as: Int.self) }
        // No room left: the writer may not grow the file by a single page.
        try portal.site.database.write { db in
            let pages = try db.scalar("PRAGMA page_count", as: Int.self) ?? 0
            try db.execute("PRAGMA max_page_count = \(pages)")
        }
        var refused: Page? = nil
        for index in 0..<30 {   // each proposal takes a little room; the file fills within a few
            let page = try send("فكرة \(index)", description: String(repeating: "نص طويل ", count: 200))
            if page.status != 303 { refused = page; break }
        }
        let full = try XCTUnwrap(refused, "the file never filled")
        XCTAssertEqual(full.status, 503)
        XCTAssertNotNil(full.headers["Retry-After"])
        XCTAssertTrue(full.contains("لم يُحفظ شيء مما أرسلته للتو"), "said in the page's language")
        let acknowledged = try portal.site.database.read { try $0.scalar("SELECT count(*) FROM proposals", as: Int.self) }
        XCTAssertGreaterThanOrEqual(acknowledged ?? 0, before ?? 0)
        // Space returns: saving works again.
        try portal.site.database.write { try $0.execute("PRAGMA max_page_count = 1073741823") }
        XCTAssertEqual(try send("فكرة بعد عودة المساحة").status, 303)
    }
}
