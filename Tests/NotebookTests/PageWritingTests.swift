import Foundation
import Testing
@testable import Notebook

/// Where pages go and when: one page per lesson, written as its lesson
/// finishes, under names that cannot collide, linked by working hrefs.
@Suite struct PageWritingTests {
    /// A run that dies in a later lesson keeps the pages it finished.
    @Test func eachPageIsWrittenBeforeTheNextLessonRuns() throws {
        let folder = try LessonFolder()
        try folder.write("01-first.md", "# First\n")
        try folder.write("02-second.md", "---\ntitle: Second\n---\ntext\n")
        try folder.write("03-third.md", "text\n\n# Third\n")
        let urls = try Pipeline.discover([folder.lessons.path])
        let pipeline = Pipeline(options: folder.options())
        var onDisk: [[Bool]] = []
        _ = try pipeline.render(urls, to: folder.output, runner: { url in
            onDisk.append(["01-first.html", "02-second.html"].map {
                FileManager.default.fileExists(atPath: folder.output.appendingPathComponent($0).path)
            })
            return pipeline.run(url, render: true)
        }, progress: { _, _, _ in })
        #expect(onDisk == [[false, false], [true, false], [true, true]])
        #expect(try folder.page("01-first.html").contains("href=\"02-second.html\" rel=\"next\"><span class=\"dir\">Next →</span> <span class=\"name\">Second</span></a>"))
        let second = try folder.page("02-second.html")
        #expect(second.contains("href=\"01-first.html\" rel=\"prev\"><span class=\"dir\">← Previous</span> <span class=\"name\">First</span></a>")
                && second.contains("<span class=\"name\">Third</span></a>"))
        #expect(try folder.page("03-third.html").contains("<span class=\"name\">Second</span></a>"))
    }

    @Test func aLessonNamedIndexIsRefusedBeforeAnythingRuns() throws {
        let folder = try LessonFolder()
        try folder.write("01-first.md", "# First\n")
        try folder.write("index.md", "# Index\n")
        let urls = try Pipeline.discover([folder.lessons.path])
        #expect {
            try Pipeline(options: folder.options()).render(urls, to: folder.output) { _, _, _ in }
        } throws: { error in
            "\(error)".hasSuffix("lessons/index.md would be written as index.html, which is the course index; rename the lesson")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.output.path), "nothing ran, nothing was written")
    }

    @Test func twoLessonsWithOnePageNameAreRefused() throws {
        let folder = try LessonFolder()
        let a = try folder.write("a/01.md", "# A\n")
        let b = try folder.write("b/01.md", "# B\n")
        #expect {
            try Pipeline.pageNames([a, b])
        } throws: { error in
            let message = "\(error)"
            return message.contains("a/01.md and ") && message.contains("b/01.md would both be written as 01.html")
        }
        #expect(try Pipeline.pageNames([a, folder.lessons.appendingPathComponent("02.md")]) == ["01.html", "02.html"])
    }

    /// Like check, render fails when a block fails or a claim does not reproduce.
    @Test func exitStatusCountsFailedBlocksAndClaims() throws {
        let lessons = ["# Fine\n\n```experiment\nx = 1\nexpect x == 1\n```\n",
                       "# Block\n\n```experiment\ny = nosuch\n```\n",
                       "# Claim\n\nTwo is `= 1 + 1 ~ 3`.\n"]
        var statuses: [Int32] = []
        for text in lessons {
            let folder = try LessonFolder()
            try folder.write("01-fine.md", lessons[0])
            if text != lessons[0] { try folder.write("02-other.md", text) }
            statuses.append(Pipeline.exitStatus(try folder.render().map(\.outcome)))
        }
        #expect(statuses == [0, 1, 1])
    }
    /// File names are not URLs: `#` and `?` would cut the link short.
    @Test func linksToPagesArePercentEncoded() throws {
        let folder = try LessonFolder()
        try folder.write("a&b.md", "# A & B\n")
        try folder.write("b c#?.md", "# Odd\n")
        try folder.write("c:d é.md", "# Colon\n")
        try folder.render()
        let index = try folder.page("index.html")
        #expect(index.contains("<a href=\"a&amp;b.html\">A &amp; B</a>"))
        #expect(index.contains("<a href=\"b%20c%23%3F.html\">Odd</a>"))
        #expect(index.contains("<a href=\"c%3Ad%20%C3%A9.html\">Colon</a>"))
        #expect(try folder.page("b c#?.html").contains("<a class=\"prev\" href=\"a&amp;b.html\" rel=\"prev\">"))
        #expect(try folder.page("a&b.html").contains("<a class=\"next\" href=\"b%20c%23%3F.html\" rel=\"next\">"))
    }
}

@Suite struct OutputFolderTests {
    @Test func makesTheFolderWithItsParents() throws {
        let folder = try LessonFolder()
        let out = folder.root.appendingPathComponent("a/b/out")
        try OutputFolder.prepare(out.path)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: out.path, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "the probe is gone")
    }

    @Test func aFileInTheWayIsSaidInPlainWords() throws {
        let folder = try LessonFolder()
        try Data("x".utf8).write(to: folder.root.appendingPathComponent("notes"))
        for path in ["notes", "notes/out"].map({ folder.root.appendingPathComponent($0).path }) {
            #expect {
                try OutputFolder.prepare(path)
            } throws: { error in
                "\(error)" == "cannot write to '\(path)': not a directory"
            }
        }
    }
}
