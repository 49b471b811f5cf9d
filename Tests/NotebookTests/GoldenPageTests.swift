import Foundation
import Testing
@testable import Notebook

/// The whole page for a lesson that uses every construct once, compared
/// with `Golden/small-lesson.html` (rewritten by `LECTERN_UPDATE_GOLDEN=1`).
/// Math is typeset by the machine's KaTeX, which is deterministic.
@Suite struct GoldenPageTests {
    static func resource(_ name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Golden") else {
            throw PipelineError("missing golden resource \(name); run with LECTERN_UPDATE_GOLDEN=1 to create it")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func renderSmallLesson() throws -> String {
        let folder = try LessonFolder()
        try folder.write("small-lesson.md", try resource("small-lesson.md"))
        try folder.write("small-lesson.bib", try resource("small-lesson.bib"))
        let outcomes = try folder.render()
        #expect(outcomes.count == 1 && outcomes[0].wrote)
        return try folder.page("small-lesson.html")
    }

    @Test func pageMatchesGolden() throws {
        let page = try Self.renderSmallLesson()
        if ProcessInfo.processInfo.environment["LECTERN_UPDATE_GOLDEN"] == "1" {
            let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try page.write(to: dir.appendingPathComponent("small-lesson.html"), atomically: true, encoding: .utf8)
            return
        }
        let golden = try Self.resource("small-lesson.html")
        if page != golden {
            let a = page.split(separator: "\n", omittingEmptySubsequences: false)
            let b = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("""
                page differs from Golden/small-lesson.html at line \(i + 1):
                  got:      \(i < a.count ? String(a[i].prefix(300)) : "<end>")
                  expected: \(i < b.count ? String(b[i].prefix(300)) : "<end>")
                (LECTERN_UPDATE_GOLDEN=1 rewrites it)
                """)
        }
    }

    @Test func sameSourceSameBytes() throws {
        let first = try Self.renderSmallLesson()
        let second = try Self.renderSmallLesson()
        #expect(first == second)
    }

    /// What the golden file must show, said directly, so an update that
    /// breaks one of these cannot slip through by rewriting the snapshot.
    @Test func pageShowsEveryConstruct() throws {
        let page = try Self.renderSmallLesson()
        let body = article(page)
        #expect(page.contains("<title>A small lesson</title>"))
        #expect(page.contains("<p class=\"lede\">Every construct a lesson uses, once.</p>"))
        #expect(page.contains("4 documented numbers: 3 reproduce · 1 corrected"))
        #expect(body.contains("<h1 id=\"fooling-a-linear-classifier-with-sigma-w-top-x\">Fooling a <em>linear</em> classifier with <span class=\"katex\"><math"))
        #expect(body.contains("<msub><mi>w</mi><mn>1</mn></msub>"), "w_1 is a subscript, not emphasis")
        #expect(body.contains("<span class=\"value\">-3</span>"))
        #expect(body.contains("<span class=\"claim pass\" tabindex=\"0\">0.0474<span class=\"mark\" aria-hidden=\"true\">✓</span><span class=\"tip\">reproduces: computed 0.04743</span></span>"))
        #expect(page.contains("<p class=\"legend\">"), "the tally is explained beside it")
        #expect(page.contains("<p class=\"place\">Lesson 1 of 1</p>"))
        #expect(page.contains("<nav class=\"toc\" aria-label=\"On this page\">"))
        #expect(body.contains("<pre class=\"source\"><code><span class=\"line\">x <span class=\"o\">=</span>"), "each source line wraps on its own")
        #expect(body.contains("<span class=\"value\">4.7%</span>"))
        #expect(body.contains("<del>93MB</del> <ins>61MB</ins>"))
        #expect(body.contains("<section class=\"cell ok\" id=\"fool-linear\">"))
        #expect(body.contains("<span class=\"label\">Table 1.</span> <strong>Two numbers</strong>"))
        #expect(body.contains("<figure class=\"output figure\" id=\"fig-sums\" style=\"--w:"), "a labelled figure's id is its label")
        #expect(body.contains("<label class=\"figure-scroll\" for=\"fig-sums-zoom\"><svg"))
        #expect(body.contains("<a class=\"xref\" href=\"#fig-sums\">Figure 1</a> shows the sums and <a class=\"xref\" href=\"#tbl-numbers\">Table 1</a>"))
        #expect(body.contains("<span class=\"equation\" id=\"eq-score\">") && body.contains("<span class=\"equation-number\">(1)</span>"))
        #expect(body.contains("(<a class=\"citation\" href=\"#ref-goodfellow2015\" id=\"cite-goodfellow2015\">Goodfellow et al., 2015</a>, sec. 2)"))
        #expect(body.contains("<li id=\"ref-szegedy2014\">"))
        #expect(body.contains("<span class=\"label\">Figure 1.</span> Inputs and weights."))
        #expect(body.contains("<li class=\"pass\"><span class=\"mark\">✓</span> <code>expect p ~ 0.0474</code>"))
        #expect(body.contains("<code class=\"language-text\">$a_b$ stays *as written* here\n</code>"))
        #expect(body.contains("<td style=\"text-align:right\"><span class=\"value\">61M</span></td>"))
        #expect(body.contains("<li class=\"task\"><input type=\"checkbox\" disabled checked> run the block</li>"))
        #expect(body.contains("<del>Linear models are robust.</del>"))
        #expect(body.contains("<a href=\"https://example.com/notes\">https://example.com/notes</a>"))
        #expect(!page.contains("\u{E000}"), "no math placeholder leaks into the page")
        // The only script is the course-wide search's: its index and its code.
        #expect(page.components(separatedBy: "<script").count == 3 && page.contains("<script type=\"application/json\" id=\"search-index\">"))
        #expect(page.contains("<div class=\"search\" role=\"search\" hidden>"))
    }
}
