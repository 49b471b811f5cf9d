import Tensors

/// Gatys et al.'s texture statistic: the correlations between a layer's
/// feature maps, summed over positions, G = F Fᵀ / M for the C × M matrix F
/// of C maps at M positions. Where a feature appears drops out of the sum,
/// so any shuffle of the positions leaves G unchanged: it describes texture,
/// not layout. Dividing by M makes layers of different sizes comparable.
public enum GramMatrix {
    /// a: N × C × H × W (or N × C, one position) → N × C × C, each symmetric.
    public static func compute(_ a: Tensor) -> Tensor {
        let (n, c, m) = dims(a)
        var out = [Float](repeating: 0, count: n * c * c)
        a.scalars.withUnsafeBufferPointer { f in
            out.withUnsafeMutableBufferPointer { g in
                for e in 0..<n {
                    BLAS.sgemm(transB: true, m: c, n: c, k: m, alpha: 1 / Float(m),
                               a: f.baseAddress! + e * c * m, lda: m, b: f.baseAddress! + e * c * m, ldb: m,
                               c: g.baseAddress! + e * c * c, ldc: c)
                }
            }
        }
        return Tensor(shape: [n, c, c], scalars: out)
    }

    /// The gradient with respect to a (same shape) of Σ_ij W_ij G_ij, for a
    /// symmetric W (N × C × C): 2 W F / M, since G's two factors are both F.
    static func backward(_ a: Tensor, weights w: [Float]) -> Tensor {
        let (n, c, m) = dims(a)
        var out = [Float](repeating: 0, count: a.count)
        a.scalars.withUnsafeBufferPointer { f in
            w.withUnsafeBufferPointer { w in
                out.withUnsafeMutableBufferPointer { d in
                    for e in 0..<n {
                        BLAS.sgemm(m: c, n: m, k: c, alpha: 2 / Float(m), a: w.baseAddress! + e * c * c, lda: c,
                                   b: f.baseAddress! + e * c * m, ldb: m, c: d.baseAddress! + e * c * m, ldc: m)
                    }
                }
            }
        }
        return Tensor(shape: a.shape, scalars: out)
    }

    /// Images, maps and positions per map of a batch of feature maps.
    static func dims(_ a: Tensor) -> (count: Int, channels: Int, positions: Int) {
        let n = a.shape.first ?? 0, c = a.rank > 1 ? a.shape[1] : 1
        return (n, c, n * c == 0 ? 0 : a.count / (n * c))
    }
}
