import Foundation
import Testing
@testable import Notebook

/// What is read back from `.lectern-cache/` is what was stored there, under
/// the key it was stored under: an edited page entry or a memo entry moved
/// to another key's file is recomputed, never shown.
@Suite struct CacheIntegrityTests {
    static let lesson = "# Sealed\n\nSome prose.\n\n```experiment id=c\np = 0.25\n```\n\nIt is `= p ~ 0.5`.\n"

    static func replacing(_ bytes: [UInt8], _ old: String, with new: String) throws -> [UInt8] {
        let (o, n) = (Array(old.utf8), Array(new.utf8))
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: o) }, "no \(old) in the entry")
        var out = bytes
        out.replaceSubrange(at..<(at + o.count), with: n)
        return out
    }

    @Test func anEditedPageEntryIsRecomputed() throws {
        let folder = try LessonFolder()
        try folder.write("01-sealed.md", Self.lesson)
        let first = try folder.render(cache: true)
        #expect(first[0].outcome.report.failed == 1 && first[0].outcome.report.passed == 0)
        let truePage = try folder.page("01-sealed.html")
        let entry = try #require(try PageCacheTests.cacheEntries(folder).first)

        // The claim turned into a pass and a script put into the page; the checksum left alone.
        var bytes = [UInt8](try Data(contentsOf: entry))
        bytes = try Self.replacing(bytes, "\"status\":\"fail\"", with: "\"status\":\"pass\"")
        bytes = try Self.replacing(bytes, "\"passed\":0", with: "\"passed\":1")
        bytes = try Self.replacing(bytes, "\"failed\":1", with: "\"failed\":0")
        bytes = try Self.replacing(bytes, "<p>Some prose.", with: "<p><script>alert(1)</script>Some prose.")
        try Data(bytes).write(to: entry)

        let again = try folder.render(cache: true)
        #expect(again.map(\.outcome.cached) == [false])
        #expect(again[0].outcome.report.failed == 1 && again[0].outcome.report.passed == 0)
        #expect(again[0].outcome.report.claims.map(\.status) == [.fail])
        #expect(again[0].outcome.html?.contains("<script>") == false)
        #expect(try folder.page("01-sealed.html") == truePage)
    }

    /// An entry copied to another lesson's file is not that lesson's entry.
    @Test func aPageEntryIsReadOnlyForItsOwnLesson() throws {
        let folder = try LessonFolder()
        try folder.write("01-sealed.md", Self.lesson)
        try folder.write("02-other.md", Self.lesson)
        try folder.render(cache: true)
        let cache = PageCache(directory: folder.root.appendingPathComponent(".lectern-cache"))
        let other = try folder.write("02-other.md", Self.lesson)
        let path = Pipeline.displayPath(other, root: folder.root)
        let source = try LessonSource.load(url: other, displayPath: path)
        let key = Pipeline(options: folder.options()).pageKey(source)
        #expect(cache.lookup(path: path, key: key) != nil)
        let mine = cache.url(for: path)
        let theirs = try #require(try PageCacheTests.cacheEntries(folder).first { $0.lastPathComponent != mine.lastPathComponent })
        try FileManager.default.removeItem(at: mine)
        try FileManager.default.copyItem(at: theirs, to: mine)
        #expect(cache.lookup(path: path, key: key) == nil)
    }

    @Test func aMemoEntryIsReadOnlyUnderItsOwnKeyAndIntact() throws {
        let folder = try LessonFolder()
        let cache = PageCache(directory: folder.root.appendingPathComponent(".lectern-cache"))
        let (a, b): ([UInt8], [UInt8]) = ([1, 2, 3, 4], [9, 9])
        cache.store(key: "occlusion\nimage a", bytes: a)
        cache.store(key: "occlusion\nimage b", bytes: b)
        #expect(cache.load(key: "occlusion\nimage a") == a && cache.load(key: "occlusion\nimage b") == b)

        // b's result copied over a's file is refused, not served for a.
        let fileA = cache.builtinURL("occlusion\nimage a"), fileB = cache.builtinURL("occlusion\nimage b")
        let stored = try Data(contentsOf: fileA)
        try FileManager.default.removeItem(at: fileA)
        try FileManager.default.copyItem(at: fileB, to: fileA)
        #expect(cache.load(key: "occlusion\nimage a") == nil)

        // Any changed byte of an entry, header or payload, is refused.
        for i in stored.indices {
            var bad = stored
            bad[i] ^= 0x01
            try bad.write(to: fileA)
            #expect(cache.load(key: "occlusion\nimage a") == nil, "a flip at byte \(i) was accepted")
        }
        try stored.prefix(stored.count - 1).write(to: fileA)
        #expect(cache.load(key: "occlusion\nimage a") == nil)
        try stored.write(to: fileA)
        #expect(cache.load(key: "occlusion\nimage a") == a)
    }
}
