import Foundation
import HTTP
import SQLite
import Templates

/// The program matrix as one editable table, in the documents' shape (axis, project, activity
/// rows: number, titles, partners, cost, cost text, funding, start, end), because that is how
/// focal points already keep it. One POST saves the whole table: every row is checked first,
/// and nothing is written unless every row is good; then only what differs is written, each
/// change with its audit entry, in one transaction.
///
/// Inputs are named by row: `x{id}.` an axis, `p{id}.` a project, `a{id}.` an activity,
/// `n{projectID}_{k}.` a blank row for a new activity. A stored row whose inputs are missing
/// from the form (added by someone else after the page was opened) is left as it is.
enum EditorMatrix {
    /// Blank rows offered at the end of each project for new activities.
    static let newRows = 3

    static let activityFields = ["number", "title_ar", "title_fr", "partners", "cost", "cost_text", "funding", "start", "end"]

    // MARK: - The table

    /// The table's rows: stored values, or what was typed when a save is shown again.
    static func rows(_ program: ProgramRecord, partners: PartnerBook, context: AdminContext, typed: EditorInput?) -> [EditorMatrixRow] {
        let language = context.language
        let period = program.period
        guard let commune = context.commune else { return [] }
        func route(_ r: EditorRoute) -> String { AdminRoute.commune(language, slug: commune.slug, .editor(r)).path }
        func t(_ key: String, _ args: [String] = []) -> String { EditorInput.message(context, key, args) }

        func input(_ name: String, _ stored: String, _ kind: String, row: String) -> EditorMatrixRow.Cell {
            let column = String(name[name.index(after: name.firstIndex(of: ".")!)...])
            let dir: String = ["title_ar", "cost_text", "funding"].contains(column) ? "rtl"
                : column == "title_fr" ? "ltr" : (column == "partners" ? "auto" : "ltr")
            return .init(input: .init(name: name, value: typed.map { $0.raw(name) } ?? stored, kind: kind, fieldDir: dir,
                                      label: t("editor.col." + column) + " — " + row, list: column == "partners" ? "partner-names" : nil,
                                      error: typed?.errors[name]))
        }
        let empty = EditorMatrixRow.Cell()
        func text(_ value: String) -> EditorMatrixRow.Cell { .init(text: value) }
        func remove(_ name: String, row: String) -> EditorMatrixRow.Remove {
            .init(name: name, checked: typed?.checked(name) ?? false, label: t("editor.col.remove") + " — " + row, error: typed?.errors[name])
        }

        var rows: [EditorMatrixRow] = []
        // Issue 14: the row a save came back to (`?saved=a12`, see EditorItems.save) says so where
        // the fragment lands, since the notice at the top of the page is out of view there.
        let saved = context.request.queryValue("saved")
        func row(_ kind: String, _ code: String, _ label: String, _ cells: [EditorMatrixRow.Cell], _ item: EditorItem, id: Int,
                 addHref: String? = nil) -> EditorMatrixRow {
            EditorMatrixRow(kind: kind, label: label, cells: cells, remove: remove(code + ".remove", row: label),
                            editHref: route(.edit(period: period, item, id: id)), addHref: addHref, anchor: "row-" + code,
                            saved: saved == code ? t("editor.saved_row", [label]) : nil)
        }
        func activityRows(_ project: ProgramRecord.Project) {
            for activity in project.activities {
                let p = "a\(activity.id)."
                let label = t("editor.row.activity", [String(project.number), String(activity.number)])
                rows.append(row("activity", "a\(activity.id)", label, [
                    input(p + "number", String(activity.number), "n", row: label),
                    input(p + "title_ar", activity.title.arabic, "t", row: label),
                    input(p + "title_fr", activity.title.french ?? "", "t", row: label),
                    input(p + "partners", activity.partners.map { $0.text(language) }.joined(separator: " ; "), "s", row: label),
                    input(p + "cost", EditorInput.dirhams(activity.costCentimes), "m", row: label),
                    input(p + "cost_text", activity.costText?.arabic ?? "", "s", row: label),
                    input(p + "funding", activity.funding?.arabic ?? "", "s", row: label),
                    input(p + "start", activity.start ?? "", "d", row: label),
                    input(p + "end", activity.end ?? "", "d", row: label),
                ], .activity, id: activity.id))
            }
            for k in 1...newRows {
                let p = "n\(project.id)_\(k)."
                let label = t("editor.row.new_activity", [String(project.number), String(k)])
                rows.append(EditorMatrixRow(kind: "new", label: label, cells: activityFields.map { input(p + $0, "", kindOf($0), row: label) }))
            }
        }
        func projectRows(_ project: ProgramRecord.Project) {
            let p = "p\(project.id)."
            let label = t("editor.row.project", [String(project.number)])
            rows.append(row("project", "p\(project.id)", label, [
                input(p + "number", String(project.number), "n", row: label),
                input(p + "title_ar", project.title.arabic, "t", row: label),
                input(p + "title_fr", project.title.french ?? "", "t", row: label),
                text(project.partners.filter(\.listed).map { $0.name.text(language) }.joined(separator: " ; ")),
                input(p + "budget", EditorInput.dirhams(project.budgetCentimes), "m", row: label),
                empty, empty,
                input(p + "start", project.start ?? "", "d", row: label),
                input(p + "end", project.end ?? "", "d", row: label),
            ], .project, id: project.id, addHref: route(.newActivity(period: period, project: project.id))))
            activityRows(project)
        }
        for axis in program.axes {
            let p = "x\(axis.id)."
            let label = t("editor.row.axis", [String(axis.number)])
            rows.append(row("axis", "x\(axis.id)", label, [
                input(p + "number", String(axis.number), "n", row: label),
                input(p + "title_ar", axis.title.arabic, "t", row: label),
                input(p + "title_fr", axis.title.french ?? "", "t", row: label),
                empty, empty, empty, empty, empty, empty,
            ], .axis, id: axis.id))
            for project in program.projects where project.axisID == axis.id { projectRows(project) }
        }
        let axisIDs = Set(program.axes.map(\.id))
        for project in program.projects where project.axisID.map({ !axisIDs.contains($0) }) ?? true { projectRows(project) }
        return rows
    }

    private static func kindOf(_ column: String) -> String {
        switch column {
        case "number": return "n"
        case "title_ar", "title_fr": return "t"
        case "cost": return "m"
        case "start", "end": return "d"
        default: return "s"
        }
    }

    // MARK: - Saving

    /// One activity as typed (new or stored).
    private struct TypedActivity {
        var storedID: Int?
        var projectID: Int
        var prefix: String
        /// The row as messages name it.
        var row: String
        var number: Int?
        var titleAr: String?, titleFr: String?
        var partners: [String]
        var cost: Int?, costText: String?, funding: String?
        var start: String?, end: String?
    }

    static func save(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let language = context.language
        let outcome: EditorInput? = try context.database.write { db -> EditorInput? in
            let programID = try EditorStore.programID(db, communeID: commune.id, period: period)
            try ProgramLock.requireEditable(db, programID: programID)   // issue 6: adopted programs change only in an amendment
            let axes = try EditorStore.axes(db, programID: programID)
            let projects = try EditorStore.projects(db, programID: programID)
            let activities = try EditorStore.activities(db, programID: programID)
            var book = try PartnerBook(db, language: language)
            var input = EditorInput(context)
            func t(_ key: String, _ args: [String] = []) -> String { EditorInput.message(context, key, args) }
            func present(_ name: String) -> Bool { context.form?[name] != nil }

            // Read every row.
            var axisRows: [(stored: EditorStore.Axis, number: Int, titleAr: String, titleFr: String?)] = []
            var removedAxes: [EditorStore.Axis] = []
            for axis in axes {
                let p = "x\(axis.id)."
                guard present(p + "number") else { axisRows.append((axis, axis.number, axis.titleAr, axis.titleFr)); continue }
                input.row = t("editor.row.axis", [String(axis.number)])
                if input.checked(p + "remove") { removedAxes.append(axis); continue }
                let number = input.number(p + "number"), titleAr = input.text(p + "title_ar", required: true)
                axisRows.append((axis, number ?? axis.number, titleAr ?? axis.titleAr, input.text(p + "title_fr")))
            }
            var projectRows: [(stored: EditorStore.Project, number: Int, titleAr: String, titleFr: String?, budget: Int?, start: String?, end: String?)] = []
            var removedProjects: [EditorStore.Project] = []
            for project in projects {
                let p = "p\(project.id)."
                guard present(p + "number") else {
                    projectRows.append((project, project.number, project.titleAr, project.titleFr, project.budget, project.start, project.end))
                    continue
                }
                input.row = t("editor.row.project", [String(project.number)])
                if input.checked(p + "remove") { removedProjects.append(project); continue }
                let number = input.number(p + "number"), titleAr = input.text(p + "title_ar", required: true)
                let budget = input.amount(p + "budget"), start = input.date(p + "start"), end = input.date(p + "end")
                input.order(start: start, end: end, endField: p + "end")
                projectRows.append((project, number ?? project.number, titleAr ?? project.titleAr, input.text(p + "title_fr"), budget, start, end))
            }
            let removedProjectIDs = Set(removedProjects.map(\.id))
            var typed: [TypedActivity] = []
            var removedActivities: [EditorStore.Activity] = []
            func readActivity(_ p: String, projectID: Int, storedID: Int?, numberRequired: Bool) {
                let titleAr = input.text(p + "title_ar", required: true)
                let cost = input.amount(p + "cost"), costText = input.text(p + "cost_text")
                if cost != nil, costText != nil { input.fail(p + "cost_text", "editor.error.cost_both") }
                let start = input.date(p + "start"), end = input.date(p + "end")
                input.order(start: start, end: end, endField: p + "end")
                typed.append(TypedActivity(storedID: storedID, projectID: projectID, prefix: p, row: input.row ?? "",
                                           number: input.number(p + "number", required: numberRequired),
                                           titleAr: titleAr, titleFr: input.text(p + "title_fr"), partners: input.partnerNames(p + "partners"),
                                           cost: cost, costText: costText, funding: input.text(p + "funding"), start: start, end: end))
            }
            let projectNumber = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0.number) })
            for activity in activities where !removedProjectIDs.contains(activity.projectID) {
                let p = "a\(activity.id)."
                guard present(p + "number") else { continue }
                input.row = t("editor.row.activity", [String(projectNumber[activity.projectID] ?? 0), String(activity.number)])
                if input.checked(p + "remove") { removedActivities.append(activity); continue }
                readActivity(p, projectID: activity.projectID, storedID: activity.id, numberRequired: true)
            }
            for project in projects where !removedProjectIDs.contains(project.id) {
                for k in 1...newRows {
                    let p = "n\(project.id)_\(k)."
                    guard activityFields.contains(where: { !input.raw(p + $0).isEmpty }) else { continue }
                    input.row = t("editor.row.new_activity", [String(project.number), String(k)])
                    readActivity(p, projectID: project.id, storedID: nil, numberRequired: false)
                }
            }

            // Numbers unique within their parent; the message goes on the row that took a taken number.
            func duplicates<Key: Hashable>(_ entries: [(field: String, key: Key, changed: Bool, row: String, number: Int)]) {
                var groups: [Key: [(field: String, changed: Bool, row: String, number: Int)]] = [:]
                var order: [Key] = []
                for e in entries {
                    if groups[e.key] == nil { order.append(e.key) }
                    groups[e.key, default: []].append((e.field, e.changed, e.row, e.number))
                }
                for key in order where groups[key]!.count > 1 {
                    let group = groups[key]!
                    let blamed = group.filter(\.changed).isEmpty ? Array(group.dropFirst()) : group.filter(\.changed)
                    for entry in blamed {
                        input.row = entry.row
                        input.fail(entry.field, "editor.error.number_duplicate", String(entry.number))
                    }
                }
            }
            struct NumberKey: Hashable { var parent: Int; var number: Int }
            duplicates(axisRows.map { (field: "x\($0.stored.id).number", key: $0.number, changed: $0.number != $0.stored.number,
                                       row: t("editor.row.axis", [String($0.stored.number)]), number: $0.number) })
            duplicates(projectRows.map { (field: "p\($0.stored.id).number", key: $0.number, changed: $0.number != $0.stored.number,
                                          row: t("editor.row.project", [String($0.stored.number)]), number: $0.number) })
            // Activities kept untouched (not in the form) still hold their numbers.
            let typedIDs = Set(typed.compactMap(\.storedID)), removedIDs = Set(removedActivities.map(\.id))
            var activityNumbers: [(field: String, key: NumberKey, changed: Bool, row: String, number: Int)] = activities
                .filter { !typedIDs.contains($0.id) && !removedIDs.contains($0.id) && !removedProjectIDs.contains($0.projectID) }
                .map { (field: "", key: NumberKey(parent: $0.projectID, number: $0.number), changed: false, row: "", number: $0.number) }
            let storedNumber = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0.number) })
            for activity in typed {
                guard let number = activity.number else { continue }
                activityNumbers.append((field: activity.prefix + "number", key: NumberKey(parent: activity.projectID, number: number),
                                        changed: activity.storedID.map { storedNumber[$0] != number } ?? true,
                                        row: activity.row,
                                        number: number))
            }
            duplicates(activityNumbers)

            // Removals that would lose citizens' proposals or leave projects behind.
            let keptProjects = Set(projects.map(\.id)).subtracting(removedProjectIDs)
            for project in removedProjects {
                input.row = t("editor.row.project", [String(project.number)])
                if let key = try EditorStore.refusal(db, .project, id: project.id) { input.fail("p\(project.id).remove", key, String(project.number)) }
            }
            for activity in removedActivities {
                input.row = t("editor.row.activity", [String(projects.first { $0.id == activity.projectID }?.number ?? 0), String(activity.number)])
                if let key = try EditorStore.refusal(db, .activity, id: activity.id) { input.fail("a\(activity.id).remove", key, String(activity.number)) }
            }
            for axis in removedAxes {
                input.row = t("editor.row.axis", [String(axis.number)])
                if let key = try EditorStore.refusal(db, .axis, id: axis.id, keepingProjects: keptProjects) {
                    input.fail("x\(axis.id).remove", key, String(axis.number))
                }
            }
            guard input.errors.isEmpty else { return input }

            // Write: removals, then numbers, then texts, then new rows.
            let log = EditorLog(audit: context.audit, communeID: commune.id, programID: programID)
            for activity in removedActivities { try EditorStore.delete(db, .activity, id: activity.id); try log.deleted(db, "activity", activity.id, title: activity.titleAr) }
            for project in removedProjects {
                for activity in activities where activity.projectID == project.id { try log.deleted(db, "activity", activity.id, title: activity.titleAr) }
                try EditorStore.delete(db, .project, id: project.id)
                try log.deleted(db, "project", project.id, title: project.titleAr)
            }
            for axis in removedAxes { try EditorStore.delete(db, .axis, id: axis.id); try log.deleted(db, "axis", axis.id, title: axis.titleAr) }
            try EditorStore.renumber(db, .axis, axisRows.map { ($0.stored.id, $0.stored.number, $0.number) })
            try EditorStore.renumber(db, .project, projectRows.map { ($0.stored.id, $0.stored.number, $0.number) })
            let typedStored = typed.filter { $0.storedID != nil }
            try EditorStore.renumber(db, .activity, typedStored.map { ($0.storedID!, storedNumber[$0.storedID!]!, $0.number!) })

            for row in axisRows {
                let s = row.stored
                let before: [String: String?] = ["number": String(s.number), "title_ar": s.titleAr, "title_fr": s.titleFr.nonEmpty]
                let after: [String: String?] = ["number": String(row.number), "title_ar": row.titleAr, "title_fr": row.titleFr]
                guard before != after else { continue }
                try EditorStore.setAxisTitle(db, id: s.id, (row.titleAr, row.titleFr))
                try log.updated(db, "axis", s.id, before: before, after: after)
            }
            for row in projectRows {
                let s = row.stored
                let before: [String: String?] = ["number": String(s.number), "title_ar": s.titleAr, "title_fr": s.titleFr.nonEmpty,
                                                 "budget_centimes": s.budget.map(String.init), "date_start": s.start, "date_end": s.end]
                let after: [String: String?] = ["number": String(row.number), "title_ar": row.titleAr, "title_fr": row.titleFr,
                                                "budget_centimes": row.budget.map(String.init), "date_start": row.start, "date_end": row.end]
                guard before != after else { continue }
                try EditorStore.updateProjectCells(db, id: s.id, titleAr: row.titleAr, titleFr: row.titleFr, budget: row.budget, start: row.start, end: row.end)
                try log.updated(db, "project", s.id, before: before, after: after)
            }
            let storedActivity = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0) })
            var nextNumber: [Int: Int] = [:]
            for entry in activityNumbers { nextNumber[entry.key.parent] = max(nextNumber[entry.key.parent] ?? 0, entry.number) }
            for var activity in typed {
                let partnerIDs = try activity.partners.map { try book.findOrAdd(db, $0, log: log) }
                guard let id = activity.storedID, let s = storedActivity[id] else {
                    if activity.number == nil {
                        nextNumber[activity.projectID, default: 0] += 1
                        activity.number = nextNumber[activity.projectID]
                    }
                    try insert(db, activity, partnerIDs: partnerIDs, book: book, log: log)
                    continue
                }
                let (costTextFr, fundingFr) = (activity.costText == nil ? nil : s.costTextFr, activity.funding == nil ? nil : s.fundingFr)
                let before: [String: String?] = ["number": String(s.number), "title_ar": s.titleAr, "title_fr": s.titleFr.nonEmpty,
                                                 "cost_centimes": s.cost.map(String.init), "cost_text_ar": s.costTextAr.nonEmpty,
                                                 "cost_text_fr": s.costTextFr, "funding_ar": s.fundingAr.nonEmpty, "funding_fr": s.fundingFr,
                                                 "date_start": s.start, "date_end": s.end, "partners": book.shown(s.partnerIDs)]
                let after: [String: String?] = ["number": activity.number.map(String.init), "title_ar": activity.titleAr, "title_fr": activity.titleFr,
                                                "cost_centimes": activity.cost.map(String.init), "cost_text_ar": activity.costText,
                                                "cost_text_fr": costTextFr, "funding_ar": activity.funding, "funding_fr": fundingFr,
                                                "date_start": activity.start, "date_end": activity.end, "partners": book.shown(partnerIDs)]
                guard before != after else { continue }
                try EditorStore.updateActivity(db, id: id, EditorStore.ActivityFields(
                    number: nil, titleAr: activity.titleAr, titleFr: activity.titleFr, cost: activity.cost, costTextAr: activity.costText,
                    costTextFr: costTextFr, fundingAr: activity.funding, fundingFr: fundingFr, start: activity.start, end: activity.end),
                    keepFundingPartner: activity.funding == s.fundingAr.nonEmpty)
                if before["partners"]! != after["partners"]! { try EditorStore.setActivityPartners(db, activityID: id, partnerIDs) }
                try log.updated(db, "activity", id, before: before, after: after)
            }
            return nil
        }
        guard let input = outcome else {
            return context.redirect(to: .commune(language, slug: commune.slug, .editor(.program(period: period))), notice: "notice.saved")
        }
        return try EditorPages.programPage(context, period: period, matrixInput: input, status: .unprocessableContent)
    }

    private static func insert(_ db: Connection, _ activity: TypedActivity, partnerIDs: [Int], book: PartnerBook, log: EditorLog) throws {
        let id = try EditorStore.insertActivity(db, projectID: activity.projectID, EditorStore.ActivityFields(
            number: activity.number, titleAr: activity.titleAr, titleFr: activity.titleFr, cost: activity.cost, costTextAr: activity.costText,
            costTextFr: nil, fundingAr: activity.funding, fundingFr: nil, start: activity.start, end: activity.end))
        try EditorStore.setActivityPartners(db, activityID: id, partnerIDs)
        try log.created(db, "activity", id, [("project_id", String(activity.projectID)), ("number", activity.number.map(String.init)),
                                             ("title_ar", activity.titleAr), ("title_fr", activity.titleFr),
                                             ("cost_centimes", activity.cost.map(String.init)), ("cost_text_ar", activity.costText),
                                             ("funding_ar", activity.funding), ("date_start", activity.start), ("date_end", activity.end),
                                             ("partners", book.shown(partnerIDs))])
    }
}

/// A row of the editable matrix (`admin/editor_program`): an axis, a project, an activity or a
/// blank row for a new activity, with its cells, its remove box and its links.
struct EditorMatrixRow: TemplateView {
    /// axis, project, activity or new (the row's class).
    let kind: String
    /// The row as messages name it ("Activité 3 du projet 1").
    let label: String
    let cells: [Cell]
    var remove: Remove? = nil
    var editHref: String? = nil
    /// A new activity of the project.
    var addHref: String? = nil
    /// The row's HTML id, where a save comes back to.
    var anchor: String? = nil
    /// Says that the save that came back here saved this row.
    var saved: String? = nil

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "kind": return .string(kind)
        case "label": return .string(label)
        case "cells": return .init(cells)
        case "remove": return .init(remove)
        case "edit_href": return .init(editHref)
        case "add_href": return .init(addHref)
        case "anchor": return .init(anchor)
        case "saved": return .init(saved)
        default: return nil
        }
    }

    /// A cell: an input, a text shown as is (a project's partners), or nothing.
    struct Cell: TemplateView {
        var input: Input? = nil
        var text: String? = nil

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "input": return .init(input)
            case "text": return .init(text)
            default: return nil
            }
        }
    }

    /// A cell's input, labelled with its column and row.
    struct Input: TemplateView {
        let name: String
        /// As typed when the table is shown again, else as stored.
        let value: String
        /// n, t, m, s or d: number, title, money, short text, date (the input's class, its width).
        let kind: String
        let fieldDir: String
        let label: String
        /// The id of the datalist offering values.
        let list: String?
        let error: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .string(name)
            case "id": return .string(EditorErrors.id(name))
            case "value": return .string(value)
            case "class": return .string(kind)
            case "field_dir": return .string(fieldDir)
            case "label": return .string(label)
            case "list": return .init(list)
            case "error": return .init(error)
            default: return nil
            }
        }
    }

    /// The box that removes the row when the table is saved.
    struct Remove: TemplateView {
        let name: String
        let checked: Bool
        let label: String
        let error: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .string(name)
            case "id": return .string(EditorErrors.id(name))
            case "checked": return .bool(checked)
            case "label": return .string(label)
            case "error": return .init(error)
            default: return nil
            }
        }
    }
}
