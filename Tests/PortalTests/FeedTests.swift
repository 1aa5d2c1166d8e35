import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTP
import SQLite
import Templates
import XCTest
@testable import Portal

/// The Atom feeds of a program and of a proposal (issue 12): routes, RFC 4287's required
/// elements read back by a real XML parser, only what has happened and is public, never
/// personal data, and the links that announce them on the pages.
final class FeedTests: XCTestCase {
    let demoFeed = "/fr/communes/demo/programs/2025-2026/feed.atom"
    let admin = "/admin/fr/communes/demo/programs/2025-2026/proposals"

    func testRoutesPrintWhatTheyParse() {
        let routes: [SiteRoute] = [
            .program(.ar, slug: "settat", period: "2024-2025", .feed),
            .program(.fr, slug: "demo", period: "2025-2026", .feed),
            .proposalFeed(.ar, code: "ABCD-EFGH-JKMN-PQRS"), .proposalFeed(.fr, code: "abcd"),
            .calendar(.ar, slug: nil), .calendar(.fr, slug: nil),
            .calendar(.ar, slug: "beni-mellal"), .calendar(.fr, slug: "settat"),
        ]
        for route in routes {
            let segments = route.path.split(separator: "/").map(String.init)
            XCTAssertEqual(SiteRoute(segments: segments), route, route.path)
            let other: Language = route.language == .ar ? .fr : .ar
            XCTAssertEqual(SiteRoute(segments: route.with(language: other).path.split(separator: "/").map(String.init))?.language, other)
        }
        XCTAssertEqual(SiteRoute.program(.fr, slug: "settat", period: "2024-2025", .feed).path, "/fr/communes/settat/programs/2024-2025/feed.atom")
        XCTAssertEqual(SiteRoute.proposalFeed(.ar, code: "X").path, "/ar/proposals/X/feed.atom")
        XCTAssertEqual(SiteRoute.calendar(.fr, slug: nil).path, "/fr/calendar.ics")
        XCTAssertEqual(SiteRoute.calendar(.ar, slug: "settat").path, "/ar/communes/settat/calendar.ics")
        XCTAssertNil(SiteRoute(segments: ["fr", "communes", "settat", "programs", "2024-2025", "feed.rss"]))
        XCTAssertNil(SiteRoute(segments: ["fr", "proposals", "X", "feed"]))
    }

    /// Ids and UIDs are made under the base URL's host, whatever port the portal was started on.
    func testIdsAreMadeUnderTheHostWithoutItsPort() {
        XCTAssertEqual(FeedLinks.host(of: "https://Infitah.example.ma"), "infitah.example.ma")
        XCTAssertEqual(FeedLinks.host(of: "http://127.0.0.1:41234"), "127.0.0.1")
        XCTAssertEqual(FeedLinks.host(of: "https://infitah.example.ma:8443/portal"), "infitah.example.ma")
        XCTAssertEqual(FeedLinks.host(of: "http://[::1]:8080"), "[::1]")
        let links = FeedLinks(absolute: { "https://infitah.example.ma" + $0 }, host: "infitah.example.ma")
        XCTAssertEqual(links.tag("call/501/opened"), "tag:infitah.example.ma,2026:call/501/opened")
        XCTAssertEqual(links.uid("event-41"), "event-41@infitah.example.ma")
        XCTAssertEqual(links.url(.calendar(.fr, slug: "settat")), "https://infitah.example.ma/fr/communes/settat/calendar.ics")
    }

    func testProgramFeedIsAtomInBothLanguages() throws {
        let portal = try Portal()
        try portal.restart { $0.baseURL = "https://infitah.example.ma" }
        for language in ["ar", "fr"] {
            let path = "/\(language)/communes/demo/programs/2025-2026/feed.atom"
            let page = portal.get(path)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertEqual(page.headers["Content-Type"], "application/atom+xml; charset=utf-8")
            XCTAssertEqual(page.headers["Content-Language"], language)
            let feed = try XCTUnwrap(XMLNode.parse(page.body), "\(path) is well-formed XML")
            try checkAtom(feed, selfLink: "https://infitah.example.ma" + path)
            XCTAssertEqual(feed.attributes["xml:lang"], language)
            XCTAssertEqual(feed.child("author")?.child("name")?.text, language == "ar" ? "جماعة تجريبية" : "Commune de démonstration")
            // The sandbox's two calls opened when the demo was loaded; both versions are public.
            let ids = feed.children("entry").compactMap { $0.child("id")?.text }
            XCTAssertTrue(ids.contains("tag:infitah.example.ma,2026:call/501/opened"), "\(ids)")
            XCTAssertTrue(ids.contains("tag:infitah.example.ma,2026:call/502/opened"))
            XCTAssertFalse(ids.contains { $0.hasSuffix("/closed") }, "no call has closed")
            XCTAssertEqual(ids.filter { $0.contains(":version/") }.count, 2)
        }
        let arabic = try XCTUnwrap(XMLNode.parse(portal.get("/ar/communes/demo/programs/2025-2026/feed.atom").body))
        XCTAssertTrue(arabic.child("title")?.text.hasPrefix("مستجدات برنامج انفتاح الجماعة التجريبية") == true, arabic.child("title")?.text ?? "")
        XCTAssertTrue(portal.get("/fr/communes/settat/programs/2024-2025/feed.atom").status == 200, "a program without calls has a feed too")
    }

    func testUnknownCommunePeriodOrCodeIs404() throws {
        let portal = try Portal()
        for path in ["/fr/communes/nowhere/programs/2024-2025/feed.atom", "/ar/communes/settat/programs/2030-2031/feed.atom",
                     "/fr/communes/settat/programs/2025-2024/feed.atom", "/fr/proposals/ABCD-EFGH-JKMN-PQRS/feed.atom",
                     "/ar/proposals/not-a-code/feed.atom", "/fr/proposals/thanks/feed.atom"] {
            XCTAssertEqual(portal.get(path).status, 404, path)
        }
        XCTAssertEqual(portal.get(demoFeed, method: .head).status, 200)
        XCTAssertEqual(portal.post(demoFeed, form: []).status, 405)
    }

    /// A call is an entry from the instant it opens, and a closing from the instant it closes;
    /// the response says how long until then, and the page cache keeps it no longer.
    func testACallIsAnEntryOnlyOnceItHasOpenedOrClosed() throws {
        let portal = try Portal()
        let window = try portal.callWindow(501)
        func ids() throws -> [String] {
            let feed = try XCTUnwrap(XMLNode.parse(portal.get(demoFeed).body))
            return feed.children("entry").compactMap { $0.child("id")?.text }
        }
        // The test's clock jumps where real time does not: a write between steps makes sure no
        // entry cached at an earlier step answers, except where that is what is checked.
        func touch() throws { try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = name_ar WHERE slug = 'demo'") } }
        portal.site.clock.set { window.opens.addingTimeInterval(-3600) }
        XCTAssertFalse(try ids().contains { $0.hasSuffix("call/501/opened") }, "not open yet")
        XCTAssertEqual(portal.get(demoFeed).headers["Cache-Control"], "max-age=55", "a minute, less what the portal's cache may keep it")
        portal.site.clock.set { window.opens.addingTimeInterval(-30) }
        try touch()
        XCTAssertEqual(portal.get(demoFeed).headers["Cache-Control"], "max-age=25", "kept no longer than until the call opens, less what the portal's cache may keep it")
        portal.site.clock.set { window.opens.addingTimeInterval(-0.5) }
        try touch()
        XCTAssertFalse(try ids().contains { $0.hasSuffix("call/501/opened") })
        XCTAssertEqual(portal.get(demoFeed).headers["Cache-Control"], "max-age=0")
        portal.site.clock.set { window.opens }
        XCTAssertTrue(try ids().contains { $0.hasSuffix("call/501/opened") }, "the feed fetched half a second earlier was not kept")
        portal.site.clock.set { window.closes }
        try touch()
        XCTAssertTrue(try ids().contains { $0.hasSuffix("call/501/closed") })
        XCTAssertEqual(portal.get(demoFeed).headers["Cache-Control"], "max-age=55", "no call left to open or close")
    }

    /// Dates come from the store: the same data read at two different times gives the same bytes.
    func testTheFeedDoesNotDependOnTheTimeOfTheRequest() throws {
        let portal = try Portal()
        let window = try portal.callWindow(501)
        portal.site.clock.set { window.opens.addingTimeInterval(60) }
        let first = portal.get(demoFeed).body
        portal.site.clock.set { window.opens.addingTimeInterval(86_400) }
        try portal.site.database.write { try $0.run("UPDATE communes SET name_ar = name_ar WHERE slug = 'demo'") }
        XCTAssertEqual(portal.get(demoFeed).body, first)
        let feed = try XCTUnwrap(XMLNode.parse(first))
        let newest = try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT max(frozen_at) FROM program_versions WHERE program_id = 5 AND is_public = 1", as: String.self)
        })
        XCTAssertEqual(feed.child("updated")?.text, max(newest, Call.utcText(window.opens)), "the newest entry's stored instant")
    }

    func testPrivateVersionsHiddenAndMergedProposalsStayOut() throws {
        let portal = try Portal()
        try portal.site.database.write { db in
            try VersionStore.freeze(db, programID: 5, reason: .publish, label: Localized(arabic: "صيغة داخلية", french: "Version interne"),
                                       isPublic: false, by: nil)
        }
        let shown = try insertAnswered(portal, "Une idée publique et acceptée")
        let hidden = try insertAnswered(portal, "Des montres pas chères", hidden: true)
        let merged = try insertAnswered(portal, "Un doublon accepté", mergedInto: shown.id)
        let page = portal.get(demoFeed)
        XCTAssertFalse(page.contains("Version interne"), "a private version is not announced")
        XCTAssertTrue(page.contains("Réponse à la proposition « Une idée publique et acceptée » : Acceptée"), page.body)
        XCTAssertFalse(page.contains("montres"), "spam is never named")
        XCTAssertFalse(page.contains("doublon"), "a merged duplicate counts through the kept one")
        XCTAssertTrue(page.contains("/fr/proposals/\(shown.code)"), "the entry opens the tracking page, as the public list does")
        XCTAssertFalse(page.contains(hidden.code) || page.contains(merged.code))
    }

    /// A citizen's idea with their name, neighbourhood and association, answered by the committee:
    /// the answer is in both feeds, and nothing personal is anywhere.
    func testAnswersAppearAfterTriageWithoutPersonalData() throws {
        let portal = try Portal()
        let formPath = "/fr/communes/demo/programs/2025-2026/proposals/new"
        let receipt = portal.post(formPath, form: [
            ("token", try portal.formToken(formPath)), ("website", ""), ("axis", "52"),
            ("title", "Un guichet numérique"), ("description", "Ouvrir un guichet en ligne."),
            ("name", "Fatima Zahra Bennani"), ("gender", "woman"), ("age_band", "30-44"),
            ("association", "Association Nour"), ("neighbourhood", "Hay Salam"), ("consent", "yes"),
        ], address: "10.9.8.7")
        XCTAssertEqual(receipt.status, 303)
        let location = try XCTUnwrap(receipt.headers["Location"])
        let code = String(location.dropFirst("/fr/proposals/".count).prefix { $0 != "?" })
        let proposalFeed = "/fr/proposals/\(code)/feed.atom"
        let id = try XCTUnwrap(try portal.site.database.read { try $0.scalar("SELECT id FROM proposals WHERE tracking_code = ?", [code], as: Int.self) })

        var feed = try XCTUnwrap(XMLNode.parse(portal.get(proposalFeed).body))
        try checkAtom(feed, selfLink: portal.site.baseURL + proposalFeed)
        XCTAssertEqual(feed.children("entry").map { $0.child("title")?.text }, ["Proposition reçue par la commune"])
        XCTAssertEqual(feed.child("title")?.text, "Suivi de la proposition\u{A0}: Un guichet numérique")
        XCTAssertFalse(portal.get(demoFeed).contains("Un guichet numérique"), "not answered yet")

        let committee = try portal.signIn(.committee, commune: "demo")
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "accepted"), ("answer", "سيتم إدراجه في برمجة 2026")], as: committee).status, 303)
        let program = portal.get(demoFeed)
        XCTAssertTrue(program.contains("Réponse à la proposition « Un guichet numérique » : Acceptée"), program.body)
        XCTAssertFalse(program.contains("سيتم إدراجه"), "the program's feed gives the title and status only")
        feed = try XCTUnwrap(XMLNode.parse(portal.get(proposalFeed).body))
        let entries = feed.children("entry")
        XCTAssertEqual(entries.map { $0.child("title")?.text }, ["Nouvel état de la proposition\u{A0}: Acceptée", "Proposition reçue par la commune"])
        XCTAssertEqual(entries.first?.child("summary")?.text, "État\u{A0}: Acceptée\nRéponse de la commune — سيتم إدراجه في برمجة 2026")

        // Not accepted, with its public reason; then integrated into project 2.
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "rejected"), ("reason", "Hors des compétences")], as: committee).status, 303)
        XCTAssertEqual(portal.post("\(admin)/\(id)/status", form: [("status", "integrated"), ("project", "52")], as: committee).status, 303)
        let history = portal.get(proposalFeed)
        XCTAssertTrue(history.contains("État\u{A0}: Non retenue\nMotif — Hors des compétences"), history.body)
        XCTAssertTrue(history.contains("Cette proposition a été intégrée au Projet 2 : Généraliser"), history.body)

        let arabic = portal.get("/ar/proposals/\(code)/feed.atom")
        XCTAssertTrue(arabic.contains("توصلت الجماعة بالمقترح"))
        for page in [program, history, arabic, portal.get(demoFeed), portal.get("/fr/communes/demo/calendar.ics"), portal.get("/fr/calendar.ics")] {
            for personal in ["Fatima", "Bennani", "Hay Salam", "Nour", "10.9.8.7", "30-44", "woman", "Femme", "Test committee", committee.email] {
                XCTAssertFalse(page.contains(personal), "\(personal) in a feed")
            }
        }
    }

    func testAMergedProposalsFeedPointsToTheKeptOne() throws {
        let portal = try Portal()
        let committee = try portal.signIn(.committee, commune: "demo")
        let kept = try insertAnswered(portal, "Un parking pour le souk")
        let duplicate = try insertAnswered(portal, "Parking du souk", status: "processing")
        XCTAssertEqual(portal.post("\(admin)/\(duplicate.id)/merge", form: [("target", String(kept.id))], as: committee).status, 303)
        let feed = try XCTUnwrap(XMLNode.parse(portal.get("/fr/proposals/\(duplicate.code)/feed.atom").body))
        let merged = try XCTUnwrap(feed.children("entry").first)
        XCTAssertEqual(merged.child("title")?.text, "Proposition fusionnée dans une proposition semblable\u{A0}: Un parking pour le souk")
        XCTAssertEqual(merged.child("link")?.attributes["href"], portal.site.baseURL + "/fr/proposals/\(kept.code)")
        // Demo-like data with no history: the answer, on its own day.
        let answered = try XCTUnwrap(XMLNode.parse(portal.get("/fr/proposals/\(kept.code)/feed.atom").body))
        XCTAssertEqual(answered.children("entry").map { $0.child("title")?.text }, ["Nouvel état de la proposition\u{A0}: Acceptée", "Proposition reçue par la commune"])
        XCTAssertEqual(answered.child("updated")?.text, "2026-01-02T10:00:00Z")
    }

    func testTextIsEscapedAndControlCharactersDropped() throws {
        let portal = try Portal()
        let tricky = "<b>Rue & \"place\" d'Anfa</b> ]]> \u{0B}\u{1}fin"
        let proposal = try insertAnswered(portal, tricky)
        for path in [demoFeed, "/fr/proposals/\(proposal.code)/feed.atom"] {
            let page = portal.get(path)
            XCTAssertFalse(page.contains("<b>"), path)
            let feed = try XCTUnwrap(XMLNode.parse(page.body), "\(path) stays well-formed")
            let titles = feed.children("entry").compactMap { $0.child("title")?.text } + [feed.child("title")?.text ?? ""]
            XCTAssertTrue(titles.contains { $0.contains("<b>Rue & \"place\" d'Anfa</b> ]]> fin") }, "\(titles)")
        }
        XCTAssertEqual(XMLText.escape("a<b>&\"'\u{0}\u{FFFE}\t\nz"), "a&lt;b&gt;&amp;&quot;&#39;\t\nz")
    }

    func testPagesAnnounceAndLinkTheirFeedsAndCalendars() throws {
        let portal = try Portal()
        let proposal = try insertAnswered(portal, "Une idée à suivre")
        for language in ["ar", "fr"] {
            let program = portal.get("/\(language)/communes/demo/programs/2025-2026")
            let feed = "/\(language)/communes/demo/programs/2025-2026/feed.atom"
            XCTAssertTrue(program.contains(#"<link rel="alternate" type="application/atom+xml" title=""#), language)
            XCTAssertTrue(program.contains(#"href="\#(feed)">"#), language)
            XCTAssertTrue(program.contains(#"<p class="follow">"#) && program.contains(#"<a href="\#(feed)" type="application/atom+xml">"#))
            XCTAssertTrue(program.contains(#"<a href="/\#(language)/communes/demo/calendar.ics" type="text/calendar">"#))
            let tracking = portal.get("/\(language)/proposals/\(proposal.code)")
            let proposalFeed = "/\(language)/proposals/\(proposal.code)/feed.atom"
            XCTAssertTrue(tracking.contains(#"<link rel="alternate" type="application/atom+xml" title=""#) && tracking.contains(#"href="\#(proposalFeed)">"#))
            XCTAssertTrue(tracking.contains(#"<a href="\#(proposalFeed)" type="application/atom+xml">"#))
            let commune = portal.get("/\(language)/communes/settat")
            XCTAssertTrue(commune.contains(#"<a href="/\#(language)/communes/settat/calendar.ics" type="text/calendar">"#))
            XCTAssertTrue(commune.contains(#"<a href="/\#(language)/communes/settat/programs/2024-2025/feed.atom" type="application/atom+xml">"#))
            let home = portal.get("/\(language)/")
            XCTAssertTrue(home.contains(#"<a href="/\#(language)/calendar.ics" type="text/calendar">"#))
            XCTAssertFalse(home.contains(#"rel="alternate" type="application/atom+xml""#), "the home page has no feed of its own")
        }
        XCTAssertTrue(portal.get("/ar/").contains("تابع: <a href=\"/ar/calendar.ics\" type=\"text/calendar\">أضف مواعيد الجماعات إلى تقويمك</a>"))
        XCTAssertTrue(portal.get("/fr/communes/demo/programs/2025-2026").contains(
            "Suivre : <a href=\"/fr/communes/demo/programs/2025-2026/feed.atom\" type=\"application/atom+xml\">fil d&#39;actualité (Atom)</a> · <a href=\"/fr/communes/demo/calendar.ics\" type=\"text/calendar\">ajouter à l&#39;agenda</a>"))
    }

    func testFeedsAreCompressedAndCachedLikePages() throws {
        let portal = try Portal()
        let plain = portal.get(demoFeed)
        let zipped = portal.get(demoFeed, headers: [("Accept-Encoding", "gzip")])
        XCTAssertEqual(zipped.headers["Content-Encoding"], "gzip")
        XCTAssertEqual(String(decoding: try Gzip.decompress(try XCTUnwrap(zipped.rawBody)), as: UTF8.self), plain.body)
        XCTAssertEqual(zipped.headers["Content-Type"], "application/atom+xml; charset=utf-8")
    }

    // MARK: - Helpers

    /// RFC 4287's required elements: feed id, title, updated, author, a self link; each entry's
    /// id, title, updated, and a link or content.
    private func checkAtom(_ feed: XMLNode, selfLink: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(feed.name, "feed", file: file, line: line)
        XCTAssertEqual(feed.attributes["xmlns"], "http://www.w3.org/2005/Atom", file: file, line: line)
        for name in ["id", "title", "updated"] {
            XCTAssertEqual(feed.children(name).count, 1, "feed \(name)", file: file, line: line)
            XCTAssertFalse(feed.child(name)?.text.isEmpty ?? true, "feed \(name)", file: file, line: line)
        }
        XCTAssertFalse(feed.child("author")?.child("name")?.text.isEmpty ?? true, "feed author", file: file, line: line)
        XCTAssertEqual(feed.children("link").first { $0.attributes["rel"] == "self" }?.attributes["href"], selfLink, file: file, line: line)
        XCTAssertTrue(Self.isInstant(feed.child("updated")?.text ?? ""), file: file, line: line)
        var ids: Set<String> = []
        for entry in feed.children("entry") {
            for name in ["id", "title", "updated"] {
                XCTAssertEqual(entry.children(name).count, 1, "entry \(name)", file: file, line: line)
            }
            let id = entry.child("id")?.text ?? ""
            XCTAssertTrue(id.hasPrefix("tag:"), id, file: file, line: line)
            XCTAssertTrue(ids.insert(id).inserted, "entry ids are unique: \(id)", file: file, line: line)
            XCTAssertTrue(Self.isInstant(entry.child("updated")?.text ?? ""), file: file, line: line)
            XCTAssertTrue(entry.child("link")?.attributes["href"]?.hasPrefix("http") ?? false, "entry link is absolute", file: file, line: line)
        }
    }

    private static func isInstant(_ text: String) -> Bool { (try? Call.parse(text)) != nil }

    /// A proposal of the sandbox answered on 2 January 2026 (no audit: as demo data is).
    private func insertAnswered(_ portal: Portal, _ title: String, status: String = "accepted", hidden: Bool = false,
                                mergedInto: Int? = nil) throws -> (id: Int, code: String) {
        let code = TrackingCode.make()
        let id = try portal.site.database.write { db -> Int in
            try db.run("""
                INSERT INTO proposals (program_id, call_id, axis_id, kind, title, description, author_name, neighbourhood, channel, status,
                                       tracking_code, remote_address, created_at, answered_at, hidden, merged_into_id)
                VALUES (5, 501, 51, 'idea', ?, 'Texte', 'Karim Alaoui', 'Derb Omar', 'platform', ?, ?, '10.1.2.3',
                        '2026-01-01T09:00:00Z', ?, ?, ?)
                """, [title, status, code, status == "processing" ? nil : "2026-01-02T10:00:00Z", hidden, mergedInto])
            return Int(db.lastInsertRowID)
        }
        return (id, code)
    }
}

/// An XML element read back by Foundation's parser (libxml2): enough of a tree to check a feed.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The document element, or nil when the text is not well-formed XML.
    static func parse(_ text: String) -> XMLNode? {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
