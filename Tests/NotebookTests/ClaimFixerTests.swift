import Foundation
import Testing
@testable import Notebook

/// `check --fix` rewrites failing inline `~` claims in place, leaves errata,
/// `==` claims and `expect` statements alone, and a second check passes.
@Suite struct ClaimFixerTests {
    static let lesson = """
        # Fixing

        ```experiment id=a
        p = 0.2213
        big = 62378344
        expect p ~ 0.3
        ```

        Wrong `= p ~ 0.3` and `= p ~ 0.30 ± 0.01`, right `= p ~ 0.22`,
        an erratum `= p !~ 0.3`, exact `= 4 == 5`, counts `= big ~ 138,357,544` and `= big ~ 138M`,
        percent `= p ~ 31%`.
        """

    @Test func failingInlineClaimsAreRewrittenAndThenPass() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-fix.md", Self.lesson)
        let pipeline = Pipeline(options: folder.options())
        let report = pipeline.run(url, render: false).report
        let (text, edits, fixed) = ClaimFixer.fix(Self.lesson, claims: report.claims)
        #expect(edits.map(\.line) == [9, 10, 11] && fixed == 5)
        #expect(text.contains("Wrong `= p ~ 0.2` and `= p ~ 0.22 ± 0.01`, right `= p ~ 0.22`,"))
        #expect(text.contains("counts `= big ~ 62,378,344` and `= big ~ 62M`"))
        #expect(text.contains("percent `= p ~ 22%`."))
        #expect(text.contains("`= p !~ 0.3`") && text.contains("`= 4 == 5`") && text.contains("expect p ~ 0.3"))
        try folder.write("01-fix.md", text)
        let again = pipeline.run(url, render: false).report
        let stillFailing = again.claims.filter { $0.status == .fail }.map(\.source)
        #expect(stillFailing == ["p ~ 0.3", "4 == 5"], "only the expect and the == claim still fail")
    }

    @Test func theDiffShowsEachChangedLineWithContext() throws {
        let original = "a\nb\nc `= x ~ 1`\nd\ne\nf\ng\nh\ni\nj `= y ~ 2`\n"
        let edits = [ClaimFixer.Edit(line: 3, old: "c `= x ~ 1`", new: "c `= x ~ 3`"),
                     ClaimFixer.Edit(line: 10, old: "j `= y ~ 2`", new: "j `= y ~ 4`")]
        let diff = ClaimFixer.diff(path: "lessons/01.md", original: original, edits: edits)
        #expect(diff == """
            --- a/lessons/01.md
            +++ b/lessons/01.md
            @@ -1,6 +1,6 @@
             a
             b
            -c `= x ~ 1`
            +c `= x ~ 3`
             d
             e
             f
            @@ -7,5 +7,5 @@
             g
             h
             i
            -j `= y ~ 2`
            +j `= y ~ 4`
             \n
            """)
    }
}
