import Templates

/// A route type whose every URL is declared once, in `forms`: parsing a path and printing a
/// value both read that one table, so a link can never drift from the route that answers it.
/// `Route` (Route.swift) gathers every table of the portal into one.
protocol RouteTable: Equatable, Sendable {
    /// Every way this route is written, in the order a path is tried against them.
    static var forms: [RouteForm<Self>] { get }
}

extension RouteTable {
    /// The route a decoded path names: the first form whose pattern and builder accept it.
    init?(segments: [String]) {
        for form in Self.forms {
            if let route = form.parse(segments) { self = route; return }
        }
        return nil
    }

    /// The path that reaches this route (for a table mounted under another one, the part after
    /// its mount point). Every value prints, valid or not: a form reads any value of its case.
    var path: String {
        guard let path = RouteForm.path(of: self, in: Self.forms) else { preconditionFailure("no form of \(Self.self) prints \(self)") }
        return path
    }
}

/// One way a route is written: a pattern of literal text and typed captures
/// (`/{lang}/communes/{slug}/programs/{period}.csv`), the function that builds the route from
/// the captured values, and the function that reads them back from the route. The pattern's
/// placeholders name the captures in order, and the pattern is also what the URL listing shows.
///
/// A class, so that trying a path against a table copies nothing but references: every request
/// and every printed link walks a table.
final class RouteForm<Value>: Sendable {
    /// The URL as declared, with its placeholders in braces.
    let pattern: String
    /// The placeholders, in order: each capture's name and meaning.
    let placeholders: [Placeholder]
    /// How many segments the pattern has; a form ending in a rest capture (`{file}`) takes any
    /// number of segments in place of its last one, none included.
    private let count: Int
    private let endsWithRest: Bool
    /// The segments that are one literal word, by position: most forms are told apart by them.
    private let words: [(index: Int, word: String)]
    /// The segments holding captures (`{slug}`, `{period}.csv`, `{sha256}.{ext}`), by position.
    private let captured: [(index: Int, pieces: [Piece])]
    private let build: @Sendable (ArraySlice<Substring>) -> Value?
    /// Prints a value of this form, or — the first form of a mount — of the whole mount at once:
    /// it reads the outer route once and lets the inner table print the rest. `span` is how many
    /// forms it stands for (the mount's others are skipped, never asked).
    private let print: @Sendable (Value) -> String?
    private let span: Int

    private enum Piece: Sendable {
        case literal(String)
        case capture
    }

    private init(pattern: String, placeholders: [Placeholder], rest: Bool,
                 build: @escaping @Sendable (ArraySlice<Substring>) -> Value?, span: Int = 1, print: @escaping @Sendable (Value) -> String?) {
        var found: [String] = [], words: [(index: Int, word: String)] = [], captured: [(index: Int, pieces: [Piece])] = []
        let parts = pattern.split(separator: "/")
        for (index, part) in parts.enumerated() {
            var pieces: [Piece] = [], text = part
            while let open = text.firstIndex(of: "{") {
                guard let close = text[open...].firstIndex(of: "}") else { preconditionFailure("\(pattern): unclosed placeholder") }
                if open > text.startIndex { pieces.append(.literal(String(text[..<open]))) }
                if case .capture? = pieces.last { preconditionFailure("\(pattern): two captures side by side") }
                pieces.append(.capture)
                found.append(String(text[text.index(after: open)..<close]))
                text = text[text.index(after: close)...]
            }
            if !text.isEmpty { pieces.append(.literal(String(text))) }
            if pieces.count == 1, case .literal(let word) = pieces[0] { words.append((index, word)) } else { captured.append((index, pieces)) }
        }
        precondition(found == placeholders.map(\.name), "\(pattern): placeholders \(found) but captures \(placeholders.map(\.name))")
        if rest { guard let last = captured.last, last.index == parts.count - 1, last.pieces.count == 1 else { preconditionFailure("\(pattern): a rest capture is a whole last segment") } }
        self.pattern = pattern
        self.placeholders = placeholders
        self.count = parts.count
        self.endsWithRest = rest
        self.words = words
        self.captured = captured
        self.build = build
        self.span = span
        self.print = print
    }

    /// A form with typed captures (one to three): `build` makes the route from their values, or
    /// refuses them; `read` gives them back from a route of this form, and nil for any other.
    /// Written out for each count: a closure over a parameter pack makes a generic call each time,
    /// and every request and link goes through these.
    convenience init<A>(_ pattern: String, _ a: Capture<A>,
                               build: @escaping @Sendable (A) -> Value?, read: @escaping @Sendable (Value) -> A?) {
        let literals = Self.literals(of: pattern)
        self.init(pattern: pattern, placeholders: [a.placeholder], rest: a.isRest, build: { Self.decode($0, a).flatMap(build) },
                  print: { read($0).map { Self.fill(literals, a, $0) } })
    }

    convenience init<A, B>(_ pattern: String, _ a: Capture<A>, _ b: Capture<B>,
                                  build: @escaping @Sendable (A, B) -> Value?, read: @escaping @Sendable (Value) -> (A, B)?) {
        let literals = Self.literals(of: pattern)
        self.init(pattern: pattern, placeholders: [a.placeholder, b.placeholder], rest: false,
                  build: { Self.decode($0, a, b).flatMap { build($0.0, $0.1) } },
                  print: { read($0).map { Self.fill(literals, a, b, $0.0, $0.1) } })
    }

    convenience init<A, B, C>(_ pattern: String, _ a: Capture<A>, _ b: Capture<B>, _ c: Capture<C>,
                                     build: @escaping @Sendable (A, B, C) -> Value?, read: @escaping @Sendable (Value) -> (A, B, C)?) {
        let literals = Self.literals(of: pattern)
        self.init(pattern: pattern, placeholders: [a.placeholder, b.placeholder, c.placeholder], rest: false,
                  build: { Self.decode($0, a, b, c).flatMap { build($0.0, $0.1, $0.2) } },
                  print: { read($0).map { Self.fill(literals, a, b, c, $0.0, $0.1, $0.2) } })
    }

    /// A form without captures, for a route without values (`/admin`, `/terms` inside its mount).
    convenience init(_ pattern: String, _ route: Value) where Value: Equatable & Sendable {
        self.init(pattern: pattern, placeholders: [], rest: false, build: { _ in route }, print: { $0 == route ? pattern : nil })
    }

    /// Every form of an inner table under `prefix`: how a route that holds another route (a
    /// program's page, an admin area) lists the inner one's URLs as its own. The closures see
    /// the inner route alone, or after the prefix's captures (one to three).
    static func mount<Inner>(_ prefix: String, forms inner: [RouteForm<Inner>],
                                    build: @escaping @Sendable (Inner) -> Value?, read: @escaping @Sendable (Value) -> Inner?) -> [RouteForm<Value>] {
        nest(prefix, [], inner, decode: { _ in () }, encode: { _ in prefix }, build: { build($1) }, read: { read($0).map { ((), $0) } })
    }

    static func mount<Inner, A>(_ prefix: String, _ a: Capture<A>, forms inner: [RouteForm<Inner>],
                                       build: @escaping @Sendable (A, Inner) -> Value?,
                                       read: @escaping @Sendable (Value) -> (A, Inner)?) -> [RouteForm<Value>] {
        let literals = literals(of: prefix)
        return nest(prefix, [a.placeholder], inner, decode: { decode($0, a) }, encode: { fill(literals, a, $0) },
                    build: build, read: read)
    }

    static func mount<Inner, A, B>(_ prefix: String, _ a: Capture<A>, _ b: Capture<B>, forms inner: [RouteForm<Inner>],
                                          build: @escaping @Sendable (A, B, Inner) -> Value?,
                                          read: @escaping @Sendable (Value) -> (A, B, Inner)?) -> [RouteForm<Value>] {
        let literals = literals(of: prefix)
        return nest(prefix, [a.placeholder, b.placeholder], inner, decode: { decode($0, a, b) },
                    encode: { fill(literals, a, b, $0.0, $0.1) },
                    build: { build($0.0, $0.1, $1) }, read: { read($0).map { (($0.0, $0.1), $0.2) } })
    }

    static func mount<Inner, A, B, C>(_ prefix: String, _ a: Capture<A>, _ b: Capture<B>, _ c: Capture<C>, forms inner: [RouteForm<Inner>],
                                             build: @escaping @Sendable (A, B, C, Inner) -> Value?,
                                             read: @escaping @Sendable (Value) -> (A, B, C, Inner)?) -> [RouteForm<Value>] {
        let literals = literals(of: prefix)
        return nest(prefix, [a.placeholder, b.placeholder, c.placeholder], inner, decode: { decode($0, a, b, c) },
                    encode: { fill(literals, a, b, c, $0.0, $0.1, $0.2) },
                    build: { build($0.0, $0.1, $0.2, $1) }, read: { read($0).map { (($0.0, $0.1, $0.2), $0.3) } })
    }

    /// The inner forms behind the prefix. Parsing: the prefix's captures are decoded and the
    /// inner form builds from the texts after them, then `build` wraps it. Printing, once for the
    /// whole mount: the outer route is read, the inner table prints the inner route, the prefix
    /// is written before it.
    private static func nest<Inner, Outer>(_ prefix: String, _ outer: [Placeholder], _ inner: [RouteForm<Inner>],
                                           decode: @escaping @Sendable (ArraySlice<Substring>) -> Outer?,
                                           encode: @escaping @Sendable (Outer) -> String,
                                           build: @escaping @Sendable (Outer, Inner) -> Value?,
                                           read: @escaping @Sendable (Value) -> (Outer, Inner)?) -> [RouteForm<Value>] {
        let printMount: @Sendable (Value) -> String? = { value in
            guard let (values, route) = read(value), let path = RouteForm<Inner>.path(of: route, in: inner) else { return nil }
            return encode(values) + path
        }
        let skipped: @Sendable (Value) -> String? = { _ in nil }
        return inner.enumerated().map { index, form in
            RouteForm(pattern: prefix + form.pattern, placeholders: outer + form.placeholders, rest: form.endsWithRest, build: { texts in
                guard let values = decode(texts), let route = form.build(texts.dropFirst(outer.count)) else { return nil }
                return build(values, route)
            }, span: index == 0 ? inner.count : 1, print: index == 0 ? printMount : skipped)
        }
    }

    /// The route for `path` if this form writes it.
    func parse(_ path: [String]) -> Value? {
        guard endsWithRest ? path.count >= count - 1 : path.count == count else { return nil }
        for (index, word) in words where path[index] != word { return nil }
        var texts: [Substring] = []
        texts.reserveCapacity(placeholders.count)
        for (index, pieces) in captured {
            if endsWithRest && index == count - 1 {
                texts.append(path[index...].joined(separator: "/")[...])
            } else if !Self.match(pieces, path[index][...], into: &texts) {
                return nil
            }
        }
        return build(texts[...])
    }

    /// The path of `value` by the first form (or mount) of `forms` that reads it.
    static func path(of value: Value, in forms: [RouteForm<Value>]) -> String? {
        var index = 0
        while index < forms.count {
            let form = forms[index]
            if let path = form.print(value) { return path }
            index += form.span
        }
        return nil
    }

    /// Matches one segment's pieces: a literal must be there; a capture runs to the next literal
    /// (to the segment's end for the last piece, or up to its final literal, a suffix such as `.csv`).
    private static func match(_ pieces: [Piece], _ text: Substring, into texts: inout [Substring]) -> Bool {
        var text = text
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .literal(let word):
                guard text.hasPrefix(word) else { return false }
                text = text.dropFirst(word.count)
            case .capture:
                guard index + 1 < pieces.count, case .literal(let next) = pieces[index + 1] else {
                    texts.append(text)
                    text = ""
                    continue
                }
                if index + 2 == pieces.count {
                    guard text.hasSuffix(next), text.count > next.count else { return false }
                    texts.append(text.dropLast(next.count))
                    text = text.suffix(next.count)
                } else {
                    guard let end = text.indices.first(where: { text[$0...].hasPrefix(next) }) else { return false }
                    texts.append(text[..<end])
                    text = text[end...]
                }
            }
        }
        return text.isEmpty
    }

    /// The captures' values read from `texts`, or nil when one refuses its text.
    private static func decode<A>(_ texts: ArraySlice<Substring>, _ a: Capture<A>) -> A? {
        a.parse(texts[texts.startIndex])
    }

    private static func decode<A, B>(_ texts: ArraySlice<Substring>, _ a: Capture<A>, _ b: Capture<B>) -> (A, B)? {
        let i = texts.startIndex
        guard let x = a.parse(texts[i]), let y = b.parse(texts[i + 1]) else { return nil }
        return (x, y)
    }

    private static func decode<A, B, C>(_ texts: ArraySlice<Substring>, _ a: Capture<A>, _ b: Capture<B>, _ c: Capture<C>) -> (A, B, C)? {
        let i = texts.startIndex
        guard let x = a.parse(texts[i]), let y = b.parse(texts[i + 1]), let z = c.parse(texts[i + 2]) else { return nil }
        return (x, y, z)
    }

    /// A pattern's `literals` with the captures' values written between them.
    private static func fill<A>(_ literals: [String], _ a: Capture<A>, _ x: A) -> String {
        var path = literals[0]
        path += a.print(x)
        path += literals[1]
        return path
    }

    private static func fill<A, B>(_ literals: [String], _ a: Capture<A>, _ b: Capture<B>, _ x: A, _ y: B) -> String {
        var path = fill(literals, a, x)
        path += b.print(y)
        path += literals[2]
        return path
    }

    private static func fill<A, B, C>(_ literals: [String], _ a: Capture<A>, _ b: Capture<B>, _ c: Capture<C>, _ x: A, _ y: B, _ z: C) -> String {
        var path = fill(literals, a, b, x, y)
        path += c.print(z)
        path += literals[3]
        return path
    }

    /// A pattern's text around its placeholders, slashes included: one more than the placeholders.
    private static func literals(of pattern: String) -> [String] {
        var literals = [""], text = pattern[...]
        while let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            literals[literals.count - 1] += text[..<open]
            literals.append("")
            text = text[text.index(after: close)...]
        }
        literals[literals.count - 1] += text
        return literals
    }
}

/// One typed piece of a URL: how a segment (or part of one) becomes a value, and how the value is
/// written back. Every check a route makes on its URL is one of these, so a capture refuses the
/// same text in every route that uses it. Printing never checks: a link is written as asked.
struct Capture<Value>: Sendable {
    /// Its placeholder in a pattern: `period` for `{period}`.
    let name: String
    /// What it stands for, as the URL listing explains it.
    let meaning: String
    let parse: @Sendable (Substring) -> Value?
    let print: @Sendable (Value) -> String
    /// Takes the rest of the path, any number of segments (the static files).
    var isRest = false

    var placeholder: Placeholder { Placeholder(name: name, meaning: meaning) }

    /// The same capture under another placeholder (`{grant}` for an id).
    func named(_ name: String) -> Capture { Capture(name: name, meaning: meaning, parse: parse, print: print, isRest: isRest) }
}

extension Capture where Value == Language {
    static var language: Capture {
        Capture(name: "lang", meaning: Language.allCases.map(\.rawValue).joined(separator: " or "),
                parse: { Language(rawValue: String($0)) }, print: { $0.rawValue })
    }
}

extension Capture where Value == String {
    /// Slugs are checked by the schema where they are made; here only the reserved words are
    /// refused, since `communes/new` is the form of a new commune, not a commune.
    static var slug: Capture {
        Capture(name: "slug", meaning: "a commune's slug: any segment but " + CommunePages.reservedSlugs.sorted().joined(separator: ", "),
                parse: { text in CommunePages.reservedSlugs.contains { $0 == text } ? nil : String(text) }, print: { $0 })
    }
    static var period: Capture {
        Capture(name: "period", meaning: "a program's two years, the second after the first: 2024-2025",
                parse: { SiteRoute.isPeriod($0) ? String($0) : nil }, print: { $0 })
    }
    /// A one-time secret (password link, mail link), checked by its page.
    static var token: Capture {
        Capture(name: "token", meaning: "a one-time secret as sent: any segment", parse: { String($0) }, print: { $0 })
    }
    /// A tracking code as the citizen typed it (its page makes it canonical); `thanks` is the
    /// thank-you page, and no code is a word.
    static var code: Capture {
        Capture(name: "code", meaning: "a proposal's tracking code as typed: any segment but thanks",
                parse: { $0 == "thanks" ? nil : String($0) }, print: { $0 })
    }
    /// The path of a static file, which `StaticFiles` resolves and guards.
    static var file: Capture {
        Capture(name: "file", meaning: "a path under Public/, any number of segments (StaticFiles decides)",
                parse: { String($0) }, print: { $0 }, isRest: true)
    }
}

extension Capture where Value == Int {
    /// Digits only, no sign or leading zero, at most 12 digits and above zero: one row has one URL.
    static var id: Capture {
        Capture(name: "id", meaning: "a row's id: 1 to 12 digits, no leading zero", parse: { positive($0) }, print: { String($0) })
    }
    /// A number within a program (a project's, a version's), written like an id.
    static var number: Capture {
        Capture(name: "n", meaning: "a project's or a version's number in its program: 1 to 12 digits, no leading zero",
                parse: { positive($0) }, print: { String($0) })
    }
    /// An evaluation's year: four digits from 2000 to 2100.
    static var year: Capture {
        Capture(name: "year", meaning: "a year from 2000 to 2100", parse: { text in
            guard text.utf8.count == 4, let year = Int(text), (2000...2100).contains(year) else { return nil }
            return year
        }, print: { String($0) })
    }

    private static func positive(_ text: Substring) -> Int? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.count <= 12,
              text.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int(text)
    }
}

extension Capture where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of an enum's raw values (`{item}`, `{state}`, `{kind}`).
    static func word(_ name: String) -> Capture {
        Capture(name: name, meaning: "one of " + Value.allCases.map(\.rawValue).joined(separator: ", "),
                parse: { Value(rawValue: String($0)) }, print: { $0.rawValue })
    }
}

/// A capture as a form remembers it: the URL listing explains each placeholder it shows.
struct Placeholder: Equatable, Sendable {
    let name: String
    let meaning: String
}
