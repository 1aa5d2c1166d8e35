import HTTP

/// The one CSV writer of the portal's downloads (program matrix, proposals), so every CSV we
/// publish opens the same way in a spreadsheet: UTF-8 with a byte-order mark, which is what
/// makes Excel read the Arabic as UTF-8, and CRLF line ends (RFC 4180 §2.1).
enum CSV {
    /// A whole document: the header row then the rows, each line ended by CRLF.
    static func document(_ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        for row in rows {
            out += Array(row.map(field).joined(separator: ",").utf8)
            out += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        }
        return out
    }

    /// RFC 4180 §2.6–2.7: a field holding a comma, a double quote or a line break is enclosed
    /// in double quotes, and its double quotes are doubled.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The download response for a document, under a name people can keep.
    static func response(_ bytes: [UInt8], filename: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("Content-Type", "text/csv; charset=utf-8"),
            // RFC 6266 §4.1: a download with a name people can keep (ASCII only, so no filename*).
            ("Content-Disposition", "attachment; filename=\"\(filename)\""),
        ]), body: bytes)
    }
}
