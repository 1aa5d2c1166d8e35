import Foundation
import SQLite

/// Opens the portal's SQLite file the way the portal needs it: migrated to the schema in
/// Migrations/, with the demo data from Migrations/demo/ loaded into an empty database,
/// so that `swift run infitah` on a fresh machine shows the real programs at once.
enum Store {
    /// Why the store could not be opened, in one line a person can act on.
    struct OpenError: Error, CustomStringConvertible {
        let description: String
    }

    /// Migrates (and seeds, if empty and asked) the file at `path`, then opens the pool.
    /// `demoMadeAt` is the instant the demo data is made at (see `loadDemoData`), now unless given.
    static func open(path: String, migrations: URL, loadDemo: Bool, demoMadeAt: Date? = nil, readers: Int = 4) throws -> Database {
        try prepare(path: path, migrations: migrations, loadDemo: loadDemo, demoMadeAt: demoMadeAt)
        return try Database(path: path, readers: readers)
    }

    /// Applies pending migrations and, when the database holds no commune yet and
    /// `loadDemo` is set, the demo data (made at `demoMadeAt`, now unless given). Returns the
    /// names of the migrations applied.
    @discardableResult
    static func prepare(path: String, migrations: URL, loadDemo: Bool, demoMadeAt: Date? = nil) throws -> [String] {
        try checkUsable(path)
        let connection = try Connection(path: path)
        defer { connection.close() }
        let applied = try Migrator(directory: migrations).migrate(connection)
        if loadDemo, try connection.scalar("SELECT count(*) FROM communes", as: Int.self) == 0 {
            try loadDemoData(into: connection, from: migrations.appendingPathComponent("demo"), at: demoMadeAt ?? Date())
        }
        return applied
    }

    /// The demo file holding the sandbox's changes after its consultation, run between its
    /// two frozen versions (see `loadDemoData`).
    static let demoAmendments = "08_demo_amendments.sql"

    /// The demo file holding the sandbox's illustrative program in execution (issue 13), run
    /// last and only on a schema that has execution, evidence and evaluations (a store migrated
    /// with an older set of migrations, in an upgrade test, gets the rest of the demo without it).
    static let demoExecution = "09_demo_execution.sql"

    /// The demo file holding what the documents say about themselves (their dates) and what the
    /// loader inferred (Migrations/0018), run only when that migration is applied.
    static let demoFacts = "10_demo_facts.sql"

    /// Runs every `*.sql` file of the demo folder, in name order, and freezes the demo's
    /// versions (issue 6): each documented program once, as it stands; the sandbox `demo`
    /// once as the draft put to consultation, then again after `08_demo_amendments.sql`, so
    /// that its versions page has a real difference to show.
    ///
    /// All of it is one transaction, for two reasons: either all of the demo is there or none
    /// of it is (a half-loaded demo would not be reloaded, since the store is no longer empty);
    /// and a frozen version can never be deleted, so versions frozen by a load that then
    /// failed must disappear with that load's rollback rather than stay behind.
    ///
    /// `date` is the instant the demo is made at: the sandbox's calls open then (the SQL reads it
    /// from `temp.demo_clock`, never from SQLite's own clock) and its versions are frozen then.
    /// A server passes now; the snapshot tests pass a fixed instant, so the same demo gives the
    /// same bytes on every run.
    static func loadDemoData(into connection: Connection, from directory: URL, at date: Date = Date()) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.filter { $0.hasSuffix(".sql") }.sorted()
        func run(_ file: String) throws {
            let script = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            do { try connection.execute(script) } catch {
                throw OpenError(description: "demo data \(file) failed: \(error)")
            }
        }
        try connection.transaction {
            try connection.execute("CREATE TEMP TABLE demo_clock (made_at TEXT NOT NULL)")
            try connection.run("INSERT INTO temp.demo_clock (made_at) VALUES (?)", [Call.utcText(date)])
            defer { try? connection.execute("DROP TABLE temp.demo_clock") }
            for file in files where file != demoAmendments && file != demoExecution && file != demoFacts { try run(file) }
            let hasFacts = try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                 ["network_components"], as: Int.self) == 1
            if hasFacts, files.contains(demoFacts) { try run(demoFacts) }
            let hasEvaluations = try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                       ["evaluations"], as: Int.self) == 1
            if hasEvaluations, files.contains(demoExecution) { try run(demoExecution) }
            // A store migrated with an older set of migrations (a test of an upgrade) has no
            // versions table: it gets the same demo data, without versions.
            let hasVersions = try connection.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                    ["program_versions"], as: Int.self) == 1
            if hasVersions {
                do { try freezeDemoVersions(connection, dated: hasFacts, at: date) } catch {
                    throw OpenError(description: "demo versions could not be frozen: \(error)")
                }
            }
            if hasEvaluations, hasVersions, files.contains(demoExecution) {
                do { try loadIllustrativeExecution(connection) } catch {
                    throw OpenError(description: "demo execution could not be loaded: \(error)")
                }
            }
            guard files.contains(demoAmendments) else { return }
            try run(demoAmendments)
            guard hasVersions, let sandbox = try connection.scalar("""
                SELECT p.id FROM programs p JOIN communes c ON c.id = p.commune_id WHERE c.slug = ? AND p.period = ?
                """, ["demo", "2025-2026"], as: Int.self) else { return }
            try VersionStore.freeze(connection, programID: sandbox, reason: .publish,
                                       label: Localized(arabic: "المشروع المعدل خلال الاستشارة العمومية (مثال)",
                                                        french: "Le projet amendé pendant la consultation publique (exemple)"),
                                       isPublic: true, by: nil, at: date)
        }
    }

    /// What the sandbox's illustrative program (09_demo_execution.sql) needs beyond SQL: the
    /// start of execution on its timeline (a transition citing the version frozen for it), a small PDF made here as the evidence of its budget publication, and its first
    /// year's evaluation, published with the figures as of 2023-12-31. Every date is an example's
    /// date, said so on its pages; none is the day the database was made.
    static func loadIllustrativeExecution(_ connection: Connection) throws {
        guard let programID = try connection.scalar("""
            SELECT p.id FROM programs p JOIN communes c ON c.id = p.commune_id WHERE c.slug = ? AND p.period = ?
            """, ["demo", "2023-2024"], as: Int.self),
              let communeID = try connection.scalar("SELECT commune_id FROM programs WHERE id = ?", [programID], as: Int.self),
              let versionID = try connection.scalar("SELECT max(id) FROM program_versions WHERE program_id = ?", [programID], as: Int.self) else { return }
        // The step into execution, citing the version frozen in that state (the adoption itself is
        // the program's October 2022 session and its council-adoption milestone).
        try connection.run("""
            INSERT INTO program_transitions (program_id, from_state, to_state, happened_on, note_ar, note_fr, recorded_at, recorded_by, version_id,
                                             effective_start, effective_precision)
            VALUES (?, 'adopted', 'in-execution', '2023-01-02', ?, ?, '2023-01-02T12:00:00Z', NULL, ?, '2023-01-02', 'day')
            """, [programID, "انطلاق التنفيذ (مثال).", "Début de l'exécution (exemple).", versionID])
        let focal = "نقطة الارتكاز (مثال)"
        let recordedAt = MoroccoTime.instant(day: "2023-10-05", time: "12:00") ?? Date(timeIntervalSince1970: 0)
        try EvidenceStore.attach(EvidenceFile(kind: .pdf, bytes: DemoPDF.budgetNotice()), to: .progress(6003), visibility: .public,
                                 fileName: "budget-citoyen-2023-exemple.pdf", audit: Audit(userID: nil, userName: focal, at: recordedAt, records: false),
                                 communeID: communeID, programID: programID, connection)
        let written = MoroccoTime.instant(day: "2024-01-25", time: "11:00") ?? recordedAt
        let audit = Audit(userID: nil, userName: "لجنة التتبع (مثال)", at: written, records: false)
        try EvaluationStore.save(EvaluationStore.Texts(
            workedAr: "نُشرت صفحة المعطيات المفتوحة في موعدها ونُشرت الميزانية المبسطة، وحضر اللقاءات في الأحياء عدد أكبر من المتوقع، نصفهم تقريبا من النساء (مثال).",
            workedFr: "La page des données ouvertes est en ligne à temps, le budget citoyen est publié, et les rencontres de quartier ont attiré plus de monde que prévu, dont près de la moitié de femmes (exemple).",
            notWorkedAr: "تأخر تكوين الموظفين في الحصول على المعلومة، وأُلغيت النشرة الورقية لأن صفحة الجماعة تؤدي دورها (مثال).",
            notWorkedFr: "La formation du personnel à l'accès à l'information a pris du retard, et le bulletin papier a été abandonné, la page de la commune jouant son rôle (exemple).",
            changesAr: "إتمام التكوين قبل مارس، وتنظيم لقاءين إضافيين في الأحياء البعيدة، ونشر محاضر الدورات كما اقترح المواطنون (مثال).",
            changesFr: "Achever la formation avant mars, tenir deux rencontres de plus dans les quartiers éloignés, et publier les procès-verbaux des sessions comme les citoyens l'ont proposé (exemple)."),
            programID: programID, year: 2023, audit: audit, communeID: communeID, connection)
        let program = try ProgramStore.record(connection, slug: "demo", period: "2023-2024")
        let figures = try EvaluationFigures.compute(connection, record: try ExecutionRecord.load(connection, program: program), year: 2023,
                                                    asOf: "2023-12-31")
        try EvaluationStore.publish(programID: programID, year: 2023, figures: figures, audit: audit, communeID: communeID, connection)
    }

    /// When the documents date the state each demo program's version 1 shows (issue 14): the
    /// effective date of that version, beside the technical time it is frozen. Settat's council
    /// adopted it "خلال دورة أكتوبر 2023" (seed 003); Taroudant's projects were drafted in September
    /// 2023 (seed 004, timeline); Larache's drafts were put to consultation at the meeting of
    /// 25 July 2023 (seed 001). Beni Mellal's work in co-preparation is not dated by its press
    /// release, and the sandbox is an example frozen when it is made: no effective date.
    /// The sandbox's illustrative program is dated by its own example session (October 2022).
    /// Keyed by "slug/period".
    static let demoVersionDates: [String: DateSpan] = [
        "settat/2024-2025": DateSpan(start: "2023-10", precision: "month"),
        "taroudant/2024-2025": DateSpan(start: "2023-09", precision: "month"),
        "larache/2024-2025": DateSpan(start: "2023-07-25", precision: "day"),
        "demo/2023-2024": DateSpan(start: "2022-10", precision: "month"),
    ]

    /// Version 1 of every demo program, named after the state it is in. Public from the
    /// consultation draft on (issue 6); a program still in co-preparation (Beni Mellal) is
    /// frozen too, but for the admin area only. `dated`: the store has effective dates (0018).
    private static func freezeDemoVersions(_ connection: Connection, dated: Bool, at date: Date) throws {
        let programs = try connection.query("SELECT p.id, p.status, c.slug, p.period FROM programs p JOIN communes c ON c.id = p.commune_id ORDER BY p.id").map {
            (id: try $0.int("id"), status: try $0.string("status"), key: try $0.string("slug") + "/" + $0.string("period"))
        }
        for program in programs {
            let label: Localized, reason: ProgramVersions.Reason, isPublic: Bool
            switch program.status {
            case "adopted", "in-execution", "closed":
                (label, reason, isPublic) = (Localized(arabic: "البرنامج المصادق عليه", french: "Le programme adopté"), .transition, true)
            case "co-preparation":
                (label, reason, isPublic) = (Localized(arabic: "عمل في طور الإعداد المشترك", french: "Travail en co-construction"),
                                             .transition, false)
            default:
                (label, reason, isPublic) = (Localized(arabic: "مشروع البرنامج المعروض على الاستشارة العمومية",
                                                       french: "Le projet de programme soumis à la consultation publique"),
                                             .publish, true)
            }
            try VersionStore.freeze(connection, programID: program.id, reason: reason, label: label, isPublic: isPublic, by: nil,
                                       at: date, effective: dated ? demoVersionDates[program.key] : nil)
        }
    }

    /// A clear refusal before SQLite gives a vaguer one: the folder must exist and the
    /// path must not be a folder.
    static func checkUsable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OpenError(description: "database path \(path) is a directory, not a file")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw OpenError(description: "cannot create database \(path): folder \(folder) does not exist")
        }
        if !FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: folder) {
            throw OpenError(description: "cannot create database \(path): folder \(folder) is not writable")
        }
    }
}
