import Foundation
import Testing
@testable import Notebook

/// `lectern init`: a course whose first lesson renders and passes, and
/// which never overwrites what is there.
@Suite struct CourseTemplateTests {
    @Test func theFirstLessonRendersAndEveryClaimPasses() throws {
        let folder = try LessonFolder()
        let written = try CourseTemplate.create(at: folder.root)
        #expect(written == ["lectern.yml", ".gitignore", "lessons/01-first-lesson.md"])
        let ignore = try String(contentsOf: folder.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.contains(".lectern-cache/\n") && ignore.contains("output/\n"))
        let url = folder.lessons.appendingPathComponent("01-first-lesson.md")
        let outcome = Pipeline(options: folder.options()).run(url, render: true)
        #expect(outcome.report.errors == 0 && outcome.report.failed == 0)
        #expect(outcome.report.passed == 6)
        #expect(outcome.html?.contains("<svg") == true)
    }

    @Test func anExistingFileStopsItBeforeAnythingIsWritten() throws {
        let folder = try LessonFolder()
        try "mine\n".write(to: folder.root.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        #expect(throws: CourseTemplate.Conflict.self) { try CourseTemplate.create(at: folder.root) }
        #expect(!FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("lectern.yml").path))
        #expect(try String(contentsOf: folder.root.appendingPathComponent(".gitignore"), encoding: .utf8) == "mine\n")
    }
}
