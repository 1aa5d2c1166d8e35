import Foundation
import SQLite
import Templates

/// The calls citizens can answer now, or soon, across the network or in one commune: the band
/// on the home page (the ten closing soonest), the commune page's open calls, and the paged
/// list `/{lang}/calls`. Each call says where it belongs (commune, program), when it closes or
/// opens in Morocco time, the button that opens its form, and its `ShareLink`.
enum OpenCalls {
    /// How many calls a page of `/{lang}/calls` lists.
    static let pageSize = 20

    /// A call with the commune and program it belongs to.
    struct Listed {
        var call: Call
        var slug: String
        var period: String
        var commune: Localized
        var program: Localized
    }

    /// The view of one call of a list: the call's own view, with its commune and program, and
    /// the share link of the page its button opens.
    static func value(_ item: Listed, at now: Date, page: PageRequest, baseURL: String) -> TemplateValue {
        let language = page.language
        let formHref = SiteRoute.program(language, slug: item.slug, period: item.period, .newProposal).path
        let programHref = SiteRoute.program(language, slug: item.slug, period: item.period, .overview).path
        var value = item.call.value(at: now, page: page, formHref: formHref).objectValue ?? [:]
        value["commune"] = item.commune.value(language)
        value["commune_href"] = .string(SiteRoute.commune(language, slug: item.slug).path)
        value["program"] = item.program.value(language)
        value["program_href"] = .string(programHref)
        // Comments are sent from each project of the draft, which the program page lists.
        let target = item.call.kind == "ideas" ? formHref : programHref + "#axes"
        value["open_href"] = item.call.state(at: now) == .open ? .string(target) : .null
        value["share"] = ShareLink.value(baseURL + target)
        return .object(value)
    }
}
