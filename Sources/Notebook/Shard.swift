import Foundation

/// One part of a course split across machines (`--shard K/N`). Every job of
/// a CI matrix computes the split on its own, so it depends only on what
/// all of them see alike: the lessons, in order, and the recorded run times
/// committed with them (`LessonTimings`), never on a local cache.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based, as people count shards.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(PipelineError) {
        guard count >= 1, index >= 1, index <= count else {
            throw PipelineError("--shard \(index)/\(count): K must be between 1 and N, and N at least 1")
        }
        self.index = index
        self.count = count
    }

    /// `K/N`, as on the command line.
    public init(parsing text: String) throws(PipelineError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw PipelineError("--shard takes K/N, for instance 1/4; got '\(text)'")
        }
        try self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Which of `lessons` (paths as reports name them) fall in this shard,
    /// in their own order. With run times, the longest lesson goes first to
    /// the least loaded shard (ties to the lower shard), a lesson without a
    /// time counting as the mean of the known ones; with none, consecutive
    /// runs of lessons in file order, sizes differing by at most one.
    public func select(_ lessons: [String], seconds: [String: Double]) -> [Int] {
        let assigned = Shard.assign(lessons, count: count, seconds: seconds)
        return lessons.indices.filter { assigned[$0] == index - 1 }
    }

    /// Each lesson's shard, 0-based.
    static func assign(_ lessons: [String], count: Int, seconds: [String: Double]) -> [Int] {
        let known = lessons.compactMap { seconds[$0] }.filter { $0.isFinite && $0 >= 0 }
        guard !known.isEmpty else {
            return lessons.indices.map { $0 * count / max(lessons.count, 1) }
        }
        let fallback = known.reduce(0, +) / Double(known.count)
        let cost = lessons.map { seconds[$0].flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? fallback }
        // Sorted by cost, longest first; equal costs in file order, so the
        // split never depends on how a sort breaks ties.
        let order = lessons.indices.sorted { cost[$0] != cost[$1] ? cost[$0] > cost[$1] : $0 < $1 }
        var load = Array(repeating: 0.0, count: count)
        var out = Array(repeating: 0, count: lessons.count)
        for i in order {
            let target = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            out[i] = target
            load[target] += cost[i]
        }
        return out
    }
}
