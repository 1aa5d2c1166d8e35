import Foundation
import HTTP
import SQLite
import Templates

/// Progress and measured values in bulk, from the execution CSV the portal publishes
/// (`ExecutionExport`): a focal point downloads it, updates the status, percent, dates, costs
/// and new measured values in a spreadsheet, and sends it back (upload or paste), in the style
/// of the matrix import (`ImportPage`): a preview lists what the file would record (computed by
/// recording it in a transaction that is rolled back), "apply" records it in one transaction, and
/// a file with any bad line records nothing and lists every problem with its line and column.
///
/// What a line records: an activity line whose state (status, percent, actual dates, actual
/// cost) differs from the activity's current state adds one progress entry dated by its `date`,
/// checked by the same rules as the form (`ExecutionRules.problems`); an indicator line with a
/// value that the indicator does not already have on that date adds one measured value. So
/// importing the export as it is records nothing. Titles, planned dates and costs, units,
/// baselines and targets are there to read; they are changed in the forms (issue 13's rules
/// for plans are not a spreadsheet's).
enum ExecutionImport {
    typealias Issue = MatrixImport.Issue
    typealias Failure = MatrixImport.Failure

    /// One thing the file records, as the preview lists it.
    struct Planned: Equatable, TemplateView {
        var what: String
        var summary: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "what": return .string(what)
            case "summary": return .string(summary)
            default: return nil
            }
        }
    }

    private struct Preview: Error { let planned: [Planned] }

    static var columns: [String] { ExecutionExport.csvColumns }

    /// The column a rule's field is about.
    private static let fieldColumns = ["entry_on": "date", "status": "status", "percent": "percent", "reason_ar": "reason",
                                       "started_on": "actual_start", "ended_on": "actual_end"]

    /// Reads `bytes` and records them in program `program` (inside the caller's transaction);
    /// throws `Failure` with every problem, recording nothing.
    static func apply(_ bytes: [UInt8], language: Language, record: ExecutionRecord, program: ExecutionStore.Program,
                      today: String, audit: Audit, db: Connection, mailer: Mailer? = nil,
                      label: (String, [String]) -> String) throws -> [Planned] {
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
            throw Failure(issues: [Issue(line: error.line, column: error.field < columns.count ? columns[error.field] : nil, key: key)])
        }
        guard let header = records.first else { throw Failure(issues: [Issue(line: 1, column: nil, key: "import.empty")]) }
        let given = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard given == columns else {
            var issues: [Issue] = []
            for name in given where !columns.contains(name) { issues.append(Issue(line: header.line, column: name, key: "import.header_unknown")) }
            for name in columns where !given.contains(name) { issues.append(Issue(line: header.line, column: name, key: "import.header_missing")) }
            if issues.isEmpty, let at = columns.indices.first(where: { $0 >= given.count || given[$0] != columns[$0] }) {
                issues.append(Issue(line: header.line, column: columns[at], key: "import.header_order", arguments: [String(at + 1)]))
            }
            throw Failure(issues: issues)
        }

        var issues: [Issue] = []
        var planned: [Planned] = []
        var entries: [(activityID: Int, entry: ExecutionStore.NewEntry)] = []
        var values: [(indicatorID: Int, unit: IndicatorUnit, value: ExecutionStore.NewMeasurement)] = []
        var seenActivities: [Int: Int] = [:]
        for line in records.dropFirst() {
            let at = line.line
            guard line.fields.count == columns.count else {
                issues.append(Issue(line: at, column: line.fields.count < columns.count ? columns[line.fields.count] : nil,
                                    key: "import.field_count", arguments: [String(columns.count), String(line.fields.count)]))
                continue
            }
            var cell: [String: String] = [:]
            for (name, value) in zip(columns, line.fields) { cell[name] = value.trimmingCharacters(in: .whitespacesAndNewlines) }
            func issue(_ column: String, _ key: String, _ arguments: [String] = []) {
                issues.append(Issue(line: at, column: column, key: key, arguments: arguments))
            }
            // The forms' limits (a note is a paragraph, a source a line), so a file never meets the store's.
            let tooLong = columns.filter { (cell[$0] ?? "").count > FieldLimit.maximum(for: $0) }
            for column in tooLong { issue(column, "import.too_long", [String(FieldLimit.maximum(for: column))]) }
            guard tooLong.isEmpty else { continue }
            func day(_ column: String) -> String? {
                let text = EditorInput.asciiDigits(cell[column] ?? "")
                guard !text.isEmpty else { return nil }
                guard text.count == 10, EditorInput.isDate(text) else { issue(column, "import.execution.day", [text]); return nil }
                return text
            }
            func optional(_ column: String) -> String? { (cell[column] ?? "").isEmpty ? nil : cell[column] }
            func localized(_ column: String) -> (ar: String?, fr: String?) {
                let text = optional(column)
                return language == .ar ? (text, nil) : (nil, text)
            }
            guard let projectNumber = Int(cell["project_number"] ?? ""),
                  let project = record.program.projects.first(where: { $0.number == projectNumber }) else {
                issue("project_number", "import.execution.project_unknown", [cell["project_number"] ?? ""])
                continue
            }
            switch cell["record"] {
            case "activity":
                guard let number = Int(cell["activity_number"] ?? ""), let activity = project.activities.first(where: { $0.number == number }) else {
                    issue("activity_number", "import.execution.activity_unknown", [cell["activity_number"] ?? "", String(projectNumber)])
                    continue
                }
                if let first = seenActivities[activity.id] {
                    issue("activity_number", "import.activity_duplicate", [String(number), String(projectNumber), String(first)])
                    continue
                }
                seenActivities[activity.id] = at
                let before = issues.count
                let status = ActivityStatus(rawValue: cell["status"] ?? "")
                if status == nil { issue("status", "import.execution.status", [cell["status"] ?? ""]) }
                let percent = DetailsForm.wholeNumber(cell["percent"] ?? "")
                if percent == nil || percent! > 100 { issue("percent", "import.execution.percent", [cell["percent"] ?? ""]) }
                let started = day("actual_start"), ended = day("actual_end")
                var cost: Int? = nil
                if let typed = optional("actual_cost_dh") {
                    switch EditorInput.centimes(typed, grouped: false) {
                    case .success(let centimes): cost = centimes
                    case .failure: issue("actual_cost_dh", "import.amount_invalid", [typed])
                    }
                }
                let date = day("date")
                guard issues.count == before, let status, let percent else { continue }
                let latest = record.current(activity)
                let reason = localized("reason"), note = localized("note")
                var entry = ExecutionStore.NewEntry(on: date ?? "", status: status, percent: percent, reasonAr: reason.ar, reasonFr: reason.fr,
                                                    noteAr: note.ar, noteFr: note.fr, startedOn: started, endedOn: ended, actualCentimes: cost)
                guard !entry.sameState(as: latest) else { continue }
                guard date != nil else { issue("date", "import.execution.date_required"); continue }
                // The note and reason carried over from the export belong to the entry they came from.
                if let latest {
                    if optional("note") == latest.note?.text(language) { entry.noteAr = nil; entry.noteFr = nil }
                    if !status.needsReason && optional("reason") == latest.reason?.text(language) { entry.reasonAr = nil; entry.reasonFr = nil }
                }
                let problems = ExecutionRules.problems(entry, latest: latest, today: today, requireChange: false)
                for problem in problems { issue(fieldColumns[problem.field] ?? "status", problem.key, problem.arguments) }
                guard problems.isEmpty else { continue }
                entries.append((activity.id, entry))
                planned.append(Planned(what: label("execution.import.activity", [String(projectNumber), String(number)]),
                                       summary: label("execution.import.entry", [label("execution.status." + status.rawValue, []), String(percent), entry.on])))
            case "indicator":
                let kind = cell["indicator_kind"] ?? ""
                guard let number = Int(cell["indicator_number"] ?? ""),
                      let indicator = record.indicators(of: project).first(where: { $0.kind == kind && $0.position == number }) else {
                    issue("indicator_number", "import.execution.indicator_unknown", [kind, cell["indicator_number"] ?? "", String(projectNumber)])
                    continue
                }
                guard let typed = optional("value") else {
                    if optional("date") != nil { issue("value", "import.required") }
                    continue
                }
                guard let unit = indicator.plan.unit else { issue("value", "execution.error.unit_first"); continue }
                guard let value = unit.parse(typed, grouped: false) else { issue("value", "execution.error.value." + unit.rawValue, [typed]); continue }
                guard let date = day("date") else {
                    if optional("date") == nil { issue("date", "import.execution.date_required") }
                    continue
                }
                if date > today { issue("date", "execution.error.future", [date]); continue }
                let known = (record.measurements[indicator.id] ?? []).contains { $0.on == date && $0.value == value }
                    || values.contains { $0.indicatorID == indicator.id && $0.value.on == date && $0.value.value == value }
                guard !known else { continue }
                let source = localized("source"), note = localized("note")
                values.append((indicator.id, unit, ExecutionStore.NewMeasurement(on: date, value: value, sourceAr: source.ar, sourceFr: source.fr,
                                                                                 noteAr: note.ar, noteFr: note.fr)))
                planned.append(Planned(what: label("execution.import.indicator", [label("execution.kind." + kind, []), String(number), String(projectNumber)]),
                                       summary: label("execution.import.value", [unit.shown(value, language), date])))
            default:
                issue("record", "import.execution.record", [cell["record"] ?? ""])
            }
        }
        guard issues.isEmpty else { throw Failure(issues: issues) }
        for (activityID, entry) in entries {
            try ExecutionStore.add(entry, activityID: activityID, audit: audit, communeID: program.communeID, programID: program.id, db)
            // The authors of proposals its project took in hear of it (once a day each, MailStore).
            if let mailer { try MailStore.queueProgress(db, activity: activityID, mailer: mailer, at: audit.at) }
        }
        for (indicatorID, unit, value) in values {
            try ExecutionStore.add(value, indicatorID: indicatorID, unit: unit, audit: audit, communeID: program.communeID,
                                   programID: program.id, db)
        }
        return planned
    }

    // MARK: - The page

    static func handle(_ context: AdminContext, period: String) throws -> Outcome {
        guard let commune = context.commune else { throw PageError.notFound }
        let (program, _) = try ExecutionPages.load(context, period: period)
        guard context.form != nil else { return try page(context, period: period, program: program, csv: "", language: context.language, status: .ok) }
        var csv: [UInt8] = []
        if Multipart.isMultipart(context.request.headers["Content-Type"]) {
            let upload = try Multipart.parse(body: context.request.body, contentType: context.request.headers["Content-Type"] ?? "")
            if let file = upload.file("file"), !file.body.isEmpty { csv = file.body }
        }
        if csv.isEmpty { csv = Array((context.form?["csv"] ?? "").utf8) }
        let language = Language(rawValue: context.field("language")) ?? context.language
        let text = String(decoding: csv, as: UTF8.self)
        guard !csv.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) else {
            return try page(context, period: period, program: program, csv: text, language: language, problem: "details.import.nothing",
                            status: .unprocessableContent)
        }
        let today = MoroccoTime.day(context.now)
        let label: (String, [String]) -> String = { key, words in EditorInput.message(context, key, words) }
        let applying = context.field("step") == "apply"
        do {
            let planned = try context.database.write { db -> [Planned] in
                let program = try ExecutionStore.program(db, communeID: commune.id, period: period)
                try ExecutionRules.requireRecording(program)
                let record = try ExecutionRecord.load(db, slug: commune.slug, period: period)
                let planned = try apply(csv, language: language, record: record, program: program, today: today, audit: context.audit,
                                        db: db, mailer: context.site.mailer, label: label)
                if !applying { throw Preview(planned: planned) }
                return planned
            }
            _ = planned
            context.site.mailSender?.wake()
            return context.redirect(to: ExecutionPages.route(context, .importExecution(period: period)), notice: "notice.execution_imported")
        } catch let preview as Preview {
            return try page(context, period: period, program: program, csv: text, language: language, preview: preview.planned, status: .ok)
        } catch let failure as Failure {
            return try page(context, period: period, program: program, csv: text, language: language, issues: failure.issues,
                            status: .unprocessableContent)
        } catch let refusal as ExecutionRules.Refused {
            return try ExecutionPages.refused(context, period: period, refusal, back: .importExecution(period: period))
        }
    }

    private static func page(_ context: AdminContext, period: String, program: ExecutionStore.Program, csv: String, language: Language,
                             problem: String? = nil, issues: [Issue] = [], preview: [Planned]? = nil, status: HTTPStatus) throws -> Outcome {
        let view = ExecutionImportView(
            form: ImportView(action: ExecutionPages.path(context, .importExecution(period: period)), csv: csv,
                             languageOptions: Details.choices(context, ["ar", "fr"], prefix: "details.import.language.", selected: language.rawValue),
                             language: language.rawValue,
                             issues: issues.map { ImportView.Issue(line: $0.line, column: $0.column, message: ImportPage.message($0, context)) },
                             problem: problem.map { context.t($0) },
                             exportHref: SiteRoute.program(language, slug: context.commune?.slug ?? "", period: period, .executionCSV).path,
                             preview: nil),
            noticeText: ExecutionPages.notice(context, program), mayRecord: ExecutionPages.mayRecord(context, program),
            backHref: ExecutionPages.path(context, .overview(period: period)), preview: preview)
        return Details.page(context, "admin/execution_import", title: context.t("execution.import.title"), tab: "execution",
                            period: period, view, status: status)
    }
}

/// The execution import page (`admin/execution_import`): the matrix import's form and problems,
/// and the preview of the entries and values a good file records.
struct ExecutionImportView: TemplateView {
    let form: ImportView
    let noticeText: String?
    let mayRecord: Bool
    let backHref: String
    let preview: [ExecutionImport.Planned]?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "notice_text": return .init(noticeText)
        case "may_record": return .bool(mayRecord)
        case "back_href": return .string(backHref)
        case "preview": return preview.map { .init(Preview(planned: $0)) }
        default: return form.member(key)
        }
    }

    /// What applying the file would record. Its form reads the page's `action`, `language` and
    /// `csv`, so the preview has no keys of those names.
    struct Preview: TemplateView {
        let planned: [ExecutionImport.Planned]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "planned": return .init(planned)
            case "count": return .int(planned.count)
            case "none": return .bool(planned.isEmpty)
            default: return nil
            }
        }
    }
}
