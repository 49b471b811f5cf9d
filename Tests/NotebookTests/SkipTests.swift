import Foundation
import Testing
@testable import Notebook

/// A block that reads a name a failed block did not bind is skipped with a
/// note saying why; blocks that do not depend on it still run.
@Suite struct SkipTests {
    static let lesson = """
        # Skips

        ```experiment id=bad
        a = 1
        b = nosuch(a)
        c = 2
        ```

        ```experiment id=uses-b
        d = b + 1
        expect d ~ 2
        ```

        ```experiment id=uses-d
        e = d * 2
        ```

        ```experiment id=unrelated
        f = a + 10
        expect f == 11
        ```

        Later `= f ~ 11` and `= d`.
        """

    @Test func dependentBlocksAreSkippedWithAReason() throws {
        let o = try LessonFolder().run(Self.lesson, render: true)
        let blocks = o.report.blocks
        #expect(blocks.map(\.status) == [.error, .skipped, .skipped, .ok])
        let reason = try #require(blocks[1].reason)
        #expect(reason.contains("'b'") && reason.contains("block 'bad' (line 3) failed at line 5"))
        #expect(try #require(blocks[2].reason).contains("block 'uses-b' (line 9) was skipped"), "skips cascade")
        #expect(blocks[3].reason == nil)
        #expect(o.report.passed == 2, "the unrelated block's expect and the span after it")
        #expect(o.report.errors == 2, "the failed block and the span that needs its name")
    }

    @Test func skippedBlocksSayWhyOnThePage() throws {
        let html = try #require(try LessonFolder().run(Self.lesson, render: true).html)
        #expect(html.contains("<section class=\"cell skipped\" id=\"uses-b\">"))
        #expect(html.contains("<div class=\"note skipped\"><strong>Skipped.</strong> This block uses &#39;b&#39;, which has no value"))
        #expect(html.contains("<section class=\"cell ok\" id=\"unrelated\">"))
        #expect(html.contains("<li class=\"pass\"><span class=\"mark\">✓</span> <code>expect f == 11</code>"))
    }

    @Test func namesBoundBeforeTheFailureSurvive() throws {
        let o = try LessonFolder().run("# S\n\n```experiment\na = 1\nb = nosuch\n```\n\n`= a ~ 1` `= b`\n")
        #expect(o.report.claims.first?.status == .pass)
        #expect(o.diagnostics.contains { $0.message.contains("'b' has no value") })
    }

    @Test func rebindingAfterAFailureRunsAgain() throws {
        let text = "# S\n\n```experiment\nb = nosuch\n```\n\n```experiment\nb = 2\n```\n\n```experiment\nexpect b == 2\n```\n"
        let o = try LessonFolder().run(text)
        #expect(o.report.blocks.map(\.status) == [.error, .ok, .ok])
        #expect(o.report.passed == 1)
    }
}
