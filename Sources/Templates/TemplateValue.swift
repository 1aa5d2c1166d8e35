/// The data a template sees: view code turns its domain values into this tree, so templates
/// never touch the store or domain types and can be rendered from plain literals in tests.
///
/// Truthiness (what `{{# x }}` and `{{^ x }}` test): `null`, `false`, `""`, `.html("")` and
/// the empty array are falsy; everything else is truthy — including `0`, `0.0` and the empty
/// object. Zero is truthy on purpose: "0 proposals" is a fact to show, not an absence; write
/// the test into the view data (`hasProposals`) when a count should hide a block.
public indirect enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Trusted markup built by our own code (an SVG chart, a pre-rendered fragment); it is
    /// written as-is, even through `{{ }}`, so never put user input here.
    case html(String)
    case array([TemplateValue])
    case object([String: TemplateValue])
    /// A typed view (`TemplateView`): an object whose keys its own code answers, built without
    /// a dictionary.
    case view(any TemplateView)

    /// Whether a section over this value renders (see the type's comment).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .string(let s), .html(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .int, .double, .object, .view: return true
        }
    }

    /// Member lookup for objects; `.null` for anything else, as in templates.
    public subscript(key: String) -> TemplateValue { member(key) ?? .null }

    /// The value of `key` in an object or a view; nil when it has no such key (or is no object),
    /// so a template looks the key up in the values around it.
    public func member(_ key: String) -> TemplateValue? {
        switch self {
        case .object(let dict): return dict[key]
        case .view(let view): return view.member(key)
        default: return nil
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value, like assigning twice.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var dict = [String: TemplateValue](minimumCapacity: elements.count)
        for (key, value) in elements { dict[key] = value }
        self = .object(dict)
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: Equatable {
    /// Values compare as data; a typed view equals nothing, not even itself (it has no
    /// equality of its own: compare what it renders instead).
    public static func == (a: TemplateValue, b: TemplateValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)), (.html(let x), .html(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }
}

extension TemplateValue {
    /// `.null` for nil, so optional domain fields map without `if let` noise in view code.
    public init(_ string: String?) { self = string.map { .string($0) } ?? .null }
    public init(_ int: Int?) { self = int.map { .int($0) } ?? .null }
}
