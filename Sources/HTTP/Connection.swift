import Foundation
import CLinux

/// One client connection. Exactly one thread owns it at a time: its event loop while it is
/// armed in that loop's epoll (one-shot), or the worker running its request. `lock` guards only
/// what both sides touch: the descriptor's life (so nothing writes to a closed, reused fd), the
/// deadline and owner flag the loop's timeout sweep reads, and epoll re-arming.
final class Connection: @unchecked Sendable {
    /// What the connection is doing, which decides how epoll events and timeouts are read.
    enum Mode { case reading, writing, lingering }

    let fd: Int32
    /// fd in the low bits, a generation in the high bits: an event for a closed connection
    /// can never be mistaken for a new one that reused the descriptor number.
    let token: UInt64
    /// The loop whose epoll and table hold it, for its whole life.
    let loop: EventLoop
    let lock = NSLock()

    // Guarded by `lock`.
    var closed = false
    var inWorker = false
    var closeRequested = false
    var deadline: UInt64 = 0

    // Owned by the current owner thread.
    var parser: HTTPRequestParser
    var mode = Mode.reading
    var pendingOutput: [UInt8] = []
    var pendingOffset = 0
    var closeAfterWrite = false
    var peerClosed = false
    var headStartedAt: UInt64 = 0
    var requestStartedAt: UInt64 = 0
    var requestCount = 0
    var currentRequest: HTTPRequest?
    /// A streamed response body being sent, and how far: pulled in chunks by a worker into
    /// `pendingOutput` whenever that drains (the loop never reads it, it may block on the store).
    var stream: (any HTTPBodyStream)?
    var streamOffset = 0
    /// A stream of unknown length: framed in chunks (HTTP/1.1) and finished once `read` gave 0.
    var streamChunked = false
    var streamDone = false
    /// Guarded by the server's `Admission`: whether the connection still counts against the
    /// limits, and the peer's address while no whole request has arrived (what the per-address
    /// limit on pending connections counts).
    var admitted = false
    var pendingAddress: String?

    init(fd: Int32, token: UInt64, loop: EventLoop, parser: HTTPRequestParser) {
        self.fd = fd; self.token = token; self.loop = loop; self.parser = parser
    }
}

/// Which connections may stay, shared by every loop: the open count against `maxConnections`,
/// and the connections that have not sent a whole request yet, per address and oldest first
/// (the ones shed to make room). The accepting loop admits; the owning loop releases.
final class Admission: @unchecked Sendable {
    private let lock = NSLock()
    private let maxConnections: Int
    private let maxPendingPerAddress: Int
    private var open = 0
    private var pendingByAddress: [String: Int] = [:]
    private var pendingOrder: [Connection] = []
    private var pendingHead = 0

    init(maxConnections: Int, maxPendingPerAddress: Int) {
        self.maxConnections = maxConnections
        self.maxPendingPerAddress = maxPendingPerAddress
    }

    enum Decision {
        /// Counted; when `shed` is set, that older pending connection gave up its place and
        /// its loop must close it.
        case admitted(shed: Connection?)
        /// The address holds its share of pending connections, or every connection has sent a
        /// whole request: answer 503.
        case refused
    }

    /// Counts a new connection from `address`, making room by shedding the oldest pending one.
    func admit(_ connection: Connection, from address: String) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        if pendingByAddress[address, default: 0] >= maxPendingPerAddress { return .refused }
        var shed: Connection?
        if open >= maxConnections {
            while pendingHead < pendingOrder.count && shed == nil {
                let oldest = pendingOrder[pendingHead]
                pendingHead += 1
                if oldest.admitted && oldest.pendingAddress != nil { shed = oldest }
            }
            guard let shed else { return .refused }
            releaseLocked(shed)
        }
        open += 1
        connection.admitted = true
        connection.pendingAddress = address
        pendingByAddress[address, default: 0] += 1
        pendingOrder.append(connection)
        return .admitted(shed: shed)
    }

    /// The connection sent its first whole request: it no longer counts against its address,
    /// and can no longer be shed. False when it was shed first (its loop closes it unanswered,
    /// so no request of a shed connection ever reaches a handler).
    func sentWholeRequest(_ connection: Connection) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard connection.admitted else { return false }
        notPendingLocked(connection)
        return true
    }

    /// The connection is closing (or was shed): it no longer counts at all. Idempotent.
    func release(_ connection: Connection) {
        lock.lock()
        defer { lock.unlock() }
        releaseLocked(connection)
    }

    /// Drops the order's entries of connections no longer pending (run by the accepting loop's sweep).
    func compact() {
        lock.lock()
        defer { lock.unlock() }
        pendingOrder = pendingOrder[pendingHead...].filter { $0.admitted && $0.pendingAddress != nil }
        pendingHead = 0
    }

    private func releaseLocked(_ connection: Connection) {
        guard connection.admitted else { return }
        connection.admitted = false
        open -= 1
        notPendingLocked(connection)
    }

    private func notPendingLocked(_ connection: Connection) {
        guard let address = connection.pendingAddress else { return }
        connection.pendingAddress = nil
        let left = (pendingByAddress[address] ?? 1) - 1
        pendingByAddress[address] = left > 0 ? left : nil
    }
}

/// A fixed pool of threads running handlers, fed by a FIFO queue: blocking handlers
/// (database, templates) never stall the event loop, and a flood of requests queues up
/// instead of creating threads. With a `quiet` task, the last worker to go idle after a burst
/// waits until no worker has finished a request for that many seconds and then runs the task
/// once (requests the event loops answer themselves, from the cache, are not counted).
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Connection] = []
    private var head = 0
    private var stopped = false
    /// Workers holding a connection now.
    private var busy = 0
    /// Whether a request was handled since the quiet task last ran.
    private var workedSinceQuiet = false
    /// When a worker last finished a request (`ProcessInfo.systemUptime`, a monotonic clock).
    private var lastFinished: TimeInterval = 0
    private let quiet: (seconds: Double, task: @Sendable () -> Void)?

    init(count: Int, quiet: (seconds: Double, task: @Sendable () -> Void)? = nil, work: @escaping @Sendable (Connection) -> Void) {
        self.quiet = quiet
        for index in 0..<max(1, count) {
            let name = "http-worker-\(index)"
            let thread = Thread { [self] in
                infitah_name_thread(name)
                var handled = false
                while let connection = self.take(afterHandling: handled) {
                    work(connection)
                    handled = true
                }
            }
            thread.name = name
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    func submit(_ connection: Connection) {
        condition.lock()
        queue.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Workers finish the job in hand and exit; nobody waits for them (a handler stuck
    /// past the shutdown grace must not hold the process).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next connection to work on, once the worker is done with the one it handled (none at its start).
    private func take(afterHandling handled: Bool) -> Connection? {
        condition.lock()
        defer { condition.unlock() }
        if handled {
            busy -= 1
            workedSinceQuiet = true
            lastFinished = ProcessInfo.processInfo.systemUptime
        }
        while head == queue.count && !stopped {
            guard let quiet, busy == 0, workedSinceQuiet else {
                condition.wait()
                continue
            }
            // Quiet since the last request finished, by whichever worker: another may have
            // handled one while this one waited, so the wait is measured from that, not from
            // when this one began.
            let left = lastFinished + quiet.seconds - ProcessInfo.processInfo.systemUptime
            if left > 0 {
                _ = condition.wait(until: Date(timeIntervalSinceNow: left))
                continue
            }
            // A whole quiet period with every worker idle: run the task outside the lock.
            workedSinceQuiet = false
            condition.unlock()
            quiet.task()
            condition.lock()
        }
        guard !stopped else { return nil }
        let connection = queue[head]
        head += 1
        busy += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        return connection
    }
}
