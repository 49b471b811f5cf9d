import Foundation
import Testing
@testable import Notebook

/// The search index: headings get the anchors the page gives them, and the
/// JSON cannot end the script element that holds it.
@Suite struct SearchIndexTests {
    static func parsed(_ markdown: String) throws -> ParsedLesson {
        let source = try LessonSource(bytes: Array(markdown.utf8), path: "lessons/t.md", url: URL(fileURLWithPath: "/tmp/t.md"))
        return try ParseStage().run(source)
    }

    @Test func headingsHaveThePagesAnchors() throws {
        let lesson = try Self.parsed("# Title\n\n## Setup\n\n### A $x_1$ detail\n\n#### Deeper\n\n## Setup\n\n> ## Quoted\n")
        let found = SearchIndex.headings(lesson)
        // h2 and h3 only (h1 and h4 still take their anchors), quoted ones too.
        #expect(found.count == 4 && found[0].text == "Setup" && found[2].text == "Setup" && found[3].text == "Quoted")
        #expect(found[1].text.hasPrefix("A ") && found[1].text.hasSuffix(" detail"))
        #expect(found.map(\.id) == ["setup", found[1].id, "setup-1", "quoted"])
        #expect(found[1].id.hasPrefix("a-x"))
    }

    @Test func theJSONCannotCloseItsScript() {
        let e = SearchIndex.Entry(title: "</script><script>alert(1)</script>", href: "a.html", description: "Tom & Jerry",
                                  headings: [("x < y", "x-y")])
        let json = SearchIndex.json([e])
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
        let back = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]]
        #expect(back?.first?.first as? String == "</script><script>alert(1)</script>")
        #expect(SearchIndex.script([]) == "")
    }
}
