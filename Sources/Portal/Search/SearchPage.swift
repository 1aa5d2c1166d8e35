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
        var groups: [TemplateValue] = []
        // A kind continued from the page before goes on counting where it stopped: its first
        // hit's place among all hits, less the hits of the kinds listed before it.
        func start(of kind: String, at index: Int) -> Int {
            let before = SearchStore.kinds.prefix { $0 != kind }.reduce(0) { $0 + (reachable[$1] ?? 0) }
            return (number - 1) * pageSize + index - before + 1
        }
        var current: (kind: String, start: Int, items: [TemplateValue])? = nil
        for (index, hit) in hits.enumerated() {
            if current?.kind != hit.kind {
                if let current { groups.append(group(current.kind, current.items, start: current.start, counts: counts, page: page)) }
                current = (hit.kind, start(of: hit.kind, at: index), [])
            }
            current?.items.append(item(hit, searched: searched, page: page))
        }
        if let current { groups.append(group(current.kind, current.items, start: current.start, counts: counts, page: page)) }
        func query(_ n: Int) -> String {
            var query = "?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            if let communeSlug, commune != nil { query += "&commune=" + communeSlug }
            if n > 1 { query += "&page=\(n)" }
            return query
        }
        func href(_ n: Int) -> TemplateValue { .string(SiteRoute.search(language).path + query(n)) }
        var view = PageView(template: "pages/search", title: page.t("search.title"), context: [
            "typed": .string(typed),
            "searched": .bool(!searched.isEmpty),
            "total": .int(total),
            "capped": .bool(capped),
            "groups": .array(groups),
            "commune": commune.map { ["name": $0.name.value(language), "slug": .string(communeSlug ?? "")] } ?? .null,
            "page": .int(number), "page_count": .int(pageCount),
            "previous_href": number > 1 ? href(number - 1) : .null,
            "next_href": number < pageCount ? href(number + 1) : .null,
            "action": .string(SiteRoute.search(language).path),
            "everywhere_href": .string(SiteRoute.search(language).path + "?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
            "search_commune": commune == nil ? .null : .string(communeSlug ?? ""),
        ])
        // Re-encoded from what was understood, as the language switch needs it.
        view.switchQuery = query(number)
        return view
    }

    private static func group(_ kind: String, _ items: [TemplateValue], start: Int, counts: [String: Int], page: PageRequest) -> TemplateValue {
        let count = counts[kind] ?? items.count
        return ["kind": .string(page.t("search.kind." + kind)), "count": .int(min(count, SearchStore.countLimit)),
                "capped": .bool(count > SearchStore.countLimit), "items": .array(items),
                "start": start > 1 ? .int(start) : .null]
    }

    private static func item(_ hit: SearchStore.Hit, searched: [String], page: PageRequest) -> TemplateValue {
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
        return [
            "href": .string(href),
            "segments": .array(segments(shown, searched: searched)),
            "hit_lang": .string(Self.language(of: hit, on: language)),
            "commune": hit.kind == "commune" ? .null : (hit.commune?.value(language) ?? .null),
            "period": TemplateValue(hit.period),
        ]
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
    static func segments(_ text: String, searched: [String]) -> [TemplateValue] {
        var runs: [(text: String, mark: Bool)] = []
        var word = String.UnicodeScalarView(), other = String.UnicodeScalarView()
        func flushWord() {
            guard !word.isEmpty else { return }
            let text = String(word)
            let mark = SearchText.matches(text, searched: searched)
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
        return runs.map { ["text": .string($0.text), "mark": .bool($0.mark)] }
    }
}
