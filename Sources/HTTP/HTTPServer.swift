import Dispatch
import Foundation
import Glibc

/// The HTTP/1.1 server (RFC 9110, RFC 9112) on plain sockets: one epoll event loop thread
/// does all accepting, reading, parsing and timeouts; a fixed pool of worker threads runs
/// `responder.respond(to:)` and writes the answer. No thread per connection, so idle or
/// trickling clients cost a descriptor and a few hundred bytes, never a thread.
public final class HTTPServer: @unchecked Sendable {
    /// The server's life, guarded by `stateLock`.
    enum Phase { case idle, running, stopping, stopped }

    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let limits: HTTPRequestParser.Limits
    let encoder: ResponseEncoder
    let clock = WallClock()
    let accessLog: AccessLog

    let stateLock = NSCondition()
    var phase = Phase.idle
    private var boundPort = 0
    private var signalSources: [any DispatchSourceSignal] = []

    // Set by start(), then read-only until the loop thread closes them on exit.
    var epoll: Int32 = -1
    var wakeFD: Int32 = -1
    var listener: Int32 = -1
    var workers: WorkerPool?

    // Owned by the event-loop thread.
    var connections: [Int32: Connection] = [:]
    var generation: UInt64 = 0
    var draining = false
    var acceptPaused = false
    /// Connections that have not yet sent a whole request, per peer address, and all of them in
    /// the order they came (entries of connections no longer pending are skipped and swept).
    var pendingByAddress: [String: Int] = [:]
    var pendingOrder: [(fd: Int32, token: UInt64)] = []
    /// The 503 `refuse` sends, with the Date it carries (loop thread only).
    var refusal: (date: [UInt8], bytes: [UInt8]) = ([], [])
    var pendingHead = 0
    var graceDeadline: UInt64 = 0
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    static let listenerToken = UInt64.max
    static let wakeToken = UInt64.max - 1

    public init(configuration: ServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        self.limits = HTTPRequestParser.Limits(configuration)
        self.encoder = ResponseEncoder(securityHeaders: configuration.securityHeaders)
        self.accessLog = AccessLog(enabled: configuration.accessLog)
    }

    deinit { readBuffer.deallocate() }

    /// The bound port after `start()` (useful with port 0).
    public var port: Int {
        stateLock.lock()
        defer { stateLock.unlock() }
        return boundPort
    }

    /// A socket listening on an address before any server answers it: a caller opens it first,
    /// so that a taken port or a bad host fails before it creates anything it would have to undo,
    /// and so that a spare port (0) is known before the answers are set up. `start(listener:)`
    /// takes it over; until then `close()` gives it back.
    public struct Listener: Sendable {
        public let descriptor: Int32
        /// The bound port (the one the system chose, for port 0).
        public let port: Int
        public func close() { _ = Glibc.close(descriptor) }
    }

    /// Listens on `host:port`. Throws a `SocketError` (with errno and its text) when the address cannot be used.
    public static func listen(host: String, port: Int) throws -> Listener {
        let descriptor = try Socket.listen(host: host, port: port)
        return Listener(descriptor: descriptor, port: Socket.boundPort(descriptor))
    }

    /// Binds, listens and starts the loop and worker threads. Throws a `SocketError`
    /// (with errno and its text) when the address cannot be used.
    public func start() throws {
        let listener = try HTTPServer.listen(host: configuration.host, port: configuration.port)
        do { try start(listener: listener) } catch { listener.close(); throw error }
    }

    /// Starts the loop and worker threads on `listener`, which the server now owns (and closes
    /// at shutdown; on a throw the caller still owns it).
    public func start(listener bound: Listener) throws {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard phase == .idle else { return }
        signal(SIGPIPE, SIG_IGN)
        Socket.raiseFileLimit(to: configuration.maxConnections + 256)
        let listener = bound.descriptor
        let epoll = try Epoll.create()
        let wakeFD: Int32
        do { wakeFD = try Epoll.makeEventFD() } catch { close(epoll); throw error }
        self.listener = listener; self.epoll = epoll; self.wakeFD = wakeFD
        boundPort = Socket.boundPort(listener)
        Epoll.control(epoll, Epoll.add, listener, events: Epoll.input, token: Self.listenerToken)
        Epoll.control(epoll, Epoll.add, wakeFD, events: Epoll.input, token: Self.wakeToken)
        workers = WorkerPool(count: configuration.workerThreads) { [self] connection in
            self.runOnWorker(connection)
        }
        let loop = Thread { [self] in self.runLoop() }
        loop.name = "http-event-loop"
        loop.stackSize = 4 << 20
        phase = .running
        loop.start()
    }

    /// Graceful and idempotent: stops accepting, lets in-flight requests finish (at most
    /// `shutdownGrace` seconds), closes every connection, stops the threads, then returns.
    public func shutdown() {
        stateLock.lock()
        switch phase {
        case .idle:
            phase = .stopped
            stateLock.broadcast()
            stateLock.unlock()
            return
        case .running:
            phase = .stopping
            stateLock.unlock()
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        case .stopping, .stopped:
            stateLock.unlock()
        }
        waitUntilStopped()
    }

    /// Blocks until `shutdown()` has completed (returns at once if the server never started).
    public func waitUntilStopped() {
        stateLock.lock()
        while phase == .running || phase == .stopping { stateLock.wait() }
        stateLock.unlock()
    }

    /// SIGTERM and SIGINT start a graceful shutdown; SIGPIPE is ignored (a client that
    /// hangs up must cost an EPIPE, not the process).
    public func installSignalHandlers() {
        signal(SIGPIPE, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                DispatchQueue.global().async { self.shutdown() }
            }
            source.resume()
            sources.append(source)
        }
        stateLock.lock()
        signalSources.append(contentsOf: sources)
        stateLock.unlock()
    }

    var isStopping: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return phase != .running
    }

    func markStopped() {
        stateLock.lock()
        phase = .stopped
        stateLock.broadcast()
        stateLock.unlock()
    }
}
