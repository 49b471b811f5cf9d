import Foundation
import Testing
@testable import Notebook
import Lab

/// Issue 16, items 1, 2, 4 and 5: figures without a caption are warned
/// about, figures scroll or enlarge rather than shrink, code in other
/// languages is coloured, and errata are listed at the top of the lesson.
@Suite struct PageReadingTests {
    static let lesson = """
        # Reading

        ```experiment
        plot([1, 2, 3], [3, 1, 2])
        grid(zeros([2, 4, 4]), caption="Two blank tiles.")
        t = table(a=[1, 2])
        t
        ```

        The slide says `= 2 + 2 !~ 5`, which it is not.

        ```python
        def f(x):  # a comment
            return "text" + str(3)
        ```
        """

    @Test func uncaptionedFiguresAndTablesWarnAtTheirCall() throws {
        let folder = try LessonFolder()
        let r = try folder.run(Self.lesson).report
        let warnings = try #require(r.warnings)
        #expect(warnings.map { "\($0.line):\($0.column)" } == ["4:1", "7:1"])
        #expect(warnings[0].message.hasPrefix("figure 1 has no caption"))
        #expect(warnings[1].message.hasPrefix("table 1 has no caption"))
        let lines = CheckText.lines(r)
        #expect(lines.contains { $0.hasPrefix("WARN  \(r.path):4:1  plot([1, 2, 3], [3, 1, 2])  figure 1 has no caption") })
        let strict = r.strict()
        #expect(strict.failed == r.failed + 2)
        #expect(CheckText.lines(strict).contains { $0.hasPrefix("FAIL  \(r.path):7:1  t  table 1 has no caption") })
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any])
        #expect((json["warnings"] as? [[String: Any]])?.first?["line"] as? Int == 4)
        let report = CheckReport(passed: r.passed, failed: r.failed, errors: r.errors, lessons: [r])
        #expect(CheckText.summary(report).first == "2 warnings")
    }

    @Test func renderSaysTheSameWarnings() throws {
        let folder = try LessonFolder()
        let o = try folder.run(Self.lesson, render: true)
        #expect(o.warnings.contains { $0.hasPrefix("WARN  \(o.report.path):4:1") })
    }

    @Test func figuresScrollAndEnlargeInsteadOfShrinking() throws {
        let folder = try LessonFolder()
        let html = try #require(try folder.run(Self.lesson, render: true).html)
        #expect(html.contains("<input type=\"checkbox\" class=\"zoom\" id=\"figure-1-zoom\" aria-label=\"Enlarge figure 1\">"))
        #expect(html.contains("<label class=\"figure-scroll\" for=\"figure-1-zoom\"><svg"))
        #expect(html.contains("min-width:"), "the SVG keeps its text legible")
        #expect(html.contains("style=\"--w:640px;--ar:1.600\""))
    }

    @Test func codeInOtherLanguagesIsColoured() throws {
        let html = try #require(CodeHighlighter.html("def f(x):  # a comment\n    return \"a\\\"b\" + str(3.5e-2)\n", language: "python"))
        #expect(html.contains("<span class=\"k\">def</span> <span class=\"f\">f</span>"))
        #expect(html.contains("<span class=\"c\"># a comment</span>"))
        #expect(html.contains("<span class=\"s\">&quot;a\\&quot;b&quot;</span>"))
        #expect(html.contains("<span class=\"n\">3.5e-2</span>"))
        #expect(CodeHighlighter.html("x", language: "text") == nil, "unknown languages stay plain")
        let json = try #require(CodeHighlighter.html("{\"key\": [1, true, \"v\"]}", language: "json"))
        #expect(json.contains("<span class=\"a\">&quot;key&quot;</span>") && json.contains("<span class=\"cl\">true</span>"))
        let yaml = try #require(CodeHighlighter.html("title: A course # note\nitems:\n  - name: x\n", language: "yaml"))
        #expect(yaml.contains("<span class=\"a\">title</span>") && yaml.contains("<span class=\"a\">name</span>"))
        let shell = try #require(CodeHighlighter.html("lectern render --out \"$OUT\" # go\n", language: "bash"))
        #expect(shell.contains("<span class=\"a\">--out</span>") && shell.contains("<span class=\"c\"># go</span>"))
        let multi = try #require(CodeHighlighter.html("/* one\ntwo */ int x;", language: "c"))
        #expect(multi.split(separator: "\n").allSatisfy { $0.components(separatedBy: "<span").count == $0.components(separatedBy: "</span>").count },
                "spans never cross a line")
        let folder = try LessonFolder()
        let page = try #require(try folder.run(Self.lesson, render: true).html)
        #expect(page.contains("<code class=\"language-python\"><span class=\"line\"><span class=\"k\">def</span>"))
    }

    @Test func errataAreListedAtTheTop() throws {
        let folder = try LessonFolder()
        let page = try #require(try folder.run(Self.lesson, render: true).html)
        let box = try #require(page.range(of: "<aside class=\"errata\""))
        let h1 = try #require(page.range(of: "</h1>"))
        #expect(h1.upperBound <= box.lowerBound && box.lowerBound < page.range(of: "<section class=\"cell")!.lowerBound)
        #expect(page.contains("This lesson corrects one number from its sources"))
        #expect(page.contains("<q>The slide says <span class=\"quoted erratum\"><del>5</del> <ins>4</ins></span>, which it is not.</q>"))
        #expect(page.contains("id=\"erratum-1\""))
        #expect(page.components(separatedBy: "id=\"erratum-1\"").count == 2, "the quote repeats no id")
    }
}
