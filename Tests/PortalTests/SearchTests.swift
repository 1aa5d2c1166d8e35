import Foundation
import XCTest
import SQLite
import Templates
@testable import Portal

/// Search (issue 16): Arabic and French folded so a word matches however it is written, results
/// grouped by kind with the matched words marked in the original text, narrowed to a commune,
/// paged, current with every change, and one cache entry per distinct query.
final class SearchTests: XCTestCase {
    func testArabicAndFrenchAreFoldedTheSameWayOnBothSides() {
        func same(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(SearchText.foldedWord(a).map(SearchText.stripPrefixes), SearchText.foldedWord(b).map(SearchText.stripPrefixes),
                           "\(a) ~ \(b)", file: file, line: line)
        }
        same("مشروع", "المشروع"); same("مشروع", "بالمشروع"); same("مشروع", "والمشروع"); same("مشروع", "وبالمشروع")
        same("المشاركة", "مشاركه"); same("أحمد", "احمد"); same("إعداد", "اعداد"); same("مستشفى", "مستشفي")
        same("الْمُوَاطِنَة", "المواطنة"); same("الـرقـمـنـة", "الرقمنة"); same("٢٠٢٣", "2023")
        same("Équité", "equite"); same("l'école", "ecole"); same("d'ouverture", "Ouverture")
        XCTAssertEqual(SearchText.queryWords("la participation"), [["la"], ["participation"]])
        XCTAssertEqual(SearchText.queryWords("بالمشروع"), [["بالمشروع", "مشروع"]])
        XCTAssertEqual(SearchText.queryWords("  ... ؟ "), [])
        XCTAssertEqual(SearchText.quoted("a\"b"), "\"a\"\"b\"", "quotes in a word cannot break out of its term")
    }

    func testTheMarkerMarksTheWordsThatMatchHoweverTheyAreWritten() {
        var marker = SearchText.Marker(searched: ["مشروع", "Ecole", "Participat"])
        for word in ["المشروع", "بالمشروع", "مشروعات", "École", "l'école", "ÉCOLES", "participative", "Participation"] {
            XCTAssertTrue(marker.marks(word), word)
            XCTAssertTrue(marker.marks(word), "\(word), decided before")
        }
        for word in ["برنامج", "programme", "écrit", "part", "2023"] {
            XCTAssertFalse(marker.marks(word), word)
            XCTAssertFalse(marker.marks(word), "\(word), decided before")
        }
        var nothing = SearchText.Marker(searched: ["...", "؟"])
        XCTAssertFalse(nothing.marks("مشروع"), "nothing searchable was searched")
    }

    func testResultsAreGroupedMarkedAndLeadToTheirPages() throws {
        let portal = try Portal()
        let page = portal.get("/ar/search?q=" + "الميزانية التشاركية".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h2>المحاور"), "Settat's axis 'الميزانية التشاركية'")
        XCTAssertTrue(page.contains("<mark>الميزانية</mark> <mark>التشاركية</mark>"), page.body)
        XCTAssertTrue(page.contains(#"href="/ar/communes/settat/programs/2024-2025#axes""#))
        // Without the article, and in French.
        XCTAssertTrue(portal.get("/ar/search?q=" + "ميزانية".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).contains("<mark>"))
        let french = portal.get("/fr/search?q=budget+participatif")
        XCTAssertTrue(french.contains("<mark>Budget</mark> <mark>participatif</mark>"), french.body)
        XCTAssertTrue(portal.get("/fr/search?q=Settat").contains(#"href="/fr/communes/settat""#))
        // Nothing typed: the page explains; nothing found: it says so.
        XCTAssertTrue(portal.get("/fr/search").contains("Tapez un ou plusieurs mots"))
        XCTAssertTrue(portal.get("/ar/search?q=zzzzqqq").contains("لا نتيجة"))
        // Escaped like everything else.
        XCTAssertFalse(portal.get("/fr/search?q=%3Cscript%3E").contains("<script>"))
    }

    func testNarrowedToACommuneAndCurrentWithChanges() throws {
        let portal = try Portal()
        let all = portal.get("/fr/search?q=digitalisation")
        XCTAssertTrue(all.contains("/fr/communes/settat/") && all.contains("/fr/communes/demo/"))
        let settat = portal.get("/fr/search?q=digitalisation&commune=settat")
        XCTAssertTrue(settat.contains("/fr/communes/settat/") && !settat.contains("/fr/communes/demo/programs"))
        XCTAssertTrue(settat.contains("Dans la commune"))
        // A new activity is found at once; a hidden proposal never.
        try portal.site.database.write { db in
            try db.run("INSERT INTO activities (project_id, number, title_ar, title_fr) VALUES (11, 99, 'ورشة الزيتون الخضراء', 'Atelier olivier vert')")
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at, hidden)
                VALUES (5, 501, 51, 'idea', 'Spam caché zoubida', 'x', 'platform', ?, '2026-01-01T10:00:00Z', 1)
                """, [TrackingCode.make()])
        }
        XCTAssertTrue(portal.get("/fr/search?q=olivier").contains("<mark>olivier</mark>"))
        XCTAssertTrue(portal.get("/ar/search?q=" + "الزيتون".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).contains("<mark>الزيتون</mark>"))
        XCTAssertFalse(portal.get("/fr/search?q=zoubida").contains("zoubida</"), "hidden proposals are never found")
    }

    func testEachDistinctQueryIsOneCacheEntry() throws {
        let portal = try Portal()
        XCTAssertEqual(SiteRoute.search(.fr).cacheKey(query: [("q", "  Budget   PARTICIPATIF "), ("utm", "x")]),
                       SiteRoute.search(.fr).cacheKey(query: [("q", "budget participatif")]))
        _ = portal.get("/fr/search?q=budget")
        portal.resetQueryCount()
        _ = portal.get("/fr/search?q=BUDGET&junk=1")
        XCTAssertEqual(portal.site.database.queryCount, 0, "served from the one entry")
    }

    /// The background indexer writes every second; with nothing to index, its pass changes no
    /// row and must not throw away every cached page (found by the national benchmark).
    func testAnIdleIndexerPassKeepsCachedPages() throws {
        let portal = try Portal()
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 500) }) > 0 {}
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2024-2025").status, 200)
        let generation = portal.site.database.writeGeneration
        XCTAssertEqual(try portal.site.database.write { try SearchStore.refresh($0, limit: 500) }, 0)
        XCTAssertEqual(portal.site.database.writeGeneration, generation)
        portal.resetQueryCount()
        XCTAssertEqual(portal.get("/ar/communes/settat/programs/2024-2025").status, 200)
        XCTAssertEqual(portal.site.database.queryCount, 0, "still served from the cache")
    }

    /// A word found in more rows than a search counts: the page says "more than", pages through
    /// the first thousand of that kind, ranked, and costs the same number of queries.
    func testAWordFoundEverywhereIsCountedUpToTheLimit() throws {
        let portal = try Portal()
        let limit = SearchStore.countLimit
        try portal.site.database.write { db in
            let opened = try Call.parse(try XCTUnwrap(db.scalar("SELECT opens_at FROM calls WHERE id = 501", as: String.self)))
            for n in 0...limit {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (5, 501, 51, 'idea', ?, 'Une description.', 'platform', ?, ?)
                    """, [n == limit ? "Zanzibar zanzibar zanzibar" : "Zanzibar \(n)", TrackingCode.make(), Call.utcText(opened.addingTimeInterval(Double(3600 + n)))])
            }
        }
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 2_000) }) > 0 {}
        portal.resetQueryCount()
        let first = portal.get("/fr/search?q=zanzi")
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.contains("plus de 1 000 résultats : ajoutez un mot pour préciser"), first.body)
        XCTAssertTrue(first.contains("(plus de 1 000)"))
        XCTAssertTrue(first.contains("<mark>Zanzibar</mark> <mark>zanzibar</mark> <mark>zanzibar</mark>"), "the most relevant first")
        XCTAssertLessThan(portal.site.database.queryCount, 20, "seven counts, one expansion, one page of hits and the page's own")
        XCTAssertTrue(first.contains("/fr/search?q=zanzi&amp;page=2"))
        XCTAssertFalse(first.contains("start="), "the first page counts from 1")
        // A kind continued on a later page goes on counting where the page before stopped.
        XCTAssertTrue(portal.get("/fr/search?q=zanzi&page=2").contains(#"<ol class="search-results" start="21">"#))
        let last = portal.get("/fr/search?q=zanzi&page=\(limit / SearchPage.pageSize)")
        XCTAssertEqual(last.status, 200)
        XCTAssertTrue(last.contains(#"<ol class="search-results" start="\#(limit - SearchPage.pageSize + 1)">"#), last.body)
        XCTAssertEqual(portal.get("/fr/search?q=zanzi&page=\(limit / SearchPage.pageSize + 1)").status, 404)
        let arabic = portal.get("/ar/search?q=zanzibar")
        XCTAssertTrue(arabic.contains("أكثر من \(Format.number(limit, .ar)) نتيجة: أضف كلمة لتضييق البحث"), arabic.body)
        // A word no row holds answers at once, with no query of the index.
        portal.resetQueryCount()
        XCTAssertTrue(portal.get("/fr/search?q=zanzibarx").contains(#"role="status">0 résultat</p>"#))
        XCTAssertLessThan(portal.site.database.queryCount, 4)
    }

    /// Only a kind's newest `rankLimit` matches are ranked, so a common word reads no more than
    /// that many rows' words: among them the most relevant comes first; older matches follow,
    /// newest first, however relevant.
    func testTheNewestMatchesAreRankedAndOlderOnesFollowNewestFirst() throws {
        let portal = try Portal()
        let ranked = SearchStore.rankLimit, size = SearchPage.pageSize
        try portal.site.database.write { db in
            let opened = try Call.parse(try XCTUnwrap(db.scalar("SELECT opens_at FROM calls WHERE id = 501", as: String.self)))
            // Oldest first: n = 0 holds the word three times, n = 100 twice, every other once.
            for n in 0...ranked {
                let title = n == 0 ? "Zanzibar zanzibar zanzibar" : n == 100 ? "Zanzibar zanzibar \(n)" : "Zanzibar \(n)"
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (5, 501, 51, 'idea', ?, 'Une description.', 'platform', ?, ?)
                    """, [title, TrackingCode.make(), Call.utcText(opened.addingTimeInterval(Double(3600 + n)))])
            }
        }
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 2_000) }) > 0 {}
        func titles(page: Int) -> [String] {
            let body = portal.get("/fr/search?q=zanzibar&page=\(page)").body
            return body.components(separatedBy: "<mark>Zanzibar</mark>").dropFirst().map { String($0.prefix(60)) }
        }
        let first = titles(page: 1)
        XCTAssertTrue(first.first?.hasPrefix(" <mark>zanzibar</mark> 100") ?? false, "the most relevant of the newest first: \(first)")
        XCTAssertTrue(first.dropFirst().first?.hasPrefix(" \(ranked)<") ?? false, "then the newest: \(first)")
        // The match just past the ranked ones is the oldest, the most relevant of all: it comes
        // first on the page after them.
        let next = titles(page: ranked / size + 1)
        XCTAssertTrue(next.first?.hasPrefix(" <mark>zanzibar</mark> <mark>zanzibar</mark>") ?? false, "\(next)")
        XCTAssertFalse(titles(page: ranked / size).contains { $0.contains("<mark>zanzibar</mark> <mark>zanzibar</mark>") })
    }

    /// Proposals are found in their own index by their words alone (`SearchStore.match`): the
    /// same rows as their own kind word would give, for words found in proposals and in other
    /// kinds alike. A text holding the scope tokens' letters ("kactivity c5") is found as the
    /// proposal it is, by them, and nothing else; a commune's filter keeps only its rows.
    func testProposalsMatchedWithoutTheirScopeListAreTheProposals() throws {
        let portal = try Portal()
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', 'Settat digitalisation budget participatif', 'Une description.', 'platform', ?, '2026-01-01T10:00:00Z')
                """, [TrackingCode.make()])
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', 'kactivity c5 kproposal', 'kcommune c1', 'platform', ?, '2026-01-01T10:00:00Z')
                """, [TrackingCode.make()])
        }
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 2_000) }) > 0 {}
        try portal.site.database.read { db in
            for typed in ["settat", "digitalisation", "budget", "budget participatif"] {
                guard case .terms(let terms) = try SearchStore.expression(db, typed: typed) else { return XCTFail(typed) }
                let (counts, _) = try SearchStore.search(db, typed: typed, communeID: nil, page: 1, pageSize: 20)
                let scoped = try db.scalar("SELECT count(*) FROM search_proposals_fts WHERE search_proposals_fts MATCH ?",
                                           ["\"\u{E000}kproposal\" AND (" + terms + ")"], as: Int.self) ?? 0
                XCTAssertGreaterThan(scoped, 0, typed)
                XCTAssertEqual(counts["proposal"] ?? 0, scoped, typed)
                XCTAssertGreaterThan(counts.filter { $0.key != "proposal" }.values.reduce(0, +), 0, "\(typed) is found in other kinds too")
            }
            for typed in ["kactivity", "c5", "kproposal kcommune", "kacti"] {
                let (counts, hits) = try SearchStore.search(db, typed: typed, communeID: nil, page: 1, pageSize: 20)
                XCTAssertEqual(counts, ["proposal": 1], typed)
                XCTAssertEqual(hits.map(\.title.arabic), ["kactivity c5 kproposal"], typed)
            }
            let commune = try XCTUnwrap(db.scalar("SELECT commune_id FROM programs WHERE id = 5", as: Int.self))
            let inCommune = try SearchStore.search(db, typed: "digitalisation", communeID: commune, page: 1, pageSize: 20)
            XCTAssertGreaterThan(inCommune.counts["proposal"] ?? 0, 0, "a commune's filter still finds its rows")
            let elsewhere = try SearchStore.search(db, typed: "digitalisation", communeID: commune + 1_000, page: 1, pageSize: 20)
            XCTAssertEqual(elsewhere.counts, [:], "and only its rows")
        }
    }

    /// Migrations/0026 gives proposals an index of their own, and 0027 each other kind: a
    /// database indexed before them finds the same rows after each, every row in its kind's index.
    func testAnIndexMadeBefore0026IsSplitByKind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infitah-0026-\(UUID().uuidString)")
        let migrations = folder.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let all = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Migrations").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        func copy(_ names: [String]) throws {
            for name in names {
                try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Migrations/" + name),
                                                 to: migrations.appendingPathComponent(name))
            }
        }
        try copy(all.filter { $0 < "0026" })
        let db = try Connection(path: folder.appendingPathComponent("app.sqlite").path)
        let migrator = Migrator(directory: migrations)
        _ = try migrator.migrate(db)
        let kinds = [(1, "proposal"), (2, "commune"), (3, "proposal"), (4, "activity"), (5, "milestone"), (6, "activity")]
        for (id, kind) in kinds {
            try db.run("INSERT INTO search_entries (id, kind, ref, commune_id, title_ar) VALUES (?, ?, ?, 7, 'مدرسة')", [id, kind, id])
            try db.run("INSERT INTO search_fts (rowid, scope, terms) VALUES (?, ?, 'مدرسه')", [id, SearchStore.scope(kind: kind, communeID: 7)])
        }
        try db.run("INSERT INTO search_words (word) VALUES ('مدرسه')")
        try copy(all.filter { $0 >= "0026" && $0 < "0027" })
        XCTAssertEqual(try migrator.migrate(db), ["0026_search_proposals_apart.sql"])
        XCTAssertEqual(try db.query("SELECT rowid AS id FROM search_proposals_fts WHERE search_proposals_fts MATCH ? ORDER BY rowid",
                                    ["مدرسه"]).map { try $0.int("id") }, [1, 3])
        XCTAssertEqual(try db.query("SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid",
                                    ["مدرسه"]).map { try $0.int("id") }, [2, 4, 5, 6])
        try copy(all.filter { $0 >= "0027" })
        XCTAssertEqual(try migrator.migrate(db).first, "0027_search_kinds_apart.sql")
        for kind in SearchStore.kinds {
            let found = try db.query(try SearchStore.index(of: kind).newest, ["مدرسه", 10]).map { try $0.int("id") }
            XCTAssertEqual(found, kinds.filter { $0.1 == kind }.map(\.0).reversed(), kind)
        }
        let (counts, _) = try SearchStore.search(db, typed: "مدرسة", communeID: 7, page: 1, pageSize: 20)
        XCTAssertEqual(counts, ["proposal": 2, "commune": 1, "activity": 2, "milestone": 1])
        XCTAssertTrue(try SearchStore.search(db, typed: "مدرسة", communeID: 8, page: 1, pageSize: 20).counts.isEmpty, "narrowed to a commune")
        XCTAssertThrowsError(try SearchStore.index(of: "comment"), "a kind without an index fails, it does not stop the process")
    }

    /// A word with prefixes (المدرسة) is not asked of the index beside its stripped form (مدرسه),
    /// which every row holding it also holds: the same rows are found as by both forms' prefixes.
    /// (Ranking still weighs the word as typed: `SnapshotTests`' search for الميزانية.)
    func testAWordsPrefixedFormsAreImpliedByItsStrippedForm() throws {
        let portal = try Portal()
        try portal.site.database.write { db in
            for title in ["المدرسة الجديدة", "مدرسة القرية", "ترميم بالمدرسة", "والمدرستين معا", "المدرسي والمدرسية"] {
                try db.run("""
                    INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                    VALUES (5, 501, 51, 'idea', ?, 'Une description.', 'platform', ?, '2026-01-01T10:00:00Z')
                    """, [title, TrackingCode.make()])
            }
        }
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 2_000) }) > 0 {}
        try portal.site.database.read { db in
            for typed in ["المدرسة", "بالمدرسة", "والمدرس", "مدرسة", "المدرسي"] {
                guard case .terms(let terms) = try SearchStore.expression(db, typed: typed) else { return XCTFail(typed) }
                let words = terms.split(whereSeparator: { "() \"".contains($0) }).filter { $0 != "OR" && $0 != "AND" }.map(String.init)
                XCTAssertFalse(words.isEmpty, typed)
                XCTAssertTrue(words.allSatisfy { SearchText.stripPrefixes($0) == $0 }, "\(typed): \(terms)")
                let forms = try XCTUnwrap(SearchText.queryWords(typed).first)
                let bothForms = "(" + forms.map { SearchText.quoted($0) + "*" }.joined(separator: " OR ") + ")"
                let expected = try db.scalar("SELECT count(*) FROM search_proposals_fts WHERE search_proposals_fts MATCH ?",
                                             ["\"\u{E000}kproposal\" AND " + bothForms], as: Int.self) ?? 0
                XCTAssertGreaterThan(expected, 0, typed)
                XCTAssertEqual(try SearchStore.search(db, typed: typed, communeID: nil, page: 1, pageSize: 20).counts["proposal"], expected, typed)
            }
        }
    }

    /// The index keeps row ids only (Migrations/0025), so FTS5 refuses a phrase: every word search
    /// makes must stay one token. Words with marks inside them (Devanagari's vowel signs, a
    /// combining accent ICU leaves), symbols of other alphabets (circled letters) and letters
    /// newer than SQLite's Unicode tables are indexed and found, typed whole or begun, and
    /// nothing typed makes the search fail.
    func testWordsOfEveryAlphabetAreOneTokenEachWay() throws {
        let portal = try Portal()
        let words = ["किताब", "ⓐⓑⓒⓓ", "𞤀𞤢𞤤𞤭", "ᏣᎳᎩᎯ", "ǅemal"]
        try portal.site.database.write { db in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, channel, tracking_code, created_at)
                VALUES (5, 501, 51, 'idea', ?, 'Une description.', 'platform', ?, '2026-01-01T10:00:00Z')
                """, [words.joined(separator: " "), TrackingCode.make()])
        }
        while try portal.site.database.write({ try SearchStore.refresh($0, limit: 2_000) }) > 0 {}
        try portal.site.database.read { db in
            for word in words {
                for typed in [word, String(word.prefix(2)), word + " description"] {
                    let (counts, _) = try SearchStore.search(db, typed: typed, communeID: nil, page: 1, pageSize: 20)
                    XCTAssertEqual(counts["proposal"], 1, typed)
                }
            }
        }
        for typed in ["a\u{301}b", "x\u{20DD}y", "٣٤٥", "\u{E000}kproposal", "\"l'eau\"", "co-op"] {
            XCTAssertEqual(portal.get("/fr/search?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).status, 200, typed)
        }
    }

    /// Relevance as BM25 weighs a term's frequency: more of the searched words in fewer words
    /// ranks higher; a prefix alternative matches the words it begins, a whole word only itself;
    /// a row must answer every clause to score on it.
    func testRelevanceWeighsHowOftenAndHowDenselyTheWordsAppear() {
        let relevance = SearchStore.Relevance([[.word("budget"), .word("budgets")], [.prefix("part")]])
        let scores = relevance.scores([
            "budget participatif",                                        // both, short
            "budget budgets participatif participation",                  // both, twice each
            "adopter le budget participatif dans la preparation des budgets annuels de la commune", // both, long
            "budgetaire participatif",                                    // "budgetaire" is not "budget"
            "budget citoyen",                                             // one clause only
        ])
        XCTAssertGreaterThan(scores[1], scores[0], "twice each beats once each")
        XCTAssertGreaterThan(scores[0], scores[2], "the same words in a shorter text")
        XCTAssertGreaterThan(scores[0], scores[3], "a whole word matches only itself")
        XCTAssertGreaterThan(scores[0], scores[4], "every clause counts")
        XCTAssertGreaterThan(scores[4], 0)
        XCTAssertEqual(relevance.scores(["citoyen"]), [0])
    }
}
