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
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                    beta, c, blasint(ldc))
    }

    /// y = alpha · op(A) · x + beta · y, where A is stored m×n (before op).
    public static func sgemv(
        trans: Bool = false, m: Int, n: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>, incX: Int = 1,
        beta: Float = 0, y: UnsafeMutablePointer<Float>, incY: Int = 1
    ) {
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
        n > 0 ? cblas_sdot(blasint(n), x, blasint(incX), y, blasint(incY)) : 0
    }

    /// y += alpha · x.
    public static func saxpy(
        n: Int, alpha: Float, _ x: UnsafePointer<Float>, incX: Int = 1,
        _ y: UnsafeMutablePointer<Float>, incY: Int = 1
    ) {
        guard n > 0 else { return }
        cblas_saxpy(blasint(n), alpha, x, blasint(incX), y, blasint(incY))
    }

    /// OpenBLAS's worker threads, as the caller configured them. Skinny
    /// GEMMs run faster on one thread and a busy machine gains nothing from
    /// two, so callers may want to choose. Inside `withSerialThreads` BLAS
    /// runs on one thread whatever this says; the setting returns after.
    public static var threads: Int {
        get { ThreadState.shared.configured }
        set { ThreadState.shared.configure(newValue) }
    }

    /// Runs `body` with OpenBLAS on one thread, for code that spreads its
    /// own work over the cores (two levels of threads on two cores only
    /// fight). Nested and concurrent sections are counted: the first in
    /// switches to one thread, the last out restores the configured count,
    /// so concurrent network passes never leave the setting changed.
    public static func withSerialThreads<T>(_ body: () throws -> T) rethrows -> T {
        ThreadState.shared.enter()
        defer { ThreadState.shared.leave() }
        return try body()
    }

    /// The configured thread count and the depth of serial sections, under a lock.
    final class ThreadState: @unchecked Sendable {
        static let shared = ThreadState()
        private let lock = NSLock()
        private var base = Int(openblas_get_num_threads())
        private var depth = 0

        var configured: Int { lock.withLock { base } }

        func configure(_ count: Int) {
            lock.withLock {
                base = max(1, count)
                if depth == 0 { openblas_set_num_threads(Int32(clamping: base)) }
            }
        }

        func enter() {
            lock.withLock {
                if depth == 0, base > 1 { openblas_set_num_threads(1) }
                depth += 1
            }
        }

        func leave() {
            lock.withLock {
                depth -= 1
                if depth == 0, base > 1 { openblas_set_num_threads(Int32(clamping: base)) }
            }
        }
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
