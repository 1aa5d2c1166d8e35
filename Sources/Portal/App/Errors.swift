import HTTP

/// What a feature throws when it answers with an error page instead of the page asked for:
/// the status, the fields that status needs (Allow on a 405, Retry-After on a 503), and the
/// sentence the error page shows — a catalog key, so the page says it in its own language
/// (`Site.errorPage(for:request:)`). Without a message the status's generic sentence is shown.
/// The one error type of the portal's features: a 404 is always `PageError.notFound` or a
/// `PageError(.notFound, message:)` that says what is missing.
struct PageError: HTTPStatusError, CustomStringConvertible {
    let status: HTTPStatus
    let headers: HTTPHeaders
    /// A catalog key under `error.` naming what went wrong (nil: the status's own sentence).
    let message: String?
    /// For the log only; never shown.
    let reason: String

    init(_ status: HTTPStatus, message: String? = nil, headers: HTTPHeaders = HTTPHeaders(), reason: String = "") {
        self.status = status
        self.message = message
        self.headers = headers
        self.reason = reason
    }

    /// "There is no such thing here": a commune, program, project or record the store lacks.
    static let notFound = PageError(.notFound)

    var description: String { reason.isEmpty ? status.description : "\(status): \(reason)" }
}

