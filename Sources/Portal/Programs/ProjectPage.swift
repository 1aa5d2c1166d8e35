import HTTP
import SQLite
import Templates

/// Placeholder until its page is built.
enum ProjectPage {
    static func load(_ db: Connection, slug: String, period: String, number: Int, page: PageRequest) throws -> PageView {
        throw HTTPNotFound()
    }
}
