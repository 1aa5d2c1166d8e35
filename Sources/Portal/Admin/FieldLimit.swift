/// How long a typed admin field may be, so that no form can store a text that makes a public
/// page balloon (a 100,000-character milestone title once made the program page 207 KB).
/// Short fields (titles, names, places, references) and long ones (descriptions, objectives,
/// notes, announcements, answers) by the field's name; the readers (`DetailsForm`,
/// `EditorInput`) refuse a longer text with the limit named next to the field, and the admin
/// door refuses any other field past the longest limit (413) before a handler runs.
enum FieldLimit {
    static let short = 500
    static let long = 10_000

    /// Words that mark a field holding paragraphs rather than a line.
    private static let paragraphs = ["description", "note", "mandate", "announcement", "objective", "result", "problem", "solution",
                                     "text", "preamble", "remark", "reason", "answer", "agenda", "slogan", "indicator", "body", "comment"]
    /// Fields that carry a whole file pasted in (the matrix CSV import): bounded by the body limit only.
    static let files: Set<String> = ["csv"]

    /// The most characters `field` may hold.
    static func maximum(for field: String) -> Int {
        let name = field.lowercased()
        return paragraphs.contains(where: { name.contains($0) }) ? long : short
    }
}
