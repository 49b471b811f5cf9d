import Foundation
import Testing
@testable import Notebook

/// Labels and `@fig-`/`@tbl-`/`@eq-` references (format 1.1, section 9.1).
@Suite struct CrossReferenceTests {
    static let lesson = """
    # Labels

    ```experiment id=figs
    plot([1, 2, 3], [1, 4, 9], title="unlabelled first")
    plot([1, 2, 3], [1, 2, 3], caption="a line", label="fig-line")
    table(a=[1, 2], b=[3, 4], label="tbl-ab")
    ```

    $$ a^2 + b^2 = c^2 $$ {#eq-pythagoras}

    $$ e^{i\\pi} = -1 $$

    See @fig-line, @tbl-ab and @eq-pythagoras; together [@fig-line; @eq-pythagoras].
    Mail ann@example.org, `@fig-line` in code, and \\@fig-line escaped stay text.
    """

    @Test func referencesReadAsTheNumbersThePageShows() throws {
        let folder = try LessonFolder()
        let o = try folder.run(Self.lesson, render: true)
        #expect(o.report.errors == 0, "\(o.diagnostics)")
        let html = try #require(o.html)
        #expect(html.contains("<figure class=\"output figure\" id=\"figure-1\" style="))
        #expect(html.contains("<figure class=\"output figure\" id=\"fig-line\" style="))
        #expect(html.contains("<span class=\"label\">Figure 2.</span>"))
        #expect(html.contains("<figure class=\"output table\" id=\"tbl-ab\">"))
        #expect(html.contains("See <a class=\"xref\" href=\"#fig-line\">Figure 2</a>, <a class=\"xref\" href=\"#tbl-ab\">Table 1</a> "
                              + "and <a class=\"xref\" href=\"#eq-pythagoras\">Equation 1</a>; together "
                              + "(<a class=\"xref\" href=\"#fig-line\">Figure 2</a>; <a class=\"xref\" href=\"#eq-pythagoras\">Equation 1</a>)."))
        #expect(html.contains("<span class=\"equation\" id=\"eq-pythagoras\">"))
        #expect(html.contains("<span class=\"equation-number\">(1)</span>"))
        #expect(html.components(separatedBy: "equation-number").count == 2, "only the labelled formula is numbered")
        #expect(html.contains("<a href=\"mailto:ann@example.org\">ann@example.org</a>"))
        #expect(html.contains("<code>@fig-line</code>"))
        #expect(html.contains(" @fig-line escaped"))
        #expect(o.labels.map(\.label) == ["fig-line", "tbl-ab", "eq-pythagoras"])
        #expect(o.labels.map { "\($0.line):\($0.column)" } == ["5:52", "6:33", "9:23"])
    }

    @Test func aMissingLabelIsAnErrorAtTheReferenceWithTheClosest() throws {
        let folder = try LessonFolder()
        let text = Self.lesson + "\nAnd @fig-lines is a typo.\n"
        let o = try folder.run(text)
        let resolved = Pipeline(options: folder.options()).resolveReferences([o], of: [folder.lessons.appendingPathComponent("01-lesson.md")])[0]
        #expect(resolved.report.errors == 1)
        let d = try #require(resolved.report.problems?.first)
        #expect("\(d.line):\(d.column)" == "15:5")
        #expect(d.message.contains("'fig-lines'") && d.message.contains("closest label is 'fig-line'"))
    }

    @Test func aLabelUsedTwiceIsAnErrorAtTheSecond() throws {
        let folder = try LessonFolder()
        let o = try folder.run("""
        ```experiment
        plot([1, 2], [1, 2], label="fig-a")
        plot([1, 2], [2, 1], label="fig-a")
        ```

        $$ x $$ {#eq-a}
        $$ y $$ {#eq-a}
        """)
        #expect(o.report.errors == 2)
        let lines = (o.report.problems ?? []).map { "\($0.line):\($0.column) \($0.message)" }
        #expect(lines.first?.hasPrefix("3:28 the label 'fig-a' is already used by Figure 1 at line 2") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("7:9 the label 'eq-a' is already used by Equation 1 at line 6") == true, "\(lines)")
    }

    @Test func aSummaryIsLabelledThroughTable() throws {
        let folder = try LessonFolder()
        let o = try folder.run("""
        ```experiment
        t = table(summary(cnn("INPUT 4x4x1 -> FC-2")), caption="Layers.", label="tbl-layers")
        t
        expect t.params == 34
        ```

        @tbl-layers has `= t.params` parameters.
        """, render: true)
        #expect(o.report.errors == 0 && o.report.passed == 1, "\(o.diagnostics)")
        #expect(o.html?.contains("<figure class=\"output table\" id=\"tbl-layers\">") == true)
        #expect(o.html?.contains("<a class=\"xref\" href=\"#tbl-layers\">Table 1</a> has") == true)
    }

    @Test func aBadLabelArgumentIsAnErrorAtTheArgument() throws {
        let folder = try LessonFolder()
        let o = try folder.run("""
        ```experiment
        plot([1, 2], [1, 2], label="tbl-x")
        table(a=[1], label="fig x")
        ```
        """)
        let e = try #require(o.report.blocks.first?.error)
        #expect("\(e.line):\(e.column)" == "2:28")
        #expect(e.message.contains("label must be \"fig-NAME\""))
    }

    /// The author's loop: a prose edit that adds a reference runs no block,
    /// and the number comes from the outputs restored from block snapshots.
    @Test func aProseEditResolvesFromSnapshotsWithoutRunningBlocks() throws {
        let folder = try LessonFolder()
        func lesson(_ prose: String) -> String {
            """
            ```experiment
            x = 1
            plot([1, 2], [1, 2], label="fig-first")
            ```

            ```experiment
            table(a=[x], label="tbl-second")
            ```

            \(prose)
            """
        }
        let url = try folder.write("01-loop.md", lesson("Nothing yet."))
        let pipeline = Pipeline(options: folder.options(cache: true))
        #expect(pipeline.run(url, render: true).report.ran == 2)
        try folder.write("01-loop.md", lesson("Now @tbl-second and @fig-first."))
        let edited = pipeline.run(url, render: true)
        #expect(edited.report.errors == 0, "\(edited.diagnostics)")
        #expect(edited.report.ran == 0 && !edited.cached)
        let html = try #require(edited.html)
        #expect(html.contains("Now <a class=\"xref\" href=\"#tbl-second\">Table 1</a> and <a class=\"xref\" href=\"#fig-first\">Figure 1</a>."))
        // An unchanged lesson is a page-cache hit with the same page.
        let again = pipeline.run(url, render: true)
        #expect(again.cached && again.html == edited.html)
    }

    /// A labelled figure bound to a name keeps its label when shown later,
    /// though stored values have no place for it: that block keeps no
    /// snapshot, so it and what reads it run again (figures are cheap).
    @Test func aBoundLabelledFigureKeepsItsLabel() throws {
        let folder = try LessonFolder()
        func lesson(_ prose: String) -> String {
            """
            ```experiment
            f = plot([1, 2], [1, 2], label="fig-kept")
            ```

            ```experiment
            plot([1, 2], [2, 1])
            f
            ```

            \(prose)
            """
        }
        let url = try folder.write("01-bound.md", lesson("Nothing yet."))
        let pipeline = Pipeline(options: folder.options(cache: true))
        _ = pipeline.run(url, render: true)
        try folder.write("01-bound.md", lesson("Now @fig-kept."))
        let edited = pipeline.run(url, render: true)
        #expect(edited.report.ran == 2)
        #expect(edited.html?.contains("Now <a class=\"xref\" href=\"#fig-kept\">Figure 2</a>.") == true)
    }

    @Test func referencesToOtherLessonsLinkIntoTheirPages() throws {
        let folder = try LessonFolder()
        try folder.write("01-first.md", """
        # First

        See @fig-later in the next lesson, and @fig-nowhere.
        """)
        try folder.write("05-later.md", """
        # Later

        ```experiment
        plot([1, 2], [1, 2])
        plot([1, 2], [2, 1], label="fig-later")
        ```

        $$ y $$ {#eq-later}

        Back to @eq-later.
        """)
        let outcomes = try folder.render()
        let first = try #require(outcomes.first { $0.outcome.path.hasSuffix("01-first.md") }?.outcome)
        #expect(first.report.errors == 1)
        let d = try #require(first.diagnostics.first)
        #expect("\(d.line):\(d.column)" == "3:40")
        let page = article(try folder.page("01-first.html"))
        #expect(page.contains("See <a class=\"xref\" href=\"05-later.html#fig-later\">Figure 2 of lesson 05</a> in the next lesson"))
        #expect(page.contains("<span class=\"xref missing\""))
        #expect(!page.contains("\u{E010}"))
        // check resolves them the same way.
        let urls = try Pipeline.discover([folder.lessons.path])
        let pipeline = Pipeline(options: folder.options())
        let checked = pipeline.resolveReferences(urls.map { pipeline.run($0, render: false) }, of: urls)
        #expect(checked.map(\.report.errors) == [1, 0])
        // A check of one lesson learns the other's labels by running it.
        let alone = pipeline.resolveReferences([pipeline.run(urls[0], render: false)], of: [urls[0]])
        #expect(alone[0].report.errors == 1)
    }
}
