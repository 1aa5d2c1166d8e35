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
enum ProposalPages {
    /// What the form page needs, read in one snapshot.
    private struct FormSetting {
        var program: ProgramRecord
        var card: ProposalCard
        var call: Call?
        /// The draft project an observation card is about; nil otherwise.
        var project: ProgramRecord.Project?
    }

    private static func formSetting(_ context: RequestContext, slug: String, period: String, card: ProposalCard) throws -> FormSetting {
        try context.read { db in
            let program = try ProgramStore.record(db, slug: slug, period: period)
            let calls = try CallStore.all(db, programID: program.id)
            var setting = FormSetting(program: program, card: card, call: Call.current(card.callKind, among: calls, at: context.now))
            if let number = card.projectNumber {
                guard let project = program.projects.first(where: { $0.number == number }) else { throw PageError.notFound }
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

    private static func submissionSetting(_ context: RequestContext, slug: String, period: String, card: ProposalCard, nonce: String) throws -> SubmissionSetting {
        try context.read { db in
            guard let programID = try ProposalStore.programID(db, slug: slug, period: period) else { throw PageError.notFound }
            var setting = SubmissionSetting(programID: programID,
                                            call: Call.current(card.callKind, among: try CallStore.all(db, programID: programID), at: context.now))
            if setting.call?.axisIDs.isEmpty == true {
                setting.programAxisIDs = try ProposalStore.axisIDs(db, programID: programID)
            }
            if let number = card.projectNumber {
                guard let project = try ProposalStore.project(db, programID: programID, number: number) else { throw PageError.notFound }
                setting.projectID = project.id
                setting.projectAxisID = project.axisID
            }
            setting.existingCode = try ProposalStore.code(db, forSubmission: nonce)
            return setting
        }
    }

    /// A citizen's form (`card` says which): GET shows it, POST submits it.
    static func handle(_ context: RequestContext, slug: String, period: String, card: ProposalCard) throws -> Outcome {
        if context.request.method == .post { return try submit(context, slug: slug, period: period, card: card) }
        return try form(context, slug: slug, period: period, card: card)
    }

    /// GET `.../proposals/new` (and the other cards' forms): the form while its call is open,
    /// else a page saying when it opens or that it has closed.
    private static func form(_ context: RequestContext, slug: String, period: String, card: ProposalCard) throws -> Outcome {
        let setting = try formSetting(context, slug: slug, period: period, card: card)
        guard let call = setting.call, call.state(at: context.now) == .open else {
            return closedPage(context, setting, status: .ok)
        }
        return try formPage(context, setting, call: call, form: ProposalForm(), token: context.site.formGuard.token(), status: .ok)
    }

    /// POST of a citizen's form (`card` says which).
    private static func submit(_ context: RequestContext, slug: String, period: String, card: ProposalCard) throws -> Outcome {
        let site = context.site, request = context.request, route = context.route, language = context.language, page = context.page
        let form = try FormData(request: request)
        guard let token = form["token"], let nonce = try site.formGuard.verify(token) else {
            return .unstored(PageView(template: "pages/proposal_forbidden", title: page.t("proposal.forbidden.title"),
                                      context: ["form_href": .string(route.path)]), status: .forbidden)
        }
        // A robot fills every field; a person never sees this one. It is told it succeeded.
        if let trap = form["website"], !trap.isEmpty { return .redirect(to: SiteRoute.proposalThanks(language).path) }

        let setting = try submissionSetting(context, slug: slug, period: period, card: card, nonce: nonce)
        let now = context.now
        guard let call = setting.call, call.state(at: now) == .open else {
            return closedPage(context, try formSetting(context, slug: slug, period: period, card: card), status: .conflict)
        }
        if let code = setting.existingCode { return receipt(language, code) }
        var proposal: ProposalForm
        switch card {
        case .idea: proposal = ProposalForm(form, axisIDs: call.coveredAxes(of: setting.programAxisIDs))
        case .observation: proposal = ProposalForm(observation: form)
        case .project: proposal = ProposalForm(project: form, axisIDs: call.coveredAxes(of: setting.programAxisIDs))
        }
        let mailer = site.mailer
        if mailer != nil { proposal.readEmail(form) }
        guard proposal.isValid else {
            return try formPage(context, formSetting(context, slug: slug, period: period, card: card), call: call, form: proposal, token: token,
                                status: .unprocessableContent)
        }
        if let wait = site.proposalRateLimit.admit(request.remoteAddress, at: now) {
            let minutes = Int((wait / 60).rounded(.up))
            // RFC 9110 §10.2.3: how long to wait, in seconds.
            return .unstored(PageView(template: "pages/proposal_wait", title: page.t("proposal.wait.title"),
                                      context: ["minutes": .int(minutes), "form_href": .string(route.path)]),
                             status: .tooManyRequests, headers: HTTPHeaders([("Retry-After", String(Int(wait.rounded(.up))))]))
        }
        // Committed (synchronous=FULL) before the receipt is sent: a citizen who got a code
        // has a proposal on disk.
        // The confirmation message, when an address was given, is queued in the same transaction.
        let (code, queued): (String, Bool) = try site.database.write { db in
            if let existing = try ProposalStore.code(db, forSubmission: nonce) { return (existing, false) }
            let code = TrackingCode.make()
            let axis = card.projectNumber == nil ? Int(proposal.axis) : setting.projectAxisID
            // An address past its day's confirmations is not even kept: nothing would ever be sent to it.
            let email: String? = mailer != nil && !proposal.email.isEmpty && site.confirmationLimit.admit(proposal.email, at: now)
                ? proposal.email : nil
            let cardRows: ProposalStore.Card
            switch card {
            case .idea: cardRows = .none
            case .observation: cardRows = .observation(ProposalForm.observationFields.map { proposal.observation[$0] ?? "" })
            case .project: cardRows = .project(ProposalForm.projectFields.map { proposal.project[$0] ?? "" }, costCentimes: proposal.costCentimes)
            }
            let id = try ProposalStore.insert(db, ProposalStore.Submission(
                programID: setting.programID, callID: call.id, axisID: axis, projectID: setting.projectID, kind: card.storedKind,
                title: proposal.title, description: proposal.description,
                authorName: Self.optional(proposal.name), showName: proposal.showName && !proposal.name.isEmpty,
                gender: Self.optional(proposal.gender), ageBand: Self.optional(proposal.ageBand), association: Self.optional(proposal.association),
                neighbourhood: Self.optional(proposal.neighbourhood), trackingCode: code, submissionKey: nonce,
                remoteAddress: request.remoteAddress, createdAt: Call.utcText(now), email: email, language: language.rawValue, card: cardRows))
            if let mailer, email != nil { try MailStore.queueConfirmation(db, proposal: id, language: language, mailer: mailer, at: now) }
            return (code, email != nil)
        }
        if queued { site.mailSender?.wake() }
        return receipt(language, code)
    }

    /// The 303 after a submission: the tracking page, marked as just received so it thanks the
    /// citizen once (RFC 9110 §15.4.4: the answer to a POST is found with a GET at Location).
    /// The mark is only on this URL: the code's own URL, bookmarked or reopened, shows no thanks.
    static func receipt(_ language: Language, _ code: String) -> Outcome {
        .redirect(to: SiteRoute.proposal(language, code: code).path + "?" + receivedQuery)
    }

    static let receivedQuery = "received=1"

    /// GET `/{lang}/proposals/{code}`: what became of a proposal. Never personal data. Right
    /// after a submission (`?received=1`, see `receipt`) it also thanks the citizen and says
    /// to keep the code or the page's own address.
    static func tracking(_ context: RequestContext, code typed: String) throws -> Outcome {
        guard let code = TrackingCode.canonical(typed) else { throw PageError.notFound }
        let site = context.site, language = context.language, page = context.page
        let received = context.request.query.contains { $0.name == "received" && $0.value == "1" }
        let view: PageView = try context.read { db in
            guard let tracked = try ProposalStore.tracked(db, code: code) else { throw PageError.notFound }
            let slug = tracked.slug, period = tracked.period
            let status = tracked.status
            var project: TemplateValue = .null
            if let integrated = tracked.integratedProject {
                let number = integrated.number
                project = ["number": .int(number), "title": integrated.title.value(language),
                           "href": .string(SiteRoute.program(language, slug: slug, period: period, .project(number)).path),
                           // Issue 13: once the program is adopted, how far the project it fed has come.
                           "progress": try ProgramState(rawValue: tracked.programStatus).map { state -> TemplateValue in
                               guard state.isAdopted else { return .null }
                               return try ExecutionStore.projectProgress(db, projectID: integrated.id, page: page,
                                                                         href: SiteRoute.program(language, slug: slug, period: period,
                                                                                                 .project(number)).path + "#execution")
                           } ?? .null]
            }
            var axis: TemplateValue = .null
            if let found = tracked.axis {
                axis = ["number": .int(found.number), "title": found.title.value(language)]
            }
            var about: TemplateValue = .null
            if let found = tracked.about {
                about = ["number": .int(found.number), "title": found.title.value(language),
                         "href": .string(SiteRoute.program(language, slug: slug, period: period, .project(found.number)).path)]
            }
            // A card shows its own fields, those the citizen filled in.
            let kind = tracked.kind
            var card: [TemplateValue] = []
            func field(_ key: String, _ text: String?) {
                if let text, !text.isEmpty { card.append(["label": .string(page.t(key)), "text": .string(text)]) }
            }
            switch kind {
            case "observation":
                for name in ProposalForm.observationFields { field("observation.field." + name, tracked.cardTexts[name]) }
            case "project":
                field("newproject.field.objective", tracked.cardTexts["objective"])
                field("newproject.field.description", tracked.description)
                for name in ProposalForm.projectFields.dropFirst() { field("newproject.field." + name, tracked.cardTexts[name]) }
                if let centimes = tracked.estimatedCost {
                    field("newproject.field.cost", Format.money(centimes: Int64(centimes), language))
                }
            default: break
            }
            let created = tracked.createdAt
            let answer = tracked.publicAnswer, reason = tracked.rejectionReason
            // The day of the commune's last decision, in Morocco: shown once it said something.
            let answeredOn = tracked.answeredAt.flatMap { at -> String? in
                guard answer != nil || reason != nil || status != "processing" else { return nil }
                return try? MoroccoTime.day(Call.parse(at))
            }
            let code = tracked.code
            var view = PageView(template: "pages/proposal", title: page.t("proposal.tracking.title"), context: ["proposal": [
                "code": .string(code),
                // The code's own address, absolute, to keep or pass on (never the ?received mark).
                "share": ShareLink.value(site.absoluteURL(SiteRoute.proposal(language, code: code).path)),
                "erase_href": .string(SiteRoute.citizen(language, .erase(code: code)).path),
                "kind": .string(page.t("proposal.kind." + kind)),
                "card_heading": .string(page.t(kind == "project" ? "newproject.tracking.card" : "observation.tracking.card")),
                "card_title": kind == "project" ? .string(tracked.title) : .null,
                "received": .bool(received),
                "mail_on": .bool(site.mail != nil),
                "title": .string(tracked.title),
                "description": .string(tracked.description),
                "status": .string(page.t("proposal.status." + status)),
                "status_code": .string(status),
                "answer": TemplateValue(answer),
                "reason": TemplateValue(reason),
                "answered_on": TemplateValue(answeredOn),
                // A duplicate merged by the committee points to the proposal kept in its place.
                "merged_into": tracked.mergedInto.map { kept -> TemplateValue in
                    ["title": .string(kept.title), "href": .string(SiteRoute.proposal(language, code: kept.code).path)]
                } ?? .null,
                "merged_count": tracked.mergedCount > 0 ? .int(tracked.mergedCount) : .null,
                "name": TemplateValue(tracked.shownName),
                "submitted": .string((try? Call.moroccoTime(Call.parse(created), page: page)) ?? created),
                "program": tracked.programTitle.value(language),
                "program_href": .string(SiteRoute.program(language, slug: slug, period: period, .overview).path),
                "axis": axis,
                "project": project,
                "about": about,
                "card": .array(card),
                "has_card": .bool(!card.isEmpty),
            ]])
            let feed = SiteRoute.proposalFeed(language, code: code)
            view.add(["follow": FollowLinks.value(page, feed: feed, feedLabel: "follow.proposal_feed"),
                      "alternate_feed": FollowLinks.alternate(feed, title: page.fill("feed.proposal.title", tracked.title))])
            // The thanks stays when the citizen switches language right after submitting.
            if received { view.switchQuery = "?" + receivedQuery }
            return view
        }
        return .page(view)
    }

    /// Where the honeypot sends robots: a thank-you that stores nothing and shows no code.
    static func thanks(_ context: RequestContext) -> Outcome {
        .page(PageView(template: "pages/proposal_thanks", title: context.page.t("proposal.thanks.title"), context: [:]))
    }

    private static func formPage(_ request: RequestContext, _ setting: FormSetting, call: Call, form: ProposalForm, token: String,
                                 status: HTTPStatus) throws -> Outcome {
        let page = request.page, now = request.now, mailOn = request.site.mail != nil
        let view = ProgramView(program: setting.program, page: page)
        let covered = call.coveredAxes(of: setting.program.axes.map(\.id))
        let axes = setting.program.axes.filter { covered.contains($0.id) }.map {
            (id: $0.id, label: page.axisLabel($0.number, $0.title))
        }
        var context = form.values(page: page, axes: axes)
        context["program"] = view.summary()
        if let project = setting.project { context["project"] = view.project(project) }
        context["call"] = .init(CallView(call, at: now, page: page, formHref: nil))
        context["action"] = .string(page.route.path)
        context["token"] = .string(token)
        context["mail_on"] = .bool(mailOn)
        // The idea form points to the fuller card, and the card back to the simple idea.
        context["new_project_href"] = .string(view.route(.newProject).path)
        context["idea_href"] = .string(view.route(.newProposal).path)
        return .unstored(PageView(template: setting.card.template, title: page.t(setting.card.titleKey), context: context), status: status)
    }

    private static func closedPage(_ request: RequestContext, _ setting: FormSetting, status: HTTPStatus) -> Outcome {
        let page = request.page
        let view = ProgramView(program: setting.program, page: page)
        let context: [String: TemplateValue] = [
            "program": view.summary(),
            "call": .init(setting.call.map { CallView($0, at: request.now, page: page, formHref: nil) }),
            "heading": .string(page.t(setting.card.closedPrefix + ".closed.title")),
            "no_call": .string(page.t(setting.card.closedPrefix + ".closed.no_call")),
        ]
        // Forms carry one-time tokens and answers depend on the clock: never kept by anyone.
        return .unstored(PageView(template: "pages/proposal_closed", title: page.t(setting.card.closedPrefix + ".closed.title"), context: context),
                         status: status)
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}
