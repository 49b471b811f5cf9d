import Foundation
import Testing
@testable import Notebook
import Lab

/// Format 1.1, section 9.4: a `~` claim whose tolerance includes 0, or is
/// more than half the documented value, passes whatever the code computes.
@Suite struct ClaimLintTests {
    static let lesson = """
        # Lint

        ```experiment
        p = 0.31
        expect p ~ 0.3 ± 0.4
        ```

        Weak `= p ~ 0.3 ± 0.2`, fine `= p ~ 0.31`, zero `= 0 ~ 0 ± 1`, half `= 1.2 ~ 1`, percent `= p ~ 31% ± 60%`.
        """

    @Test func claimFindsWeakTolerances() throws {
        #expect(try Claim.parse("0.3 ± 0.4").weakness?.contains("includes 0") == true)
        #expect(try Claim.parse("0.3 ± 0.2").weakness?.contains("more than half") == true)
        #expect(try Claim.parse("0.0474").weakness == nil)
        #expect(try Claim.parse("1").weakness == nil, "±0.5 is exactly half: allowed")
        #expect(try Claim.parse("0 ± 1").weakness == nil, "a documented 0 may include 0")
        #expect(try Claim.parse("31% ± 60%").weakness != nil)
        #expect(try Claim.parse("138M").tolerance == 0.5e6)
    }

    @Test func reportCarriesToleranceAndWarning() throws {
        let folder = try LessonFolder()
        let o = try folder.run(Self.lesson)
        let claims = o.report.claims
        #expect(claims.count == 6)
        #expect(claims.allSatisfy { $0.status == .pass })
        let expect = try #require(claims.first)
        #expect(at(expect.line, expect.column) == at(5, 1))
        #expect(expect.tolerance.map { abs($0 - 0.4) < 1e-12 } == true)
        #expect(expect.warning?.contains("includes 0") == true)
        let warned = claims.filter { $0.warning != nil }.map { $0.line * 1000 + $0.column }
        let weak = try #require(locate("= p ~ 0.3 ± 0.2", in: Self.lesson))
        let percent = try #require(locate("= p ~ 31%", in: Self.lesson))
        #expect(warned == [5 * 1000 + 1, weak.line * 1000 + weak.column, percent.line * 1000 + percent.column])
        #expect(claims.first { $0.source.hasPrefix("p ~ 0.31") }?.tolerance.map { abs($0 - 0.005) < 1e-12 } == true)

        let data = try JSONEncoder().encode(o.report)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let first = try #require((json["claims"] as? [[String: Any]])?.first)
        #expect(first["tolerance"] is Double)
        #expect(first["warning"] is String)
    }

    @Test func textOutputWarnsAndStrictFails() throws {
        let folder = try LessonFolder()
        let r = try folder.run(Self.lesson).report
        let lines = CheckText.lines(r)
        #expect(lines.filter { $0.hasPrefix("WARN  ") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("WARN  \(r.path):5:1  p ~ 0.3 ± 0.4  the tolerance ±0.4") })
        #expect(r.passed == 6 && r.failed == 0)
        let strict = r.strict()
        #expect(strict.passed == 3 && strict.failed == 3)
        #expect(CheckText.lines(strict).contains { $0.hasPrefix("FAIL  \(r.path):5:1  p ~ 0.3 ± 0.4  holds (computed 0.31), but cannot meaningfully fail (--strict)") })
        let report = CheckReport(passed: strict.passed, failed: strict.failed, errors: strict.errors, lessons: [strict])
        #expect(CheckText.summary(report) == ["3 warnings", "3 passed, 3 failed"])
    }

    @Test func pageMarksWeakClaimsQuietly() throws {
        let folder = try LessonFolder()
        try folder.write("01-lint.md", Self.lesson)
        try folder.render()
        let page = article(try folder.page("01-lint.html"))
        #expect(page.contains("class=\"claim pass weak\""))
        #expect(page.components(separatedBy: "claim pass weak").count - 1 == 2)
        #expect(page.contains("<span class=\"weak\">"), "the expect line names the weakness")
    }
}
