/// The two languages the portal is published in; each page is rendered in exactly one.
public enum Language: String, Sendable, CaseIterable {
    case ar, fr

    /// The value of `<html dir>`: Arabic pages run right to left.
    public var direction: String {
        switch self {
        case .ar: return "rtl"
        case .fr: return "ltr"
        }
    }

    /// The language's name in itself, as a language switch or a choice of languages shows it.
    public var ownName: String {
        switch self {
        case .ar: return "العربية"
        case .fr: return "Français"
        }
    }

    /// The other of the two: where a page's language switch leads.
    public var other: Language { self == .ar ? .fr : .ar }

    /// Dense index for per-language tables compiled at start (cheaper than hashing per use).
    var index: Int {
        switch self {
        case .ar: return 0
        case .fr: return 1
        }
    }
}
