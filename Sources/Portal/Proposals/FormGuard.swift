import Foundation
import Glibc
import SQLite

/// Random bytes from the kernel, for secrets, form nonces and tracking codes: they must be
/// unguessable, which the standard library's generator does not promise on every platform.
enum SecureRandom {
    /// /dev/urandom, opened once: one read(2) per call, where opening it each time cost three
    /// system calls and a FileHandle (every form and every proposal asks).
    private static let urandom: Int32 = open("/dev/urandom", O_RDONLY | O_CLOEXEC)

    static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while urandom >= 0 && filled < count {
            let n = bytes.withUnsafeMutableBytes { read(urandom, $0.baseAddress! + filled, count - filled) }
            if n > 0 { filled += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        if filled == count { return bytes }
        // /dev/urandom is always there on Linux; this only keeps the type total.
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    static func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * count)
        for byte in bytes(count) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Cross-site request forgery protection without cookies or server-side sessions: each form
/// carries `nonce.hash(secret + nonce)`, which only this server can make, and which it checks
/// by recomputing. The nonce also names the submission, so the same form sent twice (double
/// tap, resend after Back) is recognised and stored once.
final class FormGuard: @unchecked Sendable {
    private let lock = NSLock()
    private var secret: [UInt8]?     // guarded by lock
    private var fixedNonce: String?  // guarded by lock
    private let database: Database

    init(database: Database) { self.database = database }

    /// A fresh token for a form about to be shown.
    func token() throws -> String {
        lock.lock()
        let nonce = fixedNonce ?? SecureRandom.hex(16)
        lock.unlock()
        return nonce + "." + SHA256.hex(try serverSecret() + Array(nonce.utf8))
    }

    /// Makes every form shown carry the token of `nonce` (32 lowercase hex digits) instead of a
    /// random one. Only the snapshot tests call it, so a form is the same bytes on every run; a
    /// token is then worth one submission for every form, which no server may accept.
    func showFixedNonce(_ nonce: String) {
        precondition(nonce.utf8.count == 32 && nonce.allSatisfy(\.isHexDigit), "a nonce is 32 hex digits")
        lock.lock()
        fixedNonce = nonce
        lock.unlock()
    }

    /// The token's nonce when the token is one this server made, else nil.
    func verify(_ token: String?) throws -> String? {
        guard let token else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit), parts[1].count == 64 else { return nil }
        let nonce = String(parts[0])
        let expected = Array(SHA256.hex(try serverSecret() + Array(nonce.utf8)).utf8)
        let given = Array(parts[1].utf8)
        // Compare every byte, so the time taken says nothing about where they differ.
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        return difference == 0 ? nonce : nil
    }

    /// The secret, read from `settings` or made (32 bytes from /dev/urandom) on first use.
    /// Stored so tokens stay valid across restarts.
    private func serverSecret() throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        if let secret { return secret }
        let stored: String = try database.write { db in
            try ProposalStore.formSecret(db, fresh: SecureRandom.hex(32))
        }
        secret = Array(stored.utf8)
        return secret!
    }
}

/// Counts recent submissions per address so one machine cannot flood a call. In memory:
/// a restart forgets the counts, which only ever errs on the visitor's side.
final class RateLimiter: @unchecked Sendable {
    let limit: Int
    let window: TimeInterval
    private let lock = NSLock()
    private var hits: [String: [Date]] = [:]   // guarded by lock

    /// At most `limit` submissions per `window` seconds per address.
    init(limit: Int = 10, window: TimeInterval = 600) {
        self.limit = limit
        self.window = window
    }

    /// Records a submission from `address` at `now`, or returns how many seconds to wait.
    func admit(_ address: String, at now: Date) -> TimeInterval? {
        lock.lock()
        defer { lock.unlock() }
        if hits.count > 10_000 { hits = hits.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        // Edited in place (no copy of the address's list per submission) and pruned from the
        // front, where the oldest times are: a busy address costs the same as a quiet one.
        if let times = hits[address] {
            let expired = times.firstIndex { now.timeIntervalSince($0) < window } ?? times.count
            if expired > 0 { hits[address]!.removeFirst(expired) }
        }
        if let times = hits[address], times.count >= limit, let oldest = times.first {
            return max(1, window - now.timeIntervalSince(oldest))
        }
        hits[address, default: []].append(now)
        return nil
    }
}

/// The code a citizen keeps to follow their proposal: 18 characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), about 89 bits, grouped by six to be read out or copied by hand.
enum TrackingCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    static let length = 18

    static func make() -> String {
        var characters: [Character] = []
        while characters.count < length {
            // 31 letters: drop bytes >= 248 so every letter is equally likely.
            for byte in SecureRandom.bytes(24) where byte < 248 && characters.count < length {
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return group(characters)
    }

    /// The canonical form of a code as typed (any case, dashes or spaces optional), or nil.
    static func canonical(_ typed: String) -> String? {
        let characters = symbols(typed)
        guard characters.count == length, characters.allSatisfy(alphabet.contains) else { return nil }
        return group(characters)
    }

    /// What a person typed or pasted, as the code's symbols: upper case; spaces, dashes of any
    /// kind and invisible direction marks (which copying from an Arabic page or a chat can
    /// bring along) dropped; full-width forms folded (NFKC); digits typed on an Arabic keyboard
    /// (٢ or ۲) read as 2. Not checked against the alphabet (see `canonical`).
    static func symbols(_ typed: String) -> [Character] {
        var characters: [Character] = []
        for scalar in typed.precomposedStringWithCompatibilityMapping.unicodeScalars {
            let properties = scalar.properties
            if properties.isWhitespace || [.dashPunctuation, .format, .control].contains(properties.generalCategory)
                || scalar == "\u{2212}" || scalar == "\u{0640}" { continue }
            if properties.numericType == .decimal, let value = properties.numericValue, (0...9).contains(value) {
                characters.append(Character(String(Int(value))))
            } else {
                characters.append(contentsOf: String(scalar).uppercased())
            }
        }
        return characters
    }

    private static func group(_ characters: [Character]) -> String {
        stride(from: 0, to: length, by: 6).map { String(characters[$0..<min($0 + 6, length)]) }.joined(separator: "-")
    }
}
