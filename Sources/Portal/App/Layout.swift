import HTTP
import Templates

/// The one place a page is wrapped in its layout (issue 17): public and admin pages alike come
/// here with their chrome — what the layout shows around the page — so the merge of the page's
/// view with the chrome, the render and the response's headers are written once.
struct Layout {
    let templates: TemplateLibrary

    /// The page inside its layout. The chrome's keys are the layout's (`page_title`,
    /// `switch_href`…), read where the page's view has no key of the name.
    func render(_ view: PageView, chrome: some TemplateView, language: Language, status: HTTPStatus) throws -> HTTPResponse {
        let html = try templates.renderUTF8(view.template, view.root.over(chrome.templateValue), language: language)
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

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "switch_href": return .string(href)
        case "switch_lang": return .string(language.rawValue)
        case "switch_label": return .string(language.ownName)
        default: return nil
        }
    }
}

/// What every public page's layout shows around it: the title, the stylesheet, the site's
/// navigation in the page's language and the language switch.
struct PublicChrome: TemplateView {
    let title: String
    let stylesheet: String
    let language: Language
    let languageSwitch: LanguageSwitch

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "page_title": return .string(title)
        case "stylesheet": return .string(stylesheet)
        case "home_href": return .string(SiteRoute.home(language).path)
        case "network_href": return .string(SiteRoute.network(language).path)
        case "data_href": return .string(SiteRoute.data(language).path)
        case "calls_nav_href": return .string(SiteRoute.calls(language).path)
        case "search_href": return .string(SiteRoute.search(language).path)
        case "dashboard_href": return .string(SiteRoute.dashboard(language).path)
        case "lookup_href": return .string(SiteRoute.citizen(language, .lookup).path)
        case "terms_href": return .string(SiteRoute.citizen(language, .terms).path)
        case "privacy_href": return .string(SiteRoute.citizen(language, .privacy).path)
        default: return languageSwitch.member(key)
        }
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

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "page_title": return .string(title)
        case "stylesheet": return .string(stylesheet)
        case "dashboard_href": return .string(AdminRoute.dashboard(language).path)
        case "site_home_href": return .string(SiteRoute.home(language).path)
        case "notice": return notice.map { .string($0) }
        default: break
        }
        // The signed-in person's keys; on the sign-in pages none of them exists.
        guard let (account, csrfToken) = signedIn else { return languageSwitch.member(key) }
        let isAdmin = account.isAdmin
        switch key {
        case "account":
            return ["name": .string(account.name), "is_admin": .bool(isAdmin), "account_href": .string(AdminRoute.account(language).path)]
        case "csrf": return .string(csrfToken)
        case "logout_action": return .string(AdminRoute.logout(language).path)
        case "nav_people": return isAdmin ? .string(AdminRoute.network(language, .people(.users)).path) : nil
        case "nav_communes": return isAdmin ? .string(AdminRoute.network(language, .people(.communes)).path) : nil
        case "nav_outbox": return isAdmin ? .string(AdminRoute.network(language, .mail(.outbox)).path) : nil
        case "nav_audit":
            return isAdmin || account.grants.contains(where: { $0.role == .focalPoint })
                ? .string(AdminRoute.network(language, .audit(.log)).path) : nil
        default: return languageSwitch.member(key)
        }
    }
}
