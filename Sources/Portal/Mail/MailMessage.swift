import Foundation

/// One message as the system's mail transfer agent takes it on the standard input of
/// `sendmail -t`: RFC 5322 header fields, then a MIME (RFC 2045) text/plain body in UTF-8.
/// Built here, in one place, so that every message carries the same headers: the Arabic
/// subject encoded per RFC 2047, a Date and a Message-ID, `Auto-Submitted` (RFC 3834, so
/// auto-responders stay quiet) and the one-click unsubscribe pair of RFC 8058.
///
/// The body is sent base64 (RFC 2045 §6.8) rather than 8bit: Arabic paragraphs easily pass
/// the 998-octet line limit of RFC 5322 §2.1.1, and base64 needs neither 8BITMIME from every
/// relay nor any care about lines starting with "From " or ".". Lines end with LF, the
/// convention of the sendmail interface (the MTA writes CRLF on the wire); the text itself is
/// put in canonical form (CRLF) before encoding, as §6.8 asks.
struct MailMessage: Equatable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var date: Date
    /// Without angle brackets: `left@right`.
    var messageID: String
    var language: String
    /// The absolute https URL of the one-click unsubscribe (RFC 8058 §3.1).
    var unsubscribeURL: String

    /// The bytes handed to the MTA.
    var rendered: [UInt8] {
        var lines = [
            "From: " + from,
            "To: " + to,
            Self.header("Subject", subject),
            "Date: " + Self.date(date),
            "Message-ID: <" + messageID + ">",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Content-Language: " + language,
            "Auto-Submitted: auto-generated",
            "List-Unsubscribe: <" + unsubscribeURL + ">",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "",
        ]
        let canonical = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(canonical.utf8).base64EncodedString()
        // RFC 2045 §6.8: encoded lines of at most 76 characters.
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A header field whose value may hold any text: as is when it is short printable ASCII,
    /// else as RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each of at most 75 characters (§2),
    /// each holding whole characters (§5: a UTF-8 sequence is never split between words), on
    /// folded lines of at most 76 characters (§2) — the first line counting the field's name.
    static func header(_ name: String, _ value: String) -> String {
        let prefix = name + ": "
        let printable = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if printable && prefix.count + value.count <= 76 && !value.contains("=?") { return prefix + value }
        var lines: [String] = []
        var line = prefix
        for word in encodedWords(value, firstRoom: 76 - prefix.count - 1) {
            if line == prefix { line += word } else {
                lines.append(line)
                line = " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `text` as B-encoded words: the first fits in `firstRoom` characters, the others in 75.
    static func encodedWords(_ text: String, firstRoom: Int) -> [String] {
        let wrapper = "=?UTF-8?B?".count + "?=".count
        func octets(room: Int) -> Int { max(3, (room - wrapper) / 4 * 3) }   // base64: 4 characters per 3 octets
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = octets(room: min(firstRoom, 75))
        func flush() {
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk = []
            limit = octets(room: 75)
        }
        for scalar in text.unicodeScalars {
            // Line breaks and other controls have no place in a header: a space stands in.
            let bytes = Array(String(scalar.properties.generalCategory == .control ? " " : Character(scalar)).utf8)
            if chunk.count + bytes.count > limit && !chunk.isEmpty { flush() }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { flush() }
        return words
    }

    /// RFC 5322 §3.3 date-time, in UTC: "Sun, 06 Dec 2026 03:24:05 +0000".
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.weekday, .year, .month, .day, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(days[c.weekday! - 1]), \(two(c.day!)) \(months[c.month! - 1]) \(c.year!) \(two(c.hour!)):\(two(c.minute!)):\(two(c.second!)) +0000"
    }

    /// The `From:` field for `address` with a display name (encoded when it is not plain ASCII).
    static func mailbox(name: String, address: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || $0.properties.numericType != nil) }
        let shown = plain ? name : encodedWords(name, firstRoom: 60).joined(separator: " ")
        return shown + " <" + address + ">"
    }
}
