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
        guard let commune = context.commune else { throw HTTPNotFound() }
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
            guard found else { throw HTTPNotFound() }
            return loaded.activities.first { $0.id == id }?.projectID
        }
        if let parent { guard loaded.projects.contains(where: { $0.id == parent }) else { throw HTTPNotFound() } }
        return parent
    }

    // MARK: - Pages

    static func page(_ context: AdminContext, period: String, item: EditorItem, id: Int?, parent: Int?) throws -> HTTPResponse {
        if context.request.method == .post { return try save(context, period: period, item: item, id: id, parent: parent) }
        let loaded = try context.database.read { try load($0, context, period: period) }
        let projectID = try check(loaded, item: item, id: id, parent: parent)
        return try render(context, period: period, item: item, id: id, projectID: projectID, loaded: loaded, input: nil,
                          removeError: nil, status: .ok)
    }

    private static func lines(_ items: [(String, String?)]) -> (String, String) {
        (items.map(\.0).joined(separator: "\n"), items.contains { $0.1 != nil } ? items.map { $0.1 ?? "" }.joined(separator: "\n") : "")
    }

    private static let cardLists: [(name: String, table: String, kind: String?)] = [
        ("objectives", "project_objectives", nil), ("results", "project_expected_results", nil),
        ("follow_up", "project_indicators", "follow-up"), ("impact", "project_indicators", "impact"),
    ]

    private static func storedList(_ db: Connection, projectID: Int, table: String, kind: String?) throws -> [(String, String?)] {
        let rows: [Row]
        switch table {
        case "project_objectives":
            rows = try db.query("SELECT text_ar, text_fr FROM project_objectives WHERE project_id = ? ORDER BY position", [projectID])
        case "project_expected_results":
            rows = try db.query("SELECT text_ar, text_fr FROM project_expected_results WHERE project_id = ? ORDER BY position", [projectID])
        default:
            rows = try db.query("SELECT text_ar, text_fr FROM project_indicators WHERE project_id = ? AND kind = ? ORDER BY position",
                                [projectID, kind ?? ""])
        }
        return try rows.map { (try $0.string("text_ar"), try $0.optionalString("text_fr").nonEmpty) }
    }

    private struct CardPartner: Equatable {
        var partnerID: Int, contributionAr: String?, contributionFr: String?, listed: Bool
    }

    private static func storedPartners(_ db: Connection, projectID: Int) throws -> [CardPartner] {
        try db.query("SELECT partner_id, contribution_ar, contribution_fr, listed FROM project_partners WHERE project_id = ? ORDER BY position",
                     [projectID]).map {
            CardPartner(partnerID: try $0.int("partner_id"), contributionAr: try $0.optionalString("contribution_ar").nonEmpty,
                        contributionFr: try $0.optionalString("contribution_fr").nonEmpty, listed: try $0.bool("listed"))
        }
    }

    private static func render(_ context: AdminContext, period: String, item: EditorItem, id: Int?, projectID: Int?, loaded: Loaded,
                               input: EditorInput?, removeError: String?, status: HTTPStatus) throws -> HTTPResponse {
        let language = context.language
        func f(_ name: String, _ label: String, _ stored: String?, dir: String = "auto", textarea: Bool = false, hint: String? = nil,
               list: String? = nil, inputmode: String? = nil) -> TemplateValue {
            EditorPages.field(context, name, label, stored: stored, input: input, textarea: textarea, dir: dir, hint: hint, list: list,
                              inputmode: inputmode)
        }
        var fields: [TemplateValue] = []
        var values: [String: TemplateValue] = ["partner_rows": .null, "partner_count": .null, "partner_names": .null, "move_action": .null,
                                                "add_activity_href": .null, "remove_error": .null]
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
            let options: [TemplateValue] = [["value": "", "label": .string(context.t("editor.project.no_axis")), "selected": .bool(selected.isEmpty)]]
                + loaded.axes.map { axis in
                    ["value": .string(String(axis.id)), "selected": .bool(selected == String(axis.id)),
                     "label": .string(EditorInput.message(context, "editor.row.axis", [String(axis.number)]) + " — "
                                      + (language == .fr ? (axis.titleFr.nonEmpty ?? axis.titleAr) : axis.titleAr))]
                }
            var select = f("axis", "editor.project.axis", nil).objectValue ?? [:]
            select["options"] = .array(options)
            var lists: [String: (String, String)] = [:]
            var partners: [CardPartner] = []
            if let id {
                try context.database.read { db in
                    for list in cardLists { lists[list.name] = lines(try storedList(db, projectID: id, table: list.table, kind: list.kind)) }
                    partners = try storedPartners(db, projectID: id)
                }
            }
            fields = [f("number", "editor.col.number", String(stored?.number ?? next), dir: "ltr", inputmode: "numeric"), .object(select),
                      f("title_ar", "editor.field.title_ar", stored?.titleAr, dir: "rtl"),
                      f("title_fr", "editor.field.title_fr", stored?.titleFr, dir: "ltr"),
                      f("slogan_ar", "editor.project.slogan_ar", stored?.sloganAr, dir: "rtl"),
                      f("slogan_fr", "editor.project.slogan_fr", stored?.sloganFr, dir: "ltr"),
                      f("duration_ar", "editor.project.duration_ar", stored?.durationAr, dir: "rtl"),
                      f("duration_fr", "editor.project.duration_fr", stored?.durationFr, dir: "ltr"),
                      f("start", "editor.col.start", stored?.start, dir: "ltr", hint: "editor.hint.date"),
                      f("end", "editor.col.end", stored?.end, dir: "ltr", hint: "editor.hint.date"),
                      f("budget", "editor.project.budget", EditorInput.dirhams(stored?.budget), dir: "ltr", hint: "editor.hint.amount", inputmode: "decimal")]
            for list in cardLists {
                fields.append(f(list.name + "_ar", "editor.project." + list.name + "_ar", lists[list.name]?.0, dir: "rtl", textarea: true, hint: "editor.hint.lines"))
                fields.append(f(list.name + "_fr", "editor.project." + list.name + "_fr", lists[list.name]?.1, dir: "ltr", textarea: true))
            }
            let count = input.flatMap { Int($0.raw("partner_count")) }.map { min($0, 60) } ?? partners.count + newPartnerRows
            var rows: [TemplateValue] = []
            for at in 0..<count {
                let p = "pp\(at)."
                let stored = at < partners.count ? partners[at] : nil
                let chosen = input.map { $0.raw(p + "partner") } ?? stored.map { String($0.partnerID) } ?? ""
                let listed = input.map { $0.checked(p + "listed") } ?? stored?.listed ?? true
                rows.append(["number": .int(at + 1), "select_name": .string(p + "partner"), "select_id": .string(EditorErrors.id(p + "partner")),
                             "select_error": input?.errors[p + "partner"].map { .string($0) } ?? .null,
                             "options": .array([["value": "", "label": .string(context.t("editor.partner.none")), "selected": .bool(chosen.isEmpty)]]
                                + loaded.partners.all.map { ["value": .string(String($0.id)), "label": .string(loaded.partners.shown($0.id)),
                                                              "selected": .bool(chosen == String($0.id))] }),
                             "new_name": f(p + "new", "editor.partner.new", nil, dir: "auto"),
                             "contribution_ar": f(p + "contribution_ar", "editor.partner.contribution_ar", stored?.contributionAr, dir: "rtl"),
                             "contribution_fr": f(p + "contribution_fr", "editor.partner.contribution_fr", stored?.contributionFr, dir: "ltr"),
                             "listed_name": .string(p + "listed"), "listed_id": .string(EditorErrors.id(p + "listed")), "listed": .bool(listed)])
            }
            values["partner_rows"] = .array(rows)
            values["partner_count"] = .int(count)
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
            values["partner_names"] = .array(loaded.partners.all.map { .string(loaded.partners.shown($0.id)) })
        }
        func path(_ r: EditorRoute) -> TemplateValue { .string(EditorPages.route(context, r).path) }
        values["heading"] = .string(heading)
        values["program_nav"] = ProgramNav.value(context, period: period, current: "program")
        values["fields"] = .array(fields)
        values["errors"] = input?.errors.summary ?? .array([])
        values["has_errors"] = .bool(!(input?.errors.isEmpty ?? true))
        values["back_href"] = path(.program(period: period))
        if let id {
            values["action"] = path(.edit(period: period, item, id: id))
            values["move_action"] = path(.move(period: period, item, id: id))
            values["remove_action"] = path(.remove(period: period, item, id: id))
            values["remove_error"] = removeError.map { .string($0) } ?? .null
            // Issue 13: an activity with progress is cancelled instead; the refusal leads to its progress form, "cancelled" chosen.
            values["remove_cancel_href"] = item == .activity && removeError != nil
                ? .string(AdminRoute.commune(context.language, slug: context.commune?.slug ?? "", .execution(.activity(period: period, id: id))).path
                          + "?status=cancelled") : .null
            if item == .project { values["add_activity_href"] = path(.newActivity(period: period, project: id)) }
        } else {
            values["action"] = item == .activity ? path(.newActivity(period: period, project: projectID ?? 0)) : path(.new(period: period, item))
        }
        values["project_heading"] = project.map { .string(EditorInput.message(context, "editor.row.project", [String($0.number)])) } ?? .null
        return try context.render(PageView(template: "admin/editor_item", title: heading, context: values), status: status)
    }

    // MARK: - Saving

    private static func save(_ context: AdminContext, period: String, item: EditorItem, id: Int?, parent: Int?) throws -> HTTPResponse {
        guard let commune = context.commune else { throw HTTPNotFound() }
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
        let found: Int?
        switch item {
        case .axis:
            found = try db.scalar("SELECT a.id FROM axes a JOIN programs p ON p.id = a.program_id WHERE p.commune_id = ? AND p.period = ? AND a.number = ?",
                                  [commune.id, period, number], as: Int.self)
        case .project:
            found = try db.scalar("SELECT j.id FROM projects j JOIN programs p ON p.id = j.program_id WHERE p.commune_id = ? AND p.period = ? AND j.number = ?",
                                  [commune.id, period, number], as: Int.self)
        case .activity:
            guard let parent else { return nil }
            found = try db.scalar("SELECT id FROM activities WHERE project_id = ? AND number = ?", [parent, number], as: Int.self)
        }
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
                    try db.run("UPDATE axes SET number = ?, title_ar = ?, title_fr = ? WHERE id = ?", [number, titleAr, titleFr, stored.id])
                    try log.updated(db, "axis", stored.id, before: before, after: after)
                } else {
                    try db.run("INSERT INTO axes (program_id, number, title_ar, title_fr) VALUES (?, ?, ?, ?)", [loaded.programID, number, titleAr, titleFr])
                    try log.created(db, "axis", Int(db.lastInsertRowID), after.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                }
            case .project:
                return try saveProject(db, &input, &loaded, id: id, number: number, titleAr: titleAr, titleFr: titleFr, log: log)
            case .activity:
                guard let projectID else { throw HTTPNotFound() }
                let partners = input.partnerNames("partners")
                let cost = input.amount("cost"), costTextAr = input.text("cost_text_ar"), costTextFr = input.text("cost_text_fr")
                if cost != nil, costTextAr != nil { input.fail("cost_text_ar", "editor.error.cost_both") }
                if costTextAr == nil, costTextFr != nil { input.fail("cost_text_ar", "editor.error.required_ar") }
                let fundingAr = input.text("funding_ar"), fundingFr = input.text("funding_fr")
                let start = input.date("start"), end = input.date("end")
                input.order(start: start, end: end, endField: "end")
                guard input.errors.isEmpty, let number, let titleAr else { return (loaded, projectID) }
                let partnerIDs = try partners.map { try loaded.partners.findOrAdd(db, $0, log: log) }
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
                    try db.run("""
                        UPDATE activities SET number = ?, title_ar = ?, title_fr = ?, cost_centimes = ?, cost_text_ar = ?, cost_text_fr = ?,
                            funding_ar = ?, funding_fr = ?, date_start = ?, date_end = ?,
                            funding_partner_id = CASE WHEN ? THEN funding_partner_id END
                        WHERE id = ?
                        """, [number, titleAr, titleFr, cost, costTextAr, costTextFr, fundingAr, fundingFr, start, end,
                              fundingAr == s.fundingAr.nonEmpty, s.id])
                    if before["partners"]! != after["partners"]! { try EditorMatrix.setPartners(db, activityID: s.id, partnerIDs) }
                    try log.updated(db, "activity", s.id, before: before, after: after)
                } else {
                    try db.run("""
                        INSERT INTO activities (project_id, number, title_ar, title_fr, cost_centimes, cost_text_ar, cost_text_fr,
                                                funding_ar, funding_fr, date_start, date_end)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, [projectID, number, titleAr, titleFr, cost, costTextAr, costTextFr, fundingAr, fundingFr, start, end])
                    let newID = Int(db.lastInsertRowID)
                    try EditorMatrix.setPartners(db, activityID: newID, partnerIDs)
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
        var cards: [CardPartner] = []
        for entry in chosen {
            let partnerID = try entry.existing ?? loaded.partners.findOrAdd(db, entry.name!, log: log)
            if cards.contains(where: { $0.partnerID == partnerID }) {
                input.fail(entry.field, "editor.error.partner_duplicate", loaded.partners.shown(partnerID))
                continue
            }
            cards.append(CardPartner(partnerID: partnerID, contributionAr: entry.contributionAr, contributionFr: entry.contributionFr, listed: entry.listed))
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
        func partnersText(_ list: [CardPartner]) -> String? {
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
        let projectID: Int
        if let stored = loaded.projects.first(where: { $0.id == id }) {
            projectID = stored.id
            var before: [String: String?] = ["number": String(stored.number), "axis_number": axisNumber(stored.axisID),
                                             "title_ar": stored.titleAr, "title_fr": stored.titleFr.nonEmpty,
                                             "slogan_ar": stored.sloganAr.nonEmpty, "slogan_fr": stored.sloganFr.nonEmpty,
                                             "duration_ar": stored.durationAr.nonEmpty, "duration_fr": stored.durationFr.nonEmpty,
                                             "date_start": stored.start, "date_end": stored.end, "budget_centimes": stored.budget.map(String.init)]
            for list in cardLists {
                let (ar, fr) = listText(try storedList(db, projectID: stored.id, table: list.table, kind: list.kind))
                before[list.name + "_ar"] = ar
                before[list.name + "_fr"] = fr
            }
            let storedCards = try storedPartners(db, projectID: stored.id)
            before["partners"] = partnersText(storedCards)
            guard before != after || storedCards != cards else { return nil }
            try db.run("""
                UPDATE projects SET number = ?, axis_id = ?, title_ar = ?, title_fr = ?, slogan_ar = ?, slogan_fr = ?,
                    duration_ar = ?, duration_fr = ?, date_start = ?, date_end = ?, budget_centimes = ?
                WHERE id = ?
                """, [number, axisID, titleAr, titleFr, after["slogan_ar"]!, after["slogan_fr"]!, after["duration_ar"]!, after["duration_fr"]!,
                      start, end, budget, stored.id])
            try log.updated(db, "project", stored.id, before: before, after: after)
        } else {
            try db.run("""
                INSERT INTO projects (program_id, axis_id, number, title_ar, title_fr, slogan_ar, slogan_fr, duration_ar, duration_fr,
                                      date_start, date_end, budget_centimes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [loaded.programID, axisID, number, titleAr, titleFr, after["slogan_ar"]!, after["slogan_fr"]!, after["duration_ar"]!,
                      after["duration_fr"]!, start, end, budget])
            projectID = Int(db.lastInsertRowID)
            try log.created(db, "project", projectID, after.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        try db.run("DELETE FROM project_objectives WHERE project_id = ?", [projectID])
        try db.run("DELETE FROM project_expected_results WHERE project_id = ?", [projectID])
        try db.run("DELETE FROM project_partners WHERE project_id = ?", [projectID])
        for (at, pair) in lists["objectives"]!.enumerated() {
            try db.run("INSERT INTO project_objectives (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)", [projectID, at + 1, pair.0, pair.1])
        }
        for (at, pair) in lists["results"]!.enumerated() {
            try db.run("INSERT INTO project_expected_results (project_id, position, text_ar, text_fr) VALUES (?, ?, ?, ?)", [projectID, at + 1, pair.0, pair.1])
        }
        // Indicators keep their rows (issue 13: plans and measured values point at them); one
        // with measured values is never dropped.
        for (kind, name) in [("follow-up", "follow_up"), ("impact", "impact")] {
            if let kept = try EditorStore.replaceIndicators(db, projectID: projectID, kind: kind, lines: lists[name]!) {
                input.fail(name + "_ar", "editor.error.indicator_has_values", kept)
            }
        }
        guard input.errors.isEmpty else { throw Refused(loaded: loaded) }
        for (at, card) in cards.enumerated() {
            try db.run("""
                INSERT INTO project_partners (project_id, partner_id, position, contribution_ar, contribution_fr, listed) VALUES (?, ?, ?, ?, ?, ?)
                """, [projectID, card.partnerID, at + 1, card.contributionAr, card.contributionFr, card.listed])
        }
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
    static func move(_ context: AdminContext, period: String, item: EditorItem, id: Int) throws -> HTTPResponse {
        guard let commune = context.commune else { throw HTTPNotFound() }
        let up = context.field("direction") != "down"
        try context.database.write { db in
            let loaded = try load(db, context, period: period)
            try ProgramLock.requireEditable(db, programID: loaded.programID)   // issue 6: adopted programs change only in an amendment
            _ = try check(loaded, item: item, id: id, parent: nil)
            let list = siblings(loaded, item, id: id).sorted { $0.number < $1.number }
            guard let at = list.firstIndex(where: { $0.id == id }) else { throw HTTPNotFound() }
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
    static func remove(_ context: AdminContext, period: String, item: EditorItem, id: Int) throws -> HTTPResponse {
        guard let commune = context.commune else { throw HTTPNotFound() }
        let refused: (Loaded, String, Int?)? = try context.database.write { db in
            let loaded = try load(db, context, period: period)
            try ProgramLock.requireEditable(db, programID: loaded.programID)   // issue 6: adopted programs change only in an amendment
            let projectID = try check(loaded, item: item, id: id, parent: nil)
            let list = siblings(loaded, item, id: id).sorted { $0.number < $1.number }
            guard let gone = list.first(where: { $0.id == id }) else { throw HTTPNotFound() }
            if let key = try EditorStore.refusal(db, item, id: id) {
                return (loaded, EditorInput.message(context, key, [String(gone.number)]), projectID)
            }
            let log = EditorLog(audit: context.audit, communeID: commune.id, programID: loaded.programID)
            switch item {
            case .axis:
                try db.run("DELETE FROM axes WHERE id = ?", [id])
                try log.deleted(db, "axis", id, title: loaded.axes.first { $0.id == id }?.titleAr)
            case .project:
                for activity in loaded.activities where activity.projectID == id { try log.deleted(db, "activity", activity.id, title: activity.titleAr) }
                try db.run("DELETE FROM projects WHERE id = ?", [id])
                try log.deleted(db, "project", id, title: loaded.projects.first { $0.id == id }?.titleAr)
            case .activity:
                try db.run("DELETE FROM activities WHERE id = ?", [id])
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

extension TemplateValue {
    /// The dictionary of an object value, to add a key to a value built elsewhere.
    var objectValue: [String: TemplateValue]? {
        if case .object(let dict) = self { return dict }
        return nil
    }
}
