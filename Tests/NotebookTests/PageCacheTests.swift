import Foundation
import Testing
@testable import Notebook

/// A lesson whose bytes did not change is not re-run and its page is not
/// rewritten; a changed lesson is; a damaged cache entry is never trusted.
@Suite struct PageCacheTests {
    static let lesson = "# Cached\n\n```experiment id=c\np = 0.25\n```\n\nIt is `= p ~ 0.25`.\n"

    /// The page's inode and modification date: a rewrite (temporary file,
    /// then rename) changes the inode even within one clock tick.
    static func stamp(_ url: URL) throws -> [String] {
        let a = try FileManager.default.attributesOfItem(atPath: url.path)
        return ["\(a[.systemFileNumber] ?? "")", "\((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"]
    }

    static func cacheEntries(_ folder: LessonFolder) throws -> [URL] {
        let dir = folder.root.appendingPathComponent(".lectern-cache/lessons")
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
    }

    @Test func unchangedLessonIsCachedAndNotRewritten() throws {
        let folder = try LessonFolder()
        try folder.write("01-cached.md", Self.lesson)
        let first = try folder.render(cache: true)
        #expect(first.map(\.outcome.cached) == [false] && first.map(\.wrote) == [true])
        let page = folder.output.appendingPathComponent("01-cached.html")
        let index = folder.output.appendingPathComponent("index.html")
        let before = try (Self.stamp(page), Self.stamp(index), folder.page("01-cached.html"))

        let second = try folder.render(cache: true)
        #expect(second.map(\.outcome.cached) == [true])
        #expect(second.map(\.wrote) == [false])
        #expect(try Self.stamp(page) == before.0, "the page was not rewritten")
        #expect(try Self.stamp(index) == before.1, "nor the index")
        #expect(second[0].outcome.report.passed == 1, "a cached lesson reports the same")
        #expect(second[0].outcome.html == first[0].outcome.html)
        #expect(try folder.page("01-cached.html") == before.2)
    }

    @Test func changedLessonRunsAgain() throws {
        let folder = try LessonFolder()
        try folder.write("01-cached.md", Self.lesson)
        try folder.render(cache: true)
        try folder.write("01-cached.md", Self.lesson.replacingOccurrences(of: "0.25", with: "0.5"))
        let again = try folder.render(cache: true)
        #expect(again.map(\.outcome.cached) == [false] && again.map(\.wrote) == [true])
        #expect(try folder.page("01-cached.html").contains("0.5<span class=\"mark\""))
        #expect(try Self.cacheEntries(folder).count == 1, "one entry a lesson, replaced in place")
    }

    @Test(arguments: ["truncate", "garbage", "empty", "wrong-shape"])
    func corruptEntryIsIgnoredAndRecomputed(damage: String) throws {
        let folder = try LessonFolder()
        try folder.write("01-cached.md", Self.lesson)
        try folder.render(cache: true)
        let entry = try #require(try Self.cacheEntries(folder).first)
        let bytes = try Data(contentsOf: entry)
        switch damage {
        case "truncate": try bytes.prefix(bytes.count / 2).write(to: entry)
        case "garbage": try Data([0xFF, 0x00, 0x7B, 0x22]).write(to: entry)
        case "empty": try Data().write(to: entry)
        default: try Data("{\"key\": 42, \"report\": []}".utf8).write(to: entry)
        }
        let again = try folder.render(cache: true)
        #expect(again.map(\.outcome.cached) == [false])
        #expect(again[0].outcome.report.passed == 1)
        #expect(again.map(\.wrote) == [false], "same page, so the file is left alone")
        #expect(try folder.render(cache: true).map(\.outcome.cached) == [true], "the entry was stored again")
    }

    @Test func checkThenRenderRunsTheRenderStage() throws {
        let folder = try LessonFolder()
        let url = try folder.write("01-cached.md", Self.lesson)
        let pipeline = Pipeline(options: folder.options(cache: true))
        let check = pipeline.run(url, render: false)
        #expect(!check.cached && check.html == nil)
        let render = pipeline.run(url, render: true)
        #expect(!render.cached && render.html != nil, "a check leaves no page to reuse")
        #expect(pipeline.run(url, render: false).cached, "a rendered entry serves a check too")
    }

    @Test func cachedLessonsKeepTheirMessages() throws {
        let folder = try LessonFolder()
        try folder.write("01-bad.md", "# B\n\n<b>raw</b>\n\n```experiment\nx = nosuch(1)\n```\n")
        let first = try folder.render(cache: true)[0].outcome
        let second = try folder.render(cache: true)[0].outcome
        #expect(second.cached)
        #expect(second.diagnostics.map(\.rendered) == first.diagnostics.map(\.rendered))
        #expect(second.diagnostics.first?.rendered.hasSuffix("01-bad.md:6:5: error: unknown function 'nosuch'") == true)
        #expect(second.warnings == first.warnings && !second.warnings.isEmpty)
    }

    @Test func unsafeIsPartOfTheKey() throws {
        let folder = try LessonFolder()
        try folder.write("01-raw.md", "# R\n\n<b>x</b>\n")
        try folder.render(cache: true)
        let unsafe = try folder.render(cache: true, unsafe: true)
        #expect(unsafe.map(\.outcome.cached) == [false])
        #expect(try folder.page("01-raw.html").contains("<b>x</b>"))
    }

    @Test func atomicWriteLeavesNoTemporaryFiles() throws {
        let folder = try LessonFolder()
        let target = folder.root.appendingPathComponent("deep/er/page.html")
        try AtomicFile.write(Array("one".utf8), to: target)
        #expect(try AtomicFile.writeIfChanged(Array("one".utf8), to: target) == false)
        #expect(try AtomicFile.writeIfChanged(Array("two".utf8), to: target) == true)
        #expect(try String(contentsOf: target, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["page.html"])
    }

    /// Small inputs are known by content; data sets past the limit by size and
    /// modification time, so a warm run does not re-hash 30 MB per lesson.
    @Test func largeInputsAreKnownBySizeAndTime() throws {
        let folder = try LessonFolder()
        let small = folder.root.appendingPathComponent("small.bin"), large = folder.root.appendingPathComponent("large.bin")
        try Data(repeating: 1, count: 100).write(to: small)
        try Data(repeating: 2, count: PageCache.hashLimit + 1).write(to: large)
        #expect(PageCache.signature(of: small) == PageCache.sha256(Data(repeating: 1, count: 100)))
        let before = PageCache.signature(of: large)
        #expect(before.hasPrefix("stat:\(PageCache.hashLimit + 1):"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: large.path)
        #expect(PageCache.signature(of: large) != before)
        #expect(PageCache.signature(of: folder.root.appendingPathComponent("absent")) == "missing")
    }
}
