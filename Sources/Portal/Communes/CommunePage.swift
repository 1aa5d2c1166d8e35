import HTTP
import SQLite
import Templates

/// Placeholder until its page is built.
enum CommunePage {
    static func load(_ db: Connection, slug: String, page: PageRequest) throws -> PageView {
        throw HTTPNotFound()
    }
}
