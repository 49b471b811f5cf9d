import CBLAS
import Foundation

/// The module's only door to OpenBLAS.
///
/// Pointers in, nothing allocated: callers own the memory and the layout
/// (row-major throughout). Public because `NeuralNet` builds convolutions
/// on these GEMMs and may import only `Tensors`. Degenerate sizes are
/// handled here, since BLAS rejects a leading dimension of 0 with a message
/// on stderr rather than an error.
public enum BLAS {
    /// C = alpha · op(A) · op(B) + beta · C, where op(A) is m×k and op(B) is k×n.
    public static func sgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { scale(rows: m, cols: n, by: beta, c, ldc: ldc); return }
        let split = GemmSplit(m: m, n: n, k: k)
        func piece(_ p: Int) {
            let rows = split.rows(p), cols = split.cols(p)
            // Row r of op(A) starts at a + r·lda untransposed, at a + r transposed; likewise columns of op(B).
            let pa = a + rows.lowerBound * (transA ? 1 : lda), pb = b + cols.lowerBound * (transB ? ldb : 1)
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        blasint(rows.count), blasint(cols.count), blasint(k), alpha, pa, blasint(lda), pb, blasint(ldb),
                        beta, c + rows.lowerBound * ldc + cols.lowerBound, blasint(ldc))
        }
        ThreadState.shared.spread(split.pieces, piece)
    }

    /// y = alpha · op(A) · x + beta · y, where A is stored m×n (before op).
    public static func sgemv(
        trans: Bool = false, m: Int, n: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>, incX: Int = 1,
        beta: Float = 0, y: UnsafeMutablePointer<Float>, incY: Int = 1
    ) {
        _ = ThreadState.shared
        let outLength = trans ? n : m
        guard outLength > 0 else { return }
        guard m > 0, n > 0 else {
            for i in 0..<outLength { y[i * incY] = beta == 0 ? 0 : beta * y[i * incY] }
            return
        }
        cblas_sgemv(CblasRowMajor, trans ? CblasTrans : CblasNoTrans, blasint(m), blasint(n),
                    alpha, a, blasint(lda), x, blasint(incX), beta, y, blasint(incY))
    }

    /// The inner product of two strided vectors of length n.
    public static func sdot(
        n: Int, _ x: UnsafePointer<Float>, incX: Int = 1, _ y: UnsafePointer<Float>, incY: Int = 1
    ) -> Float {
        _ = ThreadState.shared
        return n > 0 ? cblas_sdot(blasint(n), x, blasint(incX), y, blasint(incY)) : 0
    }

    /// y += alpha · x.
    public static func saxpy(
        n: Int, alpha: Float, _ x: UnsafePointer<Float>, incX: Int = 1,
        _ y: UnsafeMutablePointer<Float>, incY: Int = 1
    ) {
        _ = ThreadState.shared
        guard n > 0 else { return }
        cblas_saxpy(blasint(n), alpha, x, blasint(incX), y, blasint(incY))
    }

    /// How many threads a large GEMM is spread over. OpenBLAS itself always
    /// runs on one thread: its results for the same operands differ in the
    /// last bits between one and two threads, and a thread count that
    /// follows the machine, or another lesson's training, would make the
    /// same lesson give different figures. `sgemm` instead cuts a large
    /// product into pieces fixed by its shape alone and runs them on these
    /// threads, so the bits never depend on how many there are. Inside
    /// `withSerialThreads` the pieces run one after another.
    public static var threads: Int {
        get { ThreadState.shared.configured }
        set { ThreadState.shared.configure(newValue) }
    }

    /// Runs `body` with GEMMs on the calling thread only, for code that
    /// spreads its own work over the cores (two levels of threads on two
    /// cores only fight). Nested and concurrent sections are counted: pieces
    /// spread again once the last section has ended. This changes speed,
    /// never results.
    public static func withSerialThreads<T>(_ body: () throws -> T) rethrows -> T {
        ThreadState.shared.enter()
        defer { ThreadState.shared.leave() }
        return try body()
    }

    /// The configured thread count and the depth of serial sections, under a lock.
    final class ThreadState: @unchecked Sendable {
        static let shared = ThreadState()
        private let lock = NSLock()
        private var base: Int
        private var depth = 0

        private init() {
            // OpenBLAS's own choice (OPENBLAS_NUM_THREADS, else the cores) becomes ours; it is pinned to one.
            base = max(1, Int(openblas_get_num_threads()))
            openblas_set_num_threads(1)
        }

        var configured: Int { lock.withLock { base } }

        func configure(_ count: Int) { lock.withLock { base = max(1, count) } }

        func enter() { lock.withLock { depth += 1 } }

        func leave() { lock.withLock { depth -= 1 } }

        /// Runs `body` for pieces 0..<count: spread over the threads when
        /// allowed, in order otherwise. The results are the same either way.
        func spread(_ count: Int, _ body: (Int) -> Void) {
            let workers = count < 2 ? 1 : lock.withLock { depth == 0 ? min(base, count) : 1 }
            guard workers > 1 else {
                for p in 0..<count { body(p) }
                return
            }
            withoutActuallyEscaping(body) { body in
                let each = Unchecked(body)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for p in stride(from: w, to: count, by: workers) { each.value(p) }
                }
            }
        }
    }

    /// A closure handed to worker threads that only read what it captures.
    private struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// The kernel family OpenBLAS picked at load time (`SkylakeX`, `Haswell`, `Prescott`...).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// beta · C with beta = 0 meaning "overwrite", as BLAS defines it (NaNs in C do not survive).
    private static func scale(rows: Int, cols: Int, by beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        for r in 0..<rows {
            let row = c + r * ldc
            for j in 0..<cols { row[j] = beta == 0 ? 0 : beta * row[j] }
        }
    }
}
