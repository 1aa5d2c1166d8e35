import Foundation

/// Every knob of the server in one value, with production defaults, so a deployment
/// (or a test) states its limits and timeouts in one place.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 asks the kernel for a free port (tests read it back from `HTTPServer.port`).
    public var port = 8080
    /// Connections above this are accepted only to be answered 503 and closed — after the
    /// oldest connection that has not yet sent a whole request was shed to make room.
    public var maxConnections = 4096
    /// Connections one address may hold before sending a whole first request (slow header
    /// senders). Keep-alive clients that send whole requests are not counted, so a benchmark's
    /// 64 connections or a workshop's Wi-Fi behind one address are unaffected.
    public var maxPendingPerAddress = 256
    /// Request line plus header section (RFC 9112 §2); beyond it 431 (RFC 6585 §5).
    public var maxHeaderBytes = 16 * 1024
    /// The request-target alone; beyond it 414 (RFC 9110 §15.5.15).
    public var maxURIBytes = 8 * 1024
    /// Number of header fields; beyond it 431.
    public var maxHeaderCount = 100
    /// Decoded body size; beyond it 413 (RFC 9110 §15.5.14).
    public var maxBodyBytes = 1 << 20
    /// A larger body limit for the few routes that take a file (evidence, issue 13), decided from
    /// the method and the decoded path once the head is read and before any body byte is: nil
    /// keeps `maxBodyBytes`. Every other route keeps the small limit, so a large body is only
    /// ever buffered where one is expected.
    public var uploadBodyLimit: @Sendable (HTTPMethod, [String]) -> Int? = { _, _ in nil }
    /// Seconds to receive a whole request head once it started (slowloris); then 408 and close.
    public var headerTimeout: Double = 10
    /// Seconds a keep-alive connection may sit between requests.
    public var idleTimeout: Double = 5
    /// Seconds a body read may stall (no progress) before the connection is dropped.
    public var bodyTimeout: Double = 10
    /// Seconds a response write may stall (slow reader) before the connection is dropped.
    public var writeTimeout: Double = 10
    /// Event loops, each on its own thread: one per core, so that cached pages and files are
    /// answered by every core (the first loop accepts and deals connections to all of them).
    public var eventLoops: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Fixed number of threads running `HTTPResponder.respond(to:)`; they may block on the store.
    public var workerThreads: Int = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    /// Called on a worker thread once no worker has held a request for `quietSeconds` after
    /// some did: once per burst, never started while a worker holds a request, not again while
    /// the server stays idle. Requests the event loops answer themselves (cached pages, files)
    /// are not counted, and a worker may take a new request while it runs. The portal hands
    /// freed memory back to the system here.
    public var whenQuiet: (@Sendable () -> Void)? = nil
    /// Seconds without a request on any worker before `whenQuiet` runs.
    public var quietSeconds: Double = 1
    /// Seconds `shutdown()` waits for in-flight requests before closing everything.
    public var shutdownGrace: Double = 10
    /// Added to every response that does not already carry a field of the same name.
    public var securityHeaders: [(String, String)] = ServerConfiguration.defaultSecurityHeaders
    /// One line per request on stderr.
    public var accessLog: Bool = true

    /// A strict same-origin policy: pages are server-rendered, so nothing needs more.
    public static let defaultSecurityHeaders: [(String, String)] = [
        ("Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
    ]

    public init() {}
}
