import Foundation

/// What the portal accepts as an e-mail address, in one place: the citizen's field, the staff
/// accounts, the `--mail-from` flag. Stricter than RFC 5321 on purpose, because the address
/// ends up in a `To:` header read by `sendmail -t`: only the common dot-atom form
/// (`local@domain.tld`, ASCII), so no quote, comma, angle bracket, space or line break can ever
/// add a recipient or a header. Internationalised addresses (SMTPUTF8) are refused with a
/// message asking for the address in Latin letters, as Moroccan providers give them.
enum MailAddress {
    /// Characters of a dot-atom local part (RFC 5322 §3.2.3 atext), without the dots.
    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-".unicodeScalars)
    private static let label = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".unicodeScalars)

    /// Why a typed address is refused (a catalog key), or nil when it is a usable address.
    enum Problem: String {
        case notLatin = "mail.error.latin"
        case malformed = "mail.error.address"
        case tooLong = "mail.error.too_long"
    }

    /// The address as it will be stored: trimmed, full-width forms folded (NFKC, so a phone's
    /// "＠" is "@"), the domain in lower case. Not checked.
    static func normalized(_ typed: String) -> String {
        // NFKC only changes what is not ASCII (and costs more than the rest of the checks).
        let folded = typed.unicodeScalars.allSatisfy(\.isASCII) ? typed : typed.precomposedStringWithCompatibilityMapping
        let text = folded.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let at = text.lastIndex(of: "@") else { return text }
        return String(text[..<at]) + "@" + text[text.index(after: at)...].lowercased()
    }

    /// The problem with an address (already normalized), or nil.
    static func problem(_ address: String) -> Problem? {
        guard address.utf8.count <= 254 else { return .tooLong }
        guard address.unicodeScalars.allSatisfy(\.isASCII) else { return .notLatin }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .malformed }
        let local = parts[0], domain = parts[1]
        // RFC 5321 §4.5.3.1: 64 octets of local part at most.
        guard !local.isEmpty, local.utf8.count <= 64,
              local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(atext.contains) })
        else { return .malformed }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ (1...63).contains($0.utf8.count) && $0.unicodeScalars.allSatisfy(label.contains)
                                    && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let top = labels.last, top.count >= 2, top.hasPrefix("xn--") || top.allSatisfy(\.isLetter)
        else { return .malformed }
        return nil
    }

    static func isValid(_ address: String) -> Bool { problem(address) == nil }

    /// `text` with anything shaped like an address replaced by "…@…": what an MTA prints on
    /// failure often names the recipient, and the outbox keeps that text (for administrators,
    /// after the address itself may have been erased).
    static func masked(_ text: String) -> String {
        var out = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !out.isEmpty { out += " " }
            out += word.contains("@") ? "…@…" : String(word)
        }
        return out
    }
}
