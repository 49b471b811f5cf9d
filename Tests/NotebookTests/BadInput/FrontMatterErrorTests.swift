import Foundation
import Testing
@testable import Notebook

/// Front matter mistakes stop the lesson with an error at the right line
/// (LESSON-FORMAT.md section 1: unknown keys are an error with the key's line).
@Suite struct FrontMatterErrorTests {
    static func loadError(_ text: String) throws -> Pipeline.Outcome {
        let o = try LessonFolder().run(text, render: true)
        #expect(o.html == nil, "a lesson that fails to load has no page")
        #expect(o.report.errors == 1)
        return o
    }

    @Test func unknownKeyNamesItsLine() throws {
        let o = try Self.loadError("---\ntitle: T\nseeed: 4\n---\n# T\n")
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 3 && d.location.column == 1)
        #expect(d.message == "unknown front matter key 'seeed'; did you mean 'seed'?")
        #expect(d.rendered.hasSuffix("01-lesson.md:3:1: error: unknown front matter key 'seeed'; did you mean 'seed'?"))
        #expect(o.report.problems?.first?.line == 3)
    }

    @Test func unknownKeyWithNothingClose() throws {
        let o = try Self.loadError("---\nauthor: Me\n---\n")
        #expect(o.diagnostics.first?.message.contains("knows title, seed, description and bibliography") == true)
    }

    @Test func missingClosingLine() throws {
        let o = try Self.loadError("---\ntitle: T\n# T\n\nText.\n")
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 1)
        #expect(d.message.contains("never ends; add a closing '---' line"))
    }

    @Test func invalidYAML() throws {
        let o = try Self.loadError("---\ntitle: [unclosed\nseed: 2\n---\n# T\n")
        let d = try #require(o.diagnostics.first)
        #expect(d.message.hasPrefix("front matter is not valid YAML"))
        #expect((2...3).contains(d.location.line), "inside the front matter, not at the fence")
    }

    @Test(arguments: [
        ("---\nseed: -1\n---\n", "'seed' must be a non-negative integer"),
        ("---\nseed: many\n---\n", "'seed' must be a non-negative integer"),
        ("---\ntitle: [a, b]\n---\n", "'title' must be a string"),
        ("---\n- a\n- b\n---\n", "must be a set of 'key: value' lines"),
    ])
    func wrongTypes(text: String, message: String) throws {
        let o = try Self.loadError(text)
        #expect(o.diagnostics.first?.message.contains(message) == true)
        #expect(o.diagnostics.first?.location.line == 2)
    }

    @Test func goodFrontMatterKeepsLineNumbers() throws {
        let text = "---\ntitle: \"Colons: fine\"\nseed: 3\ndescription: d\n---\n# Heading\n\n`= 1 + nosuch`\n"
        let o = try LessonFolder().run(text)
        #expect(o.report.title == "Colons: fine")
        #expect(o.diagnostics.first?.location.line == 8, "the body keeps the file's line numbers")
    }

    @Test func emptyFrontMatterIsFine() throws {
        let o = try LessonFolder().run("---\n---\n# Only a heading\n")
        #expect(o.diagnostics.isEmpty)
        #expect(o.report.title == "Only a heading")
    }

    /// Yams builds its tree recursively: deep YAML is refused before it
    /// gets there, wherever the depth comes from.
    @Test(arguments: [
        "x: " + String(repeating: "[", count: 100_000),
        "x: " + String(repeating: "{a: ", count: 100_000),
        String(repeating: "- ", count: 100_000) + "x",
        "x: ['don\'t', " + String(repeating: "[", count: 100) + "1" + String(repeating: "]", count: 100) + "]",
    ])
    func deepNestingIsRefused(yaml: String) throws {
        let o = try Self.loadError("---\n" + yaml + "\n---\n# T\n")
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 2)
        #expect(d.message.hasPrefix("front matter may nest at most 64 levels"))
    }

    @Test func ordinaryFrontMatterIsNotMistakenForDeep() throws {
        let brackets = String(repeating: "[", count: 100)
        let o = try LessonFolder().run("---\ntitle: \"\(brackets) - : ? {\"\ndescription: it's \(brackets)\n---\n# T\n")
        #expect(o.diagnostics.isEmpty)
        #expect(o.report.title == "\(brackets) - : ? {")
    }
}
