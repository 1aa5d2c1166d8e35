/// What every fuzz target shares: a way to fail loudly when a property does not hold (libFuzzer
/// then keeps the input that broke it as `crash-…`), and a reader that turns the fuzzer's bytes
/// into the structured values a round-trip property starts from. Compiled into each target.

/// Stops the run when `condition` is false. A property failure is a crash to libFuzzer, so it
/// is minimised and saved like one; the message says which property and with what values.
func require(_ condition: Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError("property failed: " + message(), file: file, line: line) }
}

/// The raw input as an array.
func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Draws choices from the fuzzer's bytes, front to back; an exhausted input reads as zeros,
/// so every input means something and a mutation changes one choice at a time.
struct FuzzInput {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isExhausted: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A number in `range`, from one or two bytes.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = range.upperBound - range.lowerBound + 1
        let raw = width > 256 ? Int(byte()) << 8 | Int(byte()) : Int(byte())
        return range.lowerBound + raw % width
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A run of raw bytes: a length byte, then that many bytes (fewer at the end of the input).
    mutating func run(maxLength: Int = 255) -> [UInt8] {
        let length = min(Int(byte()), maxLength, bytes.count - min(position, bytes.count))
        defer { position += length }
        return Array(bytes[position..<(position + length)])
    }

    /// Text from a run: any UTF-8 the fuzzer writes, invalid sequences repaired as U+FFFD,
    /// so every Unicode scalar (combining marks, joiners, RTL marks, NUL) can appear.
    mutating func text(maxLength: Int = 255) -> String {
        String(decoding: run(maxLength: maxLength), as: UTF8.self)
    }
}

/// A deterministic stream of numbers from the input itself (SplitMix64 over an FNV-1a hash),
/// so the same input always gets the same "random" split into pieces.
struct SplitMix {
    var state: UInt64

    init(seeding bytes: [UInt8]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func int(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// Piece lengths that add up to `total`, mostly short (the way a slow client's reads arrive).
    mutating func pieces(of total: Int) -> [Int] {
        var pieces: [Int] = []
        var left = total
        while left > 0 {
            let piece = min(left, 1 + int(below: int(below: 2) == 0 ? 8 : 300))
            pieces.append(piece)
            left -= piece
        }
        return pieces
    }
}

/// `%XX` for every byte: the most encoded form of `bytes` (upper-case hex, RFC 3986 §2.1).
func percentEncodingAll(_ bytes: [UInt8]) -> [UInt8] {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in bytes { out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
    return out
}

/// The WHATWG `application/x-www-form-urlencoded` serializer (URL standard §5.2): bytes of
/// `*-._`, digits and letters as they are, space as `+`, everything else `%XX`.
func formEncoded(_ text: String) -> [UInt8] {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            out.append(byte)
        case UInt8(ascii: " "):
            out.append(UInt8(ascii: "+"))
        default:
            out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
    }
    return out
}

/// Strings compared as their bytes: Swift's `==` treats canonically equivalent texts ("é" as
/// one scalar or as "e" + U+0301) as equal, and a round trip must give back the same bytes.
func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

func sameBytes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let a?, let b?): return sameBytes(a, b)
    default: return false
    }
}

/// A text shown with its escapes, for failure messages (invisible marks made visible).
func shown(_ text: String) -> String { text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() }
