import Foundation
import Testing
@testable import Notebook

/// A wrong experiment fence is a located error on the page and in the
/// report; the block is not run, and the rest of the lesson still is.
@Suite struct FenceAttributeErrorTests {
    static func blockError(_ fence: String) throws -> (LessonReport.Block, Pipeline.Outcome) {
        let text = "# F\n\n\(fence)\nx = 1\n```\n\n```experiment id=after\ny = 2\nexpect y == 2\n```\n"
        let o = try LessonFolder().run(text, render: true)
        let block = try #require(o.report.blocks.first)
        return (block, o)
    }

    @Test func unterminatedQuotedValue() throws {
        let (block, o) = try Self.blockError("```experiment id=\"abc")
        #expect(block.status == .error)
        let e = try #require(block.error)
        #expect(e.line == 3 && e.column == 18, "points at the opening quote")
        #expect(e.message.contains("unterminated quoted value for 'id'"))
        #expect(o.report.blocks.last?.status == .ok, "a later block still runs")
        #expect(o.report.passed == 1 && o.report.errors == 1)
        #expect(o.html?.contains("<div class=\"error-box\" role=\"alert\">") == true)
    }

    @Test func unknownAttributeSuggestsTheClosest() throws {
        let (block, _) = try Self.blockError("```experiment id=b ecko=false")
        let e = try #require(block.error)
        #expect(e.line == 3 && e.column == 20)
        #expect(e.message == "unknown attribute 'ecko'; did you mean 'echo'?")
    }

    @Test func unknownAttributeWithNothingClose() throws {
        let (block, _) = try Self.blockError("```experiment zzzzzz=1")
        #expect(try #require(block.error).message.contains("takes id, echo, output, timeout and solution"))
    }

    @Test(arguments: [
        ("```experiment id=a b", "expected key=value"),
        ("```experiment id=a id=b", "given twice"),
        ("```experiment id=a_b", "letters, digits and '-'"),
        ("```experiment echo=yes", "true or false"),
        ("```experiment timeout=-1", "positive number of seconds"),
        ("```experiment timeout=nan", "positive number of seconds"),
    ])
    func badValues(fence: String, message: String) throws {
        let (block, _) = try Self.blockError(fence)
        #expect(block.status == .error)
        #expect(try #require(block.error).message.contains(message))
    }

    @Test func wellFormedAttributes() throws {
        let a = try FenceAttributes.parse("experiment id=x-1 echo=false output=\"true\" timeout=2.5",
                                          file: "f.md", line: 1, column: 4)
        #expect(a == FenceAttributes(id: "x-1", echo: false, output: true, timeout: 2.5))
    }

    /// A repeated id would give two blocks one anchor and one random stream.
    @Test func repeatedIDIsAnErrorAtTheSecondBlock() throws {
        let text = "# R\n\n```experiment id=x\na = 1\n```\n\n> ```experiment echo=false  id=x\n> b = 2\n> ```\n"
        let o = try LessonFolder().run(text, render: true)
        #expect(o.report.blocks.map(\.status) == [.ok, .error])
        let e = try #require(o.report.blocks[1].error)
        #expect(at(e.line, e.column) == "7:29")
        #expect(e.message == "block id 'x' is already used at line 3")
        #expect(o.html?.components(separatedBy: "id=\"x\"").count == 2, "one anchor named x")
    }
}
