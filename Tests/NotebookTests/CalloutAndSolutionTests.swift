import Foundation
import Testing
@testable import Notebook
import Lab

/// Format 1.1, section 9.3: callouts, folded sources, exercises and their
/// solutions, whose names stay private.
@Suite struct CalloutAndSolutionTests {
    static func page(_ text: String) throws -> (String, LessonReport) {
        let folder = try LessonFolder()
        try folder.write("01-l.md", text)
        let seen = try folder.render()
        return (article(try folder.page("01-l.html")), try #require(seen.first).outcome.report)
    }

    @Test func alertsBecomeTitledBoxes() throws {
        let (html, _) = try Self.page("""
            # L

            > [!NOTE]
            > Read *this*.

            > [!warning]
            > Careful.
            >
            > Twice.

            > [!EXERCISE]
            > Compute it.

            > [!EXERCISE]
            > Again.

            > [!NOTE] not alone on its line

            > [!UNKNOWN]
            > Plain.
            """)
        #expect(html.contains("<div class=\"callout note\" role=\"note\"><p class=\"callout-title\">Note</p>\n<p>Read <em>this</em>.</p>"))
        #expect(html.contains("<div class=\"callout warning\" role=\"note\"><p class=\"callout-title\">Warning</p>\n<p>Careful.</p>\n<p>Twice.</p>"))
        #expect(html.contains("<p class=\"callout-title\">Exercise 1</p>") && html.contains("<p class=\"callout-title\">Exercise 2</p>"))
        #expect(!html.contains("[!NOTE]\n") && !html.contains("[!warning]") && !html.contains("[!EXERCISE]"))
        #expect(html.contains("<blockquote>\n<p>[!NOTE] not alone on its line</p>"))
        #expect(html.contains("<blockquote>\n<p>[!UNKNOWN]\nPlain.</p>"))
    }

    @Test func foldedSourceIsCollapsedOutputsOpen() throws {
        let (html, _) = try Self.page("# L\n\n```experiment echo=fold\nx = 41 + 1\nx\n```\n")
        #expect(html.contains("<details class=\"source-fold\"><summary>Source</summary>\n<pre class=\"source\">"))
        #expect(html.contains("<div class=\"outputs\">"))
        let (open, _) = try Self.page("# L\n\n```experiment\nx = 1\n```\n")
        #expect(!open.contains("<details"))
    }

    @Test func echoTakesFold() throws {
        let a = try FenceAttributes.parse("experiment echo=fold solution=true", file: "f.md", line: 1, column: 4)
        #expect(a.echo && a.fold && a.solution)
        #expect(throws: Diagnostic.self) { try FenceAttributes.parse("experiment solution=yes", file: "f.md", line: 1, column: 4) }
    }

    static let exercise = """
        # L

        ```experiment
        base = 10
        shared = 1
        ```

        > [!EXERCISE]
        > Add 32 to base.

        ```experiment solution=true
        answer = base + 32
        shared = 2
        expect answer == 42
        answer
        ```

        Shared is `= shared`.

        ```experiment
        y = answer + 1
        ```

        Inline `= answer`.

        ```experiment
        answer = 7
        z = answer
        ```
        """

    @Test func solutionRunsIsCheckedAndCollapsed() throws {
        let (html, report) = try Self.page(Self.exercise)
        #expect(html.contains("<details class=\"solution\"><summary>Solution</summary>\n<section class=\"cell ok\""))
        let claim = try #require(report.claims.first { $0.source == "answer == 42" })
        #expect(claim.status == .pass)
        #expect(html.contains("Shared is <span class=\"value\">1</span>"), "a name the solution rebinds means what it meant before")
    }

    @Test func solutionNamesArePrivate() throws {
        let (_, report) = try Self.page(Self.exercise)
        let failed = try #require(report.blocks.first { $0.status == .error })
        let e = try #require(failed.error)
        let use = try #require(locate("answer + 1", in: Self.exercise))
        #expect(at(e.line, e.column) == at(use.line, use.column))
        #expect(e.message.hasPrefix("'answer' was bound in the solution at line 11, and a solution's names are private to it"))
        let inline = try #require(report.problems?.first)
        #expect(inline.message.hasPrefix("'answer' was bound in the solution at line 11"))
        #expect(report.blocks.last?.status == .ok, "binding the name again outside a solution makes it ordinary")
        #expect(report.errors == 2)
    }

    @Test func figuresTakeAlt() throws {
        let (html, report) = try Self.page("""
            # L

            ```experiment
            image(zeros([4, 4]), alt="a black square")
            plot([1, 2], [3, 4], title="Rise", alt="a line going up")
            bar(["a", "b"], [1, 2], title="Two bars", caption="Counts.")
            plot([1, 2], [3, 4], title="Only a title")
            plot([1, 2], [3, 4])
            ```
            """)
        #expect(report.errors == 0)
        #expect(html.contains("alt=\"a black square\""))
        #expect(html.contains("aria-label=\"a line going up\""))
        #expect(html.contains("aria-label=\"Counts.\""), "the caption first")
        #expect(html.contains("aria-label=\"Only a title\""), "then the title")
        #expect(html.components(separatedBy: "aria-label=").count - 1 >= 5, "one label per picture, never two")
        #expect(!html.contains("aria-label=\"\""))
    }
}
