import Foundation
import SQLite

/// The store side of search (tables of Migrations/0019, 0023 and 0027): folding the rows the triggers
/// noted into the index, and answering a query. Every value is bound; the FTS5 query itself is
/// built by `expression` from quoted, folded words only. A query costs the same however many
/// rows match: each kind is counted up to `countLimit`, and a page is ranked among the newest
/// `rankLimit`.
enum SearchStore {
    /// One thing found, as a result shows it.
    struct Hit {
        var kind: String
        var slug: String?
        var period: String?
        var number: Int?
        var code: String?
        var title: Localized
        var commune: Localized?
    }

    /// Folds up to `limit` noted rows into the index; returns how many were folded.
    @discardableResult
    static func refresh(_ db: Connection, limit: Int) throws -> Int {
        let dirty = try db.query("SELECT kind, ref FROM search_dirty LIMIT ?", [limit]).map { (kind: try $0.string("kind"), ref: try $0.int("ref")) }
        for item in dirty {
            try reindex(db, kind: item.kind, ref: item.ref)
            try db.run("DELETE FROM search_dirty WHERE kind = ? AND ref = ?", [item.kind, item.ref])
        }
        return dirty.count
    }

    /// How many rows wait to be folded in.
    static func pending(_ db: Connection) throws -> Int {
        try db.scalar("SELECT count(*) FROM search_dirty", as: Int.self) ?? 0
    }

    /// What one row contributes: where it leads, its title, and the texts searched.
    private struct Document {
        var communeID: Int?
        var slug: String?
        var period: String?
        var number: Int?
        var code: String?
        var title: Localized
        var texts: [String?]
    }

    private static func document(_ db: Connection, kind: String, ref: Int) throws -> Document? {
        func localized(_ row: Row, _ base: String) throws -> Localized { try Localized(row, base) }
        switch kind {
        case "commune":
            guard let row = try db.queryOne("SELECT * FROM communes WHERE id = ?", [ref]) else { return nil }
            return Document(communeID: ref, slug: try row.string("slug"), title: try localized(row, "name"),
                            texts: [try row.string("name_ar"), try row.optionalString("name_fr"), try row.optionalString("region_ar"),
                                    try row.optionalString("region_fr"), try row.optionalString("province_ar"), try row.optionalString("province_fr")])
        case "program":
            guard let row = try db.queryOne("""
                SELECT p.*, c.slug FROM programs p JOIN communes c ON c.id = p.commune_id WHERE p.id = ?
                """, [ref]) else { return nil }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            title: try localized(row, "title"),
                            texts: [try row.string("title_ar"), try row.optionalString("title_fr"), try row.optionalString("notes_ar"),
                                    try row.optionalString("notes_fr")])
        case "axis", "project", "milestone":
            let sql: String
            switch kind {
            case "axis":
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM axes x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            case "project":
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM projects x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            default:
                sql = """
                    SELECT x.*, p.period, p.commune_id, c.slug FROM milestones x JOIN programs p ON p.id = x.program_id
                    JOIN communes c ON c.id = p.commune_id WHERE x.id = ?
                    """
            }
            guard let row = try db.queryOne(sql, [ref]) else { return nil }
            var texts: [String?] = [try row.string("title_ar"), try row.optionalString("title_fr")]
            if kind == "project" { texts += [try row.optionalString("slogan_ar"), try row.optionalString("slogan_fr")] }
            if kind == "milestone" { texts += [try row.optionalString("place_ar"), try row.optionalString("place_fr")] }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            number: kind == "project" ? try row.int("number") : nil, title: try localized(row, "title"), texts: texts)
        case "activity":
            guard let row = try db.queryOne("""
                SELECT a.title_ar, a.title_fr, j.number, p.period, p.commune_id, c.slug FROM activities a
                JOIN projects j ON j.id = a.project_id JOIN programs p ON p.id = j.program_id JOIN communes c ON c.id = p.commune_id
                WHERE a.id = ?
                """, [ref]) else { return nil }
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            number: try row.int("number"), title: try localized(row, "title"),
                            texts: [try row.string("title_ar"), try row.optionalString("title_fr")])
        case "proposal":
            // Public proposals only: never a hidden one, and a merged one through the one it was merged into.
            guard let row = try db.queryOne("""
                SELECT r.title, r.description, r.tracking_code, p.period, p.commune_id, c.slug FROM proposals r
                JOIN programs p ON p.id = r.program_id JOIN communes c ON c.id = p.commune_id
                WHERE r.id = ? AND r.hidden = 0 AND r.merged_into_id IS NULL
                """, [ref]) else { return nil }
            let title = try row.string("title")
            return Document(communeID: try row.int("commune_id"), slug: try row.string("slug"), period: try row.string("period"),
                            code: try row.string("tracking_code"), title: Localized(arabic: title, french: nil),
                            texts: [title, try row.string("description")])
        default:
            return nil
        }
    }

    private static func reindex(_ db: Connection, kind: String, ref: Int) throws {
        let existing = try db.scalar("SELECT id FROM search_entries WHERE kind = ? AND ref = ?", [kind, ref], as: Int.self)
        if let existing {
            try db.run(try index(of: kind).remove, [existing])
        }
        guard let document = try document(db, kind: kind, ref: ref) else {
            if let existing { try db.run("DELETE FROM search_entries WHERE id = ?", [existing]) }
            return
        }
        let values: [any SQLBindable] = [document.communeID, document.slug, document.period, document.number, document.code,
                                         document.title.arabic, document.title.french]
        let id: Int
        if let existing {
            try db.run("""
                UPDATE search_entries SET commune_id = ?, slug = ?, period = ?, number = ?, code = ?, title_ar = ?, title_fr = ? WHERE id = ?
                """, values + [existing])
            id = existing
        } else {
            try db.run("""
                INSERT INTO search_entries (commune_id, slug, period, number, code, title_ar, title_fr, kind, ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values + [kind, ref])
            id = Int(db.lastInsertRowID)
        }
        let words = document.texts.compactMap { $0 }.flatMap(SearchText.typedWords).flatMap(SearchText.indexTerms)
        try db.run(try index(of: kind).add,
                   [id, scope(kind: kind, communeID: document.communeID), words.joined(separator: " ")])
        for word in Set(words) { try db.run("INSERT OR IGNORE INTO search_words (word) VALUES (?)", [word]) }
    }

    /// What begins every token of the `scope` column: a private-use character, which FTS5 keeps
    /// inside a token and search never puts into a word, so no word is ever a scope token and a
    /// query needs no column filter (Migrations/0024).
    static let scopeMark = "\u{E000}"

    /// The tokens of the `scope` column: the row's kind and its commune (0 for none). A walk
    /// narrows by the commune's token; the kind's is what told kinds apart in one index before
    /// each had its own (0026, 0027), and rows indexed since keep the same form.
    static func scope(kind: String, communeID: Int?) -> String { "\(scopeMark)k\(kind) \(scopeMark)c\(communeID ?? 0)" }

    /// The kinds, in the order a result page shows them.
    static let kinds = ["commune", "program", "project", "activity", "axis", "milestone", "proposal"]
    /// Each kind is counted up to here; past it the page says "more than" and asks for another word.
    static let countLimit = 1_000
    /// The newest matches of a kind ranked by relevance; older ones follow, newest first. Reading
    /// a candidate's words to rank it was half of a common word's search at national size
    /// (1,000 candidates: 3–5 ms); the first ten pages of twenty are ranked.
    static let rankLimit = 200
    /// A typed word that begins more words of the index than this is left to FTS5's own prefix query.
    static let expansionLimit = 32

    /// What typed words ask of the index.
    enum Expression: Equatable {
        /// Nothing searchable was typed.
        case nothingTyped
        /// A typed word begins no word of the index: nothing can match.
        case nothingFound
        /// The FTS5 query over the `terms` column.
        case terms(String)
    }

    /// One way a typed word matches a word of the index.
    enum Alternative: Hashable {
        /// That whole word.
        case word(String)
        /// Any word it begins (a typed word of up to three letters, or one that begins too many).
        case prefix(String)

        /// The FTS5 form: a quoted word, `*` for a prefix.
        var fts: String {
            switch self {
            case .word(let word): return SearchText.quoted(word)
            case .prefix(let start): return SearchText.quoted(start) + "*"
            }
        }

        /// The word's UTF-8 bytes and whether it is a prefix, for matching the index's words as bytes.
        var bytes: (word: [UInt8], prefix: Bool) {
            switch self {
            case .word(let word): return (Array(word.utf8), false)
            case .prefix(let start): return (Array(start.utf8), true)
            }
        }
    }

    /// What a person typed, as the index reads it: one list of alternatives per typed word,
    /// every list to be matched. A word of up to three letters is a prefix query answered by the
    /// prefix indexes; a longer one becomes the whole words that begin it (search_words, an
    /// ordinary index), which FTS5 reads lazily, unlike a prefix query it would merge in full.
    /// Nil when nothing searchable was typed; an empty list when a word begins no word of the index.
    static func clauses(_ db: Connection, typed: String) throws -> [[Alternative]]? {
        let words = SearchText.queryWords(typed)
        guard !words.isEmpty else { return nil }
        var clauses: [[Alternative]] = []
        for forms in words {
            var alternatives: Set<Alternative> = []
            for form in forms {
                if form.count <= 3 { alternatives.insert(.prefix(form)); continue }
                let begun = try db.query("SELECT word FROM search_words WHERE word >= ?1 AND word < ?1 || char(1114111) ORDER BY word LIMIT ?2",
                                         [form, expansionLimit + 1]).map { try $0.string("word") }
                if begun.count > expansionLimit { alternatives.insert(.prefix(form)) } else { alternatives.formUnion(begun.map(Alternative.word)) }
            }
            guard !alternatives.isEmpty else { return [] }
            clauses.append(alternatives.sorted { $0.fts < $1.fts })
        }
        return clauses
    }

    /// The alternatives the index is asked for: without the whole words another alternative
    /// already finds, a word with prefixes (المدرسي) when its stripped form (مدرسي) is matched too.
    /// A text is indexed by each word's stripped form beside the word itself
    /// (`SearchText.indexTerms`), so every row holding the first holds the second, and FTS5 need
    /// not walk both lists (for a common word, two lists of 428,000 rows at national size: the
    /// slowest searches). This holds for every word stripped in at most three rounds, as
    /// `stripPrefixes` strips (real words need two at most). Ranking still counts every
    /// alternative (`Relevance`), so a row holding the word as typed ranks above one holding
    /// only its stem.
    static func withoutImplied(_ alternatives: Set<Alternative>) -> Set<Alternative> {
        alternatives.filter { alternative in
            guard case .word(let word) = alternative else { return true }
            let stripped = SearchText.stripPrefixes(word)
            guard stripped != word else { return true }
            return !alternatives.contains { other in
                switch other {
                case .word(let found): return found == stripped
                case .prefix(let start): return stripped.hasPrefix(start)
                }
            }
        }
    }

    /// The FTS5 query for what a person typed: every word must match, each by one of its alternatives.
    static func expression(_ db: Connection, typed: String) throws -> Expression {
        guard let clauses = try clauses(db, typed: typed) else { return .nothingTyped }
        return terms(clauses)
    }

    private static func terms(_ clauses: [[Alternative]]) -> Expression {
        guard !clauses.isEmpty else { return .nothingFound }
        return .terms(clauses.map { clause in
            "(" + withoutImplied(Set(clause)).map(\.fts).sorted().joined(separator: " OR ") + ")"
        }.joined(separator: " AND "))
    }

    /// How well rows' indexed words answer the clauses: BM25's term-frequency part (k1 = 1.2,
    /// b = 0.75) summed over the clauses, each clause counting the row's words any of its
    /// alternatives match. Every candidate matches every clause, so the inverse document
    /// frequency is the same for all of them and is left out. Computed here rather than by FTS5's
    /// bm25(), which first reads the whole list of the kind's scope word (a million entries for
    /// proposals) to weigh it, though its weight is zero: 27 ms before the first row. The index's
    /// words are folded already, so they are compared as bytes.
    struct Relevance {
        private let clauses: [[(word: [UInt8], prefix: Bool)]]

        init(_ clauses: [[Alternative]]) { self.clauses = clauses.map { $0.map(\.bytes) } }

        /// Each row's score, its words being `terms` split at spaces (read in place, as bytes:
        /// a page ranks a thousand rows, and nothing is allocated per word).
        func scores(_ rows: [String]) -> [Double] {
            // One pass over each row: its length and how often each clause matches in it.
            let counted = rows.map { row -> (length: Int, frequencies: [Double]) in
                var row = row
                var frequencies = [Double](repeating: 0, count: clauses.count)
                let length = row.withUTF8 { bytes in
                    Self.words(in: bytes) { word in
                        for (clause, alternatives) in clauses.enumerated() where alternatives.contains(where: { alternative in
                            alternative.prefix ? word.starts(with: alternative.word) : word.elementsEqual(alternative.word)
                        }) {
                            frequencies[clause] += 1
                        }
                    }
                }
                return (length, frequencies)
            }
            let average = Double(counted.reduce(0) { $0 + $1.length }) / Double(max(counted.count, 1))
            return counted.map { row in
                let norm = 1.2 * (0.25 + 0.75 * Double(row.length) / max(average, 1))
                return row.frequencies.reduce(0) { $0 + $1 * 2.2 / ($1 + norm) }
            }
        }

        /// Calls `body` with each space-separated word of `bytes`; returns how many there were.
        private static func words(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> Void) -> Int {
            var count = 0, start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: " ") {
                if index > start { body(bytes[start..<index]); count += 1 }
                start = index + 1
            }
            return count
        }
    }

    /// The statements of one kind's search index (an FTS5 table of Migrations/0026 or 0027).
    struct Index {
        /// Takes a row out (its rowid bound).
        let remove: String
        /// Puts a row in (rowid, scope, terms bound).
        let add: String
        /// The newest matches' rowids (the FTS5 query and a limit bound).
        let newest: String
        /// The terms of the rows whose rowids are bound as one JSON array.
        let terms: String

        /// The statements of `table`. A table's name cannot be a bound parameter, so it is
        /// written into the SQL; it is a literal of this file (a `StaticString`), never a value,
        /// and every value the statements take is bound.
        init(table: StaticString) {
            let table = "\(table)"
            remove = "DELETE FROM \(table) WHERE rowid = ?"
            add = "INSERT INTO \(table) (rowid, scope, terms) VALUES (?, ?, ?)"
            newest = "SELECT rowid AS id FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT ?"
            terms = "SELECT rowid AS id, terms FROM \(table) WHERE rowid IN (SELECT value FROM json_each(?1))"
        }
    }

    /// Each kind has an index of its own: proposals, the one kind that grows without bound, since
    /// Migrations/0026, so a walk of theirs meets no other kind's rows; the other six since 0027,
    /// so a prefix a walk merges is its own kind's list, not every kind's six times over.
    static let proposalsIndex = Index(table: "search_proposals_fts")
    static let communesIndex = Index(table: "search_communes_fts")
    static let programsIndex = Index(table: "search_programs_fts")
    static let axesIndex = Index(table: "search_axes_fts")
    static let projectsIndex = Index(table: "search_projects_fts")
    static let activitiesIndex = Index(table: "search_activities_fts")
    static let milestonesIndex = Index(table: "search_milestones_fts")

    /// A kind no index holds: a programming error that fails the one request or indexer pass
    /// that met it, never the process.
    struct UnknownKind: Error, CustomStringConvertible {
        let kind: String
        var description: String { "no search index holds the kind \"\(kind)\"" }
    }

    /// The index holding a kind's rows (one of `kinds`).
    static func index(of kind: String) throws -> Index {
        switch kind {
        case "commune": return communesIndex
        case "program": return programsIndex
        case "axis": return axesIndex
        case "project": return projectsIndex
        case "activity": return activitiesIndex
        case "milestone": return milestonesIndex
        case "proposal": return proposalsIndex
        default: throw UnknownKind(kind: kind)
        }
    }

    /// The FTS5 query for `terms` (in one commune when given) in a kind's own index
    /// (`index(of:)`), whose every row is of that kind. No term names a column: a column filter
    /// needs positions, which the index no longer keeps (Migrations/0024, 0025).
    static func match(_ terms: String, communeID: Int?) -> String {
        let match = "(" + terms + ")"
        guard let communeID else { return match }
        return "\"\(scopeMark)c\(communeID)\" AND " + match
    }

    /// One page of what `typed` finds (in `communeID` when set), grouped by kind, and how many
    /// there are of each kind, counted up to `countLimit`. Within a kind, the newest
    /// `rankLimit` matches are ranked by relevance (`Relevance`) and the rest follow newest
    /// first, so a word found in a million proposals costs what a rare one does.
    static func search(_ db: Connection, typed: String, communeID: Int?, page: Int, pageSize: Int) throws -> (counts: [String: Int], hits: [Hit]) {
        guard let clauses = try clauses(db, typed: typed), case .terms(let terms) = terms(clauses) else { return ([:], []) }
        // One walk of the index per kind: the newest matches' rowids, one more than are counted.
        var counts: [String: Int] = [:]
        var newest: [String: [Int]] = [:]
        for kind in kinds {
            let ids = try db.query(try index(of: kind).newest,
                                   [match(terms, communeID: communeID), countLimit + 1]).map { try $0.int("id") }
            if !ids.isEmpty { counts[kind] = ids.count; newest[kind] = ids }
        }
        var hits: [Hit] = []
        let relevance = Relevance(clauses)
        var skip = (page - 1) * pageSize
        for kind in kinds {
            guard hits.count < pageSize, let count = counts[kind], let ids = newest[kind] else { continue }
            let reachable = min(count, countLimit)
            if skip >= reachable { skip -= reachable; continue }
            // The kind's newest `rankLimit` matches, read by rowid and ranked here by relevance
            // (newest first among equals), then the older ones it counts, newest first. Their
            // terms are read only when the page shows some of the ranked ones.
            let listed = ids.prefix(reachable)
            let rankedCount = min(listed.count, rankLimit)
            let ordered: [Int]
            if skip < rankedCount {
                let candidates = try db.query(try index(of: kind).terms, [Self.jsonList(listed.prefix(rankedCount))])
                    .map { (id: try $0.int("id"), terms: try $0.string("terms")) }
                let ranked = zip(candidates.map(\.id), relevance.scores(candidates.map(\.terms))).map { (id: $0, score: $1) }
                    .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
                ordered = ranked.map(\.id) + listed.dropFirst(rankedCount)
            } else {
                ordered = Array(listed)
            }
            let chosen = Array(ordered.dropFirst(skip).prefix(pageSize - hits.count))
            var found: [Int: Hit] = [:]
            for row in try db.query("""
                SELECT e.*, c.name_ar AS commune_name_ar, c.name_fr AS commune_name_fr
                FROM search_entries e LEFT JOIN communes c ON c.id = e.commune_id
                WHERE e.id IN (SELECT value FROM json_each(?1))
                """, [Self.jsonList(chosen)]) {
                found[try row.int("id")] = Hit(kind: try row.string("kind"), slug: try row.optionalString("slug"), period: try row.optionalString("period"),
                    number: try row.optionalInt("number"), code: try row.optionalString("code"), title: try Localized(row, "title"),
                    commune: try row.optionalString("commune_name_ar").map { Localized(arabic: $0, french: try row.optionalString("commune_name_fr")) })
            }
            hits += chosen.compactMap { found[$0] }
            skip = 0
        }
        return (counts, hits)
    }

    /// Row ids as a JSON array, bound as one value and read back with json_each.
    private static func jsonList<S: Sequence>(_ ids: S) -> String where S.Element == Int {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The commune a search is narrowed to, by its slug; nil when there is none.
    static func commune(_ db: Connection, slug: String) throws -> (id: Int, name: Localized)? {
        try db.queryOne("SELECT id, name_ar, name_fr FROM communes WHERE slug = ?", [slug]).map {
            (id: try $0.int("id"), name: try Localized($0, "name"))
        }
    }

    /// Whether something changed since the index was last brought up to date.
    static func hasPendingChanges(_ db: Connection) throws -> Bool {
        try db.scalar("SELECT 1 FROM search_dirty LIMIT 1", as: Int.self) != nil
    }
}
