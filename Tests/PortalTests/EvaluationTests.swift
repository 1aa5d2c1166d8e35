import Foundation
import XCTest
import SQLite
@testable import Portal

/// The annual evaluation (issue 13, part B) through whole requests on the demo store: the sandbox's
/// illustrative program 2023-2024 arrives with its 2023 evaluation published; a focal point writes
/// and publishes 2024; publishing needs the Arabic parts (said beside each field in both
/// languages); a published evaluation is frozen (later data leaves its page, CSV and JSON as they
/// were, and the store refuses to change it); drafts are not public; the timeline says it.
final class EvaluationTests: XCTestCase {
    static let program = "communes/demo/programs/2023-2024"

    /// A portal whose clock stands on 2025-02-03 (Morocco), with a focal point of the sandbox signed in.
    func portal() throws -> (Portal, Staff) {
        let portal = try Portal()
        portal.site.clock.set { MoroccoTime.instant(day: "2025-02-03", time: "10:00")! }
        return (portal, try portal.signIn(.focalPoint, commune: "demo"))
    }

    static let texts: [(String, String)] = [
        ("worked_ar", "نجحت اللقاءات في الأحياء"), ("worked_fr", "Les rencontres de quartier ont marché"),
        ("not_worked_ar", "تأخر التكوين"), ("not_worked_fr", ""),
        ("changes_ar", "تكوين قبل مارس"), ("changes_fr", "Former avant mars"),
    ]

    func testTheDemoCarriesAPublishedFirstYearEvaluationInBothLanguages() throws {
        let (portal, _) = try portal()
        let ar = portal.get("/ar/\(Self.program)/evaluations/2023")
        XCTAssertEqual(ar.status, 200)
        for text in ["التقييم السنوي", "المعطيات إلى غاية", "ما نجح", "ما لم ينجح", "ما سيتغير في السنة المقبلة", "(مثال)",
                     "برنامج توضيحي (مثال)", "2023-12-31"] {
            XCTAssertTrue(ar.contains(text), "ar: \(text)")
        }
        let fr = portal.get("/fr/\(Self.program)/evaluations/2023")
        XCTAssertEqual(fr.status, 200)
        for text in ["Évaluation annuelle", "Données arrêtées au", "Ce qui a marché", "Programme illustratif (exemple)",
                     "Tenir une rencontre trimestrielle dans chaque quartier (exemple)", "Rencontre du quartier Annasr (exemple)",
                     "Créer la page des données ouvertes sur le site de la commune (exemple)", "Aucune proposition n&#39;a encore été intégrée"] {
            XCTAssertTrue(fr.contains(text), "fr: \(text)")
        }
        // Figures as of 2023-12-31: the entry of 2024-03-28 (65 %) is not counted, the one of 2023-12-20 (50 %) is.
        let text = fr.readText
        let row = try XCTUnwrap(text.range(of: "<span dir=\"ltr\">2.1</span>"))
        let cells = text[row.upperBound...].prefix(700)
        XCTAssertTrue(cells.contains(">50%<") && !cells.contains(">65%<"), String(cells))
        let csv = portal.get("/fr/\(Self.program)/evaluations/2023.csv")
        XCTAssertEqual(csv.status, 200)
        XCTAssertTrue(csv.contains("program,,Programme d'ouverture illustratif 2023-2024 (exemple),data_as_of,2023-12-31,"))
        XCTAssertTrue(csv.contains("activity,1.3,Former le personnel à l'accès à l'information (exemple),late,yes,2023-11"))
        XCTAssertTrue(csv.contains("indicator,2 follow-up 1,Nombre de rencontres tenues dans les quartiers (exemple),value,6,2023-12-31"))
        XCTAssertFalse(csv.contains("2024-03-31"), "a value measured after the day the data is from is not in it")
        let json = portal.get("/ar/\(Self.program)/evaluations/2023.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
        XCTAssertEqual(object["data_as_of"] as? String, "2023-12-31")
        let figures = try XCTUnwrap(object["figures"] as? [String: Any])
        XCTAssertEqual((figures["progress"] as? [String: Any])?["late"] as? Int, 1, "activity 1.3 was due in November 2023")
        // The Execution page links it, the timeline shows it, the evidence PDF is there.
        let execution = portal.get("/fr/\(Self.program)/execution")
        XCTAssertTrue(execution.contains("href=\"/fr/\(Self.program)/evaluations/2023\""))
        XCTAssertTrue(execution.contains("href=\"/evidence/"), "the demo's PDF evidence is listed")
        XCTAssertTrue(portal.get("/fr/\(Self.program)").contains("Publication de l&#39;évaluation annuelle 2023")
                      || portal.get("/fr/\(Self.program)").contains("Publication de l'évaluation annuelle 2023"))
        // A year without a published evaluation is not found; the sandbox's current program keeps its open calls.
        XCTAssertEqual(portal.get("/fr/\(Self.program)/evaluations/2024").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/demo/programs/2025-2026/proposals/new").status, 200)
    }

    func testPublishingNeedsTheArabicPartsSaidBesideEachField() throws {
        let (portal, staff) = try portal()
        for (language, message) in [("ar", "اكتبوا هذا الجزء بالعربية قبل النشر."), ("fr", "Rédigez cette partie en arabe avant de publier.")] {
            let page = portal.post("/admin/\(language)/\(Self.program)/evaluations/2024/publish",
                                   form: [("worked_ar", "نص"), ("worked_fr", "texte")], as: staff)
            XCTAssertEqual(page.status, 422, language)
            for field in ["not_worked_ar", "changes_ar"] {
                let at = try XCTUnwrap(page.body.range(of: "id=\"x-\(field)-error\""), "\(language) \(field)")
                XCTAssertTrue(page.body[at.upperBound...].prefix(200).contains(message), "\(language) \(field)")
            }
            XCTAssertTrue(page.contains(">texte</textarea>"), "what was typed is kept")
        }
        XCTAssertEqual(try portal.site.database.read { try $0.scalar("SELECT count(*) FROM evaluations WHERE year = 2024", as: Int.self) }, 0,
                       "nothing saved by a refused publication")
    }

    func testAPublishedEvaluationIsFrozenWhateverIsRecordedAfter() throws {
        let (portal, staff) = try portal()
        let base = "/admin/fr/\(Self.program)/evaluations/2024"
        XCTAssertEqual(portal.post(base + "/save", form: Self.texts, as: staff).status, 303)
        let draft = portal.get(base, as: staff)
        XCTAssertTrue(draft.contains("Les rencontres de quartier ont marché") && draft.contains("suivent leurs changements"), "a live draft")
        XCTAssertEqual(portal.get("/fr/\(Self.program)/evaluations/2024").status, 404, "a draft is not public")
        XCTAssertEqual(portal.post(base + "/publish", form: Self.texts, as: staff).status, 303)
        let published = try portal.site.database.read { db in
            try XCTUnwrap(try db.queryOne("SELECT status, data_as_of, published_by_name FROM evaluations WHERE year = 2024"))
        }
        XCTAssertEqual(try published.string("status"), "published")
        XCTAssertEqual(try published.string("data_as_of"), "2024-12-31")

        let page = portal.get("/fr/\(Self.program)/evaluations/2024")
        let csv = portal.get("/fr/\(Self.program)/evaluations/2024.csv")
        let json = portal.get("/fr/\(Self.program)/evaluations/2024.json")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Les rencontres de quartier ont marché") && page.contains("تأخر التكوين"),
                      "the French page shows the Arabic where no French was written")

        // Later data: a progress entry and a measured value dated inside 2024, recorded after publication.
        let activity = "/admin/fr/\(Self.program)/execution/activities/621/progress"
        XCTAssertEqual(portal.post(activity, form: [("entry_on", "2024-11-30"), ("status", "done"), ("percent", "100"),
                                                    ("started_on", "2023-04-12"), ("ended_on", "2024-11-30")], as: staff).status, 303)
        XCTAssertEqual(portal.post("/admin/fr/\(Self.program)/execution/indicators/621/values",
                                   form: [("measured_on", "2024-12-15"), ("value", "12")], as: staff).status, 303)
        let after = portal.get("/fr/\(Self.program)/evaluations/2024")
        XCTAssertEqual(after.body, page.body, "the page is the same")
        XCTAssertEqual(portal.get("/fr/\(Self.program)/evaluations/2024.csv").body, csv.body)
        XCTAssertEqual(portal.get("/fr/\(Self.program)/evaluations/2024.json").body, json.body)
        XCTAssertTrue(portal.get("/fr/\(Self.program)/execution").contains("<span dir=\"ltr\">100%</span>"), "while the live page moved on")

        // The admin page is read-only now; a stale form is refused; the store refuses too.
        let admin = portal.get(base, as: staff)
        XCTAssertFalse(admin.contains("<textarea"))
        XCTAssertEqual(portal.post(base + "/save", form: Self.texts, as: staff).status, 409)
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("UPDATE evaluations SET worked_ar = 'x' WHERE year = 2024") })
        XCTAssertThrowsError(try portal.site.database.write { try $0.run("DELETE FROM evaluations WHERE year = 2024") })
        let audited = try portal.site.database.read {
            try $0.scalar("SELECT count(*) FROM audit_log WHERE entity = 'evaluation' AND field = 'status' AND after = 'published'", as: Int.self)
        }
        XCTAssertEqual(audited, 1, "this publication (the demo's examples are no one's action and leave no entry)")
    }

    func testAProgramNotYetAdoptedHasNoEvaluationAndTheFutureNeither() throws {
        let (portal, staff) = try portal()
        let list = portal.get("/admin/ar/communes/demo/programs/2025-2026/evaluations", as: staff)
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.contains("يُكتب التقييم السنوي بعد مصادقة المجلس على البرنامج"))
        XCTAssertEqual(portal.post("/admin/ar/communes/demo/programs/2025-2026/evaluations/2025/save", form: Self.texts, as: staff).status, 409)
        let settat = try portal.signIn(.committee, commune: "settat")
        XCTAssertEqual(portal.post("/admin/fr/communes/settat/programs/2024-2025/evaluations/2026/save", form: Self.texts, as: settat).status, 404,
                       "a year outside the period")
        portal.site.clock.set { MoroccoTime.instant(day: "2024-06-01", time: "10:00")! }
        XCTAssertEqual(portal.post("/admin/fr/communes/settat/programs/2024-2025/evaluations/2025/save", form: Self.texts, as: settat).status, 409,
                       "a year not begun")
        let council = try portal.signIn(.council, commune: "settat")
        XCTAssertEqual(portal.post("/admin/fr/communes/settat/programs/2024-2025/evaluations/2024/save", form: Self.texts, as: council).status, 403)
    }

    func testFiguresCutAtTheirDay() throws {
        let (portal, _) = try portal()
        let figures = try portal.site.database.read { db -> EvaluationFigures in
            let record = try ExecutionRecord.load(db, slug: "demo", period: "2023-2024")
            return try EvaluationFigures.compute(db, record: record, year: 2023, asOf: "2023-06-30")
        }
        XCTAssertEqual(figures.progress.byStatus["done"], 1, "1.1 done on 2023-06-28; 1.2 only in October")
        XCTAssertEqual(figures.activities.first { $0.project == 2 && $0.number == 1 }?.percent, 25)
        XCTAssertEqual(figures.indicators.first { $0.project == 1 && $0.kind == "follow-up" }?.values.map(\.on), ["2023-06-30"])
        XCTAssertEqual(figures.events.count, 2)
        XCTAssertEqual(EvaluationFigures.cutoff(year: 2024, today: "2024-05-02"), "2024-05-02")
        XCTAssertEqual(EvaluationFigures.cutoff(year: 2023, today: "2024-05-02"), "2023-12-31")
        XCTAssertEqual(try EvaluationFigures.decode(try figures.encoded()), figures, "stored and read back alike")
    }
}
