import CSQLite
import Foundation

/// The store as the app uses it from many threads. SQLite allows one writer at a time, so
/// all writes go through ONE writer connection; reads borrow one of a few read-only
/// connections, which WAL lets run while the writer writes. Compared with one connection
/// behind a lock, pages keep rendering during a slow write, and no caller ever sees
/// SQLITE_BUSY from writer contention.
///
/// Writes are group-committed: callers that arrive while a commit is being made wait in a
/// queue, and the next of them to run (the leader) runs every queued body in ONE transaction,
/// each in its own savepoint, then commits once. The commit (synchronous=FULL: an fsync of the
/// WAL) is what a durable write costs, so under load one fsync serves many callers; alone, a
/// caller is its own leader and nothing waits. Every caller still gets exactly the old promise:
/// `write` returns only after the COMMIT that holds its work, and a body that throws rolls back
/// only itself (its savepoint) while the others in its group commit.
///
/// Neither `read` nor `write` is meant to be called from inside the other's body: a `read`
/// nested in a `write` would not see the uncommitted write, and nested `read`s on every
/// reader at once would wait forever. A nested `write` on the same thread is allowed and
/// becomes a savepoint. A body may run on another caller's thread, so it must not wait for a
/// lock that its own caller could be holding.
public final class Database: @unchecked Sendable {
    /// The database file path.
    public let path: String

    private let writer: Connection
    /// Held by whoever uses the writer connection: a leader for its group, or `withWriter`.
    private let writerLock = NSRecursiveLock()
    /// Guards the queue of waiting writes, the leader flag and `writerOwner`.
    private let queue = NSCondition()
    private var pending: [WriteJob] = []            // guarded by queue
    private var hasLeader = false                   // guarded by queue
    /// The thread using the writer now, so that a `write` nested in a body runs in place.
    private var writerOwner: pthread_t?             // guarded by queue
    private let readersCondition = NSCondition()
    private var idleReaders: [Connection]          // guarded by readersCondition
    private var isClosed = false                    // guarded by readersCondition
    private let countLock = NSLock()
    private var totalQueries = 0                    // guarded by countLock
    private var writes: UInt64 = 0                  // guarded by countLock
    private var checkpointOnClose = true            // guarded by countLock

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

    /// Runs `body` with the writer inside a transaction (shared with other callers' bodies,
    /// see the type's comment), committed before this returns (so a caller that got no error
    /// knows the data is on disk) and rolled back if `body` throws.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        if ownsWriter {
            // Nested in a body running on this thread: a savepoint in the open transaction,
            // counted by whoever holds the writer.
            return try writer.transaction { try body(writer) }
        }
        // The caller waits until its body has run and been committed, so the closure never
        // outlives this call even though another thread may run it.
        return try withoutActuallyEscaping(body) { body in
            var result: T?
            let job = WriteJob { connection in result = try body(connection) }
            try submit(job)
            return result!
        }
    }

    /// Exclusive use of the writer without opening a transaction, for work that manages its
    /// own transactions (the migrator commits each file separately).
    /// Leaves checkpointing to Litestream, which replicates the WAL beside us: SQLite stops
    /// checkpointing on its own (`wal_autocheckpoint = 0`, Litestream's advice for busy
    /// writers) and closing no longer truncates the WAL. Call before serving.
    public func leaveCheckpointsToLitestream() throws {
        try withWriter { try $0.execute("PRAGMA wal_autocheckpoint = 0") }
        countLock.lock()
        checkpointOnClose = false
        countLock.unlock()
    }

    func withWriter<T>(_ body: (Connection) throws -> T) throws -> T {
        if ownsWriter { return try body(writer) }
        writerLock.lock()
        defer { writerLock.unlock() }
        guard !closedNow else { throw closedError }
        setOwner(pthread_self())
        defer { setOwner(nil) }
        let before = writer.queryCount
        defer { addQueries(writer.queryCount - before) }
        // Counted even when the body throws: a cache may drop an entry it could have kept,
        // never keep one it should have dropped.
        defer { countWrites(1) }
        return try body(writer)
    }

    /// One caller's write waiting in the queue: its body, and how it ended once committed.
    private final class WriteJob: @unchecked Sendable {
        /// Dropped before `isDone` is set, so the caller's closure never outlives its `write`
        /// (withoutActuallyEscaping checks that) even while the leader still holds the job.
        var run: ((Connection) throws -> Void)?
        var error: (any Error)?     // set by the leader before `isDone`
        var isDone = false          // guarded by Database.queue
        init(_ run: @escaping (Connection) throws -> Void) { self.run = run }
    }

    /// Queues `job` and returns once it is committed (or throws why not): either another
    /// thread's group takes it, or this thread becomes the leader of the next group.
    private func submit(_ job: WriteJob) throws {
        queue.lock()
        pending.append(job)
        while !job.isDone && hasLeader { queue.wait() }
        if job.isDone {
            queue.unlock()
            if let error = job.error { throw error }
            return
        }
        // No leader and this job still queued: lead the group of everything queued now.
        hasLeader = true
        let group = pending
        pending = []
        queue.unlock()

        runGroup(group)

        queue.lock()
        for member in group {
            member.run = nil
            member.isDone = true
        }
        hasLeader = false
        // Wakes the members of this group, and whoever leads the next one.
        queue.broadcast()
        queue.unlock()
        if let error = job.error { throw error }
    }

    /// Runs every body of `group` in one transaction, each in its own savepoint, and commits
    /// once. A body's own error is its own; a failed BEGIN or COMMIT is every member's, since
    /// none of their work is then on disk.
    private func runGroup(_ group: [WriteJob]) {
        writerLock.lock()
        defer { writerLock.unlock() }
        guard !closedNow else {
            for job in group { job.error = closedError }
            return
        }
        setOwner(pthread_self())
        defer { setOwner(nil) }
        let before = writer.queryCount
        defer { addQueries(writer.queryCount - before) }
        // After the commit, whatever happened, if any body changed a row (see writeGeneration).
        let changesBefore = writer.totalChanges
        defer { if writer.totalChanges != changesBefore { countWrites(1) } }
        do {
            try writer.transaction {
                for job in group {
                    do { try writer.transaction { try job.run?(writer) } } catch { job.error = error }
                }
            }
        } catch {
            // The transaction did not commit. (If SQLite rolled it back by itself mid-group,
            // e.g. on SQLITE_FULL, the COMMIT fails too, so no one is told their work is
            // on disk when it is not; at worst a later body's work is kept and its caller
            // told it failed, which a retry of the same submission resolves.)
            for job in group where job.error == nil { job.error = error }
        }
    }

    /// Writes waiting for a leader now (tests use it to know a group has formed).
    var queuedWrites: Int {
        queue.lock()
        defer { queue.unlock() }
        return pending.count
    }

    private var ownsWriter: Bool {
        queue.lock()
        defer { queue.unlock() }
        guard let owner = writerOwner else { return false }
        return pthread_equal(owner, pthread_self()) != 0
    }

    private func setOwner(_ thread: pthread_t?) {
        queue.lock()
        writerOwner = thread
        queue.unlock()
    }

    private func countWrites(_ n: UInt64) {
        countLock.lock()
        writes &+= n
        countLock.unlock()
    }

    /// Moves after every use of the writer that may have changed the data: a write (or a group
    /// of them) that inserted, updated or deleted a row, even one later rolled back, and every
    /// `withWriter` (the migrator changes the schema, which changes no row). Anything derived
    /// from the data (a cached page) is current while this number has not moved — so a write
    /// that finds nothing to do, such as the search indexer's idle pass every second, keeps
    /// every cached page.
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
        // Waits for a group or a withWriter in progress; groups queued after see isClosed.
        writerLock.lock()
        readersCondition.lock()
        let wasClosed = isClosed
        isClosed = true
        let idle = idleReaders
        idleReaders = []
        readersCondition.broadcast()
        readersCondition.unlock()
        if !wasClosed {
            // Everything committed moves from the -wal file into the database file itself, so a
            // copy of `infitah.sqlite` alone, taken after a clean stop, holds every write
            // (unless Litestream does the checkpoints: then it is left to it).
            countLock.lock()
            let checkpoint = checkpointOnClose
            countLock.unlock()
            if checkpoint { try? writer.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
            writer.close()
        }
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
