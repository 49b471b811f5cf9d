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
}
