import Foundation
import HTTP
import SQLite

/// Rendered public pages kept for a moment, so that a page read by thousands of phones is
/// built once rather than thousands of times, within a bound in bytes (least recently used
/// pages leave first) and with one render per page at a time, however many ask at once. An entry is served only while the store has
/// seen no write since it was rendered (`Database.writeGeneration`) and for at most `maxAge`
/// seconds, and never past the next instant a call opens or closes (`CallEdges`): a page that
/// shows open calls changes then without any write. A response may ask for less itself:
/// `Cache-Control: max-age=N` (RFC 9111 §5.2.2.1) keeps it N seconds at most, `no-store` not at
/// all. The gzip form is made once, when the page is stored.
final class PageCache: @unchecked Sendable {
    /// What a cached page was rendered from: the store's writes and the calls' clock.
    struct Version: Equatable {
        var writes: UInt64
        var callEdges: UInt64
    }

    private struct Entry {
        let generation: Version
        let expires: UInt64
        let plain: HTTPResponse
        let gzipped: HTTPResponse?
        let bytes: Int
        var lastUsed: UInt64
    }

    /// Guards everything below; also what waiters on a render in flight sleep on.
    private let condition = NSCondition()
    private var entries: [String: Entry] = [:]
    private var totalBytes = 0
    private var uses: UInt64 = 0
    /// Keys being rendered now: a second miss for one of them waits instead of rendering too.
    private var rendering: Set<String> = []
    private let maxBytes: Int
    private let maxAge: UInt64

    /// `maxBytes` bounds the bodies kept (plain and gzip); the least recently used go first.
    init(maxBytes: Int = 8 << 20, maxAge: Double = 2) {
        self.maxBytes = maxBytes
        self.maxAge = UInt64(maxAge * 1_000_000_000)
    }

    /// The bytes the cache holds now (for tests and the benchmark's memory figures).
    var heldBytes: Int {
        condition.lock()
        defer { condition.unlock() }
        return totalBytes
    }

    /// The cached response for `key`, if still current.
    func response(for key: String, generation: Version, acceptsGzip: Bool) -> HTTPResponse? {
        condition.lock()
        defer { condition.unlock() }
        return current(key, generation: generation, acceptsGzip: acceptsGzip)
    }

    /// Called with the lock held.
    private func current(_ key: String, generation: Version, acceptsGzip: Bool) -> HTTPResponse? {
        guard var entry = entries[key] else { return nil }
        guard entry.generation == generation, entry.expires > DispatchTime.now().uptimeNanoseconds else {
            remove(key)
            return nil
        }
        uses &+= 1
        entry.lastUsed = uses
        entries[key] = entry
        return acceptsGzip ? (entry.gzipped ?? entry.plain) : entry.plain
    }

    /// The cached response, or the one `render` makes — rendered once however many requests
    /// miss the same key at the same moment: the others wait for it (then read it from the
    /// cache, or render themselves if it could not be kept).
    func response(for key: String, generation: Version, acceptsGzip: Bool, render: () throws -> HTTPResponse) rethrows -> HTTPResponse {
        condition.lock()
        while true {
            if let cached = current(key, generation: generation, acceptsGzip: acceptsGzip) {
                condition.unlock()
                return cached
            }
            guard rendering.contains(key) else { break }
            // Bounded wait: a render that never finishes must not hold its waiters forever.
            if !condition.wait(until: Date().addingTimeInterval(5)) { break }
        }
        let leads = rendering.insert(key).inserted
        condition.unlock()
        defer {
            if leads {
                condition.lock()
                rendering.remove(key)
                condition.broadcast()
                condition.unlock()
            }
        }
        let response = try render()
        let kept = store(response, for: key, generation: generation)
        return acceptsGzip ? (kept?.gzipped ?? response) : response
    }

    /// Keeps a 200 response rendered at `generation`; returns what was kept.
    @discardableResult
    func store(_ response: HTTPResponse, for key: String, generation: Version) -> (plain: HTTPResponse, gzipped: HTTPResponse?)? {
        guard response.status.code == 200 else { return nil }
        var lifetime = maxAge
        if let directives = response.headers["Cache-Control"]?.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if directives.contains("no-store") { return nil }
            for directive in directives where directive.hasPrefix("max-age=") {
                guard let seconds = UInt64(directive.dropFirst("max-age=".count)) else { return nil }
                lifetime = min(lifetime, seconds * 1_000_000_000)
            }
            if lifetime == 0 { return nil }
        }
        var gzipped: HTTPResponse? = nil
        if Gzip.isCompressible(contentType: response.headers["Content-Type"]), response.body.count >= 256,
           let body = Gzip.compress(response.body) {
            var compressed = response
            compressed.body = body
            compressed.headers.set("Content-Encoding", "gzip")
            compressed.headers.set("Vary", "Accept-Encoding")
            gzipped = compressed
        }
        let bytes = response.body.count + (gzipped?.body.count ?? 0) + key.utf8.count + 512
        guard bytes <= maxBytes / 4 else { return (response, gzipped) }   // one huge page does not empty the cache
        condition.lock()
        defer { condition.unlock() }
        remove(key)
        uses &+= 1
        entries[key] = Entry(generation: generation, expires: DispatchTime.now().uptimeNanoseconds + lifetime,
                             plain: response, gzipped: gzipped, bytes: bytes, lastUsed: uses)
        totalBytes += bytes
        // Least recently used first, until the bodies fit again.
        while totalBytes > maxBytes, let oldest = entries.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
            remove(oldest)
        }
        return (response, gzipped)
    }

    /// Called with the lock held.
    private func remove(_ key: String) {
        if let entry = entries.removeValue(forKey: key) { totalBytes -= entry.bytes }
    }
}

/// The next instant a call opens or closes, anywhere in the network. Pages that show calls
/// (home, commune, program, forms) change at that instant although nothing was written, so the
/// page cache counts each instant passed as a new epoch. The next instant is read again after
/// every write (a call created, edited, closed) and each time one passes: one small query.
final class CallEdges: @unchecked Sendable {
    private let lock = NSLock()
    private var knownWrites: UInt64? = nil   // guarded by lock
    private var nextEdge: Date? = nil        // guarded by lock
    private var computedAt: Date? = nil      // guarded by lock
    private var epoch: UInt64 = 0            // guarded by lock

    /// The next opening or closing known now (nil when none, or not read yet).
    var next: Date? {
        lock.lock()
        defer { lock.unlock() }
        return nextEdge
    }

    /// The epoch at `now`, given the store's write count and a way to read the next edge after a moment.
    func epoch(at now: Date, writes: UInt64, nextEdge: (Date) throws -> Date?) rethrows -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        // A clock set back (tests do; an operator might) makes what was read about it stale too.
        if let seen = computedAt, now < seen { knownWrites = nil }
        computedAt = now
        if knownWrites != writes {
            self.nextEdge = try nextEdge(now)
            knownWrites = writes
            epoch &+= 1
        }
        while let edge = self.nextEdge, now >= edge {
            self.nextEdge = try nextEdge(now)
            epoch &+= 1
        }
        return epoch
    }

    /// The first opening or closing time strictly after `now`.
    static func next(_ db: Connection, after now: Date) throws -> Date? {
        let text = Call.utcText(now)
        let edge = try db.scalar("""
            SELECT min(t) FROM (SELECT min(opens_at) AS t FROM calls WHERE opens_at > ?1
                                UNION ALL SELECT min(closes_at) FROM calls WHERE closes_at > ?1)
            """, [text], as: String.self)
        return try edge.map(Call.parse)
    }
}
