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

    private static let select = """
        SELECT c.*, p.period, p.title_ar AS program_title_ar, p.title_fr AS program_title_fr,
               m.slug, m.name_ar AS commune_name_ar, m.name_fr AS commune_name_fr
        FROM calls c JOIN programs p ON p.id = c.program_id JOIN communes m ON m.id = p.commune_id
        """

    private static func listed(_ row: Row) throws -> Listed {
        Listed(call: try Call(row: row, axisIDs: []), slug: try row.string("slug"), period: try row.string("period"),
               commune: try Localized(row, "commune_name"), program: try Localized(row, "program_title"))
    }

    /// The calls open at `now`, closing soonest first; one commune's when `communeID` is set.
    static func open(_ db: Connection, at now: Date, communeID: Int? = nil, limit: Int) throws -> [Listed] {
        let filter = communeID == nil ? "" : " AND p.commune_id = ?3"
        var values: [any SQLBindable] = [Call.utcText(now), limit]
        if let communeID { values.append(communeID) }
        return try db.query(select + " WHERE c.opens_at <= ?1 AND c.closes_at > ?1" + filter + " ORDER BY c.closes_at, c.id LIMIT ?2", values)
            .map(listed)
    }

    /// How many calls are open or upcoming at `now`, and one page of them: the open ones first,
    /// closing soonest, then the upcoming ones, opening soonest.
    static func page(_ db: Connection, at now: Date, number: Int) throws -> (total: Int, calls: [Listed]) {
        let text = Call.utcText(now)
        let total = try db.scalar("SELECT count(*) FROM calls WHERE closes_at > ?", [text], as: Int.self) ?? 0
        let calls = try db.query(select + """
             WHERE c.closes_at > ?1
            ORDER BY c.opens_at > ?1, CASE WHEN c.opens_at <= ?1 THEN c.closes_at ELSE c.opens_at END, c.id
            LIMIT ?2 OFFSET ?3
            """, [text, pageSize, (number - 1) * pageSize]).map(listed)
        return (total, calls)
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
