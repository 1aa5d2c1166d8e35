import HTTP
import SQLite

/// After the council adopts a program it is the commune's commitment: its axes, projects and
/// activities change only inside a recorded amendment (issue 6). Every write path of the editor
/// (item forms, the matrix table, the CSV import) calls `requireEditable` first inside its write
/// transaction, so the refusal undoes everything and a transition made meanwhile cannot slip
/// between the check and the write.
enum ProgramLock {
    /// The refusal: the program is adopted and no amendment is open. Answered 409 (RFC 9110
    /// §15.5.10: the request conflicts with the program's current state); the editor catches it
    /// to show a page that says why and what to do.
    struct Locked: HTTPStatusError {
        var status: HTTPStatus { .conflict }
        let programID: Int
        let state: ProgramState
    }

    /// Throws `Locked` when program `programID` is adopted (or later) with no open amendment.
    static func requireEditable(_ db: Connection, programID: Int) throws {
        if let state = try lockedState(db, programID: programID) { throw Locked(programID: programID, state: state) }
    }

    /// The program's state when it is locked (adopted or later, no open amendment), else nil;
    /// the editor also shows it, so a focal point knows before typing.
    static func lockedState(_ db: Connection, programID: Int) throws -> ProgramState? {
        let facts = try LifecycleStore.lockFacts(db, programID: programID)
        guard let state = ProgramState(rawValue: facts.status), state.isAdopted, !facts.amendmentOpen else { return nil }
        return state
    }
}
