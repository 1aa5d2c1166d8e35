import HTTP
import SQLite
import Templates

/// Placeholder until its page is built.
enum NetworkPage {
    static func load(_ db: Connection, page: PageRequest) throws -> PageView {
        throw HTTPNotFound()
    }
}
