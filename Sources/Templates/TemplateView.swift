/// A page's data, or a part of it, as one Swift value with named, typed properties (issue 17):
/// what the template reads is written once, in `templateValue`, so a renamed property fails to
/// compile and a renamed key fails the page's snapshot test — a key typed in two places, the
/// view code and the template, cannot drift apart silently within the view code.
public protocol TemplateView {
    /// The tree the template reads (for a page or a section: an object whose keys the template names).
    var templateValue: TemplateValue { get }
}

extension TemplateValue {
    /// A view's tree.
    public init(_ view: some TemplateView) { self = view.templateValue }
    /// `.null` for nil, so an optional part maps without `if let` noise.
    public init(_ view: (some TemplateView)?) { self = view?.templateValue ?? .null }
    /// A list of views, in order.
    public init<View: TemplateView>(_ views: [View]) { self = .array(views.map(\.templateValue)) }
    /// `.null` for an empty list, where a template hides a block rather than looping over nothing.
    public init<View: TemplateView>(nonEmpty views: [View]) { self = views.isEmpty ? .null : .array(views.map(\.templateValue)) }
}
