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
                                      view: ProposalRetryView(formHref: route.path, minutes: nil)), status: .forbidden)
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
                                      view: ProposalRetryView(formHref: route.path, minutes: minutes)),
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
            var project: IntegratedProject?
            if let integrated = tracked.integratedProject {
                let number = integrated.number
                let href = SiteRoute.program(language, slug: slug, period: period, .project(number)).path
                project = IntegratedProject(
                    number: number, title: LocalizedText(integrated.title, language), href: href,
                    // Issue 13: once the program is adopted, how far the project it fed has come.
                    progress: try ProgramState(rawValue: tracked.programStatus).flatMap { state -> ProjectProgress? in
                        guard state.isAdopted else { return nil }
                        return try ExecutionStore.projectProgress(db, projectID: integrated.id, page: page, href: href + "#execution")
                    })
            }
            let axis = tracked.axis.map { TrackedAxis(number: $0.number, title: LocalizedText($0.title, language)) }
            let about = tracked.about.map {
                ProjectLink(number: $0.number, title: LocalizedText($0.title, language),
                            href: SiteRoute.program(language, slug: slug, period: period, .project($0.number)).path)
            }
            // A card shows its own fields, those the citizen filled in.
            let kind = tracked.kind
            var card: [CardLine] = []
            func field(_ key: String, _ text: String?) {
                if let text, !text.isEmpty { card.append(CardLine(label: page.t(key), text: text)) }
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
            let feed = SiteRoute.proposalFeed(language, code: code)
            let tracking = TrackedProposal(
                code: code,
                share: ShareLink(site.absoluteURL(SiteRoute.proposal(language, code: code).path)),
                eraseHref: SiteRoute.citizen(language, .erase(code: code)).path,
                kind: page.t("proposal.kind." + kind),
                cardHeading: page.t(kind == "project" ? "newproject.tracking.card" : "observation.tracking.card"),
                cardTitle: kind == "project" ? tracked.title : nil,
                received: received, mailOn: site.mail != nil,
                title: tracked.title, description: tracked.description,
                status: page.t("proposal.status." + status), statusCode: status,
                answer: answer, reason: reason, answeredOn: answeredOn,
                mergedInto: tracked.mergedInto.map {
                    MergedInto(title: $0.title, href: SiteRoute.proposal(language, code: $0.code).path)
                },
                mergedCount: tracked.mergedCount > 0 ? tracked.mergedCount : nil,
                name: tracked.shownName,
                submitted: (try? Call.moroccoTime(Call.parse(created), page: page)) ?? created,
                program: LocalizedText(tracked.programTitle, language),
                programHref: SiteRoute.program(language, slug: slug, period: period, .overview).path,
                axis: axis, project: project, about: about, card: card)
            var view = PageView(template: "pages/proposal", title: page.t("proposal.tracking.title"), view: ProposalTrackingView(
                proposal: tracking,
                follow: FollowLinks.view(page, feed: feed, feedLabel: "follow.proposal_feed"),
                alternateFeed: FollowLinks.alternate(feed, title: page.fill("feed.proposal.title", tracked.title))))
            // The thanks stays when the citizen switches language right after submitting.
            if received { view.switchQuery = "?" + receivedQuery }
            return view
        }
        return .page(view)
    }

    /// Where the honeypot sends robots: a thank-you that stores nothing and shows no code.
    static func thanks(_ context: RequestContext) -> Outcome {
        .page(PageView(template: "pages/proposal_thanks", title: context.page.t("proposal.thanks.title"), view: ProposalThanksView()))
    }

    private static func formPage(_ request: RequestContext, _ setting: FormSetting, call: Call, form: ProposalForm, token: String,
                                 status: HTTPStatus) throws -> Outcome {
        let page = request.page, now = request.now, mailOn = request.site.mail != nil
        let view = ProgramView(program: setting.program, page: page)
        let covered = call.coveredAxes(of: setting.program.axes.map(\.id))
        let axes = setting.program.axes.filter { covered.contains($0.id) }.map {
            (id: $0.id, label: page.axisLabel($0.number, $0.title))
        }
        let formView = ProposalFormPageView(
            form: form.view(page: page, axes: axes), program: view.header, project: setting.project.map(view.card),
            call: CallView(call, at: now, page: page, formHref: nil), action: page.route.path, token: token, mailOn: mailOn,
            // The idea form points to the fuller card, and the card back to the simple idea.
            newProjectHref: view.route(.newProject).path, ideaHref: view.route(.newProposal).path)
        return .unstored(PageView(template: setting.card.template, title: page.t(setting.card.titleKey), view: formView), status: status)
    }

    private static func closedPage(_ request: RequestContext, _ setting: FormSetting, status: HTTPStatus) -> Outcome {
        let page = request.page
        let view = ProgramView(program: setting.program, page: page)
        let closed = ProposalClosedView(
            program: view.header,
            call: setting.call.map { CallView($0, at: request.now, page: page, formHref: nil) },
            heading: page.t(setting.card.closedPrefix + ".closed.title"),
            noCall: page.t(setting.card.closedPrefix + ".closed.no_call"))
        // Forms carry one-time tokens and answers depend on the clock: never kept by anyone.
        return .unstored(PageView(template: "pages/proposal_closed", title: page.t(setting.card.closedPrefix + ".closed.title"), view: closed),
                         status: status)
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}

/// A proposal's tracking page: the proposal, and the links to follow it (its feed).
struct ProposalTrackingView: TemplateView {
    let proposal: TrackedProposal
    let follow: FollowView?
    /// The feed a browser or reader finds in the page's head.
    let alternateFeed: AlternateFeed

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "proposal": return .init(proposal)
        case "follow": return .init(follow)
        case "alternate_feed": return .init(alternateFeed)
        default: return nil
        }
    }
}

/// What became of a proposal, as its tracking page shows it: never personal data beyond the
/// name its author chose to show.
struct TrackedProposal: TemplateView {
    let code: String
    /// The code's own address, absolute, to keep or pass on (never the ?received mark).
    let share: ShareLink
    let eraseHref: String
    /// The kind of card, in the page's language.
    let kind: String
    let cardHeading: String
    /// A new project card's title, shown over its card; nil for the other kinds.
    let cardTitle: String?
    /// Right after the submission: the page thanks the citizen.
    let received: Bool
    let mailOn: Bool
    let title: String
    let description: String
    /// The status in the page's language, and its code.
    let status: String
    let statusCode: String
    let answer: String?
    let reason: String?
    /// The day of the commune's last decision, once it said something.
    let answeredOn: String?
    /// A duplicate merged by the committee points to the proposal kept in its place.
    let mergedInto: MergedInto?
    /// How many duplicates were merged into this one, when any.
    let mergedCount: Int?
    /// The author's name when they chose to show it.
    let name: String?
    /// When it was sent, in Morocco.
    let submitted: String
    let program: LocalizedText
    let programHref: String
    let axis: TrackedAxis?
    /// The project the commune folded it into.
    let project: IntegratedProject?
    /// The draft project an observation is about.
    let about: ProjectLink?
    /// The card's fields the citizen filled in.
    let card: [CardLine]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "code": return .string(code)
        case "share": return .init(share)
        case "erase_href": return .string(eraseHref)
        case "kind": return .string(kind)
        case "card_heading": return .string(cardHeading)
        case "card_title": return .init(cardTitle)
        case "received": return .bool(received)
        case "mail_on": return .bool(mailOn)
        case "title": return .string(title)
        case "description": return .string(description)
        case "status": return .string(status)
        case "status_code": return .string(statusCode)
        case "answer": return .init(answer)
        case "reason": return .init(reason)
        case "answered_on": return .init(answeredOn)
        case "merged_into": return .init(mergedInto)
        case "merged_count": return .init(mergedCount)
        case "name": return .init(name)
        case "submitted": return .string(submitted)
        case "program": return .init(program)
        case "program_href": return .string(programHref)
        case "axis": return .init(axis)
        case "project": return .init(project)
        case "about": return .init(about)
        case "card": return .init(card)
        case "has_card": return .bool(!card.isEmpty)
        default: return nil
        }
    }
}

/// The axis a proposal was sent under.
struct TrackedAxis: TemplateView {
    let number: Int
    let title: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        default: return nil
        }
    }
}

/// The project a proposal was folded into, and how far it has come once the program is adopted.
struct IntegratedProject: TemplateView {
    let number: Int
    let title: LocalizedText
    let href: String
    /// The project's progress, once the program is adopted.
    let progress: ProjectProgress?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "number": return .int(number)
        case "title": return .init(title)
        case "href": return .string(href)
        case "progress": return .init(progress)
        default: return nil
        }
    }
}

/// The proposal a duplicate was merged into, linked to its tracking page.
struct MergedInto: TemplateView {
    let title: String
    let href: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .string(title)
        case "href": return .string(href)
        default: return nil
        }
    }
}

/// One filled-in field of a proposal's card, under its label.
struct CardLine: TemplateView {
    let label: String
    let text: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "text": return .string(text)
        default: return nil
        }
    }
}

/// A citizen's form page: the form's own keys, then the program, the draft project an
/// observation is about, the call and what the form posts.
struct ProposalFormPageView: TemplateView {
    let form: ProposalFormView
    let program: ProgramHeader
    /// The draft project an observation card is about; nil (no key) on the other forms.
    let project: ProjectCard?
    let call: CallView
    /// Where the form posts.
    let action: String
    /// The form's one-time token (`FormGuard`).
    let token: String
    /// Mail is on: the form offers to tell the citizen when the commune answers.
    let mailOn: Bool
    let newProjectHref: String
    let ideaHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program": return .init(program)
        case "project": return project.map { .init($0) }
        case "call": return .init(call)
        case "action": return .string(action)
        case "token": return .string(token)
        case "mail_on": return .bool(mailOn)
        case "new_project_href": return .string(newProjectHref)
        case "idea_href": return .string(ideaHref)
        default: return form.member(key)
        }
    }
}

/// The page of a form whose call is not open: the program, and the call when there is one
/// (then when it opens or that it has closed).
struct ProposalClosedView: TemplateView {
    let program: ProgramHeader
    let call: CallView?
    let heading: String
    /// What the page says when the program has no such call.
    let noCall: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "program": return .init(program)
        case "call": return .init(call)
        case "heading": return .string(heading)
        case "no_call": return .string(noCall)
        default: return nil
        }
    }
}

/// The pages that send a citizen back to the form: the forbidden page (an expired or missing
/// token) and the wait page (too many proposals from one address).
struct ProposalRetryView: TemplateView {
    let formHref: String
    /// The wait page's minutes to wait; nil (no key) on the forbidden page.
    let minutes: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "form_href": return .string(formHref)
        case "minutes": return minutes.map { .int($0) }
        default: return nil
        }
    }
}

/// The thank-you the honeypot shows robots: no keys of its own.
struct ProposalThanksView: TemplateView {
    func member(_ key: String) -> TemplateValue? { nil }
}
