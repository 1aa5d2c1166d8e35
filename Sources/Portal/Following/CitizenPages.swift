import Foundation
import HTTP
import SQLite
import Templates

/// A citizen's own pages beside the program pages: finding a proposal again from its code,
/// erasing its personal data with that code, and the terms and privacy notice the consent box
/// points to. No account anywhere: the tracking code is what proves a proposal is one's own.
enum CitizenPages {
    static func handle(_ context: RequestContext, _ page: SiteRoute.CitizenPage) throws -> Outcome {
        let request = context.request
        switch page {
        case .lookup: return try lookup(context)
        case .terms: return notice(context, "pages/terms", "terms.title")
        case .privacy: return notice(context, "pages/privacy", "privacy.title")
        case .erase(let code):
            if request.method == .post { return try erase(context, code: code) }
            return try erasePage(context, code: code, done: request.queryValue("done") == "1", status: .ok)
        case .confirmMail(let token): return try MailPages.handle(context, .confirm, token: token)
        case .unsubscribe(let token): return try MailPages.handle(context, .unsubscribe, token: token)
        }
    }

    // MARK: - Finding a proposal from its code

    /// GET `/{lang}/proposals`, and `?code=` when the form is sent. A read, so a GET: no token
    /// to carry, the back button and a bookmark work. Answers:
    /// - 303 to the tracking page when a proposal has the code (however it was typed);
    /// - 422 with the form, what was typed and the problem beside the field, when what was typed
    ///   cannot be a code (empty, too short or long, letters a code never has): the portal's
    ///   answer to every form it cannot take;
    /// - 404 with the form when it could be a code but no proposal has it: there is no such
    ///   proposal, which is exactly what 404 says (RFC 9110 §15.5.5), and what a script reads;
    /// - 429 with Retry-After past the per-address limit, which has its own counter: a citizen
    ///   who sent ten ideas can still look them up, and look-ups cannot use up the submissions.
    static func lookup(_ request: RequestContext) throws -> Outcome {
        let page = request.page, language = request.language
        var view = LookupView(action: request.route.path, code: "", error: nil, wait: nil)
        func form(_ status: HTTPStatus, error: String? = nil, headers: HTTPHeaders = HTTPHeaders()) -> Outcome {
            view.error = error
            return .unstored(PageView(template: "pages/proposal_lookup", title: page.t("lookup.title"), view: view),
                             status: status, headers: headers)
        }
        guard let typed = request.request.queryValue("code") else { return form(.ok) }
        view.code = String(typed.prefix(200))
        let part = codePart(typed)
        let symbols = TrackingCode.symbols(part)
        if symbols.isEmpty { return form(.unprocessableContent, error: page.t("lookup.error.empty")) }

        if let wait = request.site.lookupRateLimit.admit(request.request.remoteAddress, at: request.now) {
            view.wait = Int((wait / 60).rounded(.up))
            // RFC 9110 §10.2.3: how long to wait, in seconds.
            return form(.tooManyRequests, headers: HTTPHeaders([("Retry-After", String(Int(wait.rounded(.up))))]))
        }
        guard symbols.count == TrackingCode.length else {
            let text = page.t("lookup.error.length", count: symbols.count, [Format.number(TrackingCode.length, language)])
            return form(.unprocessableContent, error: text)
        }
        guard let code = TrackingCode.canonical(part) else {
            return form(.unprocessableContent, error: page.t("lookup.error.characters"))
        }
        guard try request.read({ try PersonalDataStore.exists($0, code: code) }) else {
            return form(.notFound, error: page.t("lookup.error.unknown"))
        }
        return .redirect(to: SiteRoute.proposal(language, code: code).path)
    }

    /// The code in what was typed: a whole tracking address pasted from a chat or a bookmark
    /// (`https://…/ar/proposals/K7M2QX-…?received=1`) gives the code it holds.
    static func codePart(_ typed: String) -> String {
        guard let marker = typed.range(of: "/proposals/") else { return typed }
        return String(typed[marker.upperBound...].prefix { !"/?#".contains($0) })
    }

    // MARK: - Terms and privacy

    /// The terms or the privacy notice, with what this portal is configured to do: how long it
    /// keeps personal data, how soon it forgets addresses, and who answers for it.
    private static func notice(_ request: RequestContext, _ template: String, _ titleKey: String) -> Outcome {
        let site = request.site, privacy = site.privacy
        let view = NoticeView(controller: privacy.controllerName, retentionMonths: privacy.retentionMonths,
                              addressMinutes: max(1, Int((site.proposalRateLimit.window / 60).rounded(.up))),
                              lookupLimit: site.lookupRateLimit.limit)
        return .page(PageView(template: template, title: request.page.t(titleKey), view: view))
    }

    // MARK: - Erasing one's personal data

    /// GET `/{lang}/proposals/{code}/erase`: what will be erased (which kinds of data the
    /// proposal holds, never their values) and what stays, with the form that erases it; or,
    /// when nothing personal is left, says so (after an erasure: that it was done).
    static func erasePage(_ request: RequestContext, code typed: String, done: Bool, status: HTTPStatus,
                          forbidden: Bool = false) throws -> Outcome {
        guard let code = TrackingCode.canonical(typed),
              let holding = try request.read({ try PersonalDataStore.holding($0, code: code) }) else { throw PageError.notFound }
        let page = request.page, language = request.language
        let labels = PersonalDataStore.columns.filter { holding.held.contains($0.name) }.map { page.t($0.labelKey) }
        let view = EraseView(
            code: code,
            trackingHref: SiteRoute.proposal(language, code: code).path,
            action: SiteRoute.citizen(language, .erase(code: code)).path,
            token: try request.site.formGuard.token(),
            held: labels,
            nameShown: holding.nameShown && holding.held.contains("author_name"),
            done: done && labels.isEmpty,
            forbidden: forbidden)
        return .unstored(PageView(template: "pages/proposal_erase", title: page.t("erase.title"), view: view), status: status)
    }

    /// POST `/{lang}/proposals/{code}/erase`: with a token this server made (the citizen forms'
    /// `FormGuard`, so another site cannot make a visitor's browser erase), every personal
    /// column of the proposal is emptied and the erasure audited in one transaction, then 303
    /// to the page that says it is done. Sent again, it finds nothing to erase and says the same.
    static func erase(_ request: RequestContext, code typed: String) throws -> Outcome {
        let form = try FormData(request: request.request), language = request.language, now = request.now
        guard let code = TrackingCode.canonical(typed) else { throw PageError.notFound }
        guard try request.site.formGuard.verify(form["token"]) != nil else {
            return try erasePage(request, code: code, done: false, status: .forbidden, forbidden: true)
        }
        guard try request.database.write({ try PersonalDataStore.eraseByCitizen($0, code: code, at: now) }) != nil else { throw PageError.notFound }
        return .redirect(to: SiteRoute.citizen(language, .erase(code: code)).path + "?done=1")
    }
}

/// The look-up form: what was typed and, when it cannot be taken, why.
struct LookupView: TemplateView {
    /// Where the form is sent (a GET).
    let action: String
    /// What was typed, cut to 200 characters; empty before the form is sent.
    var code: String
    /// The problem beside the field.
    var error: String?
    /// The minutes to wait past the look-up limit.
    var wait: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "code": return .string(code)
        case "error": return .init(error)
        case "wait": return .init(wait)
        default: return nil
        }
    }
}

/// What the terms and the privacy notice say this portal is configured to do.
struct NoticeView: TemplateView {
    /// Who answers for the personal data, when configured.
    let controller: String?
    /// How long personal data is kept.
    let retentionMonths: Int
    /// How soon the rate limit forgets an address.
    let addressMinutes: Int
    /// Look-ups one address may make in the limit's window.
    let lookupLimit: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "controller": return .init(controller)
        case "retention_months": return .int(retentionMonths)
        case "address_minutes": return .int(addressMinutes)
        case "lookup_limit": return .int(lookupLimit)
        default: return nil
        }
    }
}

/// The erasure page: which kinds of personal data a proposal still holds (never their values)
/// and the form that erases them.
struct EraseView: TemplateView {
    let code: String
    let trackingHref: String
    let action: String
    /// The form's one-time token (`FormGuard`).
    let token: String
    /// The labels of the kinds of personal data held.
    let held: [String]
    /// The author's name is held and shown on the tracking page.
    let nameShown: Bool
    /// Just erased: nothing personal is left.
    let done: Bool
    /// The form was sent without a valid token.
    let forbidden: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "code": return .string(code)
        case "tracking_href": return .string(trackingHref)
        case "action": return .string(action)
        case "token": return .string(token)
        case "held": return .array(held.map { .string($0) })
        case "has_data": return .bool(!held.isEmpty)
        case "name_shown": return .bool(nameShown)
        case "done": return .bool(done)
        case "forbidden": return .bool(forbidden)
        default: return nil
        }
    }
}
