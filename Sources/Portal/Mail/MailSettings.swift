import Foundation
import SQLite
import Templates

/// How this portal sends mail, when it does (`--sendmail-command` set): the MTA's command, the
/// sender's address, and the limits of the outbox. `Site.mail` is nil while mail is off, and
/// then no e-mail field is shown and nothing is queued.
struct MailSettings: Sendable, Equatable {
    /// The sendmail-interface program and its arguments, the program resolved to a path.
    var command: [String]
    /// The `From:` field (`Name <address>`); nil: "Infitah <noreply@host of the base URL>".
    var from: String?
    /// How long one hand-off may take before the program is killed.
    var timeout: TimeInterval = 30
    /// Hand-offs of one message before it is dead (an administrator may retry it).
    var maxAttempts = 8
    /// The wait after the first failure; doubled after each next one (1, 2, 4 … 128 minutes:
    /// about four hours in all before a message is dead), never more than `retryCap`.
    var retryBase: TimeInterval = 60
    var retryCap: TimeInterval = 6 * 3600
    /// The least time between two hand-offs: a burst of submissions is sent at this pace
    /// (ten a second) instead of starting a process per submission while the server is busy.
    var sendInterval: TimeInterval = 0.1
    /// How long a confirmation link works.
    var confirmLifetime: TimeInterval = 30 * 86_400
    /// Sent and cancelled messages are deleted after this long (they hold no address).
    var keepSent: TimeInterval = 90 * 86_400

    init(command: [String], from: String? = nil) {
        self.command = command
        self.from = from
    }

    /// The wait before attempt `failures + 1`, after `failures` failed ones.
    func backoff(afterFailures failures: Int) -> TimeInterval {
        min(retryCap, retryBase * pow(2, Double(max(0, failures - 1))))
    }

    /// The host part for addresses and Message-IDs made from a base URL: its host, or an
    /// address literal for an IP ("[127.0.0.1]", RFC 5321 §4.1.3).
    static func domain(baseURL: String) -> String {
        let host = URLComponents(string: baseURL)?.host ?? "localhost"
        if host.contains(":") { return "[IPv6:" + host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) + "]" }
        if host.allSatisfy({ $0.isNumber || $0 == "." }) { return "[" + host + "]" }
        return host.lowercased()
    }

    /// The `From:` field: as configured, or `Infitah <noreply@domain>`.
    func fromField(baseURL: String) -> String {
        from ?? MailMessage.mailbox(name: "Infitah", address: "noreply@" + Self.domain(baseURL: baseURL))
    }

    /// A `--mail-from` value checked: `address` or `Name <address>`, one line, the address valid.
    static func checkedFrom(_ value: String) throws -> String {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Sendmail.CommandError(description: "--mail-from must be one line")
        }
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard MailAddress.isValid(address), !name.contains("\""), !name.contains("<") else {
                throw Sendmail.CommandError(description: "--mail-from must be an address or Name <address>, not '\(value)'")
            }
            return name.isEmpty ? address : MailMessage.mailbox(name: name, address: address)
        }
        guard MailAddress.isValid(text) else {
            throw Sendmail.CommandError(description: "--mail-from must be an address or Name <address>, not '\(value)'")
        }
        return text
    }
}

/// The words of the messages, from the catalogs, in the language the proposal was sent in.
/// Plain text, so no template (templates escape HTML): each message is a few catalog lines with
/// the proposal's own words put in, built here and nowhere else.
struct MailText {
    let translations: Translations
    let language: Language

    func t(_ key: String) -> String { translations.text(key, language) ?? key }

    /// The catalog text with `{1}`, `{2}`… replaced in one pass (`Translations.fill`).
    func fill(_ key: String, _ values: String...) -> String {
        translations.fill(key, language, values)
    }

    /// A title as a subject line shows it: one line, at most 80 characters.
    static func short(_ title: String) -> String {
        let line = title.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    /// The message asking to confirm the address (its link is added when it is sent).
    func confirmation(title: String, commune: String) -> (subject: String, body: String) {
        (fill("mail.subject.confirm", Self.short(title)),
         [t("mail.body.hello"), fill("mail.body.confirm", title, commune)].joined(separator: "\n\n"))
    }

    /// What a decision of the committee says: the proposal decided, its status, the commune's
    /// answer, the reason of a refusal, the project it joined. `mergedTitle` is the recipient's
    /// own proposal when it was merged into the one decided.
    struct Decision {
        var title: String
        var commune: String
        var status: String
        var answer: String?
        var reason: String?
        var project: String?
        var trackingURL: String
        var mergedTitle: String?
    }

    func update(_ decision: Decision) -> (subject: String, body: String) {
        var parts = [t("mail.body.hello")]
        if let mine = decision.mergedTitle {
            parts.append(fill("mail.body.update_merged", decision.commune, decision.title, mine))
        } else {
            parts.append(fill("mail.body.update", decision.commune, decision.title))
        }
        parts.append(fill("mail.body.status", t("proposal.status." + decision.status)))
        if let answer = decision.answer, !answer.isEmpty { parts.append(t("mail.body.answer") + "\n" + answer) }
        if let reason = decision.reason, !reason.isEmpty { parts.append(t("mail.body.reason") + "\n" + reason) }
        if let project = decision.project { parts.append(fill("mail.body.project", project)) }
        parts.append(t("mail.body.follow") + "\n" + decision.trackingURL)
        return (fill("mail.subject.update", Self.short(decision.mergedTitle ?? decision.title)), parts.joined(separator: "\n\n"))
    }

    /// What a change of progress of the project a proposal fed says (issue 13): the project, the
    /// activity that moved, its status and percent on its day.
    struct Progress {
        var title: String
        var commune: String
        var project: String
        var activity: String
        var status: String
        var percent: Int
        var day: String
        var trackingURL: String
    }

    func progress(_ progress: Progress) -> (subject: String, body: String) {
        let parts = [t("mail.body.hello"),
                     fill("mail.body.progress", progress.commune, progress.title, progress.project),
                     fill("mail.body.progress_activity", progress.activity, t("execution.status." + progress.status),
                          String(progress.percent), progress.day),
                     t("mail.body.follow") + "\n" + progress.trackingURL]
        return (fill("mail.subject.progress", Self.short(progress.title)), parts.joined(separator: "\n\n"))
    }

    /// The message to the author of a proposal merged into another.
    func merged(title: String, commune: String, keptTitle: String, keptURL: String) -> (subject: String, body: String) {
        (fill("mail.subject.merged", Self.short(title)),
         [t("mail.body.hello"), fill("mail.body.merged", title, commune, keptTitle), t("mail.body.follow_kept") + "\n" + keptURL]
            .joined(separator: "\n\n"))
    }

    /// What is added when the message is handed over: the confirmation link (a confirmation),
    /// why the person gets it, the unsubscribe link, the portal's name.
    func links(confirmURL: String?, unsubscribeURL: String, confirmDays: Int) -> String {
        var parts: [String] = []
        if let confirmURL {
            parts.append(t("mail.body.confirm_link") + "\n" + confirmURL)
            parts.append(fill("mail.body.confirm_ignore", String(confirmDays)))
        }
        parts.append("-- \n" + t("mail.footer.why") + "\n" + t("mail.footer.unsubscribe") + "\n" + unsubscribeURL + "\n\n" + t("site.name"))
        return parts.joined(separator: "\n\n")
    }
}

/// How many confirmation messages one address may be sent in a day (UTC): a stranger's address
/// typed into many forms gets at most `perDay`, and past that the address is not even kept (nothing
/// would be sent to it). Counted in memory under the address's SHA-256, like the submission limit
/// (a restart forgets the counts), in one dictionary emptied when the day changes: no index on the
/// stored addresses (see 0014) and no pruning pass per submission. At most `capacity` addresses a
/// day are followed; past that, new ones get no confirmation — only a flood of forms gets there.
final class ConfirmationLimit: @unchecked Sendable {
    let perDay: Int
    let capacity: Int
    private let lock = NSLock()
    private var day: Int = .min                  // guarded by lock
    private var counts: [String: Int] = [:]      // guarded by lock

    init(perDay: Int = 5, capacity: Int = 200_000) {
        self.perDay = perDay
        self.capacity = capacity
    }

    /// Counts one confirmation to `address` at `now`, or says it is one too many.
    func admit(_ address: String, at now: Date) -> Bool {
        let key = SHA256.hex(Array(address.lowercased().utf8))
        let today = Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        lock.lock()
        defer { lock.unlock() }
        if today != day {
            day = today
            counts = [:]
        }
        let sent = counts[key] ?? 0
        guard sent < perDay, sent > 0 || counts.count < capacity else { return false }
        counts[key] = sent + 1
        return true
    }
}
