import Foundation
import Tensors

/// Exact k-nearest-neighbour search for many queries in many dimensions,
/// where a vantage-point tree prunes almost nothing (784 pixels).
///
/// |q − x|² = |q|² + |x|² − 2q·x puts the bulk of the work in one GEMM per
/// block of queries, but in Float it is only approximate, so it is used as a
/// filter: with the rounding bound e(x) ≤ γ (|q| + |x|)², γ a safe multiple
/// of D·2⁻²⁴ (Higham's bound for a dot product of length D), any point whose
/// true distance can beat the k-th best survives, and the survivors (a few
/// more than k) are ranked by `Rows.squaredDistance`, the distance every
/// other search here uses. The answer is therefore exactly the tree's, ties
/// to the lower index included, however BLAS rounds. Data and queries are
/// centred on the data's mean first, which shrinks the norms and so the bound.
enum ProductSearch {
    /// Queries per GEMM: the block of products stays a few megabytes.
    static let block = 128

    /// Writes each query's k nearest (indices, and squared distances when
    /// asked) into row i of `found`. With `excludingSelf`, the queries are
    /// the data's own rows and query i never finds point i.
    static func nearest(_ data: Rows, queries: Rows, k: Int, excludingSelf: Bool = false,
                        into found: Buffer<Int32>, distances: Buffer<Float>? = nil) {
        let n = data.count, dim = data.dim
        let mean = data.mean()
        let x = data.centred(on: mean), q = queries.centred(on: mean)
        let norms = (0..<n).map { j in (0..<dim).reduce(0.0) { $0 + Double(x[j * dim + $1]) * Double(x[j * dim + $1]) } }
        let roots = norms.map { $0.squareRoot() }, largest = roots.max() ?? 0
        let gamma = 4 * Double(dim + 2) * 0x1p-24
        let products = Buffer<Float>(repeating: 0, count: block * n)
        let stop = Interruption.stop
        for first in stride(from: 0, to: queries.count, by: block) {
            if stop?() == true { return }
            let count = min(block, queries.count - first)
            x.withUnsafeBufferPointer { xb in
                q.withUnsafeBufferPointer { qb in
                    guard let xp = xb.baseAddress, let qp = qb.baseAddress else { return }
                    BLAS.sgemm(transB: true, m: count, n: n, k: dim, a: qp + first * dim, lda: dim, b: xp, ldb: dim,
                               c: products.pointer, ldc: n)
                }
            }
            let queryNorms = (0..<count).map { i in
                (0..<dim).reduce(0.0) { $0 + Double(q[(first + i) * dim + $1]) * Double(q[(first + i) * dim + $1]) }
            }
            Chunks.forEach(count, size: 8) { range in
                var approximate = [Double](repeating: 0, count: n), keys = [(Double, Int32)]()
                var heap = NeighborHeap()
                for i in range {
                    let qn = queryNorms[i], root = qn.squareRoot(), row = products.pointer + i * n
                    keys.removeAll(keepingCapacity: true)
                    let own = excludingSelf ? first + i : -1
                    for j in 0..<n {
                        approximate[j] = j == own ? .infinity : qn + norms[j] - 2 * Double(row[j])
                        keys.append((approximate[j], Int32(j)))
                    }
                    Selection.select(&keys, k - 1)
                    // The k best by the products are within the bound of the true
                    // k-th distance, so nothing farther than this can beat it.
                    let reach = keys[k - 1].0 + gamma * (root + largest) * (root + largest)
                    heap.reset(capacity: k)
                    let query = queries.row(first + i)
                    for j in 0..<n where approximate[j] - gamma * (root + roots[j]) * (root + roots[j]) <= reach {
                        heap.offer(Rows.squaredDistance(query, data.row(j), dim), Int32(j))
                    }
                    heap.sortAscending()
                    for r in 0..<k {
                        found[(first + i) * k + r] = heap.indices[r]
                        distances?[(first + i) * k + r] = heap.distances[r]
                    }
                }
            }
        }
    }
}
