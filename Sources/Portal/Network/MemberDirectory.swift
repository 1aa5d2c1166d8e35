import Foundation
import SQLite
import Templates

/// The member communes as a directory that stays one size whatever the network's: grouped by
/// region, narrowed to one region or to the words of a name, a fixed number a page. The network
/// page lists the members this way (fifty a page) and the open-data page their programs
/// (twenty-five a page: each row carries six downloads), so that at 1,503 communes
/// neither grows past a page (issue 16: they were 231 KB and 807 KB); the dashboard's rows lead
/// here, narrowed to a region or to the state of the newest program. Three queries, each
/// bounded by the page or by the regions' count, whatever the number of communes.
struct MemberDirectory {
    /// What the visitor asked for: `?region=…&q=…&page=N`.
    struct Query: Sendable, Equatable {
        /// A region as the store names it in Arabic ("-" for communes whose region is not given).
        var region: String?
        var words: String?
        /// The state of the communes' newest program ("-" for communes without one): the
        /// dashboard's rows lead here.
        var state: String?
        var page = 1

        /// The states `state` may take.
        static let states = ProgramState.allCases.map(\.rawValue) + ["-"]

        init(region: String? = nil, words: String? = nil, state: String? = nil, page: Int = 1) {
            self.region = region
            self.words = words
            self.state = state
            self.page = page
        }

        /// Reads the query parameters the network and data pages declare (`SiteRoute.queryParameters`).
        init(_ query: [(name: String, value: String)]) {
            func value(_ name: String) -> String? {
                guard let raw = query.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
                return raw
            }
            region = value("region").map { String($0.prefix(80)) }
            words = value("q").map { String($0.prefix(200)) }
            state = value("state").flatMap { Self.states.contains($0) ? $0 : nil }
            page = value("page").flatMap { Int($0) }.map { max(1, min($0, 100_000)) } ?? 1
        }

        var isNarrowed: Bool { region != nil || words != nil || state != nil }

        /// The query string of this query on another page number ("" when it is the plain first page).
        func string(page number: Int) -> String {
            var parts: [String] = []
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))
            if let region { parts.append("region=" + (region.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")) }
            if let words { parts.append("q=" + (words.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")) }
            if let state { parts.append("state=" + state) }
            if number > 1 { parts.append("page=\(number)") }
            return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
        }
    }

    /// A region and how many members it has (of all members, whatever the words).
    struct Region: Sendable {
        var key: String
        var name: Localized?
        var count: Int
    }

    /// A member commune on the page.
    struct Member: Sendable {
        var id: Int
        var slug: String
        var name: Localized
        var regionKey: String
        var region: Localized?
        var joinedOn: String?
        var isSandbox: Bool
        /// The region is the demo loader's inference, not the documents' (Migrations/0018).
        var regionInferred: Bool
    }

    var query: Query
    var regions: [Region]
    /// Members that match the query, all pages together.
    var total: Int
    var members: [Member]
    /// Communes a page.
    var pageSize: Int
    var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }

    /// One page of members; `sandbox` adds the demo commune at the end (the data page lists its
    /// programs, the network page does not count it as a member).
    static func load(_ db: Connection, query: Query, sandbox: Bool, pageSize: Int) throws -> MemberDirectory {
        let regions = try NetworkStore.regions(db)
        // Words are matched through the search index (SearchText's folding: أ/ا, ة/ه, prefixes…).
        var match: String? = nil
        if let words = query.words {
            guard case .terms(let terms) = try SearchStore.expression(db, typed: words) else {
                return MemberDirectory(query: query, regions: regions, total: 0, members: [], pageSize: pageSize)
            }
            match = SearchStore.match(terms, communeID: nil)
        }
        let total = try NetworkStore.memberCount(db, sandbox: sandbox, region: query.region, match: match, state: query.state)
        let members = try NetworkStore.members(db, sandbox: sandbox, region: query.region, match: match, state: query.state,
                                               limit: pageSize, offset: (query.page - 1) * pageSize)
        return MemberDirectory(query: query, regions: regions, total: total, members: members, pageSize: pageSize)
    }

    /// The page's members in runs of one region each, in order: `[(region, members)]`.
    var groups: [(region: Localized?, isSandbox: Bool, members: [Member])] {
        var groups: [(region: Localized?, isSandbox: Bool, members: [Member])] = []
        for member in members {
            if let last = groups.last, last.members[0].regionKey == member.regionKey, last.isSandbox == member.isSandbox {
                groups[groups.count - 1].members.append(member)
            } else {
                groups.append((member.region, member.isSandbox, [member]))
            }
        }
        return groups
    }

    /// What the filter form and the pager show, for a page at `path`: the regions as options
    /// (with their counts, the chosen one selected), the typed words, and the pager's links.
    func filterView(path: String, page: PageRequest) -> DirectoryFilterView {
        let language = page.language
        return DirectoryFilterView(
            filterAction: path,
            regions: regions.map { region in
                DirectoryFilterView.Option(
                    value: region.key,
                    label: (region.name?.text(language) ?? page.t("network.region_unknown")) + " (" + Format.number(region.count, language) + ")",
                    selected: query.region == region.key)
            },
            typed: query.words,
            state: query.state.map { state in
                DirectoryFilterView.State(value: state, label: page.t(state == "-" ? "dashboard.no_program" : "status." + state))
            },
            narrowed: query.isNarrowed,
            clearHref: path,
            total: total,
            pager: PagerView(page: query.page, pageCount: pageCount) { path + query.string(page: $0) })
    }
}

/// The member directory's filter form and pager (`partials/member_filter`, `partials/pager`):
/// what the network and data pages' directories share; each page adds its own groups.
struct DirectoryFilterView: TemplateView {
    /// A region of the filter's list: its value is the region as the store names it in Arabic ("-"
    /// when not given), its label its name in the page's language and how many members it has.
    typealias Option = FormChoice

    /// The state of the newest program the dashboard narrowed the list to.
    struct State: TemplateView {
        /// As the query gives it ("-" for communes without a program).
        let value: String
        /// In words, in the page's language.
        let label: String

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "value": return .string(value)
            case "label": return .string(label)
            default: return nil
            }
        }
    }

    /// The page the form is sent to.
    let filterAction: String
    let regions: [Option]
    /// The words of a name the visitor typed.
    let typed: String?
    let state: State?
    /// Whether a region, words or a state narrow the list (the form offers to clear them).
    let narrowed: Bool
    let clearHref: String
    /// Members that match, all pages together.
    let total: Int
    let pager: PagerView

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "filter_action": return .string(filterAction)
        case "regions": return .init(regions)
        case "typed": return .init(typed)
        case "state": return .init(state)
        case "narrowed": return .bool(narrowed)
        case "clear_href": return .string(clearHref)
        case "total": return .int(total)
        case "paged": return .bool(pager.pageCount > 1)
        default: return pager.member(key)
        }
    }
}
