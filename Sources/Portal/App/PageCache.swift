import Foundation
import HTTP
import SQLite

/// Rendered public pages kept for a moment, so that a page read by thousands of phones is
/// built once rather than thousands of times. An entry is served only while the store has
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
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private let maxEntries: Int
    private let maxAge: UInt64

    init(maxEntries: Int = 2048, maxAge: Double = 2) {
        self.maxEntries = maxEntries
        self.maxAge = UInt64(maxAge * 1_000_000_000)
    }

    /// The cached response for `key`, if still current.
    func response(for key: String, generation: Version, acceptsGzip: Bool) -> HTTPResponse? {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key] else { return nil }
        guard entry.generation == generation, entry.expires > now else {
            entries[key] = nil
            return nil
        }
        return acceptsGzip ? (entry.gzipped ?? entry.plain) : entry.plain
    }

    /// Keeps a 200 response rendered at `generation`.
    func store(_ response: HTTPResponse, for key: String, generation: Version) {
        guard response.status.code == 200 else { return }
        var lifetime = maxAge
        if let directives = response.headers["Cache-Control"]?.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if directives.contains("no-store") { return }
            for directive in directives where directive.hasPrefix("max-age=") {
                guard let seconds = UInt64(directive.dropFirst("max-age=".count)) else { return }
                lifetime = min(lifetime, seconds * 1_000_000_000)
            }
            if lifetime == 0 { return }
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
        let entry = Entry(generation: generation, expires: DispatchTime.now().uptimeNanoseconds + lifetime,
                          plain: response, gzipped: gzipped)
        lock.lock()
        defer { lock.unlock() }
        // Crude but bounded: a full cache starts over rather than tracking recency.
        if entries.count >= maxEntries { entries.removeAll(keepingCapacity: true) }
        entries[key] = entry
    }
}

/// The next instant a call opens or closes, anywhere in the network. Pages that show calls
/// (home, commune, program, forms) change at that instant although nothing was written, so the
/// page cache counts each instant passed as a new epoch. The next instant is read again after
/// every write (a call created, edited, closed) and each time one passes: one small query.
final class CallEdges: @unchecked Sendable {
    private let lock = NSLock()
    private var knownWrites: UInt64? = nil   // guarded by lock
    private var next: Date? = nil            // guarded by lock
    private var epoch: UInt64 = 0            // guarded by lock

    /// The epoch at `now`, given the store's write count and a way to read the next edge after a moment.
    func epoch(at now: Date, writes: UInt64, nextEdge: (Date) throws -> Date?) rethrows -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        if knownWrites != writes {
            next = try nextEdge(now)
            knownWrites = writes
            epoch &+= 1
        }
        while let edge = next, now >= edge {
            next = try nextEdge(now)
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
