import Foundation
import Glibc

/// One event loop: an epoll set, the connections it holds, and the thread that waits on it.
/// Every loop reads, parses, answers what is ready (cached pages, files) and keeps its
/// connections' timeouts; the first also accepts, and deals new connections to every loop in
/// turn, so that each core answers its share. Every function here runs on the thread that owns
/// the connection at that moment: its loop's thread, or (`onWorker: true`) the worker that took
/// it. Ownership changes only by arming epoll (to the loop) or `submit` (to a worker).
final class EventLoop: @unchecked Sendable {
    private static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let listenerToken = UInt64.max
    private static let wakeToken = UInt64.max - 1

    /// Held strongly while the loop runs, as a running server must be; `loopFinished` breaks the cycle.
    let server: HTTPServer
    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let limits: HTTPRequestParser.Limits
    let encoder: ResponseEncoder
    let clock: WallClock
    let accessLog: AccessLog
    let admission: Admission
    let workers: WorkerPool
    let epoll: Int32
    /// Written to stop the loop or to tell it connections wait in `inbox`.
    private let wakeFD: Int32

    // Owned by this loop's thread.
    private var connections: [Int32: Connection] = [:]
    private var draining = false
    private var graceDeadline: UInt64 = 0
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    // The accepting loop's own (the others have no listener).
    private var listener: Int32
    private var acceptPaused = false
    private var generation: UInt64 = 0
    private var nextLoop = 0
    /// The 503 `refuse` sends, with the Date it carries.
    private var refusal: (date: [UInt8], bytes: [UInt8]) = ([], [])

    /// Connections the accepting loop dealt to this one, not yet in its table; closed once the loop ends.
    private let inboxLock = NSLock()
    private var inbox: [Connection] = []
    private var inboxOpen = true

    init(server: HTTPServer, workers: WorkerPool, listener: Int32) throws {
        self.server = server
        configuration = server.configuration
        responder = server.responder
        limits = server.limits
        encoder = server.encoder
        clock = server.clock
        accessLog = server.accessLog
        admission = server.admission
        self.workers = workers
        self.listener = listener
        epoll = try Epoll.create()
        do { wakeFD = try Epoll.makeEventFD() } catch { close(epoll); throw error }
        Epoll.control(epoll, Epoll.add, wakeFD, events: Epoll.input, token: Self.wakeToken)
        if listener >= 0 { Epoll.control(epoll, Epoll.add, listener, events: Epoll.input, token: Self.listenerToken) }
    }

    deinit { readBuffer.deallocate() }

    /// Start failed after this loop was made: give back its epoll and eventfd (not the listener,
    /// which the caller still owns).
    func closeDescriptors() {
        close(epoll)
        close(wakeFD)
    }

    /// Makes the loop look at its inbox and at the server's phase; nothing once the loop has
    /// ended (its eventfd is closed then, and the number may belong to another file).
    func wake() {
        inboxLock.lock()
        defer { inboxLock.unlock() }
        if inboxOpen { writeWake() }
    }

    /// Called with `inboxLock` held and the inbox open.
    private func writeWake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }
}

extension EventLoop {
    private func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }

    // MARK: - Loop

    func run() {
        let capacity: Int32 = 256
        let events = UnsafeMutableRawPointer.allocate(byteCount: Int(capacity) * 16, alignment: 8)
        defer { events.deallocate() }
        let shortest = [configuration.headerTimeout, configuration.idleTimeout, configuration.bodyTimeout,
                        configuration.writeTimeout].min() ?? 1
        // Timeouts are checked by a sweep; its period bounds how late a timeout fires.
        let tick = shortest < 2 ? nanoseconds(0.05) : nanoseconds(0.25)
        var lastSweep = monotonicNanoseconds()
        while true {
            let count = Epoll.wait(epoll, events, capacity: capacity, timeoutMilliseconds: Int32(tick / 1_000_000))
            if count < 0 && errno != EINTR {
                logError("epoll_wait: \(SocketError("epoll_wait"))")
                break
            }
            for index in 0..<Int(max(0, count)) {
                let (flags, token) = Epoll.event(in: events, at: index)
                switch token {
                case Self.listenerToken:
                    acceptConnections()
                case Self.wakeToken:
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    takeInbox()
                    if !draining && server.isStopping { beginDraining() }
                default:
                    guard let connection = connections[Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)],
                          connection.token == token else { continue }
                    handle(connection, flags: flags)
                }
            }
            let now = monotonicNanoseconds()
            if now &- lastSweep >= tick {
                lastSweep = now
                sweep(now: now)
                accessLog.flush()
                if acceptPaused && !draining {
                    acceptPaused = false
                    Epoll.control(epoll, Epoll.add, listener, events: Epoll.input, token: Self.listenerToken)
                }
            }
            if draining && (connections.isEmpty || now >= graceDeadline) { break }
        }
        // Grace is over (or nothing is left): close everything still open, and what was dealt
        // to this loop too late to be taken.
        for connection in Array(connections.values) { closeConnection(connection) }
        inboxLock.lock()
        inboxOpen = false
        let late = inbox
        inbox = []
        inboxLock.unlock()
        for connection in late { close(connection.fd); admission.release(connection) }
        if listener >= 0 { close(listener); listener = -1 }
        closeDescriptors()
        server.loopFinished()
    }

    /// Stop accepting (closing the listener refuses new connections) and drop idle ones.
    private func beginDraining() {
        draining = true
        graceDeadline = monotonicNanoseconds() &+ nanoseconds(configuration.shutdownGrace)
        if listener >= 0 {
            Epoll.control(epoll, Epoll.delete, listener, events: 0, token: 0)
            close(listener)
            listener = -1
        }
        sweep(now: monotonicNanoseconds())
    }

    private func acceptConnections() {
        guard !draining else { return }
        for _ in 0..<256 {   // bounded, so a connect flood cannot starve established clients
            let fd: Int32, address: String
            switch Socket.accept(listener) {
            case .connection(let acceptedFD, let acceptedAddress):
                (fd, address) = (acceptedFD, acceptedAddress)
            case .none:
                return
            case .exhausted:
                logError("accept: out of file descriptors; pausing accepts")
                Epoll.control(epoll, Epoll.delete, listener, events: 0, token: 0)
                acceptPaused = true
                return
            }
            generation &+= 1
            let token = (generation << 32) | UInt64(UInt32(bitPattern: fd))
            let loop = server.loops[nextLoop]
            let connection = Connection(fd: fd, token: token, loop: loop,
                                        parser: HTTPRequestParser(limits: limits, remoteAddress: address))
            connection.deadline = monotonicNanoseconds() &+ nanoseconds(configuration.headerTimeout)
            // One address may not hold more than its share of connections without a whole request.
            // Full: room is made by shedding the oldest connection still without a whole request;
            // only when every connection has sent one is the newcomer refused.
            switch admission.admit(connection, from: address) {
            case .refused:
                refuse(fd)
                continue
            case .admitted(let shed):
                if let shed { shed.loop.shed(shed, from: self) }
            }
            nextLoop = (nextLoop + 1) % server.loops.count
            if loop === self {
                register(connection)
            } else if !loop.deal(connection) {
                close(fd)
                admission.release(connection)
            }
        }
    }

    /// Hands a new connection to this loop from the accepting one; false once the loop has ended.
    private func deal(_ connection: Connection) -> Bool {
        inboxLock.lock()
        guard inboxOpen else {
            inboxLock.unlock()
            return false
        }
        if inbox.isEmpty { writeWake() }
        inbox.append(connection)
        inboxLock.unlock()
        return true
    }

    /// Closes a connection the accepting loop shed to make room: at once when it is this loop's
    /// own caller, else marked and armed for any event, so its own loop closes it. Only a
    /// connection without a whole request is shed, and such a connection is never in a worker
    /// (`Admission.sentWholeRequest` refuses a request of a shed one).
    private func shed(_ connection: Connection, from caller: EventLoop) {
        guard caller !== self else {
            closeConnection(connection)
            return
        }
        markForClosing(connection, fromWorker: false)
    }

    /// Takes what the accepting loop dealt (after the wake was read, so nothing dealt later is missed).
    private func takeInbox() {
        inboxLock.lock()
        let dealt = inbox
        inbox.removeAll(keepingCapacity: true)
        inboxLock.unlock()
        for connection in dealt { register(connection) }
    }

    /// Puts a new connection in this loop's table and epoll set (on this loop's thread).
    private func register(_ connection: Connection) {
        connections[connection.fd] = connection
        connection.lock.lock()
        let shed = connection.closeRequested
        connection.lock.unlock()
        if shed || Epoll.control(epoll, Epoll.add, connection.fd, events: Epoll.input | Epoll.oneShot,
                                 token: connection.token) != 0 {
            if !shed { logError("epoll_ctl add: \(SocketError("epoll_ctl"))") }
            closeConnection(connection)
        }
    }

    /// Over the connection limit: answer 503 and close, so the client learns why. The answer is
    /// rendered once per second (its Date), not per refusal: under a connect flood refusing is
    /// most of the loop's work, and a citizen's connection waits in the accept queue behind it.
    private func refuse(_ fd: Int32) {
        let date = clock.current().dateField
        if refusal.date != date {
            let page = responder.errorPage(for: .serviceUnavailable, request: nil, acceptLanguage: nil)
            let (head, body) = encoder.encode(page, requestMethod: nil, acceptEncoding: nil, keepAlive: false,
                                              http10: false, dateField: date)
            refusal = (date, head + body)
        }
        _ = refusal.bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        Glibc.shutdown(fd, Int32(SHUT_WR))
        // Read what already arrived so close() does not turn into a reset that eats the 503.
        _ = recv(fd, readBuffer.baseAddress, readBuffer.count, Int32(MSG_DONTWAIT))
        close(fd)
    }

    private func handle(_ connection: Connection, flags: UInt32) {
        connection.lock.lock()
        let closeRequested = connection.closeRequested
        connection.lock.unlock()
        if closeRequested {
            closeConnection(connection)
            return
        }
        switch connection.mode {
        case .reading: readAndProcess(connection)
        case .writing: continueWriting(connection)
        case .lingering: linger(connection)
        }
    }

    private func readAndProcess(_ connection: Connection) {
        let count = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
        if count > 0 {
            connection.parser.append(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
        } else if count == 0 {
            // The client half-closed: still answer what it sent, then close.
            connection.peerClosed = true
            if connection.parser.bufferedByteCount == 0 {
                closeConnection(connection)
                return
            }
        } else {
            if errno == EAGAIN || errno == EINTR {
                armForReading(connection)
            } else {
                closeConnection(connection)
            }
            return
        }
        process(connection, onWorker: false)
    }

    /// Lingering close (RFC 9112 §9.6): after the last response we stop sending, then read
    /// and discard until the client closes (or a short deadline), so that unread request
    /// bytes do not make the kernel reset the connection before the client read our answer.
    private func linger(_ connection: Connection) {
        for _ in 0..<16 {
            let count = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
            if count > 0 { continue }
            if count < 0 && (errno == EAGAIN || errno == EINTR) {
                arm(connection, events: Epoll.input, deadline: nil)
                return
            }
            break
        }
        closeConnection(connection)
    }

    /// The timeout sweep: runs a few times a second over every loop-owned connection.
    private func sweep(now: UInt64) {
        if listener >= 0 { admission.compact() }
        for connection in Array(connections.values) {
            connection.lock.lock()
            let owned = !connection.inWorker
            let expired = connection.deadline <= now
            connection.lock.unlock()
            guard owned else { continue }
            if draining && (connection.mode == .lingering
                            || connection.mode == .reading && connection.parser.phase == .idle) {
                closeConnection(connection)
            } else if expired {
                timeOut(connection)
            }
        }
    }

    private func timeOut(_ connection: Connection) {
        if connection.mode == .reading && connection.parser.phase == .head {
            // A head that did not arrive in time (slowloris): nothing was sent for this
            // request yet, so say 408 (RFC 9110 §15.5.9) on the way out.
            let page = responder.errorPage(for: .requestTimeout, request: nil, acceptLanguage: nil)
            let (head, body) = encoder.encode(page, requestMethod: nil, acceptEncoding: nil, keepAlive: false,
                                              http10: false, dateField: clock.current().dateField)
            _ = sendAll(connection, head + body)
            connection.lock.lock()
            if !connection.closed { Glibc.shutdown(connection.fd, Int32(SHUT_WR)) }
            connection.lock.unlock()
        }
        closeConnection(connection)
    }

    /// Closes on the connection's loop thread, which owns its table.
    func closeConnection(_ connection: Connection) {
        connection.lock.lock()
        if !connection.closed {
            connection.closed = true
            close(connection.fd)
        }
        connection.lock.unlock()
        if connections[connection.fd] === connection {
            connections.removeValue(forKey: connection.fd)
        }
        admission.release(connection)
    }

    // MARK: - Arming (hands the connection back to the loop)

    /// Re-arms the one-shot registration; from here on the loop owns the connection.
    /// `deadline` nil keeps the current one (lingering must not be extended by the client).
    /// A connection shed meanwhile by the accepting loop is armed to close at once.
    private func arm(_ connection: Connection, events: UInt32, deadline: UInt64?) {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return }
        connection.inWorker = false
        let shed = connection.closeRequested
        if shed { connection.deadline = 0 } else if let deadline { connection.deadline = deadline }
        Epoll.control(epoll, Epoll.modify, connection.fd, events: (shed ? Epoll.input | Epoll.output : events) | Epoll.oneShot,
                      token: connection.token)
    }

    /// Waits for the next bytes, with the deadline that fits where the parser is.
    private func armForReading(_ connection: Connection) {
        let now = monotonicNanoseconds()
        let deadline: UInt64
        switch connection.parser.phase {
        case .idle:
            deadline = now &+ nanoseconds(connection.requestCount == 0 ? configuration.headerTimeout
                                                                        : configuration.idleTimeout)
        case .head:
            // Absolute from the first byte: trickling cannot extend it.
            if connection.headStartedAt == 0 { connection.headStartedAt = now }
            deadline = connection.headStartedAt &+ nanoseconds(configuration.headerTimeout)
        case .body:
            deadline = now &+ nanoseconds(configuration.bodyTimeout)
        }
        arm(connection, events: Epoll.input, deadline: deadline)
    }

    /// Asks the loop to close a connection a worker holds (or closes it, on the loop).
    private func requestClose(_ connection: Connection, onWorker: Bool) {
        guard onWorker else {
            closeConnection(connection)
            return
        }
        markForClosing(connection, fromWorker: true)
    }

    /// Marks a connection another thread holds for this loop to close, and arms it for any event
    /// (a writable or broken socket reports at once; otherwise the sweep catches it, its deadline
    /// past). A worker hands it back to the loop so; a shedding loop leaves one a worker holds
    /// to that worker, whose next arming sees the mark.
    private func markForClosing(_ connection: Connection, fromWorker: Bool) {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return }
        connection.closeRequested = true
        connection.deadline = 0
        if fromWorker { connection.inWorker = false } else if connection.inWorker { return }
        Epoll.control(epoll, Epoll.modify, connection.fd, events: Epoll.input | Epoll.output | Epoll.oneShot,
                      token: connection.token)
    }

    private func beginLinger(_ connection: Connection, onWorker: Bool) {
        connection.lock.lock()
        let closed = connection.closed
        if !closed { Glibc.shutdown(connection.fd, Int32(SHUT_WR)) }
        connection.lock.unlock()
        guard !closed else { return }
        connection.mode = .lingering
        let linger = min(2.0, max(0.5, configuration.idleTimeout))
        arm(connection, events: Epoll.input, deadline: monotonicNanoseconds() &+ nanoseconds(linger))
    }

    // MARK: - Request cycle

    /// Parses what is buffered and acts on it. On the loop a complete request goes to a
    /// worker; on a worker it is answered in place, then pipelined ones follow in order.
    func process(_ connection: Connection, onWorker: Bool) {
        while true {
            let progress: HTTPRequestParser.Progress
            do {
                progress = try connection.parser.next()
            } catch {
                respond(to: error, on: connection, onWorker: onWorker)
                return
            }
            switch progress {
            case .needMore:
                if connection.peerClosed {
                    requestClose(connection, onWorker: onWorker)
                } else {
                    armForReading(connection)
                }
                return
            case .continueExpected:
                guard sendAll(connection, Self.continueResponse) else {
                    requestClose(connection, onWorker: onWorker)
                    return
                }
            case .request(let request):
                // The first request of a connection is always read on its loop.
                if connection.requestCount == 0 && !admission.sentWholeRequest(connection) {
                    closeConnection(connection)   // shed meanwhile by the accepting loop
                    return
                }
                connection.headStartedAt = 0
                connection.requestCount += 1
                connection.requestStartedAt = monotonicNanoseconds()
                guard onWorker else {
                    // Answered on the loop when the responder has it ready (a cached page, a
                    // file): no hand-over to a worker and back. Pipelined requests follow.
                    if let response = responder.immediateResponse(to: request), response.stream == nil {
                        guard answer(response, for: request, on: connection, onWorker: false) else { return }
                        continue
                    }
                    connection.currentRequest = request
                    connection.lock.lock()
                    connection.inWorker = true
                    connection.lock.unlock()
                    workers.submit(connection)
                    return
                }
                guard respond(to: request, on: connection) else { return }
            }
        }
    }

    func runOnWorker(_ connection: Connection) {
        // A streamed body whose last chunk the loop finished sending: pull the next one here.
        if connection.stream != nil {
            if pumpStream(connection) { process(connection, onWorker: true) }
            return
        }
        guard let request = connection.currentRequest else { return }
        connection.currentRequest = nil
        if respond(to: request, on: connection) {
            process(connection, onWorker: true)
        }
    }

    /// Runs the handler and writes its answer; true when the connection should go on reading.
    private func respond(to request: HTTPRequest, on connection: Connection) -> Bool {
        answer(responder.response(to: request), for: request, on: connection, onWorker: true)
    }

    /// Writes `response` to `request` (on a worker, or on the loop for an immediate answer,
    /// which never streams); true when the connection should go on reading.
    private func answer(_ response: HTTPResponse, for request: HTTPRequest, on connection: Connection, onWorker: Bool) -> Bool {
        // Decided after the handler: a shutdown that began meanwhile closes this connection.
        // A client that half-closed still gets every request it sent, then the close.
        // A body of unknown length ends an HTTP/1.0 exchange by closing the connection.
        let closeDelimited = response.stream.map { !$0.isLengthKnown } == true && request.version.minor == 0
        let keepAlive = HTTPRequestParser.keepAlive(for: request) && !server.isStopping && !closeDelimited
            && !(connection.peerClosed && connection.parser.bufferedByteCount == 0)
        let time = clock.current()
        let (head, body, file) = encoder.encodeForSending(response, requestMethod: request.method,
                                                          acceptEncoding: request.headers["Accept-Encoding"],
                                                          keepAlive: keepAlive, http10: request.version.minor == 0,
                                                          dateField: time.dateField)
        let code = response.status.code
        let streamed = response.stream.flatMap { stream in
            request.method == .head || (100..<200).contains(code) || code == 204 || code == 304 ? nil : stream
        }
        if accessLog.enabled {
            let target = request.target
            let path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
            accessLog.record(time: time.iso, method: request.method.rawValue, path: path,
                             status: response.status.code,
                             bytes: head.count + body.count + (streamed.map { $0.isLengthKnown ? $0.count : 0 } ?? 0),
                             microseconds: (monotonicNanoseconds() &- connection.requestStartedAt) / 1000)
        }
        if let streamed {
            connection.stream = streamed
            connection.streamOffset = 0
            connection.streamChunked = !streamed.isLengthKnown && request.version.minor != 0
            connection.streamDone = false
            connection.pendingOutput = head
            connection.pendingOffset = 0
            connection.closeAfterWrite = !keepAlive
            return pumpStream(connection)
        }
        return write(head: head, body: body, file: file, to: connection, closeAfter: !keepAlive, onWorker: onWorker)
    }

    /// How much of a streamed body one pull reads (and one write offers the socket).
    static let streamChunk = 256 * 1024

    /// Sends a streamed response on a worker: what is pending, then chunk after chunk pulled
    /// from the stream, until the body is sent (true: go on reading the connection) or the
    /// socket is full (the loop waits for it to drain and hands the connection back to a
    /// worker for the next chunk, so a slow reader holds a descriptor, never a thread).
    private func pumpStream(_ connection: Connection) -> Bool {
        guard let stream = connection.stream else { return true }
        while true {
            if connection.pendingOffset == connection.pendingOutput.count {
                connection.pendingOutput.removeAll(keepingCapacity: true)
                connection.pendingOffset = 0
            }
            if !stream.isLengthKnown {
                if !connection.streamDone && connection.pendingOutput.count < Self.streamChunk / 2 {
                    guard pullUnknownLength(stream, into: connection) else {
                        endStream(connection)
                        requestClose(connection, onWorker: true)
                        return false
                    }
                }
            } else {
                // Top the pending bytes up to one chunk (the head and the first chunk leave together).
                let wanted = min(Self.streamChunk - connection.pendingOutput.count, stream.count - connection.streamOffset)
                if wanted > 0 {
                    let start = connection.pendingOutput.count
                    connection.pendingOutput.append(contentsOf: repeatElement(0, count: wanted))
                    let read: Int
                    do {
                        read = try connection.pendingOutput.withUnsafeMutableBytes { bytes in
                            try stream.read(at: connection.streamOffset,
                                            into: UnsafeMutableRawBufferPointer(rebasing: bytes[start..<(start + wanted)]))
                        }
                    } catch {
                        logError("streamed body failed at byte \(connection.streamOffset): \(error)")
                        read = -1
                    }
                    guard read > 0 && read <= wanted else {
                        // The head promised `count` bytes: a body cut short can only end the connection.
                        if read >= 0 { logError("streamed body ended at byte \(connection.streamOffset) of \(stream.count)") }
                        endStream(connection)
                        requestClose(connection, onWorker: true)
                        return false
                    }
                    connection.pendingOutput.removeLast(wanted - read)
                    connection.streamOffset += read
                }
            }
            if connection.pendingOutput.isEmpty && (stream.isLengthKnown || connection.streamDone) {
                endStream(connection)
                if connection.closeAfterWrite {
                    beginLinger(connection, onWorker: true)
                    return false
                }
                return true
            }
            switch flushPending(connection) {
            case .complete:
                continue
            case .partial:
                connection.mode = .writing
                arm(connection, events: Epoll.output,
                    deadline: monotonicNanoseconds() &+ nanoseconds(configuration.writeTimeout))
                return false
            case .failed:
                endStream(connection)
                requestClose(connection, onWorker: true)
                return false
            }
        }
    }

    /// Pulls the next piece of a body of unknown length and frames it: a chunk (its size in hex,
    /// the bytes, CRLF), or the last chunk once `read` gives 0. False when the stream failed.
    private func pullUnknownLength(_ stream: any HTTPBodyStream, into connection: Connection) -> Bool {
        let start = connection.pendingOutput.count
        let wanted = Self.streamChunk - start
        connection.pendingOutput.append(contentsOf: repeatElement(0, count: wanted))
        let read: Int
        do {
            read = try connection.pendingOutput.withUnsafeMutableBytes { bytes in
                try stream.read(at: connection.streamOffset, into: UnsafeMutableRawBufferPointer(rebasing: bytes[start..<(start + wanted)]))
            }
        } catch {
            logError("streamed body failed at byte \(connection.streamOffset): \(error)")
            connection.pendingOutput.removeLast(wanted)
            return false
        }
        guard read >= 0 && read <= wanted else { connection.pendingOutput.removeLast(wanted); return false }
        connection.pendingOutput.removeLast(wanted - read)
        connection.streamOffset += read
        if read == 0 {
            connection.streamDone = true
            if connection.streamChunked { connection.pendingOutput.append(contentsOf: Self.lastChunk) }
        } else if connection.streamChunked {
            connection.pendingOutput.insert(contentsOf: Array((String(read, radix: 16) + "\r\n").utf8), at: start)
            connection.pendingOutput.append(13); connection.pendingOutput.append(10)
        }
        return true
    }

    private static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private func endStream(_ connection: Connection) {
        connection.stream = nil
        connection.streamOffset = 0
        connection.streamDone = false
        connection.pendingOutput = []
        connection.pendingOffset = 0
        connection.mode = .reading
    }

    /// Writes `pendingOutput` from `pendingOffset` as far as the socket takes it.
    private func flushPending(_ connection: Connection) -> WriteResult {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return .failed }
        return connection.pendingOutput.withUnsafeBytes { raw in
            while connection.pendingOffset < raw.count {
                let count = send(connection.fd, raw.baseAddress! + connection.pendingOffset,
                                 raw.count - connection.pendingOffset, Int32(MSG_NOSIGNAL))
                if count > 0 { connection.pendingOffset += count; continue }
                if count < 0 && errno == EINTR { continue }
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .partial(sent: connection.pendingOffset) }
                return .failed
            }
            return .complete
        }
    }

    /// Parse errors: answer the error page, then close (the stream can no longer be trusted).
    private func respond(to error: HTTPParseError, on connection: Connection, onWorker: Bool) {
        let page = responder.errorPage(for: error.status, request: nil, acceptLanguage: error.acceptLanguage)
        let time = clock.current()
        let (head, body) = encoder.encode(page, requestMethod: nil, acceptEncoding: nil, keepAlive: false,
                                          http10: false, dateField: time.dateField)
        accessLog.record(time: time.iso, method: "-", path: "-"[...], status: error.status.code,
                         bytes: head.count + body.count, microseconds: 0)
        _ = write(head: head, body: body, to: connection, closeAfter: true, onWorker: onWorker)
    }

    // MARK: - Writing

    private enum WriteResult { case complete, partial(sent: Int), failed }

    /// One sendmsg for head and body when the socket takes it all (the usual case), or the head
    /// then `sendfile` from `file` (the same bytes as `body`, kept in memory for this); a slow
    /// reader's remainder is kept and written by the loop as the socket drains.
    private func write(head: [UInt8], body: [UInt8], file: MemoryFile? = nil, to connection: Connection, closeAfter: Bool,
                       onWorker: Bool) -> Bool {
        let result = file.map { sendResponse(connection, head, from: $0) } ?? sendResponse(connection, head, body)
        switch result {
        case .complete:
            if closeAfter {
                beginLinger(connection, onWorker: onWorker)
                return false
            }
            return true
        case .partial(let sent):
            var rest: [UInt8] = []
            rest.reserveCapacity(head.count + body.count - sent)
            if sent < head.count {
                rest.append(contentsOf: head[sent...])
                rest.append(contentsOf: body)
            } else {
                rest.append(contentsOf: body[(sent - head.count)...])
            }
            connection.pendingOutput = rest
            connection.pendingOffset = 0
            connection.closeAfterWrite = closeAfter
            connection.mode = .writing
            arm(connection, events: Epoll.output,
                deadline: monotonicNanoseconds() &+ nanoseconds(configuration.writeTimeout))
            return false
        case .failed:
            requestClose(connection, onWorker: onWorker)
            return false
        }
    }

    private func sendResponse(_ connection: Connection, _ head: [UInt8], _ body: [UInt8]) -> WriteResult {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return .failed }
        let total = head.count + body.count
        var sent = 0
        return head.withUnsafeBytes { headBytes in
            body.withUnsafeBytes { bodyBytes in
                while sent < total {
                    var vectors = (iovec(), iovec())
                    var vectorCount = 0
                    withUnsafeMutableBytes(of: &vectors) { raw in
                        let list = raw.bindMemory(to: iovec.self)
                        if sent < headBytes.count {
                            list[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: headBytes.baseAddress! + sent),
                                            iov_len: headBytes.count - sent)
                            vectorCount = 1
                            if bodyBytes.count > 0 {
                                list[1] = iovec(iov_base: UnsafeMutableRawPointer(mutating: bodyBytes.baseAddress!),
                                                iov_len: bodyBytes.count)
                                vectorCount = 2
                            }
                        } else {
                            let offset = sent - headBytes.count
                            list[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: bodyBytes.baseAddress! + offset),
                                            iov_len: bodyBytes.count - offset)
                            vectorCount = 1
                        }
                    }
                    let count = withUnsafeMutableBytes(of: &vectors) { raw -> Int in
                        var message = msghdr()
                        message.msg_iov = raw.baseAddress!.assumingMemoryBound(to: iovec.self)
                        message.msg_iovlen = vectorCount
                        return sendmsg(connection.fd, &message, Int32(MSG_NOSIGNAL))
                    }
                    if count > 0 {
                        sent += count
                    } else if count < 0 && errno == EINTR {
                        continue
                    } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                        return .partial(sent: sent)
                    } else {
                        return .failed
                    }
                }
                return .complete
            }
        }
    }

    /// The head (with MSG_MORE: it leaves with the body's first bytes), then the body by
    /// `sendfile` from its memory file: the kernel takes the file's pages, and never copies the body
    /// out of our memory. `.partial(sent:)` counts head and body bytes as `sendResponse` does.
    private func sendResponse(_ connection: Connection, _ head: [UInt8], from file: MemoryFile) -> WriteResult {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return .failed }
        var sent = 0
        while sent < head.count {
            let count = head.withUnsafeBytes {
                send(connection.fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL | MSG_MORE))
            }
            if count > 0 { sent += count; continue }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .partial(sent: sent) }
            return .failed
        }
        var offset: off_t = 0
        while Int(offset) < file.count {
            let count = sendfile(connection.fd, file.fd, &offset, file.count - Int(offset))
            if count > 0 { continue }
            if count == 0 { return .failed }   // the file is sealed at its length: never before the end
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .partial(sent: head.count + Int(offset)) }
            return .failed
        }
        return .complete
    }

    /// Small writes (100 Continue, 408) that are expected to fit the socket buffer at once.
    private func sendAll(_ connection: Connection, _ bytes: [UInt8]) -> Bool {
        connection.lock.lock()
        defer { connection.lock.unlock() }
        guard !connection.closed else { return false }
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let count = send(connection.fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if count > 0 { offset += count; continue }
                if count < 0 && errno == EINTR { continue }
                return false
            }
            return true
        }
    }

    /// The loop's side of a stalled response: write more as the socket drains.
    private func continueWriting(_ connection: Connection) {
        var failed = false
        let finished: Bool = connection.pendingOutput.withUnsafeBytes { raw in
            while connection.pendingOffset < raw.count {
                let count = send(connection.fd, raw.baseAddress! + connection.pendingOffset,
                                 raw.count - connection.pendingOffset, Int32(MSG_NOSIGNAL))
                if count > 0 { connection.pendingOffset += count; continue }
                if count < 0 && errno == EINTR { continue }
                if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return false }
                failed = true
                return false
            }
            return true
        }
        if failed {
            connection.stream = nil
            closeConnection(connection)
        } else if finished, connection.stream != nil {
            // The chunk is out: the next one is read on a worker (reading may block on the store).
            connection.lock.lock()
            connection.inWorker = true
            connection.lock.unlock()
            workers.submit(connection)
        } else if !finished {
            // Progress refreshes the deadline: only a stalled reader is cut off.
            arm(connection, events: Epoll.output,
                deadline: monotonicNanoseconds() &+ nanoseconds(configuration.writeTimeout))
        } else {
            connection.pendingOutput = []
            connection.pendingOffset = 0
            connection.mode = .reading
            if connection.closeAfterWrite {
                beginLinger(connection, onWorker: false)
            } else {
                process(connection, onWorker: false)
            }
        }
    }
}
