import HTTP

/// The audit log pages (`/admin/{lang}/audit`).
public enum AuditRoute: AdminAreaRoute {
    /// `audit`: the log, filtered by query parameters.
    case log

    /// After `/admin/{lang}`.
    public static let forms: [RouteForm<AuditRoute>] = [RouteForm("/audit", .log)]

    public var methods: [HTTPMethod] { [.get, .head] }

    /// Administrators see everything; focal points see their communes' entries (the handler filters).
    public var requirement: AdminRequirement { .anywhere([.focalPoint]) }
}
