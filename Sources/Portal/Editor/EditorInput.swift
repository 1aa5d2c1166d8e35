import Foundation
import Templates

/// The problems found in one submitted editor form, each tied to the input it is about so the
/// page shows the message next to that input (and, for the matrix, names the row), in the
/// page's language. Nothing is written while there is one.
struct EditorErrors {
    /// One problem, as the list above the form shows it: its message, linking to its input.
    struct Entry: TemplateView {
        var field: String
        var message: String
        /// The matrix row the input belongs to ("Activité 3 du projet 1"), for the summary.
        var row: String?

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "message": return .string(message)
            case "href": return .string("#" + EditorErrors.id(field))
            case "row": return .init(row)
            default: return nil
            }
        }
    }

    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func add(_ field: String, _ message: String, row: String? = nil) {
        // One message per input: the first problem is the one to fix first.
        guard self[field] == nil else { return }
        entries.append(Entry(field: field, message: message, row: row))
    }

    subscript(field: String) -> String? { entries.first { $0.field == field }?.message }

    /// The HTML id of the input named `name` (names use dots, which CSS selectors dislike).
    static func id(_ name: String) -> String { "f-" + name.replacingOccurrences(of: ".", with: "-") }
}

/// Reads and checks the typed values of an editor form: titles, amounts in dirhams, dates as
/// the schema keeps them, numbers. Each reader returns the value to store, or nil — and when
/// the text cannot be stored, it records why against the input's name.
struct EditorInput {
    let context: AdminContext
    var errors = EditorErrors()
    /// The matrix row being read, named in each message's summary entry.
    var row: String? = nil

    init(_ context: AdminContext) { self.context = context }

    /// The typed text (trimmed, NFC), "" when absent.
    func raw(_ name: String) -> String { context.field(name) }

    /// Whether a checkbox was ticked.
    func checked(_ name: String) -> Bool { !raw(name).isEmpty }

    mutating func fail(_ name: String, _ key: String, _ arguments: String...) {
        errors.add(name, EditorInput.message(context, key, arguments), row: row)
    }

    /// The catalog text of `key` with `{1}`, `{2}`… replaced.
    static func message(_ context: AdminContext, _ key: String, _ arguments: [String] = []) -> String {
        context.translations.fill(key, context.language, arguments)
    }

    /// A text; nil when empty. A required one (an Arabic title) is refused when empty.
    mutating func text(_ name: String, required: Bool = false) -> String? {
        let value = raw(name)
        let limit = FieldLimit.maximum(for: name)
        if value.count > limit { fail(name, "details.error.too_long", String(limit)) }
        if value.isEmpty {
            if required { fail(name, "editor.error.required_ar") }
            return nil
        }
        return value
    }

    /// Dirhams as people type them — "20000", "20 000,00", "20000.00", Arabic-Indic digits —
    /// stored as integer centimes (never a floating value). Nil when empty or refused.
    mutating func amount(_ name: String) -> Int? {
        let value = raw(name)
        guard !value.isEmpty else { return nil }
        switch EditorInput.centimes(value) {
        case .success(let centimes): return centimes
        case .failure(.negative): fail(name, "editor.error.amount_negative", value)
        case .failure(.invalid), .failure(.decimals): fail(name, "editor.error.amount_invalid", value)
        }
        return nil
    }

    enum AmountProblem: Error { case negative, invalid, decimals }

    /// The one reader of dirhams, to integer centimes. `grouped` takes digits as people type
    /// them: spaces and the Arabic thousands mark between groups, Arabic-Indic digits, and with
    /// a decimal comma, dots grouping thousands (French). A file's cells are read ungrouped
    /// ("20000.00" or "20000,00" only), since "5 000" there is more likely a broken cell.
    static func centimes(_ typed: String, grouped: Bool = true) -> Result<Int, AmountProblem> {
        var text = typed
        if grouped {
            text = ""
            for scalar in asciiDigits(typed).unicodeScalars {
                switch scalar.value {
                case 0x20, 0xA0, 0x202F, 0x2009, 0x066C: continue
                case 0x066B: text.append(",")                               // Arabic decimal separator
                case 0x2212: text.append("-")                               // minus sign
                default: text.unicodeScalars.append(scalar)
                }
            }
            if text.contains(",") { text = text.replacingOccurrences(of: ".", with: "") }
        }
        if text.hasPrefix("-") {
            return text.dropFirst().contains(where: \.isNumber) ? .failure(.negative) : .failure(.invalid)
        }
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 12,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.invalid) }
        let cents = parts.count == 2 ? parts[1] : ""
        guard cents.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !cents.isEmpty else {
            return .failure(.invalid)
        }
        guard cents.count <= 2 else { return .failure(.decimals) }
        let fraction = cents.isEmpty ? 0 : Int(cents)! * (cents.count == 1 ? 10 : 1)
        return .success(Int(whole)! * 100 + fraction)
    }

    /// How an amount is shown back in an input: plain digits the reader above takes again.
    static func dirhams(_ centimes: Int?) -> String {
        guard let centimes else { return "" }
        let cents = centimes % 100
        return cents == 0 ? String(centimes / 100) : String(centimes / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// A day 'YYYY-MM-DD' or a month 'YYYY-MM' (the schema's CHECKs), that exists on the calendar.
    mutating func date(_ name: String) -> String? {
        let value = EditorInput.asciiDigits(raw(name))
        guard !value.isEmpty else { return nil }
        guard EditorInput.isDate(value) else { fail(name, "editor.error.date_invalid", value); return nil }
        return value
    }

    /// The schema's own rule (`date_end >= date_start`, compared as ISO text), said next to the end.
    mutating func order(start: String?, end: String?, endField: String) {
        if let start, let end, end < start { fail(endField, "editor.error.date_order", end, start) }
    }

    /// The one check of the schema's dates: a day 'YYYY-MM-DD' or a month 'YYYY-MM' (the
    /// CHECKs' shapes) that exists on the calendar (the CHECKs only look at the shape).
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        let year = Int(parts[0])!, month = Int(parts[1])!
        guard year >= 1900, (1...12).contains(month) else { return false }
        guard parts.count == 3 else { return true }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(Int(parts[2])!)
    }

    /// A positive whole number as the documents print them ("المحور رقم 1"). Nil when empty
    /// (refused if required) or refused.
    mutating func number(_ name: String, required: Bool = true) -> Int? {
        let value = EditorInput.asciiDigits(raw(name))
        guard !value.isEmpty else {
            if required { fail(name, "editor.error.number_required") }
            return nil
        }
        guard value.count <= 6, value.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(value), n > 0 else {
            fail(name, "editor.error.number_invalid", value)
            return nil
        }
        return n
    }

    /// Arabic-Indic digits as ASCII, so "٢٠٢٤-٠١-٠١" is the same date as "2024-01-01".
    static func asciiDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 0x30)!
            case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!
            default: return scalar
            }
        }))
    }

    /// Lines of a one-item-per-line textarea, blank lines dropped.
    func lines(_ name: String) -> [String] {
        raw(name).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Partner names typed in one cell, separated by ";" (or the Arabic "؛"), duplicates refused.
    mutating func partnerNames(_ name: String) -> [String] {
        var names: [String] = []
        for piece in raw(name).split(whereSeparator: { $0 == ";" || $0 == "؛" }) {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if names.contains(trimmed) { fail(name, "editor.error.partner_duplicate", trimmed) } else { names.append(trimmed) }
        }
        return names
    }
}
