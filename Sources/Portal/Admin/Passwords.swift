import CCrypt
import Foundation
import Glibc

/// Password hashing for staff accounts with yescrypt, through the system's libcrypt: a slow,
/// memory-hard, salted hash, so a stolen database does not give the passwords back. The
/// stored string ("$y$…") carries its own parameters and salt, so the cost can be raised
/// later without touching existing accounts.
enum Passwords {
    /// Why a password was refused when it was chosen; each has a message in both catalogs.
    enum Weakness: String, Error {
        case tooShort = "password.too_short"
        case tooLong = "password.too_long"
        case namesAccount = "password.names_account"
    }

    static let minimumLength = 10
    /// Long enough for any passphrase; short enough that hashing it costs nothing extra.
    static let maximumLength = 256

    /// Refuses a password that is short, or that is the person's email (or its name part) or the
    /// name of one of their communes, ignoring case, spaces and dots.
    static func check(_ password: String, email: String, communeNames: [String]) -> Weakness? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumLength { return .tooLong }
        func plain(_ text: String) -> String {
            text.lowercased().filter { !$0.isWhitespace && $0 != "." && $0 != "-" && $0 != "_" }
        }
        let typed = plain(password)
        let localPart = email.split(separator: "@").first.map(String.init) ?? email
        let forbidden = ([email, localPart] + communeNames).map(plain).filter { $0.count >= 4 }
        if forbidden.contains(where: { typed == $0 || typed.contains($0) }) { return .namesAccount }
        return nil
    }

    /// A new yescrypt hash of `password` with a fresh random salt (libcrypt reads the kernel's
    /// random source itself when given no bytes).
    static func hash(_ password: String) throws -> String {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn("$y$", 0, nil, 0, &setting, Int32(setting.count)) != nil else {
            throw PasswordError(reason: "crypt_gensalt_rn refused the yescrypt prefix (errno \(errno))")
        }
        guard let hashed = crypt(password, setting: setting), hashed.hasPrefix("$y$") else {
            throw PasswordError(reason: "crypt_r could not hash with yescrypt")
        }
        return hashed
    }

    /// Whether `password` matches `stored`, compared in constant time. A missing hash (password
    /// never set) still spends one hash, so timing does not tell who has an account.
    static func verify(_ password: String, against stored: String?) -> Bool {
        let setting = stored ?? decoy
        guard let computed = crypt(password, setting: Array(setting.utf8CString)) else { return false }
        let a = Array(computed.utf8), b = Array(setting.utf8)
        var difference = a.count ^ b.count
        for index in 0..<min(a.count, b.count) { difference |= Int(a[index] ^ b[index]) }
        return stored != nil && difference == 0
    }

    /// A fixed hash (of a random string nobody knows) to spend the same time on unknown accounts.
    private static let decoy: String = (try? hash(SecureRandom.hex(16))) ?? "$y$j9T$invalid$invalid"

    /// `crypt_r` with its working area on the heap (the struct is tens of kilobytes, too big
    /// for a thread's stack to carry safely), zeroed as the manual requires.
    private static func crypt(_ password: String, setting: [CChar]) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer {
            memset(data, 0, MemoryLayout<crypt_data>.size)  // leave no trace of the password behind
            data.deallocate()
        }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let output = crypt_r(password, setting, data) else { return nil }
        let text = String(cString: output)
        // libcrypt signals failure with a string starting with '*'.
        return text.hasPrefix("*") ? nil : text
    }
}

/// The system's hashing library failed; the account is left as it was.
struct PasswordError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "password hashing failed: \(reason)" }
}
