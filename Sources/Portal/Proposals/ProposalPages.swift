import Foundation
import HTTP
import SQLite
import Templates

/// Which form a citizen fills in. Each goes through the same steps (guarded, validated,
/// rate-limited, idempotent, committed before the receipt) and opens the same tracking page.
enum ProposalCard: Equatable, Sendable {
    /// An idea on one of the axes of an open ideas call.
    case idea
    /// The observation card (بطاقة الملاحظات) on draft project `number`, while a draft-comments call is open.
    case observation(Int)
    /// The "new openness project" card (بطاقة حول مشروع انفتاح جديد), while an ideas call is open.
    case project

    var callKind: String {
        if case .observation = self { return "draft-comments" }
        return "ideas"
    }

    var template: String {
        switch self {
        case .idea: return "pages/proposal_form"
        case .observation: return "pages/observation_form"
        case .project: return "pages/proposal_project_form"
        }
    }

    var titleKey: String {
        switch self {
        case .idea: return "proposal.form.title"
        case .observation: return "observation.form.title"
        case .project: return "newproject.form.title"
        }
    }

    /// The closed-call page speaks of the consultation on the draft or of the ideas call.
    var closedPrefix: String {
        if case .observation = self { return "observation" }
        return "proposal"
    }

    /// The value of `proposals.kind`: a new project card is an idea with more to it (see 0004).
    var storedKind: String {
        if case .observation = self { return "observation" }
        return "idea"
    }

    var projectNumber: Int? {
        if case .observation(let number) = self { return number }
        return nil
    }
}

/// The citizen's side of a call for ideas: the form (only while the call is open), the
/// submission (checked, deduplicated, rate-limited, committed before the receipt is sent),
/// and the tracking page that a proposal's code opens. The observation card on a draft
/// project (while a draft-comments call is open) and the new project card go through the
/// same steps.
extension Site {
    /// What the form page needs, read in one snapshot.
    private struct FormSetting {
        var program: ProgramRecord
        var card: ProposalCard
        var call: Call?
        /// The draft project an observation card is about; nil otherwise.
        var project: ProgramRecord.Project?
    }

    private func formSetting(slug: String, period: String, card: ProposalCard) throws -> FormSetting {
        try database.read { db in
            let program = try ProgramRecord.load(db, slug: slug, period: period)
            let calls = try Call.all(db, programID: program.id)
            var setting = FormSetting(program: program, card: card, call: Call.current(card.callKind, among: calls, at: now()))
            if let number = card.projectNumber {
                guard let project = program.projects.first(where: { $0.number == number }) else { throw HTTPNotFound() }
                setting.project = project
            }
            return setting
        }
    }

    /// What storing a submission needs, without the whole program: a POST reads four or five
    /// rows instead of the dozen queries of `ProgramRecord.load` (most of a submission's
    /// reading time; see Tests/Benchmarks/run --submissions). `existingCode` is the receipt
    /// already given for this form's nonce, if any.
    private struct SubmissionSetting {
        var programID: Int
        var call: Call?
        var projectID: Int?
        var projectAxisID: Int?
        var existingCode: String?
        /// The program's axes, read only when the call names none (then it covers them all).
        var programAxisIDs: [Int] = []
    }

    private func submissionSetting(slug: String, period: String, card: ProposalCard, nonce: String) throws -> SubmissionSetting {
        try database.read { db in
            guard let programID = try db.scalar("""
                SELECT g.id FROM programs g JOIN communes c ON c.id = g.commune_id WHERE c.slug = ? AND g.period = ?
                """, [slug, period], as: Int.self) else { throw HTTPNotFound() }
            var setting = SubmissionSetting(programID: programID,
                                            call: Call.current(card.callKind, among: try Call.all(db, programID: programID), at: now()))
            if setting.call?.axisIDs.isEmpty == true {
                setting.programAxisIDs = try db.query("SELECT id FROM axes WHERE program_id = ?", [programID]).map { try $0.int("id") }
            }
            if let number = card.projectNumber {
                guard let row = try db.queryOne("SELECT id, axis_id FROM projects WHERE program_id = ? AND number = ?",
                                                [programID, number]) else { throw HTTPNotFound() }
                setting.projectID = try row.int("id")
                setting.projectAxisID = try row.optionalInt("axis_id")
            }
            setting.existingCode = try Self.code(forSubmission: nonce, db)
            return setting
        }
    }

    /// GET `.../proposals/new` (and the other cards' forms): the form while its call is open,
    /// else a page saying when it opens or that it has closed.
    func proposalFormPage(_ route: SiteRoute, _ language: Language, slug: String, period: String, card: ProposalCard = .idea) throws -> HTTPResponse {
        let setting = try formSetting(slug: slug, period: period, card: card)
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        guard let call = setting.call, call.state(at: now()) == .open else {
            return try closedPage(setting, page: page, status: .ok)
        }
        return try formPage(setting, call: call, form: ProposalForm(), token: formGuard.token(), page: page, status: .ok)
    }

    /// POST of a citizen's form (`card` says which).
    func submitProposal(_ request: HTTPRequest, _ route: SiteRoute, _ language: Language, slug: String, period: String, card: ProposalCard = .idea) throws -> HTTPResponse {
        let form = try FormData(request: request)
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: request)
        guard let token = form["token"], let nonce = try formGuard.verify(token) else {
            return try noStore(render(PageView(template: "pages/proposal_forbidden", title: page.t("proposal.forbidden.title"),
                                               context: ["form_href": .string(route.path)]),
                                      route: route, language: language, status: .forbidden))
        }
        // A robot fills every field; a person never sees this one. It is told it succeeded.
        if let trap = form["website"], !trap.isEmpty { return .redirect(to: SiteRoute.proposalThanks(language).path) }

        let setting = try submissionSetting(slug: slug, period: period, card: card, nonce: nonce)
        let now = now()
        guard let call = setting.call, call.state(at: now) == .open else {
            return try closedPage(formSetting(slug: slug, period: period, card: card), page: page, status: .conflict)
        }
        if let code = setting.existingCode { return Self.receipt(language, code) }
        var proposal: ProposalForm
        switch card {
        case .idea: proposal = ProposalForm(form, axisIDs: call.coveredAxes(of: setting.programAxisIDs))
        case .observation: proposal = ProposalForm(observation: form)
        case .project: proposal = ProposalForm(project: form, axisIDs: call.coveredAxes(of: setting.programAxisIDs))
        }
        let mailer = mailer
        if mailer != nil { proposal.readEmail(form) }
        guard proposal.isValid else {
            return try formPage(formSetting(slug: slug, period: period, card: card), call: call, form: proposal, token: token,
                                page: page, status: .unprocessableContent)
        }
        if let wait = proposalRateLimit.admit(request.remoteAddress, at: now) {
            let minutes = Int((wait / 60).rounded(.up))
            var response = try render(PageView(template: "pages/proposal_wait", title: page.t("proposal.wait.title"),
                                               context: ["minutes": .int(minutes), "form_href": .string(route.path)]),
                                      route: route, language: language, status: .tooManyRequests)
            // RFC 9110 §10.2.3: how long to wait, in seconds.
            response.headers.set("Retry-After", String(Int(wait.rounded(.up))))
            return noStore(response)
        }
        // Committed (synchronous=FULL) before the receipt is sent: a citizen who got a code
        // has a proposal on disk.
        // The confirmation message, when an address was given, is queued in the same transaction.
        let (code, queued): (String, Bool) = try database.write { db in
            if let existing = try Self.code(forSubmission: nonce, db) { return (existing, false) }
            let code = TrackingCode.make()
            let axis = card.projectNumber == nil ? Int(proposal.axis) : setting.projectAxisID
            // An address past its day's confirmations is not even kept: nothing would ever be sent to it.
            let email: String? = mailer != nil && !proposal.email.isEmpty && confirmationLimit.admit(proposal.email, at: now)
                ? proposal.email : nil
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, author_name, show_name,
                                       gender, age_band, association, neighbourhood, channel, tracking_code,
                                       submission_key, remote_address, created_at, email, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'platform', ?, ?, ?, ?, ?, ?)
                """, [setting.programID, call.id, axis, setting.projectID, card.storedKind,
                      proposal.title, proposal.description,
                      Self.optional(proposal.name), proposal.showName && !proposal.name.isEmpty,
                      Self.optional(proposal.gender), Self.optional(proposal.ageBand), Self.optional(proposal.association),
                      Self.optional(proposal.neighbourhood), code, nonce, request.remoteAddress, Call.utcText(now),
                      email, language.rawValue])
            let id = Int(db.lastInsertRowID)
            switch card {
            case .idea: break
            case .observation:
                let fields = ProposalForm.observationFields.map { proposal.observation[$0] ?? "" }
                try db.run("""
                    INSERT INTO proposal_observations (proposal_id, problem, solutions, funding, follow_up, impact, remarks)
                    VALUES (last_insert_rowid(), ?, ?, ?, ?, ?, ?)
                    """, fields)
            case .project:
                let fields: [any SQLBindable] = ProposalForm.projectFields.map { proposal.project[$0] ?? "" }
                try db.run("""
                    INSERT INTO proposal_projects (proposal_id, objective, expected_results, partners, estimated_cost)
                    VALUES (last_insert_rowid(), ?, ?, ?, ?)
                    """, fields + [proposal.costCentimes])
            }
            if let mailer, email != nil { try MailStore.queueConfirmation(db, proposal: id, language: language, mailer: mailer, at: now) }
            return (code, email != nil)
        }
        if queued { mailSender?.wake() }
        return Self.receipt(language, code)
    }

    /// The 303 after a submission: the tracking page, marked as just received so it thanks the
    /// citizen once (RFC 9110 §15.4.4: the answer to a POST is found with a GET at Location).
    /// The mark is only on this URL: the code's own URL, bookmarked or reopened, shows no thanks.
    static func receipt(_ language: Language, _ code: String) -> HTTPResponse {
        .redirect(to: SiteRoute.proposal(language, code: code).path + "?" + receivedQuery)
    }

    static let receivedQuery = "received=1"

    /// GET `/{lang}/proposals/{code}`: what became of a proposal. Never personal data. Right
    /// after a submission (`?received=1`, see `receipt`) it also thanks the citizen and says
    /// to keep the code or the page's own address.
    func trackingPage(_ request: HTTPRequest, _ route: SiteRoute, _ language: Language, code typed: String) throws -> HTTPResponse {
        guard let code = TrackingCode.canonical(typed) else { throw HTTPNotFound() }
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        let received = request.query.contains { $0.name == "received" && $0.value == "1" }
        let view: PageView = try database.read { db in
            guard let row = try db.queryOne("""
                SELECT p.title, p.description, p.status, p.public_answer, p.answered_at, p.created_at, p.tracking_code,
                       CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name,
                       g.period, c.slug, g.title_ar AS program_title_ar, g.title_fr AS program_title_fr, g.status AS program_status,
                       j.id AS project_id, a.number AS axis_number, a.title_ar AS axis_title_ar, a.title_fr AS axis_title_fr,
                       j.number AS project_number, j.title_ar AS project_title_ar, j.title_fr AS project_title_fr,
                       o.number AS about_number, o.title_ar AS about_title_ar, o.title_fr AS about_title_fr,
                       b.problem, b.solutions, b.funding, b.follow_up, b.impact, b.remarks,
                       n.objective, n.expected_results, n.partners, n.estimated_cost,
                       CASE WHEN p.status = 'rejected' THEN p.rejection_reason END AS rejection_reason,
                       k.tracking_code AS kept_code, k.title AS kept_title,
                       (SELECT count(*) FROM proposals m WHERE m.merged_into_id = p.id AND m.hidden = 0) AS merged_count,
                """ + ProposalList.kindSQL + """
                 AS kind
                FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
                LEFT JOIN projects o ON o.id = p.project_id
                LEFT JOIN proposal_observations b ON b.proposal_id = p.id
                LEFT JOIN proposal_projects n ON n.proposal_id = p.id
                LEFT JOIN axes a ON a.id = p.axis_id
                LEFT JOIN projects j ON j.id = p.integrated_project_id AND p.status = 'integrated'
                LEFT JOIN proposals k ON k.id = p.merged_into_id AND k.hidden = 0
                WHERE p.tracking_code = ?
                """, [code]) else { throw HTTPNotFound() }
            let slug = try row.string("slug"), period = try row.string("period")
            let status = try row.string("status")
            var project: TemplateValue = .null
            if let number = try row.optionalInt("project_number") {
                project = ["number": .int(number), "title": try Localized(row, "project_title").value(language),
                           "href": .string(SiteRoute.program(language, slug: slug, period: period, .project(number)).path),
                           // Issue 13: once the program is adopted, how far the project it fed has come.
                           "progress": try ProgramState(rawValue: try row.string("program_status")).map { state -> TemplateValue in
                               guard state.isAdopted, let projectID = try row.optionalInt("project_id") else { return .null }
                               return try ExecutionStore.projectProgress(db, projectID: projectID, page: page,
                                                                         href: SiteRoute.program(language, slug: slug, period: period,
                                                                                                 .project(number)).path + "#execution")
                           } ?? .null]
            }
            var axis: TemplateValue = .null
            if let number = try row.optionalInt("axis_number") {
                axis = ["number": .int(number), "title": try Localized(row, "axis_title").value(language)]
            }
            var about: TemplateValue = .null
            if let number = try row.optionalInt("about_number") {
                about = ["number": .int(number), "title": try Localized(row, "about_title").value(language),
                         "href": .string(SiteRoute.program(language, slug: slug, period: period, .project(number)).path)]
            }
            // A card shows its own fields, those the citizen filled in.
            let kind = try row.string("kind")
            var card: [TemplateValue] = []
            func field(_ key: String, _ text: String?) {
                if let text, !text.isEmpty { card.append(["label": .string(page.t(key)), "text": .string(text)]) }
            }
            switch kind {
            case "observation":
                for name in ProposalForm.observationFields { field("observation.field." + name, try row.optionalString(name)) }
            case "project":
                field("newproject.field.objective", try row.optionalString("objective"))
                field("newproject.field.description", try row.string("description"))
                for name in ProposalForm.projectFields.dropFirst() { field("newproject.field." + name, try row.optionalString(name)) }
                if let centimes = try row.optionalInt("estimated_cost") {
                    field("newproject.field.cost", Format.money(centimes: Int64(centimes), language))
                }
            default: break
            }
            let created = try row.string("created_at")
            let answer = try row.optionalString("public_answer"), reason = try row.optionalString("rejection_reason")
            // The day of the commune's last decision, in Morocco: shown once it said something.
            let answeredOn = try row.optionalString("answered_at").flatMap { at -> String? in
                guard answer != nil || reason != nil || status != "processing" else { return nil }
                return try? MoroccoTime.day(Call.parse(at))
            }
            let code = try row.string("tracking_code")
            var view = PageView(template: "pages/proposal", title: page.t("proposal.tracking.title"), context: ["proposal": [
                "code": .string(code),
                // The code's own address, absolute, to keep or pass on (never the ?received mark).
                "share": ShareLink.value(absoluteURL(SiteRoute.proposal(language, code: code).path)),
                "erase_href": .string(SiteRoute.citizen(language, .erase(code: code)).path),
                "kind": .string(page.t("proposal.kind." + kind)),
                "card_heading": .string(page.t(kind == "project" ? "newproject.tracking.card" : "observation.tracking.card")),
                "card_title": kind == "project" ? .string(try row.string("title")) : .null,
                "received": .bool(received),
                "mail_on": .bool(mail != nil),
                "title": .string(try row.string("title")),
                "description": .string(try row.string("description")),
                "status": .string(page.t("proposal.status." + status)),
                "status_code": .string(status),
                "answer": TemplateValue(answer),
                "reason": TemplateValue(reason),
                "answered_on": TemplateValue(answeredOn),
                // A duplicate merged by the committee points to the proposal kept in its place.
                "merged_into": try row.optionalString("kept_code").map { kept -> TemplateValue in
                    ["title": .string(try row.string("kept_title")), "href": .string(SiteRoute.proposal(language, code: kept).path)]
                } ?? .null,
                "merged_count": try row.int("merged_count") > 0 ? .int(try row.int("merged_count")) : .null,
                "name": TemplateValue(try row.optionalString("shown_name")),
                "submitted": .string((try? Call.moroccoTime(Call.parse(created), page: page)) ?? created),
                "program": try Localized(row, "program_title").value(language),
                "program_href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
                "axis": axis,
                "project": project,
                "about": about,
                "card": .array(card),
                "has_card": .bool(!card.isEmpty),
            ]])
            let feed = SiteRoute.proposalFeed(language, code: code)
            view.context["follow"] = FollowLinks.value(page, feed: feed, feedLabel: "follow.proposal_feed")
            view.context["alternate_feed"] = FollowLinks.alternate(feed, title: page.fill("feed.proposal.title", try row.string("title")))
            // The thanks stays when the citizen switches language right after submitting.
            if received { view.switchQuery = "?" + Self.receivedQuery }
            return view
        }
        return try render(view, route: route, language: language)
    }

    /// Where the honeypot sends robots: a thank-you that stores nothing and shows no code.
    func thanksPage(_ route: SiteRoute, _ language: Language) throws -> HTTPResponse {
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        return try render(PageView(template: "pages/proposal_thanks", title: page.t("proposal.thanks.title"), context: [:]),
                          route: route, language: language)
    }

    private func formPage(_ setting: FormSetting, call: Call, form: ProposalForm, token: String, page: PageRequest, status: HTTPStatus) throws -> HTTPResponse {
        let view = ProgramView(program: setting.program, page: page)
        let covered = call.coveredAxes(of: setting.program.axes.map(\.id))
        let axes = setting.program.axes.filter { covered.contains($0.id) }.map {
            (id: $0.id, label: page.axisLabel($0.number, $0.title))
        }
        var context = form.values(page: page, axes: axes)
        context["program"] = .object(view.summary)
        if let project = setting.project { context["project"] = view.project(project) }
        context["call"] = call.value(at: now(), page: page, formHref: nil)
        context["action"] = .string(page.route.path)
        context["token"] = .string(token)
        context["mail_on"] = .bool(mail != nil)
        // The idea form points to the fuller card, and the card back to the simple idea.
        context["new_project_href"] = .string(view.route(.newProject).path)
        context["idea_href"] = .string(view.route(.newProposal).path)
        return try noStore(render(PageView(template: setting.card.template, title: page.t(setting.card.titleKey), context: context),
                                  route: page.route, language: page.language, status: status))
    }

    private func closedPage(_ setting: FormSetting, page: PageRequest, status: HTTPStatus) throws -> HTTPResponse {
        let view = ProgramView(program: setting.program, page: page)
        let context: [String: TemplateValue] = [
            "program": .object(view.summary),
            "call": setting.call?.value(at: now(), page: page, formHref: nil) ?? .null,
            "heading": .string(page.t(setting.card.closedPrefix + ".closed.title")),
            "no_call": .string(page.t(setting.card.closedPrefix + ".closed.no_call")),
        ]
        return try noStore(render(PageView(template: "pages/proposal_closed", title: page.t(setting.card.closedPrefix + ".closed.title"), context: context),
                                  route: page.route, language: page.language, status: status))
    }

    /// Forms carry one-time tokens and answers depend on the clock: never kept by anyone.
    func noStore(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private static func code(forSubmission key: String, _ db: Connection) throws -> String? {
        try db.scalar("SELECT tracking_code FROM proposals WHERE submission_key = ?", [key], as: String.self)
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}
