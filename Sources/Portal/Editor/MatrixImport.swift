import Foundation
import SQLite
import Templates

/// Importing a whole program matrix from the CSV the portal publishes (`ProgramExport.csvBytes`),
/// because focal points already keep their matrix in a spreadsheet: they download it, edit it,
/// and send it back. Two steps, so that nothing is written unless the whole file is good:
/// `parse` checks every line and reports every problem with its line and column; `apply` then
/// makes the program's axes, projects and activities equal to the file, in one language, and
/// returns each change for the audit log.
///
/// What the CSV cannot say is left alone: the other language's texts, project card fields
/// (objectives, indicators, slogan, dates, card partners), and axes that have no project (the
/// export has no row for them, so their absence from a file is not a removal).
///
/// Removing an axis or project that citizens' proposals, a call, or recorded participation
/// figures refer to is refused (`import.axis_in_use`, `import.project_in_use`), never done
/// silently: the schema would either reject it (proposals) or cascade the figures away (counts,
/// calls). The focal point re-points or triages those first, then imports again.
enum MatrixImport {
    /// The columns, in the export's order; an import needs exactly these.
    static var columns: [String] { ProgramExport.csvColumns }

    /// One problem with an import: where (the file's physical line, as a spreadsheet numbers it,
    /// and the column's header name; nil when it is not about one line or column), and what, as
    /// an i18n key (`import.*` in Templates/i18n) with its `{1}`, `{2}`… arguments; for a counted
    /// entry, `count` is its `{1}` and the arguments follow from `{2}`.
    struct Issue: Sendable, Equatable, CustomStringConvertible {
        var line: Int?
        var column: String?
        var key: String
        var arguments: [String] = []
        var count: Int? = nil

        var description: String {
            "line \(line.map(String.init) ?? "-") \(column ?? "-"): \(key)" + (count.map { " \($0)" } ?? "")
                + (arguments.isEmpty ? "" : " \(arguments)")
        }
    }

    /// Why an import wrote nothing: every problem found, in file order.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var issues: [Issue]
        var description: String { issues.map(\.description).joined(separator: "\n") }
    }

    /// An axis as the file names it.
    struct Axis: Sendable, Equatable {
        var number: Int
        var title: String
        var line: Int
    }

    /// An activity row of the file.
    struct Activity: Sendable, Equatable {
        var number: Int
        var title: String
        var partners: [String]
        var costCentimes: Int?
        var costText: String?
        var funding: String?
        var start: String?
        var end: String?
        var line: Int
    }

    /// A project with the activities of its rows (none when its only row has empty activity columns).
    struct Project: Sendable, Equatable {
        var number: Int
        var axisNumber: Int?
        var title: String
        var budgetCentimes: Int?
        var activities: [Activity]
        var line: Int
    }

    /// A checked file: axes and projects by number, activities by number, texts in `language`.
    struct Matrix: Sendable, Equatable {
        var language: Language
        var axes: [Axis]
        var projects: [Project]
    }

    /// Parses and applies in one step, the way the editor takes an upload: throws `Failure`
    /// (and writes nothing) when any line is bad or a removal is refused.
    static func importCSV(_ bytes: [UInt8], into programID: Int, language: Language, db: Connection) throws -> [Change] {
        switch parse(bytes, language: language) {
        case .success(let matrix): return try apply(matrix, to: programID, language: language, db: db)
        case .failure(let failure): throw failure
        }
    }
}

// MARK: - Parsing

extension MatrixImport {
    /// The export's columns by position (checked against `ProgramExport.csvColumns` below).
    private enum Column: Int, CaseIterable {
        case axisNumber, axisTitle, projectNumber, projectTitle, projectBudget,
             activityNumber, activityTitle, partners, cost, costText, funding, start, end
        var name: String { MatrixImport.columns[rawValue] }
    }

    /// Checks the whole file. Every line is read even after a bad one, so a person fixes all
    /// the problems in one go rather than one upload per mistake.
    static func parse(_ bytes: [UInt8], language: Language) -> Result<Matrix, Failure> {
        precondition(Column.allCases.count == columns.count, "MatrixImport.Column must follow ProgramExport.csvColumns")
        let records: [CSV.Record]
        switch CSV.read(bytes) {
        case .success(let read): records = read
        case .failure(let error):
            let key: String
            switch error.reason {
            case .notUTF8: key = "import.encoding"
            case .strayQuote: key = "import.quote_stray"
            case .unterminatedQuote: key = "import.quote_unterminated"
            }
            let column = error.reason == .notUTF8 || error.field >= columns.count ? nil : columns[error.field]
            return .failure(Failure(issues: [Issue(line: error.line, column: column, key: key)]))
        }
        guard let header = records.first else { return .failure(Failure(issues: [Issue(line: 1, column: nil, key: "import.empty")])) }
        let headerIssues = checkHeader(header)
        guard headerIssues.isEmpty else { return .failure(Failure(issues: headerIssues)) }

        var reader = RowReader(language: language)
        for record in records.dropFirst() { reader.read(record) }
        guard reader.issues.isEmpty else { return .failure(Failure(issues: reader.issues)) }
        return .success(reader.matrix)
    }

    /// The header must name the export's columns, in order: the rows are read by position, so
    /// a renamed, missing or moved column would put values in the wrong place.
    private static func checkHeader(_ record: CSV.Record) -> [Issue] {
        let given = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard given != columns else { return [] }
        var issues: [Issue] = []
        var seen: Set<String> = []
        for name in given {
            if !columns.contains(name) { issues.append(Issue(line: record.line, column: name, key: "import.header_unknown")) }
            else if !seen.insert(name).inserted { issues.append(Issue(line: record.line, column: name, key: "import.header_duplicate")) }
        }
        for name in columns where !given.contains(name) {
            issues.append(Issue(line: record.line, column: name, key: "import.header_missing"))
        }
        if issues.isEmpty, let at = columns.indices.first(where: { given[$0] != columns[$0] }) {
            issues.append(Issue(line: record.line, column: columns[at], key: "import.header_order", arguments: [String(at + 1)]))
        }
        return issues
    }

    /// Reads data rows one by one, gathering the matrix and every issue.
    private struct RowReader {
        let language: Language
        var issues: [Issue] = []
        var axes: [Int: Axis] = [:]
        var projects: [Int: Project] = [:]
        /// Where each activity number of a project was first seen, to name it in a duplicate's message.
        var activityLines: [Int: [Int: Int]] = [:]

        init(language: Language) { self.language = language }

        var matrix: Matrix {
            Matrix(language: language, axes: axes.values.sorted { $0.number < $1.number },
                   projects: projects.values.sorted { $0.number < $1.number }.map { project in
                       var project = project
                       project.activities.sort { $0.number < $1.number }
                       return project
                   })
        }

        mutating func read(_ record: CSV.Record) {
            let line = record.line
            guard record.fields.count == columns.count else {
                let column = record.fields.count < columns.count ? columns[record.fields.count] : nil
                issues.append(Issue(line: line, column: column, key: "import.field_count", arguments: [String(columns.count)],
                                    count: record.fields.count))
                return
            }
            let values = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            func value(_ column: Column) -> String { values[column.rawValue] }
            let before = issues.count
            // Every text here is a line (a title, partner names, a funding source): the editor's
            // limit for a line, so the file never meets the store's own (0020_text_limits).
            for column in Column.allCases where values[column.rawValue].count > FieldLimit.short {
                issue(line, column.name, "import.too_long", [String(FieldLimit.short)])
            }

            // The axis: both cells empty (a project whose axis the documents do not give), or both set.
            let axis = number(value(.axisNumber), .axisNumber, line, required: false)
            if case .blank = axis, !value(.axisTitle).isEmpty { issue(line, Column.axisNumber.name, "import.required") }
            if case .value(let n) = axis {
                if value(.axisTitle).isEmpty { issue(line, Column.axisTitle.name, "import.required") }
                else if let known = axes[n] {
                    if known.title != value(.axisTitle) {
                        issue(line, Column.axisTitle.name, "import.axis_inconsistent", [String(n), String(known.line)])
                    }
                } else {
                    axes[n] = Axis(number: n, title: value(.axisTitle), line: line)
                }
            }

            // The project: the same number must carry the same title, axis and budget on every row.
            let projectNumber = number(value(.projectNumber), .projectNumber, line, required: true)
            if value(.projectTitle).isEmpty { issue(line, Column.projectTitle.name, "import.required") }
            let budget = amount(value(.projectBudget), .projectBudget, line)
            if case .value(let n) = projectNumber, !value(.projectTitle).isEmpty {
                if let known = projects[n] {
                    let args = [String(n), String(known.line)]
                    if known.title != value(.projectTitle) { issue(line, Column.projectTitle.name, "import.project_inconsistent", args) }
                    if let axis = axis.parsed, known.axisNumber != axis { issue(line, Column.axisNumber.name, "import.project_inconsistent", args) }
                    if let budget = budget.parsed, known.budgetCentimes != budget {
                        issue(line, Column.projectBudget.name, "import.project_inconsistent", args)
                    }
                } else if let axis = axis.parsed, let budget = budget.parsed {
                    projects[n] = Project(number: n, axisNumber: axis, title: value(.projectTitle), budgetCentimes: budget,
                                          activities: [], line: line)
                }
            }

            // The activity, unless the row only names a project without activities.
            let activityColumns: [Column] = [.activityTitle, .partners, .cost, .costText, .funding, .start, .end]
            guard !value(.activityNumber).isEmpty else {
                if let filled = activityColumns.first(where: { !value($0).isEmpty }) {
                    issue(line, Column.activityNumber.name, "import.activity_number_missing", [filled.name])
                }
                return
            }
            let activityNumber = number(value(.activityNumber), .activityNumber, line, required: true)
            if value(.activityTitle).isEmpty { issue(line, Column.activityTitle.name, "import.required") }
            var partners: [String] = []
            for name in value(.partners).split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !name.isEmpty {
                if partners.contains(name) { issue(line, Column.partners.name, "import.partner_duplicate", [name]) }
                else { partners.append(name) }
            }
            let cost = amount(value(.cost), .cost, line)
            if case .value = cost, !value(.costText).isEmpty { issue(line, Column.costText.name, "import.cost_both") }
            let start = date(value(.start), .start, line), end = date(value(.end), .end, line)
            if case .value(let s) = start, case .value(let e) = end, e < s {
                // The schema's own CHECK (date_end >= date_start) compares the ISO texts, so do we.
                issue(line, Column.end.name, "import.date_order", [s, e])
            }
            guard case .value(let p) = projectNumber, case .value(let n) = activityNumber else { return }
            if let first = activityLines[p]?[n] {
                issue(line, Column.activityNumber.name, "import.activity_duplicate", [String(n), String(p), String(first)])
                return
            }
            activityLines[p, default: [:]][n] = line
            guard issues.count == before, projects[p] != nil else { return }
            projects[p]!.activities.append(Activity(
                number: n, title: value(.activityTitle), partners: partners, costCentimes: cost.parsed ?? nil,
                costText: nonEmpty(value(.costText)), funding: nonEmpty(value(.funding)),
                start: start.parsed ?? nil, end: end.parsed ?? nil, line: line))
        }

        private mutating func issue(_ line: Int, _ column: String?, _ key: String, _ arguments: [String] = []) {
            issues.append(Issue(line: line, column: column, key: key, arguments: arguments))
        }

        /// Numbers are what the documents print: positive integers ("المحور رقم 1").
        private mutating func number(_ text: String, _ column: Column, _ line: Int, required: Bool) -> Cell<Int> {
            if text.isEmpty {
                guard required else { return .blank }
                issue(line, column.name, "import.required")
                return .bad
            }
            guard text.count <= 9, text.allSatisfy(\.isASCIIDigit), let n = Int(text), n > 0 else {
                issue(line, column.name, "import.number_invalid", [text])
                return .bad
            }
            return .value(n)
        }

        /// Dirhams as the export writes them ("20000.00"), or without decimals ("20000"); a
        /// decimal comma is taken too, since a French spreadsheet may save one. No thousands
        /// separators: "20 000" and "20.000" are ambiguous.
        private mutating func amount(_ text: String, _ column: Column, _ line: Int) -> Cell<Int> {
            if text.isEmpty { return .blank }
            switch EditorInput.centimes(text, grouped: false) {
            case .success(let centimes): return .value(centimes)
            case .failure(.negative): issue(line, column.name, "import.amount_negative", [text])
            case .failure(.invalid): issue(line, column.name, "import.amount_invalid", [text])
            case .failure(.decimals): issue(line, column.name, "import.amount_decimals", [text])
            }
            return .bad
        }

        /// Project and activity dates as the schema keeps them: a day 'YYYY-MM-DD' or a month
        /// 'YYYY-MM' (its CHECKs), and a date that exists (the CHECKs only look at the shape).
        private mutating func date(_ text: String, _ column: Column, _ line: Int) -> Cell<String> {
            if text.isEmpty { return .blank }
            guard EditorInput.isDate(text) else { issue(line, column.name, "import.date_invalid", [text]); return .bad }
            return .value(text)
        }
    }

    /// A cell read: empty, a good value, or a bad one (already reported).
    private enum Cell<T> {
        case blank, value(T), bad
        /// nil when bad; `.some(nil)` when blank.
        var parsed: T?? {
            switch self {
            case .blank: return .some(nil)
            case .value(let v): return .some(v)
            case .bad: return nil
            }
        }
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

// MARK: - Applying

extension MatrixImport {
    /// Makes the program's axes, projects and activities equal to `matrix`, inside the caller's
    /// write transaction (in a savepoint of its own, so a refusal undoes its partial work even
    /// if the caller goes on). Things are matched by number; a text that reads the same in
    /// `language` as the file is left untouched, so importing an export changes nothing.
    /// Returns every change, in order, for the audit log. Throws `Failure` when it would
    /// remove an axis or project that something else refers to (see the type's comment).
    static func apply(_ matrix: Matrix, to programID: Int, language: Language, db: Connection) throws -> [Change] {
        precondition(matrix.language == language, "a matrix is applied in the language it was read in")
        return try db.transaction {
            var writer = try Writer(db: db, programID: programID, language: language)
            try writer.apply(matrix)
            return writer.changes
        }
    }

    /// A pair of columns `x_ar`/`x_fr` as stored (NULL as nil).
    private struct Texts: Equatable {
        var ar: String?
        var fr: String?

        init(_ ar: String?, _ fr: String?) { self.ar = ar; self.fr = fr }

        /// What the export prints for this pair (the same rules as `Localized`), nil for no text.
        func shown(_ language: Language, optional: Bool) -> String? {
            let arabic = ar ?? "", french = fr.flatMap { $0.isEmpty ? nil : $0 }
            if optional && arabic.isEmpty { return french }
            return language == .fr ? (french ?? arabic) : arabic
        }

        /// The pair after the file's `text` in `language`, or nil when the file says what is
        /// already shown. The other language is kept; a French text given where there is no
        /// Arabic yet fills both, since the Arabic column must hold something. An emptied
        /// optional text is removed in both languages: the thing is gone, not its translation
        /// (and the schema forbids a French cost text without an Arabic one).
        func merged(_ text: String?, _ language: Language, optional: Bool) -> Texts? {
            guard text != shown(language, optional: optional) else { return nil }
            guard let text else { return Texts(nil, nil) }
            if language == .ar { return Texts(text, fr) }
            return (ar ?? "").isEmpty ? Texts(text, text) : Texts(ar, text)
        }

        static func new(_ text: String?, _ language: Language) -> Texts {
            guard let text else { return Texts(nil, nil) }
            return language == .ar ? Texts(text, nil) : Texts(text, text)
        }
    }

    private struct StoredAxis {
        var id: Int, number: Int, title: Texts
        var hasProjects = false
    }

    private struct StoredProject {
        var id: Int, number: Int, axisID: Int?, title: Texts, budget: Int?
    }

    private struct StoredActivity {
        var id: Int, projectID: Int, number: Int, title: Texts, cost: Int?, costText: Texts, funding: Texts
        var start: String?, end: String?
        var partnerIDs: [Int] = []
    }

    private struct StoredPartner {
        var id: Int, name: Texts
    }

    /// One application: the program as stored, read once, then the writes that make it equal
    /// to the matrix, each recorded as a `Change`.
    private struct Writer {
        let db: Connection
        let programID: Int
        let language: Language
        var changes: [Change] = []
        var axes: [Int: StoredAxis] = [:]
        var projects: [Int: StoredProject] = [:]
        /// By project id, then activity number.
        var activities: [Int: [Int: StoredActivity]] = [:]
        var partners: [Int: StoredPartner] = [:]
        /// Partner ids by the name shown in `language`, then by Arabic name (the unique one).
        var partnerByShown: [String: Int] = [:]
        var partnerByArabic: [String: Int] = [:]

        init(db: Connection, programID: Int, language: Language) throws {
            self.db = db
            self.programID = programID
            self.language = language
            for stored in try EditorStore.storedAxes(db, programID: programID) {
                axes[stored.number] = StoredAxis(id: stored.id, number: stored.number, title: Texts(stored.title.ar, stored.title.fr))
            }
            for stored in try EditorStore.storedProjects(db, programID: programID) {
                let project = StoredProject(id: stored.id, number: stored.number, axisID: stored.axisID,
                                            title: Texts(stored.title.ar, stored.title.fr), budget: stored.budget)
                projects[project.number] = project
                if let axisNumber = axes.values.first(where: { $0.id == project.axisID })?.number { axes[axisNumber]!.hasProjects = true }
            }
            var activityKeys: [Int: (Int, Int)] = [:]
            for cells in try EditorStore.storedActivities(db, programID: programID) {
                let activity = StoredActivity(id: cells.id, projectID: cells.projectID, number: cells.number,
                                              title: Texts(cells.title.ar, cells.title.fr), cost: cells.cost,
                                              costText: Texts(cells.costText.ar, cells.costText.fr), funding: Texts(cells.funding.ar, cells.funding.fr),
                                              start: cells.start, end: cells.end)
                activities[activity.projectID, default: [:]][activity.number] = activity
                activityKeys[activity.id] = (activity.projectID, activity.number)
            }
            for link in try EditorStore.activityPartnerLinks(db, programID: programID) {
                guard let (project, number) = activityKeys[link.activityID] else { continue }
                activities[project]?[number]?.partnerIDs.append(link.partnerID)
            }
            // Partners are shared by all communes, so matching needs them all (a few hundred at most).
            for partner in try EditorStore.allPartners(db) {
                remember(StoredPartner(id: partner.id, name: Texts(partner.name.ar, partner.name.fr)))
            }
        }

        private mutating func remember(_ partner: StoredPartner) {
            partners[partner.id] = partner
            if let shown = partner.name.shown(language, optional: false), partnerByShown[shown] == nil { partnerByShown[shown] = partner.id }
            if let arabic = partner.name.ar { partnerByArabic[arabic] = partner.id }
        }

        mutating func apply(_ matrix: Matrix) throws {
            let wantedAxes = Set(matrix.axes.map(\.number)), wantedProjects = Set(matrix.projects.map(\.number))
            // An axis without projects has no row in the export, so a file without it does not remove it.
            let goneAxes = axes.values.filter { !wantedAxes.contains($0.number) && $0.hasProjects }.sorted { $0.number < $1.number }
            let goneProjects = projects.values.filter { !wantedProjects.contains($0.number) }.sorted { $0.number < $1.number }
            try refuseRemovingWhatIsReferenced(goneAxes, goneProjects)

            var axisIDs: [Int: Int] = [:]
            for axis in matrix.axes { axisIDs[axis.number] = try put(axis) }
            for project in matrix.projects {
                let projectID = try put(project, axisID: project.axisNumber.flatMap { axisIDs[$0] })
                let wanted = Set(project.activities.map(\.number))
                for activity in project.activities { try put(activity, projectID: projectID) }
                for gone in (activities[projectID] ?? [:]).values.filter({ !wanted.contains($0.number) }).sorted(by: { $0.number < $1.number }) {
                    try remove(gone)
                }
            }
            for project in goneProjects {
                for activity in (activities[project.id] ?? [:]).values.sorted(by: { $0.number < $1.number }) { try remove(activity) }
                try EditorStore.delete(db, .project, id: project.id)
                changes.append(Change(.delete, "project", project.id, before: project.title.shown(language, optional: false)))
            }
            for axis in goneAxes {
                try EditorStore.delete(db, .axis, id: axis.id)
                changes.append(Change(.delete, "axis", axis.id, before: axis.title.shown(language, optional: false)))
            }
        }

        /// Proposals point at axes and projects without ON DELETE (the delete would fail), and
        /// calls and participation figures cascade (the delete would silently lose them).
        private func refuseRemovingWhatIsReferenced(_ goneAxes: [StoredAxis], _ goneProjects: [StoredProject]) throws {
            var issues: [Issue] = []
            for axis in goneAxes {
                let uses = try EditorStore.axisReferences(db, axisID: axis.id)
                if uses > 0 { issues.append(Issue(line: nil, column: Column.axisNumber.name, key: "import.axis_in_use", arguments: [String(axis.number)])) }
            }
            for project in goneProjects {
                let uses = try EditorStore.projectReferences(db, projectID: project.id)
                if uses > 0 {
                    issues.append(Issue(line: nil, column: Column.projectNumber.name, key: "import.project_in_use", arguments: [String(project.number)]))
                } else if try ExecutionStore.hasProgress(db, projectID: project.id) {
                    issues.append(Issue(line: nil, column: Column.projectNumber.name, key: "import.project_has_progress",
                                        arguments: [String(project.number)]))
                }
            }
            if !issues.isEmpty { throw Failure(issues: issues) }
        }

        // MARK: Axes, projects, activities

        private mutating func put(_ axis: Axis) throws -> Int {
            guard let stored = axes[axis.number] else {
                let title = Texts.new(axis.title, language)
                let id = try EditorStore.insertAxis(db, programID: programID, number: axis.number, title: (title.ar, title.fr))
                inserted("axis", id, [("number", String(axis.number))] + pairs("title", title))
                return id
            }
            if let title = stored.title.merged(axis.title, language, optional: false) {
                try EditorStore.setAxisTitle(db, id: stored.id, (title.ar, title.fr))
                updated("axis", stored.id, "title", stored.title, title)
            }
            return stored.id
        }

        private mutating func put(_ project: Project, axisID: Int?) throws -> Int {
            guard let stored = projects[project.number] else {
                let title = Texts.new(project.title, language)
                let id = try EditorStore.insertProject(db, programID: programID, axisID: axisID, number: project.number,
                                                       title: (title.ar, title.fr), budget: project.budgetCentimes)
                inserted("project", id, [("number", String(project.number)), ("axis_number", project.axisNumber.map(String.init))]
                         + pairs("title", title) + [("budget_centimes", project.budgetCentimes.map(String.init))])
                return id
            }
            let title = stored.title.merged(project.title, language, optional: false)
            guard title != nil || stored.axisID != axisID || stored.budget != project.budgetCentimes else { return stored.id }
            let newTitle = title ?? stored.title
            try EditorStore.setProjectRow(db, id: stored.id, axisID: axisID, title: (newTitle.ar, newTitle.fr), budget: project.budgetCentimes)
            if stored.axisID != axisID {
                let before = axes.values.first { $0.id == stored.axisID }?.number
                changes.append(Change(.update, "project", stored.id, field: "axis_number", before: before.map(String.init),
                                      after: project.axisNumber.map(String.init)))
            }
            updated("project", stored.id, "title", stored.title, newTitle)
            if stored.budget != project.budgetCentimes {
                changes.append(Change(.update, "project", stored.id, field: "budget_centimes", before: stored.budget.map(String.init),
                                      after: project.budgetCentimes.map(String.init)))
            }
            return stored.id
        }

        private mutating func put(_ activity: Activity, projectID: Int) throws {
            let partnerIDs = try activity.partners.map { try partnerID($0) }
            guard let stored = activities[projectID]?[activity.number] else {
                let title = Texts.new(activity.title, language), costText = Texts.new(activity.costText, language)
                let funding = Texts.new(activity.funding, language)
                let id = try EditorStore.insertActivity(db, projectID: projectID, EditorStore.ActivityFields(
                    number: activity.number, titleAr: title.ar, titleFr: title.fr, cost: activity.costCentimes, costTextAr: costText.ar,
                    costTextFr: costText.fr, fundingAr: funding.ar, fundingFr: funding.fr, start: activity.start, end: activity.end))
                try EditorStore.setActivityPartners(db, activityID: id, partnerIDs)
                inserted("activity", id, [("number", String(activity.number))] + pairs("title", title)
                         + [("cost_centimes", activity.costCentimes.map(String.init))] + pairs("cost_text", costText)
                         + pairs("funding", funding) + [("date_start", activity.start), ("date_end", activity.end),
                                                        ("partners", activity.partners.isEmpty ? nil : activity.partners.joined(separator: " ; "))])
                return
            }
            let title = stored.title.merged(activity.title, language, optional: false) ?? stored.title
            // A cost is an amount or a text (schema CHECK): an amount clears the text in both languages.
            let costText = activity.costCentimes != nil ? Texts(nil, nil)
                : stored.costText.merged(activity.costText, language, optional: true) ?? stored.costText
            let funding = stored.funding.merged(activity.funding, language, optional: true) ?? stored.funding
            if title != stored.title || costText != stored.costText || funding != stored.funding || activity.costCentimes != stored.cost
                || activity.start != stored.start || activity.end != stored.end {
                // A funding partner link named the old funding text; it cannot be known to fit the new one.
                try EditorStore.updateActivity(db, id: stored.id, EditorStore.ActivityFields(
                    number: nil, titleAr: title.ar, titleFr: title.fr, cost: activity.costCentimes, costTextAr: costText.ar,
                    costTextFr: costText.fr, fundingAr: funding.ar, fundingFr: funding.fr, start: activity.start, end: activity.end),
                    keepFundingPartner: funding == stored.funding)
                updated("activity", stored.id, "title", stored.title, title)
                updated("activity", stored.id, "cost_centimes", stored.cost.map(String.init), activity.costCentimes.map(String.init))
                updated("activity", stored.id, "cost_text", stored.costText, costText)
                updated("activity", stored.id, "funding", stored.funding, funding)
                updated("activity", stored.id, "date_start", stored.start, activity.start)
                updated("activity", stored.id, "date_end", stored.end, activity.end)
            }
            if partnerIDs != stored.partnerIDs {
                // Different ids can read the same (two partners with one French name): compare what people read.
                let before = partnerNames(stored.partnerIDs), after = partnerNames(partnerIDs)
                if before != after {
                    try EditorStore.setActivityPartners(db, activityID: stored.id, partnerIDs)
                    changes.append(Change(.update, "activity", stored.id, field: "partners", before: before, after: after))
                }
            }
        }

        private mutating func remove(_ activity: StoredActivity) throws {
            // Issue 13: an activity with progress is cancelled through its progress form, never deleted.
            if try ExecutionStore.hasProgress(db, activityID: activity.id) {
                let project = projects.values.first { $0.id == activity.projectID }?.number ?? 0
                throw Failure(issues: [Issue(line: nil, column: Column.activityNumber.name, key: "import.activity_has_progress",
                                             arguments: [String(activity.number), String(project)])])
            }
            try EditorStore.delete(db, .activity, id: activity.id)
            changes.append(Change(.delete, "activity", activity.id, before: activity.title.shown(language, optional: false)))
        }

        // MARK: Partners

        /// The partner named `name` in the file's language (or by its Arabic name), created
        /// when no partner has that name.
        private mutating func partnerID(_ name: String) throws -> Int {
            if let id = partnerByShown[name] ?? partnerByArabic[name] { return id }
            let texts = Texts.new(name, language)
            let id = try EditorStore.insertPartner(db, name: (texts.ar, texts.fr))
            remember(StoredPartner(id: id, name: texts))
            inserted("partner", id, pairs("name", texts))
            return id
        }

        // MARK: Changes

        private func partnerNames(_ ids: [Int]) -> String? {
            ids.isEmpty ? nil : ids.compactMap { partners[$0]?.name.shown(language, optional: false) }.joined(separator: " ; ")
        }

        private func pairs(_ base: String, _ texts: Texts) -> [(String, String?)] {
            [(base + "_ar", texts.ar), (base + "_fr", texts.fr)]
        }

        private mutating func inserted(_ entity: String, _ id: Int, _ fields: [(String, String?)]) {
            for (field, value) in fields where value != nil {
                changes.append(Change(.insert, entity, id, field: field, after: value))
            }
        }

        private mutating func updated(_ entity: String, _ id: Int, _ base: String, _ before: Texts, _ after: Texts) {
            updated(entity, id, base + "_ar", before.ar, after.ar)
            updated(entity, id, base + "_fr", before.fr, after.fr)
        }

        private mutating func updated(_ entity: String, _ id: Int, _ field: String, _ before: String?, _ after: String?) {
            // Compared as stored bytes, not as Swift's canonically-equivalent strings.
            guard before.map({ Array($0.utf8) }) != after.map({ Array($0.utf8) }) else { return }
            changes.append(Change(.update, entity, id, field: field, before: before, after: after))
        }
    }
}
