import Foundation
import SQLite
import XCTest

/// A fresh directory under the system temp dir, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("infitah-sqlite-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Collects failures from worker threads so the test thread can assert on them.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    private var counters: [String: Int] = [:]

    func record(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        // The first few say what went wrong; thousands more would bury them.
        if messages.count < 20 { messages.append(message) }
    }

    func count(_ key: String, by n: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        counters[key, default: 0] += n
    }

    func counter(_ key: String) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counters[key, default: 0]
    }

    var all: [String] {
        lock.lock(); defer { lock.unlock() }
        return messages
    }
}

/// A flag set by one thread and read by others.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Starts `body` on a new thread, entering `group` until it finishes.
func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
    group.enter()
    Thread {
        body()
        group.leave()
    }.start()
}

/// Asserts `body` throws a `SQLiteError` and returns it.
func assertSQLiteError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> SQLiteError? {
    do {
        _ = try body()
        XCTFail("expected a SQLiteError", file: file, line: line)
    } catch let error as SQLiteError {
        return error
    } catch {
        XCTFail("expected a SQLiteError, got \(error)", file: file, line: line)
    }
    return nil
}
