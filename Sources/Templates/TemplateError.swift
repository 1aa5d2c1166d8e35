/// A template or catalog problem, located by file and line so that a broken page fails the
/// server at start with a message pointing at the exact place to fix.
public struct TemplateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Path relative to the template directory, e.g. `pages/home.html` or `i18n/ar.strings`.
    public let file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}
