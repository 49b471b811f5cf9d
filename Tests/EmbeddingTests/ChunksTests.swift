import Foundation
import Testing
@testable import Embedding

/// `Chunks.forEach` hands out every point exactly once, in non-empty
/// pieces, for every count and piece size, on the parallel path.
@Suite struct ChunksTests {
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var ranges: [Range<Int>] = []
        func add(_ r: Range<Int>) { lock.lock(); ranges.append(r); lock.unlock() }
        func tile(_ count: Int) -> Bool {
            lock.lock(); defer { lock.unlock() }
            var next = 0
            for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                guard r.lowerBound == next, !r.isEmpty else { return false }
                next = r.upperBound
            }
            return next == count
        }
    }

    @Test(arguments: [1, 8, 16, 64])
    func everyPointOnce(size: Int) {
        for count in 0...300 {
            let seen = Seen()
            Chunks.forEach(count, size: size, work: .max) { seen.add($0) }
            #expect(seen.tile(count), "count \(count), size \(size)")
        }
    }
}
