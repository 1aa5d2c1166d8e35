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
        var context: [String: TemplateValue] = ["action": .string(request.route.path), "code": "", "error": .null, "wait": .null]
        func form(_ status: HTTPStatus, error: String? = nil, headers: HTTPHeaders = HTTPHeaders()) -> Outcome {
            context["error"] = TemplateValue(error)
            return .unstored(PageView(template: "pages/proposal_lookup", title: page.t("lookup.title"), context: context),
                             status: status, headers: headers)
        }
        guard let typed = request.request.queryValue("code") else { return form(.ok) }
        context["code"] = .string(String(typed.prefix(200)))
        let part = codePart(typed)
        let symbols = TrackingCode.symbols(part)
        if symbols.isEmpty { return form(.unprocessableContent, error: page.t("lookup.error.empty")) }

        if let wait = request.site.lookupRateLimit.admit(request.request.remoteAddress, at: request.now) {
            context["wait"] = .int(Int((wait / 60).rounded(.up)))
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
        let context: [String: TemplateValue] = [
            "controller": TemplateValue(privacy.controllerName),
            "retention_months": .int(privacy.retentionMonths),
            "address_minutes": .int(max(1, Int((site.proposalRateLimit.window / 60).rounded(.up)))),
            "lookup_limit": .int(site.lookupRateLimit.limit),
        ]
        return .page(PageView(template: template, title: request.page.t(titleKey), context: context))
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
        let labels = PersonalDataStore.columns.filter { holding.held.contains($0.name) }.map { TemplateValue.string(page.t($0.labelKey)) }
        let context: [String: TemplateValue] = [
            "code": .string(code),
            "tracking_href": .string(SiteRoute.proposal(language, code: code).path),
            "action": .string(SiteRoute.citizen(language, .erase(code: code)).path),
            "token": .string(try request.site.formGuard.token()),
            "held": .array(labels),
            "has_data": .bool(!labels.isEmpty),
            "name_shown": .bool(holding.nameShown && holding.held.contains("author_name")),
            "done": .bool(done && labels.isEmpty),
            "forbidden": .bool(forbidden),
        ]
        return .unstored(PageView(template: "pages/proposal_erase", title: page.t("erase.title"), context: context), status: status)
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
