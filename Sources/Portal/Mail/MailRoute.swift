import HTTP

/// The outbox of the mail notices, for network administrators (`/admin/{lang}/outbox…`): how
/// many messages wait, failed or died, and why, without any address or body.
enum MailRoute: AdminAreaRoute {
    /// `outbox`: counts by state and the messages not sent yet.
    case outbox
    /// `outbox/{id}/retry` (POST): a dead message queued again for one more attempt now.
    case retry(id: Int)

    /// After `/admin/{lang}`.
    static let forms: [RouteForm<MailRoute>] = [
        RouteForm("/outbox", .outbox),
        RouteForm("/outbox/{id}/retry", .id, build: { .retry(id: $0) }, read: { if case .retry(let id) = $0 { id } else { nil } }),
    ]

    var methods: [HTTPMethod] {
        switch self {
        case .outbox: return [.get, .head]
        case .retry: return [.post]
        }
    }

    /// The outbox spans every commune and says what the MTA answered: administrators only.
    var requirement: AdminRequirement { .admin }
}
