import Templates

/// Turns a `ProgramDiff` into the values `partials/program_diff` reads, in one language, the
/// way a council member reads changes: a summary of counts and budget totals first, then
/// axis by axis the projects and activities added, removed, moved and changed, each changed
/// field with its old and new text side by side and the changed words marked. Shared by the
/// public comparison page and the admin review, so both show a change the same way.
struct DiffView {
    let old: ProgramSnapshot
    let new: ProgramSnapshot
    let diff: ProgramDiff
    let language: Language
    let translations: Translations

    init(old: ProgramSnapshot, new: ProgramSnapshot, diff: ProgramDiff? = nil, language: Language, translations: Translations) {
        self.old = old
        self.new = new
        self.diff = diff ?? ProgramDiff.compare(old, new)
        self.language = language
        self.translations = translations
    }

    /// The whole difference, for `{{#diff}}{{> partials/program_diff }}{{/diff}}`, everything computed once.
    var view: ProgramDiffView {
        ProgramDiffView(isEmpty: diff.isEmpty, summary: summary, budget: budget, overview: diff.overview.map(field),
                        axes: axisGroups, committee: diff.committee.map(field),
                        milestones: diff.milestones.map { field(label: "milestones", list: $0) })
    }

    // MARK: - Summary and budget

    /// The counts as a small table: one row per kind of change (added, removed, moved,
    /// changed), one column per kind of thing (axes, projects, activities), narrow enough
    /// for a phone. Axes are not moved, so their cell says "—".
    var summary: DiffSummary {
        let axes = [diff.axesAdded.count, diff.axesRemoved.count, nil, diff.axesChanged.count]
        let projects = [diff.projectsAdded.count, diff.projectsRemoved.count, diff.projectsChanged.filter(\.isMoved).count,
                        diff.projectsChanged.filter { !$0.fields.isEmpty }.count]
        let activities = [diff.activitiesAdded.count, diff.activitiesRemoved.count, diff.activitiesChanged.filter(\.isMoved).count,
                          diff.activitiesChanged.filter { !$0.fields.isEmpty }.count]
        let rows = ["diff.added", "diff.removed", "diff.moved", "diff.changed"].enumerated().map { index, key in
            DiffCountRow(label: t(key), cells: [axes[index], projects[index], activities[index]])
        }
        return DiffSummary(columns: ["diff.axes", "diff.projects", "diff.activities"].map { t($0) }, rows: rows)
    }

    var budget: DiffBudget? {
        let b = diff.budget
        let rows: [DiffBudgetRow] = [
            ("diff.budget.program", b.programBefore, b.programAfter),
            ("diff.budget.projects", b.projectsBefore, b.projectsAfter),
            ("diff.budget.activities", b.activitiesBefore, b.activitiesAfter),
        ].compactMap { key, before, after in
            guard before != nil || after != nil else { return nil }
            var difference: String?
            if let before, let after {
                let change = after - before
                difference = change == 0 ? t("diff.unchanged") : (change > 0 ? "+" : "") + money(change)
            }
            return DiffBudgetRow(label: t(key), before: before.map(money) ?? t("diff.not_stated"),
                                 after: after.map(money) ?? t("diff.not_stated"), difference: difference, isChanged: before != after)
        }
        return rows.isEmpty ? nil : DiffBudget(rows: rows)
    }

    // MARK: - Axis by axis

    /// Every change in the section of the axis it belongs to: the new version's axes in
    /// order, then the axes removed, then the projects without an axis.
    var axisGroups: [DiffAxisGroup] {
        let noAxis = -1
        let known = Set(new.axes.map(\.id) + diff.axesRemoved.map(\.id))
        func key(_ axisID: Int?) -> Int { axisID.flatMap { known.contains($0) ? $0 : nil } ?? noAxis }
        var items: [Int: [DiffItem]] = [:]

        for project in diff.projectsAdded {
            items[key(project.axisID), default: []].append(projectItem(project, kind: "added"))
        }
        for project in diff.projectsRemoved {
            items[key(project.axisID), default: []].append(projectItem(project, kind: "removed"))
        }
        for change in diff.projectsChanged {
            var moved: String?
            if change.isMoved {
                moved = (t("diff.moved_axis", axisName(change.oldAxis), axisName(change.newAxis)))
            }
            items[key(change.new.axisID), default: []].append(item(
                kind: change.isMoved ? "moved" : "changed",
                label: change.isMoved ? "diff.project_moved" : "diff.project_changed",
                name: t("diff.project_n", String(change.new.number)), title: change.new.title,
                moved: moved, fields: change.fields.map(field)))
        }
        for placed in diff.activitiesAdded {
            items[key(placed.project.axisID), default: []].append(activityItem(placed, kind: "added"))
        }
        for placed in diff.activitiesRemoved {
            items[key(placed.project.axisID), default: []].append(activityItem(placed, kind: "removed"))
        }
        for change in diff.activitiesChanged {
            var moved: String?
            if change.isMoved {
                moved = (t("diff.moved_project", projectName(change.oldProject), projectName(change.newProject)))
            }
            items[key(change.newProject.axisID), default: []].append(item(
                kind: change.isMoved ? "moved" : "changed",
                label: change.isMoved ? "diff.activity_moved" : "diff.activity_changed",
                name: t("diff.activity_n", String(change.new.number), String(change.newProject.number)), title: change.new.title,
                moved: moved, fields: change.fields.filter { !(change.isMoved && $0.field == .number) }.map(field)))
        }

        let added = Set(diff.axesAdded.map(\.id))
        let changes = Dictionary(diff.axesChanged.map { ($0.new.id, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [DiffAxisGroup] = []
        func group(_ axis: ProgramSnapshot.Axis?, id: Int, state: String?) {
            let fields = changes[id]?.fields ?? []
            guard let list = items[id] ?? (state != nil || !fields.isEmpty ? [] : nil) else { return }
            groups.append(DiffAxisGroup(
                heading: axis.map { t("diff.axis_n", String($0.number)) } ?? t("diff.no_axis"),
                title: axis.map { LocalizedText($0.title, language) },
                state: state.map { t("diff.axis_" + $0) },
                stateCode: state,
                fields: fields.map(field),
                items: list))
        }
        for axis in new.axes { group(axis, id: axis.id, state: added.contains(axis.id) ? "added" : nil) }
        for axis in diff.axesRemoved { group(axis, id: axis.id, state: "removed") }
        group(nil, id: noAxis, state: nil)
        return groups
    }

    /// One entry of an axis section (see `DiffItem`).
    private func item(kind: String, label: String, name: String, title: Localized, moved: String? = nil, fields: [DiffField] = [],
                      activities: [LocalizedText] = [], project: String? = nil, amount: String? = nil) -> DiffItem {
        DiffItem(kind: kind, kindLabel: t(label), name: name, title: LocalizedText(title, language), moved: moved, fields: fields,
                 activities: activities.map(DiffActivityTitle.init), project: project, amount: amount)
    }

    private func projectItem(_ project: ProgramSnapshot.Project, kind: String) -> DiffItem {
        item(kind: kind, label: "diff.project_" + kind, name: t("diff.project_n", String(project.number)), title: project.title,
             activities: project.activities.map { LocalizedText($0.title, language) },
             amount: project.budgetCentimes.map(money))
    }

    private func activityItem(_ placed: ProgramDiff.PlacedActivity, kind: String) -> DiffItem {
        item(kind: kind, label: "diff.activity_" + kind,
             name: t("diff.activity_n", String(placed.activity.number), String(placed.project.number)), title: placed.activity.title,
             project: projectName(placed.project), amount: placed.activity.costCentimes.map(money))
    }

    private func axisName(_ axis: ProgramSnapshot.Axis?) -> String {
        axis.map { String($0.number) } ?? "—"
    }

    /// "2 « title »" / "2 «title»", as a moved activity names its projects.
    private func projectName(_ project: ProgramSnapshot.Project) -> String {
        "\(project.number) «\(project.title.text(language))»"
    }

    // MARK: - Fields

    /// A changed field: its label, then the old and the new side. Each side is a list of
    /// runs (`text`, `del`, `ins`) or, for list fields, of items each made of runs.
    func field(_ change: ProgramDiff.FieldChange) -> DiffField {
        let label = change.field.rawValue
        switch change.change {
        case .text(let text):
            let (segments, fallback) = pick(text)
            return side(label: label, old: text.old == nil ? nil : segments.filter { $0.kind != .added },
                        new: text.new == nil ? nil : segments.filter { $0.kind != .removed }, fallback: fallback)
        case .list(let list):
            return field(label: label, list: list)
        case .partners(let partners):
            var oldItems: [DiffRuns] = [], newItems: [DiffRuns] = [], fallback = false
            for partner in partners {
                let name = partner.name.text(language) + (partner.contribution == nil ? "" : ": ")
                fallback = fallback || (language == .fr && partner.name.french == nil)
                if partner.old == nil { newItems.append(runs([.init(.added, partner.name.text(language))])); continue }
                if partner.new == nil { oldItems.append(runs([.init(.removed, partner.name.text(language))])); continue }
                if let contribution = partner.contribution {
                    let (segments, isFallback) = pick(contribution)
                    fallback = fallback || isFallback
                    oldItems.append(runs([.init(.same, name)] + segments.filter { $0.kind != .added }))
                    newItems.append(runs([.init(.same, name)] + segments.filter { $0.kind != .removed }))
                }
            }
            return listSide(label: "partners", old: oldItems, new: newItems, fallback: fallback)
        case .amount(let before, let after):
            return whole(label: label, old: before.map(money), new: after.map(money))
        case .value(let before, let after, let words):
            if change.field == .status {
                return whole(label: label, old: before.map { t("status." + $0) }, new: after.map { t("status." + $0) })
            }
            return side(label: label, old: before == nil ? nil : words.filter { $0.kind != .added },
                        new: after == nil ? nil : words.filter { $0.kind != .removed }, fallback: false)
        case .number(let before, let after):
            return whole(label: label, old: String(before), new: String(after))
        }
    }

    /// A list field: the old items (kept, removed, rewritten) beside the new ones.
    func field(label: String, list: ProgramDiff.ListChange) -> DiffField {
        var oldItems: [DiffRuns] = [], newItems: [DiffRuns] = [], fallback = false
        func plain(_ text: Localized, _ kind: WordDiff.Segment.Kind) -> DiffRuns {
            fallback = fallback || (language == .fr && text.french == nil)
            return runs([.init(kind, text.text(language))])
        }
        for item in list.items {
            switch item {
            case .same(let text): oldItems.append(plain(text, .same)); newItems.append(plain(text, .same))
            case .removed(let text): oldItems.append(plain(text, .removed))
            case .added(let text): newItems.append(plain(text, .added))
            case .changed(let change):
                let (segments, isFallback) = pick(change)
                fallback = fallback || isFallback
                oldItems.append(runs(segments.filter { $0.kind != .added }))
                newItems.append(runs(segments.filter { $0.kind != .removed }))
            }
        }
        return listSide(label: label, old: oldItems, new: newItems, fallback: fallback)
    }

    private func listSide(label: String, old: [DiffRuns], new: [DiffRuns], fallback: Bool) -> DiffField {
        DiffField(label: t("diff.field." + label), isList: true, fallback: fallback, old: old, new: new)
    }

    /// The word differences in the page's language; on a French page, the Arabic ones (to be
    /// marked as untranslated) when either side lacks its French text.
    private func pick(_ change: ProgramDiff.TextChange) -> ([WordDiff.Segment], Bool) {
        guard language == .fr else { return (change.arabic, false) }
        let translated = (change.old.map { $0.french != nil } ?? true) && (change.new.map { $0.french != nil } ?? true)
        return translated ? (change.french, false) : (change.arabic, true)
    }

    /// A value replaced whole (an amount, a number, a state).
    private func whole(label: String, old: String?, new: String?) -> DiffField {
        side(label: label, old: old.map { [.init(.removed, $0)] }, new: new.map { [.init(.added, $0)] }, fallback: false)
    }

    private func side(label: String, old: [WordDiff.Segment]?, new: [WordDiff.Segment]?, fallback: Bool) -> DiffField {
        // A side given has exactly one text, so it is there (`has_old`) when its list is not empty.
        DiffField(label: t("diff.field." + label), isList: false, fallback: fallback,
                  old: old.map { [runs($0)] } ?? [], new: new.map { [runs($0)] } ?? [])
    }

    /// One text as its runs (`text`, `del`, `ins`), under `runs`; a side is a list of these
    /// (one for a text, one per item for a list) so the template walks both the same way.
    private func runs(_ segments: [WordDiff.Segment]) -> DiffRuns {
        DiffRuns(runs: segments.map { DiffRun(text: $0.text, del: $0.kind == .removed, ins: $0.kind == .added) })
    }

    // MARK: - Words

    private func money(_ centimes: Int) -> String { Format.money(centimes: Int64(centimes), language) }

    private func t(_ key: String, _ arguments: String...) -> String {
        translations.fill(key, language, arguments)
    }
}

/// What `partials/program_diff` reads: the summary, the budget, then the changes section by section.
struct ProgramDiffView: TemplateView {
    let isEmpty: Bool
    let summary: DiffSummary
    /// The budget totals; nil when neither version states any.
    let budget: DiffBudget?
    /// The program's own fields changed.
    let overview: [DiffField]
    let axes: [DiffAxisGroup]
    let committee: [DiffField]
    let milestones: DiffField?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "is_empty": return .bool(isEmpty)
        case "summary": return .init(summary)
        case "budget": return .init(budget)
        case "overview": return .init(overview)
        case "axes": return .init(axes)
        case "committee": return .init(committee)
        case "milestones": return .init(milestones)
        default: return nil
        }
    }
}

/// The counts of changes: one column per kind of thing, one row per kind of change.
struct DiffSummary: TemplateView {
    let columns: [String]
    let rows: [DiffCountRow]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "columns": return .array(columns.map { .string($0) })
        case "rows": return .init(rows)
        default: return nil
        }
    }
}

/// One kind of change counted for axes, projects and activities (nil: not counted, "—").
struct DiffCountRow: TemplateView {
    let label: String
    let cells: [Int?]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "cells": return .array(cells.map { $0.map { .int($0) } ?? .string("—") })
        default: return nil
        }
    }
}

/// The budget totals before and after.
struct DiffBudget: TemplateView {
    let rows: [DiffBudgetRow]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "rows": return .init(rows)
        default: return nil
        }
    }
}

/// One budget total, before and after, as money.
struct DiffBudgetRow: TemplateView {
    let label: String
    let before: String
    let after: String
    /// The change, when both totals are stated.
    let difference: String?
    let isChanged: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "before": return .string(before)
        case "after": return .string(after)
        case "difference": return .init(difference)
        case "is_changed": return .bool(isChanged)
        default: return nil
        }
    }
}

/// The changes of one axis section: the axis's own fields, then its projects and activities.
struct DiffAxisGroup: TemplateView {
    let heading: String
    /// The axis's title; nil for the projects without an axis.
    let title: LocalizedText?
    /// "Added" or "removed" in the page's language, and its code, for an axis added or removed.
    let state: String?
    let stateCode: String?
    let fields: [DiffField]
    let items: [DiffItem]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "heading": return .string(heading)
        case "title": return .init(title)
        case "state": return .init(state)
        case "state_code": return .init(stateCode)
        case "fields": return .init(fields)
        case "items": return .init(items)
        default: return nil
        }
    }
}

/// One project or activity added, removed, moved or changed. Every entry has every key, so a
/// template lookup never falls through to a key of the enclosing axis (`fields`, `title`).
struct DiffItem: TemplateView {
    /// `added`, `removed`, `moved` or `changed`.
    let kind: String
    let kindLabel: String
    let name: String
    let title: LocalizedText
    /// Where it moved from and to.
    let moved: String?
    let fields: [DiffField]
    /// An added or removed project's activities.
    let activities: [DiffActivityTitle]
    /// An added or removed activity's project.
    let project: String?
    /// Its budget or cost, as money.
    let amount: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "kind": return .string(kind)
        case "kind_label": return .string(kindLabel)
        case "name": return .string(name)
        case "title": return .init(title)
        case "moved": return .init(moved)
        case "fields": return .init(fields)
        case "activities": return .init(activities)
        case "project": return .init(project)
        case "amount": return .init(amount)
        default: return nil
        }
    }
}

/// The title of an activity of a project added or removed.
struct DiffActivityTitle: TemplateView {
    let title: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return .init(title)
        default: return nil
        }
    }
}

/// A changed field: its label, then the old and the new side, each a list of texts as runs
/// (one for a text, one per item for a list field).
struct DiffField: TemplateView {
    let label: String
    let isList: Bool
    /// A French page shows the Arabic texts, untranslated.
    let fallback: Bool
    let old: [DiffRuns]
    let new: [DiffRuns]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return .string(label)
        case "is_list": return .bool(isList)
        case "fallback": return .bool(fallback)
        case "old": return .init(old)
        case "new": return .init(new)
        case "has_old": return .bool(!old.isEmpty)
        case "has_new": return .bool(!new.isEmpty)
        default: return nil
        }
    }
}

/// One text as its runs.
struct DiffRuns: TemplateView {
    let runs: [DiffRun]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "runs": return .init(runs)
        default: return nil
        }
    }
}

/// A run of words: the same in both versions, deleted (`del`) or inserted (`ins`).
struct DiffRun: TemplateView {
    let text: String
    let del: Bool
    let ins: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "text": return .string(text)
        case "del": return .bool(del)
        case "ins": return .bool(ins)
        default: return nil
        }
    }
}
