import Foundation
import Lab
import Testing
@testable import Notebook

/// A block that cannot run is an error box on its page; the lesson's other
/// blocks and the other lessons still render (LESSON-FORMAT.md section 3).
@Suite struct BlockErrorTests {
    @Test func syntaxErrorShowsABoxAndLaterLessonsRender() throws {
        let folder = try LessonFolder()
        try folder.write("01-broken.md", """
            # Broken

            ```experiment id=bad
            x = (1 +
            y = 2 +
            ```

            ```experiment id=fine
            z = 3
            z
            ```
            """)
        try folder.write("02-next.md", "# Next\n\n```experiment\na = 2\nexpect a == 2\n```\n")
        let outcomes = try folder.render()
        #expect(outcomes.map(\.wrote) == [true, true])
        let broken = outcomes[0].outcome.report
        #expect(broken.blocks.map(\.status) == [.error, .ok])
        let e = try #require(broken.blocks[0].error)
        #expect(at(e.line, e.column) == "4:5")
        #expect(e.message.contains("'(' is never closed"))
        #expect(outcomes[0].outcome.diagnostics.count >= 2, "every syntax error in the block is reported")
        #expect(outcomes[1].outcome.report.passed == 1)

        let page = article(try folder.page("01-broken.html"))
        #expect(page.contains("<section class=\"cell error\" id=\"bad\">"))
        #expect(page.contains("<div class=\"error-box\" role=\"alert\"><span class=\"where\">"))
        #expect(page.contains("01-broken.md:4:5</span> <strong>error:</strong> &#39;(&#39; is never closed"))
        #expect(page.contains("<section class=\"cell ok\" id=\"fine\">"))
        #expect(page.contains("<pre>3</pre>"))
        #expect(try folder.page("02-next.html").contains("1 documented number: 1 reproduces"))
        let index = try folder.page("index.html")
        #expect(index.contains("<a href=\"01-broken.html\">Broken</a>") && index.contains("<a href=\"02-next.html\">Next</a>"))
    }

    @Test func aLessonThatFailsToLoadDoesNotStopTheOthers() throws {
        let folder = try LessonFolder()
        try folder.write("01-bad.md", bytes: [0x23, 0x20, 0x00])
        try folder.write("02-good.md", "# Good\n")
        let outcomes = try folder.render()
        #expect(outcomes.map(\.wrote) == [true, true])
        #expect(article(try folder.page("01-bad.html")).contains("NUL byte"), "an error page, not the lesson")
        #expect(try folder.page("02-good.html").contains("<h1 id=\"good\">Good"))
    }

    @Test func evaluationErrorStopsTheBlockAtTheStatement() throws {
        let text = "# E\n\n```experiment id=e\na = 1\nb = a + [1, 2] @ [[1, 2, 3]]\nc = 3\n```\n"
        let o = try LessonFolder().run(text, render: true)
        let e = try #require(o.report.blocks.first?.error)
        #expect(e.line == 5)
        #expect(o.html?.contains("class=\"error-box\"") == true)
    }

    @Test func loadImageOutsideTheProjectIsALocatedError() throws {
        let text = "# R\n\n```experiment id=read\nimg = load_image(\"../../etc/passwd\")\n```\n"
        let o = try LessonFolder().run(text, render: true)
        let block = try #require(o.report.blocks.first)
        #expect(block.status == .error)
        let e = try #require(block.error)
        #expect(e.message.contains("outside the project"))
        #expect(at(e.line, e.column) == "4:18", "points at the path")
        #expect(o.html?.contains("outside the project") == true)
    }

    /// A page is the same wherever the project sits on disk, and does not
    /// tell readers where that is: paths are relative to the project.
    @Test func messagesAndPagesNameNoAbsolutePath() throws {
        let folder = try LessonFolder()
        let text = "# R\n\n```experiment id=read\nimg = load_image(\"../../etc/passwd\")\n```\n\n![x](../../../x.png)\n"
        let o = try folder.run(text, render: true)
        let html = try #require(o.html)
        #expect(o.path == "lessons/01-lesson.md")
        #expect(html.contains(">lessons/01-lesson.md:4:18</span> <strong>error:</strong> load_image: &#39;../../etc/passwd&#39; is outside the project; "))
        let root = folder.root.standardizedFileURL.resolvingSymlinksInPath().path
        #expect(!html.contains(root) && !o.diagnostics.contains { $0.rendered.contains(root) })
        #expect(o.warnings.contains { $0.hasPrefix("lessons/01-lesson.md:7:1: warning: image") && !$0.contains(root) })
    }

    /// Every file-reading built-in goes through `Session.resolve`.
    @Test func pathsThatLeaveTheProjectAreRefused() throws {
        let folder = try LessonFolder()
        let lesson = try folder.write("01-read.md", "# R\n")
        try folder.write("data/inside.txt", "ok")
        let session = Session(file: "lessons/01-read.md", lessonDirectory: lesson.deletingLastPathComponent(),
                              projectRoot: folder.root)
        for path in ["../../etc/passwd", "/etc/passwd", "../../../../../../../../etc/passwd", "../..", "../../x"] {
            do {
                let url = try session.resolve(path: path, at: nil)
                Issue.record("'\(path)' resolved to \(url.path)")
            } catch {
                #expect("\(error)".contains("outside the project"), "\(path): \(error)")
            }
        }
        #expect(throws: (any Error).self) { _ = try session.resolve(path: "", at: nil) }
        let inside = try session.resolve(path: "data/inside.txt", at: nil)
        #expect(inside.lastPathComponent == "inside.txt")
        #expect(try session.resolve(path: "../lessons/data/inside.txt", at: nil).path == inside.path)
    }

    @Test func symlinksOutOfTheProjectAreRefused() throws {
        let folder = try LessonFolder()
        let lesson = try folder.write("01-read.md", "# R\n")
        let link = folder.lessons.appendingPathComponent("escape")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc")
        let session = Session(file: "x.md", lessonDirectory: lesson.deletingLastPathComponent(), projectRoot: folder.root)
        #expect(throws: (any Error).self) { _ = try session.resolve(path: "escape/passwd", at: nil) }
    }
}
