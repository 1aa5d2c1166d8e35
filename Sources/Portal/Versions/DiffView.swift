import Templates

/// Turns a `ProgramDiff` into the values `partials/program_diff` reads, in one language, the
/// way a council member reads changes: a summary of counts and budget totals first, then
/// axis by axis the projects and activities added, removed, moved and changed, each changed
/// field with its old and new text side by side and the changed words marked. Shared by the
/// public comparison page and the admin review, so both show a change the same way.
public struct DiffView {
    public let old: ProgramSnapshot
    public let new: ProgramSnapshot
    public let diff: ProgramDiff
    public let language: Language
    let translations: Translations

    public init(old: ProgramSnapshot, new: ProgramSnapshot, diff: ProgramDiff? = nil, language: Language, translations: Translations) {
        self.old = old
        self.new = new
        self.diff = diff ?? ProgramDiff.compare(old, new)
        self.language = language
        self.translations = translations
    }

    /// The whole difference, for `{{#diff}}{{> partials/program_diff }}{{/diff}}`.
    public var value: TemplateValue {
        [
            "is_empty": .bool(diff.isEmpty),
            "summary": summary,
            "budget": budget,
            "overview": .array(diff.overview.map(field)),
            "axes": .array(axisGroups),
            "committee": .array(diff.committee.map(field)),
            "milestones": diff.milestones.map { field(label: "milestones", list: $0) } ?? .null,
        ]
    }

    // MARK: - Summary and budget

    /// The counts as a small table: one row per kind of change (added, removed, moved,
    /// changed), one column per kind of thing (axes, projects, activities), narrow enough
    /// for a phone. Axes are not moved, so their cell says "—".
    var summary: TemplateValue {
        let axes = [diff.axesAdded.count, diff.axesRemoved.count, nil, diff.axesChanged.count]
        let projects = [diff.projectsAdded.count, diff.projectsRemoved.count, diff.projectsChanged.filter(\.isMoved).count,
                        diff.projectsChanged.filter { !$0.fields.isEmpty }.count]
        let activities = [diff.activitiesAdded.count, diff.activitiesRemoved.count, diff.activitiesChanged.filter(\.isMoved).count,
                          diff.activitiesChanged.filter { !$0.fields.isEmpty }.count]
        let rows = ["diff.added", "diff.removed", "diff.moved", "diff.changed"].enumerated().map { index, key -> TemplateValue in
            ["label": .string(t(key)),
             "cells": .array([axes[index], projects[index], activities[index]].map { $0.map { .int($0) } ?? "—" })]
        }
        return ["columns": .array(["diff.axes", "diff.projects", "diff.activities"].map { .string(t($0)) }), "rows": .array(rows)]
    }

    var budget: TemplateValue {
        let b = diff.budget
        let rows: [TemplateValue] = [
            ("diff.budget.program", b.programBefore, b.programAfter),
            ("diff.budget.projects", b.projectsBefore, b.projectsAfter),
            ("diff.budget.activities", b.activitiesBefore, b.activitiesAfter),
        ].compactMap { key, before, after in
            guard before != nil || after != nil else { return nil }
            var difference: TemplateValue = .null
            if let before, let after {
                let change = after - before
                difference = .string(change == 0 ? t("diff.unchanged") : (change > 0 ? "+" : "") + money(change))
            }
            return ["label": .string(t(key)), "before": .string(before.map(money) ?? t("diff.not_stated")),
                    "after": .string(after.map(money) ?? t("diff.not_stated")), "difference": difference,
                    "is_changed": .bool(before != after)]
        }
        return rows.isEmpty ? .null : ["rows": .array(rows)]
    }

    // MARK: - Axis by axis

    /// Every change in the section of the axis it belongs to: the new version's axes in
    /// order, then the axes removed, then the projects without an axis.
    var axisGroups: [TemplateValue] {
        let noAxis = -1
        let known = Set(new.axes.map(\.id) + diff.axesRemoved.map(\.id))
        func key(_ axisID: Int?) -> Int { axisID.flatMap { known.contains($0) ? $0 : nil } ?? noAxis }
        var items: [Int: [TemplateValue]] = [:]

        for project in diff.projectsAdded {
            items[key(project.axisID), default: []].append(projectItem(project, kind: "added"))
        }
        for project in diff.projectsRemoved {
            items[key(project.axisID), default: []].append(projectItem(project, kind: "removed"))
        }
        for change in diff.projectsChanged {
            var moved: TemplateValue = .null
            if change.isMoved {
                moved = .string(t("diff.moved_axis", axisName(change.oldAxis), axisName(change.newAxis)))
            }
            items[key(change.new.axisID), default: []].append(item(
                kind: change.isMoved ? "moved" : "changed",
                label: change.isMoved ? "diff.project_moved" : "diff.project_changed",
                name: t("diff.project_n", String(change.new.number)), title: change.new.title,
                extra: ["moved": moved, "fields": .array(change.fields.map(field))]))
        }
        for placed in diff.activitiesAdded {
            items[key(placed.project.axisID), default: []].append(activityItem(placed, kind: "added"))
        }
        for placed in diff.activitiesRemoved {
            items[key(placed.project.axisID), default: []].append(activityItem(placed, kind: "removed"))
        }
        for change in diff.activitiesChanged {
            var moved: TemplateValue = .null
            if change.isMoved {
                moved = .string(t("diff.moved_project", projectName(change.oldProject), projectName(change.newProject)))
            }
            items[key(change.newProject.axisID), default: []].append(item(
                kind: change.isMoved ? "moved" : "changed",
                label: change.isMoved ? "diff.activity_moved" : "diff.activity_changed",
                name: t("diff.activity_n", String(change.new.number), String(change.newProject.number)), title: change.new.title,
                extra: ["moved": moved,
                        "fields": .array(change.fields.filter { !(change.isMoved && $0.field == .number) }.map(field))]))
        }

        let added = Set(diff.axesAdded.map(\.id))
        let changes = Dictionary(diff.axesChanged.map { ($0.new.id, $0) }, uniquingKeysWith: { first, _ in first })
        var groups: [TemplateValue] = []
        func group(_ axis: ProgramSnapshot.Axis?, id: Int, state: String?) {
            let fields = changes[id]?.fields ?? []
            guard let list = items[id] ?? (state != nil || !fields.isEmpty ? [] : nil) else { return }
            groups.append([
                "heading": axis.map { .string(t("diff.axis_n", String($0.number))) } ?? .string(t("diff.no_axis")),
                "title": axis.map { $0.title.value(language) } ?? .null,
                "state": state.map { .string(t("diff.axis_" + $0)) } ?? .null,
                "state_code": state.map { .string($0) } ?? .null,
                "fields": .array(fields.map(field)),
                "items": .array(list),
            ])
        }
        for axis in new.axes { group(axis, id: axis.id, state: added.contains(axis.id) ? "added" : nil) }
        for axis in diff.axesRemoved { group(axis, id: axis.id, state: "removed") }
        group(nil, id: noAxis, state: nil)
        return groups
    }

    /// One entry of an axis section. Every entry has every key, so a template lookup never
    /// falls through to a key of the enclosing axis (`fields`, `title`).
    private func item(kind: String, label: String, name: String, title: Localized,
                      extra: [String: TemplateValue]) -> TemplateValue {
        var value: [String: TemplateValue] = [
            "kind": .string(kind), "kind_label": .string(t(label)), "name": .string(name), "title": title.value(language),
            "moved": .null, "fields": .array([]), "activities": .array([]), "project": .null, "amount": .null,
        ]
        value.merge(extra) { _, new in new }
        return .object(value)
    }

    private func projectItem(_ project: ProgramSnapshot.Project, kind: String) -> TemplateValue {
        item(kind: kind, label: "diff.project_" + kind, name: t("diff.project_n", String(project.number)), title: project.title,
             extra: ["amount": project.budgetCentimes.map { .string(money($0)) } ?? .null,
                     "activities": .array(project.activities.map { ["title": $0.title.value(language)] })])
    }

    private func activityItem(_ placed: ProgramDiff.PlacedActivity, kind: String) -> TemplateValue {
        item(kind: kind, label: "diff.activity_" + kind,
             name: t("diff.activity_n", String(placed.activity.number), String(placed.project.number)), title: placed.activity.title,
             extra: ["project": .string(projectName(placed.project)),
                     "amount": placed.activity.costCentimes.map { .string(money($0)) } ?? .null])
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
    func field(_ change: ProgramDiff.FieldChange) -> TemplateValue {
        let label = change.field.rawValue
        switch change.change {
        case .text(let text):
            let (segments, fallback) = pick(text)
            return side(label: label, old: text.old == nil ? nil : segments.filter { $0.kind != .added },
                        new: text.new == nil ? nil : segments.filter { $0.kind != .removed }, fallback: fallback)
        case .list(let list):
            return field(label: label, list: list)
        case .partners(let partners):
            var oldItems: [TemplateValue] = [], newItems: [TemplateValue] = [], fallback = false
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
    func field(label: String, list: ProgramDiff.ListChange) -> TemplateValue {
        var oldItems: [TemplateValue] = [], newItems: [TemplateValue] = [], fallback = false
        func plain(_ text: Localized, _ kind: WordDiff.Segment.Kind) -> TemplateValue {
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

    private func listSide(label: String, old: [TemplateValue], new: [TemplateValue], fallback: Bool) -> TemplateValue {
        ["label": .string(t("diff.field." + label)), "is_list": true, "fallback": .bool(fallback),
         "old": .array(old), "new": .array(new), "has_old": .bool(!old.isEmpty), "has_new": .bool(!new.isEmpty)]
    }

    /// The word differences in the page's language; on a French page, the Arabic ones (to be
    /// marked as untranslated) when either side lacks its French text.
    private func pick(_ change: ProgramDiff.TextChange) -> ([WordDiff.Segment], Bool) {
        guard language == .fr else { return (change.arabic, false) }
        let translated = (change.old.map { $0.french != nil } ?? true) && (change.new.map { $0.french != nil } ?? true)
        return translated ? (change.french, false) : (change.arabic, true)
    }

    /// A value replaced whole (an amount, a number, a state).
    private func whole(label: String, old: String?, new: String?) -> TemplateValue {
        side(label: label, old: old.map { [.init(.removed, $0)] }, new: new.map { [.init(.added, $0)] }, fallback: false)
    }

    private func side(label: String, old: [WordDiff.Segment]?, new: [WordDiff.Segment]?, fallback: Bool) -> TemplateValue {
        ["label": .string(t("diff.field." + label)), "is_list": false, "fallback": .bool(fallback),
         "old": old.map { .array([runs($0)]) } ?? .array([]), "new": new.map { .array([runs($0)]) } ?? .array([]),
         "has_old": .bool(old != nil), "has_new": .bool(new != nil)]
    }

    /// One text as its runs (`text`, `del`, `ins`), under `runs`; a side is a list of these
    /// (one for a text, one per item for a list) so the template walks both the same way.
    private func runs(_ segments: [WordDiff.Segment]) -> TemplateValue {
        ["runs": .array(segments.map { ["text": .string($0.text), "del": .bool($0.kind == .removed), "ins": .bool($0.kind == .added)] })]
    }

    // MARK: - Words

    private func money(_ centimes: Int) -> String { Format.money(centimes: Int64(centimes), language) }

    private func t(_ key: String, _ arguments: String...) -> String {
        translations.fill(key, language, arguments)
    }
}
