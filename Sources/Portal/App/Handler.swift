import Foundation
import HTTP
import SQLite
import Templates

/// What every public handler is given (issue 17's feature contract): the route it serves, the
/// request, the page's language and catalog, the time of the request (read once from the
/// site's clock), and the site for its store and the services a feature uses (form tokens,
/// rate limits, mail). Admin handlers get `AdminContext`, which adds the checked session.
struct RequestContext {
    let site: Site
    let request: HTTPRequest
    let route: SiteRoute
    let language: Language
    let now: Date

    /// What view code needs: the language, the catalog and the route shown.
    var page: PageRequest { PageRequest(route: route, language: language, translations: site.templates.translations) }
    var database: Database { site.database }

    /// Runs `body` in one read transaction (one consistent snapshot).
    func read<T>(_ body: (Connection) throws -> T) throws -> T { try site.database.read(body) }
}

/// What a handler answers (issue 17's feature contract): a page with its view, to be put in
/// its layout (`Layout`) with its status and the fields the answer needs; a redirect; or the
/// bytes of a file, feed or export the feature made itself. A failure is thrown as a
/// `PageError`, whose page says what went wrong in the page's language.
enum Outcome {
    case page(PageView, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders())
    /// A redirect, with the fields it carries (signing in sets its session cookie on one).
    case redirect(to: String, status: HTTPStatus = .seeOther, headers: HTTPHeaders = HTTPHeaders())
    case response(HTTPResponse)

    /// A page nobody may keep (RFC 9111 §5.2.2.5): a form with its one-time token, or an
    /// answer that depends on the visitor or the clock.
    static func unstored(_ view: PageView, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Outcome {
        var headers = headers
        headers.set("Cache-Control", "no-store")
        return .page(view, status: status, headers: headers)
    }
}
