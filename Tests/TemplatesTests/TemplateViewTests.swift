import XCTest
@testable import Templates

/// A typed view is read as an object is: its keys at its level, a key it does not have looked up
/// in the values around it, a present-but-empty key stopping that search, and sections over it
/// and over lists of views as over objects (issue 17's typed views keep every page's bytes).
final class TemplateViewTests: XCTestCase {
    struct Card: TemplateView {
        let title: String
        let note: String?
        let tags: [Tag]

        func member(_ key: String) -> TemplateValue? {
            switch key {
            case "title": return .string(title)
            case "note": return .init(note)
            case "tags": return .init(tags)
            default: return nil
            }
        }
    }

    struct Tag: TemplateView {
        let name: String
        func member(_ key: String) -> TemplateValue? { key == "name" ? .string(name) : nil }
    }

    func testAViewRendersAsTheSameObjectWould() throws {
        let card = Card(title: "t", note: nil, tags: [Tag(name: "a"), Tag(name: "b")])
        let template = "{{#card}}{{title}}|{{#note}}n{{/note}}{{^note}}no note{{/note}}|{{#tags}}{{name}}{{^@last}},{{/@last}}{{/tags}}{{/card}}"
        let object: TemplateValue = ["card": ["title": "t", "note": nil, "tags": [["name": "a"], ["name": "b"]]]]
        XCTAssertEqual(try render(template, ["card": .init(card)]), try render(template, object))
        XCTAssertEqual(try render(template, ["card": .init(card)]), "t|no note|a,b")
    }

    func testAKeyTheViewLacksIsFoundAroundIt() throws {
        // `outer` is not the card's: the search goes on to the root, as past an object without the key.
        let out = try render("{{#card}}{{outer}}{{/card}}", ["outer": "around", "card": .init(Card(title: "t", note: nil, tags: []))])
        XCTAssertEqual(out, "around")
    }

    func testAKeyTheViewHasButLeavesEmptyStopsTheSearch() throws {
        // `note` is the card's, empty: the root's `note` is not shown in its place.
        let out = try render("{{#card}}[{{note}}]{{/card}}", ["note": "root", "card": .init(Card(title: "t", note: nil, tags: []))])
        XCTAssertEqual(out, "[]")
    }

    func testDottedPathsGoThroughViews() throws {
        let out = try render("{{card.title}}", ["card": .init(Card(title: "deep", note: nil, tags: []))])
        XCTAssertEqual(out, "deep")
    }

    func testAddingKeysToAViewAndLayering() throws {
        let card = TemplateValue(Card(title: "t", note: "n", tags: [])).adding(["title": "replaced", "extra": "e"])
        XCTAssertEqual(try render("{{title}} {{note}} {{extra}}", card), "replaced n e")
        let top: TemplateValue = ["a": "top"]
        let layered = top.over(["a": "bottom", "b": "bottom"])
        XCTAssertEqual(try render("{{a}} {{b}}", layered), "top bottom")
    }
}
