import Foundation
import Testing
@testable import Notebook

/// `--shard K/N`: every lesson in exactly one shard, the same split on every
/// machine, balanced by recorded run times when there are some.
@Suite struct ShardTests {
    static let lessons = (1...7).map { String(format: "lessons/%02d.md", $0) }

    static func parts(_ n: Int, seconds: [String: Double] = [:]) throws -> [[String]] {
        try (1...n).map { k in try Shard(index: k, count: n).select(lessons, seconds: seconds).map { lessons[$0] } }
    }

    @Test(arguments: [1, 2, 3, 7, 9])
    func everyLessonIsInExactlyOneShard(n: Int) throws {
        for seconds in [[:], ["lessons/03.md": 40.0, "lessons/06.md": 1]] {
            let parts = try Self.parts(n, seconds: seconds)
            #expect(parts.flatMap { $0 }.sorted() == Self.lessons)
        }
    }

    @Test func withoutTimesShardsAreRunsInFileOrder() throws {
        #expect(try Self.parts(2) == [Array(Self.lessons[0..<4]), Array(Self.lessons[4...])])
        #expect(try Self.parts(3).map(\.count) == [3, 2, 2])
    }

    @Test func timesBalanceTheShards() throws {
        let seconds = ["lessons/01.md": 100.0, "lessons/02.md": 60, "lessons/03.md": 50, "lessons/04.md": 10,
                       "lessons/05.md": 5, "lessons/06.md": 5, "lessons/07.md": 30]
        let parts = try Self.parts(2, seconds: seconds)
        let loads = parts.map { $0.reduce(0) { $0 + seconds[$1]! } }
        #expect(loads == [130, 130])
        // A shard keeps its lessons in file order.
        #expect(parts.allSatisfy { $0 == $0.sorted() })
    }

    /// A lesson without a time counts as the mean of the known ones.
    @Test func anUnknownLessonCountsAsTheMean() throws {
        let assigned = Shard.assign(["a", "b", "c"], count: 2, seconds: ["a": 10, "b": 10])
        #expect(assigned == [0, 1, 0])
    }

    @Test func badShardsAreRefused() {
        for text in ["0/2", "3/2", "1/0", "2", "a/b", "1/2/3", ""] {
            #expect(throws: PipelineError.self) { try Shard(parsing: text) }
        }
        #expect((try? Shard(parsing: "2/5"))?.description == "2/5")
    }

    @Test func timingsRoundTripThroughTheProjectFile() throws {
        let folder = try LessonFolder()
        try LessonTimings.write(["lessons/01.md": 12.345, "lessons/02.md": 0.04], to: folder.root.appendingPathComponent(LessonTimings.fileName))
        #expect(LessonTimings.load(root: folder.root) == ["lessons/01.md": 12.3, "lessons/02.md": 0])
        #expect(LessonTimings.load(root: folder.lessons).isEmpty)
    }
}
