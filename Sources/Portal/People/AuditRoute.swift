import HTTP

/// The audit log pages (`/admin/{lang}/audit`).
public enum AuditRoute: AdminAreaRoute {
    /// `audit`: the log, filtered by query parameters.
    case log

    public init?(tail: [String]) {
        switch tail {
        case ["audit"]: self = .log
        default: return nil
        }
    }

    public var tail: [String] { ["audit"] }

    public var methods: [HTTPMethod] { [.get, .head] }

    /// Administrators see everything; focal points see their communes' entries (the handler filters).
    public var requirement: AdminRequirement { .anywhere([.focalPoint]) }
}
