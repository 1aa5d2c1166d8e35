/// Keeps text that runs the other way readable as written. Without it the Unicode bidi
/// algorithm reads the digits of "2024-2025" after Arabic letters as Arabic numbers and draws
/// "2025-2024", turns a date range "12–19" around, and scatters a Latin name's words; Arabic
/// inside French text can pull its neighbours the same way.
///
/// The text's own direction is its first strong letter's (Arabic or Latin), or the page's when it
/// has none (a period alone). Inside right-to-left text, every run of Latin words, codes, and
/// numbers joined by "-", "/", "–", ":" or "." is isolated left to right; inside left-to-right
/// text, every Arabic run is isolated right to left. A plain number ("12", "20 000,00") is left
/// alone: it already reads as written. Runs made only of digits and their joiners (a period, a
/// date, a time) are also kept on one line.
///
/// Two renderings of the same runs: HTML (`<bdi dir="ltr">…</bdi>`, escaped), used by the
/// templates' `{{bidi value}}`, `{{date}}` and the arguments of `{{t}}`; and plain text with
/// the Unicode isolates (U+2066 LRI or U+2067 RLI … U+2069 PDI) for where no markup can go:
/// `<title>`, attributes, option labels. Stored texts and exports (CSV, JSON, feeds) never
/// carry either.
public enum Bidi {
    /// A stretch of text and how it is shown.
    enum Run: Equatable {
        case plain(String)
        /// Left to right inside right-to-left text (or a joined number anywhere); `nowrap`
        /// when it is digits and joiners only, so a period never breaks across lines.
        case ltr(String, nowrap: Bool)
        /// Arabic inside left-to-right text.
        case rtl(String)
    }

    /// The text with its runs isolated by Unicode control characters (plain text only).
    public static func isolated(_ text: String, _ language: Language) -> String {
        var out = ""
        for run in runs(text, language) {
            switch run {
            case .plain(let s): out += s
            case .ltr(let s, _): out += "\u{2066}" + s + "\u{2069}"
            case .rtl(let s): out += "\u{2067}" + s + "\u{2069}"
            }
        }
        return out
    }

    /// The text as HTML: escaped, its runs in `<bdi>` (see the type's comment).
    public static func html(_ text: String, _ language: Language) -> String {
        var out: [UInt8] = []
        appendHTML(text, language, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendHTML(_ text: String, _ language: Language, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Most values hold nothing to isolate: one scan, then a plain escaped copy.
            guard mayHaveRuns(bytes, language) else { return HTMLEscape.append(escaping: bytes, to: &out) }
            let spans = scannedSpans(bytes, language)
            guard !spans.isEmpty else { return HTMLEscape.append(escaping: bytes, to: &out) }
            for span in spans {
                let slice = UnsafeBufferPointer(rebasing: bytes[span.bytes])
                switch span.kind {
                case .plain:
                    HTMLEscape.append(escaping: slice, to: &out)
                case .ltr(let nowrap):
                    HTMLEscape.append(nowrap ? "<bdi dir=\"ltr\" class=\"nowrap\">" : "<bdi dir=\"ltr\">", to: &out)
                    HTMLEscape.append(escaping: slice, to: &out)
                    HTMLEscape.append("</bdi>", to: &out)
                case .rtl:
                    HTMLEscape.append("<bdi dir=\"rtl\" lang=\"ar\">", to: &out)
                    HTMLEscape.append(escaping: slice, to: &out)
                    HTMLEscape.append("</bdi>", to: &out)
                }
            }
        }
    }

    // MARK: Finding the runs

    static func isArabic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x060C, 0x061B, 0x061F, 0x066A...0x066C: return false   // comma, semicolon, question mark, percent and separators are neutral
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }

    static func isLatin(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: return true
        case 0x300...0x36F: return true   // combining accents stay with their letter
        default: return false
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Characters that join two numbers into one thing to read left to right: a period, a date, a time, a version.
    static func isNumberJoiner(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", "/", "\u{2013}", "\u{2011}", ":", ".": return true
        default: return false
        }
    }

    /// Characters that stay inside a number without changing how it reads (groups, decimals).
    static func isNumberGroup(_ s: Unicode.Scalar) -> Bool { s == "," || s == "\u{00A0}" || s == "\u{202F}" }

    /// False when `text` certainly has no run to isolate, found without copying it: right to
    /// left text with no Latin letter or digit, or left to right text with no Arabic letter or
    /// digit (most values: an Arabic title, a French sentence).
    static func mayHaveRuns(_ text: String, _ language: Language) -> Bool {
        var text = text
        return text.withUTF8 { mayHaveRuns($0, language) }
    }

    static func mayHaveRuns(_ bytes: UnsafeBufferPointer<UInt8>, _ language: Language) -> Bool {
        var rightToLeft: Bool? = nil
        var latin = false, arabic = false
        var index = 0
        while index < bytes.count {
            let (scalar, width) = scalar(in: bytes, at: index)
            index += width
            if isDigit(scalar) { return true }
            if isLatin(scalar) { latin = true; if rightToLeft == nil { rightToLeft = false } }
            else if isArabic(scalar) { arabic = true; if rightToLeft == nil { rightToLeft = true } }
        }
        return (rightToLeft ?? (language == .ar)) ? latin : arabic
    }

    /// The scalar whose UTF-8 starts at `index` of `bytes`, and its length. The bytes are a
    /// string's, so valid UTF-8: read by hand, ASCII first (most of what pages hold).
    @inline(__always)
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        func next(_ k: Int) -> UInt32 { UInt32(bytes[index + k] & 0x3F) }
        let (value, width): (UInt32, Int)
        if lead < 0xE0 { (value, width) = ((lead & 0x1F) << 6 | next(1), 2) }
        else if lead < 0xF0 { (value, width) = ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3) }
        else { (value, width) = ((lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    static func runs(_ text: String, _ language: Language) -> [Run] {
        mayHaveRuns(text, language) ? scannedRuns(text, language) : [.plain(text)]
    }

    /// The runs of a text `mayHaveRuns` let through.
    static func scannedRuns(_ text: String, _ language: Language) -> [Run] {
        var text = text
        return text.withUTF8 { bytes in
            let spans = scannedSpans(bytes, language)
            guard !spans.isEmpty else { return [.plain(String(decoding: bytes, as: UTF8.self))] }
            return spans.map { span in
                let part = String(decoding: UnsafeBufferPointer(rebasing: bytes[span.bytes]), as: UTF8.self)
                switch span.kind {
                case .plain: return .plain(part)
                case .ltr(let nowrap): return .ltr(part, nowrap: nowrap)
                case .rtl: return .rtl(part)
                }
            }
        }
    }

    /// A run as the stretch of the text's UTF-8 bytes it covers: the page writes it from there,
    /// building no string per run.
    struct Span: Equatable {
        enum Kind: Equatable {
            case plain
            case ltr(nowrap: Bool)
            case rtl
        }
        let kind: Kind
        let bytes: Range<Int>
    }

    /// The runs of `bytes` (UTF-8), in order and covering all of it; empty when the whole text is
    /// one plain run.
    static func scannedSpans(_ bytes: UnsafeBufferPointer<UInt8>, _ language: Language) -> [Span] {
        // The scalars, and where each starts in the bytes (one more: the end).
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var offset = 0
        while offset < bytes.count {
            let (scalar, width) = scalar(in: bytes, at: offset)
            scalars.append(scalar)
            offsets.append(offset)
            offset += width
        }
        offsets.append(offset)
        let firstStrong = scalars.first { isArabic($0) || isLatin($0) }
        let rightToLeft = firstStrong.map(isArabic) ?? (language == .ar)
        var result: [Span] = []
        var plainStart = 0
        var index = 0
        func emit(_ range: Range<Int>, _ kind: Span.Kind) {
            if plainStart < range.lowerBound { result.append(Span(kind: .plain, bytes: offsets[plainStart]..<offsets[range.lowerBound])) }
            result.append(Span(kind: kind, bytes: offsets[range.lowerBound]..<offsets[range.upperBound]))
            plainStart = range.upperBound
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if rightToLeft, isLatin(scalar) || isDigit(scalar) {
                // A left-to-right run: Latin words and numbers, with what joins them.
                var end = index + 1
                var hasLatin = isLatin(scalar), joined = false
                var next = end
                while next < scalars.count {
                    let c = scalars[next]
                    if isLatin(c) || isDigit(c) {
                        hasLatin = hasLatin || isLatin(c)
                        next += 1
                        end = next
                    } else if isNumberJoiner(c) || isNumberGroup(c) || (hasLatin && (c == "'" || c == "&" || c == "@" || c == "_")) {
                        guard next + 1 < scalars.count, isLatin(scalars[next + 1]) || isDigit(scalars[next + 1]) else { break }
                        if !isNumberGroup(c) { joined = true }
                        next += 1
                    } else if c == " " {
                        // Across spaces only between Latin words ("Impact for Development", "Axe 1").
                        var after = next
                        while after < scalars.count, scalars[after] == " " { after += 1 }
                        guard after < scalars.count, isLatin(scalars[after]) || (hasLatin && isDigit(scalars[after])) else { break }
                        next = after
                    } else {
                        break
                    }
                }
                if hasLatin || joined { emit(index..<end, .ltr(nowrap: !hasLatin)) }
                index = end
            } else if !rightToLeft, isArabic(scalar) {
                // An Arabic run, with the spaces, digits and marks between its words.
                var end = index + 1
                var next = end
                while next < scalars.count {
                    if isArabic(scalars[next]) { next += 1; end = next; continue }
                    if isLatin(scalars[next]) || scalars[next] == "\n" { break }
                    // Neutrals and digits belong to the run only when Arabic follows them.
                    var after = next
                    while after < scalars.count, !isArabic(scalars[after]), !isLatin(scalars[after]), scalars[after] != "\n",
                          scalars[after] != "(", scalars[after] != ")" { after += 1 }
                    guard after < scalars.count, isArabic(scalars[after]) else { break }
                    next = after
                }
                emit(index..<end, .rtl)
                index = end
            } else if !rightToLeft, isDigit(scalar) {
                // A joined number in left-to-right text reads right already; it only must not wrap.
                var end = index + 1
                var joined = false
                while end < scalars.count {
                    if isDigit(scalars[end]) { end += 1; continue }
                    if isNumberJoiner(scalars[end]) || isNumberGroup(scalars[end]), end + 1 < scalars.count, isDigit(scalars[end + 1]) {
                        if !isNumberGroup(scalars[end]) { joined = true }
                        end += 1
                        continue
                    }
                    break
                }
                // Only a number standing as a word: not a piece of an address or a code ("/2025-2026/").
                let before = index == 0 ? " " : scalars[index - 1], after = end == scalars.count ? " " : scalars[end]
                let apart = !(isLatin(before) || before == "/" || before == "." || before == "-" || before == "_")
                    && !(isLatin(after) || after == "/" || after == "-" || after == "_" || after == "#" || after == "?")
                if joined && apart { emit(index..<end, .ltr(nowrap: true)) }
                index = end
            } else {
                index += 1
            }
        }
        if result.isEmpty { return [] }
        if plainStart < scalars.count { result.append(Span(kind: .plain, bytes: offsets[plainStart]..<offsets[scalars.count])) }
        return result
    }
}
