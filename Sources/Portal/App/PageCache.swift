import Foundation
import HTTP

/// Rendered public pages kept for a moment, so that a page read by thousands of phones is
/// built once rather than thousands of times. An entry is served only while the store has
/// seen no write since it was rendered (`Database.writeGeneration`) and for at most `maxAge`
/// seconds (pages that depend on the clock, like an open call, stay current within that), or
/// for less when the response says so itself: `Cache-Control: max-age=N` (RFC 9111 §5.2.2.1;
/// a feed that changes when the next call opens says how many seconds away that is) keeps it N
/// seconds at most, `no-store` not at all. The gzip form is made once, when the page is stored.
final class PageCache: @unchecked Sendable {
    private struct Entry {
        let generation: UInt64
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
    func response(for key: String, generation: UInt64, acceptsGzip: Bool) -> HTTPResponse? {
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
    func store(_ response: HTTPResponse, for key: String, generation: UInt64) {
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
        if Gzip.isCompressible(contentType: response.headers["Content-Type"]), response.body.count >= 256 {
            var compressed = response
            compressed.body = Gzip.compress(response.body)
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
