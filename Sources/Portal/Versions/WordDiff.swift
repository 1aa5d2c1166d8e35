/// Word-level differences between two texts, so a council member sees which words of a
/// project's title or objective changed between two versions, not two whole paragraphs.
/// Works on Unicode properties, never on ASCII ranges: Arabic letters with their diacritics,
/// the tatweel and the zero-width (non-)joiners stay inside their word, in either direction.
enum WordDiff {
    /// A run of text that is in both texts, only in the old one, or only in the new one.
    struct Segment: Sendable, Equatable, Codable {
        enum Kind: String, Sendable, Codable { case same, removed, added }
        var kind: Kind
        var text: String

        init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Beyond this many tokens on a side (after the common start and end are set aside) the
    /// quadratic comparison is not worth its cost: the differing middle is shown replaced whole.
    /// The texts of a program are a few dozen words; this only guards against pasted documents.
    static let tokenLimit = 2_000

    /// The segments that turn `old` into `new`: in order, each change as its removed text then
    /// its added text, adjacent segments of one kind merged. Identical texts give one `same`
    /// segment; two empty texts give none.
    static func diff(_ old: String, _ new: String) -> [Segment] {
        if old == new { return old.isEmpty ? [] : [Segment(.same, old)] }
        let a = tokens(old), b = tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(a[prefix..<(a.count - suffix)]), newMiddle = Array(b[prefix..<(b.count - suffix)])

        var steps: [(Segment.Kind, Token)] = a[..<prefix].map { (.same, $0) }
        if oldMiddle.count > tokenLimit || newMiddle.count > tokenLimit {
            steps += oldMiddle.map { (.removed, $0) } + newMiddle.map { (.added, $0) }
        } else {
            steps += EditScript.between(oldMiddle, newMiddle).map { edit in
                switch edit {
                case .same(let i, _): (.same, oldMiddle[i])
                case .removed(let i): (.removed, oldMiddle[i])
                case .added(let j): (.added, newMiddle[j])
                }
            }
        }
        steps += a[(a.count - suffix)...].map { (.same, $0) }
        return segments(absorbingSeparators(slidingToWordStarts(steps)))
    }

    // MARK: - Tokens

    /// A word, a run of white space, or one other character (punctuation, symbol).
    struct Token: Equatable {
        var text: String
        var isWord: Bool
    }

    /// Splits a text into words and what lies between them. A number keeps the separators
    /// written between its digits ("20 000,00" is three tokens, "495,000.00" one), so a
    /// changed amount reads as one changed figure.
    static func tokens(_ text: String) -> [Token] {
        enum Class { case word, space, other }
        func kind(_ c: Character) -> Class {
            if isWordCharacter(c) { return .word }
            return c.isWhitespace ? .space : .other
        }
        let characters = Array(text)
        var result: [Token] = []
        var index = 0
        while index < characters.count {
            let current = kind(characters[index])
            var end = index + 1
            switch current {
            case .word:
                while end < characters.count {
                    if kind(characters[end]) == .word { end += 1; continue }
                    // A separator inside a number: a digit on both sides.
                    if end + 1 < characters.count, ".,/:".contains(characters[end]),
                       characters[end - 1].isNumber, characters[end + 1].isNumber {
                        end += 2
                        continue
                    }
                    break
                }
            case .space:
                while end < characters.count, kind(characters[end]) == .space { end += 1 }
            case .other:
                break
            }
            result.append(Token(text: String(characters[index..<end]), isWord: current == .word))
            index = end
        }
        return result
    }

    /// Letters (Arabic and Latin, the tatweel U+0640 is a modifier letter), digits of any
    /// script, combining marks (harakat, shadda) and the zero-width joiners U+200C/U+200D.
    static func isWordCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            if scalar.value == 0x200C || scalar.value == 0x200D { return true }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }
    }

    // MARK: - Shaping the result

    /// An insertion (or deletion) inside kept text can often sit at several places that give
    /// the same texts ("pour [les femmes et ]les jeunes" or "pour[ les femmes et] les jeunes").
    /// Prefer the place where it starts at a word and ends after a space, as a person would mark it.
    private static func slidingToWordStarts(_ steps: [(Segment.Kind, Token)]) -> [(Segment.Kind, Token)] {
        var steps = steps
        var index = 0
        while index < steps.count {
            guard steps[index].0 != .same else { index += 1; continue }
            var end = index
            while end < steps.count, steps[end].0 != .same { end += 1 }
            let kind = steps[index].0
            guard steps[index..<end].allSatisfy({ $0.0 == kind }) else { index = end; continue }
            var before = index
            while before > 0, steps[before - 1].0 == .same, index - before < 64 { before -= 1 }
            var after = end
            while after < steps.count, steps[after].0 == .same, after - end < 64 { after += 1 }
            let window = steps[before..<after].map(\.1)
            let kept = window[..<(index - before)] + window[(end - before)...]
            let length = end - index
            func score(_ start: Int) -> Int {
                let first = window[start], last = window[start + length - 1]
                let startsAtWord = first.isWord && (start == 0 ? before == 0 || !steps[before - 1].1.isWord : !window[start - 1].isWord)
                return (startsAtWord ? 2 : 0) + (!last.isWord ? 1 : 0)
            }
            var best = index - before, bestScore = score(best)
            for start in 0...(window.count - length) where start != index - before {
                guard Array(window[..<start] + window[(start + length)...]) == Array(kept) else { continue }
                let candidate = score(start)
                if candidate > bestScore || (candidate == bestScore && start < best) { best = start; bestScore = candidate }
            }
            for offset in 0..<window.count {
                let inRun = offset >= best && offset < best + length
                steps[before + offset] = (inRun ? kind : .same, window[offset])
            }
            index = max(end, before + best + length)
        }
        return steps
    }

    /// White space or punctuation that both texts share between two changes is shown as part
    /// of the change: "a b" -> "x y" reads as one replaced phrase, not two changes around a
    /// kept space.
    private static func absorbingSeparators(_ steps: [(Segment.Kind, Token)]) -> [(Segment.Kind, Token)] {
        var result: [(Segment.Kind, Token)] = []
        var index = 0
        while index < steps.count {
            guard steps[index].0 == .same else { result.append(steps[index]); index += 1; continue }
            var end = index
            while end < steps.count, steps[end].0 == .same { end += 1 }
            let run = steps[index..<end]
            let between = index > 0 && end < steps.count
            if between, !run.contains(where: { $0.1.isWord }) {
                result += run.map { (.removed, $0.1) } + run.map { (.added, $0.1) }
            } else {
                result += run
            }
            index = end
        }
        return result
    }

    /// Merges the steps into segments, each change region as its removed text then its added text.
    private static func segments(_ steps: [(Segment.Kind, Token)]) -> [Segment] {
        var result: [Segment] = []
        var removed = "", added = ""
        func flushChange() {
            if !removed.isEmpty { result.append(Segment(.removed, removed)) }
            if !added.isEmpty { result.append(Segment(.added, added)) }
            removed = ""
            added = ""
        }
        for (kind, token) in steps {
            switch kind {
            case .removed: removed += token.text
            case .added: added += token.text
            case .same:
                flushChange()
                if let last = result.last, last.kind == .same { result[result.count - 1].text += token.text }
                else { result.append(Segment(.same, token.text)) }
            }
        }
        flushChange()
        return result
    }
}

/// The longest-common-subsequence alignment of two sequences, shared by the word diff and the
/// list fields (objectives, indicators) so both pair their items the same way.
enum EditScript {
    enum Edit: Equatable {
        /// Index in the old sequence, index in the new one.
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// The edits from `a` to `b`, in order. Matches as early as possible and, between two
    /// matches, lists removals before additions. Quadratic in time and memory: callers bound
    /// the sizes (WordDiff.tokenLimit; lists on a project card hold a handful of items).
    static func between<T: Equatable>(_ a: [T], _ b: [T]) -> [Edit] {
        let n = a.count, m = b.count
        let width = m + 1
        // lengths[i * width + j]: length of the LCS of a[i...] and b[j...].
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lengths[i * width + j] = a[i] == b[j]
                        ? lengths[(i + 1) * width + j + 1] + 1
                        : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
                }
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(i, j)); i += 1; j += 1
            } else if j == m || (i < n && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
                edits.append(.removed(i)); i += 1
            } else {
                edits.append(.added(j)); j += 1
            }
        }
        return edits
    }
}
