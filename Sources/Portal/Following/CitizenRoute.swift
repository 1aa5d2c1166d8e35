extension SiteRoute {
    /// The pages a citizen uses about their own proposals and data, apart from the program pages:
    /// finding a proposal again from its code, erasing its personal data, and the terms and the
    /// privacy notice that the consent box of every citizen form points to, and the two links of
    /// the mail notices. One case of `SiteRoute` for all of them, parsed and printed here, so the
    /// route enum grows by one line.
    public enum CitizenPage: Equatable, Sendable {
        /// `/{lang}/proposals`: the form to type a tracking code (GET, `?code=`).
        case lookup
        /// `/{lang}/proposals/{code}/erase`: what erasing means (GET) and the erasure (POST).
        case erase(code: String)
        /// `/{lang}/terms`: the conditions of use.
        case terms
        /// `/{lang}/privacy`: what is collected, why, who sees it, how long (law 09-08).
        case privacy
        /// `/{lang}/mail/confirm/{token}`: the page with the button that confirms an address
        /// (GET shows it, POST confirms: mail scanners follow links, a GET must change nothing).
        case confirmMail(token: String)
        /// `/{lang}/mail/unsubscribe/{token}`: the page with the button that ends the messages
        /// (GET), and the unsubscription itself (POST, from that page or RFC 8058 one-click).
        case unsubscribe(token: String)

        /// The page for the path after the language, or nil when it is none of these.
        init?(_ rest: [String]) {
            switch rest.count {
            case 1 where rest[0] == "proposals": self = .lookup
            case 1 where rest[0] == "terms": self = .terms
            case 1 where rest[0] == "privacy": self = .privacy
            case 3 where rest[0] == "proposals" && rest[2] == "erase" && rest[1] != "thanks": self = .erase(code: rest[1])
            case 3 where rest[0] == "mail" && rest[1] == "confirm": self = .confirmMail(token: rest[2])
            case 3 where rest[0] == "mail" && rest[1] == "unsubscribe": self = .unsubscribe(token: rest[2])
            default: return nil
            }
        }

        /// The path after `/{lang}/`. A code is printed canonical (see `TrackingCode`) and a token
    /// is hexadecimal, so plain ASCII.
        var path: String {
            switch self {
            case .lookup: return "proposals"
            case .erase(let code): return "proposals/\(code)/erase"
            case .terms: return "terms"
            case .privacy: return "privacy"
            case .confirmMail(let token): return "mail/confirm/\(token)"
            case .unsubscribe(let token): return "mail/unsubscribe/\(token)"
            }
        }
    }
}
