import Foundation
import Glibc

/// Monotonic time in nanoseconds, for deadlines and durations (wall time can jump).
@inline(__always) func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// The wall-clock strings every response and log line needs, formatted once per second
/// instead of once per request: a `Date` field (IMF-fixdate, RFC 9110 §5.6.7) and an
/// ISO-8601 UTC timestamp for the access log.
final class WallClock: @unchecked Sendable {
    private let lock = NSLock()
    private var second = -1
    private var dateField: [UInt8] = []
    private var iso: String = ""

    /// "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n" as bytes, and the ISO-8601 form.
    func current() -> (dateField: [UInt8], iso: String) {
        let now = time(nil)
        lock.lock()
        defer { lock.unlock() }
        if now != second {
            second = now
            var parts = tm()
            var t = now
            gmtime_r(&t, &parts)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let year = Int(parts.tm_year) + 1900
            let text = "Date: \(days[Int(parts.tm_wday)]), \(Self.two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(year) "
                + "\(Self.two(parts.tm_hour)):\(Self.two(parts.tm_min)):\(Self.two(parts.tm_sec)) GMT\r\n"
            dateField = Array(text.utf8)
            iso = "\(year)-\(Self.two(parts.tm_mon + 1))-\(Self.two(parts.tm_mday))T"
                + "\(Self.two(parts.tm_hour)):\(Self.two(parts.tm_min)):\(Self.two(parts.tm_sec))Z"
        }
        return (dateField, iso)
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// One line per request on stderr, buffered so that logging costs an append under a lock
/// rather than a write per request; the event loop flushes it a few times a second.
final class AccessLog: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    let enabled: Bool
    private let fd: Int32

    /// `fd` is stderr except in tests.
    init(enabled: Bool, fd: Int32 = 2) {
        self.enabled = enabled
        self.fd = fd
        buffer.reserveCapacity(64 * 1024)
    }

    /// "2026-11-23T09:40:00Z GET /ar/ 200 5120 412us". Written into the buffer piece by piece,
    /// with no string made for the line: the loop logs every cached answer, tens of thousands a second.
    func record(time: String, method: String, path: Substring, status: Int, bytes: Int, microseconds: UInt64) {
        guard enabled else { return }
        lock.lock()
        buffer.append(contentsOf: time.utf8)
        buffer.append(32)
        buffer.append(contentsOf: method.utf8)
        buffer.append(32)
        buffer.append(contentsOf: path.utf8)
        buffer.append(32)
        Self.appendDecimal(UInt64(max(0, status)), to: &buffer)
        buffer.append(32)
        Self.appendDecimal(UInt64(max(0, bytes)), to: &buffer)
        buffer.append(32)
        Self.appendDecimal(microseconds, to: &buffer)
        buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "s"), 10])
        let full = buffer.count >= 32 * 1024
        lock.unlock()
        if full { flush() }
    }

    private static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(truncatingIfNeeded: value / divisor % 10) + 48)
            divisor /= 10
        } while divisor > 0
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Unexpected failures (a handler's non-HTTP error, a failed syscall) go straight to stderr.
func logError(_ message: String) {
    let line = Array("[http] \(message)\n".utf8)
    line.withUnsafeBytes { _ = write(2, $0.baseAddress!, $0.count) }
}
