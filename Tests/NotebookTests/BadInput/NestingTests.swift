import Foundation
import Lab
import Testing
@testable import Notebook

/// cmark nests without limit, and every walk over the tree recurses: a deep
/// document must be a located error, never a stack overflow.
@Suite struct NestingTests {
    static let tooDeep: [(name: String, text: String)] = [
        ("quotes", String(repeating: ">", count: 10_000) + " deep\n"),
        ("lists", String(repeating: "- ", count: 10_000) + "deep\n"),
        ("ordered lists", String(repeating: "1. ", count: 10_000) + "deep\n"),
        ("emphasis", String(repeating: "*", count: 20_000) + "deep" + String(repeating: "*", count: 20_000) + "\n"),
        ("images", String(repeating: "![", count: 100_000) + "deep" + String(repeating: "](u)", count: 100_000) + "\n"),
    ]

    @Test(arguments: tooDeep.indices)
    func tooDeepIsALocatedError(_ i: Int) throws {
        let o = try LessonFolder().run("# Deep\n\n" + Self.tooDeep[i].text, render: true)
        #expect(o.failedToLoad, "\(Self.tooDeep[i].name)")
        let d = try #require(o.diagnostics.first)
        #expect(d.message == "blocks and inlines may nest at most 256 levels; this one is nested deeper")
        #expect(d.location.line == 3)
        #expect(o.report.errors == 1)
    }

    @Test func locatedAtTheFirstTooDeepNode() throws {
        let o = try LessonFolder().run("# Deep\n\nçç " + String(repeating: ">", count: 300) + "\n\n"
                                       + String(repeating: ">", count: 300) + " x\n", render: true)
        let d = try #require(o.diagnostics.first)
        #expect(at(d.location.line, d.location.column) == "5:257")
    }

    /// Brackets that do not nest in the tree (links cannot hold links) are fine at any count.
    @Test func manyBracketsAreFlat() throws {
        let o = try LessonFolder().run("# B\n\n" + String(repeating: "[", count: 100_000) + "a"
                                       + String(repeating: "](u)", count: 100_000) + "\n", render: true)
        #expect(!o.failedToLoad)
        #expect(o.html?.contains("<a href=\"u\">a</a>") == true)
    }

    /// The deepest documents allowed render: document, 254 quotes, a paragraph, its text.
    @Test func atTheLimitRenders() throws {
        let quotes = try LessonFolder().run(String(repeating: ">", count: 254) + " x\n", render: true)
        #expect(quotes.diagnostics.isEmpty)
        #expect(quotes.html?.components(separatedBy: "<blockquote>").count == 255)
        let lists = try LessonFolder().run(String(repeating: "- ", count: 127) + "x\n", render: true)
        #expect(lists.diagnostics.isEmpty)
        #expect(lists.html?.components(separatedBy: "<ul>").count == 128)
        let strong = try LessonFolder().run(String(repeating: "**", count: 254) + "x" + String(repeating: "**", count: 254) + "\n",
                                            render: true)
        #expect(strong.diagnostics.isEmpty)
        let over = try LessonFolder().run(String(repeating: ">", count: 255) + " x\n", render: true)
        #expect(over.failedToLoad)
    }

    /// One lesson too deep to render costs only its own page.
    @Test func aDeepLessonDoesNotCostTheOthers() throws {
        let folder = try LessonFolder()
        try folder.write("01-fine.md", "# Fine\n\n```experiment\nx = 1\nexpect x == 1\n```\n")
        try folder.write("02-deep.md", "# Deep\n\n" + String(repeating: ">", count: 10_000) + " deep\n")
        let seen = try folder.render()
        #expect(seen.map(\.wrote) == [true, true])
        #expect(try folder.page("01-fine.html").contains("<h1 id=\"fine\">Fine"))
        #expect(try article(folder.page("02-deep.html")).contains("nest at most 256 levels"))
    }
}
