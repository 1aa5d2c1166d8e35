import CSQLite

/// One stored blob opened for incremental reading (`sqlite3_blob_open`, `sqlite3_blob_read`):
/// a caller reads any byte range of a large value without the whole value ever being copied
/// into memory, as a row read would. It exists for files kept in the database (evidence,
/// Migrations/0016) that are served a chunk at a time. Read-only, and only valid inside the
/// `Connection.withBlob` call that opened it.
public struct BlobReader {
    fileprivate let blob: OpaquePointer
    fileprivate let db: OpaquePointer?
    /// The blob's size in bytes.
    public let count: Int

    /// Copies `buffer.count` bytes starting at `offset` into `buffer`; the range must lie
    /// inside the blob (SQLite refuses a read past its end with SQLITE_ERROR).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        guard !buffer.isEmpty else { return }
        guard offset >= 0, offset <= count - buffer.count, let base = buffer.baseAddress else {
            throw SQLiteError(code: SQLiteError.range, message: "blob read of \(buffer.count) bytes at \(offset) is outside its \(count) bytes")
        }
        let rc = sqlite3_blob_read(blob, base, Int32(buffer.count), Int32(offset))
        guard rc == SQLITE_OK else { throw SQLiteError(rc: rc, db: db, sql: nil) }
    }
}

extension Connection {
    /// Opens the value of `column` in row `rowID` of `table` for reading, runs `body` with it
    /// and closes it. `table` and `column` are identifiers chosen by the caller's code (never
    /// user input); the row is found by its rowid. Throws SQLITE_ERROR when the row does not
    /// exist or the value is not a blob or text.
    public func withBlob<T>(table: String, column: String, rowID: Int64, _ body: (BlobReader) throws -> T) throws -> T {
        guard let handle else {
            throw SQLiteError(code: SQLiteError.misuse, message: "connection to \(path) is closed")
        }
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(handle, "main", table, column, rowID, 0, &blob)
        guard rc == SQLITE_OK, let blob else {
            sqlite3_blob_close(blob)
            throw SQLiteError(rc: rc, db: handle, sql: "blob \(table).\(column) row \(rowID)")
        }
        defer { sqlite3_blob_close(blob) }
        blobReads += 1
        return try body(BlobReader(blob: blob, db: handle, count: Int(sqlite3_blob_bytes(blob))))
    }
}
