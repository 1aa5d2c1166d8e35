import SQLite
import Templates

/// The follow-up committee of a program (لجنة التتبع), as the commune page and the program
/// overview both show it: the decision that created it and its members. Two queries.
enum Committee {
    /// The committee of `programID` as template values, or nil when none is recorded.
    static func load(_ db: Connection, programID: Int, page: PageRequest) throws -> TemplateValue? {
        guard let committee = try db.queryOne("SELECT * FROM committees WHERE program_id = ?", [programID]) else { return nil }
        let language = page.language
        let members = try db.query("SELECT * FROM committee_members WHERE committee_id = ? ORDER BY position",
                                   [try committee.int("id")]).map { row -> TemplateValue in
            let honorific = try Localized(optional: row, "honorific")
            return [
                "honorific": honorific?.value(language) ?? .null,
                "name": try Localized(row, "name").value(language),
                "function": try Localized(optional: row, "function")?.value(language) ?? .null,
                "role": .string(page.t("committee.role." + (try row.string("role")))),
                "category": .string(page.t("committee.category." + (try row.string("category")))),
            ]
        }
        return [
            "name": try Localized(committee, "name").value(language),
            "decision_number": TemplateValue(try committee.optionalString("decision_number")),
            "decision_date": TemplateValue(try committee.optionalString("decision_date")),
            "decided_by": try Localized(optional: committee, "decided_by")?.value(language) ?? .null,
            "mandate": try Localized(optional: committee, "mandate")?.value(language) ?? .null,
            "members": .array(members),
            "member_count": .int(members.count),
        ]
    }
}
