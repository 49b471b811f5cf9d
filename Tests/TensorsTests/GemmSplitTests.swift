import Testing
@testable import Tensors

/// A product must give the same bits however many threads compute it: the
/// pieces are fixed by the shape, and OpenBLAS runs on one thread.
@Suite(.serialized) struct GemmSplitTests {
    @Test func piecesCoverCExactlyOnce() {
        for (m, n, k) in [(1000, 128, 784), (64, 25_088, 288), (513, 700, 50), (8, 8, 8), (4096, 4096, 1)] {
            let split = GemmSplit(m: m, n: n, k: k)
            var covered = [Int](repeating: 0, count: m * n)
            for p in 0..<split.pieces {
                for r in split.rows(p) { for c in split.cols(p) { covered[r * n + c] += 1 } }
            }
            #expect(covered.allSatisfy { $0 == 1 }, "\(m)×\(n)×\(k)")
            #expect(split.pieces <= GemmSplit.maxPieces)
        }
        #expect(GemmSplit(m: 8, n: 8, k: 8).pieces == 1)
        #expect(GemmSplit(m: 1000, n: 128, k: 784).pieces > 1)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func sameBitsOnOneThreadAndTwo(transA: Bool, transB: Bool) {
        // Shapes whose pieces cut rows (1000 × 128) and columns (96 × 2000).
        for (m, n, k) in [(1000, 128, 784), (96, 2000, 300)] {
            let a = (0..<(m * k)).map { Float(($0 * 7919) % 1009) / 1009 - 0.5 }
            let b = (0..<(k * n)).map { Float(($0 * 104_729) % 997) / 997 - 0.5 }
            func product(threads: Int, serial: Bool = false) -> [Float] {
                let before = BLAS.threads
                BLAS.threads = threads
                defer { BLAS.threads = before }
                var c = [Float](repeating: 0, count: m * n)
                let run = {
                    BLAS.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: transA ? m : k,
                               b: b, ldb: transB ? k : n, c: &c, ldc: n)
                }
                if serial { BLAS.withSerialThreads(run) } else { run() }
                return c
            }
            let one = product(threads: 1)
            #expect(product(threads: 2) == one)
            #expect(product(threads: 3) == one)
            #expect(product(threads: 2, serial: true) == one)
            // And it is the product: one entry against a double-precision sum.
            let r = m / 3, col = n / 2
            var exact = 0.0
            for i in 0..<k {
                exact += Double(transA ? a[i * m + r] : a[r * k + i]) * Double(transB ? b[col * k + i] : b[i * n + col])
            }
            #expect(abs(Double(one[r * n + col]) - exact) < 1e-3)
        }
    }
}
