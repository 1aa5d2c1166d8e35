/// A page's data, or a part of it, as one Swift value with named, typed properties (issue 17):
/// the keys a template reads are answered in one place per view, `member(_:)`, so a renamed
/// property fails to compile and a renamed key fails the page's snapshot test. The renderer
/// asks a view for the keys it meets as it renders (`TemplateValue.view`), so a typed page
/// builds no dictionary of its keys, and pays no encoder.
public protocol TemplateView: Sendable {
    /// The value of `key`, or nil when the view has no such key (the template then looks the
    /// key up in the values around this one; a key the view has but whose value is missing is
    /// `.null`, which stops that search like a present key in an object).
    func member(_ key: String) -> TemplateValue?
}

extension TemplateView {
    /// The view as a template value.
    @inlinable public var templateValue: TemplateValue { .view(self) }
}

extension TemplateValue {
    /// A view's value.
    @inlinable public init(_ view: some TemplateView) { self = .view(view) }
    /// `.null` for nil, so an optional part maps without `if let` noise.
    @inlinable public init(_ view: (some TemplateView)?) { self = view.map { .view($0) } ?? .null }
    /// A list of views, in order.
    @inlinable public init<View: TemplateView>(_ views: [View]) { self = .array(views.map { .view($0) }) }

    /// This value with `extra`'s keys added (an `extra` key wins over one of the same name):
    /// where a page whose own view is not typed yet adds keys to a typed part.
    public func adding(_ extra: [String: TemplateValue]) -> TemplateValue {
        if case .object(var fields) = self {
            fields.merge(extra) { _, added in added }
            return .object(fields)
        }
        return .view(Layered(top: .object(extra), bottom: self))
    }

    /// This value's keys, then `base`'s for a key this value does not have.
    public func over(_ base: TemplateValue) -> TemplateValue { .view(Layered(top: self, bottom: base)) }
}

/// Two values read as one object: the top's keys first, then the bottom's.
struct Layered: TemplateView {
    let top: TemplateValue
    let bottom: TemplateValue

    func member(_ key: String) -> TemplateValue? { top.member(key) ?? bottom.member(key) }
}
