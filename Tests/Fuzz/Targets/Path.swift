/// Fuzz target: percent-decoding and path normalisation (`Sources/HTTP/RequestTarget.swift`).
///
/// Why: the normalised path is what the static-file handler joins to `Public/`, so a path that
/// keeps a ".." (raw, "%2e%2e", "%2F..") is a way out of it. The input is a request-target (its
/// bytes mapped to the 33–126 range the request-line allows, a "/" put first). Properties:
/// - A normalised path starts with "/", never holds an empty, "." or ".." segment or a NUL, and
///   its segments are the path's.
/// - Percent-encoding any byte, or every byte, of a target without "%" does not change the
///   path: decoding happens before normalising, so the fast and the careful path agree.
/// - Idempotence: the path, encoded again, normalises to itself.
/// - `percentDecode` undoes encoding every byte, for any bytes; a decoded query read back after
///   form-encoding each name and value gives the same pairs.
@testable import HTTP

typealias Normalised = (path: String, segments: [String])

func normalised(_ raw: [UInt8]) -> Normalised? {
    (try? RequestTarget.normalize(raw[...])).map { ($0, RequestTarget.segments(of: $0)) }
}

func check(_ result: Normalised, of raw: [UInt8]) {
    let path = result.path
    require(path.hasPrefix("/") && !path.utf8.contains(0), "path \(shown(path)) from \(shown(String(decoding: raw, as: UTF8.self)))")
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    require(parts.dropLast().allSatisfy { !$0.isEmpty } && parts.allSatisfy { $0 != "." && $0 != ".." },
            "empty or dot-segment in \(shown(path)) from \(shown(String(decoding: raw, as: UTF8.self)))")
    let joined = "/" + result.segments.joined(separator: "/")
    require(sameBytes(joined, path) || sameBytes(joined + "/", path), "segments \(result.segments) of \(shown(path))")
    require(result.segments.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }, "segments \(result.segments)")
}

func same(_ a: Normalised?, _ b: Normalised?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): sameBytes(a.path, b.path) && a.segments.count == b.segments.count
        && zip(a.segments, b.segments).allSatisfy { sameBytes($0, $1) }
    default: false
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = bytes(data, size)

    // Any bytes: decoding undoes the most encoded form.
    require((try? RequestTarget.percentDecode(percentEncodingAll(input)[...], plusAsSpace: false)) == input, "percentDecode ∘ encode")
    if let decoded = try? RequestTarget.percentDecode(input[...], plusAsSpace: true) {
        require((try? RequestTarget.percentDecode(percentEncodingAll(decoded)[...], plusAsSpace: true)) == decoded, "decode twice")
    }

    // A request-target as the request-line allows it.
    var target: [UInt8] = [UInt8(ascii: "/")] + input.map { 33 + $0 % 94 }
    if let question = target.firstIndex(of: UInt8(ascii: "?")) {
        if let query = try? RequestTarget.parseQuery(target[(question + 1)...]) {
            var again: [UInt8] = []
            for (index, pair) in query.enumerated() {
                again += (index > 0 ? [UInt8(ascii: "&")] : []) + formEncoded(pair.name) + [UInt8(ascii: "=")] + formEncoded(pair.value)
            }
            let reread = try? RequestTarget.parseQuery(again[...])
            require(reread != nil && reread!.count == query.count
                    && zip(reread!, query).allSatisfy { sameBytes($0.name, $1.name) && sameBytes($0.value, $1.value) },
                    "query read back differently")
        }
        target = Array(target[..<question])
    }
    let result = normalised(target)
    if let result {
        check(result, of: target)
        // Encoded again ("%" and "?" are the only bytes whose meaning encoding changes), the
        // path normalises to itself.
        var encoded: [UInt8] = []
        for byte in result.path.utf8 {
            encoded += byte == UInt8(ascii: "%") || byte == UInt8(ascii: "?") || byte < 33 || byte > 126 ? percentEncodingAll([byte]) : [byte]
        }
        require(same(normalised(encoded), result), "\(shown(result.path)) does not normalise to itself")
    }
    if !target.contains(UInt8(ascii: "%")) {
        var random = SplitMix(seeding: input)
        let at = 1 + random.int(below: target.count - 1)
        if at < target.count {
            let one = Array(target[..<at]) + percentEncodingAll([target[at]]) + Array(target[(at + 1)...])
            require(same(normalised(one), result), "encoding byte \(at) changed the path of \(shown(String(decoding: target, as: UTF8.self)))")
        }
        let all = [UInt8(ascii: "/")] + percentEncodingAll(Array(target.dropFirst()))
        require(same(normalised(all), result), "encoding every byte changed the path of \(shown(String(decoding: target, as: UTF8.self)))")
    }
    return 0
}
