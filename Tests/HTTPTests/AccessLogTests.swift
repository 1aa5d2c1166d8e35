import Glibc
import XCTest
@testable import HTTP

/// The access-log line format and the cached clock strings.
final class AccessLogTests: XCTestCase {
    func testLineFormat() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let log = AccessLog(enabled: true, fd: fds[1])
        let time = WallClock().current().iso
        log.record(time: time, method: "GET", path: "/ar/", status: 200, bytes: 5120, microseconds: 412)
        // Numbers are written digit by digit: zero, powers of ten and the largest stay whole.
        log.record(time: time, method: "HEAD", path: "/ar/search", status: 304, bytes: 0, microseconds: 10)
        log.record(time: time, method: "-", path: "-", status: 400, bytes: 100_000, microseconds: UInt64.max)
        log.flush()
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(fds[0], &buffer, buffer.count)
        let line = String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
        XCTAssertEqual(line, "\(time) GET /ar/ 200 5120 412us\n\(time) HEAD /ar/search 304 0 10us\n"
                       + "\(time) - - 400 100000 18446744073709551615us\n")
        XCTAssertNotNil(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression), time)
    }

    func testDisabledLogWritesNothing() {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        let log = AccessLog(enabled: false, fd: fds[1])
        log.record(time: "t", method: "GET", path: "/", status: 200, bytes: 1, microseconds: 1)
        log.flush()
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        var byte: UInt8 = 0
        XCTAssertEqual(read(fds[0], &byte, 1), -1)
    }

    func testDateFieldIsIMFFixdate() {
        let field = String(decoding: WallClock().current().dateField, as: UTF8.self)
        XCTAssertNotNil(field.range(of: #"^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT\r\n$"#,
                                    options: .regularExpression), field)
    }
}
