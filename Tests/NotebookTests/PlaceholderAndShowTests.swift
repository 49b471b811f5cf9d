import Foundation
import Testing
@testable import Notebook

/// Writing a claim without guessing: `~ ?` fails with the number it would
/// be, `check --fix` writes it at the asked precision, and `check --show`
/// lists every value a lesson shows with its place.
@Suite struct PlaceholderAndShowTests {
    static let lesson = """
        # Drafting

        ```experiment id=a
        p = 0.22137
        big = 62378344
        p * 2
        expect p ~ ?3
        ```

        Two decimals `= p ~ ?.2`, default `= big ~ ?`, with a tolerance `= p ~ ?.1 ± 0.05`,
        a value `= p:.2f`, an erratum `= p !~ ?`.
        """

    @Test func placeholdersFailWithTheirFillAndFixWritesIt() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-draft.md", Self.lesson)
        let pipeline = Pipeline(options: folder.options())
        let report = pipeline.run(url, render: false).report
        let fills = report.claims.compactMap(\.fill)
        #expect(fills == ["0.221", "0.22", "62,378,344", "0.2 ± 0.05"])
        #expect(report.claims.filter { $0.fill != nil }.allSatisfy { $0.status == .fail })
        let erratum = try #require(report.claims.first { $0.kind == .erratum })
        #expect(erratum.status == .error && erratum.error?.message.contains("placeholder '?' is for '~' claims") == true)
        let lines = CheckText.lines(report)
        #expect(lines.contains("FAIL  lessons/01-draft.md:10:15  p ~ ?.2  a placeholder: computed 0.22137; check --fix writes 0.22"))

        let (text, _, fixed) = ClaimFixer.fix(Self.lesson, claims: report.claims)
        #expect(fixed == 4)
        #expect(text.contains("expect p ~ 0.221\n"))
        #expect(text.contains("Two decimals `= p ~ 0.22`, default `= big ~ 62,378,344`, with a tolerance `= p ~ 0.2 ± 0.05`,"))
        try folder.write("01-draft.md", text)
        let again = pipeline.run(url, render: false).report
        #expect(again.claims.filter { $0.kind == .approx }.allSatisfy { $0.status == .pass })
    }

    @Test func showListsBareExpressionsAndInlineValuesInFileOrder() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-draft.md", Self.lesson)
        let report = Pipeline(options: folder.options()).run(url, render: false).report
        let shown = try #require(report.shown)
        #expect(shown.map(\.source) == ["p * 2", "p:.2f"] || shown.map(\.source) == ["p * 2", "p"])
        #expect(shown.map(\.value) == ["0.4427", "0.22"])
        let lines = CheckText.lines(report, show: true)
        let value = try #require(lines.firstIndex { $0.hasPrefix("VALUE lessons/01-draft.md:6:") })
        let expect = try #require(lines.firstIndex { $0.contains(":7:") && $0.contains("p ~ ?3") })
        #expect(value < expect, "values and claims in file order")
        #expect(lines[value].hasSuffix("p * 2  = 0.4427"))
        #expect(!CheckText.lines(report).contains { $0.hasPrefix("VALUE") })
    }
}
