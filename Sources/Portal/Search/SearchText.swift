import Foundation

/// How search reads text, so that a word matches however it is written: Arabic without its
/// diacritics and tatweel, with alif forms, ta marbuta and alif maqsura folded and the article
/// and attached prefixes (ال، و، ف، ب، ل، ك and their combinations: وال، بال، لل…) taken off,
/// so مشروع finds المشروع and بالمشروع; French without accents, case or elision (l', d').
/// The index holds this normalised copy; pages show the original text with the words that
/// matched marked.
enum SearchText {
    /// Tells which words of a page's results match the searched words, to mark them. The searched
    /// words are folded once for the page, and each distinct word of the results once: a page
    /// marks the titles of twenty results, and folding a word asks ICU to strip its diacritics.
    struct Marker {
        private let wanted: [(folded: String, stripped: String)]
        private var decided: [String: Bool] = [:]

        init(searched: [String]) {
            wanted = searched.compactMap { term in foldedWord(term).map { ($0, stripPrefixes($0)) } }
        }

        /// Whether a word as written matches one of the searched words.
        mutating func marks(_ raw: String) -> Bool {
            if let known = decided[raw] { return known }
            var mark = false
            if let base = foldedWord(raw) {
                let stripped = stripPrefixes(base)
                mark = wanted.contains { stripped.hasPrefix($0.stripped) || base.hasPrefix($0.folded) || stripped.hasPrefix($0.folded) }
            }
            decided[raw] = mark
            return mark
        }
    }

    /// Letters, digits, Arabic marks and tatweel, and the apostrophes of French elision.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "'" || scalar == "\u{2019}" { return true }
        if scalar == "\u{640}" { return true }   // tatweel
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670
    }

    /// One word folded (case, accents, elision, Arabic letter forms and marks, digits) but with
    /// its prefixes; nil when nothing searchable is left.
    static func foldedWord(_ raw: String) -> String? {
        var scalars = String.UnicodeScalarView()
        // French: lowercase, accents off (é → e), elision off (l'école → école).
        var word = raw.lowercased()
        if let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "\u{2019}" }) {
            let head = word[..<apostrophe]
            if head.count <= 2 { word = String(word[word.index(after: apostrophe)...]) }
        }
        word = word.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
        // ASCII carries no diacritics: only other letters go through ICU's transform.
        if !word.utf8.allSatisfy({ $0 < 0x80 }) { word = word.applyingTransform(.stripDiacritics, reverse: false) ?? word }
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x064B...0x065F, 0x0670, 0x0640: continue                    // harakat, dagger alif, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: scalars.append("\u{627}")      // آ أ إ ٱ → ا
            case 0x0629: scalars.append("\u{647}")                              // ة ~ ه
            case 0x0649: scalars.append("\u{64A}")                              // ى ~ ي
            case 0x0660...0x0669: scalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)   // Arabic-Indic digits
            case 0x06F0...0x06F9: scalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)   // Persian digits
            default: scalars.append(scalar)
            }
        }
        let folded = String(scalars)
        return folded.isEmpty ? nil : folded
    }

    /// The Arabic article and attached prefixes taken off, the same way for what is indexed and
    /// what is searched: up to three times, the article (ال، لل and with و، ف، ب، ك before it) when
    /// two letters remain, else one prefix letter (و، ف، ب، ل، ك) from a word of five letters or
    /// more. It over-strips some words (برنامج → رنامج) — on both sides alike, so they still match.
    static func stripPrefixes(_ word: String) -> String {
        var letters = Array(word.unicodeScalars)
        guard let first = letters.first, (0x0600...0x06FF).contains(first.value) else { return word }
        let articles: [[Unicode.Scalar]] = ["وال", "فال", "بال", "كال", "لل", "ال"].map { Array($0.unicodeScalars) }
        let prefixes: Set<Unicode.Scalar> = ["\u{648}", "\u{641}", "\u{628}", "\u{644}", "\u{643}"]
        for _ in 0..<3 {
            if let article = articles.first(where: { letters.starts(with: $0) && letters.count - $0.count >= 2 }) {
                letters.removeFirst(article.count)
            } else if let head = letters.first, prefixes.contains(head), letters.count >= 5 {
                letters.removeFirst()
            } else {
                break
            }
        }
        return String(String.UnicodeScalarView(letters))
    }

    /// What the index holds for one word: its stripped form, and the word as written (folded but
    /// with its prefixes) so that typing the beginning of a word finds it too.
    static func indexTerms(_ raw: String) -> [String] {
        guard let base = foldedWord(raw) else { return [] }
        let stripped = stripPrefixes(base)
        return stripped == base ? [base] : [stripped, base]
    }

    /// What a person typed as search reads it: up to eight words, each by the forms that may
    /// begin a word of the index (its stripped form and its folded form); empty when nothing
    /// searchable was typed. `SearchStore.expression` turns it into an FTS5 query.
    static func queryWords(_ typed: String) -> [[String]] {
        typedWords(typed).prefix(8).compactMap { raw in
            guard let base = foldedWord(raw) else { return nil }
            return Set([stripPrefixes(base), base]).sorted()
        }
    }

    /// A word as an FTS5 string: whatever it holds stays inside the quotes.
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The words of a text as written (split as `words` splits them).
    static func typedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) { current.append(scalar) } else if !current.isEmpty { words.append(String(current)); current = .init() }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
