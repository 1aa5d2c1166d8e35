import CLinux
import Foundation
import Glibc

/// A kept response's body copied once into an anonymous file in memory (memfd), sealed so it can
/// never change, for the kernel to send with `sendfile` from the file's own pages instead of
/// copying it out of our buffer on every answer — what nginx does with a file on disk. A copy
/// costs more than the second system call only for a body of some size (`threshold`), so smaller
/// bodies go out with the head in one `sendmsg` as before. The file lives as long as the kept
/// response (a page cache entry, a static file's answer); bytes already handed to the socket keep
/// their pages however soon it is closed.
final class MemoryFile: Sendable {
    /// From this many bytes a kept body is sent from a memory file (measured: README, "Performance").
    static let threshold = 16 * 1024
    /// At most this many files live at once: each holds a descriptor, and the server keeps room
    /// for them beside its connections (`HTTPServer.start`), so a large page cache can never
    /// take the descriptors accepting needs. Past it a body goes out as bytes.
    static let limit = 1_024
    private static let live = Live()

    /// How many files are open, and the limit's check (one lock; a file is made rarely).
    private final class Live: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func take() -> Bool {
            lock.withLock {
                guard count < MemoryFile.limit else { return false }
                count += 1
                return true
            }
        }
        func give() { lock.withLock { count -= 1 } }
        var current: Int { lock.withLock { count } }
    }

    /// Files open now (for tests).
    static var liveCount: Int { live.current }

    let fd: Int32
    /// The body's length.
    let count: Int

    /// A sealed copy of `bytes`, or nil when the system refuses one (the body then goes out as
    /// bytes, as smaller ones do).
    init?(_ bytes: [UInt8]) {
        guard Self.live.take() else { return nil }
        let fd = infitah_memfd_create("infitah-body", INFITAH_MFD_CLOEXEC | INFITAH_MFD_ALLOW_SEALING)
        guard fd >= 0 else {
            Self.live.give()
            return nil
        }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let count = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if count > 0 { offset += count } else if count < 0 && errno == EINTR { continue } else { return false }
            }
            return true
        }
        guard written, infitah_add_seals(fd, INFITAH_F_SEAL_WRITE | INFITAH_F_SEAL_GROW | INFITAH_F_SEAL_SHRINK | INFITAH_F_SEAL_SEAL) == 0 else {
            close(fd)
            Self.live.give()
            return nil
        }
        self.fd = fd
        self.count = bytes.count
    }

    deinit {
        close(fd)
        Self.live.give()
    }
}
