import CSQLite
import Foundation

/// The store as the app uses it from many threads. SQLite allows one writer at a time, so
/// all writes go through ONE writer connection, serialized by a lock, each call in its own
/// transaction; reads borrow one of a few read-only connections, which WAL lets run while
/// the writer writes. Compared with one connection behind a lock, pages keep rendering
/// during a slow write, and no caller ever sees SQLITE_BUSY from writer contention.
///
/// Neither `read` nor `write` is meant to be called from inside the other's body: a `read`
/// nested in a `write` would not see the uncommitted write, and nested `read`s on every
/// reader at once would wait forever. A nested `write` on the same thread is allowed and
/// becomes a savepoint.
public final class Database: @unchecked Sendable {
    /// The database file path.
    public let path: String

    private let writer: Connection
    private let writerLock = NSRecursiveLock()
    private let readersCondition = NSCondition()
    private var idleReaders: [Connection]          // guarded by readersCondition
    private var isClosed = false                    // guarded by readersCondition
    private let countLock = NSLock()
    private var totalQueries = 0                    // guarded by countLock
    private var writes: UInt64 = 0                  // guarded by countLock

    /// Opens (creating if needed) the database with one writer and `readers` reader connections.
    public init(path: String, readers: Int = 4) throws {
        precondition(readers >= 1, "a Database needs at least one reader connection")
        self.path = path
        // The writer first: it creates the file and switches it to WAL, which readers
        // (opened read-only) cannot do themselves.
        writer = try Connection(path: path)
        var pool: [Connection] = []
        for _ in 0..<readers { pool.append(try Connection(path: path, readOnly: true)) }
        idleReaders = pool
    }

    deinit { close() }

    /// Runs `body` with a reader connection inside one read transaction, so every query in the
    /// body sees the same snapshot. Waits while all readers are borrowed.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let reader = try borrowReader()
        defer { returnReader(reader) }
        let before = reader.queryCount
        defer { addQueries(reader.queryCount - before) }
        return try reader.transaction { try body(reader) }
    }

    /// Runs `body` with exclusive use of the writer inside a transaction, committed before
    /// this returns (so a caller that got no error knows the data is on disk) and rolled back if
    /// `body` throws.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try withWriter { writer in try writer.transaction { try body(writer) } }
    }

    /// Exclusive use of the writer without opening a transaction, for work that manages its
    /// own transactions (the migrator commits each file separately).
    func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        guard !closedNow else { throw closedError }
        let before = writer.queryCount
        defer { addQueries(writer.queryCount - before) }
        // Counted even when the body throws: a cache may drop an entry it could have kept,
        // never keep one it should have dropped.
        defer { countLock.lock(); writes &+= 1; countLock.unlock() }
        return try body(writer)
    }

    /// How many times the writer has been used. Anything derived from the data (a cached
    /// page) is current while this number has not moved.
    public var writeGeneration: UInt64 {
        countLock.lock()
        defer { countLock.unlock() }
        return writes
    }

    /// Writes a consistent copy of the database to `path` from a reader, so writes continue meanwhile.
    public func backup(to path: String) throws {
        try read { try $0.backup(to: path) }
    }

    /// Statements run through `read` and `write` since the last `resetQueryCount()`;
    /// page tests use it to check a page runs a bounded number of queries.
    public var queryCount: Int {
        countLock.lock()
        defer { countLock.unlock() }
        return totalQueries
    }

    public func resetQueryCount() {
        countLock.lock()
        totalQueries = 0
        countLock.unlock()
    }

    /// Closes every connection. Readers still borrowed are closed when they come back;
    /// later calls throw SQLITE_MISUSE.
    public func close() {
        writerLock.lock()
        readersCondition.lock()
        let wasClosed = isClosed
        isClosed = true
        let idle = idleReaders
        idleReaders = []
        readersCondition.broadcast()
        readersCondition.unlock()
        if !wasClosed { writer.close() }
        writerLock.unlock()
        for reader in idle { reader.close() }
    }

    private var closedNow: Bool {
        readersCondition.lock()
        defer { readersCondition.unlock() }
        return isClosed
    }

    private var closedError: SQLiteError {
        SQLiteError(code: SQLiteError.misuse, message: "database \(path) is closed")
    }

    private func borrowReader() throws -> Connection {
        readersCondition.lock()
        defer { readersCondition.unlock() }
        while idleReaders.isEmpty && !isClosed { readersCondition.wait() }
        guard !isClosed else { throw closedError }
        return idleReaders.removeLast()
    }

    private func returnReader(_ reader: Connection) {
        readersCondition.lock()
        defer { readersCondition.unlock() }
        if isClosed {
            reader.close()
        } else {
            idleReaders.append(reader)
            readersCondition.signal()
        }
    }

    private func addQueries(_ n: Int) {
        countLock.lock()
        totalQueries += n
        countLock.unlock()
    }
}
