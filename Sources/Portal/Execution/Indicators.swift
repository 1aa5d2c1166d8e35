import Foundation
import Templates

/// A value of an indicator as stored (Migrations/0015): a scaled whole number for the numeric
/// units, a text for the text unit.
enum IndicatorValue: Equatable, Sendable {
    case number(Int)
    case text(String)

    var number: Int? { if case .number(let n) = self { return n }; return nil }
    var text: String? { if case .text(let t) = self { return t }; return nil }

    init?(number: Int?, text: String?) {
        if let number { self = .number(number) } else if let text { self = .text(text) } else { return nil }
    }
}

/// What an indicator of a project card is counted in (issue 13): the unit decides how a typed
/// value is read, how it is stored and how it is shown, in one place for the forms, the CSV
/// import, the pages and the open data.
enum IndicatorUnit: String, CaseIterable, Sendable {
    case count, percent, dirhams, days
    case yesNo = "yes-no"
    case text

    /// Units whose values can be drawn on a line (a sparkline); yes/no and text cannot.
    var isPlotted: Bool { self == .count || self == .percent || self == .dirhams || self == .days }

    /// The stored value of a typed one, or nil when the text cannot be one (the caller names
    /// the field). Digits as people type them (Arabic-Indic, spaces between thousands); percent
    /// and dirhams take up to two decimals; yes/no in either language.
    func parse(_ typed: String, grouped: Bool = true) -> IndicatorValue? {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        switch self {
        case .count, .days:
            guard let n = DetailsForm.wholeNumber(text) else { return nil }
            return .number(n)
        case .dirhams:
            guard case .success(let centimes) = EditorInput.centimes(text, grouped: grouped) else { return nil }
            return .number(centimes)
        case .percent:
            var bare = text
            for mark in ["%", "٪"] { bare = bare.replacingOccurrences(of: mark, with: "") }
            guard case .success(let hundredths) = EditorInput.centimes(bare.trimmingCharacters(in: .whitespaces), grouped: grouped) else {
                return nil
            }
            return .number(hundredths)
        case .yesNo:
            switch text.lowercased() {
            case "yes", "oui", "نعم", "1": return .number(1)
            case "no", "non", "لا", "0": return .number(0)
            default: return nil
            }
        case .text:
            return .text(text)
        }
    }

    /// The value as a page shows it in `language`.
    func shown(_ value: IndicatorValue, _ language: Language) -> String {
        switch (self, value) {
        case (_, .text(let text)): return text
        case (.dirhams, .number(let n)): return Format.money(centimes: Int64(n), language)
        case (.percent, .number(let n)): return Self.hundredths(n, comma: true) + "%"
        case (.yesNo, .number(let n)): return language == .ar ? (n == 1 ? "نعم" : "لا") : (n == 1 ? "oui" : "non")
        case (.days, .number(let n)): return Format.number(n, language) + (language == .ar ? " يوما" : " jours")
        case (_, .number(let n)): return Format.number(n, language)
        }
    }

    /// The value as the CSV and JSON files write it, which `parse(_:grouped: false)` reads back:
    /// "20000.00" for dirhams, "45.5" for percent, "yes"/"no".
    func plain(_ value: IndicatorValue) -> String {
        switch (self, value) {
        case (_, .text(let text)): return text
        case (.dirhams, .number(let n)): return ProgramExport.decimal(n)
        case (.percent, .number(let n)): return Self.hundredths(n, comma: false)
        case (.yesNo, .number(let n)): return n == 1 ? "yes" : "no"
        case (_, .number(let n)): return String(n)
        }
    }

    /// 4550 -> "45.5" (or "45,5"), 4500 -> "45".
    private static func hundredths(_ n: Int, comma: Bool) -> String {
        let whole = n / 100, rest = n % 100
        guard rest != 0 else { return String(whole) }
        let decimals = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0" : "") + String(rest)
        return String(whole) + (comma ? "," : ".") + decimals
    }
}
