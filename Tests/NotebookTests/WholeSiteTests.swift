import Foundation
import Testing
@testable import Notebook

/// Rendering some lessons keeps the site whole: the index lists every
/// lesson of the course, and each page keeps its previous and next links.
@Suite struct WholeSiteTests {
    @Test func renderingOneLessonKeepsTheIndexAndThePager() throws {
        let folder = try LessonFolder()
        try folder.write("01-a.md", "# First\n\nOne `= 1 + 1 ~ 2`.\n")
        let second = try folder.write("02-b.md", "# Second\n\nTwo.\n")
        try folder.write("03-c.md", "# Third\n\nThree.\n")
        _ = try folder.render(cache: true)
        let fullIndex = try folder.page("index.html")

        try folder.write("02-b.md", "# Second\n\nTwo, edited.\n")
        let pipeline = Pipeline(options: folder.options(cache: true))
        let outcomes = try pipeline.render([second], to: folder.output) { _, _, _ in }
        #expect(outcomes.map(\.path) == ["lessons/02-b.md"])
        let index = try folder.page("index.html")
        #expect(index == fullIndex, "the index still lists all three, with the first lesson's cached tally")
        #expect(index.contains("01-a.html") && index.contains("03-c.html"))
        let page = try folder.page("02-b.html")
        #expect(page.contains("Two, edited."))
        #expect(page.contains("href=\"01-a.html\"") && page.contains("href=\"03-c.html\""))
    }

    @Test func aLessonNotRenderedYetIsListedAsSuch() throws {
        let folder = try LessonFolder()
        let first = try folder.write("01-a.md", "# First\n")
        try folder.write("02-b.md", "# Second\n")
        _ = try Pipeline(options: folder.options(cache: true)).render([first], to: folder.output) { _, _, _ in }
        let index = try folder.page("index.html")
        #expect(index.contains("Second") && index.contains("not rendered yet"))
    }
}
