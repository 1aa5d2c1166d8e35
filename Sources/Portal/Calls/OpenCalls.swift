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
}

/// One call of a list of open or upcoming calls: the call's own view, with its commune and
/// program, and the share link of the page its button opens.
struct OpenCallView: TemplateView {
    let call: CallView
    let commune: LocalizedText
    let communeHref: String
    let program: LocalizedText
    let programHref: String
    /// Where its button leads while it is open: the proposal form of an ideas call, the
    /// program's projects for a call for comments.
    let openHref: String?
    /// The share links of the page the button opens.
    let share: ShareLink

    init(_ item: OpenCalls.Listed, at now: Date, page: PageRequest, baseURL: String) {
        let language = page.language
        let formHref = SiteRoute.program(language, slug: item.slug, period: item.period, .newProposal).path
        let programHref = SiteRoute.program(language, slug: item.slug, period: item.period, .overview).path
        call = CallView(item.call, at: now, page: page, formHref: formHref)
        commune = LocalizedText(item.commune, language)
        communeHref = SiteRoute.commune(language, slug: item.slug).path
        program = LocalizedText(item.program, language)
        self.programHref = programHref
        // Comments are sent from each project of the draft, which the program page lists.
        let target = item.call.kind == "ideas" ? formHref : programHref + "#axes"
        openHref = item.call.state(at: now) == .open ? target : nil
        share = ShareLink(baseURL + target)
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "commune": return .init(commune)
        case "commune_href": return .string(communeHref)
        case "program": return .init(program)
        case "program_href": return .string(programHref)
        case "open_href": return .init(openHref)
        case "share": return .init(share)
        default: return call.member(key)
        }
    }
}
