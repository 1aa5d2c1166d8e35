import Glibc

/// A failed system call, carrying errno and its text so that the failure explains itself
/// ("bind 127.0.0.1:8080: Address already in use (errno 98)").
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let code: Int32
    /// What went wrong when errno does not say it (getaddrinfo has its own error texts).
    public let detail: String?
    public var message: String { detail ?? String(cString: strerror(code)) }
    public init(_ operation: String, code: Int32 = errno, detail: String? = nil) {
        self.operation = operation; self.code = code; self.detail = detail
    }
    public var description: String { detail.map { "\(operation): \($0)" } ?? "\(operation): \(message) (errno \(code))" }
}

/// epoll and eventfd (Linux). Swift's Glibc module does not export <sys/epoll.h> or
/// <sys/eventfd.h>, and we add no C targets, so the four calls are looked up once in libc.
/// `epoll_event` is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16).
enum Epoll {
    static let input: UInt32 = 0x001, output: UInt32 = 0x004, error: UInt32 = 0x008, hangUp: UInt32 = 0x010
    static let readHangUp: UInt32 = 0x2000, oneShot: UInt32 = 1 << 30
    static let add: Int32 = 1, delete: Int32 = 2, modify: Int32 = 3
    static let closeOnExec: Int32 = 0o2_000_000, nonBlocking: Int32 = 0o4000
    #if arch(x86_64)
    static let eventStride = 12
    #else
    static let eventStride = 16
    #endif

    private typealias CreateFunction = @convention(c) (Int32) -> Int32
    private typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32

    /// A libc function by name, nil where libc lacks it (then `create` refuses to start the
    /// server with a clear error instead of stopping the process).
    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
    private static let createFunction = symbol("epoll_create1", as: CreateFunction.self)
    private static let controlFunction = symbol("epoll_ctl", as: ControlFunction.self)
    private static let waitFunction = symbol("epoll_wait", as: WaitFunction.self)
    private static let eventFDFunction = symbol("eventfd", as: EventFDFunction.self)

    static func create() throws -> Int32 {
        guard let createFunction, controlFunction != nil, waitFunction != nil, eventFDFunction != nil else {
            throw SocketError("libc has no epoll (epoll_create1, epoll_ctl, epoll_wait, eventfd): the HTTP server needs Linux epoll", code: ENOSYS)
        }
        let fd = createFunction(closeOnExec)
        guard fd >= 0 else { throw SocketError("epoll_create1") }
        return fd
    }

    static func makeEventFD() throws -> Int32 {
        guard let eventFDFunction else { throw SocketError("eventfd", code: ENOSYS) }
        let fd = eventFDFunction(0, closeOnExec | nonBlocking)
        guard fd >= 0 else { throw SocketError("eventfd") }
        return fd
    }

    @discardableResult
    static func control(_ epoll: Int32, _ operation: Int32, _ fd: Int32, events: UInt32, token: UInt64) -> Int32 {
        var event = (UInt64(0), UInt64(0))   // 16 bytes, enough for either layout
        return withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: token, toByteOffset: eventStride == 12 ? 4 : 8, as: UInt64.self)
            return controlFunction?(epoll, operation, fd, raw.baseAddress) ?? -1
        }
    }

    /// Waits into `buffer` (room for `capacity` events); returns how many arrived.
    static func wait(_ epoll: Int32, _ buffer: UnsafeMutableRawPointer, capacity: Int32, timeoutMilliseconds: Int32) -> Int32 {
        waitFunction?(epoll, buffer, capacity, timeoutMilliseconds) ?? -1
    }

    static func event(in buffer: UnsafeMutableRawPointer, at index: Int) -> (events: UInt32, token: UInt64) {
        let base = buffer + index * eventStride
        return (base.loadUnaligned(as: UInt32.self),
                base.loadUnaligned(fromByteOffset: eventStride == 12 ? 4 : 8, as: UInt64.self))
    }
}

/// Socket set-up helpers; all I/O after accept is done by the event loop with plain calls.
enum Socket {
    /// A non-blocking listening socket bound to host:port (SO_REUSEADDR, big backlog).
    static func listen(host: String, port: Int, backlog: Int32 = 4096) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw SocketError("cannot listen on host \(host)", code: EINVAL, detail: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = SocketError("bind \(host):\(port)")
            close(fd)
            throw error
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let error = SocketError("listen \(host):\(port)")
            close(fd)
            throw error
        }
        setNonBlocking(fd)
        return fd
    }

    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// What one accept attempt gave.
    enum Accepted {
        case connection(fd: Int32, address: String)
        /// Nothing pending.
        case none
        /// Out of descriptors: the pending connection stays queued, so the caller must stop
        /// polling the listener for a while instead of spinning on it.
        case exhausted
    }

    static func accept(_ listener: Int32) -> Accepted {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        while true {
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
            }
            if fd >= 0 {
                setNonBlocking(fd)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return .connection(fd: fd, address: address(of: storage))
            }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .exhausted
            default: return .none
            }
        }
    }

    static func address(of storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer -> String in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    guard inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count)) != nil else { return "" }
                    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                guard inet_ntop(AF_INET, &raw, &text, socklen_t(text.count)) != nil else { return "" }
                return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Raises the soft open-files limit towards the hard one so maxConnections can be reached.
    static func raiseFileLimit(to wanted: Int) {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if limit.rlim_cur < target {
            limit.rlim_cur = target
            _ = setrlimit(RLIMIT_NOFILE_VALUE, &limit)
        }
    }

    private static var RLIMIT_NOFILE_VALUE: __rlimit_resource_t { __rlimit_resource_t(RLIMIT_NOFILE.rawValue) }
}
