import Foundation
import HTTP
import SQLite
import Templates

/// The citizen's side of a call for ideas: the form (only while the call is open), the
/// submission (checked, deduplicated, rate-limited, committed before the receipt is sent),
/// and the tracking page that a proposal's code opens. The observation card on a draft
/// project (while a draft-comments call is open) goes through the same steps: `project` set.
extension Site {
    /// What the form page needs, read in one snapshot.
    private struct FormSetting {
        var program: ProgramRecord
        var call: Call?
        /// The draft project an observation card is about; nil for an idea.
        var project: ProgramRecord.Project?
    }

    private func formSetting(slug: String, period: String, project number: Int?) throws -> FormSetting {
        try database.read { db in
            let program = try ProgramRecord.load(db, slug: slug, period: period)
            let calls = try Call.all(db, programID: program.id)
            guard let number else { return FormSetting(program: program, call: Call.ideasCall(among: calls, at: now())) }
            guard let project = program.projects.first(where: { $0.number == number }) else { throw HTTPNotFound() }
            return FormSetting(program: program, call: Call.current("draft-comments", among: calls, at: now()), project: project)
        }
    }

    /// GET `.../proposals/new`: the form while an ideas call is open, else a page saying when
    /// it opens or that it has closed.
    func proposalFormPage(_ route: SiteRoute, _ language: Language, slug: String, period: String, project: Int? = nil) throws -> HTTPResponse {
        let setting = try formSetting(slug: slug, period: period, project: project)
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        guard let call = setting.call, call.state(at: now()) == .open else {
            return try closedPage(setting, page: page, status: .ok)
        }
        return try formPage(setting, call: call, form: ProposalForm(), token: formGuard.token(), page: page, status: .ok)
    }

    /// POST `.../proposals/new` (or `.../projects/{n}/observations/new` with `project`).
    func submitProposal(_ request: HTTPRequest, _ route: SiteRoute, _ language: Language, slug: String, period: String, project: Int? = nil) throws -> HTTPResponse {
        let form = try FormData(request: request)
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: request)
        guard let token = form["token"], let nonce = try formGuard.verify(token) else {
            return try noStore(render(PageView(template: "pages/proposal_forbidden", title: page.t("proposal.forbidden.title"),
                                               context: ["form_href": .string(route.path)]),
                                      route: route, language: language, status: .forbidden))
        }
        // A robot fills every field; a person never sees this one. It is told it succeeded.
        if let trap = form["website"], !trap.isEmpty { return .redirect(to: SiteRoute.proposalThanks(language).path) }

        let setting = try formSetting(slug: slug, period: period, project: project)
        let now = now()
        guard let call = setting.call, call.state(at: now) == .open else {
            return try closedPage(setting, page: page, status: .conflict)
        }
        if let code = try database.read({ try Self.code(forSubmission: nonce, $0) }) {
            return .redirect(to: SiteRoute.proposal(language, code: code).path)
        }
        let proposal = setting.project == nil ? ProposalForm(form, axisIDs: call.axisIDs) : ProposalForm(observation: form)
        guard proposal.isValid else {
            return try formPage(setting, call: call, form: proposal, token: token, page: page, status: .unprocessableContent)
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
        let code: String = try database.write { db in
            if let existing = try Self.code(forSubmission: nonce, db) { return existing }
            let code = TrackingCode.make()
            let axis = setting.project.map { $0.axisID } ?? Int(proposal.axis)
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, project_id, kind, title, description, author_name, show_name,
                                       gender, age_band, association, neighbourhood, channel, tracking_code,
                                       submission_key, remote_address, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'platform', ?, ?, ?, ?)
                """, [setting.program.id, call.id, axis, setting.project?.id, setting.project == nil ? "idea" : "observation",
                      proposal.title, proposal.description,
                      Self.optional(proposal.name), proposal.showName && !proposal.name.isEmpty,
                      Self.optional(proposal.gender), Self.optional(proposal.ageBand), Self.optional(proposal.association),
                      Self.optional(proposal.neighbourhood), code, nonce, request.remoteAddress, Call.utcText(now)])
            if setting.project != nil {
                let card = ProposalForm.observationFields.map { proposal.observation[$0] ?? "" }
                try db.run("""
                    INSERT INTO proposal_observations (proposal_id, problem, solutions, funding, follow_up, impact, remarks)
                    VALUES (last_insert_rowid(), ?, ?, ?, ?, ?, ?)
                    """, card)
            }
            return code
        }
        return .redirect(to: SiteRoute.proposal(language, code: code).path)
    }

    /// GET `/{lang}/proposals/{code}`: what became of a proposal. Never personal data.
    func trackingPage(_ route: SiteRoute, _ language: Language, code typed: String) throws -> HTTPResponse {
        guard let code = TrackingCode.canonical(typed) else { throw HTTPNotFound() }
        let page = PageRequest(route: route, language: language, translations: templates.translations, request: nil)
        let view: PageView = try database.read { db in
            guard let row = try db.queryOne("""
                SELECT p.title, p.description, p.status, p.public_answer, p.created_at, p.tracking_code,
                       CASE WHEN p.show_name = 1 THEN p.author_name END AS shown_name,
                       g.period, c.slug, g.title_ar AS program_title_ar, g.title_fr AS program_title_fr,
                       a.number AS axis_number, a.title_ar AS axis_title_ar, a.title_fr AS axis_title_fr,
                       j.number AS project_number, j.title_ar AS project_title_ar, j.title_fr AS project_title_fr,
                       o.number AS about_number, o.title_ar AS about_title_ar, o.title_fr AS about_title_fr,
                       b.problem, b.solutions, b.funding, b.follow_up, b.impact, b.remarks
                FROM proposals p JOIN programs g ON g.id = p.program_id JOIN communes c ON c.id = g.commune_id
                LEFT JOIN projects o ON o.id = p.project_id
                LEFT JOIN proposal_observations b ON b.proposal_id = p.id
                LEFT JOIN axes a ON a.id = p.axis_id
                LEFT JOIN projects j ON j.id = p.integrated_project_id AND p.status = 'integrated'
                WHERE p.tracking_code = ?
                """, [code]) else { throw HTTPNotFound() }
            let slug = try row.string("slug"), period = try row.string("period")
            let status = try row.string("status")
            var project: TemplateValue = .null
            if let number = try row.optionalInt("project_number") {
                project = ["number": .int(number), "title": try Localized(row, "project_title").value(language),
                           "href": .string(SiteRoute.program(language, slug: slug, period: period, .project(number)).path)]
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
            // An observation card shows its own fields, those the citizen filled in.
            var card: [TemplateValue] = []
            for field in ProposalForm.observationFields {
                if let text = try row.optionalString(field), !text.isEmpty {
                    card.append(["label": .string(page.t("observation.field." + field)), "text": .string(text)])
                }
            }
            let created = try row.string("created_at")
            return PageView(template: "pages/proposal", title: page.t("proposal.tracking.title"), context: ["proposal": [
                "code": .string(try row.string("tracking_code")),
                "title": .string(try row.string("title")),
                "description": .string(try row.string("description")),
                "status": .string(page.t("proposal.status." + status)),
                "status_code": .string(status),
                "answer": TemplateValue(try row.optionalString("public_answer")),
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
        let axes = setting.program.axes.filter { call.axisIDs.contains($0.id) }.map {
            (id: $0.id, label: page.t("program.axis_number").replacingOccurrences(of: "{1}", with: Format.number($0.number, page.language))
                + ": " + $0.title.text(page.language))
        }
        var context = form.values(page: page, axes: axes)
        context["program"] = .object(view.summary)
        if let project = setting.project { context["project"] = view.project(project) }
        context["call"] = call.value(at: now(), page: page, formHref: nil)
        context["action"] = .string(page.route.path)
        context["token"] = .string(token)
        let template = setting.project == nil ? "proposal_form" : "observation_form"
        return try noStore(render(PageView(template: "pages/" + template, title: page.t(template == "proposal_form" ? "proposal.form.title" : "observation.form.title"), context: context),
                                  route: page.route, language: page.language, status: status))
    }

    private func closedPage(_ setting: FormSetting, page: PageRequest, status: HTTPStatus) throws -> HTTPResponse {
        let view = ProgramView(program: setting.program, page: page)
        let context: [String: TemplateValue] = [
            "program": .object(view.summary),
            "call": setting.call?.value(at: now(), page: page, formHref: nil) ?? .null,
            "heading": .string(page.t(setting.project == nil ? "proposal.closed.title" : "observation.closed.title")),
            "no_call": .string(page.t(setting.project == nil ? "proposal.closed.no_call" : "observation.closed.no_call")),
        ]
        return try noStore(render(PageView(template: "pages/proposal_closed", title: page.t(setting.project == nil ? "proposal.closed.title" : "observation.closed.title"), context: context),
                                  route: page.route, language: page.language, status: status))
    }

    /// Forms carry one-time tokens and answers depend on the clock: never kept by anyone.
    private func noStore(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private static func code(forSubmission key: String, _ db: Connection) throws -> String? {
        try db.scalar("SELECT tracking_code FROM proposals WHERE submission_key = ?", [key], as: String.self)
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}
