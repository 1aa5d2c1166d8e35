import Foundation
import Glibc

/// The system's mail transfer agent, reached through the sendmail interface that every Unix
/// MTA provides (Debian's `msmtp-mta`, `exim4`, `postfix`): a program that reads one message
/// on its standard input and exits 0 once it has taken responsibility for it. The portal never
/// speaks SMTP itself; queues, relays, DKIM and TLS are the MTA's trade.
///
/// The command is split into words here (no shell: nothing in it is expanded or run but the
/// program named), started with `Foundation.Process`, given the message through a pipe, and
/// bounded in time: past `timeout` it is killed. Its standard error is kept (a few hundred
/// bytes) to say why it failed.
struct Sendmail: Sendable {
    /// The program (an absolute path) and its arguments.
    let arguments: [String]
    let timeout: TimeInterval

    /// Why a command line cannot be used; refused at start, in one line.
    struct CommandError: Error, CustomStringConvertible, Equatable {
        let description: String
    }

    /// The words of a command line as a shell would split it, without anything else a shell
    /// does: blanks separate words; 'single quotes' keep everything; "double quotes" keep
    /// everything but `\"` and `\\`; a backslash outside quotes keeps the next character.
    /// No variable, glob, pipe or redirection: `$`, `*`, `|` and `>` are plain characters.
    static func words(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for character in line {
            if escaped {
                // Inside double quotes a backslash only escapes `"` and itself, as in a shell.
                if quote == "\"" && character != "\"" && character != "\\" { current.append("\\") }
                current.append(character); escaped = false; inWord = true
                continue
            }
            switch (quote, character) {
            case (nil, "\\"): escaped = true
            case (nil, "'"), (nil, "\""): quote = character; inWord = true
            case (nil, _) where character.isWhitespace:
                if inWord { words.append(current); current = ""; inWord = false }
            case (nil, _): current.append(character); inWord = true
            case ("'", "'"): quote = nil
            case ("\"", "\""): quote = nil
            case ("\"", "\\"): escaped = true
            default: current.append(character)
            }
        }
        guard quote == nil, !escaped else { throw CommandError(description: "--sendmail-command has an unclosed quote or a trailing backslash") }
        if inWord { words.append(current) }
        guard !words.isEmpty else { throw CommandError(description: "--sendmail-command names no program") }
        return words
    }

    /// `words` with the program found: a name with a slash must be an executable file there;
    /// a bare name is looked up in `path` (the server's PATH), as a shell would.
    static func resolved(_ words: [String], path: String?) throws -> [String] {
        guard let program = words.first else { throw CommandError(description: "--sendmail-command names no program") }
        let files = FileManager.default
        func isProgram(_ path: String) -> Bool {
            var folder: ObjCBool = false
            return files.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue && files.isExecutableFile(atPath: path)
        }
        if program.contains("/") {
            guard isProgram(program) else {
                throw CommandError(description: "--sendmail-command: \(program) is not an executable file")
            }
            return [URL(fileURLWithPath: program).path] + words.dropFirst()
        }
        for folder in (path ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + program
            if isProgram(candidate) { return [candidate] + words.dropFirst() }
        }
        throw CommandError(description: "--sendmail-command: no program '\(program)' in PATH (Debian: apt-get install msmtp-mta, or exim4)")
    }

    /// How one hand-off ended.
    enum Outcome: Equatable {
        /// The program exited 0: the MTA has the message.
        case accepted
        /// Anything else, in a line for the outbox (addresses masked).
        case failed(String)
    }

    /// SIGPIPE is ignored once for the whole process (the server does it too): a program that
    /// exits without reading its input must make our write fail with EPIPE, not end the portal.
    private static let pipeSignalIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Hands `message` to the program and waits for it, at most `timeout` seconds.
    func send(_ message: [UInt8]) -> Outcome {
        _ = Self.pipeSignalIgnored
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            return .failed("could not start \(arguments[0]): \(error)")
        }
        // Our copies of the child's ends are closed, so that EOF and EPIPE mean what they say.
        try? input.fileHandleForReading.close()
        try? errors.fileHandleForWriting.close()

        // The message is written and the error text read on their own threads: a program that
        // neither reads nor exits cannot hold this one past the timeout.
        let written = DispatchSemaphore(value: 0)
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            Self.writeAll(message, to: writer.fileDescriptor)
            try? writer.close()
            written.signal()
        }
        // The reader gets its own descriptor, which it closes: the pipe's may be closed (when
        // `errors` goes) while a grandchild keeps the other end open and the reader still polls.
        let reader = ErrorText(dup(errors.fileHandleForReading.fileDescriptor), deadline: Date().addingTimeInterval(timeout + 3))
        try? errors.fileHandleForReading.close()

        var outcome: Outcome
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL, not SIGTERM: a child inherits the signals its parent ignores, and the
            // server ignores SIGTERM (it handles it through a dispatch source).
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
            let shown = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            outcome = .failed("no answer within \(shown) s: stopped (SIGKILL)")
        } else if process.terminationReason == .uncaughtSignal {
            outcome = .failed("ended by signal \(process.terminationStatus)")
        } else if process.terminationStatus != 0 {
            outcome = .failed("exit status \(process.terminationStatus)")
        } else {
            outcome = .accepted
        }
        _ = written.wait(timeout: .now() + 2)
        let text = reader.finish()
        if case .failed(let reason) = outcome, !text.isEmpty { outcome = .failed(reason + ": " + text) }
        return outcome
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }

    /// The first few hundred bytes a program writes on its standard error, read on a thread of
    /// their own until the end of the stream or a deadline (a grandchild may keep the pipe open).
    private final class ErrorText: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []    // guarded by lock
        private let done = DispatchSemaphore(value: 0)
        static let keep = 400

        init(_ fd: Int32, deadline: Date) {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            DispatchQueue.global().async { [self] in
                var buffer = [UInt8](repeating: 0, count: 4096)
                while Date() < deadline {
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    let ready = poll(&poller, 1, Int32(max(1, min(200, deadline.timeIntervalSinceNow * 1000))))
                    if ready < 0 && errno == EINTR { continue }
                    if ready <= 0 { continue }
                    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4096) }
                    if n == 0 { break }
                    if n < 0 { if errno == EAGAIN || errno == EINTR { continue } else { break } }
                    lock.lock()
                    if bytes.count < Self.keep { bytes += buffer[0..<min(n, Self.keep - bytes.count)] }
                    lock.unlock()
                }
                close(fd)
                done.signal()
            }
        }

        /// What was read, as one line with addresses masked; waits a moment for the reader.
        func finish() -> String {
            _ = done.wait(timeout: .now() + 1)
            lock.lock()
            defer { lock.unlock() }
            let text = String(decoding: bytes, as: UTF8.self)
                .unicodeScalars.map { $0.properties.generalCategory == .control ? " " : String($0) }.joined()
            return MailAddress.masked(text.split(separator: " ").joined(separator: " "))
        }
    }
}
