import Tensors

/// Principal component analysis: the top k eigenvectors of the covariance
/// matrix of N points in D dimensions.
///
/// The covariance (D×D) is one GEMM over the centred data, and its
/// eigenvectors come from `SymmetricEigen` in Double. A component's sign is
/// fixed so that its entry of largest magnitude is positive (the first such
/// entry on ties): the same data always gives the same axes, not mirror images.
public struct PCA: Sendable {
    /// k×D, unit rows, the first the direction of greatest variance.
    public let components: Tensor
    /// The mean point (D values), subtracted before projecting.
    public let mean: Tensor
    /// The variance along each component (eigenvalue / (N − 1); 0 for one point).
    public let variances: [Double]

    /// The covariance matrix is D×D in Double and the eigensolver is O(D³):
    /// 2,048 features take seconds; more is refused rather than left to run for minutes.
    public static let maxFeatures = 2048

    /// `stop` is polled between steps of the eigensolver; true ends the fit with `.stopped`.
    public static func fit(_ x: Tensor, components k: Int, stop: () -> Bool = { false }) throws(EmbeddingError) -> PCA {
        let rows = try Rows(x, what: "x")
        let n = rows.count, dim = rows.dim
        guard dim <= maxFeatures else {
            throw EmbeddingError("PCA works on at most \(maxFeatures) features a point; x has \(dim)")
        }
        guard k >= 1, k <= dim else {
            throw EmbeddingError("the number of components must be between 1 and the number of features (\(dim)), got \(k)")
        }
        let mean = rows.mean()
        let centred = rows.centred(on: mean)
        var covariance = [Float](repeating: 0, count: dim * dim)
        centred.withUnsafeBufferPointer { c in
            covariance.withUnsafeMutableBufferPointer { out in
                guard let a = c.baseAddress, let o = out.baseAddress else { return }
                BLAS.sgemm(transA: true, m: dim, n: dim, k: n, a: a, lda: dim, b: a, ldb: dim, c: o, ldc: dim)
            }
        }
        // GEMM rounds the two triangles separately; average them so the solver sees an exactly symmetric matrix.
        var a = [Double](repeating: 0, count: dim * dim)
        for i in 0..<dim {
            for j in 0..<dim {
                a[i * dim + j] = (Double(covariance[i * dim + j]) + Double(covariance[j * dim + i])) / 2
            }
        }
        var (values, vectors) = try SymmetricEigen.largest(&a, n: dim, k: k, stop: stop)
        for c in 0..<k {
            let row = c * dim
            var top = 0
            for j in 1..<dim where abs(vectors[row + j]) > abs(vectors[row + top]) { top = j }
            if vectors[row + top] < 0 { for j in 0..<dim { vectors[row + j] = -vectors[row + j] } }
        }
        let divisor = Double(max(1, n - 1))
        return PCA(components: Tensor(shape: [k, dim], scalars: vectors.map { Float($0) }),
                   mean: Tensor(mean), variances: values.map { max(0, $0) / divisor })
    }

    /// Each point's coordinates along the components: N×k.
    public func project(_ x: Tensor) throws(EmbeddingError) -> Tensor {
        let rows = try Rows(x, what: "x")
        let dim = components.shape[1], k = components.shape[0]
        guard rows.dim == dim else {
            throw EmbeddingError("x has \(rows.dim) features a point but the components have \(dim)")
        }
        let centred = rows.centred(on: mean.scalars)
        var out = [Float](repeating: 0, count: rows.count * k)
        centred.withUnsafeBufferPointer { c in
            components.scalars.withUnsafeBufferPointer { v in
                out.withUnsafeMutableBufferPointer { o in
                    guard let a = c.baseAddress, let b = v.baseAddress, let y = o.baseAddress else { return }
                    BLAS.sgemm(transB: true, m: rows.count, n: k, k: dim, a: a, lda: dim, b: b, ldb: dim, c: y, ldc: k)
                }
            }
        }
        return Tensor(shape: [rows.count, k], scalars: out)
    }
}

extension Rows {
    /// The mean of each column, summed in Double.
    func mean() -> [Float] {
        var sums = [Double](repeating: 0, count: dim)
        for i in 0..<count {
            let r = row(i)
            for j in 0..<dim { sums[j] += Double(r[j]) }
        }
        return sums.map { Float($0 / Double(count)) }
    }

    func centred(on mean: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: count * dim)
        for i in 0..<count {
            let r = row(i)
            for j in 0..<dim { out[i * dim + j] = r[j] - mean[j] }
        }
        return out
    }
}
