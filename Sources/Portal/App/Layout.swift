import HTTP
import Templates

/// The one place a page is wrapped in its layout (issue 17): public and admin pages alike come
/// here with their chrome — what the layout shows around the page — so the merge of the page's
/// view with the chrome, the render and the response's headers are written once.
struct Layout {
    let templates: TemplateLibrary

    /// The page inside its layout. The chrome's keys are the layout's (`page_title`,
    /// `switch_href`…): where a page's view names one too, the chrome's value is the one shown.
    func render(_ view: PageView, chrome: some TemplateView, language: Language, status: HTTPStatus) throws -> HTTPResponse {
        var context = view.context
        if case .object(let fields) = chrome.templateValue {
            context.merge(fields) { _, chrome in chrome }
        }
        let html = try templates.renderUTF8(view.template, .object(context), language: language)
        let headers = HTTPHeaders([("Content-Type", "text/html; charset=utf-8"), ("Content-Language", language.rawValue)])
        return HTTPResponse(status: status, headers: headers, body: html)
    }
}

/// The link to the same page in the other language, named in that language.
struct LanguageSwitch: TemplateView {
    /// The path (and the query the page kept, see `PageView.switchQuery`) in the other language.
    let href: String
    /// The language the link leads to.
    let language: Language

    var templateValue: TemplateValue {
        ["switch_href": .string(href), "switch_lang": .string(language.rawValue), "switch_label": .string(language.ownName)]
    }
}

/// What every public page's layout shows around it: the title, the stylesheet, the site's
/// navigation in the page's language and the language switch.
struct PublicChrome: TemplateView {
    let title: String
    let stylesheet: String
    let language: Language
    let languageSwitch: LanguageSwitch

    var templateValue: TemplateValue {
        guard case .object(var fields) = languageSwitch.templateValue else { return .null }
        fields["page_title"] = .string(title)
        fields["stylesheet"] = .string(stylesheet)
        fields["home_href"] = .string(SiteRoute.home(language).path)
        fields["network_href"] = .string(SiteRoute.network(language).path)
        fields["data_href"] = .string(SiteRoute.data(language).path)
        fields["calls_nav_href"] = .string(SiteRoute.calls(language).path)
        fields["search_href"] = .string(SiteRoute.search(language).path)
        fields["dashboard_href"] = .string(SiteRoute.dashboard(language).path)
        fields["lookup_href"] = .string(SiteRoute.citizen(language, .lookup).path)
        fields["terms_href"] = .string(SiteRoute.citizen(language, .terms).path)
        fields["privacy_href"] = .string(SiteRoute.citizen(language, .privacy).path)
        return .object(fields)
    }
}

/// What the admin layout shows around a page: who is signed in, the area's navigation for
/// their roles, the sign-out form with its token, the language switch, and the notice the
/// last action left.
struct AdminChrome: TemplateView {
    let title: String
    let stylesheet: String
    let language: Language
    let languageSwitch: LanguageSwitch
    /// The person signed in and their session's anti-forgery token; nil on the sign-in pages.
    let signedIn: (account: Account, csrfToken: String)?
    /// The notice's text, already in the page's language.
    let notice: String?

    var templateValue: TemplateValue {
        guard case .object(var fields) = languageSwitch.templateValue else { return .null }
        fields["page_title"] = .string(title)
        fields["stylesheet"] = .string(stylesheet)
        fields["dashboard_href"] = .string(AdminRoute.dashboard(language).path)
        fields["site_home_href"] = .string(SiteRoute.home(language).path)
        if let (account, csrfToken) = signedIn {
            fields["account"] = ["name": .string(account.name), "is_admin": .bool(account.isAdmin),
                                 "account_href": .string(AdminRoute.account(language).path)]
            fields["csrf"] = .string(csrfToken)
            fields["logout_action"] = .string(AdminRoute.logout(language).path)
            if account.isAdmin {
                fields["nav_people"] = .string(AdminRoute.network(language, .people(.users)).path)
                fields["nav_communes"] = .string(AdminRoute.network(language, .people(.communes)).path)
                fields["nav_outbox"] = .string(AdminRoute.network(language, .mail(.outbox)).path)
            }
            if account.isAdmin || account.grants.contains(where: { $0.role == .focalPoint }) {
                fields["nav_audit"] = .string(AdminRoute.network(language, .audit(.log)).path)
            }
        }
        if let notice { fields["notice"] = .string(notice) }
        return .object(fields)
    }
}
