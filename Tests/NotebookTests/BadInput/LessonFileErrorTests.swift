import Foundation
import Testing
@testable import Notebook

/// Files that are not Markdown lessons get a located error, never a crash.
@Suite struct LessonFileErrorTests {
    static func load(_ bytes: [UInt8]) throws -> Pipeline.Outcome {
        let folder = try LessonFolder()
        let url = try folder.write("01-lesson.md", bytes: bytes)
        return Pipeline(options: folder.options()).run(url, render: true)
    }

    @Test func nulBytesNameLineAndColumn() throws {
        let o = try Self.load(Array("# F\n\nabc".utf8) + [0] + Array("def\n".utf8))
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 3 && d.location.column == 4)
        #expect(d.message.contains("NUL byte"))
        #expect(o.html == nil && o.report.errors == 1)
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        let o = try Self.load(Array("# G\n\nab".utf8) + [0xFF, 0xFE] + Array("cd\n".utf8))
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 3 && d.location.column == 3)
        #expect(d.message == "the file is not valid UTF-8")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let o = try Self.load(Array("# G\n\nçé".utf8) + [0xFF] + Array("\n".utf8))
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 3 && d.location.column == 3)
    }

    @Test(arguments: [
        [0xC3] as [UInt8],                 // a lead byte with nothing after it
        [0xE2, 0x82],                      // a truncated three-byte sequence
        [0xED, 0xA0, 0x80],                // an encoded surrogate
        [0xC0, 0xAF],                      // an overlong slash
        [0xF4, 0x90, 0x80, 0x80],          // past U+10FFFF
    ])
    func malformedSequencesAreFound(bad: [UInt8]) throws {
        let o = try Self.load(Array("ok\nxy".utf8) + bad + Array("z".utf8))
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 2 && d.location.column == 3)
    }

    @Test func binaryJunk() throws {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]  // a PNG signature
        bytes += (0..<256).map { UInt8(($0 * 37 + 11) % 256) }
        let o = try Self.load(bytes)
        #expect(o.html == nil)
        let message = try #require(o.diagnostics.first?.message)
        #expect(message.contains("NUL byte") || message.contains("not valid UTF-8"))
    }

    @Test func emptyFileRendersAnEmptyPage() throws {
        let o = try Self.load([])
        #expect(o.diagnostics.isEmpty)
        #expect(o.report.title == "01-lesson", "falls back to the file name")
        #expect(o.html?.isEmpty == true)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let o = try Self.load([0xEF, 0xBB, 0xBF] + Array("---\ntitle: B\n---\n`= nosuch`\n".utf8))
        #expect(o.report.title == "B")
        #expect(o.diagnostics.first.map { at($0.location.line, $0.location.column) } == "4:4")
    }

    @Test func windowsLineEndings() throws {
        let o = try Self.load(Array("---\r\ntitle: W\r\n---\r\n# W\r\n\r\nSee `= nosuch`.\r\n".utf8))
        #expect(o.report.title == "W")
        #expect(o.diagnostics.first.map { at($0.location.line, $0.location.column) } == "6:8")
    }

    @Test func missingFile() throws {
        let folder = try LessonFolder()
        let o = Pipeline(options: folder.options()).run(folder.lessons.appendingPathComponent("nope.md"), render: true)
        #expect(o.html == nil)
        #expect(o.diagnostics.first?.message.hasPrefix("cannot read the lesson") == true)
    }

    @Test func oversizedFileIsRefused() throws {
        let o = try Self.load([UInt8](repeating: UInt8(ascii: "a"), count: LessonSource.maxBytes + 1))
        #expect(o.diagnostics.first?.message.contains("at most 8 MiB") == true)
    }

    /// One very long line with many spans and formulas: rendering stays
    /// linear in the line's length (it once searched the line per span).
    @Test func hugeLine() throws {
        let spans = String(repeating: "word $x_1$ `= 2` ", count: 3000)
        let o = try LessonFolder().run("# H\n\n`= 1` " + spans + String(repeating: "filler ", count: 100_000) + "`= nosuch`\n")
        #expect(o.report.title == "H")
        let d = try #require(o.diagnostics.first)
        #expect(d.location.line == 3)
        #expect(d.location.column == 6 + spans.unicodeScalars.count + 700_000 + 4)
    }

    /// The index links to every lesson, so one that does not load still gets
    /// a page, and that page replaces an older one that would look current.
    @Test(arguments: [
        Array("---\ntitle: [unclosed\n---\n# Bad\n".utf8),
        Array("# Bad\n".utf8) + [0] + Array("\n".utf8),
    ])
    func lessonThatDoesNotLoadGetsAnErrorPage(bytes: [UInt8]) throws {
        let folder = try LessonFolder()
        try folder.write("01-good.md", "# Good\n")
        try folder.write("02-bad.md", bytes: bytes)
        try FileManager.default.createDirectory(at: folder.output, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: folder.output.appendingPathComponent("02-bad.html"))
        let seen = try folder.render()
        #expect(seen.map(\.wrote) == [true, true])
        #expect(seen.map(\.outcome.failedToLoad) == [false, true])
        let page = try folder.page("02-bad.html")
        #expect(page.contains("<title>02-bad</title>"))
        #expect(article(page).contains("<div class=\"error-box\" role=\"alert\">"))
        #expect(article(page).contains("<h1 id=\"02-bad\">02-bad</h1>"))
        #expect(article(page).contains("<span class=\"where\">lessons/02-bad.md:"))
        #expect(try folder.page("01-good.html").contains("href=\"02-bad.html\" rel=\"next\"><span class=\"dir\">Next →</span> <span class=\"name\">02-bad</span></a>"))
        #expect(try folder.page("index.html").contains("<a href=\"02-bad.html\">02-bad</a>"))
    }

    /// Lessons are project files: a link that leads out of the project is
    /// not published (an error page says why); one that stays inside is fine.
    @Test func aLessonLinkedFromOutsideTheProjectIsRefused() throws {
        let folder = try LessonFolder()
        let elsewhere = try LessonFolder()
        let secret = elsewhere.root.appendingPathComponent("secret.md")
        try Data("# Secret\n\nnot for publishing\n".utf8).write(to: secret)
        try folder.write("01-inside.md", "# Inside\n")
        let links = FileManager.default
        try links.createSymbolicLink(at: folder.lessons.appendingPathComponent("02-link.md"), withDestinationURL: secret)
        try links.createSymbolicLink(at: folder.lessons.appendingPathComponent("03-alias.md"),
                                     withDestinationURL: folder.lessons.appendingPathComponent("01-inside.md"))
        let seen = try folder.render()
        #expect(seen.map(\.outcome.failedToLoad) == [false, true, false])
        let d = try #require(seen[1].outcome.diagnostics.first)
        #expect(at(d.location.line, d.location.column) == "1:1")
        #expect(d.message == "the lesson is a symbolic link to a file outside the project; lessons must be files inside it")
        #expect(seen[2].outcome.report.title == "Inside")
        for page in ["02-link.html", "01-inside.html", "index.html"] {
            let html = try folder.page(page)
            #expect(!html.contains("Secret") && !html.contains("not for publishing"), "\(page)")
        }
        #expect(try folder.page("02-link.html").contains("<title>02-link</title>"))
    }
}
