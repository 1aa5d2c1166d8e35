import Foundation
import HTTP
import SQLite
import Templates

/// The own form of one axis, project (its whole card) or activity, and the buttons that move
/// it among its siblings or remove it. A project card holds more than the matrix shows —
/// slogan, duration, objectives, expected results, indicators, partners with what each brings —
/// so it is edited here. Everything found is checked to belong to the route's program.
enum EditorItems {
    /// Blank partner rows offered on a project card.
    static let newPartnerRows = 2

    private struct Loaded {
        var programID: Int
        var axes: [EditorStore.Axis]
        var projects: [EditorStore.Project]
        var activities: [EditorStore.Activity]
        var partners: PartnerBook
    }

    private static func load(_ db: Connection, _ context: AdminContext, period: String) throws -> Loaded {
        guard let commune = context.commune else { throw PageError.notFound }
        let programID = try EditorStore.programID(db, communeID: commune.id, period: period)
        return Loaded(programID: programID, axes: try EditorStore.axes(db, programID: programID),
                      projects: try EditorStore.projects(db, programID: programID),
                      activities: try EditorStore.activities(db, programID: programID),
                      partners: try PartnerBook(db, language: context.language))
    }

    /// The project an activity form is about: the stored activity's, or the `parent` of a new one.
    private static func check(_ loaded: Loaded, item: EditorItem, id: Int?, parent: Int?) throws -> Int? {
        if let id {
            let found: Bool
            switch item {
            case .axis: found = loaded.axes.contains { $0.id == id }
            case .project: found = loaded.projects.contains { $0.id == id }
            case .activity: found = loaded.activities.contains { $0.id == id }
            }
            guard found else { throw PageError.notFound }
            return loaded.activities.first { $0.id == id }?.projectID
        }
        if let parent { guard loaded.projects.contains(where: { $0.id == parent }) else { throw PageError.notFound } }
        return parent
    }

    // MARK: - Pages

    static func page(_ context: AdminContext, period: String, item: EditorItem, id: Int?, parent: Int?) throws -> Outcome {
        if context.request.method == .post { return try save(context, period: period, item: item, id: id, parent: parent) }
        let loaded = try context.database.read { try load($0, context, period: period) }
        let projectID = try check(loaded, item: item, id: id, parent: parent)
        return try render(context, period: period, item: item, id: id, projectID: projectID, loaded: loaded, input: nil,
                          removeError: nil, status: .ok)
    }

    private static func lines(_ items: [(String, String?)]) -> (String, String) {
        (items.map(\.0).joined(separator: "\n"), items.contains { $0.1 != nil } ? items.map { $0.1 ?? "" }.joined(separator: "\n") : "")
    }

    /// The card's one-per-line lists: their form names and where they are stored.
    private static let cardLists: [(name: String, list: EditorStore.CardList)] = [
        ("objectives", .objectives), ("results", .expectedResults),
        ("follow_up", .indicators("follow-up")), ("impact", .indicators("impact")),
    ]

    private static func render(_ context: AdminContext, period: String, item: EditorItem, id: Int?, projectID: Int?, loaded: Loaded,
                               input: EditorInput?, removeError: String?, status: HTTPStatus) throws -> Outcome {
        let language = context.language
        func f(_ name: String, _ label: String, _ stored: String?, dir: String = "auto", textarea: Bool = false, hint: String? = nil,
               list: String? = nil, inputmode: String? = nil) -> EditorField {
            EditorPages.field(context, name, label, stored: stored, input: input, textarea: textarea, dir: dir, hint: hint, list: list,
                              inputmode: inputmode)
        }
        let fields: [EditorField]
        var partnerRows: [EditorItemView.PartnerRow]? = nil
        var partnerNames: [String]? = nil
        let heading: String
        let project = loaded.projects.first { $0.id == projectID }
        switch item {
        case .axis:
            let axis = loaded.axes.first { $0.id == id }
            let next = (loaded.axes.map(\.number).max() ?? 0) + 1
            heading = axis.map { EditorInput.message(context, "editor.row.axis", [String($0.number)]) } ?? context.t("editor.axis.new")
            fields = [f("number", "editor.col.number", String(axis?.number ?? next), dir: "ltr", inputmode: "numeric"),
                      f("title_ar", "editor.field.title_ar", axis?.titleAr, dir: "rtl"),
                      f("title_fr", "editor.field.title_fr", axis?.titleFr, dir: "ltr")]
        case .project:
            let stored = loaded.projects.first { $0.id == id }
            let next = (loaded.projects.map(\.number).max() ?? 0) + 1
            heading = stored.map { EditorInput.message(context, "editor.row.project", [String($0.number)]) } ?? context.t("editor.project.new")
            let selected = input.map { $0.raw("axis") } ?? stored?.axisID.map(String.init) ?? ""
            var select = f("axis", "editor.project.axis", nil)
            select.options = [FormChoice(value: "", label: context.t("editor.project.no_axis"), selected: selected.isEmpty)]
                + loaded.axes.map { axis in
                    FormChoice(value: String(axis.id), label: EditorInput.message(context, "editor.row.axis", [String(axis.number)]) + " — "
                                   + (language == .fr ? (axis.titleFr.nonEmpty ?? axis.titleAr) : axis.titleAr),
                               selected: selected == String(axis.id))
                }
            var lists: [String: (String, String)] = [:]
            var partners: [EditorStore.CardPartner] = []
            if let id {
                try context.database.read { db in
                    for list in cardLists { lists[list.name] = lines(try EditorStore.cardList(db, projectID: id, list.list)) }
                    partners = try EditorStore.cardPartners(db, projectID: id)
                }
            }
            fields = [f("number", "editor.col.number", String(stored?.number ?? next), dir: "ltr", inputmode: "numeric"), select,
                      f("title_ar", "editor.field.title_ar", stored?.titleAr, dir: "rtl"),
                      f("title_fr", "editor.field.title_fr", stored?.titleFr, dir: "ltr"),
                      f("slogan_ar", "editor.project.slogan_ar", stored?.sloganAr, dir: "rtl"),
                      f("slogan_fr", "editor.project.slogan_fr", stored?.sloganFr, dir: "ltr"),
                      f("duration_ar", "editor.project.duration_ar", stored?.durationAr, dir: "rtl"),
                      f("duration_fr", "editor.project.duration_fr", stored?.durationFr, dir: "ltr"),
                      f("start", "editor.col.start", stored?.start, dir: "ltr", hint: "editor.hint.date"),
                      f("end", "editor.col.end", stored?.end, dir: "ltr", hint: "editor.hint.date"),
                      f("budget", "editor.project.budget", EditorInput.dirhams(stored?.budget), dir: "ltr", hint: "editor.hint.amount", inputmode: "decimal")]
                + cardLists.flatMap { list in
                    [f(list.name + "_ar", "editor.project." + list.name + "_ar", lists[list.name]?.0, dir: "rtl", textarea: true, hint: "editor.hint.lines"),
                     f(list.name + "_fr", "editor.project." + list.name + "_fr", lists[list.name]?.1, dir: "ltr", textarea: true)]
                }
            let count = input.flatMap { Int($0.raw("partner_count")) }.map { min($0, 60) } ?? partners.count + newPartnerRows
            partnerRows = (0..<count).map { at in
                let p = "pp\(at)."
                let stored = at < partners.count ? partners[at] : nil
                let chosen = input.map { $0.raw(p + "partner") } ?? stored.map { String($0.partnerID) } ?? ""
                return EditorItemView.PartnerRow(
                    number: at + 1, prefix: p, selectError: input?.errors[p + "partner"],
                    options: [FormChoice(value: "", label: context.t("editor.partner.none"), selected: chosen.isEmpty)]
                        + loaded.partners.all.map { FormChoice(value: String($0.id), label: loaded.partners.shown($0.id), selected: chosen == String($0.id)) },
                    newName: f(p + "new", "editor.partner.new", nil, dir: "auto"),
                    contributionAr: f(p + "contribution_ar", "editor.partner.contribution_ar", stored?.contributionAr, dir: "rtl"),
                    contributionFr: f(p + "contribution_fr", "editor.partner.contribution_fr", stored?.contributionFr, dir: "ltr"),
                    listed: input.map { $0.checked(p + "listed") } ?? stored?.listed ?? true)
            }
        case .activity:
            let activity = loaded.activities.first { $0.id == id }
            let owner = loaded.projects.first { $0.id == projectID }
            let next = (loaded.activities.filter { $0.projectID == projectID }.map(\.number).max() ?? 0) + 1
            heading = activity.map { EditorInput.message(context, "editor.row.activity", [String(owner?.number ?? 0), String($0.number)]) }
                ?? EditorInput.message(context, "editor.activity.new", [String(owner?.number ?? 0)])
            fields = [f("number", "editor.col.number", String(activity?.number ?? next), dir: "ltr", inputmode: "numeric"),
                      f("title_ar", "editor.field.title_ar", activity?.titleAr, dir: "rtl"),
                      f("title_fr", "editor.field.title_fr", activity?.titleFr, dir: "ltr"),
                      f("partners", "editor.col.partners", activity.flatMap { loaded.partners.shown($0.partnerIDs) }, hint: "editor.hint.partners",
                        list: "partner-names"),
                      f("cost", "editor.col.cost", EditorInput.dirhams(activity?.cost), dir: "ltr", hint: "editor.hint.amount", inputmode: "decimal"),
                      f("cost_text_ar", "editor.activity.cost_text_ar", activity?.costTextAr, dir: "rtl", hint: "editor.hint.cost_text"),
                      f("cost_text_fr", "editor.activity.cost_text_fr", activity?.costTextFr, dir: "ltr"),
                      f("funding_ar", "editor.activity.funding_ar", activity?.fundingAr, dir: "rtl"),
                      f("funding_fr", "editor.activity.funding_fr", activity?.fundingFr, dir: "ltr"),
                      f("start", "editor.col.start", activity?.start, dir: "ltr", hint: "editor.hint.date"),
                      f("end", "editor.col.end", activity?.end, dir: "ltr", hint: "editor.hint.date")]
            partnerNames = loaded.partners.all.map { loaded.partners.shown($0.id) }
        }
        func path(_ r: EditorRoute) -> String { EditorPages.route(context, r).path }
        var view = EditorItemView(
            heading: heading, programNav: ProgramNav.view(context, period: period, current: "program"), fields: fields,
            errors: input?.errors.entries ?? [], backHref: path(.program(period: period)),
            action: id.map { path(.edit(period: period, item, id: $0)) }
                ?? (item == .activity ? path(.newActivity(period: period, project: projectID ?? 0)) : path(.new(period: period, item))),
            partnerRows: partnerRows, partnerNames: partnerNames,
            projectHeading: project.map { EditorInput.message(context, "editor.row.project", [String($0.number)]) })
        if let id {
            view.stored = EditorItemView.Stored(
                moveAction: path(.move(period: period, item, id: id)), removeAction: path(.remove(period: period, item, id: id)),
                removeError: removeError,
                // Issue 13: an activity with progress is cancelled instead; the refusal leads to its progress form, "cancelled" chosen.
                removeCancelHref: item == .activity && removeError != nil
                    ? AdminRoute.commune(context.language, slug: context.commune?.slug ?? "", .execution(.activity(period: period, id: id))).path
                      + "?status=cancelled" : nil,
                addActivityHref: item == .project ? path(.newActivity(period: period, project: id)) : nil)
        }
        return context.render(PageView(template: "admin/editor_item", title: heading, view: view), status: status)
    }

    // MARK: - Saving

    private static func save(_ context: AdminContext, period: String, item: EditorItem, id: Int?, parent: Int?) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        var input = EditorInput(context)
        let outcome: (Loaded, Int?)?
        do {
            outcome = try write(context, period: period, item: item, id: id, parent: parent, commune: commune, input: &input)
        } catch is Refused {
            // What the refused write added (a partner typed on the card) is gone: show the list as stored.
            let loaded = try context.database.read { try load($0, context, period: period) }
            outcome = (loaded, nil)
        }
        if let (loaded, projectID) = outcome {
            return try render(context, period: period, item: item, id: id, projectID: projectID, loaded: loaded, input: input,
                              removeError: nil, status: .unprocessableContent)
        }
        // Issue 14: back to the saved row (its fragment), which says what was saved.
        var typed = EditorInput(context)
        let number = typed.number("number")
        let code = try context.database.read { db in try savedRow(db, context, period: period, item: item, id: id, parent: parent, number: number) }
        guard let code else { return context.redirect(to: EditorPages.route(context, .program(period: period)), notice: "notice.saved") }
        return .redirect(to: EditorPages.route(context, .program(period: period)).path + "?saved=" + code + "#row-" + code)
    }

    /// The matrix row a save wrote, as the editor's table names it (`x`, `p` or `a` and its id):
    /// the edited row, or the one just created, found by its number in its program or project.
    private static func savedRow(_ db: Connection, _ context: AdminContext, period: String, item: EditorItem, id: Int?,
                                 parent: Int?, number: Int?) throws -> String? {
        let prefix: String
        switch item { case .axis: prefix = "x"; case .project: prefix = "p"; case .activity: prefix = "a" }
        if let id { return prefix + String(id) }
        guard let number, let commune = context.commune else { return nil }
        let found = try EditorStore.itemID(db, item, numbered: number, communeID: commune.id, period: period, projectID: parent)
        return found.map { prefix + String($0) }
    }

    private static func write(_ context: AdminContext, period: String, item: EditorItem, id: Int?, parent: Int?, commune: AdminCommune,
                              input: inout EditorInput) throws -> (Loaded, Int?)? {
        try context.database.write { db -> (Loaded, Int?)? in
            var loaded = try load(db, context, period: period)
            try ProgramLock.requireEditable(db, programID: loaded.programID)   // issue 6: adopted programs change only in an amendment
            let projectID = try check(loaded, item: item, id: id, parent: parent)
            let log = EditorLog(audit: context.audit, communeID: commune.id, programID: loaded.programID)
            let number = input.number("number")
            let titleAr = input.text("title_ar", required: true), titleFr = input.text("title_fr")
            let taken: [Int]
            switch item {
            case .axis: taken = loaded.axes.filter { $0.id != id }.map(\.number)
            case .project: taken = loaded.projects.filter { $0.id != id }.map(\.number)
            case .activity: taken = loaded.activities.filter { $0.projectID == projectID && $0.id != id }.map(\.number)
            }
            if let number, taken.contains(number) { input.fail("number", "editor.error.number_duplicate", String(number)) }
            switch item {
            case .axis:
                guard input.errors.isEmpty, let number, let titleAr else { return (loaded, projectID) }
                let after: [String: String?] = ["number": String(number), "title_ar": titleAr, "title_fr": titleFr]
                if let stored = loaded.axes.first(where: { $0.id == id }) {
                    let before: [String: String?] = ["number": String(stored.number), "title_ar": stored.titleAr, "title_fr": stored.titleFr.nonEmpty]
                    guard before != after else { return nil }
                    try EditorStore.updateAxis(db, id: stored.id, number: number, titleAr: titleAr, titleFr: titleFr)
                    try log.updated(db, "axis", stored.id, before: before, after: after)
                } else {
                    let newID = try EditorStore.insertAxis(db, programID: loaded.programID, number: number, title: (titleAr, titleFr))
                    try log.created(db, "axis", newID, after.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                }
            case .project:
                return try saveProject(db, &input, &loaded, id: id, number: number, titleAr: titleAr, titleFr: titleFr, log: log)
            case .activity:
                guard let projectID else { throw PageError.notFound }
                let partners = input.partnerNames("partners")
                let cost = input.amount("cost"), costTextAr = input.text("cost_text_ar"), costTextFr = input.text("cost_text_fr")
                if cost != nil, costTextAr != nil { input.fail("cost_text_ar", "editor.error.cost_both") }
                if costTextAr == nil, costTextFr != nil { input.fail("cost_text_ar", "editor.error.required_ar") }
                let fundingAr = input.text("funding_ar"), fundingFr = input.text("funding_fr")
                let start = input.date("start"), end = input.date("end")
                input.order(start: start, end: end, endField: "end")
                guard input.errors.isEmpty, let number, let titleAr else { return (loaded, projectID) }
                let partnerIDs = try partners.map { try loaded.partners.findOrAdd(db, $0, log: log) }
                let fields = EditorStore.ActivityFields(number: number, titleAr: titleAr, titleFr: titleFr, cost: cost, costTextAr: costTextAr,
                                                        costTextFr: costTextFr, fundingAr: fundingAr, fundingFr: fundingFr, start: start, end: end)
                let after: [String: String?] = ["number": String(number), "title_ar": titleAr, "title_fr": titleFr,
                                                "cost_centimes": cost.map(String.init), "cost_text_ar": costTextAr, "cost_text_fr": costTextFr,
                                                "funding_ar": fundingAr, "funding_fr": fundingFr, "date_start": start, "date_end": end,
                                                "partners": loaded.partners.shown(partnerIDs)]
                if let s = loaded.activities.first(where: { $0.id == id }) {
                    let before: [String: String?] = ["number": String(s.number), "title_ar": s.titleAr, "title_fr": s.titleFr.nonEmpty,
                                                     "cost_centimes": s.cost.map(String.init), "cost_text_ar": s.costTextAr.nonEmpty,
                                                     "cost_text_fr": s.costTextFr.nonEmpty, "funding_ar": s.fundingAr.nonEmpty,
                                                     "funding_fr": s.fundingFr.nonEmpty, "date_start": s.start, "date_end": s.end,
                                                     "partners": loaded.partners.shown(s.partnerIDs)]
                    guard before != after else { return nil }
                    try EditorStore.updateActivity(db, id: s.id, fields, keepFundingPartner: fundingAr == s.fundingAr.nonEmpty)
                    if before["partners"]! != after["partners"]! { try EditorStore.setActivityPartners(db, activityID: s.id, partnerIDs) }
                    try log.updated(db, "activity", s.id, before: before, after: after)
                } else {
                    let newID = try EditorStore.insertActivity(db, projectID: projectID, fields)
                    try EditorStore.setActivityPartners(db, activityID: newID, partnerIDs)
                    try log.created(db, "activity", newID, [("project_id", String(projectID))] + after.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                }
            }
            return nil
        }
    }

    /// Lines of a pair of one-per-line textareas: line i of the French is the translation of
    /// line i of the Arabic; a French line without its Arabic is refused.
    private static func pairedLines(_ input: inout EditorInput, _ name: String) -> [(String, String?)] {
        func split(_ text: String) -> [String] { text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) } }
        let ar = split(input.raw(name + "_ar")), fr = split(input.raw(name + "_fr"))
        var pairs: [(String, String?)] = []
        for at in 0..<max(ar.count, fr.count) {
            let a = at < ar.count ? ar[at] : "", f = at < fr.count ? fr[at] : ""
            if a.isEmpty {
                if !f.isEmpty { input.fail(name + "_fr", "editor.error.line_without_ar", String(at + 1)) }
                continue
            }
            pairs.append((a, f.isEmpty ? nil : f))
        }
        return pairs
    }

    private static func saveProject(_ db: Connection, _ input: inout EditorInput, _ loaded: inout Loaded, id: Int?, number: Int?,
                                    titleAr: String?, titleFr: String?, log: EditorLog) throws -> (Loaded, Int?)? {
        var axisID: Int? = nil
        let axisText = input.raw("axis")
        if !axisText.isEmpty {
            if let wanted = Int(axisText), loaded.axes.contains(where: { $0.id == wanted }) { axisID = wanted }
            else { input.fail("axis", "editor.error.axis_unknown") }
        }
        let start = input.date("start"), end = input.date("end")
        input.order(start: start, end: end, endField: "end")
        let budget = input.amount("budget")
        var lists: [String: [(String, String?)]] = [:]
        for list in cardLists { lists[list.name] = pairedLines(&input, list.name) }
        // Partner rows: a shared partner chosen, or a new name typed; a row with neither is dropped.
        var chosen: [(existing: Int?, name: String?, contributionAr: String?, contributionFr: String?, listed: Bool, field: String)] = []
        let count = min(Int(input.raw("partner_count")) ?? 0, 60)
        for at in 0..<count {
            let p = "pp\(at)."
            let picked = input.raw(p + "partner"), typed = input.text(p + "new")
            let contributionAr = input.text(p + "contribution_ar"), contributionFr = input.text(p + "contribution_fr")
            var existing: Int? = nil
            if !picked.isEmpty {
                guard let n = Int(picked), loaded.partners.all.contains(where: { $0.id == n }) else { input.fail(p + "partner", "editor.error.partner_unknown"); continue }
                existing = n
            }
            guard existing != nil || typed != nil else {
                if contributionAr != nil || contributionFr != nil { input.fail(p + "partner", "editor.error.partner_missing") }
                continue
            }
            chosen.append((existing, existing == nil ? typed : nil, contributionAr, contributionFr, input.checked(p + "listed"), p + "partner"))
        }
        guard input.errors.isEmpty, let number, let titleAr else { return (loaded, nil) }
        var cards: [EditorStore.CardPartner] = []
        for entry in chosen {
            let partnerID = try entry.existing ?? loaded.partners.findOrAdd(db, entry.name!, log: log)
            if cards.contains(where: { $0.partnerID == partnerID }) {
                input.fail(entry.field, "editor.error.partner_duplicate", loaded.partners.shown(partnerID))
                continue
            }
            cards.append(EditorStore.CardPartner(partnerID: partnerID, contributionAr: entry.contributionAr, contributionFr: entry.contributionFr, listed: entry.listed))
        }
        // A partner added above is undone with the whole transaction when the card is refused.
        guard input.errors.isEmpty else { throw Refused(loaded: loaded) }
        let axes = loaded.axes
        func axisNumber(_ id: Int?) -> String? { axes.first { $0.id == id }.map { String($0.number) } }
        var after: [String: String?] = ["number": String(number), "axis_number": axisNumber(axisID), "title_ar": titleAr, "title_fr": titleFr,
                                        "slogan_ar": input.text("slogan_ar"), "slogan_fr": input.text("slogan_fr"),
                                        "duration_ar": input.text("duration_ar"), "duration_fr": input.text("duration_fr"),
                                        "date_start": start, "date_end": end, "budget_centimes": budget.map(String.init)]
        func listText(_ pairs: [(String, String?)]) -> (String?, String?) {
            pairs.isEmpty ? (nil, nil) : (pairs.map(\.0).joined(separator: "\n"), pairs.contains { $0.1 != nil } ? pairs.map { $0.1 ?? "" }.joined(separator: "\n") : nil)
        }
        func partnersText(_ list: [EditorStore.CardPartner]) -> String? {
            list.isEmpty ? nil : list.map { card in
                loaded.partners.shown(card.partnerID) + (card.contributionAr.map { ": " + $0 } ?? "") + (card.listed ? "" : " (-)")
            }.joined(separator: " ; ")
        }
        for list in cardLists {
            let (ar, fr) = listText(lists[list.name]!)
            after[list.name + "_ar"] = ar
            after[list.name + "_fr"] = fr
        }
        after["partners"] = partnersText(cards)
        let fields = EditorStore.ProjectFields(number: number, axisID: axisID, titleAr: titleAr, titleFr: titleFr,
                                               sloganAr: after["slogan_ar"]!, sloganFr: after["slogan_fr"]!,
                                               durationAr: after["duration_ar"]!, durationFr: after["duration_fr"]!,
                                               start: start, end: end, budget: budget)
        let projectID: Int
        if let stored = loaded.projects.first(where: { $0.id == id }) {
            projectID = stored.id
            var before: [String: String?] = ["number": String(stored.number), "axis_number": axisNumber(stored.axisID),
                                             "title_ar": stored.titleAr, "title_fr": stored.titleFr.nonEmpty,
                                             "slogan_ar": stored.sloganAr.nonEmpty, "slogan_fr": stored.sloganFr.nonEmpty,
                                             "duration_ar": stored.durationAr.nonEmpty, "duration_fr": stored.durationFr.nonEmpty,
                                             "date_start": stored.start, "date_end": stored.end, "budget_centimes": stored.budget.map(String.init)]
            for list in cardLists {
                let (ar, fr) = listText(try EditorStore.cardList(db, projectID: stored.id, list.list))
                before[list.name + "_ar"] = ar
                before[list.name + "_fr"] = fr
            }
            let storedCards = try EditorStore.cardPartners(db, projectID: stored.id)
            before["partners"] = partnersText(storedCards)
            guard before != after || storedCards != cards else { return nil }
            try EditorStore.updateProject(db, id: stored.id, fields)
            try log.updated(db, "project", stored.id, before: before, after: after)
        } else {
            projectID = try EditorStore.insertProject(db, programID: loaded.programID, fields)
            try log.created(db, "project", projectID, after.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        try EditorStore.replaceTexts(db, projectID: projectID, .objectives, lists["objectives"]!)
        try EditorStore.replaceTexts(db, projectID: projectID, .expectedResults, lists["results"]!)
        // Indicators keep their rows (issue 13: plans and measured values point at them); one
        // with measured values is never dropped.
        for (kind, name) in [("follow-up", "follow_up"), ("impact", "impact")] {
            if let kept = try EditorStore.replaceIndicators(db, projectID: projectID, kind: kind, lines: lists[name]!) {
                input.fail(name + "_ar", "editor.error.indicator_has_values", kept)
            }
        }
        guard input.errors.isEmpty else { throw Refused(loaded: loaded) }
        try EditorStore.replacePartners(db, projectID: projectID, cards)
        return nil
    }

    /// Thrown out of a write to undo what it did (a partner added for a card then refused).
    private struct Refused: Error { var loaded: Loaded }

    // MARK: - Moving and removing

    /// The siblings of a thing, in order: axes and projects of the program, activities of the project.
    private static func siblings(_ loaded: Loaded, _ item: EditorItem, id: Int) -> [(id: Int, number: Int)] {
        switch item {
        case .axis: return loaded.axes.map { ($0.id, $0.number) }
        case .project: return loaded.projects.map { ($0.id, $0.number) }
        case .activity:
            let parent = loaded.activities.first { $0.id == id }?.projectID
            return loaded.activities.filter { $0.projectID == parent }.map { ($0.id, $0.number) }
        }
    }

    /// One place earlier or later: the two swap numbers (numbers are the order the documents print).
    static func move(_ context: AdminContext, period: String, item: EditorItem, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let up = context.field("direction") != "down"
        try context.database.write { db in
            let loaded = try load(db, context, period: period)
            try ProgramLock.requireEditable(db, programID: loaded.programID)   // issue 6: adopted programs change only in an amendment
            _ = try check(loaded, item: item, id: id, parent: nil)
            let list = siblings(loaded, item, id: id).sorted { $0.number < $1.number }
            guard let at = list.firstIndex(where: { $0.id == id }) else { throw PageError.notFound }
            let other = up ? at - 1 : at + 1
            guard list.indices.contains(other) else { return }
            let (a, b) = (list[at], list[other])
            try EditorStore.renumber(db, item, [(a.id, a.number, b.number), (b.id, b.number, a.number)])
            let log = EditorLog(audit: context.audit, communeID: commune.id, programID: loaded.programID)
            try log.updated(db, item.entity, a.id, before: ["number": String(a.number)], after: ["number": String(b.number)])
            try log.updated(db, item.entity, b.id, before: ["number": String(b.number)], after: ["number": String(a.number)])
        }
        return context.redirect(to: EditorPages.route(context, .edit(period: period, item, id: id)), notice: "notice.saved")
    }

    /// Removes a thing unless something depends on it (`EditorStore.refusal`); the siblings
    /// after it move up one number, so the numbering stays 1, 2, 3 as printed.
    static func remove(_ context: AdminContext, period: String, item: EditorItem, id: Int) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let refused: (Loaded, String, Int?)? = try context.database.write { db in
            let loaded = try load(db, context, period: period)
            try ProgramLock.requireEditable(db, programID: loaded.programID)   // issue 6: adopted programs change only in an amendment
            let projectID = try check(loaded, item: item, id: id, parent: nil)
            let list = siblings(loaded, item, id: id).sorted { $0.number < $1.number }
            guard let gone = list.first(where: { $0.id == id }) else { throw PageError.notFound }
            if let key = try EditorStore.refusal(db, item, id: id) {
                return (loaded, EditorInput.message(context, key, [String(gone.number)]), projectID)
            }
            let log = EditorLog(audit: context.audit, communeID: commune.id, programID: loaded.programID)
            switch item {
            case .axis:
                try EditorStore.delete(db, .axis, id: id)
                try log.deleted(db, "axis", id, title: loaded.axes.first { $0.id == id }?.titleAr)
            case .project:
                for activity in loaded.activities where activity.projectID == id { try log.deleted(db, "activity", activity.id, title: activity.titleAr) }
                try EditorStore.delete(db, .project, id: id)
                try log.deleted(db, "project", id, title: loaded.projects.first { $0.id == id }?.titleAr)
            case .activity:
                try EditorStore.delete(db, .activity, id: id)
                try log.deleted(db, "activity", id, title: loaded.activities.first { $0.id == id }?.titleAr)
            }
            let after = list.filter { $0.number > gone.number }
            try EditorStore.renumber(db, item, after.map { ($0.id, $0.number, $0.number - 1) })
            for row in after {
                try log.updated(db, item.entity, row.id, before: ["number": String(row.number)], after: ["number": String(row.number - 1)])
            }
            return nil
        }
        if let (loaded, message, projectID) = refused {
            return try render(context, period: period, item: item, id: id, projectID: projectID, loaded: loaded, input: nil,
                              removeError: message, status: .conflict)
        }
        return context.redirect(to: EditorPages.route(context, .program(period: period)), notice: "notice.removed")
    }
}

/// The own form of an axis, project or activity (`admin/editor_item`), and for a stored one the
/// forms that move or remove it.
struct EditorItemView: TemplateView {
    let heading: String
    let programNav: ProgramNavView?
    let fields: [EditorField]
    let errors: [EditorErrors.Entry]
    let backHref: String
    let action: String
    /// A project card's partners; nil for an axis or an activity.
    let partnerRows: [PartnerRow]?
    /// The shared partners offered in an activity's partners field; nil for the others.
    let partnerNames: [String]?
    /// The project an activity belongs to, as the documents number it.
    let projectHeading: String?
    /// What only a stored item has: moving and removing.
    var stored: Stored? = nil

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "heading": return .string(heading)
        case "program_nav": return .init(programNav)
        case "fields": return .init(fields)
        case "errors": return .init(errors)
        case "has_errors": return .bool(!errors.isEmpty)
        case "back_href": return .string(backHref)
        case "action": return .string(action)
        case "partner_rows": return partnerRows.map { .init($0) } ?? .null
        case "partner_count": return partnerRows.map { .int($0.count) } ?? .null
        case "partner_names": return partnerNames.map { .array($0.map { .string($0) }) } ?? .null
        case "project_heading": return .init(projectHeading)
        case "move_action": return .init(stored?.moveAction)
        case "remove_action": return .init(stored?.removeAction)
        case "remove_error": return .init(stored?.removeError)
        case "remove_cancel_href": return .init(stored?.removeCancelHref)
        case "add_activity_href": return .init(stored?.addActivityHref)
        default: return nil
        }
    }

    /// The move and remove forms of a stored item.
    struct Stored {
        let moveAction: String
        let removeAction: String
        /// Why the last removal was refused.
        let removeError: String?
        /// An activity's progress form with "cancelled" chosen, when its removal was refused (issue 13).
        let removeCancelHref: String?
        /// A new activity of a stored project.
        let addActivityHref: String?
    }

    /// A partner of a project card: a shared partner chosen or a new name, what it brings, and
    /// whether the public card lists it.
    struct PartnerRow: TemplateView {
        let number: Int
        /// The row's inputs' prefix ("pp0.").
        let prefix: String
        let selectError: String?
        let options: [FormChoice]
        let newName: EditorField
        let contributionAr: EditorField
        let contributionFr: EditorField
        let listed: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "number": return .int(number)
            case "select_name": return .string(prefix + "partner")
            case "select_id": return .string(EditorErrors.id(prefix + "partner"))
            case "select_error": return .init(selectError)
            case "options": return .init(options)
            case "new_name": return .init(newName)
            case "contribution_ar": return .init(contributionAr)
            case "contribution_fr": return .init(contributionFr)
            case "listed_name": return .string(prefix + "listed")
            case "listed_id": return .string(EditorErrors.id(prefix + "listed"))
            case "listed": return .bool(listed)
            default: return nil
            }
        }
    }
}
