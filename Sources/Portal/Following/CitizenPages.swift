import Foundation
import HTTP
import SQLite
import Templates

/// A citizen's own pages beside the program pages: finding a proposal again from its code,
/// erasing its personal data with that code, and the terms and privacy notice the consent box
/// points to. No account anywhere: the tracking code is what proves a proposal is one's own.
extension Site {
    func citizenPage(_ page: SiteRoute.CitizenPage, _ request: HTTPRequest, _ route: SiteRoute, _ language: Language) throws -> HTTPResponse {
        switch page {
        case .lookup: return try lookupPage(request, route, language)
        case .terms: return try noticePage("pages/terms", "terms.title", route, language)
        case .privacy: return try noticePage("pages/privacy", "privacy.title", route, language)
        case .erase(let code):
            if request.method == .post { return try erase(request, route, language, code: code) }
            return try erasePage(route, language, code: code, done: request.queryValue("done") == "1", status: .ok)
        case .confirmMail(let token): return try mailLinkPage(.confirm, token: token, request, route, language)
        case .unsubscribe(let token): return try mailLinkPage(.unsubscribe, token: token, request, route, language)
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
    func lookupPage(_ request: HTTPRequest, _ route: SiteRoute, _ language: Language) throws -> HTTPResponse {
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        var context: [String: TemplateValue] = ["action": .string(route.path), "code": "", "error": .null, "wait": .null]
        func form(_ status: HTTPStatus, error: String? = nil) throws -> HTTPResponse {
            context["error"] = TemplateValue(error)
            return try noStore(render(PageView(template: "pages/proposal_lookup", title: page.t("lookup.title"), context: context),
                                      route: route, language: language, status: status))
        }
        guard let typed = request.queryValue("code") else { return try form(.ok) }
        context["code"] = .string(String(typed.prefix(200)))
        let part = Self.codePart(typed)
        let symbols = TrackingCode.symbols(part)
        if symbols.isEmpty { return try form(.unprocessableContent, error: page.t("lookup.error.empty")) }

        if let wait = lookupRateLimit.admit(request.remoteAddress, at: now()) {
            context["wait"] = .int(Int((wait / 60).rounded(.up)))
            var response = try form(.tooManyRequests)
            // RFC 9110 §10.2.3: how long to wait, in seconds.
            response.headers.set("Retry-After", String(Int(wait.rounded(.up))))
            return response
        }
        guard symbols.count == TrackingCode.length else {
            let text = page.t("lookup.error.length", count: symbols.count, [Format.number(TrackingCode.length, language)])
            return try form(.unprocessableContent, error: text)
        }
        guard let code = TrackingCode.canonical(part) else {
            return try form(.unprocessableContent, error: page.t("lookup.error.characters"))
        }
        guard try database.read({ try PersonalDataStore.exists($0, code: code) }) else {
            return try form(.notFound, error: page.t("lookup.error.unknown"))
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
    private func noticePage(_ template: String, _ titleKey: String, _ route: SiteRoute, _ language: Language) throws -> HTTPResponse {
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        let context: [String: TemplateValue] = [
            "controller": TemplateValue(privacy.controllerName),
            "retention_months": .int(privacy.retentionMonths),
            "address_minutes": .int(max(1, Int((proposalRateLimit.window / 60).rounded(.up)))),
            "lookup_limit": .int(lookupRateLimit.limit),
        ]
        return try render(PageView(template: template, title: page.t(titleKey), context: context), route: route, language: language)
    }

    // MARK: - Erasing one's personal data

    /// GET `/{lang}/proposals/{code}/erase`: what will be erased (which kinds of data the
    /// proposal holds, never their values) and what stays, with the form that erases it; or,
    /// when nothing personal is left, says so (after an erasure: that it was done).
    func erasePage(_ route: SiteRoute, _ language: Language, code typed: String, done: Bool, status: HTTPStatus,
                   forbidden: Bool = false) throws -> HTTPResponse {
        guard let code = TrackingCode.canonical(typed),
              let holding = try database.read({ try PersonalDataStore.holding($0, code: code) }) else { throw PageError.notFound }
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        let labels = PersonalDataStore.columns.filter { holding.held.contains($0.name) }.map { TemplateValue.string(page.t($0.labelKey)) }
        let context: [String: TemplateValue] = [
            "code": .string(code),
            "tracking_href": .string(SiteRoute.proposal(language, code: code).path),
            "action": .string(SiteRoute.citizen(language, .erase(code: code)).path),
            "token": .string(try formGuard.token()),
            "held": .array(labels),
            "has_data": .bool(!labels.isEmpty),
            "name_shown": .bool(holding.nameShown && holding.held.contains("author_name")),
            "done": .bool(done && labels.isEmpty),
            "forbidden": .bool(forbidden),
        ]
        return try noStore(render(PageView(template: "pages/proposal_erase", title: page.t("erase.title"), context: context),
                                  route: route, language: language, status: status))
    }

    /// POST `/{lang}/proposals/{code}/erase`: with a token this server made (the citizen forms'
    /// `FormGuard`, so another site cannot make a visitor's browser erase), every personal
    /// column of the proposal is emptied and the erasure audited in one transaction, then 303
    /// to the page that says it is done. Sent again, it finds nothing to erase and says the same.
    func erase(_ request: HTTPRequest, _ route: SiteRoute, _ language: Language, code typed: String) throws -> HTTPResponse {
        let form = try FormData(request: request)
        guard let code = TrackingCode.canonical(typed) else { throw PageError.notFound }
        guard try formGuard.verify(form["token"]) != nil else {
            return try erasePage(route, language, code: code, done: false, status: .forbidden, forbidden: true)
        }
        let now = now()
        guard try database.write({ try PersonalDataStore.eraseByCitizen($0, code: code, at: now) }) != nil else { throw PageError.notFound }
        return .redirect(to: SiteRoute.citizen(language, .erase(code: code)).path + "?done=1")
    }
}
