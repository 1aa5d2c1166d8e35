import Templates

/// A page's absolute address as a visitor passes it on: the address itself, to copy, and a
/// plain `https://wa.me/?text=` link that opens WhatsApp with the address typed in. A link and
/// nothing else: no script, no button fetched from elsewhere, so no third party hears of the
/// visit until the visitor chooses to click. The view of `partials/share`.
struct ShareLink: TemplateView {
    /// The page's absolute address (see `Site.absoluteURL`).
    let url: String
    /// The WhatsApp link with `url` typed in.
    let whatsappHref: String

    /// `url` is absolute (see `Site.absoluteURL`).
    init(_ url: String) {
        self.url = url
        whatsappHref = "https://wa.me/?text=" + Self.queryEncoded(url)
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "url": return .string(url)
        case "whatsapp_href": return .string(whatsappHref)
        default: return nil
        }
    }

    /// `text` as one query value: every byte of its UTF-8 percent-encoded except the unreserved
    /// characters (RFC 3986 §2.3), so ":", "/", "?", "&", "=" and "#" of the URL cannot end or
    /// split the `text` parameter.
    static func queryEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
