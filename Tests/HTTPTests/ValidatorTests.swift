import XCTest
@testable import HTTP

/// The weak ETag of a rendered page: the same bytes give the same tag after a restart, and any
/// change to the bytes, even one byte or only the length, gives another.
final class ValidatorTests: XCTestCase {
    func testTheSameBytesGiveTheSameTagAndItIsWeak() {
        let page = Array("<!doctype html><title>برنامج</title>".utf8)
        XCTAssertEqual(Validator.weakETag(page), Validator.weakETag(Array(page)))
        XCTAssertTrue(Validator.weakETag(page).hasPrefix("W/\""))
        XCTAssertTrue(Validator.weakETag(page).hasSuffix("\""))
    }

    func testKnownSums() {
        // CRC-32 and Adler-32 of "abc" are 352441c2 and 024d0127 (zlib's published values).
        XCTAssertEqual(Validator.weakETag(Array("abc".utf8)), "W/\"352441c2024d01273\"")
        XCTAssertEqual(Validator.weakETag([]), "W/\"00000000000000010\"")
    }

    func testAnyChangeChangesTheTag() {
        var page = [UInt8](repeating: 0x61, count: 10_000)
        let before = Validator.weakETag(page)
        page[5_000] = 0x62
        XCTAssertNotEqual(Validator.weakETag(page), before)
        page[5_000] = 0x61
        page.append(0x61)
        XCTAssertNotEqual(Validator.weakETag(page), before)
    }
}
