import Foundation
import Testing
@testable import Notebook

/// Every claim and `expect` reports the line and column where the author
/// wrote it (LESSON-FORMAT.md section 8: 1-based positions in the file).
@Suite struct ClaimLocationTests {
    static let lesson = """
        ---
        title: Where
        ---
        # Where claims are

        ```experiment id=numbers
        p = 0.5
        q = 7
        expect p ~ 0.5
          expect q == 7   # indented, with a comment
        ```

        First line of a paragraph,
        second line `= p ~ 0.5` here.
        Ünïcödé $x_i$ then `= q ~ 7` after math.
        Twice: `= p ~ 0.5` and `= p ~ 0.5` again.

        | name | value |
        | --- | --- |
        | é $y$ | x `= q ~ 7.0` |

        - an item

          ```experiment id=nested
          expect q > 6
          ```
        """

    static func expected(_ needle: String) -> String {
        guard let p = locate(needle, in: lesson) else { return "\(needle) not found" }
        return at(p.line, p.column)
    }

    @Test func claimsReportTheirLineAndColumn() throws {
        let folder = try LessonFolder()
        let claims = try folder.run(Self.lesson).report.claims
        #expect(claims.allSatisfy { $0.status == .pass }, "\(claims.map { ($0.source, $0.status) })")
        let got = claims.map { at($0.line, $0.column) }
        let want = [
            Self.expected("expect p ~ 0.5"),
            Self.expected("expect q == 7"),
            Self.expected("= p ~ 0.5` here"),
            Self.expected("= q ~ 7` after"),
            Self.expected("= p ~ 0.5` and"),
            Self.expected("= p ~ 0.5` again"),
            Self.expected("= q ~ 7.0"),
            Self.expected("expect q > 6"),
        ]
        #expect(got == want)
        #expect(claims.map(\.kind) == [.approx, .exact, .approx, .approx, .approx, .approx, .approx, .expect])
        #expect(claims.map(\.source)[0...2] == ["p ~ 0.5", "q == 7", "p ~ 0.5"])
    }

    @Test func blocksReportTheirFenceLine() throws {
        let folder = try LessonFolder()
        let blocks = try folder.run(Self.lesson).report.blocks
        #expect(blocks.map(\.id) == ["numbers", "nested"])
        let fences = ["```experiment id=numbers", "```experiment id=nested"].map { locate($0, in: Self.lesson)?.line }
        #expect(blocks.map(\.line) == fences.compactMap { $0 })
        #expect(blocks.allSatisfy { $0.status == .ok })
    }

    /// An error inside a span points at the offending token, not the span.
    @Test func errorsInsideSpansPointAtTheToken() throws {
        let text = "# E\n\nA value `= 1` and `= 1 + nosuch ~ 2` and `= nothere`.\n"
        let folder = try LessonFolder()
        let o = try folder.run(text)
        let claim = try #require(o.report.claims.first)
        let error = try #require(claim.error)
        let nosuch = try #require(locate("nosuch", in: text))
        #expect(claim.status == .error)
        #expect(at(error.line, error.column) == at(nosuch.line, nosuch.column))
        // A plain value span that fails is a located problem too, even when
        // its text also occurs inside an earlier span on the same line.
        let nothere = try #require(locate("nothere", in: text))
        let problem = try #require(o.diagnostics.first { $0.message.contains("nothere") })
        #expect(at(problem.location.line, problem.location.column) == at(nothere.line, nothere.column))
    }

    @Test func aSpanInsideAnEarlierSpanIsNotMistakenForIt() throws {
        // "= q" also occurs inside the first span; the second span is the real one.
        let text = "# S\n\n```experiment\np = 1\n```\n\nSee `= p + q` or `= q`.\n"
        let folder = try LessonFolder()
        let o = try folder.run(text)
        let errors = o.diagnostics.filter { $0.message.contains("'q'") }
        let second = try #require(locate("q`.", in: text))
        #expect(errors.map(\.location.column).sorted() == [try #require(locate("q` or", in: text)).column, second.column])
    }
}
