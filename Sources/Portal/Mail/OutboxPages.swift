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
        let messages = try outbox.waiting.map { row -> TemplateValue in
            let id = try row.int("id"), state = try row.string("state")
            let slug = try row.string("slug"), period = try row.string("period"), proposal = try row.int("proposal_id")
            func moment(_ column: String) throws -> TemplateValue {
                try row.optionalString(column).flatMap(Timestamp.date).map { .string(PeoplePages.moment($0, context)) } ?? .null
            }
            return [
                "id": .int(id),
                "kind": .string(context.t("mail.kind." + (try row.string("kind")))),
                "state": .string(context.t("mail.state." + state)),
                "state_code": .string(state),
                "language": .string((Language(rawValue: try row.string("language")) ?? .fr).ownName),
                "commune": .string(try Localized(row, "name").text(language)),
                "proposal": .int(proposal),
                "proposal_href": .string(AdminRoute.commune(language, slug: slug, .triage(.proposal(period: period, id: proposal))).path),
                "attempts": .int(try row.int("attempts")),
                // A dead message waits for nobody: no next attempt to show.
                "next": state == "dead" ? .null : try moment("next_attempt_at"),
                "created": try moment("created_at"),
                "error": TemplateValue(try row.optionalString("last_error")),
                "retry_action": state == "dead" ? .string(AdminRoute.network(language, .mail(.retry(id: id))).path) : .null,
            ]
        }
        let counts: [TemplateValue] = MailStore.states.map {
            ["label": .string(context.t("mail.state." + $0)), "count": .int(outbox.counts[$0] ?? 0), "code": .string($0)]
        }
        let waiting = ["queued", "sending", "failed", "dead"].reduce(0) { $0 + (outbox.counts[$1] ?? 0) }
        return context.render(PageView(template: "admin/outbox", title: context.t("mail.admin.title"), context: [
            "mail_on": .bool(context.site.mail != nil),
            "counts": .array(counts),
            "messages": .array(messages),
            "more": waiting > listed ? .int(waiting - listed) : .null,
            "attempts_max": .int(context.site.mail?.maxAttempts ?? MailSettings(command: []).maxAttempts),
        ]))
    }
}
