import Foundation
import XCTest
import SQLite
@testable import Portal

/// Where citizens meet a call (issue 12): the home page's band, `/{lang}/calls`, the commune
/// page and the top of the program page, with share links made of plain links.
final class OpenCallsTests: XCTestCase {
    func testTheHomeBandShowsTheOpenCallsWithTheirCommuneButtonAndShareLink() throws {
        let portal = try Portal()
        try portal.restart { $0.baseURL = "https://infitah.example.ma" }
        let home = portal.get("/fr/")
        XCTAssertEqual(home.status, 200)
        let start = try XCTUnwrap(home.body.range(of: #"<section aria-labelledby="open-calls""#))
        let end = try XCTUnwrap(home.body.range(of: "</section>", range: start.upperBound..<home.body.endIndex))
        let band = Page(status: 200, headers: home.headers, body: String(home.body[start.lowerBound..<end.upperBound]))
        XCTAssertTrue(band.contains("Appels ouverts maintenant"))
        XCTAssertTrue(band.contains(#"href="/fr/communes/demo">"#), "which commune")
        XCTAssertTrue(band.contains("Appel à idées et propositions sur les axes du programme d&#39;ouverture (exemple)"))
        XCTAssertTrue(band.contains("Clôture le"), band.body)
        XCTAssertTrue(band.contains(#"<a class="button" href="/fr/communes/demo/programs/2025-2026/proposals/new">Proposer une idée</a>"#))
        XCTAssertTrue(band.contains(#"<a class="button" href="/fr/communes/demo/programs/2025-2026#axes">Commenter le projet</a>"#))
        XCTAssertTrue(band.contains("https://wa.me/?text="))
        XCTAssertTrue(band.contains("https%3A%2F%2Finfitah.example.ma%2Ffr%2Fcommunes%2Fdemo%2Fprograms%2F2025-2026%2Fproposals%2Fnew"),
                      "the absolute URL, encoded, from --base-url")
        XCTAssertTrue(band.contains(#"dir="ltr" translate="no">https://infitah.example.ma/fr/communes/demo/programs/2025-2026/proposals/new</code>"#))
        XCTAssertTrue(band.contains(#"href="/fr/calls">Tous les appels ouverts et à venir</a>"#))
        XCTAssertFalse(band.contains("Settat"), "Settat's June 2023 call is closed")
        let arabic = portal.get("/ar/")
        XCTAssertTrue(arabic.contains("نداءات مفتوحة الآن") && arabic.contains("اقترح فكرة") && arabic.contains("مشاركة الرابط عبر واتساب"))
    }

    func testTheListOfOpenAndUpcomingCallsIsPaged() throws {
        let portal = try Portal()
        let now = Date()
        try portal.site.database.write { db in
            // Béni Mellal (in co-construction) announces 24 short calls, one after another.
            for index in 0..<24 {
                let opens = now.addingTimeInterval(Double(index + 1) * 86_400)
                try db.run("INSERT INTO calls (program_id, kind, title_ar, title_fr, opens_at, closes_at) VALUES (4, 'ideas', ?, ?, ?, ?)",
                           ["نداء \(index)", "Appel \(index)", Call.utcText(opens), Call.utcText(opens.addingTimeInterval(3600))])
            }
        }
        let first = portal.get("/fr/calls")
        XCTAssertEqual(first.status, 200)
        XCTAssertTrue(first.contains("<p>26 appels ouverts ou à venir</p>"), first.body)
        XCTAssertTrue(first.contains(#"rel="next" href="/fr/calls?page=2""#))
        // The open ones first, then the upcoming ones, opening soonest.
        let open = try XCTUnwrap(first.body.range(of: "Appel à idées et propositions sur les axes"))
        let soonest = try XCTUnwrap(first.body.range(of: "Appel 0<"))
        XCTAssertLessThan(open.lowerBound, soonest.lowerBound)
        XCTAssertTrue(first.contains("Ouverture le"), "upcoming calls say when they open")
        XCTAssertFalse(first.contains("Appel 18<"), "twenty a page")
        let second = portal.get("/fr/calls?page=2")
        XCTAssertTrue(second.contains("Appel 23<") && second.contains(#"rel="prev" href="/fr/calls""#))
        XCTAssertTrue(second.contains(#"href="/ar/calls?page=2""#), "the language switch keeps the page")
        XCTAssertEqual(portal.get("/fr/calls?page=3").status, 404)
        XCTAssertEqual(portal.get("/ar/calls").status, 200)
        XCTAssertTrue(portal.get("/ar/").contains(#"href="/ar/calls""#), "in the site's navigation")
    }

    func testTheCommunePageShowsItsOwnOpenCallsAndTheProgramPageShowsThemFirst() throws {
        let portal = try Portal()
        let commune = portal.get("/fr/communes/demo")
        XCTAssertTrue(commune.contains("Appels ouverts dans cette commune"))
        XCTAssertTrue(commune.contains("Consultation publique sur le projet de programme d&#39;ouverture (exemple)"))
        XCTAssertFalse(portal.get("/fr/communes/settat").contains("Appels ouverts dans cette commune"), "Settat's call closed in 2023")

        let program = portal.get("/fr/communes/demo/programs/2025-2026")
        let band = try XCTUnwrap(program.body.range(of: "call-band"))
        let figures = try XCTUnwrap(program.body.range(of: #"<dl class="figures">"#))
        XCTAssertLessThan(band.lowerBound, figures.lowerBound, "above the program's figures, where a phone shows it first")
        // The timeline shows each call's window (Settat's: 9 to 14 June 2023), its kind as its note,
        // and a call still open as open — neither done nor planned.
        let settat = portal.get("/fr/communes/settat/programs/2024-2025")
        XCTAssertTrue(settat.contains(#"<p class="note">Appel à idées et propositions</p>"#), settat.body)
        let open = try XCTUnwrap(program.body.range(of: #"<li class="open">"#), "the sandbox's open calls on its timeline")
        let entry = program.body[open.lowerBound...].prefix(600)
        XCTAssertTrue(entry.contains(#"<span class="state">en cours</span>"#), String(entry))
        XCTAssertTrue(portal.get("/ar/communes/demo/programs/2025-2026").contains(#"<span class="state">جارية</span>"#))
    }

    func testTheHomePageWritesNoEmptyPlaceLine() throws {
        let home = try Portal().get("/fr/").body
        XCTAssertFalse(home.contains(#"<p class="where"></p>"#), "the sandbox has no region or province")
        XCTAssertTrue(home.contains(#"<p class="where">Région Casablanca-Settat · Province de Settat</p>"#), "a member's line as before")
    }

    func testAPageWithAnOpenCallChangesTheMomentItClosesWithoutAWrite() throws {
        let portal = try Portal()
        let closes = try Call.parse(try XCTUnwrap(try portal.site.database.read {
            try $0.scalar("SELECT closes_at FROM calls WHERE id = 501", as: String.self)
        }))
        portal.site.clock.set { closes.addingTimeInterval(-1) }
        XCTAssertTrue(portal.get("/fr/").contains("/fr/communes/demo/programs/2025-2026/proposals/new\">Proposer une idée"))
        portal.site.clock.set { closes }
        XCTAssertFalse(portal.get("/fr/").contains("/fr/communes/demo/programs/2025-2026/proposals/new\">Proposer une idée"),
                       "the cached home page ended when the call closed")
    }
}

/// Counts are shown as the documents give them (issue 12's workshop counts, issue 14's facts).
final class DocumentCountsTests: XCTestCase {
    func testSettatsIdeasAndCommentsAreShownApartNeverSummed() throws {
        let portal = try Portal()
        let page = portal.get("/fr/communes/settat/programs/2024-2025")
        XCTAssertTrue(page.contains("<dt>Propositions</dt><dd>31</dd>"), "31 ideas (14 at the workshop, 17 on the platform)")
        XCTAssertTrue(page.contains("<dt>Observations sur le projet</dt><dd>16</dd>"), "16 comments on the draft")
        XCTAssertFalse(page.contains(">47<"), "a total no document states")
        let list = portal.get("/fr/communes/settat/programs/2024-2025/proposals")
        XCTAssertTrue(list.contains("dénombrent 31 propositions"), "why the list shows none of them one by one")
        XCTAssertTrue(portal.get("/ar/communes/settat/programs/2024-2025/proposals").contains("تحصي تقارير الجماعة 31 مقترحا"))
    }
}
