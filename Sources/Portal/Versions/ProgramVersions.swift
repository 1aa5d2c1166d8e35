import Foundation

/// The frozen versions of a program (table `program_versions`, Migrations/0006), as values: why
/// one was frozen and how it is listed. `VersionStore` freezes, lists and reads them back. A
/// version is never changed or deleted (the store refuses it), so the consultation draft and the
/// adopted program remain exactly what people saw, whatever is edited later.
enum ProgramVersions {
    /// Why a version was frozen.
    enum Reason: String, Sendable, Codable, CaseIterable {
        /// The program moved to another state of the co-preparation method.
        case transition
        /// An adopted program was changed by a recorded amendment.
        case amendment
        /// Someone published the current draft on demand.
        case publish
    }

    /// A version as listed: everything but the snapshot itself.
    struct Version: Sendable, Equatable {
        var id: Int
        var programID: Int
        var number: Int
        var label: Localized
        var reason: Reason
        /// The program's status when it was frozen.
        var state: String
        var isPublic: Bool
        /// UTC, 'YYYY-MM-DDTHH:MM:SSZ': the technical time the snapshot was taken.
        var frozenAt: String
        /// The date a page shows for the version: its effective date, else the day it was frozen.
        var shownDate: String { effective?.formatted ?? String(frozenAt.prefix(10)) }
        var frozenBy: Int?
        /// Lowercase hex SHA-256 of the stored snapshot JSON.
        var sha256: String
        /// When the state it shows took effect, as the documents (or the person freezing it) date
        /// it: a day, a month or a range (Migrations/0018); nil when not dated.
        var effective: DateSpan? = nil
    }
}
