import Foundation
import Testing
@testable import Notebook

/// What `lectern check` prints, line by line, for each kind of outcome.
@Suite struct CheckTextTests {
    static let lesson = """
        # Claims

        ```experiment id=a
        p = 0.25
        expect p > 1
        ```

        Right `= p ~ 0.25`, wrong `= p ~ 0.4`, a slide's number `= p !~ 0.25`, broken `= q ~ 1`.

        ```experiment id=b
        x = tensor([1, 2]) + [1, 2, 3]
        ```
        """

    @Test func everyOutcomeHasItsLine() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-claims.md", Self.lesson)
        let report = Pipeline(options: folder.options()).run(url, render: false).report
        let lines = CheckText.lines(report)
        #expect(lines.contains { $0 == "ERROR lessons/01-claims.md:11:20: shape mismatch in +: (2) and (3)" })
        #expect(lines.contains("FAIL  lessons/01-claims.md:5:1  p > 1  documented true, computed false"))
        #expect(lines.contains("PASS  lessons/01-claims.md:8:8  p ~ 0.25  (computed 0.25)"))
        #expect(lines.contains("FAIL  lessons/01-claims.md:8:28  p ~ 0.4  documented 0.4, computed 0.25"))
        #expect(lines.contains("FAIL  lessons/01-claims.md:8:58  p !~ 0.25  documented 0.25, computed 0.25 (an erratum that reproduces)"))
        #expect(lines.contains { $0.hasPrefix("ERROR lessons/01-claims.md:8:80  q ~ 1  ") && $0.contains("unknown name 'q'") })
        let total = CheckReport(passed: report.passed, failed: report.failed, errors: report.errors, lessons: [report])
        #expect(CheckText.summary(total) == ["2 errors", "1 passed, 3 failed"])
    }

    @Test func oneErrorIsSingular() {
        #expect(CheckText.summary(CheckReport(passed: 0, failed: 0, errors: 1, lessons: [])) == ["1 error", "0 passed, 0 failed"])
    }

    @Test func numbersPrintWholeOrToSixDigits() {
        #expect(CheckText.number(138_357_544) == "138357544")
        #expect(CheckText.number(0.047425873) == "0.0474259")
    }
}
