import HTTP
import SQLite
import Templates

/// The matrix from a CSV file, in the public export's columns: a focal point downloads the
/// export, edits it in a spreadsheet and sends it back (as an upload, RFC 7578, or pasted).
/// Two steps so nothing surprises anyone: the preview lists every change the file would make
/// (computed by applying it in a transaction that is rolled back); "apply" then makes them in
/// one transaction with one audit entry per change. A file with any bad line writes nothing
/// and lists every problem with its line and column.
enum ImportPage {
    /// Thrown to roll the preview's transaction back, carrying what it would have changed.
    private struct Preview: Error {
        let changes: [Change]
    }

    static func handle(_ context: AdminContext, period: String) throws -> Outcome {
        do { return try importMatrix(context, period: period) } catch is ProgramLock.Locked {
            // Issue 6: an adopted program's matrix changes only inside an amendment; the preview
            // or apply that found it locked rolled back, and the page says why and where to go.
            return try LifecyclePages.locked(context, period: period)
        }
    }

    private static func importMatrix(_ context: AdminContext, period: String) throws -> Outcome {
        let program = try Details.program(context, period: period)
        guard context.form != nil else {
            return try page(context, period: period, csv: "", language: context.language, status: .ok)
        }
        var csv: [UInt8] = []
        if Multipart.isMultipart(context.request.headers["Content-Type"]) {
            let upload = try Multipart.parse(body: context.request.body, contentType: context.request.headers["Content-Type"] ?? "")
            if let file = upload.file("file"), !file.body.isEmpty { csv = file.body }
        }
        if csv.isEmpty { csv = Array((context.form?["csv"] ?? "").utf8) }
        let language = Language(rawValue: context.field("language")) ?? context.language
        let text = String(decoding: csv, as: UTF8.self)
        guard !csv.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) else {
            return try page(context, period: period, csv: text, language: language, problem: "details.import.nothing", status: .unprocessableContent)
        }
        let matrix: MatrixImport.Matrix
        switch MatrixImport.parse(csv, language: language) {
        case .success(let parsed): matrix = parsed
        case .failure(let failure):
            return try page(context, period: period, csv: text, language: language, issues: failure.issues, status: .unprocessableContent)
        }
        if context.field("step") == "apply" {
            do {
                let changes = try context.database.write { db -> [Change] in
                    try ProgramLock.requireEditable(db, programID: program.id)   // issue 6: adopted programs change only in an amendment
                    let changes = try MatrixImport.apply(matrix, to: program.id, language: language, db: db)
                    for change in changes { try record(change, context, db, program: program) }
                    return changes
                }
                _ = changes
                return context.redirect(to: Details.route(context, .importMatrix(period: period)), notice: "notice.matrix_imported")
            } catch let failure as MatrixImport.Failure {
                return try page(context, period: period, csv: text, language: language, issues: failure.issues, status: .unprocessableContent)
            }
        }
        do {
            try context.database.write { db in
                try ProgramLock.requireEditable(db, programID: program.id)   // issue 6: adopted programs change only in an amendment
                throw Preview(changes: try MatrixImport.apply(matrix, to: program.id, language: language, db: db))
            }
            return try page(context, period: period, csv: text, language: language, preview: [], status: .ok)
        } catch let preview as Preview {
            return try page(context, period: period, csv: text, language: language, preview: preview.changes, status: .ok)
        } catch let failure as MatrixImport.Failure {
            return try page(context, period: period, csv: text, language: language, issues: failure.issues, status: .unprocessableContent)
        }
    }

    /// The audit entry of one change: create, update or delete, with the field and values.
    private static func record(_ change: Change, _ context: AdminContext, _ db: Connection, program: Details.Program) throws {
        let action: String
        switch change.action {
        case .insert: action = "create"
        case .update: action = "update"
        case .delete: action = "delete"
        }
        try context.audit.record(db, action: action, entity: change.entity, entityID: change.entityID, field: change.field,
                                 before: change.before, after: change.after, communeID: program.communeID, programID: program.id)
    }

    /// An issue's message in the page's language, its `{1}`, `{2}`… filled in.
    static func message(_ issue: MatrixImport.Issue, _ context: AdminContext) -> String {
        if let count = issue.count { return context.t(issue.key, count: count, issue.arguments) }
        return context.translations.fill(issue.key, context.language, issue.arguments)
    }

    private static func page(_ context: AdminContext, period: String, csv: String, language: Language, problem: String? = nil,
                             issues: [MatrixImport.Issue] = [], preview: [Change]? = nil, status: HTTPStatus) throws -> Outcome {
        let view = ImportView(
            action: Details.href(context, .importMatrix(period: period)), csv: csv,
            languageOptions: Details.choices(context, ["ar", "fr"], prefix: "details.import.language.", selected: language.rawValue),
            language: language.rawValue,
            issues: issues.map { ImportView.Issue(line: $0.line, column: $0.column, message: message($0, context)) },
            problem: problem.map { context.t($0) },
            exportHref: SiteRoute.program(language, slug: context.commune?.slug ?? "", period: period, .csv).path,
            preview: preview.map { changes in
                ImportView.Preview(changes: changes.map { change in
                    ImportView.Change(action: context.t("details.import.action." + change.action.rawValue),
                                      entity: context.t("details.import.entity." + change.entity), id: change.entityID,
                                      field: change.field, before: change.before, after: change.after)
                })
            })
        return Details.page(context, "admin/details_import", title: context.t("details.import.title"), tab: "import", period: period,
                            view, status: status)
    }
}

/// The matrix import page (`admin/details_import`): the form, what was wrong with a refused
/// file, or the preview of the changes a good one makes.
struct ImportView: TemplateView {
    let action: String
    /// The file as sent, so that "apply" sends it again.
    let csv: String
    let languageOptions: [FormChoice]
    /// The language the file's texts are in.
    let language: String
    let issues: [Issue]
    /// Why nothing was read (an empty form).
    let problem: String?
    /// The public export, the file to start from.
    let exportHref: String
    let preview: Preview?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "action": return .string(action)
        case "csv": return .string(csv)
        case "language_options": return .init(languageOptions)
        case "language": return .string(language)
        case "issues": return .init(issues)
        case "problem": return .init(problem)
        case "export_href": return .string(exportHref)
        case "preview": return preview.map { .init($0) }
        default: return nil
        }
    }

    /// A problem of the file, where it is.
    struct Issue: TemplateView {
        let line: Int?
        let column: String?
        let message: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "line": return .init(line)
            case "column": return .init(column)
            case "message": return .string(message)
            default: return nil
            }
        }
    }

    /// What applying the file would change. Its form reads the page's `action`, `language`
    /// and `csv`, so the preview has no keys of those names.
    struct Preview: TemplateView {
        let changes: [Change]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "changes": return .init(changes)
            case "count": return .int(changes.count)
            case "none": return .bool(changes.isEmpty)
            default: return nil
            }
        }
    }

    /// One change of the preview, in words.
    struct Change: TemplateView {
        let action: String
        let entity: String
        let id: Int
        let field: String?
        let before: String?
        let after: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "action": return .string(action)
            case "entity": return .string(entity)
            case "id": return .int(id)
            case "field": return .init(field)
            case "before": return .init(before)
            case "after": return .init(after)
            default: return nil
            }
        }
    }
}
