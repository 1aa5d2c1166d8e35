import HTTP
import SQLite
import Templates

/// Placeholder until its page is built.
enum ProgramExport {
    static func csv(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse { throw HTTPNotFound() }
    static func json(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> HTTPResponse {
        throw HTTPNotFound()
    }
}
