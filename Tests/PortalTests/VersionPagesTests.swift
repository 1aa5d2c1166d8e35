import Foundation
import XCTest
import SQLite
@testable import Portal

/// The public pages of a program's versions (issue 6) on the seeded store: the sandbox `demo`
/// has version 1 (the draft put to consultation) and version 2 (after the changes of
/// Migrations/demo/08_demo_amendments.sql, equal to the live program); Settat, Taroudant and
/// Larache one public version each; Beni Mellal, still in co-preparation, one private version.
final class VersionPagesTests: XCTestCase {
    let demo = "/fr/communes/demo/programs/2025-2026"
    let arDemo = "/ar/communes/demo/programs/2025-2026"

    /// Freezes the demo program (id 5) again, after `edit`, and returns the new number.
    private func freezeDemo(_ portal: Portal, isPublic: Bool, edit: String? = nil) throws -> Int {
        try portal.site.database.write { db in
            if let edit { try db.execute(edit) }
            let id = try VersionStore.freeze(db, programID: 5, reason: .publish, label: Localized(arabic: "نسخة تجريبية", french: "Essai"),
                                                isPublic: isPublic, by: nil)
            return try VersionStore.version(db, versionID: id).number
        }
    }

    func testTheListShowsThePublicVersionsOnlyWithTheirLinks() throws {
        let portal = try Portal()
        let hidden = try freezeDemo(portal, isPublic: false)
        XCTAssertEqual(hidden, 3)

        let list = portal.get(demo + "/versions")
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.contains("<h1>Versions du programme</h1>"))
        XCTAssertTrue(list.contains("<h2>Version 1 : Le projet de programme soumis à la consultation publique</h2>"), list.body)
        XCTAssertTrue(list.contains("<h2>Version 2 : Le projet amendé pendant la consultation publique (exemple)</h2>"))
        XCTAssertTrue(list.contains("<dd>Brouillon soumis à consultation</dd>"), "the state when frozen")
        for number in [1, 2] {
            XCTAssertTrue(list.contains(#"href="\#(demo)/versions/\#(number).csv""#))
            XCTAssertTrue(list.contains(#"href="\#(demo)/versions/\#(number).json""#))
        }
        XCTAssertTrue(list.contains(#"href="\#(demo)/versions/compare?from=1&amp;to=2">Comparer avec la version 1</a>"#))
        XCTAssertTrue(list.contains(#"href="\#(demo)/versions/compare">Voir ce qui a changé depuis le projet soumis à consultation</a>"#))
        XCTAssertFalse(list.contains("Essai"), "a private version is not listed")
        XCTAssertFalse(list.contains("versions/3."), "nor downloadable")

        // Beni Mellal's only version is private (co-preparation): nothing public yet.
        let beniMellal = portal.get("/ar/communes/beni-mellal/programs/2024-2025/versions")
        XCTAssertEqual(beniMellal.status, 200)
        XCTAssertTrue(beniMellal.contains("لا توجد بعد نسخة عمومية لهذا البرنامج."))
        XCTAssertFalse(beniMellal.contains("versions/1.csv"))

        // Settat: its adopted program, in Arabic, and no comparison with a single version.
        let settat = portal.get("/ar/communes/settat/programs/2024-2025/versions")
        XCTAssertTrue(settat.contains("<h2>النسخة 1: البرنامج المصادق عليه</h2>"), settat.body)
        XCTAssertTrue(settat.contains("<dd>صادق عليه المجلس</dd>"), "the state when frozen")
        XCTAssertFalse(settat.contains("versions/compare"))

        // The program overview links to the versions.
        XCTAssertTrue(portal.get(demo).contains(#"<a href="\#(demo)/versions">Versions et changements</a>"#))
        XCTAssertEqual(portal.get("/fr/communes/nowhere/programs/2025-2026/versions").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/demo/programs/2031-2032/versions").status, 404)
    }

    func testAPrivateVersionIsNotFoundPublicly() throws {
        let portal = try Portal()
        let hidden = try freezeDemo(portal, isPublic: false)
        for path in ["/versions/\(hidden).csv", "/versions/\(hidden).json", "/versions/compare?from=1&to=\(hidden)",
                     "/versions/compare?from=\(hidden)&to=2"] {
            XCTAssertEqual(portal.get(demo + path).status, 404, path)
        }
        XCTAssertEqual(portal.get("/fr/communes/beni-mellal/programs/2024-2025/versions/1.json").status, 404)
        XCTAssertEqual(portal.get("/fr/communes/beni-mellal/programs/2024-2025/versions/compare").status, 404,
                       "no public version at all")
        // The same version made public by a later freeze is there.
        let shown = try freezeDemo(portal, isPublic: true)
        XCTAssertEqual(portal.get(demo + "/versions/\(shown).json").status, 200)
    }

    func testTheComparisonShowsTheDemoChangesTheWayACouncilMemberReadsThem() throws {
        let portal = try Portal()
        let page = portal.get(demo + "/versions/compare")
        XCTAssertEqual(page.status, 200)
        let body = page.body
        XCTAssertTrue(body.contains("Changements de la version 1 à la version 2."), "by default, the consultation draft against the latest")

        // Summary: per kind of change, axes / projects / activities.
        XCTAssertTrue(body.contains(#"<tr><th scope="row">Ajoutés</th><td>0</td><td>0</td><td>1</td></tr>"#), body)
        XCTAssertTrue(body.contains(#"<tr><th scope="row">Retirés</th><td>0</td><td>0</td><td>1</td></tr>"#))
        XCTAssertTrue(body.contains(#"<tr><th scope="row">Déplacés</th><td>—</td><td>0</td><td>1</td></tr>"#))
        XCTAssertTrue(body.contains(#"<tr><th scope="row">Modifiés</th><td>0</td><td>2</td><td>1</td></tr>"#))
        // Budget: nothing stated in the draft, 75 000 DH after.
        XCTAssertTrue(body.contains("<dt>Somme des budgets des projets</dt><dd><span class=\"diff-side\">Avant</span> non indiqué</dd><dd><span class=\"diff-side\">Après</span> 75\u{a0}000,00\u{a0}DH</dd>"), body)

        // Axis by axis: the added activity under axis 2, with its amount.
        let axis2 = try XCTUnwrap(section(body, from: "<h3>Axe 2\u{A0}: Digitalisation (exemple)</h3>", to: "<h3>Axe 3"))
        XCTAssertTrue(axis2.contains(#"<span class="diff-badge diff-added">Activité ajoutée</span> Activité 1 du projet 2 : Lancer un service numérique de suivi des demandes et réclamations des citoyens (exemple)"#), axis2)
        XCTAssertTrue(axis2.contains("Montant\u{A0}: 60\u{a0}000,00\u{a0}DH"))
        // Under axis 1: the removed meetings and the moved campaigns with both projects.
        let axis1 = try XCTUnwrap(section(body, from: "<h3>Axe 1\u{A0}: Communication (exemple)</h3>", to: "<h3>Axe 2"))
        XCTAssertTrue(axis1.contains(#"<span class="diff-badge diff-removed">Activité retirée</span> Activité 1 du projet 1 : Tenir des rencontres de communication périodiques entre les acteurs locaux (exemple)"#))
        XCTAssertTrue(axis1.contains(#"<span class="diff-badge diff-moved">Activité déplacée</span> Activité 1 du projet 1 : Mener des campagnes de sensibilisation"#))
        XCTAssertTrue(axis1.contains("Déplacée du projet 2 «Généraliser la digitalisation des services et prestations de la commune (exemple)» vers le projet 1 «Améliorer les mécanismes de communication (exemple)»."), axis1)
        // Under axis 3: the reworded title, word by word, old beside new.
        let axis3 = try XCTUnwrap(section(body, from: "<h3>Axe 3\u{A0}: Budget participatif (exemple)</h3>", to: "</section>"))
        XCTAssertTrue(axis3.contains(#"<p>Adopter le budget participatif dans <del><span class="vh">supprimé : </span>les </del>budgets annuels (exemple)</p>"#), axis3)
        XCTAssertTrue(axis3.contains(#"<p>Adopter le budget participatif dans <ins><span class="vh">ajouté : </span>la préparation des </ins>budgets annuels <ins><span class="vh">ajouté : </span>de la commune </ins>(exemple)</p>"#))
        XCTAssertTrue(axis3.contains(#"<p class="diff-label">Coût</p>"#))

        // The same in Arabic, its own words marked.
        let arabic = portal.get(arDemo + "/versions/compare")
        XCTAssertEqual(arabic.status, 200)
        XCTAssertTrue(arabic.contains(#"<p>اعتماد الميزانية التشاركية في <ins><span class="vh">أُضيف: </span>إعداد </ins>الميزانيات السنوية <ins><span class="vh">أُضيف: </span>للجماعة </ins>(مثال)</p>"#), arabic.body)
        XCTAssertTrue(arabic.contains("نُقل من المشروع 2 «تعميم رقمنة الخدمات والمصالح الجماعية (مثال)» إلى المشروع 1 «تجويد آليات التواصل (مثال)»."))
        XCTAssertTrue(arabic.contains(#"<html lang="ar" dir="rtl">"#))

        // Backwards (2 -> 1) the same changes read the other way; the language switch keeps them.
        let back = portal.get(demo + "/versions/compare?from=2&to=1")
        XCTAssertTrue(back.contains(#"href="\#(arDemo)/versions/compare?from=2&amp;to=1" lang="ar""#), back.body)
        XCTAssertTrue(back.contains(#"<span class="diff-badge diff-removed">Activité retirée</span> Activité 1 du projet 2 : Lancer un service numérique"#))
    }

    func testBudgetFiguresBeforeAndAfterWithTheDifference() throws {
        let portal = try Portal()
        let third = try freezeDemo(portal, isPublic: true, edit: "UPDATE projects SET budget_centimes = 8000000 WHERE id = 52")
        let page = portal.get(demo + "/versions/compare?from=2&to=\(third)")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<dt>Somme des budgets des projets</dt><dd><span class=\"diff-side\">Avant</span> 75\u{a0}000,00\u{a0}DH</dd><dd><span class=\"diff-side\">Après</span> 95\u{a0}000,00\u{a0}DH</dd><dd><span class=\"diff-side\">Différence</span> +20\u{a0}000,00\u{a0}DH</dd>"), page.body)
        XCTAssertTrue(page.contains(#"<del><span class="vh">supprimé : </span>60"#), "the project's own budget, old")
        XCTAssertTrue(page.contains(#"<ins><span class="vh">ajouté : </span>80"#), "and new")
        // Two versions holding the same program.
        let same = try freezeDemo(portal, isPublic: true)
        XCTAssertTrue(portal.get(demo + "/versions/compare?from=\(third)&to=\(same)").contains("Les deux versions contiennent le même programme."))
    }

    func testVersionsThatCannotBeComparedGetAClearPage() throws {
        let portal = try Portal()
        let cases: [(String, Int, String)] = [
            ("?from=x&to=2", 400, "Les versions à comparer s&#39;indiquent par leur numéro"),
            ("?from=1&to=-2", 400, "Les versions à comparer s&#39;indiquent par leur numéro"),
            ("?from=01&to=2", 400, "Les versions à comparer s&#39;indiquent par leur numéro"),
            ("?from=1&to=99999999999999999999", 400, "Les versions à comparer s&#39;indiquent par leur numéro"),
            ("?from=2&to=2", 400, "Choisissez deux versions différentes à comparer."),
            ("?to=1", 400, "Choisissez deux versions différentes à comparer."),
            ("?from=1&to=9", 404, "Ce programme n&#39;a pas de version publique numéro 9."),
            ("?from=7", 404, "Ce programme n&#39;a pas de version publique numéro 7."),
        ]
        for (query, status, message) in cases {
            let page = portal.get(demo + "/versions/compare" + query)
            XCTAssertEqual(page.status, status, query)
            XCTAssertTrue(page.contains(#"<p class="error-note" role="alert">\#(message)"#), "\(query): \(page.body)")
            XCTAssertTrue(page.contains(#"<select id="compare-from" name="from">"#), "\(query): the choice is offered again")
            XCTAssertFalse(page.contains("diff-summary"), query)
            XCTAssertEqual(page.headers["Cache-Control"], "no-store", query)
        }
        let arabic = portal.get(arDemo + "/versions/compare?from=1&to=1")
        XCTAssertEqual(arabic.status, 400)
        XCTAssertTrue(arabic.contains("اختر نسختين مختلفتين للمقارنة."))
        // A single public version: nothing to compare, said plainly.
        let settat = portal.get("/fr/communes/settat/programs/2024-2025/versions/compare")
        XCTAssertEqual(settat.status, 200)
        XCTAssertTrue(settat.contains("Ce programme n&#39;a qu&#39;une version publique : rien à comparer pour l&#39;instant."))
        for path in ["/versions/0.csv", "/versions/01.csv", "/versions/x.json", "/versions/1.xml", "/versions/1", "/versions/compare/1"] {
            XCTAssertEqual(portal.get(demo + path).status, 404, path)
        }
    }

    func testVersionDownloadsAreTheProgramExportsAsFrozen() throws {
        let portal = try Portal()
        // Nothing changed since freezing: the version's CSV and JSON are the live program's.
        for (slug, language) in [("settat", "ar"), ("taroudant", "fr"), ("larache", "ar")] {
            let base = "/\(language)/communes/\(slug)/programs/2024-2025"
            let (csv, liveCSV) = (portal.get(base + "/versions/1.csv"), portal.get(base + ".csv"))
            XCTAssertEqual(csv.status, 200, slug)
            XCTAssertEqual(csv.headers["Content-Type"], "text/csv; charset=utf-8")
            XCTAssertEqual(csv.headers["Content-Disposition"], "attachment; filename=\"\(slug)-2024-2025-v1-\(language).csv\"")
            XCTAssertEqual(csv.body, liveCSV.body, slug)
            XCTAssertGreaterThan(csv.body.count, 300, slug)
            let (json, liveJSON) = (portal.get(base + "/versions/1.json"), portal.get(base + ".json"))
            XCTAssertEqual(json.status, 200, slug)
            XCTAssertEqual(json.body, liveJSON.body, slug)
        }
        // The sandbox changed after version 1: its first version is the draft, its second the live program.
        let (v1, v2, live) = (portal.get(demo + "/versions/1.csv"), portal.get(demo + "/versions/2.csv"), portal.get(demo + ".csv"))
        XCTAssertNotEqual(v1.body, live.body)
        XCTAssertEqual(v2.body, live.body)
        XCTAssertTrue(v1.contains("Tenir des rencontres de communication périodiques"))
        XCTAssertFalse(live.contains("Tenir des rencontres de communication périodiques"))
        XCTAssertFalse(v1.contains("Lancer un service numérique"))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(portal.get(demo + "/versions/1.json").body.utf8)) as? [String: Any])
        let projects = try XCTUnwrap(json["projects"] as? [[String: Any]])
        XCTAssertEqual(((projects[2]["title"] as? [String: Any])?["fr"] as? String),
                       "Adopter le budget participatif dans les budgets annuels (exemple)")
        XCTAssertTrue(projects.allSatisfy { $0["budget_centimes"] is NSNull })
        XCTAssertNotEqual(portal.get(demo + "/versions/1.json").body, portal.get(demo + ".json").body)
        XCTAssertEqual(portal.get(demo + "/versions/2.json").body, portal.get(demo + ".json").body)
    }

    /// The comparison runs the same few queries whether the versions hold three activities or
    /// Settat's whole program rewritten: program, versions, and the two snapshots.
    func testTheComparisonRunsAFixedNumberOfQueries() throws {
        let portal = try Portal()
        func count(_ path: String) -> (Int, Int) {
            portal.resetQueryCount()
            let page = portal.get(path)
            return (page.status, portal.site.database.queryCount)
        }
        let small = count(demo + "/versions/compare")
        XCTAssertEqual(small.0, 200)
        try portal.site.database.write { db in
            try db.execute("""
                UPDATE activities SET title_ar = title_ar || ' (معدل)', title_fr = title_fr || ' (modifié)'
                WHERE project_id IN (SELECT id FROM projects WHERE program_id = 1);
                UPDATE projects SET title_ar = title_ar || ' (معدل)', budget_centimes = 100000 * number WHERE program_id = 1;
                DELETE FROM activities WHERE id IN (SELECT id FROM activities WHERE project_id IN (SELECT id FROM projects WHERE program_id = 1) LIMIT 3);
                """)
            try VersionStore.freeze(db, programID: 1, reason: .amendment, label: Localized(arabic: "تعديل", french: "Modification"),
                                       isPublic: true, by: nil)
        }
        let large = count("/fr/communes/settat/programs/2024-2025/versions/compare")
        XCTAssertEqual(large.0, 200)
        XCTAssertEqual(large.1, small.1, "the same queries for three activities and for Settat's whole program")
        XCTAssertLessThanOrEqual(small.1, 4)
        XCTAssertEqual(count(demo + "/versions").1, 2, "the list: the program and its versions")
    }

    /// The text from `start` up to the next `end` after it.
    private func section(_ body: String, from start: String, to end: String) -> String? {
        guard let from = body.range(of: start) else { return nil }
        let rest = body[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }
}
