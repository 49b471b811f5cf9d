import Foundation
import Testing
@testable import Notebook

/// Pages escape what they did not generate: raw HTML is omitted with a
/// warning unless the author passes `--unsafe`, and even then the GFM
/// tagfilter neutralises tags that could script or swallow the page.
@Suite struct RawHTMLTests {
    static let lesson = """
        # Raw

        <div class="note">block html</div>

        Inline <b>bold</b> and <script>alert(1)</script> here.

        <script>
        alert(2)
        </script>

        <!-- a note to co-authors -->

        <iframe src="https://example.com"></iframe> <TEXTAREA>
        """

    @Test func omittedWithAWarningByDefault() throws {
        let o = try LessonFolder().run(Self.lesson, render: true)
        let html = try #require(o.html)
        #expect(!html.contains("<div class=\"note\">"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<script") && !html.contains("<iframe") && !html.lowercased().contains("<textarea"))
        #expect(!html.contains("co-authors"), "comments are dropped quietly")
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(o.warnings.contains { $0.hasSuffix("01-lesson.md:3:1: warning: raw HTML omitted; pass --unsafe to keep it") })
        #expect(o.warnings.contains { $0.contains(":5:8: warning") }, "inline HTML is located too")
        #expect(!o.warnings.contains { $0.contains(":11:") }, "no warning for a comment")
        #expect(o.report.errors == 0, "raw HTML is a warning, not an error")
    }

    @Test func keptWithUnsafeButTagFiltered() throws {
        let o = try LessonFolder().run(Self.lesson, render: true, unsafe: true)
        let html = try #require(o.html)
        #expect(html.contains("<div class=\"note\">block html</div>"))
        #expect(html.contains("<b>bold</b>"))
        #expect(html.contains("&lt;script>alert(1)&lt;/script>"))
        #expect(html.contains("&lt;script>\nalert(2)\n&lt;/script>"))
        #expect(html.contains("&lt;iframe src=\"https://example.com\">&lt;/iframe> &lt;TEXTAREA>"))
        #expect(!html.lowercased().contains("<script") && !html.lowercased().contains("<textarea"))
        #expect(o.warnings.isEmpty)
    }

    @Test func tagFilterLeavesSimilarTagsAlone() {
        #expect(HTML.tagFilter("<scripts> <styled> <title>x</title>") == "<scripts> <styled> &lt;title>x&lt;/title>")
        #expect(HTML.tagFilter("<SCRIPT\tsrc=x></Script >") == "&lt;SCRIPT\tsrc=x>&lt;/Script >")
        #expect(HTML.tagFilter("<style/>") == "&lt;style/>")
    }

    static let links = """
        # Links

        [a](javascript:alert(1)) [b](  JavaScript:alert(1)) <javascript:alert(1)>
        [c](java&#09;script:alert(1)) [d](&#106;avascript:alert(1)) [e](vbscript:x)
        [f](data:text/html,hi) [g](https://example.com/ok) [h](#section) ![i](data:image/png;base64,AAAA)
        [j](java&#10;script:alert(1)) [k](&#x0B;javascript:alert(1))
        """

    @Test func javascriptLinksAreDroppedInSafeMode() throws {
        let o = try LessonFolder().run(Self.links, render: true)
        let html = try #require(o.html)
        #expect(!html.lowercased().contains("href=\"java") && !html.lowercased().contains("href=\"vb"),
                "no executable link survives")
        #expect(!html.contains("vbscript") && !html.contains("data:text/html"))
        for label in ["a", "b", "c", "d", "e", "f", "j", "k"] {
            #expect(html.contains("<a href=\"\">\(label)</a>"), "link \(label)")
        }
        #expect(html.contains("<a href=\"https://example.com/ok\">g</a>"))
        #expect(html.contains("<a href=\"#section\">h</a>"))
        #expect(html.contains("src=\"data:image/png;base64,AAAA\""))
    }

    /// `--unsafe` keeps what the author wrote, links included, as cmark-gfm's
    /// `--unsafe` does (docs/reference.md says so).
    @Test func unsafeKeepsLinksAsCmarkDoes() throws {
        let html = try #require(try LessonFolder().run(Self.links, render: true, unsafe: true).html)
        #expect(html.contains("<a href=\"javascript:alert(1)\">a</a>"))
        #expect(html.contains("<a href=\"JavaScript:alert(1)\">b</a>"))
        #expect(html.contains("<a href=\"java%09script:alert(1)\">c</a>"), "percent-encoded as cmark encodes it")
        #expect(html.contains("<a href=\"vbscript:x\">e</a>"))
        #expect(html.contains("<a href=\"https://example.com/ok\">g</a>"))
        #expect(normalized(html) == normalized(MarkdownParser.cmarkHTML(Self.links)))
    }

    private func normalized(_ html: String) -> String { HTMLNormalizer(lecternMarkup: true).normalize(html) }

    @Test func safeURL() {
        #expect(HTML.safeURL("javascript:alert(1)") == "")
        #expect(HTML.safeURL(" \tJaVaScRiPt:alert(1)") == "")
        #expect(HTML.safeURL("java\tscr\nipt:alert(1)") == "")
        #expect(HTML.safeURL("\u{01}javascript:alert(1)") == "")
        #expect(HTML.safeURL("file:///etc/passwd") == "")
        #expect(HTML.safeURL("lessons/javascript:notes.md") == "lessons/javascript:notes.md", "a path, not a scheme")
        #expect(HTML.safeURL("https://example.com/?q=javascript:") == "https://example.com/?q=javascript:")
        #expect(HTML.safeURL("mailto:a@b.c") == "mailto:a@b.c")
    }

    @Test func textIsEscaped() throws {
        let o = try LessonFolder().run("# 1 < 2 & \"q\"\n\nA < b & c > d 'e'.\n\n```text\n<b>&amp;</b>\n```\n", render: true)
        let html = try #require(o.html)
        #expect(html.contains("<p>A &lt; b &amp; c &gt; d &#39;e&#39;.</p>"))
        #expect(html.contains("<code class=\"language-text\">&lt;b&gt;&amp;amp;&lt;/b&gt;\n</code>"))
        #expect(o.report.title == "1 < 2 & \"q\"")
        #expect(html.contains("<h1 id=\"1-2-q\">1 &lt; 2 &amp; &quot;q&quot;"))
    }
}
