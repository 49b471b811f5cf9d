import Foundation
import Testing
@testable import Preview

@Suite struct FileWatcherTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func seesEditsNewAndRemovedFilesButNotTheOutput() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("lessons/a.md", "a")
        try write("data/x.csv", "1")
        try write("output/a.html", "old")
        var watcher = FileWatcher(roots: [root], excluding: [root.appendingPathComponent("output")])
        #expect(watcher.changes().isEmpty)

        try write("lessons/a.md", "ab")
        try write("lessons/b.md", "b")
        try write("output/a.html", "new")
        try write(".lectern-cache/lessons/k.json", "{}")
        try FileManager.default.removeItem(at: root.appendingPathComponent("data/x.csv"))
        let names = Set(watcher.changes().map { String($0.dropFirst(root.standardizedFileURL.path.count + 1)) })
        #expect(names == ["lessons/a.md", "lessons/b.md", "data/x.csv"])
        #expect(watcher.changes().isEmpty)
    }
}
