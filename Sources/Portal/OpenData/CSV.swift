import Foundation
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
    /// in double quotes, and its double quotes are doubled. A value a spreadsheet would run as a
    /// formula (anyone can title an idea `=HYPERLINK(…)`) is written behind an apostrophe, which
    /// spreadsheets read as "this is text"; `read` takes it off again, so files round-trip.
    static func field(_ value: String) -> String {
        let value = isFormulaLike(Substring(value)) ? "'" + value : value
        // Bytes, not Characters: a comma, quote or CR followed by a combining mark is one
        // Character with it, yet a spreadsheet (and `read`) sees the separator.
        guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return value }
        return "\"" + String(decoding: value.utf8.flatMap { $0 == 34 ? [34, 34] : [$0] }, as: UTF8.self) + "\""
    }

    /// Whether a cell's text would start a formula (OWASP's list: = + - @ tab, carriage return),
    /// or is an apostrophe before such a text (so that one apostrophe is always ours to remove).
    /// A lone "-" (the documents' "no cost") is text to every spreadsheet and stays as it is.
    /// Judged on the first Unicode scalar: "=" followed by a combining mark is still a formula.
    static func isFormulaLike(_ value: Substring) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.first, !value.utf8.elementsEqual("-".utf8) else { return false }
        if first == "'" { return isFormulaLike(Substring(scalars.dropFirst())) }
        return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
    }

    /// A cell as written, without the apostrophe `field` put before a formula-like text.
    static func unguarded(_ cell: String) -> String {
        let scalars = Substring(cell).unicodeScalars
        guard scalars.first == "'", isFormulaLike(Substring(scalars.dropFirst())) else { return cell }
        return String(Substring(scalars.dropFirst()))
    }

    /// One record read back, with the physical line of the file it starts on (1-based, as a
    /// spreadsheet numbers rows) so an import can say where a bad value is.
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    /// Why bytes are not CSV: the line and 0-based field where reading stopped.
    struct ReadError: Error, Equatable {
        enum Reason: Equatable { case unterminatedQuote, strayQuote, notUTF8 }
        var reason: Reason
        var line: Int
        var field: Int
    }

    /// Reads what `document` writes, and what spreadsheets save: RFC 4180 §2 with an optional
    /// UTF-8 byte-order mark, CRLF, LF or CR line ends, and line breaks inside quoted fields
    /// (which is why a record's line is counted, not its index). Lines holding only empty fields
    /// are skipped: spreadsheets leave them below the data.
    static func read(_ bytes: [UInt8]) -> Result<[Record], ReadError> {
        guard String(validating: bytes, as: UTF8.self) != nil else { return .failure(ReadError(reason: .notUTF8, line: 1, field: 0)) }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = [], fields: [String] = [], field: [UInt8] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // `closed`: the field's closing quote was read, so only a separator may follow (§2.5).
        var line = 1, recordLine = 1, quoted = false, closed = false, quoteLine = 1
        func endField() { fields.append(unguarded(String(decoding: field, as: UTF8.self))); field = []; closed = false }
        func endRecord() {
            endField()
            if fields.contains(where: { !$0.isEmpty }) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            if quoted {
                if byte == quote {
                    if i < bytes.count, bytes[i] == quote { field.append(quote); i += 1 } else { quoted = false; closed = true }
                    continue
                }
                if byte == lf || (byte == cr && (i == bytes.count || bytes[i] != lf)) { line += 1 }
                field.append(byte)
                continue
            }
            switch byte {
            case comma:
                endField()
            case cr, lf:
                if byte == cr, i < bytes.count, bytes[i] == lf { i += 1 }
                endRecord()
                line += 1; recordLine = line
            case quote where field.isEmpty && !closed:
                quoted = true; quoteLine = line
            case _ where closed, quote:
                return .failure(ReadError(reason: .strayQuote, line: line, field: fields.count))
            default:
                field.append(byte)
            }
        }
        if quoted { return .failure(ReadError(reason: .unterminatedQuote, line: quoteLine, field: fields.count)) }
        if !field.isEmpty || !fields.isEmpty || closed { endRecord() }
        return .success(records)
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
