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
        #expect(try folder.page("01-first.html").contains("href=\"02-second.html\">Second →</a>"))
        let second = try folder.page("02-second.html")
        #expect(second.contains("href=\"01-first.html\">← First</a>") && second.contains(">Third →</a>"))
        #expect(try folder.page("03-third.html").contains(">← Second</a>"))
    }
}
