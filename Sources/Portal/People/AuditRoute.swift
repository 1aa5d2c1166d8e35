import HTTP

/// The audit log pages (`/admin/{lang}/audit`).
enum AuditRoute: AdminAreaRoute {
    /// `audit`: the log, filtered by query parameters.
    case log

    /// After `/admin/{lang}`.
    static let forms: [RouteForm<AuditRoute>] = [RouteForm("/audit", .log)]

    var methods: [HTTPMethod] { [.get, .head] }

    /// Administrators see everything; focal points see their communes' entries (the handler filters).
    var requirement: AdminRequirement { .anywhere([.focalPoint]) }
}
