import Dispatch
import Foundation
import Glibc
import CLinux

/// The HTTP/1.1 server (RFC 9110, RFC 9112) on plain sockets: one epoll event loop per core
/// (`ServerConfiguration.eventLoops`) does the reading, parsing, timeouts and the answers that
/// are ready (cached pages, files); the first loop also accepts, and hands each connection to
/// the loops in turn. A fixed pool of worker threads runs `responder.respond(to:)` and writes
/// the answer. No thread per connection, so idle or trickling clients cost a descriptor and a
/// few hundred bytes, never a thread.
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

    // Set by start(), then read-only.
    var workers: WorkerPool?
    var loops: [EventLoop] = []
    /// Loops still running; the last one out stops the workers and marks the server stopped.
    private var runningLoops = 0
    /// What every loop shares about which connections may stay (limits, shedding).
    let admission: Admission

    public init(configuration: ServerConfiguration, responder: any HTTPResponder) {
        self.configuration = configuration
        self.responder = responder
        self.limits = HTTPRequestParser.Limits(configuration)
        self.encoder = ResponseEncoder(securityHeaders: configuration.securityHeaders)
        self.accessLog = AccessLog(enabled: configuration.accessLog)
        self.admission = Admission(maxConnections: configuration.maxConnections,
                                   maxPendingPerAddress: configuration.maxPendingPerAddress)
    }

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
        Socket.raiseFileLimit(to: configuration.maxConnections + 256 + MemoryFile.limit)
        let workers = WorkerPool(count: configuration.workerThreads, quiet: configuration.whenQuiet.map { (configuration.quietSeconds, $0) }) { connection in
            connection.loop.runOnWorker(connection)
        }
        var loops: [EventLoop] = []
        do {
            for index in 0..<max(1, configuration.eventLoops) {
                loops.append(try EventLoop(server: self, workers: workers, listener: index == 0 ? bound.descriptor : -1))
            }
        } catch {
            for loop in loops { loop.closeDescriptors() }
            workers.stop()
            throw error
        }
        self.workers = workers
        self.loops = loops
        boundPort = Socket.boundPort(bound.descriptor)
        runningLoops = loops.count
        phase = .running
        for (index, loop) in loops.enumerated() {
            let name = "http-loop-\(index)"
            let thread = Thread {
                infitah_name_thread(name)
                loop.run()
            }
            thread.name = name
            thread.stackSize = 4 << 20
            thread.start()
        }
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
            let running = loops
            stateLock.unlock()
            for loop in running { loop.wake() }
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

    /// Called by each loop as it exits; the last one stops the workers and the server.
    func loopFinished() {
        stateLock.lock()
        runningLoops -= 1
        let last = runningLoops == 0
        if last { loops = [] }   // each loop held the server, and the server its loops
        stateLock.unlock()
        guard last else { return }
        workers?.stop()
        accessLog.flush()
        stateLock.lock()
        phase = .stopped
        stateLock.broadcast()
        stateLock.unlock()
    }
}
