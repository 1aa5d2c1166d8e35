import Foundation
import HTTP
import SQLite
import Templates

/// The outbox as network administrators watch it (`/admin/{lang}/outbox`): whether mail is on,
/// how many messages are in each state, and every message not sent yet — its kind, commune,
/// proposal, attempts, next attempt (Morocco time) and the MTA's last answer — never its
/// address or its body, which are the citizen's. A dead message can be retried once more
/// (audited), after whatever stopped it (the MTA, its relay) has been put right.
enum OutboxPages {
    static let listed = 100

    static func handle(_ route: MailRoute, _ context: AdminContext) throws -> Outcome {
        switch route {
        case .outbox: return try page(context)
        case .retry(let id): return try retry(context, id: id)
        }
    }

    private static func retry(_ context: AdminContext, id: Int) throws -> Outcome {
        let retried: Bool = try context.database.write { db in
            guard let communeID = try MailStore.retry(db, id: id, at: context.now) else { return false }
            try context.audit.record(db, action: "update", entity: "mail", entityID: id, field: "state",
                                     before: "dead", after: "queued", communeID: communeID)
            return true
        }
        guard retried else { throw PageError.notFound }
        context.site.mailSender?.wake()
        return context.redirect(to: .network(context.language, .mail(.outbox)), notice: "notice.mail_retried")
    }

    private static func page(_ context: AdminContext) throws -> Outcome {
        let language = context.language
        let outbox = try context.database.read { try MailStore.outbox($0, limit: listed) }
        let messages = try outbox.waiting.map { row in
            let id = try row.int("id"), state = try row.string("state")
            let slug = try row.string("slug"), period = try row.string("period"), proposal = try row.int("proposal_id")
            func moment(_ column: String) throws -> String? {
                try row.optionalString(column).flatMap(Timestamp.date).map { PeoplePages.moment($0, context) }
            }
            return OutboxMessage(
                id: id, kind: context.t("mail.kind." + (try row.string("kind"))), state: context.t("mail.state." + state), stateCode: state,
                language: (Language(rawValue: try row.string("language")) ?? .fr).ownName,
                commune: try Localized(row, "name").text(language), proposal: proposal,
                proposalHref: AdminRoute.commune(language, slug: slug, .triage(.proposal(period: period, id: proposal))).path,
                attempts: try row.int("attempts"),
                // A dead message waits for nobody: no next attempt to show.
                next: state == "dead" ? nil : try moment("next_attempt_at"),
                created: try moment("created_at"), error: try row.optionalString("last_error"),
                retryAction: state == "dead" ? AdminRoute.network(language, .mail(.retry(id: id))).path : nil)
        }
        let waiting = ["queued", "sending", "failed", "dead"].reduce(0) { $0 + (outbox.counts[$1] ?? 0) }
        return context.render(PageView(template: "admin/outbox", title: context.t("mail.admin.title"), view: OutboxView(
            mailOn: context.site.mail != nil,
            counts: MailStore.states.map { OutboxView.Count(label: context.t("mail.state." + $0), count: outbox.counts[$0] ?? 0, code: $0) },
            messages: messages, more: waiting > listed ? waiting - listed : nil,
            attemptsMax: context.site.mail?.maxAttempts ?? MailSettings(command: []).maxAttempts)))
    }
}

/// The outbox page: whether mail is on, the count of each state, and the messages not sent yet.
struct OutboxView: TemplateView {
    /// How many messages are in a state.
    struct Count: TemplateView {
        let label: String
        let count: Int
        let code: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "label": return .string(label)
            case "count": return .int(count)
            case "code": return .string(code)
            default: return nil
            }
        }
    }

    let mailOn: Bool
    let counts: [Count]
    let messages: [OutboxMessage]
    /// How many waiting messages are not listed, when some are not.
    let more: Int?
    let attemptsMax: Int

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "mail_on": return .bool(mailOn)
        case "counts": return .init(counts)
        case "messages": return .init(messages)
        case "more": return .init(more)
        case "attempts_max": return .int(attemptsMax)
        default: return nil
        }
    }
}

/// A message not sent yet, without its address or body (they are the citizen's).
struct OutboxMessage: TemplateView {
    let id: Int
    let kind: String
    /// The state in words, and as stored.
    let state: String
    let stateCode: String
    /// The language it is written in, by its own name.
    let language: String
    let commune: String
    let proposal: Int
    let proposalHref: String
    let attempts: Int
    /// The next attempt and when it was queued, in Morocco time.
    let next: String?
    let created: String?
    /// The MTA's last answer.
    let error: String?
    /// The retry form, for a dead message.
    let retryAction: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return .int(id)
        case "kind": return .string(kind)
        case "state": return .string(state)
        case "state_code": return .string(stateCode)
        case "language": return .string(language)
        case "commune": return .string(commune)
        case "proposal": return .int(proposal)
        case "proposal_href": return .string(proposalHref)
        case "attempts": return .int(attempts)
        case "next": return .init(next)
        case "created": return .init(created)
        case "error": return .init(error)
        case "retry_action": return .init(retryAction)
        default: return nil
        }
    }
}
