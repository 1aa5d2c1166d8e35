import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serves the files under one root folder (Public/) without ever letting a request reach
/// anything outside it, and with the caching a browser needs: fingerprinted URLs that can
/// be cached for a year, validators (ETag, Last-Modified) for everything else, and gzip
/// prepared once per file rather than once per request.
///
/// Caching policy (RFC 9111 §5.2.2):
/// - a fingerprinted URL whose hash matches the current content ("/static/app.3f2a9c1b.css")
///   never changes, so it is `public, max-age=31536000, immutable`;
/// - every other answer (a plain name, or an old fingerprint after a deploy, which gets the
///   current file so that pages cached elsewhere do not break) is `public, no-cache`: stored,
///   but revalidated on each use, which costs a 304 and can never show a stale file.
///
/// Files are kept in memory once read. Each one is checked again with stat(2) at most once
/// per `revalidationInterval`, and re-read when its inode, size or mtime changed (a deploy
/// that replaces files by rename changes the inode, an in-place edit changes the mtime).
/// Called from several worker threads at once: the cache is guarded by a lock, and files
/// are read outside it.
public final class StaticFiles: @unchecked Sendable {
    /// Why the static file root could not be used.
    public struct RootError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "static file root \(path): \(reason)" }
    }

    /// For a fingerprinted URL whose hash is the content's: the content can never change.
    public static let immutableCacheControl = "public, max-age=31536000, immutable"
    /// For everything else: store, but revalidate with ETag / Last-Modified before each use.
    public static let revalidateCacheControl = "public, no-cache"

    /// The URL path under which files are served ("/static"); "" serves from "/".
    public let urlPrefix: String
    /// The root folder's real path (symlinks resolved), the boundary every file must be inside.
    public let rootPath: String

    private let revalidationNanoseconds: UInt64
    private let lock = NSLock()
    /// Keyed by the relative path asked for ("css/app.css"), so repeated requests skip realpath.
    private var cache: [String: Entry] = [:]

    /// - Parameters:
    ///   - root: the folder to serve; it must exist and be a directory.
    ///   - urlPrefix: the URL path the files live under.
    ///   - revalidationInterval: how long a cached file is trusted before it is checked again
    ///     with stat(2); 0 checks on every request.
    public init(root: URL, urlPrefix: String = "/static", revalidationInterval: TimeInterval = 1) throws {
        guard let real = Self.realPath(root.path) else {
            throw RootError(path: root.path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw RootError(path: root.path, reason: "not a directory")
        }
        rootPath = real
        var prefix = urlPrefix
        while prefix.hasSuffix("/") { prefix.removeLast() }
        if !prefix.isEmpty && !prefix.hasPrefix("/") { prefix = "/" + prefix }
        self.urlPrefix = prefix
        revalidationNanoseconds = UInt64(max(0, revalidationInterval) * 1_000_000_000)
    }

    // MARK: - Serving

    /// The answer for `request`, or nil when its path is not under `urlPrefix` (so the
    /// caller can route it elsewhere). Under the prefix every answer comes from here:
    /// 200, 304, 404 for anything missing or refused, 405 for methods other than GET/HEAD.
    /// HEAD gets the GET answer, body included; the server drops the body (RFC 9110 §9.3.2).
    public func response(for request: HTTPRequest) -> HTTPResponse? {
        guard let relative = relativePath(of: request.path) else { return nil }
        guard request.method == .get || request.method == .head else {
            // RFC 9110 §15.5.6: a 405 must list the methods the resource does support.
            var response = Self.plain(.methodNotAllowed)
            response.headers.add("Allow", "GET, HEAD")
            return response
        }
        guard let (entry, isFingerprinted) = find(relative, readyOnly: false) else { return Self.plain(.notFound) }
        return response(entry, isFingerprinted: isFingerprinted, to: request)
    }

    /// The answer for a GET or HEAD of a file already in memory and checked within
    /// `revalidationInterval`; nil for anything that would touch the disk (a first read, a stat
    /// due, a missing file) or is not a file here. For the event loop, which must not block.
    public func readyResponse(for request: HTTPRequest) -> HTTPResponse? {
        guard request.method == .get || request.method == .head, let relative = relativePath(of: request.path),
              let (entry, isFingerprinted) = find(relative, readyOnly: true) else { return nil }
        return response(entry, isFingerprinted: isFingerprinted, to: request)
    }

    private func response(_ entry: Entry, isFingerprinted: Bool, to request: HTTPRequest) -> HTTPResponse {

        let acceptEncoding = request.headers.values("Accept-Encoding")
        let gzipped = entry.gzipped.flatMap {
            Gzip.isAccepted(by: acceptEncoding.isEmpty ? nil : acceptEncoding.joined(separator: ", ")) ? $0 : nil
        }
        let etag = gzipped == nil ? entry.etag : entry.gzipETag
        // RFC 9110 §8.8.2.1: never claim a modification time later than now.
        let lastModified = min(entry.modifiedSeconds, Int(time(nil)))

        if Self.isNotModified(request.headers, etag: etag, lastModified: lastModified) {
            return HTTPResponse(status: .notModified, headers: Self.validatorFields(entry, isFingerprinted: isFingerprinted, gzip: gzipped != nil))
        }
        if let answers = entry.answers, lastModified == entry.modifiedSeconds {
            return answers[Self.answerIndex(isFingerprinted: isFingerprinted, gzip: gzipped != nil)]
        }
        return Self.answer(entry, isFingerprinted: isFingerprinted, gzip: gzipped != nil, lastModified: lastModified)
    }

    /// The fields a 304 must repeat from the 200 it stands for (RFC 9110 §15.4.5).
    private static func validatorFields(_ entry: Entry, isFingerprinted: Bool, gzip: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        // A strong validator names one representation (RFC 9110 §8.8.3), and the gzip
        // bytes are a different one from the identity bytes, so they get their own tag.
        headers.add("ETag", gzip ? entry.gzipETag : entry.etag)
        headers.add("Cache-Control", isFingerprinted ? immutableCacheControl : revalidateCacheControl)
        if entry.isCompressible { headers.add("Vary", "Accept-Encoding") }
        return headers
    }

    /// The 200 for the file, as asked by its fingerprint or not, gzip or not.
    private static func answer(_ entry: Entry, isFingerprinted: Bool, gzip: Bool, lastModified: Int) -> HTTPResponse {
        var headers = validatorFields(entry, isFingerprinted: isFingerprinted, gzip: gzip)
        headers.add("Content-Type", entry.contentType)
        headers.add("Last-Modified", HTTPDate.format(lastModified))
        if gzip { headers.add("Content-Encoding", "gzip") }
        return HTTPResponse(status: .ok, headers: headers, body: gzip ? entry.gzipped ?? entry.body : entry.body)
    }

    private static func answerIndex(isFingerprinted: Bool, gzip: Bool) -> Int { (isFingerprinted ? 2 : 0) + (gzip ? 1 : 0) }

    /// The four 200s of a file just read, made once and kept with their encoded heads
    /// (`answerIndex`); none for a file dated in the future (its Last-Modified is then now's).
    private static func answers(for entry: Entry, now: Int) -> [HTTPResponse]? {
        guard entry.modifiedSeconds <= now else { return nil }
        return [(false, false), (false, true), (true, false), (true, true)].map { isFingerprinted, gzip in
            answer(entry, isFingerprinted: isFingerprinted, gzip: gzip && entry.gzipped != nil, lastModified: entry.modifiedSeconds)
                .keepingEncodedHead()
        }
    }

    /// The URL to put in a link for a file: fingerprinted with a hash of its content, so it
    /// can be cached forever and changes when the file does. "app.css", "/app.css" and
    /// "/static/app.css" all name the same file and give "/static/app.3f2a9c1b.css".
    /// A file that does not exist (or may not be served) gets its plain URL.
    /// Every page asks for its stylesheet's: the answer is kept in the file's cache entry, so it
    /// is written again only when the file changes.
    public func url(for relativePath: String) -> String {
        var relative = Substring(relativePath)
        if !urlPrefix.isEmpty, relative.hasPrefix(urlPrefix + "/") { relative = relative.dropFirst(urlPrefix.count) }
        while relative.hasPrefix("/") { relative = relative.dropFirst() }
        guard var segments = Self.safeSegments(relative), let entry = entry(for: relative) else {
            return urlPrefix + "/" + Self.encodePath(relative.split(separator: "/", omittingEmptySubsequences: false))
        }
        if let url = entry.url { return url }
        let url = Self.fingerprintedURL(urlPrefix, &segments, entry)
        let key = String(relative)
        lock.withLock { if cache[key]?.hash == entry.hash { cache[key]?.url = url } }
        return url
    }

    private static func fingerprintedURL(_ urlPrefix: String, _ segments: inout [Substring], _ entry: Entry) -> String {
        let name = segments.removeLast()
        let fingerprinted: String
        if let dot = name.lastIndex(of: ".") {
            fingerprinted = String(name[..<dot]) + "." + entry.fingerprint + String(name[dot...])
        } else {
            fingerprinted = String(name) + "." + entry.fingerprint
        }
        return urlPrefix + "/" + Self.encodePath(segments + [Substring(fingerprinted)])
    }

    /// The part of `path` after "<prefix>/", or nil when the path is not ours at all.
    /// The bare prefix is ours too (it answers 404, as a directory).
    private func relativePath(of path: String) -> Substring? {
        if path == urlPrefix { return "" }
        guard path.hasPrefix(urlPrefix + "/") else { return nil }
        return path.dropFirst(urlPrefix.count + 1)
    }

    /// The cached file a relative path names, and whether it was asked for by its current
    /// fingerprint. A literal file wins over an old fingerprint of a similar name.
    /// Asked for every file request on the event loop, so it reads the path as bytes and makes
    /// at most one string, the plain name of a fingerprinted one (it once took a quarter of the
    /// loop's time serving the stylesheet).
    private func find(_ relative: Substring, readyOnly: Bool) -> (Entry, isFingerprinted: Bool)? {
        guard Self.isSafe(relative) else { return nil }
        let lastStart = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { relative.utf8.index(after: $0) } ?? relative.startIndex
        var plain: Substring?
        var fingerprint: Substring?
        if let (name, hash) = Self.splitFingerprint(relative[lastStart...]) {
            plain = (relative[..<lastStart] + name)[...]
            fingerprint = hash
        }
        if let plain, let fingerprint, let entry = entry(for: plain, readyOnly: readyOnly), entry.fingerprint == fingerprint {
            return (entry, true)
        }
        if let entry = entry(for: relative, readyOnly: readyOnly) { return (entry, false) }
        if let plain, let entry = entry(for: plain, readyOnly: readyOnly) { return (entry, false) }
        return nil
    }

    // MARK: - Path safety

    /// The segments of a relative path, or nil when any would be unsafe to hand to the
    /// file system. The parser already normalises paths; this does not rely on it.
    /// Refused: empty segments ("a//b", a trailing "/"), "." and "..", hidden names
    /// (".env", ".git": anything starting with "."), NUL (which would cut the C string
    /// short) and backslashes (a separator on other systems, never a name here).
    static func safeSegments(_ relative: Substring) -> [Substring]? {
        isSafe(relative) ? relative.split(separator: "/", omittingEmptySubsequences: false) : nil
    }

    /// Whether every segment of `relative` is safe (see `safeSegments`), read as bytes.
    static func isSafe(_ relative: Substring) -> Bool {
        var segmentStart = true
        for byte in relative.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if segmentStart { return false }   // an empty segment
                segmentStart = true
                continue
            case UInt8(ascii: ".") where segmentStart, 0, UInt8(ascii: "\\"):
                return false
            default:
                segmentStart = false
            }
        }
        return !segmentStart
    }

    /// "app.3f2a9c1b.css" -> ("app.css", "3f2a9c1b"); "LICENSE.3f2a9c1b" -> ("LICENSE", ...).
    static func splitFingerprint(_ name: Substring) -> (name: Substring, hash: Substring)? {
        let bytes = name.utf8, dot = UInt8(ascii: ".")
        guard let lastDot = bytes.lastIndex(of: dot) else { return nil }
        if let dotBefore = bytes[..<lastDot].lastIndex(of: dot) {
            let hash = name[bytes.index(after: dotBefore)..<lastDot]
            return isFingerprint(hash) ? ((name[..<dotBefore] + name[lastDot...])[...], hash) : nil
        }
        let hash = name[bytes.index(after: lastDot)...]
        return lastDot != name.startIndex && isFingerprint(hash) ? (name[..<lastDot], hash) : nil
    }

    private static func isFingerprint(_ text: Substring) -> Bool {
        text.utf8.count == 8 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The real path of `relative` under the root, or nil when it does not exist or its
    /// real path leaves the root (a symlink pointing outside) or passes a hidden name
    /// (a symlink pointing at ".git/...").
    private func realPathInsideRoot(_ relative: Substring) -> String? {
        guard let real = Self.realPath(rootPath + "/" + relative) else { return nil }
        let boundary = rootPath == "/" ? "/" : rootPath + "/"
        guard real.hasPrefix(boundary) else { return nil }
        let inside = real.dropFirst(boundary.count)
        guard Self.safeSegments(inside) != nil else { return nil }
        return real
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Percent-encodes each segment for use in a link (RFC 3986 §3.3).
    private static let segmentAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return allowed
    }()

    private static func encodePath(_ segments: [Substring]) -> String {
        segments.map { $0.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? String($0) }
            .joined(separator: "/")
    }

    // MARK: - Cache

    /// What stat(2) says about a file; any change means the cached bytes may be stale.
    private struct FileIdentity: Equatable {
        let device: UInt64, inode: UInt64, size: Int64, mtimeSeconds: Int, mtimeNanoseconds: Int

        init(_ info: stat) {
            device = UInt64(info.st_dev); inode = UInt64(info.st_ino); size = Int64(info.st_size)
            mtimeSeconds = Int(info.st_mtim.tv_sec); mtimeNanoseconds = Int(info.st_mtim.tv_nsec)
        }
    }

    /// One file, read and prepared once.
    private struct Entry {
        let realPath: String
        let identity: FileIdentity
        let contentType: String
        let isCompressible: Bool
        let body: [UInt8]
        /// The gzip member of `body`, when the type is compressible (see `load` for when).
        let gzipped: [UInt8]?
        /// 16 hex digits of the content hash.
        let hash: String
        let modifiedSeconds: Int
        var checkedAt: UInt64
        /// Its 200s, ready (`answers(for:now:)`).
        var answers: [HTTPResponse]? = nil
        /// Its fingerprinted link, once `url(for:)` made it.
        var url: String? = nil

        var fingerprint: String { String(hash.prefix(8)) }
        var etag: String { "\"\(hash)\"" }
        var gzipETag: String { "\"\(hash)-gz\"" }
    }

    /// The file named by `relative` (already checked by `safeSegments`), from the cache when
    /// it is fresh enough, else checked again and re-read if it changed. nil: not servable.
    /// The file's entry, checked with stat(2) when its check is due; `readyOnly`: nil then instead.
    private func entry(for relative: Substring, readyOnly: Bool = false) -> Entry? {
        let key = String(relative)
        let now = DispatchTime.now().uptimeNanoseconds
        let cached = lock.withLock { cache[key] }
        if let cached, revalidationNanoseconds > 0, now &- cached.checkedAt < revalidationNanoseconds {
            return cached
        }
        if readyOnly { return nil }
        var info = stat()
        guard let real = realPathInsideRoot(relative), stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            if cached != nil { lock.withLock { _ = cache.removeValue(forKey: key) } }
            return nil
        }
        if var cached, cached.realPath == real, cached.identity == FileIdentity(info) {
            cached.checkedAt = now
            lock.withLock { cache[key]?.checkedAt = now }
            return cached
        }
        guard let fresh = Self.load(real, contentType: MediaType.forPath(key), now: now) else {
            lock.withLock { _ = cache.removeValue(forKey: key) }
            return nil
        }
        lock.withLock { cache[key] = fresh }
        return fresh
    }

    /// Reads and prepares a file. The identity comes from fstat on the open descriptor, so
    /// it describes the bytes read; O_NOFOLLOW refuses a symlink swapped in since realpath.
    private static func load(_ realPath: String, contentType: String, now: UInt64) -> Entry? {
        let fd = open(realPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var body: [UInt8] = []
        body.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            body.append(contentsOf: chunk[0..<count])
        }
        let isCompressible = Gzip.isCompressible(contentType: contentType)
        var gzipped: [UInt8]? = nil
        if isCompressible, !body.isEmpty, let compressed = Gzip.compress(body, level: 9) {
            // Keep gzip when it helps, and always from 256 bytes: the response encoder
            // gzips any compressible body that size which has no Content-Encoding, and
            // that would put the identity ETag on gzip bytes.
            if compressed.count < body.count || body.count >= 256 { gzipped = compressed }
        }
        var entry = Entry(realPath: realPath, identity: FileIdentity(info), contentType: contentType,
                          isCompressible: isCompressible, body: body, gzipped: gzipped,
                          hash: contentHash(body), modifiedSeconds: Int(info.st_mtim.tv_sec), checkedAt: now)
        entry.answers = answers(for: entry, now: Int(time(nil)))
        return entry
    }

    /// 64-bit FNV-1a as 16 hex digits. It tells versions of a file apart for caches; it is
    /// not a defence against anyone, since only we write the files.
    static func contentHash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    // MARK: - Conditional requests

    /// RFC 9110 §13.2.2 for GET and HEAD: If-None-Match decides when present (§13.1.2);
    /// only without it is If-Modified-Since looked at (§13.1.3).
    static func isNotModified(_ headers: HTTPHeaders, etag: String, lastModified: Int) -> Bool {
        let ifNoneMatch = headers.values("If-None-Match")
        if !ifNoneMatch.isEmpty {
            return ifNoneMatchMatches(ifNoneMatch.joined(separator: ", "), etag: etag)
        }
        // §13.1.3: ignore it unless it is exactly one valid HTTP-date.
        let ifModifiedSince = headers.values("If-Modified-Since")
        guard ifModifiedSince.count == 1, let since = HTTPDate.parse(ifModifiedSince[0]) else { return false }
        return lastModified <= since
    }

    /// Whether an If-None-Match value ("*" or a list of entity-tags) matches `etag` by weak
    /// comparison (RFC 9110 §8.8.3.2: the opaque tags are equal, W/ ignored). Tags are
    /// scanned rather than split on commas, because a comma may sit inside the quotes.
    static func ifNoneMatchMatches(_ field: String, etag: String) -> Bool {
        let wanted = Array((etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag).utf8)
        let bytes = Array(field.utf8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == comma { i += 1; continue }
            if byte == UInt8(ascii: "*") { return true }
            if byte == UInt8(ascii: "W"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") { i += 2 }
            guard i < bytes.count, bytes[i] == quote else {
                // Not an entity-tag: skip to the next list member.
                while i < bytes.count, bytes[i] != comma { i += 1 }
                continue
            }
            let start = i
            i += 1
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else { return false }
            if bytes[start...i].elementsEqual(wanted) { return true }
            i += 1
        }
        return false
    }

    private static func plain(_ status: HTTPStatus) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
                     body: Array("\(status)\n".utf8))
    }
}

extension StaticFiles {
    /// HTTP-date (RFC 9110 §5.6.7) for Last-Modified and If-Modified-Since, written by hand
    /// because DateFormatter depends on locale and is costly to share between threads.
    enum HTTPDate {
        private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        private static let longWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        /// IMF-fixdate, the only form we send: "Sun, 06 Nov 1994 08:49:37 GMT".
        static func format(_ seconds: Int) -> String {
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
                + "\(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        }

        /// Seconds since 1970 for any of the three forms a recipient must accept:
        /// IMF-fixdate, obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime
        /// ("Sun Nov  6 08:49:37 1994"). nil for anything else.
        static func parse(_ text: String) -> Int? {
            let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" })
            let day: Substring, month: Substring, year: Substring, clock: Substring
            switch tokens.count {
            case 6 where tokens[5] == "GMT":
                guard weekdays.contains(String(tokens[0])) || longWeekdays.contains(String(tokens[0])) else { return nil }
                (day, month, year, clock) = (tokens[1], tokens[2], tokens[3], tokens[4])
            case 5:
                guard weekdays.contains(String(tokens[0])) else { return nil }
                (month, day, clock, year) = (tokens[1], tokens[2], tokens[3], tokens[4])
            default:
                return nil
            }
            let time = clock.split(separator: ":", omittingEmptySubsequences: false)
            guard let monthIndex = months.firstIndex(of: String(month)),
                  let dayNumber = number(day, digits: 1...2), (1...31).contains(dayNumber),
                  var yearNumber = number(year, digits: 2...4), year.count != 3,
                  time.count == 3,
                  let hour = number(time[0], digits: 2...2), hour < 24,
                  let minute = number(time[1], digits: 2...2), minute < 60,
                  let second = number(time[2], digits: 2...2), second < 61
            else { return nil }
            // RFC 850's two-digit years: the RFC's "more than 50 years in the future" rule,
            // with 1970 as the pivot, since no file is older than the epoch.
            if year.count == 2 { yearNumber += yearNumber < 70 ? 2000 : 1900 }
            var parts = tm()
            parts.tm_year = Int32(yearNumber - 1900)
            parts.tm_mon = Int32(monthIndex)
            parts.tm_mday = Int32(dayNumber)
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            return Int(timegm(&parts))
        }

        private static func number(_ text: Substring, digits: ClosedRange<Int>) -> Int? {
            guard digits.contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(text)
        }
    }
}
