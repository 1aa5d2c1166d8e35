import Templates

/// The keys `partials/pager` reads: the page shown, how many there are, and the links to the
/// pages before and after it (nil on the first and last page). A paged page's view answers
/// them by passing the keys it does not know to its pager.
struct PagerView: TemplateView {
    /// The page shown, from 1.
    let page: Int
    let pageCount: Int
    let previousHref: String?
    let nextHref: String?

    init(page: Int, pageCount: Int, previousHref: String?, nextHref: String?) {
        self.page = page; self.pageCount = pageCount; self.previousHref = previousHref; self.nextHref = nextHref
    }

    /// The pager of page `page` of `pageCount`, `href` giving a page's link.
    init(page: Int, pageCount: Int, href: (Int) -> String) {
        self.init(page: page, pageCount: pageCount, previousHref: page > 1 ? href(page - 1) : nil,
                  nextHref: page < pageCount ? href(page + 1) : nil)
    }

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return .int(page)
        case "page_count": return .int(pageCount)
        case "previous_href": return .init(previousHref)
        case "next_href": return .init(nextHref)
        default: return nil
        }
    }
}
