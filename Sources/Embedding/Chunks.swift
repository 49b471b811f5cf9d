import Dispatch
import Tensors

/// Splits a loop over points into fixed pieces and runs them on the cores.
///
/// The pieces depend only on the count, never on how many threads there
/// are, and every piece writes its own slots of the output; sums across
/// pieces are made afterwards in piece order. So a result is the same bytes
/// on one core or many, whichever thread finishes first.
enum Chunks {
    /// Points per piece: big enough that handing out a piece costs little
    /// next to its work, small enough that two cores stay evenly loaded.
    static let size = 64

    /// Runs every piece on the calling thread: for tests that show the
    /// result does not depend on how the pieces were scheduled.
    @TaskLocal static var serial = false

    static func count(_ n: Int, size: Int = Chunks.size) -> Int { (n + size - 1) / size }

    /// Calls `body` with each piece's range of 0..<n, in parallel when
    /// there is more than one piece and `work` (a rough operation count) is
    /// worth waking a second core for.
    static func forEach(_ n: Int, size: Int = Chunks.size, work: Int = .max,
                        _ body: @Sendable (_ range: Range<Int>) -> Void) {
        let pieces = count(n, size: size)
        // Read here: task-locals are not seen on the worker threads.
        let stop = Interruption.stop
        if pieces <= 1 || work < 1 << 16 || serial {
            for p in 0..<pieces where stop?() != true { body((p * size)..<min(n, p * size + size)) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: pieces) { p in
            if stop?() == true { return }
            body((p * size)..<min(n, p * size + size))
        }
    }
}
