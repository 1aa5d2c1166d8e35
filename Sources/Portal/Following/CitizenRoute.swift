extension SiteRoute {
    /// The pages a citizen uses about their own proposals and data, apart from the program pages:
    /// finding a proposal again from its code, erasing its personal data, and the terms and the
    /// privacy notice that the consent box of every citizen form points to, and the two links of
    /// the mail notices. One case of `SiteRoute` for all of them, their URLs in `forms`, so the
    /// route enum grows by one line.
    enum CitizenPage: RouteTable {
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

        /// After `/{lang}`.
        static let forms: [RouteForm<CitizenPage>] = [
            RouteForm("/proposals", .lookup),
            RouteForm("/proposals/{code}/erase", .code, build: { .erase(code: $0) }, read: { if case .erase(let code) = $0 { code } else { nil } }),
            RouteForm("/terms", .terms),
            RouteForm("/privacy", .privacy),
            RouteForm("/mail/confirm/{token}", .token, build: { .confirmMail(token: $0) },
                      read: { if case .confirmMail(let token) = $0 { token } else { nil } }),
            RouteForm("/mail/unsubscribe/{token}", .token, build: { .unsubscribe(token: $0) },
                      read: { if case .unsubscribe(let token) = $0 { token } else { nil } }),
        ]
    }
}
