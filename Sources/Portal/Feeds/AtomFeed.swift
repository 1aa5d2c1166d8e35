import Foundation
import HTTP
import Templates

/// An Atom 1.0 document (RFC 4287), for people who follow a program or their own proposal in a
/// feed reader instead of reopening the page. Written by hand, since the portal has no XML
/// library: every text goes through `XMLText`, and every date is an instant the store holds,
/// never the time of the request, so the same data always gives the same bytes (§4.2.15: an
/// entry's `updated` changes only when the entry does).
struct AtomFeed {
    /// One `atom:entry` (§4.1.2): all the elements a reader needs, `summary` as plain text.
    struct Entry {
        /// A permanent IRI (§4.2.6), see `FeedLinks.tag`.
        var id: String
        var title: String
        var updated: Date
        /// The page where the entry can be read (`rel="alternate"`, §4.2.7.2).
        var link: String
        var summary: String?
    }

    var id: String
    var title: String
    var language: Language
    /// The absolute URL of the feed itself (§4.2.7.2 `rel="self"`).
    var selfLink: String
    /// The absolute URL of the page the feed follows.
    var pageLink: String
    /// Who publishes it: the commune (§4.2.1; never a citizen or a staff member).
    var authorName: String
    var authorURI: String
    var entries: [Entry]
    /// What `updated` says while the feed has no entry yet: an instant the store holds.
    var updatedWhenEmpty: Date

    static let contentType = "application/atom+xml; charset=utf-8"

    /// §4.2.15: the newest entry's instant (the feed changes when an entry does).
    var updated: Date { entries.map(\.updated).max() ?? updatedWhenEmpty }

    /// The document, newest entry first (`entries` are given oldest first).
    func bytes() -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language.rawValue)\">\n"
        out += "  <id>\(XMLText.escape(id))</id>\n"
        out += "  <title type=\"text\">\(XMLText.escape(title))</title>\n"
        out += "  <updated>\(Call.utcText(updated))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLText.escape(selfLink))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(pageLink))\"/>\n"
        out += "  <author><name>\(XMLText.escape(authorName))</name><uri>\(XMLText.escape(authorURI))</uri></author>\n"
        out += "  <generator>Infitah</generator>\n"
        // Newest first; entries of the same instant (a proposal answered the second it was sent)
        // in the reverse of the order they were given in, oldest first.
        let ordered = entries.enumerated().sorted { a, b in
            a.element.updated != b.element.updated ? a.element.updated > b.element.updated : a.offset > b.offset
        }.map(\.element)
        for entry in ordered {
            out += "  <entry>\n"
            out += "    <id>\(XMLText.escape(entry.id))</id>\n"
            out += "    <title type=\"text\">\(XMLText.escape(entry.title))</title>\n"
            out += "    <updated>\(Call.utcText(entry.updated))</updated>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(entry.link))\"/>\n"
            if let summary = entry.summary, !summary.isEmpty {
                out += "    <summary type=\"text\">\(XMLText.escape(summary))</summary>\n"
            }
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return Array(out.utf8)
    }
}

/// Text made safe for XML 1.0 character data and quoted attributes. Not `HTMLEscape`: XML also
/// forbids most control characters outright (§2.2 `Char`), and a citizen's title may hold one
/// pasted from elsewhere, which would make the whole feed unreadable; those are dropped.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default:
                guard isAllowed(scalar) else { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// XML 1.0 §2.2: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    /// (Swift strings never hold surrogates).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xFFFD: return true
        case 0x10000...: return true
        default: return false
        }
    }
}
