import XCTest
@testable import HTTP
@testable import Portal

/// The executable's flags, environment variables and refusals.
final class CommandTests: XCTestCase {
    func testNoArgumentsMeansServeWithDefaults() throws {
        guard case .serve(let options) = try Command.parse([]) else { return XCTFail() }
        XCTAssertEqual(options.host, "127.0.0.1")
        XCTAssertEqual(options.port, 8080)
        XCTAssertEqual(options.database, "infitah.sqlite")
        XCTAssertTrue(options.loadDemo)
    }

    func testFlagsAndTheirEnvironmentVariables() throws {
        guard case .serve(let fromFlags) = try Command.parse(["serve", "--host", "0.0.0.0", "--port=9090", "--db", "/tmp/x.sqlite", "--no-demo"])
        else { return XCTFail() }
        XCTAssertEqual(fromFlags.host, "0.0.0.0")
        XCTAssertEqual(fromFlags.port, 9090)
        XCTAssertEqual(fromFlags.database, "/tmp/x.sqlite")
        XCTAssertFalse(fromFlags.loadDemo)

        guard case .serve(let fromEnvironment) = try Command.parse([], environment: ["INFITAH_PORT": "7070", "INFITAH_DB": "/tmp/y.sqlite", "INFITAH_DEV": "1"])
        else { return XCTFail() }
        XCTAssertEqual(fromEnvironment.port, 7070)
        XCTAssertEqual(fromEnvironment.database, "/tmp/y.sqlite")
        XCTAssertTrue(fromEnvironment.dev)

        guard case .serve(let flagWins) = try Command.parse(["--port", "6060"], environment: ["INFITAH_PORT": "7070"])
        else { return XCTFail() }
        XCTAssertEqual(flagWins.port, 6060)

        guard case .serve(let rate) = try Command.parse(["--proposal-rate", "500"]) else { return XCTFail() }
        XCTAssertEqual(rate.proposalRate, 500)
        guard case .serve(let rateFromEnvironment) = try Command.parse([], environment: ["INFITAH_PROPOSAL_RATE": "20"]) else { return XCTFail() }
        XCTAssertEqual(rateFromEnvironment.proposalRate, 20)
        guard case .serve(let defaults) = try Command.parse([]) else { return XCTFail() }
        XCTAssertEqual(defaults.proposalRate, 10)
        XCTAssertEqual(defaults.maxPendingPerAddress, 256)
        guard case .serve(let pending) = try Command.parse(["--max-pending-per-address", "8"]) else { return XCTFail() }
        XCTAssertEqual(pending.maxPendingPerAddress, 8)
        guard case .serve(let pendingFromEnvironment) = try Command.parse([], environment: ["INFITAH_MAX_PENDING_PER_ADDRESS": "9"]) else { return XCTFail() }
        XCTAssertEqual(pendingFromEnvironment.maxPendingPerAddress, 9)
        XCTAssertThrowsError(try Command.parse(["--proposal-rate", "0"]))
        XCTAssertThrowsError(try Command.parse(["migrate", "--proposal-rate", "5"]))
    }

    func testBaseURLForServeAndUserAdd() throws {
        guard case .serve(let unset) = try Command.parse([]) else { return XCTFail() }
        XCTAssertNil(unset.baseURL)
        guard case .serve(let set) = try Command.parse(["--base-url", "https://infitah.example.ma/"]) else { return XCTFail() }
        XCTAssertEqual(set.baseURL, "https://infitah.example.ma")
        guard case .serve(let fromEnvironment) = try Command.parse([], environment: ["INFITAH_BASE_URL": "http://127.0.0.1:9000"]) else { return XCTFail() }
        XCTAssertEqual(fromEnvironment.baseURL, "http://127.0.0.1:9000")
        guard case .addUser(let user) = try Command.parse(["user", "add", "--email", "a@b.ma", "--name", "A", "--role", "admin",
                                                           "--base-url", "https://x.ma/portal/"]) else { return XCTFail() }
        XCTAssertEqual(user.baseURL, "https://x.ma/portal")
        for bad in ["infitah.example.ma", "ftp://x.ma", "https://", "https://x.ma/?a=1"] {
            XCTAssertThrowsError(try Command.parse(["--base-url", bad]), bad)
        }
    }

    func testOtherCommands() throws {
        XCTAssertEqual(try Command.parse(["help"]), .help)
        XCTAssertEqual(try Command.parse(["--help"]), .help)
        XCTAssertEqual(try Command.parse(["backup", "--to", "/tmp/b.sqlite", "--db", "a.sqlite"]), .backup(database: "a.sqlite", destination: "/tmp/b.sqlite"))
        guard case .migrate(let database, _) = try Command.parse(["migrate", "--db", "m.sqlite"]) else { return XCTFail() }
        XCTAssertEqual(database, "m.sqlite")
    }

    func testBadInputIsRefusedWithOneLine() {
        let cases: [([String], [String: String], String)] = [
            (["--port", "http"], [:], "--port must be a whole number"),
            (["--port", "70000"], [:], "--port must be a whole number"),
            ([], ["INFITAH_PORT": "-1"], "--port must be a whole number"),
            (["--verbose"], [:], "unknown option --verbose"),
            (["launch"], [:], "unknown command 'launch'"),
            (["--port"], [:], "--port needs a value"),
            (["backup"], [:], "backup needs --to FILE"),
            (["migrate", "--port", "1"], [:], "--port does not apply to `infitah migrate`"),
        ]
        for (arguments, environment, expected) in cases {
            XCTAssertThrowsError(try Command.parse(arguments, environment: environment), "\(arguments)") { error in
                XCTAssertTrue("\(error)".contains(expected), "\(arguments): \(error)")
                XCTAssertFalse("\(error)".contains("\n"))
            }
        }
    }

    func testLauncherExitsNonZeroOnBadFlagAndUnusableDatabase() throws {
        XCTAssertEqual(Launcher.run(["--port", "x"], environment: [:]), 2)
        XCTAssertEqual(Launcher.run(["migrate", "--db", "/no/such/folder/x.sqlite", "--root", repositoryRoot.path], environment: [:]), 1)
        let folder = FileManager.default.temporaryDirectory.path
        XCTAssertEqual(Launcher.run(["migrate", "--db", folder, "--root", repositoryRoot.path], environment: [:]), 1)
        XCTAssertEqual(Launcher.run(["serve", "--port", "0", "--db", "/no/such/folder/x.sqlite", "--root", repositoryRoot.path], environment: [:]), 1)
    }

    /// A start that fails leaves no database behind, and says why in words (issue 15, 8 and 9).
    func testAFailedStartLeavesNoNewDatabaseAndAPlainMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-start-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        XCTAssertEqual(Launcher.run(["serve", "--host", "999.1.1.1", "--port", "0", "--db", path, "--root", repositoryRoot.path,
                                     "--no-access-log"], environment: [:]), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no database, -wal or -shm left")
        // A mail command that does not exist stops the start before any database is made.
        XCTAssertEqual(Launcher.run(["serve", "--port", "0", "--db", path, "--root", repositoryRoot.path, "--no-access-log",
                                     "--sendmail-command", "/no/such/sendmail -t"], environment: ["PATH": "/usr/bin"]), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "a sendmail typo leaves no database either")
        do {
            _ = try Socket.listen(host: "999.1.1.1", port: 0)
            XCTFail("999.1.1.1 is no address")
        } catch {
            XCTAssertFalse("\(error)".contains("errno"), "\(error)")
            XCTAssertTrue("\(error)".hasPrefix("cannot listen on host 999.1.1.1: "), "\(error)")
        }
    }

    func testMigrateThenBackupProducesACopyWithTheData() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("a.sqlite").path
        let copy = folder.appendingPathComponent("b.sqlite").path
        XCTAssertEqual(Launcher.run(["migrate", "--db", database, "--root", repositoryRoot.path], environment: [:]), 0)
        XCTAssertEqual(Launcher.run(["backup", "--db", database, "--to", copy], environment: [:]), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy))
        XCTAssertEqual(Launcher.run(["backup", "--db", folder.appendingPathComponent("none.sqlite").path, "--to", copy], environment: [:]), 1)
    }
}
