import Foundation
import XCTest
import SQLite
@testable import Portal

/// Frozen versions of a program and the differences between two of them (issue 6).
final class VersionsTests: XCTestCase {
    typealias S = WordDiff.Segment

    // MARK: - Snapshots and storage, on the demo database

    func testEverySnapshotOfTheDemoRoundTripsThroughJSONByteForByte() throws {
        let portal = try Portal()
        let ids: [Int] = try portal.site.database.read { db in
            try db.query("SELECT id FROM programs ORDER BY id").map { try $0.int("id") }
        }
        XCTAssertEqual(ids.count, 6)
        for id in ids {
            let (snapshot, again) = try portal.site.database.read { db in
                (try ProgramSnapshot.load(db, programID: id), try ProgramSnapshot.load(db, programID: id))
            }
            let bytes = try snapshot.encoded()
            XCTAssertEqual(try again.encoded(), bytes, "program \(id): two loads, two encodings")
            let decoded = try ProgramSnapshot.decode(bytes)
            XCTAssertEqual(decoded, snapshot, "program \(id)")
            XCTAssertEqual(try decoded.encoded(), bytes, "program \(id): re-encoding changed the bytes")
            XCTAssertTrue(String(decoding: bytes, as: UTF8.self).hasPrefix("{\"axes\":"), "keys are sorted")
        }

        // What the snapshots hold: Taroudant's cards and budget, Settat's committee and activities.
        let (taroudant, settat) = try portal.site.database.read { db in
            (try ProgramSnapshot.load(db, programID: 2), try ProgramSnapshot.load(db, programID: 1))
        }
        XCTAssertEqual(taroudant.commune.slug, "taroudant")
        XCTAssertEqual(taroudant.overview.totalBudgetCentimes, 49_500_000)
        XCTAssertEqual(taroudant.projectBudgetCentimes, 49_500_000)
        XCTAssertEqual(taroudant.projects.map(\.number), Array(1...8))
        XCTAssertEqual(taroudant.projects.first?.title.arabic, "المنصة التشاورية تارودانت")
        XCTAssertEqual(taroudant.projects.flatMap(\.activities).count, 26)
        XCTAssertEqual(taroudant.projects.first { $0.id == 21 }?.objectives.first?.arabic,
                       "التواصل والتعاون بين الجماعة الترابية والمجتمع المدني.")
        XCTAssertEqual(settat.committee?.decisionNumber, "93")
        XCTAssertEqual(settat.committee?.decisionDate, "2023-05-08")
        XCTAssertFalse(settat.committee?.members.isEmpty ?? true)
        XCTAssertFalse(settat.milestones.isEmpty)
        let training = settat.projects.flatMap(\.activities).first { $0.id == 113 }
        XCTAssertEqual(training?.funding?.arabic, "مؤسسة ENABEL")
        XCTAssertEqual(training?.costText?.arabic, "ستحدد من الجهة الملزمة بتنفيذ النشاط")
        XCTAssertTrue(settat.projects.contains { !$0.partners.isEmpty && !$0.followUpIndicators.isEmpty })
    }

    func testAFrozenVersionStaysWhatItWasWhenTheProgramIsEdited() throws {
        let portal = try Portal()
        let database = portal.site.database
        let frozenAt = Date(timeIntervalSince1970: 1_700_000_000)
        let (before, first) = try database.write { db in
            (try ProgramSnapshot.load(db, programID: 2),
             try VersionStore.freeze(db, programID: 2, reason: .publish,
                                        label: Localized(arabic: "مسودة التشاور", french: "Projet soumis à consultation"),
                                        isPublic: true, by: 7, at: frozenAt))
        }
        try database.write { db in
            try db.run("UPDATE projects SET axis_id = 22, number = 9 WHERE id = 21")           // moved to another axis, renumbered
            try db.run("UPDATE activities SET project_id = 23, number = 9 WHERE id = 212")     // moved to another project
            try db.run("UPDATE activities SET title_ar = ? WHERE id = 213", ["تنظيم دورات تكوينية لفائدة النساء."])
            try db.run("DELETE FROM project_objectives WHERE project_id = 21 AND position = 2")
            try db.run("UPDATE programs SET total_budget_centimes = 50000000, status = 'consultation' WHERE id = 2")
        }
        let (frozen, live) = try database.read { db in
            (try VersionStore.load(db, versionID: first), try ProgramSnapshot.load(db, programID: 2))
        }
        XCTAssertEqual(frozen, before)
        XCTAssertEqual(try frozen.encoded(), try before.encoded())
        XCTAssertNotEqual(live, before)

        let second = try database.write { db in
            try VersionStore.freeze(db, programID: 2, reason: .transition, label: Localized(arabic: "التشاور", french: nil),
                                       isPublic: false, by: nil, at: frozenAt.addingTimeInterval(60))
        }
        // The demo load froze Taroudant's draft as version 1 (Store.loadDemoData); these come after it.
        let all = try database.read { db in try VersionStore.list(db, programID: 2) }
        XCTAssertEqual(all.first?.number, 1)
        XCTAssertEqual(all.first?.reason, .publish)
        let versions = Array(all.dropFirst())
        XCTAssertEqual(versions.map(\.id), [first, second])
        XCTAssertEqual(versions.map(\.number), [2, 3])
        XCTAssertEqual(versions.map(\.reason), [.publish, .transition])
        XCTAssertEqual(versions.map(\.state), ["draft", "consultation"])
        XCTAssertEqual(versions.map(\.isPublic), [true, false])
        XCTAssertEqual(versions.map(\.frozenBy), [7, nil])
        XCTAssertEqual(versions.map(\.frozenAt), ["2023-11-14T22:13:20Z", "2023-11-14T22:14:20Z"])
        XCTAssertEqual(versions[0].label, Localized(arabic: "مسودة التشاور", french: "Projet soumis à consultation"))
        XCTAssertEqual(versions[0].sha256, SHA256.hex(try before.encoded()))
        XCTAssertEqual(try database.read { db in try VersionStore.list(db, programID: 1) }.map(\.label.arabic), ["البرنامج المصادق عليه"],
                       "Settat: only the adopted program frozen by the demo load")

        // The stored versions compare as the edits say: same projects and activities, moved.
        let diff = try database.read { db in
            ProgramDiff.compare(try VersionStore.load(db, versionID: first), try VersionStore.load(db, versionID: second))
        }
        XCTAssertTrue(diff.projectsAdded.isEmpty && diff.projectsRemoved.isEmpty)
        XCTAssertTrue(diff.activitiesAdded.isEmpty && diff.activitiesRemoved.isEmpty)
        XCTAssertEqual(diff.projectsChanged.map(\.new.id), [21])
        let moved = try XCTUnwrap(diff.projectsChanged.first)
        XCTAssertTrue(moved.isMoved)
        XCTAssertEqual(moved.oldAxis?.title.arabic, "التواصل")
        XCTAssertEqual(moved.newAxis?.title.arabic, "الرقمنة الإدارية")
        XCTAssertEqual(moved.fields.map(\.field), [.number, .objectives])
        XCTAssertEqual(moved.fields.first?.change, .number(old: 1, new: 9))
        XCTAssertEqual(diff.activitiesChanged.map(\.new.id), [212, 213])
        XCTAssertEqual(diff.activitiesChanged[0].isMoved, true)
        XCTAssertEqual(diff.activitiesChanged[0].oldProject.id, 21)
        XCTAssertEqual(diff.activitiesChanged[0].newProject.id, 23)
        XCTAssertEqual(diff.activitiesChanged[0].fields.map(\.field), [.number])
        XCTAssertEqual(diff.activitiesChanged[1].isMoved, false)
        guard case .text(let title)? = diff.activitiesChanged[1].fields.first?.change else { return XCTFail("title change") }
        XCTAssertEqual(title.arabic, [S(.same, "تنظيم دورات تكوينية"), S(.added, " لفائدة النساء"), S(.same, ".")])
        XCTAssertEqual(diff.overview.map(\.field), [.status, .totalBudget])
        XCTAssertEqual(diff.budget.programBefore, 49_500_000)
        XCTAssertEqual(diff.budget.programAfter, 50_000_000)
        XCTAssertEqual(diff.budget.projectsBefore, diff.budget.projectsAfter)
    }

    func testVersionsCannotBeChangedOrDeletedNorTheirProgram() throws {
        let portal = try Portal()
        let database = portal.site.database
        let id = try database.write { db in
            try VersionStore.freeze(db, programID: 1, reason: .transition, label: Localized(arabic: "المصادقة", french: "Adoption"),
                                       isPublic: true, by: nil)
        }
        let original = try database.read { db in try VersionStore.load(db, versionID: id) }
        let attempts: [(String, [any SQLBindable])] = [
            ("UPDATE program_versions SET label_ar = 'x' WHERE id = ?", [id]),
            ("UPDATE program_versions SET snapshot = '{}', snapshot_sha256 = ? WHERE id = ?", [SHA256.hex(Array("{}".utf8)), id]),
            ("DELETE FROM program_versions WHERE id = ?", [id]),
            ("DELETE FROM programs WHERE id = ?", [1]),
            ("DELETE FROM communes WHERE id = (SELECT commune_id FROM programs WHERE id = ?)", [1]),
        ]
        for (sql, bindings) in attempts {
            XCTAssertThrowsError(try database.write { db in try db.run(sql, bindings) }, sql) { error in
                XCTAssertTrue(error is SQLiteError, "\(error)")
            }
        }
        XCTAssertThrowsError(try database.write { db in try db.run("UPDATE program_versions SET is_public = 0") }) { error in
            XCTAssertTrue("\(error)".contains("a frozen program version cannot be changed"), "\(error)")
        }
        let after = try database.read { db in (try VersionStore.load(db, versionID: id), try VersionStore.list(db, programID: 1)) }
        XCTAssertEqual(after.0, original)
        XCTAssertEqual(after.1.map(\.label.arabic), ["البرنامج المصادق عليه", "المصادقة"], "after the demo's own version")
        XCTAssertThrowsError(try database.read { db in try VersionStore.load(db, versionID: id + 1) }) { error in
            XCTAssertEqual((error as? PageError)?.status, .notFound)
        }
        XCTAssertThrowsError(try database.write { db in
            try VersionStore.freeze(db, programID: 999, reason: .publish, label: Localized(arabic: "x", french: nil), isPublic: false, by: nil)
        })
    }

    // MARK: - Differences on constructed programs

    /// Two axes; projects 10 and 11 on axis 1, project 12 on axis 2.
    private func sample() -> ProgramSnapshot {
        func text(_ ar: String, _ fr: String? = nil) -> Localized { Localized(arabic: ar, french: fr) }
        func activity(_ id: Int, _ number: Int, _ title: String, cost: Int? = nil) -> ProgramSnapshot.Activity {
            .init(id: id, number: number, title: text(title), partners: [text("الجماعة", "La commune")], costCentimes: cost,
                  costText: nil, funding: text("ذاتي", "Autofinancement"), start: "2024-01", end: "2024-06")
        }
        func project(_ id: Int, _ number: Int, axis: Int, _ title: String, budget: Int?,
                     _ activities: [ProgramSnapshot.Activity]) -> ProgramSnapshot.Project {
            .init(id: id, number: number, axisID: axis, title: text(title), slogan: nil, duration: text("سنة", "Un an"),
                  start: "2024-01", end: "2024-12", budgetCentimes: budget,
                  objectives: [text("تعزيز الثقة بين المواطن والجماعة"), text("جعل المواطن شريكا في تحديد الاحتياجات")],
                  expectedResults: [text("تحسين الخدمات")], followUpIndicators: [text("عدد الورشات")], impactIndicators: [],
                  partners: [.init(name: text("جمعيات المجتمع المدني"), shortName: nil, contribution: text("التعبئة"), listed: true)],
                  activities: activities)
        }
        return ProgramSnapshot(
            format: ProgramSnapshot.currentFormat, programID: 1,
            commune: .init(id: 1, slug: "sample", name: text("جماعة", "Commune")),
            overview: .init(title: text("برنامج الانفتاح", "Programme d'ouverture"), period: "2024-2025", status: "draft",
                            adoptionSession: nil, adoptedOn: nil, decisionRef: nil, totalBudgetCentimes: 3_000_000, notes: nil),
            axes: [.init(id: 1, number: 1, title: text("التواصل", "Communication")),
                   .init(id: 2, number: 2, title: text("الرقمنة", "Digitalisation"))],
            projects: [
                project(10, 1, axis: 1, "المنصة التشاورية", budget: 2_000_000,
                        [activity(100, 1, "قرار جماعي لإحداث المنصة"), activity(101, 2, "تنظيم دورات تكوينية", cost: 500_000)]),
                project(11, 2, axis: 1, "إحداث مجلس الشباب", budget: 1_000_000, [activity(110, 1, "هيكلة مجلس الشباب")]),
                project(12, 3, axis: 2, "تارودانت المتصلة", budget: nil, [activity(120, 1, "إحداث تطبيق")]),
            ],
            committee: nil, milestones: [])
    }

    func testIdenticalVersionsHaveNoDifference() throws {
        XCTAssertTrue(ProgramDiff.compare(sample(), sample()).isEmpty)
        let portal = try Portal()
        let settat = try portal.site.database.read { db in try ProgramSnapshot.load(db, programID: 1) }
        XCTAssertTrue(ProgramDiff.compare(settat, settat).isEmpty)
        XCTAssertFalse(ProgramDiff.compare(sample(), settat).isEmpty)
    }

    func testProjectsAddedRemovedMovedAndChanged() {
        let old = sample()
        var new = old
        new.projects.remove(at: 1)                                      // project 11 and its activity gone
        new.projects[1].axisID = 1                                      // project 12 moved to axis 1...
        new.projects[1].number = 2                                      // ...and renumbered
        var added = old.projects[2]
        added.id = 13; added.number = 3; added.axisID = 2; added.title = Localized(arabic: "ترقية مجتمعنا الرقمي", french: nil)
        added.budgetCentimes = 4_000_000
        added.activities = [.init(id: 130, number: 1, title: Localized(arabic: "تكوين", french: nil), partners: [], costCentimes: nil,
                                  costText: nil, funding: nil, start: nil, end: nil)]
        new.projects.append(added)
        new.projects[0].title = Localized(arabic: "المنصة التشاورية تارودانت", french: "Plateforme consultative")
        new.projects[0].budgetCentimes = 2_500_000
        new.projects[0].objectives[1] = Localized(arabic: "جعل المواطن شريكا في تحديد الاحتياجات وإيجاد الحلول", french: nil)
        new.projects[0].objectives.append(Localized(arabic: "إشراك الشباب", french: nil))
        new.projects[0].partners[0].contribution = Localized(arabic: "التعبئة والتأطير", french: nil)
        new.projects[0].partners.append(.init(name: Localized(arabic: "مؤسسة ENABEL", french: nil), shortName: "ENABEL",
                                              contribution: nil, listed: true))

        let diff = ProgramDiff.compare(old, new)
        XCTAssertEqual(diff.projectsAdded.map(\.id), [13])
        XCTAssertEqual(diff.projectsRemoved.map(\.id), [11])
        // Activities of added and removed projects come and go with their project.
        XCTAssertEqual(diff.activitiesAdded, [])
        XCTAssertEqual(diff.activitiesRemoved, [])
        XCTAssertEqual(diff.activitiesChanged, [])
        XCTAssertEqual(diff.projectsChanged.map(\.new.id), [10, 12])

        let moved = diff.projectsChanged[1]
        XCTAssertTrue(moved.isMoved)
        XCTAssertEqual(moved.oldAxis?.id, 2)
        XCTAssertEqual(moved.newAxis?.id, 1)
        XCTAssertEqual(moved.fields, [.init(field: .number, change: .number(old: 3, new: 2))])

        let changed = diff.projectsChanged[0]
        XCTAssertFalse(changed.isMoved)
        XCTAssertEqual(changed.fields.map(\.field), [.title, .budget, .objectives, .partners])
        guard case .text(let title) = changed.fields[0].change else { return XCTFail("title") }
        XCTAssertEqual(title.arabic, [S(.same, "المنصة التشاورية"), S(.added, " تارودانت")])
        XCTAssertEqual(title.french, [S(.added, "Plateforme consultative")])
        XCTAssertEqual(changed.fields[1].change, .amount(old: 2_000_000, new: 2_500_000))
        guard case .list(let objectives) = changed.fields[2].change else { return XCTFail("objectives") }
        XCTAssertEqual(objectives.items.count, 3)
        XCTAssertEqual(objectives.items[0], .same(old.projects[0].objectives[0]))
        guard case .changed(let rewritten) = objectives.items[1] else { return XCTFail("rewritten objective") }
        XCTAssertEqual(rewritten.arabic.filter { $0.kind != .same }, [S(.added, " وإيجاد الحلول")])
        XCTAssertEqual(objectives.items[2], .added(Localized(arabic: "إشراك الشباب", french: nil)))
        guard case .partners(let partners) = changed.fields[3].change else { return XCTFail("partners") }
        XCTAssertEqual(partners.map(\.name.arabic), ["جمعيات المجتمع المدني", "مؤسسة ENABEL"])
        XCTAssertEqual(partners[0].contribution?.arabic, [S(.same, "التعبئة"), S(.added, " والتأطير")])
        XCTAssertNil(partners[1].old)

        XCTAssertEqual(diff.budget.programBefore, 3_000_000)
        XCTAssertEqual(diff.budget.programAfter, 3_000_000)
        XCTAssertEqual(diff.budget.projectsBefore, 3_000_000)
        XCTAssertEqual(diff.budget.projectsAfter, 6_500_000)
        XCTAssertTrue(diff.budget.isChanged)
    }

    func testActivitiesAddedRemovedMovedBetweenProjectsAndChanged() {
        let old = sample()
        var new = old
        var moving = new.projects[0].activities.remove(at: 1)           // 101 leaves project 10...
        moving.number = 2
        moving.costCentimes = 750_000
        new.projects[2].activities.append(moving)                       // ...for project 12
        new.projects[2].activities.removeAll { $0.id == 120 }           // removed
        new.projects[0].activities.append(.init(id: 102, number: 3, title: Localized(arabic: "تنظيم زيارات", french: nil),
                                                partners: [], costCentimes: nil, costText: Localized(arabic: "-", french: nil),
                                                funding: nil, start: nil, end: nil))
        new.projects[1].activities[0].partners.append(Localized(arabic: "مؤسسة ENABEL", french: nil))
        new.projects[1].activities[0].end = "2024-09"

        let diff = ProgramDiff.compare(old, new)
        XCTAssertTrue(diff.projectsAdded.isEmpty && diff.projectsRemoved.isEmpty && diff.projectsChanged.isEmpty)
        XCTAssertEqual(diff.activitiesAdded.map(\.activity.id), [102])
        XCTAssertEqual(diff.activitiesAdded.map(\.project.id), [10])
        XCTAssertEqual(diff.activitiesRemoved.map(\.activity.id), [120])
        XCTAssertEqual(diff.activitiesRemoved.map(\.project.id), [12])
        XCTAssertEqual(diff.activitiesChanged.map(\.new.id), [101, 110])
        let moved = diff.activitiesChanged[0]
        XCTAssertTrue(moved.isMoved)
        XCTAssertEqual(moved.oldProject.id, 10)
        XCTAssertEqual(moved.newProject.id, 12)
        XCTAssertEqual(moved.fields.map(\.field), [.cost])
        XCTAssertEqual(moved.fields[0].change, .amount(old: 500_000, new: 750_000))
        let edited = diff.activitiesChanged[1]
        XCTAssertFalse(edited.isMoved)
        XCTAssertEqual(edited.fields.map(\.field), [.partners, .end])
        guard case .list(let partners) = edited.fields[0].change else { return XCTFail("partners") }
        XCTAssertEqual(partners.items, [.same(Localized(arabic: "الجماعة", french: "La commune")),
                                        .added(Localized(arabic: "مؤسسة ENABEL", french: nil))])
        XCTAssertEqual(edited.fields[1].change, .value(old: "2024-06", new: "2024-09",
                                                       words: [S(.same, "2024-"), S(.removed, "06"), S(.added, "09")]))
        XCTAssertEqual(diff.budget.activitiesBefore, 500_000)
        XCTAssertEqual(diff.budget.activitiesAfter, 750_000)
    }

    func testAxesAddedRemovedAndRenamedAndOverviewFields() {
        let old = sample()
        var new = old
        new.axes[0].title = Localized(arabic: "التواصل والإعلام", french: "Communication")
        new.axes.remove(at: 1)
        new.axes.append(.init(id: 3, number: 2, title: Localized(arabic: "تدبير المخاطر", french: nil)))
        new.projects[2].axisID = 3
        new.overview.status = "adopted"
        new.overview.adoptionSession = Localized(arabic: "دورة أكتوبر 2023", french: "Session d'octobre 2023")
        new.overview.decisionRef = "93"

        let diff = ProgramDiff.compare(old, new)
        XCTAssertEqual(diff.axesAdded.map(\.id), [3])
        XCTAssertEqual(diff.axesRemoved.map(\.id), [2])
        XCTAssertEqual(diff.axesChanged.map(\.new.id), [1])
        XCTAssertTrue(diff.axesChanged[0].isRenamed)
        guard case .text(let renamed)? = diff.axesChanged[0].fields.first?.change else { return XCTFail("rename") }
        XCTAssertEqual(renamed.arabic, [S(.same, "التواصل"), S(.added, " والإعلام")])
        XCTAssertEqual(renamed.french, [S(.same, "Communication")])
        // A project whose axis was replaced has moved.
        XCTAssertEqual(diff.projectsChanged.map(\.new.id), [12])
        XCTAssertTrue(diff.projectsChanged[0].isMoved)
        XCTAssertEqual(diff.projectsChanged[0].newAxis?.title.arabic, "تدبير المخاطر")
        XCTAssertEqual(diff.overview.map(\.field), [.status, .adoptionSession, .decisionRef])
        XCTAssertEqual(diff.overview[0].change, .value(old: "draft", new: "adopted", words: [S(.removed, "draft"), S(.added, "adopted")]))
        guard case .text(let session) = diff.overview[1].change else { return XCTFail("session") }
        XCTAssertNil(session.old)
        XCTAssertEqual(session.arabic, [S(.added, "دورة أكتوبر 2023")])
    }

    func testARowWrittenAgainWithANewIdIsStillTheSameProject() {
        let old = sample()
        var new = old
        new.projects[1].id = 99                                        // deleted and inserted again by an editor
        new.projects[1].activities[0].id = 990
        new.projects[1].budgetCentimes = 1_200_000
        let diff = ProgramDiff.compare(old, new)
        XCTAssertTrue(diff.projectsAdded.isEmpty && diff.projectsRemoved.isEmpty)
        XCTAssertTrue(diff.activitiesAdded.isEmpty && diff.activitiesRemoved.isEmpty && diff.activitiesChanged.isEmpty)
        XCTAssertEqual(diff.projectsChanged.map(\.old.id), [11])
        XCTAssertEqual(diff.projectsChanged.first?.fields.map(\.field), [.budget])
        XCTAssertEqual(diff.projectsChanged.first?.isMoved, false)
    }
}
