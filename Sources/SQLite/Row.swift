/// One result row, read fully out of SQLite so it outlives the statement that produced it
/// and can be handed to another thread. Columns are looked up by name because positional
/// access breaks silently when someone reorders a SELECT list.
public struct Row: Sendable {
    private let columns: ColumnIndex
    /// The values in SELECT-list order.
    public let values: [SQLValue]

    init(columns: ColumnIndex, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The column names in SELECT-list order.
    public var columnNames: [String] { columns.names }

    /// Whether the row has a column with this name.
    public func hasColumn(_ column: String) -> Bool { columns.position(of: column) != nil }

    /// The raw value of a column. Asking for a column the query does not return is a
    /// programming error (a typo or a stale SELECT list): it throws `MissingColumn`, which fails
    /// that one request with a logged 500 and never stops the server with its other connections.
    public subscript(_ column: String) -> SQLValue {
        get throws {
            guard let i = columns.position(of: column) else { throw MissingColumn(column: column, columns: columns.names) }
            return values[i]
        }
    }

    /// A column the query does not return, with the ones it does (the message says which typo).
    public struct MissingColumn: Error, CustomStringConvertible, Equatable {
        public let column: String
        public let columns: [String]
        public var description: String { "Row has no column \"\(column)\" (columns: \(columns.joined(separator: ", ")))" }
    }

    /// The value of a column decoded as `T`; throws `SQLDecodingError` naming the column on mismatch.
    public func get<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let value = try self[column]
        do {
            return try T(sqlValue: value)
        } catch var error as SQLDecodingError {
            error.column = column
            throw error
        }
    }

    public func string(_ c: String) throws -> String { try get(c) }
    public func optionalString(_ c: String) throws -> String? { try get(c) }
    public func int(_ c: String) throws -> Int { try get(c) }
    public func optionalInt(_ c: String) throws -> Int? { try get(c) }
    public func int64(_ c: String) throws -> Int64 { try get(c) }
    public func double(_ c: String) throws -> Double { try get(c) }
    public func optionalDouble(_ c: String) throws -> Double? { try get(c) }
    public func bool(_ c: String) throws -> Bool { try get(c) }
    public func blob(_ c: String) throws -> [UInt8] { try get(c) }
}

/// Column names shared by all rows of one result, built once per query rather than per row.
final class ColumnIndex: Sendable {
    let names: [String]
    /// Each name's length in UTF-8 bytes: a lookup compares only the names of its length.
    private let lengths: [Int]

    init(names: [String]) {
        self.names = names
        self.lengths = names.map(\.utf8.count)
    }

    /// Where `name` is (with duplicate names, as a join selecting two `id`s gives, the first
    /// wins, as in most SQL tools; alias the column to reach the other one). Found by scanning
    /// the lengths and comparing only the names of the same length, for narrow and wide rows
    /// alike: no table to hash into, and few string comparisons.
    func position(of name: String) -> Int? {
        let length = name.utf8.count
        var index = 0
        while index < lengths.count {
            if lengths[index] == length, names[index] == name { return index }
            index += 1
        }
        return nil
    }
}
