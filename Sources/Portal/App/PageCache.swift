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
/// all. The gzip form is made once, the first time a client that accepts it asks for the page,
/// so a page only ever read uncompressed (a benchmark, a proxy that compresses itself) costs no
/// compression. Finding, refreshing and evicting an entry each cost the same at any size: the
/// entries form a list in order of use.
final class PageCache: @unchecked Sendable {
    /// What a cached page was rendered from: the store's writes and the calls' clock.
    struct Version: Equatable {
        var writes: UInt64
        var callEdges: UInt64
    }

    /// One kept page, and its place in the list of entries by last use (a class, so moving it
    /// in that list or handing it out copies no response).
    private final class Entry {
        let key: String
        let generation: Version
        let expires: UInt64
        let plain: HTTPResponse
        /// Nil until a client accepting gzip asks; never made when `compressible` is false.
        var gzipped: HTTPResponse?
        let compressible: Bool
        var bytes: Int
        /// Whether a form's memory file is counted in `bytes` (from that form's second answer).
        var plainFileCounted = false
        var gzipFileCounted = false
        /// How many of `bytes` those files are (0 once `evictToFit` has dropped them).
        var fileBytes = 0
        /// Toward the most recently used entry, and toward the least.
        var newer: Entry?
        weak var older: Entry?

        init(key: String, generation: Version, expires: UInt64, plain: HTTPResponse, compressible: Bool) {
            self.key = key
            self.generation = generation
            self.expires = expires
            self.plain = plain
            self.compressible = compressible
            self.bytes = plain.body.count + key.utf8.count + 512
        }
    }

    /// Guards everything below; also what waiters on a render in flight sleep on.
    private let condition = NSCondition()
    private var entries: [String: Entry] = [:]
    /// Ends of the list by use: `oldest` leaves first; `newest` holds the list (each entry its newer one).
    private var oldest: Entry?
    private var newest: Entry?
    private var totalBytes = 0
    /// The part of `totalBytes` that is memory files.
    private var fileBytes = 0
    /// Keys being rendered now: a second miss for one of them waits instead of rendering too.
    private var rendering: Set<String> = []
    private let maxBytes: Int
    private let maxAge: UInt64

    /// `maxBytes` bounds the bodies kept (plain and gzip, and the memory files a large one is
    /// sent from once it answers again, while there is room for them); the least recently used
    /// go first.
    init(maxBytes: Int = 8 << 20, maxAge: Double) {
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
        let entry = current(key, generation: generation)
        condition.unlock()
        return entry.map { served($0, acceptsGzip: acceptsGzip, again: true) }
    }

    /// Called with the lock held: the entry, if still current, now the most recently used.
    private func current(_ key: String, generation: Version) -> Entry? {
        guard let entry = entries[key] else { return nil }
        guard entry.generation == generation, entry.expires > DispatchTime.now().uptimeNanoseconds else {
            remove(entry)
            return nil
        }
        unlink(entry)
        append(entry)
        return entry
    }

    /// What an entry answers: its plain form, or its gzip form, made now (outside the lock) if
    /// this is the first client to accept it, and kept if the entry still is. `again`: not the
    /// render's own answer, so the form's memory file will be made (and is counted).
    private func served(_ entry: Entry, acceptsGzip: Bool, again: Bool) -> HTTPResponse {
        guard acceptsGzip, entry.compressible else {
            if again {
                condition.lock()
                countFile(of: entry, gzip: false)
                condition.unlock()
            }
            return entry.plain
        }
        condition.lock()
        // A gzip form already made has answered before (even when this is the render's answer,
        // another client may have asked for it first), so this answer may make its file.
        let made = entry.gzipped
        if made != nil { countFile(of: entry, gzip: true) }
        condition.unlock()
        if let made { return made }
        guard let compressed = Self.gzipped(entry.plain) else { return entry.plain }
        condition.lock()
        defer { condition.unlock() }
        if entry.gzipped == nil, entries[entry.key] === entry {
            entry.gzipped = compressed
            entry.bytes += compressed.body.count
            totalBytes += compressed.body.count
            evictToFit()
        }
        return compressed
    }

    /// The cached response for `key` only if it is current and ready in the form asked for
    /// (nil when a client accepting gzip would first need the gzip form made): never waits and
    /// never compresses, so the event loop can serve it (`Site.immediateResponse`).
    func ready(for key: String, generation: Version, acceptsGzip: Bool) -> HTTPResponse? {
        condition.lock()
        defer { condition.unlock() }
        guard let entry = current(key, generation: generation) else { return nil }
        guard acceptsGzip, entry.compressible else {
            countFile(of: entry, gzip: false)
            return entry.plain
        }
        if entry.gzipped != nil { countFile(of: entry, gzip: true) }
        return entry.gzipped
    }

    /// Called with the lock held when a form of a kept entry answers again: from then on a large
    /// body is also sent from a memory file (`HTTPResponse.memoryFileBytes`), counted once here,
    /// if the bound has room for it; if not, the form goes without one (sent from its bytes), so
    /// a file never pushes a page out: a rotation wider than half the cache still fits.
    /// (A HEAD or a 304 makes no file; counting it anyway keeps the bound an upper bound.)
    private func countFile(of entry: Entry, gzip: Bool) {
        guard !(gzip ? entry.gzipFileCounted : entry.plainFileCounted), entries[entry.key] === entry,
              let form = gzip ? entry.gzipped : entry.plain else { return }
        if gzip { entry.gzipFileCounted = true } else { entry.plainFileCounted = true }
        let bytes = form.memoryFileBytes
        guard bytes > 0 else { return }
        if totalBytes + bytes > maxBytes && form.forgoMemoryFile() { return }
        entry.bytes += bytes
        entry.fileBytes += bytes
        totalBytes += bytes
        fileBytes += bytes
        evictToFit()
    }

    /// The cached response, or the one `render` makes — rendered once however many requests
    /// miss the same key at the same moment: the others wait for it (then read it from the
    /// cache, or render themselves if it could not be kept).
    func response(for key: String, generation: Version, acceptsGzip: Bool, render: () throws -> HTTPResponse) rethrows -> HTTPResponse {
        condition.lock()
        while true {
            if let cached = current(key, generation: generation) {
                condition.unlock()
                return served(cached, acceptsGzip: acceptsGzip, again: true)
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
        guard let kept = keep(response, for: key, generation: generation) else {
            return acceptsGzip && Self.isCompressible(response) ? (Self.gzipped(response) ?? response) : response
        }
        return served(kept, acceptsGzip: acceptsGzip, again: false)
    }

    /// Keeps a 200 response rendered at `generation`; true when it was kept.
    @discardableResult
    func store(_ response: HTTPResponse, for key: String, generation: Version) -> Bool {
        keep(response, for: key, generation: generation) != nil
    }

    private func keep(_ response: HTTPResponse, for key: String, generation: Version) -> Entry? {
        guard response.status.code == 200 else { return nil }
        var lifetime = maxAge
        if let directives = response.headers["Cache-Control"]?.lowercased().split(separator: ",").map({ $0.trimmingSpaces }) {
            if directives.contains("no-store") { return nil }
            for directive in directives where directive.hasPrefix("max-age=") {
                guard let seconds = UInt64(directive.dropFirst("max-age=".count)) else { return nil }
                lifetime = min(lifetime, seconds * 1_000_000_000)
            }
            if lifetime == 0 { return nil }
        }
        let compressible = Self.isCompressible(response)
        let entry = Entry(key: key, generation: generation, expires: DispatchTime.now().uptimeNanoseconds + lifetime,
                          plain: response.keepingEncodedHead(), compressible: compressible)
        // One huge page does not empty the cache (its memory file and its gzip form, about a
        // fifth, are counted ahead).
        guard entry.bytes + response.memoryFileBytes + (compressible ? response.body.count / 4 : 0) <= maxBytes / 4 else { return nil }
        condition.lock()
        defer { condition.unlock() }
        if let old = entries[key] { remove(old) }
        entries[key] = entry
        append(entry)
        totalBytes += entry.bytes
        evictToFit()
        return entry
    }

    /// Whether a gzip form is worth making: a text type, and enough bytes to gain from it.
    private static func isCompressible(_ response: HTTPResponse) -> Bool {
        Gzip.isCompressible(contentType: response.headers["Content-Type"]) && response.body.count >= 256
    }

    /// A response's gzip form.
    private static func gzipped(_ response: HTTPResponse) -> HTTPResponse? {
        guard let body = Gzip.compress(response.body) else { return nil }
        var compressed = response
        compressed.body = body
        compressed.headers.set("Content-Encoding", "gzip")
        compressed.headers.set("Vary", "Accept-Encoding")
        return compressed.keepingEncodedHead()
    }

    /// Called with the lock held: until the bodies fit again, memory files go first, then pages,
    /// each least recently used first. A page costs a render to make again, its file only a
    /// copy, so a file never pushes a page out, even when a page stored later needs its room.
    private func evictToFit() {
        var next = oldest
        while totalBytes > maxBytes, fileBytes > 0, let entry = next {
            next = entry.newer
            guard entry.fileBytes > 0 else { continue }
            entry.plain.dropMemoryFile()
            entry.gzipped?.dropMemoryFile()
            entry.bytes -= entry.fileBytes
            totalBytes -= entry.fileBytes
            fileBytes -= entry.fileBytes
            entry.fileBytes = 0
        }
        while totalBytes > maxBytes, let entry = oldest { remove(entry) }
    }

    /// Called with the lock held.
    private func remove(_ entry: Entry) {
        guard entries[entry.key] === entry else { return }
        entries.removeValue(forKey: entry.key)
        unlink(entry)
        totalBytes -= entry.bytes
        fileBytes -= entry.fileBytes
    }

    /// Called with the lock held: `entry` becomes the most recently used.
    private func append(_ entry: Entry) {
        entry.older = newest
        entry.newer = nil
        newest?.newer = entry
        newest = entry
        if oldest == nil { oldest = entry }
    }

    /// Called with the lock held: `entry` leaves the list by use.
    private func unlink(_ entry: Entry) {
        let older = entry.older, newer = entry.newer
        if let older { older.newer = newer } else if oldest === entry { oldest = newer }
        if let newer { newer.older = older } else if newest === entry { newest = older }
        entry.older = nil
        entry.newer = nil
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

    /// The epoch at `now` if it is known without reading the store (no write since it was read,
    /// no edge passed), else nil: what the event loop may use, since it must not block.
    func knownEpoch(at now: Date, writes: UInt64) -> UInt64? {
        lock.lock()
        defer { lock.unlock() }
        guard knownWrites == writes, let seen = computedAt, now >= seen else { return nil }
        if let edge = nextEdge, now >= edge { return nil }
        return epoch
    }
}

private extension Substring {
    /// Without the spaces and tabs around it (a header's list item, ` max-age=2`), without
    /// Foundation's character sets: this runs for every page the cache keeps.
    var trimmingSpaces: Substring {
        let isText: (Character) -> Bool = { $0 != " " && $0 != "\t" }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return "" }
        return self[first...last]
    }
}
