import Foundation
import Testing
@testable import Notebook

/// A block runs again only when its source, attributes, the lesson's seed,
/// or a value it reads changed; a prose edit runs none.
@Suite struct BlockReuseTests {
    static func lesson(prose: String = "Prose.", a: String = "x = 1", b: String = "y = x + 1") -> String {
        """
        # Reuse

        \(prose)

        ```experiment id=a
        \(a)
        ```

        ```experiment id=b
        \(b)
        ```

        ```experiment id=c
        z = rand([2], seed=3)
        z[0] > 2
        expect z[0] < 1
        ```

        Here `= y ~ 2` and `= sum(z):.3f`.
        """
    }

    static func run(_ folder: LessonFolder, _ text: String) throws -> Pipeline.Outcome {
        let url = try folder.write("01-reuse.md", text)
        return Pipeline(options: folder.options(cache: true)).run(url, render: true)
    }

    @Test func aProseEditRunsNoBlockAndChangesNothingElse() throws {
        let folder = try LessonFolder()
        let first = try Self.run(folder, Self.lesson())
        #expect(first.report.ran == 3)
        let edited = try Self.run(folder, Self.lesson(prose: "Prose, edited over\ntwo lines."))
        #expect(edited.report.ran == 0 && edited.cached == false)
        #expect(edited.report.claims.map(\.status) == first.report.claims.map(\.status))
        // The claims moved down a line with the block, and say so.
        #expect(edited.report.claims.map(\.line) == first.report.claims.map { $0.line + 1 })
        // So do the values `check --show` lists.
        #expect(edited.report.shown?.map(\.line) == first.report.shown?.map { $0.line + 1 })
        #expect(edited.report.shown?.map(\.source) == first.report.shown?.map(\.source))
        #expect(edited.html?.replacingOccurrences(of: "Prose, edited over\ntwo lines.", with: "Prose.") == first.html)
    }

    @Test func inlineSpansAreReusedUnlessWhatTheyReadChanged() throws {
        let folder = try LessonFolder()
        let blocks = folder.root.appendingPathComponent(".lectern-cache/blocks")
        func entries() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: blocks.path).count }
        _ = try Self.run(folder, Self.lesson())
        #expect(try entries() == 5, "three blocks and two spans")
        _ = try Self.run(folder, Self.lesson(prose: "Prose, edited."))
        #expect(try entries() == 5, "a prose edit evaluates no span")
        let changed = try Self.run(folder, Self.lesson(b: "y = x + 2"))
        #expect(try entries() == 7, "block b, and the span that reads y; not the one that reads z")
        #expect(changed.report.claims.first { $0.source == "y ~ 2" }?.status == .fail)
    }

    @Test func anEditedBlockRunsWithTheBlocksThatReadIt() throws {
        let folder = try LessonFolder()
        _ = try Self.run(folder, Self.lesson())
        #expect(try Self.run(folder, Self.lesson(b: "y = x + 2")).report.ran == 1, "b alone")
        #expect(try Self.run(folder, Self.lesson(a: "x = 0", b: "y = x + 2")).report.ran == 2, "a and b, which reads x; not c")
    }

    @Test func aDamagedSnapshotRunsTheBlockAgain() throws {
        let folder = try LessonFolder()
        _ = try Self.run(folder, Self.lesson())
        let blocks = folder.root.appendingPathComponent(".lectern-cache/blocks")
        for name in try FileManager.default.contentsOfDirectory(atPath: blocks.path) {
            let url = blocks.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[bytes.count / 2] ^= 0xFF
            try Data(bytes).write(to: url)
        }
        let again = try Self.run(folder, Self.lesson(prose: "Other prose."))
        #expect(again.report.ran == 3)
        #expect(again.report.failed == 0 && again.report.errors == 0)
    }

    @Test func aDamagedValueIsNeverUsedAndTheLessonRunsAgain() throws {
        let folder = try LessonFolder()
        let first = try Self.run(folder, Self.lesson())
        // Values live in files of their own, read only when a name is read.
        let values = folder.root.appendingPathComponent(".lectern-cache/values")
        let files = try FileManager.default.contentsOfDirectory(atPath: values.path)
        #expect(files.count == 3)
        for name in files {
            let url = values.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes[bytes.count - 1] ^= 0x01
            try Data(bytes).write(to: url)
        }
        // A prose edit reads no value: the damage goes unnoticed, harmlessly.
        #expect(try Self.run(folder, Self.lesson(prose: "Edited.")).report.ran == 0)
        // Editing b makes it read x, whose file no longer matches its digest: everything runs again.
        let edited = try Self.run(folder, Self.lesson(b: "y = x + 1 + 0"))
        #expect(edited.report.ran == 3)
        #expect(edited.report.errors == 0 && edited.report.claims.map(\.status) == first.report.claims.map(\.status))
    }
}
