/// Maps file extensions to Content-Type values (RFC 9110 §8.3), so static files are
/// labelled by one table instead of guesses scattered across handlers. A browser told
/// not to sniff (`X-Content-Type-Options: nosniff`) trusts the label, so it has to be
/// right: a script served as text/plain would not run.
public enum MediaType {
    /// The fallback for unknown extensions: "bytes, download me", never rendered.
    public static let fallback = "application/octet-stream"

    /// The Content-Type for a file extension ("css", ".CSS" and "css" are the same).
    /// Textual types carry `charset=utf-8` because every text file we ship is UTF-8.
    public static func forExtension(_ ext: String) -> String {
        var key = ext.lowercased()
        if key.hasPrefix(".") { key.removeFirst() }
        return table[key] ?? fallback
    }

    /// The Content-Type for a file name or path, from the text after its last dot.
    public static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return forExtension(String(name[name.index(after: dot)...]))
    }

    private static let utf8 = "; charset=utf-8"

    private static let table: [String: String] = [
        "html": "text/html" + utf8,
        "htm": "text/html" + utf8,
        "css": "text/css" + utf8,
        // RFC 9239 §6: text/javascript is the one registered type for JavaScript.
        "js": "text/javascript" + utf8,
        "mjs": "text/javascript" + utf8,
        "json": "application/json" + utf8,
        // Source maps are JSON documents.
        "map": "application/json" + utf8,
        "txt": "text/plain" + utf8,
        "csv": "text/csv" + utf8,
        "xml": "application/xml" + utf8,
        "svg": "image/svg+xml" + utf8,
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
        "woff": "font/woff",
        "pdf": "application/pdf",
        "webmanifest": "application/manifest+json" + utf8,
    ]
}
