import Foundation
import Testing
@testable import Notebook

/// `lectern report merge`: shards' reports make the report of one run.
@Suite struct ReportMergeTests {
    static func lessons() throws -> LessonFolder {
        let folder = try LessonFolder()
        try folder.write("01-a.md", "# A\n\n```experiment\nx = 2\n```\n\nIt is `= x == 2`.\n")
        try folder.write("02-b.md", "# B\n\n```experiment\ny = 3\n```\n\nIt is `= y == 4`.\n")
        try folder.write("03-c.md", "# C\n\n```experiment\nz = 1 / 0\n```\n\nIt is `= z ~ 1`.\n")
        return folder
    }

    static func check(_ folder: LessonFolder, _ urls: [URL], shard: String? = nil) -> CheckReport {
        let pipeline = Pipeline(options: folder.options())
        return CheckReport(urls.map { pipeline.run($0, render: false).report }, shard: shard)
    }

    /// Without their times, which no two runs share.
    static func json(_ report: CheckReport) throws -> String {
        var r = report
        for i in r.lessons.indices {
            r.lessons[i].seconds = 0
            for j in r.lessons[i].blocks.indices { r.lessons[i].blocks[j].seconds = 0 }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(r), as: UTF8.self)
    }

    @Test func twoShardsMergeToTheReportOfOneRun() throws {
        let folder = try Self.lessons()
        let urls = try Pipeline.discover([folder.lessons.path])
        let whole = Self.check(folder, urls)
        let names = urls.map { Pipeline.reportPath($0, root: folder.root) }
        let shards = try (1...2).map { k in
            let shard = try Shard(index: k, count: 2)
            return Self.check(folder, shard.select(names, seconds: [:]).map { urls[$0] }, shard: shard.description)
        }
        #expect(shards.map(\.lessons.count) == [2, 1])
        // Given in either order.
        let merged = try ReportMerge.merge([("b.json", shards[1]), ("a.json", shards[0])], expected: names)
        #expect(try Self.json(merged) == Self.json(whole))
        #expect(merged.shard == nil)
        #expect((merged.passed, merged.failed, merged.errors) == (whole.passed, whole.failed, whole.errors))
        #expect(try Self.json(ReportMerge.merge([("a", shards[0]), ("b", shards[1])], expected: nil)) == Self.json(whole))
    }

    @Test func aLessonInTwoReportsIsAnError() throws {
        let folder = try Self.lessons()
        let urls = try Pipeline.discover([folder.lessons.path])
        let a = Self.check(folder, Array(urls[0..<2])), b = Self.check(folder, Array(urls[1...]))
        #expect {
            try ReportMerge.merge([("a.json", a), ("b.json", b)], expected: nil)
        } throws: { "\($0)" == "lessons/02-b.md is in two reports, a.json and b.json: a lesson belongs to one shard" }
    }

    @Test func aMissingLessonIsAnErrorWhenTheCourseIsExpected() throws {
        let folder = try Self.lessons()
        let urls = try Pipeline.discover([folder.lessons.path])
        let names = urls.map { Pipeline.reportPath($0, root: folder.root) }
        let a = Self.check(folder, [urls[0], urls[2]])
        #expect { try ReportMerge.merge([("a.json", a)], expected: names) } throws: { "\($0)".hasPrefix("no report has lessons/02-b.md") }
        #expect { try ReportMerge.merge([("a.json", a)], expected: [names[0]]) } throws: { "\($0)".contains("lessons/03-c.md is not among") }
        // Without --expect a partial merge is what was asked for.
        #expect(try ReportMerge.merge([("a.json", a)], expected: nil).lessons.count == 2)
    }
}
