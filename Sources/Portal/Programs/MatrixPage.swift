import HTTP
import SQLite
import Templates

/// Placeholder until its page is built.
enum MatrixPage {
    static func load(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> PageView {
        throw HTTPNotFound()
    }
}
