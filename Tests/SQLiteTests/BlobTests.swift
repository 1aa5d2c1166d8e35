import Foundation
import SQLite
import XCTest

/// Incremental blob reading (`Connection.withBlob`): any range of a stored value, without the
/// value being read whole; the limits of the range and a missing row are refused, not guessed.
final class BlobTests: XCTestCase {
    func testRangesOfAStoredBlobReadBackExactly() throws {
        let dir = try makeTemporaryDirectory(self)
        let db = try Connection(path: dir.appendingPathComponent("blob.sqlite").path)
        try db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, content BLOB NOT NULL)")
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        try db.run("INSERT INTO files (id, content) VALUES (?, ?)", [7, bytes])

        var copy: [UInt8] = []
        let readsBefore = db.blobReads
        try db.withBlob(table: "files", column: "content", rowID: 7) { blob in
            XCTAssertEqual(blob.count, bytes.count)
            var offset = 0
            var chunk = [UInt8](repeating: 0, count: 100_000)
            while offset < blob.count {
                let n = min(chunk.count, blob.count - offset)
                try chunk.withUnsafeMutableBytes { try blob.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]), at: offset) }
                copy.append(contentsOf: chunk[0..<n])
                offset += n
            }
            var past = [UInt8](repeating: 0, count: 2)
            XCTAssertThrowsError(try past.withUnsafeMutableBytes { try blob.read(into: $0, at: blob.count - 1) }, "a range past the end")
        }
        XCTAssertEqual(db.blobReads, readsBefore + 1)
        XCTAssertTrue(copy == bytes)
        XCTAssertThrowsError(try db.withBlob(table: "files", column: "content", rowID: 8) { _ in }, "no such row")
    }
}
