import Foundation
import HTTP
import SQLite
import Templates

/// The two pages the links of a message open: confirming the address (double opt-in) and
/// stopping the messages. A GET only shows a page with a button; the change is a POST, because
/// mail scanners and link previews open every link of a message. The token in the path is the
/// whole credential (256 random bits, only its hash stored): a cross-site form could not post
/// to a link it does not know, so these forms carry no `FormGuard` token — and RFC 8058's
/// one-click POST could not carry one anyway. What a token can do is bounded by it: its own
/// purpose, on its own proposal's subscription, nothing else.
enum MailPages {
    /// Which link a token is for.
    enum MailLink: String {
        case confirm
        case unsubscribe
    }

    static func handle(_ context: RequestContext, _ purpose: MailLink, token: String) throws -> Outcome {
        let request = context.request, now = context.now
        if request.method == .post {
            // RFC 8058 §3.2: the mail client's POST carries `List-Unsubscribe=One-Click` and
            // nothing else of the visitor (no cookie, no token); the answer is the page itself,
            // not a redirect. The page's own button posts without it and is sent back to the page.
            let form = try? FormData(request: request)
            let oneClick = purpose == .unsubscribe && form?["List-Unsubscribe"] == "One-Click"
            let found: Bool = try context.database.write { db in
                guard let link = try MailStore.link(db, token: token, purpose: purpose.rawValue, at: now) else { return false }
                switch purpose {
                case .confirm: try MailStore.confirm(db, proposal: link.proposalID, at: now)
                case .unsubscribe: try MailStore.unsubscribe(db, proposal: link.proposalID, at: now)
                }
                return true
            }
            if found && !oneClick { return .redirect(to: context.route.path) }
        }
        return try linkPage(context, purpose, token: token)
    }

    /// The page of a link, as its subscription stands now: the button while there is
    /// something to do, else what was done; 404 for a token that opens nothing (unknown,
    /// expired, or its address erased since).
    private static func linkPage(_ request: RequestContext, _ purpose: MailLink, token: String) throws -> Outcome {
        let page = request.page, language = request.language, route = request.route, now = request.now
        let link = try request.read { try MailStore.link($0, token: token, purpose: purpose.rawValue, at: now) }
        let view = MailLinkPageView(link: link.map {
            MailLinkView(title: $0.title, code: $0.code,
                         trackingHref: SiteRoute.proposal(language, code: $0.code).path,
                         eraseHref: SiteRoute.citizen(language, .erase(code: $0.code)).path,
                         action: route.path, state: $0.state)
        })
        let template = purpose == .confirm ? "pages/mail_confirm" : "pages/mail_unsubscribe"
        let title = link == nil ? "mail.link.invalid_title" : purpose == .confirm ? "mail.confirm.title" : "mail.unsubscribe.title"
        // The token is in this page's address: never sent on to another site.
        return .unstored(PageView(template: template, title: page.t(title), view: view), status: link == nil ? .notFound : .ok,
                         headers: HTTPHeaders([("Referrer-Policy", "no-referrer")]))
    }
}

/// The page a mail link opens: the subscription it is about, or nil when the token opens nothing.
struct MailLinkPageView: TemplateView {
    let link: MailLinkView?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "invalid": return .bool(link == nil)
        case "link": return link.map { .init($0) }
        default: return nil
        }
    }
}

/// A mail link's subscription: the proposal it is about, where the button posts, and how it stands.
struct MailLinkView: TemplateView {
    let title: String
    let code: String
    let trackingHref: String
    let eraseHref: String
    /// Where the button posts: the link's own page.
    let action: String
    /// `pending`, `confirmed` or `unsubscribed`.
    let state: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .string(title)
        case "code": return .string(code)
        case "tracking_href": return .string(trackingHref)
        case "erase_href": return .string(eraseHref)
        case "action": return .string(action)
        case "pending": return .bool(state == "pending")
        case "confirmed": return .bool(state == "confirmed")
        case "unsubscribed": return .bool(state == "unsubscribed")
        default: return nil
        }
    }
}
