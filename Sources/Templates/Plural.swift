/// CLDR's plural categories, and the rules that pick one for a whole number in each language
/// (Unicode CLDR, "Language Plural Rules"). Arabic has all six: "لا نشاط", "نشاط واحد",
/// "نشاطان", "3 أنشطة", "11 نشاطا", "100 نشاط"; French has three, with 0 and 1 both "one".
/// A catalog entry used with a count holds one form per category its language needs
/// (`key[few] = {1} أنشطة`), and `{{t key n}}` picks the form by `n`.
public enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other

    /// The category of the whole number `n` in `language`.
    public static func of(_ n: Int, _ language: Language) -> PluralCategory {
        let i = n.magnitude
        switch language {
        case .ar:
            let mod100 = i % 100
            if i == 0 { return .zero }
            if i == 1 { return .one }
            if i == 2 { return .two }
            if (3...10).contains(mod100) { return .few }
            if (11...99).contains(mod100) { return .many }
            return .other
        case .fr:
            if i <= 1 { return .one }
            if i % 1_000_000 == 0 { return .many }
            return .other
        }
    }

    /// The categories a language's whole numbers fall in: the forms a counted entry must have.
    public static func needed(by language: Language) -> [PluralCategory] {
        switch language {
        case .ar: return [.zero, .one, .two, .few, .many, .other]
        case .fr: return [.one, .many, .other]
        }
    }
}
