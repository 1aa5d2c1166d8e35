/// Fuzz target: the word diff a council member reads between two versions of a program
/// (`Sources/Portal/Versions/WordDiff.swift`).
///
/// Why: the diff is how a change to an adopted program is seen; a diff that drops, invents or
/// reorders text misreports what the commune changed. The input is two texts (any Unicode:
/// Arabic with harakat, tatweel, joiners, numbers with separators). Properties:
/// - The old side (kept + removed segments, in order) is the old text and the new side (kept +
///   added) the new text, as Swift compares strings; byte for byte when nothing is kept. The diff deliberately treats canonically equivalent words
///   ("é" precomposed or as e + U+0301, "آ" or ا + U+0653) as the same text, as ProgramDiff does
///   (WordDiffTests.testIdenticalAndEmptyTexts), so a kept segment carries one side's bytes.
/// - No empty segment, no two neighbours of one kind, and a change reads removed then added.
/// - Identical texts give one kept segment (none when empty); tokens put together give the text.
// WordDiff.swift is compiled into this target (see Tests/Fuzz/run).

func side(_ segments: [WordDiff.Segment], _ kind: WordDiff.Segment.Kind) -> String {
    segments.filter { $0.kind == .same || $0.kind == kind }.map(\.text).joined()
}

func check(_ old: String, _ new: String) {
    let segments = WordDiff.diff(old, new)
    let described = segments.map { "\($0.kind.rawValue):\(shown($0.text))" }.joined(separator: " ")
    let oldSide = side(segments, .removed)
    require(oldSide == old, "old side of \(described) is not \(shown(old))")
    if !segments.contains(where: { $0.kind == .same }) { require(sameBytes(oldSide, old), "old side of \(described) is not \(shown(old))") }
    let newSide = side(segments, .added)
    require(newSide == new, "new side of \(described) is not \(shown(new))")
    if !segments.contains(where: { $0.kind == .same }) { require(sameBytes(newSide, new), "new side of \(described) is not \(shown(new))") }
    require(segments.allSatisfy { !$0.text.isEmpty }, "empty segment in \(described)")
    require(zip(segments, segments.dropFirst()).allSatisfy { $0.kind != $1.kind && !($0.kind == .added && $1.kind == .removed) },
            "segments out of shape: \(described)")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = bytes(data, size)
    // The two texts are separated by the first 0xFF byte (never part of UTF-8).
    let cut = raw.firstIndex(of: 0xFF) ?? raw.count / 2
    let old = String(decoding: raw[..<cut], as: UTF8.self)
    let new = String(decoding: raw[min(cut + 1, raw.count)...], as: UTF8.self)
    require(WordDiff.tokens(old).map(\.text).joined().utf8.elementsEqual(old.utf8), "tokens of \(shown(old))")
    check(old, new)
    check(new, old)
    let same = WordDiff.diff(old, old)
    require(old.isEmpty ? same.isEmpty : same.count == 1 && same[0].kind == .same && sameBytes(same[0].text, old),
            "a text against itself: \(same)")
    return 0
}
