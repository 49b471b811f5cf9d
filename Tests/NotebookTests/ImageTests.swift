import Figures
import Foundation
import Testing
@testable import Notebook

/// Files a page depends on: Markdown images are embedded from inside the
/// project only, and a change to any file the lesson read re-renders it.
@Suite struct ImageTests {
    static func png(_ value: UInt8) throws -> [UInt8] {
        try PNGEncoder.encode(try Bitmap(width: 2, height: 2, channels: 1, fill: value))
    }

    @Test func projectImagesAreEmbedded() throws {
        let folder = try LessonFolder()
        try folder.write("pic.png", bytes: try Self.png(10))
        let o = try folder.run("# I\n\n![a $x$ dot](pic.png)\n", render: true)
        let html = try #require(o.html)
        #expect(html.contains("<img src=\"data:image/png;base64,"))
        #expect(html.contains("alt=\"a x dot\""))
        #expect(o.warnings.isEmpty)
    }

    @Test func imagesOutsideTheProjectAreNotEmbedded() throws {
        let folder = try LessonFolder()
        let outside = folder.root.deletingLastPathComponent().appendingPathComponent("lectern-outside-\(UUID().uuidString).png")
        try Data(try Self.png(20)).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let o = try folder.run("# I\n\n![secret](../../\(outside.lastPathComponent))\n", render: true)
        let html = try #require(o.html)
        #expect(!html.contains("data:image/png"))
        #expect(html.contains("<img src=\"\" alt=\"secret\">"))
        #expect(o.warnings.contains { $0.contains(":3:1: warning: image") && $0.contains("outside the project") })
    }

    @Test func missingImagesWarn() throws {
        let o = try LessonFolder().run("# I\n\n![gone](gone.png)\n", render: true)
        #expect(o.html?.contains("<img src=\"gone.png\" alt=\"gone\">") == true)
        #expect(o.warnings.contains { $0.contains("image 'gone.png' not found") })
    }

    @Test func changingAnEmbeddedImageRerendersThePage() throws {
        let folder = try LessonFolder()
        try folder.write("pic.png", bytes: try Self.png(10))
        try folder.write("01-i.md", "# I\n\n![a](pic.png)\n")
        try folder.render(cache: true)
        #expect(try folder.render(cache: true).map(\.outcome.cached) == [true])
        try folder.write("pic.png", bytes: try Self.png(200))
        let again = try folder.render(cache: true)
        #expect(again.map(\.outcome.cached) == [false] && again.map(\.wrote) == [true])
    }

    @Test func anImageThatAppearsRerendersThePage() throws {
        let folder = try LessonFolder()
        try folder.write("01-i.md", "# I\n\n![a](later.png)\n")
        try folder.render(cache: true)
        #expect(try folder.render(cache: true).map(\.outcome.cached) == [true], "still missing: still cached")
        try folder.write("later.png", bytes: try Self.png(10))
        #expect(try folder.render(cache: true).map(\.outcome.cached) == [false])
        #expect(try folder.page("01-i.html").contains("data:image/png"))
    }

    @Test func changingAFileABuiltinReadRerunsTheLesson() throws {
        let folder = try LessonFolder()
        try folder.write("pic.png", bytes: try Self.png(51))
        try folder.write("01-i.md", "# I\n\n```experiment\nimg = load_image(\"pic.png\")\n```\n\nMean `= mean(img) ~ 0.2`.\n")
        #expect(try folder.render(cache: true).map(\.outcome.report.passed) == [1])
        try folder.write("pic.png", bytes: try Self.png(102))
        let again = try folder.render(cache: true)
        #expect(again.map(\.outcome.cached) == [false])
        #expect(again.map(\.outcome.report.failed) == [1])
    }

    /// An image inside an image's description never runs, and does not shift
    /// the values of the spans after it.
    @Test func spansInAltTextDoNotShiftLaterValues() throws {
        let text = "# A\n\n```experiment\np = 1\nq = 2\n```\n\n![alt `= p` here](x.png) then `= q` and `= p`.\n"
        let html = try #require(try LessonFolder().run(text, render: true).html)
        #expect(html.contains("alt=\"alt = p here\"> then <span class=\"value\">2</span> and <span class=\"value\">1</span>."))
    }
}
