import Tensors

/// The mean absolute Pearson correlation over all pairs of distinct rows of
/// a (rows × length) matrix: how much a set of filters, or a set of units'
/// responses across samples, repeat one another (0: unrelated, 1: each a
/// scaled copy of the others, whatever the sign).
///
/// A row with no variance (a constant filter, a dead unit) has no
/// correlation with anything, so it is left out of the pairs; with fewer
/// than two rows left the mean is 0. The rows are centred and scaled to
/// unit length in Double, and all pairs' dot products come from one GEMM.
enum PairwiseCorrelation {
    /// A row counts as constant when its centred energy is below this share
    /// of its raw energy: rounding noise of a constant Float row, not signal.
    static let constantShare = 1e-12

    static func meanAbsolute(_ m: UnsafeBufferPointer<Float>, rows: Int, length: Int) -> Double {
        guard length > 1 else { return 0 }
        var unit = [Float]()
        unit.reserveCapacity(rows * length)
        var kept = 0
        for r in 0..<rows {
            let row = UnsafeBufferPointer(rebasing: m[(r * length)..<((r + 1) * length)])
            var sum = 0.0, raw = 0.0
            for v in row {
                sum += Double(v)
                raw += Double(v) * Double(v)
            }
            let mean = sum / Double(length)
            var centred = 0.0
            for v in row { centred += (Double(v) - mean) * (Double(v) - mean) }
            guard centred.isFinite, centred > constantShare * raw else { continue }
            let scale = 1 / centred.squareRoot()
            for v in row { unit.append(Float((Double(v) - mean) * scale)) }
            kept += 1
        }
        guard kept > 1 else { return 0 }
        var gram = [Float](repeating: 0, count: kept * kept)
        unit.withUnsafeBufferPointer { z in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.sgemm(transB: true, m: kept, n: kept, k: length, a: z.baseAddress!, lda: length,
                           b: z.baseAddress!, ldb: length, c: g.baseAddress!, ldc: kept)
            }
        }
        var total = 0.0
        for i in 0..<kept {
            for j in (i + 1)..<kept { total += min(1, Double(abs(gram[i * kept + j]))) }
        }
        return total / Double(kept * (kept - 1) / 2)
    }
}
