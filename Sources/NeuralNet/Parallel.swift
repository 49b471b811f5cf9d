import Dispatch

/// Splits independent work (one image of a batch, one channel plane) over
/// the cores. Every iteration writes its own disjoint part of the output,
/// so the result is the same bytes on one thread or many.
enum Parallel {
    /// Below this many scalar operations a loop runs on the calling
    /// thread: waking workers costs more than it saves.
    static let minimumWork = 1 << 15
    /// Iterations are handed out in this many contiguous blocks at most, so
    /// thousands of tiny planes cost a few dispatches, not thousands.
    static let blocks = 16

    static func forEach(_ count: Int, work: Int, _ body: @Sendable (Int) -> Void) {
        if count <= 1 || work < minimumWork {
            for i in 0..<count { body(i) }
            return
        }
        let pieces = min(count, blocks)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            for i in share(piece, of: pieces, count: count) { body(i) }
        }
    }

    /// Piece `piece`'s part of 0..<count when it is cut into `pieces`
    /// nearly equal ranges. Rounding each size up instead would leave the
    /// last pieces starting past the end (17 planes in 16 pieces of 2).
    static func share(_ piece: Int, of pieces: Int, count: Int) -> Range<Int> {
        (piece * count / pieces)..<((piece + 1) * count / pieces)
    }

    /// Runs `body` over 0..<count cut into a few contiguous ranges, for
    /// element-wise loops over a whole batch.
    static func ranges(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let pieces = count < minimumWork * 2 ? 1 : 8
        forEach(pieces, work: count) { piece in
            let range = share(piece, of: pieces, count: count)
            if !range.isEmpty { body(range) }
        }
    }
}

/// Pointers cross into worker closures wrapped: the loops above guarantee
/// each worker touches only its own slice.
struct SharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
