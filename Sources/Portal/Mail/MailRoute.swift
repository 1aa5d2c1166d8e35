import HTTP

/// The outbox of the mail notices, for network administrators (`/admin/{lang}/outbox…`): how
/// many messages wait, failed or died, and why, without any address or body.
public enum MailRoute: AdminAreaRoute {
    /// `outbox`: counts by state and the messages not sent yet.
    case outbox
    /// `outbox/{id}/retry` (POST): a dead message queued again for one more attempt now.
    case retry(id: Int)

    public init?(tail: [String]) {
        switch tail {
        case ["outbox"]: self = .outbox
        case let t where t.count == 3 && t[0] == "outbox" && t[2] == "retry":
            guard !t[1].isEmpty, t[1].count <= 18, t[1].allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(t[1]), id > 0 else { return nil }
            self = .retry(id: id)
        default: return nil
        }
    }

    public var tail: [String] {
        switch self {
        case .outbox: return ["outbox"]
        case .retry(let id): return ["outbox", String(id), "retry"]
        }
    }

    public var methods: [HTTPMethod] {
        switch self {
        case .outbox: return [.get, .head]
        case .retry: return [.post]
        }
    }

    /// The outbox spans every commune and says what the MTA answered: administrators only.
    public var requirement: AdminRequirement { .admin }
}
