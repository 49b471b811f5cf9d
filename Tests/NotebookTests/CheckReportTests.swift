import Foundation
import Testing
@testable import Notebook

/// `lectern check --json` writes the fields LESSON-FORMAT.md section 8
/// promises; tools read them by name, so the names are tested by name.
@Suite struct CheckReportTests {
    static let lesson = """
        ---
        title: Report
        ---
        # Report

        ```experiment id=good
        p = 0.0474258
        s = "abc"
        expect p ~ 0.0474
        expect s == "abc"
        expect p > 0
        ```

        ```experiment id=broken
        q = nosuch(1)
        ```

        ```experiment
        r = q + 1
        ```

        Fails `= p ~ 0.5`, an erratum `= p !~ 93MB`, an error `= q ~ 1`.
        """

    /// The report as a tool sees it: JSON decoded into plain dictionaries.
    static func json() throws -> [String: Any] {
        let o = try LessonFolder().run(lesson)
        let r = o.report
        let report = CheckReport(passed: r.passed, failed: r.failed, errors: r.errors, lessons: [r])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(report)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func topLevelCounts() throws {
        let j = try Self.json()
        #expect(j["passed"] as? Int == 4)
        #expect(j["failed"] as? Int == 1)
        #expect(j["errors"] as? Int == 2, "the failed block and the claim whose expression failed")
        #expect((j["lessons"] as? [Any])?.count == 1)
    }

    @Test func lessonFields() throws {
        let lesson = try #require((try Self.json()["lessons"] as? [[String: Any]])?.first)
        #expect((lesson["path"] as? String)?.hasSuffix("lessons/01-lesson.md") == true)
        #expect(lesson["title"] as? String == "Report")
        #expect(lesson["seconds"] is Double)
    }

    @Test func blockFields() throws {
        let lesson = try #require((try Self.json()["lessons"] as? [[String: Any]])?.first)
        let blocks = try #require(lesson["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["status"] as? String } == ["ok", "error", "skipped"])
        #expect(blocks.map { $0["line"] as? Int } == [6, 14, 18])
        #expect(blocks.allSatisfy { $0["seconds"] is Double })
        #expect(blocks[0]["id"] as? String == "good")
        #expect(blocks[2].keys.contains("id") && blocks[2]["id"] is NSNull, "a block without an id says so")
        let error = try #require(blocks[1]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 15 && error["column"] as? Int == 5)
        #expect(error["message"] as? String == "unknown function 'nosuch'")
        #expect((blocks[2]["reason"] as? String)?.contains("uses 'q'") == true)
        #expect(blocks[0]["error"] == nil && blocks[0]["reason"] == nil)
    }

    @Test func claimFields() throws {
        let lesson = try #require((try Self.json()["lessons"] as? [[String: Any]])?.first)
        let claims = try #require(lesson["claims"] as? [[String: Any]])
        #expect(claims.map { $0["kind"] as? String } == ["approx", "exact", "expect", "approx", "erratum", "approx"])
        #expect(claims.map { $0["status"] as? String } == ["pass", "pass", "pass", "fail", "pass", "error"])
        #expect(claims.map { $0["line"] as? Int } == [9, 10, 11, 22, 22, 22])
        #expect(claims.map { $0["source"] as? String } == ["p ~ 0.0474", "s == \"abc\"", "p > 0", "p ~ 0.5", "p !~ 93MB", "q ~ 1"])
        #expect(claims[0]["column"] as? Int == 1)
        #expect(claims[3]["column"] as? Int == locate("= p ~ 0.5", in: Self.lesson)?.column)
        #expect(claims[0]["documented"] as? String == "0.0474")
        #expect(claims[0]["computed"] as? Double == 0.0474258)
        #expect(claims[1]["computed"] as? String == "\"abc\"", "a value that is not a number travels as its display text")
        #expect(claims[4]["documented"] as? String == "93MB")
        let error = try #require(claims[5]["error"] as? [String: Any])
        #expect(error["line"] as? Int == 22 && error["message"] is String && error["column"] is Int)
    }

    @Test func nonFiniteNumbersAreText() throws {
        let data = try JSONEncoder().encode([LessonReport.Computed.number(.nan), .number(.infinity), .number(2)])
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        #expect(list[0] is String && list[1] is String)
        #expect(list[2] as? Double == 2)
    }

    @Test func reportRoundTrips() throws {
        let o = try LessonFolder().run(Self.lesson)
        let data = try JSONEncoder().encode(o.report)
        let back = try JSONDecoder().decode(LessonReport.self, from: data)
        #expect(back.claims.count == 6 && back.blocks.count == 3 && back.tally == o.report.tally)
    }
}
