import Foundation
import HTTP
import Templates

/// The feed and calendar handlers: each read in one snapshot, written by its type, and sent with
/// how long it stays true, so that readers, proxies and the page cache may keep it that long
/// and no longer (RFC 9111 §5.2.2.1 `max-age`).
enum FeedPages {
    /// How long a feed or calendar may be shown after it is made when nothing in it depends on
    /// the clock: feed readers and calendar apps poll every few minutes to hours, and a write
    /// (an answer, a step) then shows within a minute. Its `max-age` is what the portal's own
    /// cache leaves of it (`Site.maxAgeInFront`).
    static let maxAge = 60

    /// GET `.../programs/{period}/feed.atom`.
    static func program(_ context: RequestContext, slug: String, period: String) throws -> Outcome {
        let page = context.page, now = context.now, links = FeedLinks(context.site)
        let (feed, nextChange) = try context.read { db in
            try ProgramFeed.make(db, slug: slug, period: period, now: now, page: page, links: links)
        }
        // A call opening or closing changes the feed: it is not kept past that instant.
        let untilChange = nextChange.map { Int($0.timeIntervalSince(now).rounded(.down)) } ?? maxAge
        return response(feed.bytes(), contentType: AtomFeed.contentType, language: context.language,
                        maxAge: Site.maxAgeInFront(within: min(maxAge, untilChange)))
    }

    /// GET `/{lang}/proposals/{code}/feed.atom`.
    static func proposal(_ context: RequestContext, code: String) throws -> Outcome {
        let page = context.page, links = FeedLinks(context.site)
        let feed = try context.read { try ProposalFeed.make($0, code: code, page: page, links: links) }
        return response(feed.bytes(), contentType: AtomFeed.contentType, language: context.language, maxAge: Site.maxAgeInFront(within: maxAge))
    }

    /// GET `/{lang}/calendar.ics` and `/{lang}/communes/{slug}/calendar.ics`.
    static func calendar(_ context: RequestContext, slug: String?) throws -> Outcome {
        let page = context.page, links = FeedLinks(context.site)
        let calendar = try context.read { try CalendarFeed.make($0, slug: slug, page: page, links: links) }
        return response(calendar.bytes(), contentType: ICalendar.contentType, language: context.language, maxAge: Site.maxAgeInFront(within: maxAge))
    }

    static func response(_ body: [UInt8], contentType: String, language: Language, maxAge: Int) -> Outcome {
        .response(HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", contentType), ("Content-Language", language.rawValue),
                                                                  ("Cache-Control", "max-age=\(maxAge)")]), body: body))
    }
}

/// Where a feed or a calendar points, and what its ids and UIDs are made under: both from
/// `Site.baseURL`, links through `Site.absoluteURL` like every absolute link of the portal.
struct FeedLinks {
    let absolute: (String) -> String
    /// The host of the base URL without its port, so a restart on another port keeps every id.
    let host: String

    /// The links of `site`'s feeds, under its base URL.
    init(_ site: Site) {
        self.init(absolute: site.absoluteURL, host: FeedLinks.host(of: site.baseURL))
    }

    init(absolute: @escaping (String) -> String, host: String) {
        self.absolute = absolute
        self.host = host
    }

    /// The absolute URL of a route, with a fragment ("#calls") when given.
    func url(_ route: SiteRoute, _ fragment: String = "") -> String { absolute(route.path) + fragment }

    /// A permanent Atom id (RFC 4287 §4.2.6): a `tag:` URI (RFC 4151) under the portal's host and
    /// the year the scheme was minted; the specific part names the thing in the store
    /// (`call/501/opened`), never the language, so both languages' entries are the same entry.
    func tag(_ specific: String) -> String { "tag:\(host),2026:\(specific)" }

    /// A calendar UID (RFC 5545 §3.8.4.7): "call-501@host".
    func uid(_ specific: String) -> String { "\(specific)@\(host)" }

    /// "infitah.example.ma" from "https://infitah.example.ma:8443/".
    static func host(of baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            // An IPv6 literal keeps its brackets; only a port after them goes.
            if let close = rest.firstIndex(of: "]") { rest = rest[...close] }
        } else if let colon = rest.firstIndex(of: ":") {
            rest = rest[..<colon]
        }
        return rest.lowercased()
    }
}

/// What a page needs to point to its feed and calendar: the "Follow:" line (partials/follow)
/// and the feed its head announces to feed readers (`<link rel="alternate">` in layouts/base).
enum FollowLinks {
    /// The `follow` view: a link to each of `feed` and `calendar` that the page has, labelled
    /// by the catalog keys given; nil when it has neither.
    static func view(_ page: PageRequest, feed: SiteRoute? = nil, feedLabel: String = "follow.feed",
                     calendar: SiteRoute? = nil, calendarLabel: String = "follow.calendar") -> FollowView? {
        var links: [FollowLink] = []
        if let feed {
            links.append(FollowLink(href: feed.path, type: "application/atom+xml", label: page.t(feedLabel)))
        }
        if let calendar {
            links.append(FollowLink(href: calendar.path, type: "text/calendar", label: page.t(calendarLabel)))
        }
        return links.isEmpty ? nil : FollowView(links: links)
    }

    /// The `alternate_feed` view: the feed's path and its title.
    static func alternate(_ feed: SiteRoute, title: String) -> AlternateFeed {
        AlternateFeed(href: feed.path, title: title)
    }
}

/// The "Follow:" line of a page (partials/follow): its feed and calendar links.
struct FollowView: TemplateView {
    let links: [FollowLink]

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "links": return .init(links)
        default: return nil
        }
    }
}

/// One link of the "Follow:" line.
struct FollowLink: TemplateView {
    let href: String
    /// The media type of what it leads to (an Atom feed, a calendar).
    let type: String
    let label: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "type": return .string(type)
        case "label": return .string(label)
        default: return nil
        }
    }
}

/// The feed a page's head announces to feed readers (`<link rel="alternate">` in layouts/base).
struct AlternateFeed: TemplateView {
    let href: String
    let title: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "href": return .string(href)
        case "title": return .string(title)
        default: return nil
        }
    }
}
