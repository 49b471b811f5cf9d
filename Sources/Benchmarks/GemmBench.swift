import Tensors

/// `cblas_sgemm` on square matrices: the ceiling DESIGN.md measures the
/// convolutions against, since each of them is GEMMs plus bookkeeping.
public enum GemmBench {
    /// The side of the matrices in the report (`sgemm_1024`): large enough
    /// that OpenBLAS runs at its peak, small enough to time in milliseconds.
    public static let size = 1024

    /// Median GFLOP/s of C = A·B over `repeats` runs, on OpenBLAS's current
    /// thread count and on one thread; the thread count is restored afterwards.
    public static func measure(repeats: Int, size: Int = GemmBench.size) -> BenchReport.Gemm {
        let n = max(1, size), count = n * n
        let a = UnsafeMutablePointer<Float>.allocate(capacity: count)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: count)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        // Small, exactly representable values: no denormals or infinities to
        // slow a kernel down, and no random-number cost before the clock starts.
        for i in 0..<count {
            a[i] = Float(i % 17 - 8) * 0.125
            b[i] = Float(i % 13 - 6) * 0.25
        }
        c.initialize(repeating: 0, count: count)
        let flops = 2 * Double(n) * Double(n) * Double(n)
        func run() { BLAS.sgemm(m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: c, ldc: n) }

        let threads = BLAS.threads
        let multi = Stopwatch.median(repeats: repeats, run)
        BLAS.threads = 1
        let single = Stopwatch.median(repeats: repeats, run)
        BLAS.threads = threads
        return BenchReport.Gemm(gflops: Stopwatch.gflops(flops, seconds: multi).rounded(places: 3),
                                threads: threads,
                                gflops1Thread: Stopwatch.gflops(flops, seconds: single).rounded(places: 3))
    }
}
