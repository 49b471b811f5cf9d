import Foundation
import Testing
@testable import Notebook

/// `$...$` and `$$...$$` reach KaTeX exactly as written: the Markdown parser
/// never sees `_` or `*` inside them (LESSON-FORMAT.md section 1).
@Suite struct MathProtectionTests {
    static func formulas(_ markdown: String) -> [String] {
        MathProtector.protect(markdown).1.map(\.tex)
    }

    @Test func underscoresAndStarsInMathAreNotEmphasis() throws {
        let folder = try LessonFolder()
        let o = try folder.run("# M\n\nSo $a_b * c_d$ and $x_1 * y_1$ hold.\n", render: true)
        let html = try #require(o.html)
        #expect(!html.contains("<em>"))
        #expect(!html.contains("<strong>"))
        #expect(Self.formulas("So $a_b * c_d$ and $x_1 * y_1$ hold.") == ["a_b * c_d", "x_1 * y_1"])
        #expect(html.components(separatedBy: "<span class=\"katex\">").count == 3)
    }

    @Test func dollarsAroundPricesStayText() throws {
        #expect(Self.formulas("It costs $5 and $10 today.").isEmpty)
        #expect(Self.formulas("From $ 5 to $ 6.").isEmpty)
        #expect(Self.formulas("Worth $20$.").isEmpty == false, "a closing $ may follow a digit")
        let folder = try LessonFolder()
        let html = try #require(try folder.run("# P\n\nIt costs $5 and $10 today.\n", render: true).html)
        #expect(html.contains("<p>It costs $5 and $10 today.</p>"))
    }

    @Test func backslashDollarIsADollar() throws {
        #expect(Self.formulas(#"A \$5 bill and \$x\$ too."#).isEmpty)
        let folder = try LessonFolder()
        let html = try #require(try folder.run("# D\n\nA \\$5 bill, not \\$x_1\\$ math.\n", render: true).html)
        #expect(html.contains("<p>A $5 bill, not $x_1$ math.</p>"))
    }

    @Test func mathInCodeIsUntouched() throws {
        let text = """
            Span `$a_1$` here.

            ```text
            $b_1 * c$
            ```

            ~~~
            $$d_1$$
            ~~~

                indented $e_1$ code

            ````text
            ```python
            $f_1$
            ```
            ````
            """
        #expect(Self.formulas(text).filter { $0 != "e_1" }.isEmpty)
        let folder = try LessonFolder()
        let html = try #require(try folder.run("# C\n\n" + text + "\n", render: true).html)
        #expect(html.contains("<code>$a_1$</code>"))
        #expect(html.contains("<code class=\"language-text\">$b_1 * c$\n</code>"))
        #expect(html.contains("<code>$$d_1$$\n</code>"))
        #expect(html.contains("<code>indented $e_1$ code\n</code>"), "indented code keeps its dollars")
        #expect(html.contains("```python\n$f_1$\n```\n</code>"), "an inner fence with an info string does not close")
        #expect(!html.contains("katex"))
        #expect(!html.contains("\u{E000}"))
    }

    @Test func mathInLinksAndImagesIsRestored() throws {
        let folder = try LessonFolder()
        let o = try folder.run("# L\n\n![alt $e$ here](pic.png \"t $f$\") [go](https://x.org/$g$/h)\n", render: true)
        let html = try #require(o.html)
        #expect(html.contains("alt=\"alt e here\""))
        #expect(html.contains("title=\"t $f$\""))
        #expect(html.contains("href=\"https://x.org/$g$/h\""))
        #expect(!html.contains("\u{E000}"))
    }

    @Test func badTeXIsAWarningAndShownAsSource() throws {
        let o = try LessonFolder().run("# T\n\nGood $x^2$, bad $\\frac{a$ here.\n", render: true)
        let html = try #require(o.html)
        #expect(html.contains("<code class=\"math-tex math-error\">\\frac{a</code>"))
        #expect(html.contains("<msup><mi>x</mi><mn>2</mn></msup>"), "one bad formula spoils nothing else")
        #expect(o.warnings.count == 1)
        #expect(o.warnings.first?.contains("01-lesson.md:3:17: warning: math:") == true)
        #expect(o.report.errors == 0)
    }

    @Test func formulasFoundInCodeAreNotTypeset() throws {
        let o = try LessonFolder().run("# T\n\nText.\n\n    code $\\frac{a$ here\n", render: true)
        #expect(o.warnings.isEmpty, "the indented code's dollars never reach KaTeX")
        #expect(o.html?.contains("<code>code $\\frac{a$ here\n</code>") == true)
    }

    @Test func escapedBackticksDoNotHideMath() {
        #expect(Self.formulas(#"A \`$h_1$\` tick."#) == ["h_1"])
    }

    @Test func displayMathAcrossLinesKeepsLaterLineNumbers() throws {
        let folder = try LessonFolder()
        let text = """
            # Display

            ```experiment
            p = 0.5
            ```

            $$
            x_1 = y_2
              + z_3
            $$

            Then `= p ~ 0.5` on line 12, and inline $a
            b$ across lines, then `= p ~ 0.50` on line 13.
            """
        let o = try folder.run(text, render: true)
        let claims = o.report.claims
        #expect(claims.map(\.line) == [12, 13])
        let first = try #require(locate("= p ~ 0.5`", in: text)), second = try #require(locate("= p ~ 0.50", in: text))
        #expect(claims.map(\.column) == [first.column, second.column])
        #expect(first.line == 12 && second.line == 13)
        #expect(claims.allSatisfy { $0.status == .pass })
        let html = try #require(o.html)
        #expect(html.contains("display=\"block\""))
        #expect(html.contains("<mi>z</mi><mn>3</mn>"))
    }

    /// The article Lectern renders for `markdown` and cmark-gfm's HTML for
    /// `asText` (the same text where its `$`s are not math to Lectern, or
    /// with them written as cmark should show them), both normalised.
    static func pair(_ markdown: String, _ asText: String) throws -> (ours: String, theirs: String) {
        let n = HTMLNormalizer(lecternMarkup: true)
        let html = try #require(try LessonFolder().run(markdown, render: true).html)
        return (n.normalize(html), n.normalize(MarkdownParser.cmarkHTML(asText)))
    }

    @Test func formulasOverSeveralLinesLeaveNoBlankLine() throws {
        // A paragraph, a quote, a tight list and a setext heading stay what they are.
        let text = """
            One $a +
            b$
            paragraph.

            > Quote $c +
            > d$
            > goes on.

            - tight $e +
              f$
            - list

            Heading $g +
            h$
            ===
            """
        let o = try LessonFolder().run(text, render: true)
        let html = try #require(o.html)
        #expect(Self.formulas(text) == ["a +\nb", "c +\nd", "e +\nf", "g +\nh"])
        #expect(html.components(separatedBy: "<p>").count == 3, "one paragraph, one in the quote")
        #expect(html.contains("<li>tight <span class=\"katex\">"), "the list stays tight")
        #expect(html.contains("<h1 id=\"heading-g-h\">Heading <span class=\"katex\">"))
        #expect(!html.contains("<hr>"))
        #expect(!html.contains("\u{E002}") && !html.contains("\u{E000}"))
    }

    @Test func quoteMarkersStayOutOfTheTeX() {
        #expect(Self.formulas("> $a +\n> b$ and\n> > $$c\n> > d$$\n") == ["a +\nb", "c\nd"])
        #expect(Self.formulas("$a\n> b$\n") == ["a\n> b"], "outside a quote `>` is TeX")
    }

    @Test func anUnmatchedBacktickEndsWithItsParagraph() throws {
        #expect(Self.formulas("A lone ` tick.\n\nThen $a*b*c$ and `x`.\n") == ["a*b*c"])
        #expect(Self.formulas("```js``` is inline, $a*b*c$ too.\n") == ["a*b*c"], "a fence's info string has no backtick")
        #expect(Self.formulas("1. a\n\n   ```\n   code\n2. b $x*y*z$\n") == ["x*y*z"], "the fence closes with its item")
        let html = try #require(try LessonFolder().run("A lone ` tick.\n\nThen $a*b*c$.\n", render: true).html)
        #expect(!html.contains("<em>"))
    }

    @Test func dollarsInAutolinksAreURLText() throws {
        let (ours, theirs) = try Self.pair("See <https://x.org/$x$> and https://y.org/$y$/z now.\n",
                                           "See <https://x.org/$x$> and https://y.org/$y$/z now.\n")
        #expect(ours == theirs)
    }

    @Test func referenceLabelsMayHoldMath() throws {
        let html = try #require(try LessonFolder().run("See [$x_1$] and [$x_1$][].\n\n[$x_1$]: /url\n", render: true).html)
        #expect(html.components(separatedBy: "<a href=\"/url\">").count == 3)
        #expect(!html.contains("[/url]") && !html.contains("]:"))
    }

    @Test func codeWithDollarsOverLinesIsKeptAsWritten() throws {
        let code = "    $$a_1\n    b$$ c\n\n- item\n\n  ```\n  $x\n  y$\n  ```\n"
        let (ours, theirs) = try Self.pair(code, code)
        #expect(ours == theirs)
        #expect(Self.formulas(code).isEmpty)
    }

    @Test func aDollarInsideBracesDoesNotClose() {
        #expect(Self.formulas(#"So $\text{a $b$ c}$ is one."#) == [#"\text{a $b$ c}"#])
    }
}

