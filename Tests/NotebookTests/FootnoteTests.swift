import Foundation
import Testing
@testable import Notebook

/// GFM footnotes: numbered in order of first reference, collected at the
/// end of the article, each with a link back (they once vanished silently).
@Suite struct FootnoteTests {
    static let lesson = """
        # Notes

        ```experiment
        q = 7
        ```

        First[^later] and second[^One], again[^one].

        [^one]: The *first* defined, `= q`.
        [^later]: Defined second.
        [^unused]: Never referenced.

        A missing[^nope] note stays text.
        """

    @Test func referencesAreNumberedAndDefinitionsCollected() throws {
        let html = try #require(try LessonFolder().run(Self.lesson, render: true).html)
        #expect(html.contains("First<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>"))
        #expect(html.contains("second<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>"))
        #expect(html.contains("again<sup class=\"footnote-ref\"><a href=\"#fn-2\">2</a></sup>"), "labels match case-insensitively")
        #expect(html.contains("A missing[^nope] note stays text."))
        let notes = try #require(html.range(of: "<section class=\"footnotes\">\n<ol>\n")).upperBound
        let tail = String(html[notes...])
        #expect(tail.hasPrefix("<li id=\"fn-1\">\n<p>Defined second.</p>\n<a class=\"footnote-back\" href=\"#fnref-1\""))
        #expect(tail.contains("<li id=\"fn-2\">\n<p>The <em>first</em> defined, <span class=\"value\">7</span>.</p>"))
        #expect(!html.contains("Never referenced"))
        #expect(tail.hasSuffix("</ol>\n</section>\n"))
    }

    /// A note that cites another note: numbers follow the first reference in
    /// the source, notes' own references counted where they stand, as cmark
    /// numbers them; every link lands on the note with that number.
    @Test func notesCitingNotesAreNumberedAsCmarkNumbersThem() throws {
        let text = """
            A[^a].

            [^a]: Cites [^b].

            B[^c], and [^b] again.

            [^b]: Note b.
            [^c]: Note c cites [^a].
            """
        let html = try #require(try LessonFolder().run(text, render: true).html)
        let theirs = MarkdownParser.cmarkHTML(text)
        func numbers(_ html: String) -> [String] {
            html.components(separatedBy: "data-footnote-ref>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        func shown(_ html: String) -> [String] {
            html.components(separatedBy: "<sup class=\"footnote-ref\"><a href=").dropFirst()
                .map { String($0.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }) }
        }
        #expect(numbers(theirs) == ["1", "3", "2", "2", "1"])
        // Lectern writes the notes' text after the article, cmark too: compare in order.
        #expect(shown(html) == numbers(theirs))
        for n in 1...3 {
            #expect(html.contains("<li id=\"fn-\(n)\">"))
            #expect(html.contains("id=\"fnref-\(n)\">\(n)</a>"), "note \(n) has a reference to come back to")
        }
        #expect(html.contains("<a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>.</p>\n<a class=\"footnote-back\" href=\"#fnref-1\""),
                "note a cites b, the second cited")
        let noteB = try #require(html.range(of: "<li id=\"fn-2\">\n<p>Note b.</p>"))
        let noteC = try #require(html.range(of: "<li id=\"fn-3\">\n<p>Note c cites"))
        #expect(noteB.lowerBound < noteC.lowerBound)
    }
}

