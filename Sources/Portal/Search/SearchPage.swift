import Foundation
import SQLite
import Templates

/// `/{lang}/search`: what the network's pages say about the words typed — communes, programs,
/// projects, activities, axes, milestones and public proposals — grouped by kind, twenty a page,
/// each with the words that matched marked in its own text. Works without script; a commune's
/// search box narrows it to that commune.
enum SearchPage {
    static let pageSize = 20

    static func load(_ db: Connection, typed: String, communeSlug: String?, number: Int, page: PageRequest) throws -> PageView {
        let language = page.language
        let typed = String(typed.prefix(200))
        var commune: (id: Int, name: Localized)? = nil
        if let communeSlug, let found = try SearchStore.commune(db, slug: communeSlug) {
            commune = found
        }
        let (counts, hits) = try SearchStore.search(db, typed: typed, communeID: commune?.id, page: number, pageSize: pageSize)
        // Each kind counted up to SearchStore.countLimit: past it the page says "more than".
        let reachable = counts.mapValues { min($0, SearchStore.countLimit) }
        let total = reachable.values.reduce(0, +)
        let capped = counts.values.contains { $0 > SearchStore.countLimit }
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        guard number <= pageCount else { throw PageError.notFound }
        let searched = SearchText.typedWords(typed)
        var marker = SearchText.Marker(searched: searched)
        var groups: [SearchGroup] = []
        // A kind continued from the page before goes on counting where it stopped: its first
        // hit's place among all hits, less the hits of the kinds listed before it.
        func start(of kind: String, at index: Int) -> Int {
            let before = SearchStore.kinds.prefix { $0 != kind }.reduce(0) { $0 + (reachable[$1] ?? 0) }
            return (number - 1) * pageSize + index - before + 1
        }
        var current: (kind: String, start: Int, items: [SearchHit])? = nil
        for (index, hit) in hits.enumerated() {
            if current?.kind != hit.kind {
                if let current { groups.append(group(current.kind, current.items, start: current.start, counts: counts, page: page)) }
                current = (hit.kind, start(of: hit.kind, at: index), [])
            }
            current?.items.append(item(hit, marker: &marker, page: page))
        }
        if let current { groups.append(group(current.kind, current.items, start: current.start, counts: counts, page: page)) }
        func query(_ n: Int) -> String {
            var query = "?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            if let communeSlug, commune != nil { query += "&commune=" + communeSlug }
            if n > 1 { query += "&page=\(n)" }
            return query
        }
        let everywhere = SiteRoute.search(language).path + "?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        var view = PageView(template: "pages/search", title: page.t("search.title"), view: SearchPageView(
            typed: typed,
            searched: !searched.isEmpty,
            total: total,
            capped: capped,
            groups: groups,
            commune: commune.map { SearchPageView.Commune(name: LocalizedText($0.name, language), slug: communeSlug ?? "") },
            pager: PagerView(page: number, pageCount: pageCount) { SiteRoute.search(language).path + query($0) },
            action: SiteRoute.search(language).path,
            everywhereHref: everywhere))
        // Re-encoded from what was understood, as the language switch needs it.
        view.switchQuery = query(number)
        return view
    }

    private static func group(_ kind: String, _ items: [SearchHit], start: Int, counts: [String: Int], page: PageRequest) -> SearchGroup {
        let count = counts[kind] ?? items.count
        return SearchGroup(kind: page.t("search.kind." + kind), count: min(count, SearchStore.countLimit),
                           capped: count > SearchStore.countLimit, items: items, start: start > 1 ? start : nil)
    }

    private static func item(_ hit: SearchStore.Hit, marker: inout SearchText.Marker, page: PageRequest) -> SearchHit {
        let language = page.language
        var href = ""
        if let slug = hit.slug {
            switch hit.kind {
            case "commune": href = SiteRoute.commune(language, slug: slug).path
            case "project", "activity":
                href = SiteRoute.program(language, slug: slug, period: hit.period ?? "", .project(hit.number ?? 1)).path
            case "proposal": href = SiteRoute.proposal(language, code: hit.code ?? "").path
            case "milestone": href = SiteRoute.program(language, slug: slug, period: hit.period ?? "", .overview).path + "#timeline"
            case "axis": href = SiteRoute.program(language, slug: slug, period: hit.period ?? "", .overview).path + "#axes"
            default: href = SiteRoute.program(language, slug: slug, period: hit.period ?? "", .overview).path
            }
        }
        let shown = hit.title.text(language)
        return SearchHit(href: href, segments: segments(shown, marker: &marker), hitLanguage: Self.language(of: hit, on: language),
                         commune: hit.kind == "commune" ? nil : hit.commune.map { LocalizedText($0, language) }, period: hit.period)
    }

    /// The language a hit's title is written in: a citizen's proposal is in whichever the
    /// citizen wrote (Arabic when it holds an Arabic letter); the portal's own texts are in the
    /// page's language, or in Arabic on a French page when no translation exists.
    static func language(of hit: SearchStore.Hit, on language: Language) -> String {
        if hit.kind == "proposal" {
            return hit.title.arabic.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } ? "ar" : "fr"
        }
        return language == .fr && hit.title.french == nil ? "ar" : language.rawValue
    }

    /// `text` cut into runs, the words that match a searched word marked.
    static func segments(_ text: String, marker: inout SearchText.Marker) -> [SearchHit.Segment] {
        var runs: [(text: String, mark: Bool)] = []
        var word = String.UnicodeScalarView(), other = String.UnicodeScalarView()
        func flushWord() {
            guard !word.isEmpty else { return }
            let text = String(word)
            let mark = marker.marks(text)
            if let last = runs.last, last.mark == mark, !mark { runs[runs.count - 1].text += text } else { runs.append((text, mark)) }
            word = .init()
        }
        func flushOther() {
            guard !other.isEmpty else { return }
            if let last = runs.last, !last.mark { runs[runs.count - 1].text += String(other) } else { runs.append((String(other), false)) }
            other = .init()
        }
        for scalar in text.unicodeScalars {
            if SearchText.isWordScalar(scalar) { flushOther(); word.append(scalar) } else { flushWord(); other.append(scalar) }
        }
        flushWord(); flushOther()
        return runs.map { SearchHit.Segment(text: $0.text, mark: $0.mark) }
    }
}

/// The search page: the words typed, how many hits, this page's hits grouped by kind, the
/// commune the search is narrowed to, and the pager.
struct SearchPageView: TemplateView {
    /// The commune a commune page's search box narrowed the search to.
    struct Commune: TemplateView {
        let name: LocalizedText
        let slug: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "name": return .init(name)
            case "slug": return .string(slug)
            default: return nil
            }
        }
    }

    /// The words typed, as the box shows them again.
    let typed: String
    /// Whether the words typed hold a word to search for.
    let searched: Bool
    /// Hits of every kind, each kind counted up to `SearchStore.countLimit`.
    let total: Int
    /// A kind has more hits than counted: the page says "more than".
    let capped: Bool
    let groups: [SearchGroup]
    let commune: Commune?
    let pager: PagerView
    /// Where the search form is sent.
    let action: String
    /// The same search in every commune.
    let everywhereHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "typed": return .string(typed)
        case "searched": return .bool(searched)
        case "total": return .int(total)
        case "capped": return .bool(capped)
        case "groups": return .init(groups)
        case "commune": return .init(commune)
        case "action": return .string(action)
        case "everywhere_href": return .string(everywhereHref)
        // The search box's hidden field keeps the search narrowed to the commune.
        case "search_commune": return .init(commune?.slug)
        default: return pager.member(key)
        }
    }
}

/// The hits of one kind on the page.
struct SearchGroup: TemplateView {
    /// The kind's name in the page's language.
    let kind: String
    /// Its hits in all pages, up to `SearchStore.countLimit`.
    let count: Int
    /// It has more hits than counted.
    let capped: Bool
    let items: [SearchHit]
    /// The first hit's place among the kind's hits, when the kind goes on from the page before.
    let start: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "kind": return .string(kind)
        case "count": return .int(count)
        case "capped": return .bool(capped)
        case "items": return .init(items)
        case "start": return .init(start)
        default: return nil
        }
    }
}

/// A hit: the page it leads to and its title, the words that matched marked.
struct SearchHit: TemplateView {
    /// A run of the title, marked when it is a word that matched.
    struct Segment: TemplateView {
        let text: String
        let mark: Bool

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "text": return .string(text)
            case "mark": return .bool(mark)
            default: return nil
            }
        }
    }

    let href: String
    let segments: [Segment]
    /// The language the title is written in (`SearchPage.language(of:on:)`).
    let hitLanguage: String
    /// The commune it belongs to (nil for a commune itself).
    let commune: LocalizedText?
    let period: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "segments": return .init(segments)
        case "hit_lang": return .string(hitLanguage)
        case "commune": return .init(commune)
        case "period": return .init(period)
        default: return nil
        }
    }
}
