/// A value as SQLite stores it. Every value that crosses the Swift/SQLite boundary passes
/// through this enum, so binding and decoding have exactly one place that knows the storage classes.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The storage class name SQLite uses, for error messages.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}

extension SQLValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let s):
            // Long values would drown an error message; the start is enough to recognise it.
            let shown = s.count > 40 ? String(s.prefix(40)) + "…" : s
            return "'" + shown.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let b): return "<\(b.count) bytes>"
        }
    }
}

/// Something that can be bound to a `?` parameter. Values only ever reach SQL through
/// this protocol, never by pasting text into a statement, so quoting bugs cannot happen.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

/// Something a column can be decoded into. Decoding is strict (text "12" is not an Int)
/// because a silent conversion would hide a schema or query mistake until it corrupts data.
public protocol SQLDecodable {
    init(sqlValue: SQLValue) throws
}

/// Why a column value could not become the Swift type asked for.
/// It names the column (when known), the type wanted and the value found.
public struct SQLDecodingError: Error, CustomStringConvertible, Equatable {
    public var column: String?
    public let expected: String
    public let found: SQLValue

    public init(column: String? = nil, expected: String, found: SQLValue) {
        self.column = column
        self.expected = expected
        self.found = found
    }

    public var description: String {
        let place = column.map { "column \"\($0)\"" } ?? "value"
        return "cannot decode \(place) as \(expected): found \(found.typeName) \(found)"
    }
}

extension SQLValue: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { self }
    public init(sqlValue: SQLValue) { self = sqlValue }
}

extension String: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .text(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .text(let s) = sqlValue else { throw SQLDecodingError(expected: "String", found: sqlValue) }
        self = s
    }
}

extension Int64: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue else { throw SQLDecodingError(expected: "Int64", found: sqlValue) }
        self = v
    }
}

extension Int: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue, let i = Int(exactly: v) else {
            throw SQLDecodingError(expected: "Int", found: sqlValue)
        }
        self = i
    }
}

extension Double: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .real(self) }
    public init(sqlValue: SQLValue) throws {
        // SQLite stores 2.0 in a REAL column as INTEGER when it fits, so integers must decode.
        switch sqlValue {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: throw SQLDecodingError(expected: "Double", found: sqlValue)
        }
    }
}

extension Bool: SQLBindable, SQLDecodable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init(sqlValue: SQLValue) throws {
        guard case .integer(let v) = sqlValue else { throw SQLDecodingError(expected: "Bool", found: sqlValue) }
        self = v != 0
    }
}

extension Array: SQLBindable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
}

extension Array: SQLDecodable where Element == UInt8 {
    public init(sqlValue: SQLValue) throws {
        guard case .blob(let b) = sqlValue else { throw SQLDecodingError(expected: "[UInt8]", found: sqlValue) }
        self = b
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public init(sqlValue: SQLValue) throws {
        if case .null = sqlValue { self = nil } else { self = try Wrapped(sqlValue: sqlValue) }
    }
}
