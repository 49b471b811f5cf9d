import Foundation
import Testing
import Tensors
@testable import NeuralNet

/// Every way `Parallel` cuts a loop visits each index exactly once, for
/// every count a batch of planes or images can have, on the parallel path.
@Suite struct ParallelTests {
    /// Indices or ranges handed out, collected under a lock from the workers.
    final class Visits: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Range<Int>] = []
        func add(_ range: Range<Int>) { lock.lock(); seen.append(range); lock.unlock() }
        /// Whether the ranges, in order, are 0..<count cut into non-empty pieces.
        func tile(_ count: Int) -> Bool {
            lock.lock(); defer { lock.unlock() }
            var next = 0
            for r in seen.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard r.lowerBound == next, !r.isEmpty else { return false }
                next = r.upperBound
            }
            return next == count
        }
    }

    @Test func forEachVisitsEveryIndexOnce() {
        for count in 0...300 {
            let visits = Visits()
            Parallel.forEach(count, work: Parallel.minimumWork * 4) { visits.add($0..<$0 + 1) }
            #expect(visits.tile(count), "count \(count)")
        }
    }

    @Test func rangesCoverEveryIndexOnce() {
        for extra in 0...300 {
            let count = Parallel.minimumWork * 2 + extra * 37
            let visits = Visits()
            Parallel.ranges(count) { visits.add($0) }
            #expect(visits.tile(count), "count \(count)")
        }
    }

    @Test func sharesTileTheCount() {
        for count in 0...300 {
            for pieces in 1...17 {
                let ranges = (0..<pieces).map { Parallel.share($0, of: pieces, count: count) }
                #expect(ranges.allSatisfy { $0.lowerBound <= $0.upperBound })
                #expect(ranges.flatMap { Array($0) } == Array(0..<count), "count \(count), pieces \(pieces)")
            }
        }
    }

    /// 25 planes of 4 channels pooled on 16 workers: 100 planes in pieces of
    /// 7 used to leave the last piece starting past the end.
    @Test func maxPoolingABatchOf25() throws {
        let net = try Batches.network("INPUT 28x28x1 -> CONV3-4 -> RELU -> POOL2 -> FC-10 -> SOFTMAX")
        let y = try net.forward(Tensor(zeros: [25, 1, 28, 28]))
        #expect(y.shape == [25, 10])
        #expect(y.scalars.allSatisfy { $0.isFinite })
    }
}
