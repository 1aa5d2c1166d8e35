import Foundation
import HTTP
import SQLite
import Templates

/// Everything an admin handler gets, once the dispatcher has checked the session, the role,
/// the commune and (for a POST) the anti-forgery token: a handler only does its feature's work.
struct AdminContext {
    let site: Site
    let request: HTTPRequest
    let route: AdminRoute
    let language: Language
    let account: Account
    let session: Session
    /// The commune of a commune route (already checked to exist and to be the person's).
    let commune: AdminCommune?
    /// The submitted form of a POST (its token already checked); nil for GET.
    let form: FormData?
    /// The parts of a `multipart/form-data` POST (an upload form), files included; nil otherwise.
    let upload: Multipart?
    let now: Date

    var database: Database { site.database }
    var audit: Audit { Audit(userID: account.id, userName: account.name, at: now) }

    var translations: Translations { site.templates.translations }

    /// The catalog text for `key` in the page's language.
    func t(_ key: String) -> String { site.templates.translations.text(key, language) ?? key }

    /// The counted entry `key` in the page's language, in its form for `count` (`{1}`), with
    /// `others` in `{2}`, `{3}`… (see `Translations.counted`).
    func t(_ key: String, count: Int, _ others: [String] = []) -> String {
        site.templates.translations.counted(key, count, language, others) ?? key
    }

    /// A page inside the admin layout (the admin area's `answer` puts it there), never cached
    /// by anyone (it shows one person's view).
    func render(_ view: PageView, status: HTTPStatus = .ok) -> Outcome { .page(view, status: status) }

    /// After a successful POST: back to a page (303, RFC 9110 §15.4.4), with a short notice
    /// (a catalog key under `notice.`) shown there once.
    func redirect(to target: AdminRoute, notice: String? = nil) -> Outcome {
        var location = target.path
        if let notice { location += "?notice=" + notice }
        return .redirect(to: location)
    }

    /// A form value, trimmed and Unicode-normalised (NFC) as typed text is stored.
    func field(_ name: String) -> String {
        (form?[name] ?? "").precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The hidden input every admin form carries.
    var csrfToken: String { session.csrfToken }

    /// Whether the person may act as one of `roles` in this route's commune.
    func holds(_ roles: Set<Role>) -> Bool {
        guard let commune else { return account.isAdmin }
        return account.holds(roles, in: commune.id)
    }
}

/// The commune an admin route is about.
struct AdminCommune: Sendable {
    let id: Int
    let slug: String
    let name: Localized
}
