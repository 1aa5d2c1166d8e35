import Foundation

/// One client connection. Exactly one thread owns it at a time: the event loop while it is
/// armed in epoll (one-shot), or the worker running its request. `lock` guards only what
/// both sides touch: the descriptor's life (so nothing writes to a closed, reused fd), the
/// deadline and owner flag the loop's timeout sweep reads, and epoll re-arming.
final class Connection: @unchecked Sendable {
    /// What the connection is doing, which decides how epoll events and timeouts are read.
    enum Mode { case reading, writing, lingering }

    let fd: Int32
    /// fd in the low bits, a generation in the high bits: an event for a closed connection
    /// can never be mistaken for a new one that reused the descriptor number.
    let token: UInt64
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
    /// The peer's address while no whole request has arrived (owned by the loop): what the
    /// per-address limit on pending connections counts.
    var pendingAddress: String?

    init(fd: Int32, token: UInt64, parser: HTTPRequestParser) {
        self.fd = fd; self.token = token; self.parser = parser
    }
}

/// A fixed pool of threads running handlers, fed by a FIFO queue: blocking handlers
/// (database, templates) never stall the event loop, and a flood of requests queues up
/// instead of creating threads.
final class WorkerPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Connection] = []
    private var head = 0
    private var stopped = false

    init(count: Int, work: @escaping @Sendable (Connection) -> Void) {
        for index in 0..<max(1, count) {
            let thread = Thread { [self] in
                while let connection = self.take() { work(connection) }
            }
            thread.name = "http-worker-\(index)"
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

    private func take() -> Connection? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !stopped { condition.wait() }
        guard !stopped else { return nil }
        let connection = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        return connection
    }
}
