import Foundation

/// All templates under one folder, parsed and cross-checked once at start so a broken page
/// stops the server with a file:line message instead of failing a request, and so each
/// request only walks ready-made trees.
///
/// Every `*.html` file below `directory` is a template named by its relative path without
/// the extension (`pages/home`, `layouts/base`, `partials/nav`); catalogs are read from
/// `directory/i18n/{ar,fr}.strings` (a folder without `i18n` has empty catalogs, so any
/// `{{t}}` tag is then an error).
///
/// With `reloadOnChange` (development), `render` looks at file sizes and modification times
/// at most once per second and reloads the whole folder when anything changed, been added
/// or removed. A reload that fails keeps serving nothing stale: renders throw its error
/// until the files are fixed.
public final class TemplateLibrary: @unchecked Sendable {
    public let directory: URL
    public let reloadOnChange: Bool
    private let checkInterval: Double

    /// Immutable after `init` unless `reloadOnChange`; then read and replaced under `lock`.
    private var state: LoadedState
    private let lock = NSLock()
    private var lastCheck: Double
    private var failedReload: (stamps: [FileStamp], error: Error)?

    public convenience init(directory: URL, reloadOnChange: Bool = false) throws {
        try self.init(directory: directory, reloadOnChange: reloadOnChange, checkInterval: 1)
    }

    /// `checkInterval` (seconds between file checks in reload mode) exists for tests.
    init(directory: URL, reloadOnChange: Bool, checkInterval: Double) throws {
        self.directory = directory
        self.reloadOnChange = reloadOnChange
        self.checkInterval = checkInterval
        self.state = try LoadedState.load(from: directory)
        self.lastCheck = TemplateLibrary.now()
    }

    /// The catalogs, also for view code that translates values (e.g. a status name).
    public var translations: Translations {
        ((try? currentState()) ?? lastGoodState()).translations
    }

    /// Names of every loaded template, sorted.
    public var templateNames: [String] {
        ((try? currentState()) ?? lastGoodState()).compiled.entries.keys.sorted()
    }

    /// Whether a template of that name exists (e.g. to choose between two pages).
    public func contains(_ name: String) -> Bool {
        ((try? currentState()) ?? lastGoodState()).compiled.entries[name] != nil
    }

    /// Renders template `name` (e.g. `pages/home`) with `context` in `language`.
    public func render(_ name: String, _ context: TemplateValue, language: Language) throws -> String {
        String(decoding: try renderUTF8(name, context, language: language), as: UTF8.self)
    }

    /// The same page as UTF-8 bytes, ready to be a response body without another copy.
    public func renderUTF8(_ name: String, _ context: TemplateValue, language: Language) throws -> [UInt8] {
        let state = try currentState()
        guard state.compiled.entries[name] != nil else {
            throw TemplateError(file: name + ".html", line: 0, message: "no such template")
        }
        var renderer = Renderer(templates: state.compiled, language: language, context: context,
                                capacity: state.capacityHint)
        try renderer.render(template: name)
        // The buffer was reserved at the capacity hint (up to 64 KiB); a page is often a tenth of
        // that and may be kept in the page cache, so it leaves in a buffer of its own size (one
        // copy, a microsecond). Kept whole, each cached page held a 64 KiB allocation of its own.
        guard renderer.out.capacity > renderer.out.count + renderer.out.count / 4 else { return renderer.out }
        return renderer.out.withUnsafeBufferPointer { Array($0) }
    }

    private func currentState() throws -> LoadedState {
        guard reloadOnChange else { return state }
        lock.lock()
        defer { lock.unlock() }
        let now = TemplateLibrary.now()
        guard now - lastCheck >= checkInterval else {
            if let failure = failedReload { throw failure.error }
            return state
        }
        lastCheck = now
        let stamps = LoadedState.stamps(of: directory)
        if stamps == state.stamps {
            failedReload = nil
            return state
        }
        if let failure = failedReload, failure.stamps == stamps { throw failure.error }
        do {
            state = try LoadedState.load(from: directory)
            failedReload = nil
            return state
        } catch {
            failedReload = (stamps, error)
            throw error
        }
    }

    private func lastGoodState() -> LoadedState {
        guard reloadOnChange else { return state }
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    private static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}

/// Size and modification time of one source file: what reload mode compares.
struct FileStamp: Equatable {
    let path: String
    let size: Int
    let modified: Double
}

/// One consistent generation of templates and catalogs, linked together.
final class LoadedState: Sendable {
    /// The templates as the renderer walks them (the parsed trees are not kept: they are only
    /// the compiler's input).
    let compiled: CompiledTemplates
    let translations: Translations
    let stamps: [FileStamp]
    /// Initial buffer size for a page, so most renders never regrow it.
    let capacityHint: Int

    init(templates: [String: [Node]], translations: Translations, stamps: [FileStamp], capacityHint: Int) {
        self.compiled = CompiledTemplates(templates)
        self.translations = translations
        self.stamps = stamps
        self.capacityHint = capacityHint
    }

    static func load(from directory: URL) throws -> LoadedState {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateError(file: directory.path, line: 0, message: "template directory not found")
        }
        // Stamps first: a file changed while loading is then seen as changed next time.
        let stamps = self.stamps(of: directory)
        let i18n = directory.appendingPathComponent("i18n")
        let translations = FileManager.default.fileExists(atPath: i18n.path)
            ? try Translations(directory: i18n) : Translations([:])

        var templates: [String: [Node]] = [:]
        var totalText = 0
        for relative in htmlFiles(in: directory) {
            let url = directory.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError(file: relative, line: 0, message: "cannot read template")
            }
            totalText += data.count
            let name = String(relative.dropLast(".html".count))
            templates[name] = try Parser(file: relative, text: String(decoding: data, as: UTF8.self)).parse()
        }
        var linker = Linker(templates: templates, translations: translations)
        for name in templates.keys.sorted() {
            templates[name] = try linker.link(templates[name]!, file: name + ".html")
        }
        return LoadedState(templates: templates, translations: translations, stamps: stamps,
                           capacityHint: min(max(4096, totalText), 64 * 1024))
    }

    /// Relative paths of every `*.html` file, sorted; hidden entries are skipped.
    static func htmlFiles(in directory: URL) -> [String] {
        sourceFiles(in: directory).filter { $0.hasSuffix(".html") }
    }

    static func sourceFiles(in directory: URL) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? directory.path : directory.appendingPathComponent(relative).path
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let child = relative.isEmpty ? entry : relative + "/" + entry
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(child).path,
                                                     isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    walk(child)
                } else if entry.hasSuffix(".html") || (relative == "i18n" && entry.hasSuffix(".strings")) {
                    result.append(child)
                }
            }
        }
        walk("")
        return result
    }

    static func stamps(of directory: URL) -> [FileStamp] {
        sourceFiles(in: directory).map { relative in
            let attributes = (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(relative).path)) ?? [:]
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return FileStamp(path: relative, size: size, modified: modified)
        }
    }
}

/// Resolves what parsing one file cannot: partial and layout names, translation keys and
/// their placeholder counts.
struct Linker {
    let templates: [String: [Node]]
    let translations: Translations
    var compiled: [String: [CompiledText]] = [:]

    mutating func link(_ nodes: [Node], file: String) throws -> [Node] {
        try nodes.map { node in
            switch node {
            case .text, .value, .helper:
                return node
            case .section(let path, let body):
                return .section(path, try link(body, file: file))
            case .inverted(let path, let body):
                return .inverted(path, try link(body, file: file))
            case .block(let name, let body, let slot):
                return .block(name, try link(body, file: file), slot)
            case .partial(let name, let line):
                guard templates[name] != nil else {
                    throw TemplateError(file: file, line: line, message: "unknown partial '\(name)'")
                }
                return node
            case .parent(let name, let overrides, let line):
                guard templates[name] != nil else {
                    throw TemplateError(file: file, line: line, message: "unknown layout '\(name)'")
                }
                var linked: [String: [Node]] = [:]
                for (block, body) in overrides { linked[block] = try link(body, file: file) }
                return .parent(name, overrides: linked, line: line)
            case .translation(var tag):
                if translations.isCounted(tag.key) {
                    tag.plurals = try plurals(for: tag, file: file)
                } else {
                    tag.texts = try texts(for: tag, file: file)
                }
                return .translation(tag)
            }
        }
    }

    var compiledPlurals: [String: [[CompiledText?]]] = [:]

    /// A counted entry's forms, every language with every category it needs (checked at start,
    /// so a missing form is a startup error, not a wrong word on a page).
    mutating func plurals(for tag: TranslationTag, file: String) throws -> [[CompiledText?]] {
        guard !tag.arguments.isEmpty else {
            throw TemplateError(file: file, line: tag.line, message: "'\(tag.key)' is counted: the tag must pass the count first")
        }
        let forms: [[CompiledText?]]
        if let cached = compiledPlurals[tag.key] {
            forms = cached
        } else {
            for language in Language.allCases {
                let missing = translations.formsMissing(tag.key, in: language)
                guard missing.isEmpty else {
                    throw TemplateError(file: file, line: tag.line, message: "'\(tag.key)' in \(language.rawValue) lacks the plural form(s) "
                                        + missing.map(\.rawValue).joined(separator: ", "))
                }
            }
            forms = Language.allCases.map { language in
                PluralCategory.allCases.map { category in
                    translations.text(Translations.pluralKey(tag.key, category), language).map { CompiledText($0, language) }
                }
            }
            compiledPlurals[tag.key] = forms
        }
        for (language, texts) in zip(Language.allCases, forms) {
            for text in texts.compactMap({ $0 }) where text.placeholderCount > tag.arguments.count {
                throw TemplateError(file: file, line: tag.line,
                                    message: "'\(tag.key)' in \(language.rawValue) uses {\(text.placeholderCount)} but the tag passes \(tag.arguments.count) argument(s)")
            }
        }
        return forms
    }

    mutating func texts(for tag: TranslationTag, file: String) throws -> [CompiledText] {
        let texts: [CompiledText]
        if let cached = compiled[tag.key] {
            texts = cached
        } else {
            let available = Language.allCases.compactMap { translations.text(tag.key, $0) }
            guard let fallback = available.first else {
                throw TemplateError(file: file, line: tag.line, message: "unknown translation key '\(tag.key)'")
            }
            // A language lacking the key shows another language's text rather than nothing;
            // `Translations.keysMissing` reports the gap.
            texts = Language.allCases.map { CompiledText(translations.text(tag.key, $0) ?? fallback, $0) }
            compiled[tag.key] = texts
        }
        for (language, text) in zip(Language.allCases, texts) where text.placeholderCount > tag.arguments.count {
            throw TemplateError(file: file, line: tag.line,
                                message: "'\(tag.key)' in \(language.rawValue) uses {\(text.placeholderCount)} but the tag passes \(tag.arguments.count) argument(s)")
        }
        return texts
    }
}
