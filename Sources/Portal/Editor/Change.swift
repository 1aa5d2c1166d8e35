/// One thing the admin area changed in the store, at the grain the audit log records ("what:
/// entity, field, before, after"). Writers return these instead of writing the log themselves,
/// so the caller that knows who acts (and when) records them in the same transaction, and a
/// test can assert exactly what an edit did.
///
/// - `insert`: one change per field the new row was given (`before` nil).
/// - `update`: one change per field whose value differs.
/// - `delete`: one change for the whole row (`field` nil, `before` its title), since the row's
///   fields are gone with it.
///
/// `field` is the store's column (`title_ar`, `budget_centimes`…) except where the store has
/// no single column for what people edit: `axis_number` (which axis a project serves) and
/// `partners` (an activity's partner names, joined by " ; " as in the CSV). Values are the
/// stored text (amounts in centimes, dates ISO), nil for NULL.
struct Change: Sendable, Equatable, CustomStringConvertible {
    /// What happened to the row.
    enum Action: String, Sendable {
        case insert, update, delete
    }

    var action: Action
    /// The table's singular: "axis", "project", "activity", "partner".
    var entity: String
    var entityID: Int
    var field: String?
    var before: String?
    var after: String?

    init(_ action: Action, _ entity: String, _ entityID: Int, field: String? = nil, before: String? = nil, after: String? = nil) {
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.field = field
        self.before = before
        self.after = after
    }

    var description: String {
        "\(action.rawValue) \(entity)#\(entityID)" + (field.map { ".\($0)" } ?? "")
            + ": \(before ?? "NULL") -> \(after ?? "NULL")"
    }
}
