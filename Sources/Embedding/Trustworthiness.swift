import Tensors

/// How far an embedding can be trusted not to bring strangers together
/// (Venna and Kaski 2001):
///
///     T(k) = 1 − 2 / (N k (2N − 3k − 1)) · Σᵢ Σ_{j ∈ Uᵢ} (r(i, j) − k)
///
/// where Uᵢ are i's k nearest neighbours in the embedding that are not
/// among its k nearest in the input, and r(i, j) is j's rank among i's
/// neighbours in the input (1 the nearest). 1 means every embedding
/// neighbour is a true neighbour; ranks order by (distance, index).
public enum Trustworthiness {
    public static func score(_ x: Tensor, embedding points: Tensor, k: Int) throws(EmbeddingError) -> Double {
        let input = try Rows(x, what: "x"), output = try Rows(points, what: "points")
        let n = input.count
        guard output.count == n else {
            throw EmbeddingError("x has \(n) points but the embedding has \(output.count); they must match row for row")
        }
        guard k >= 1, 2 * k < n else {
            throw EmbeddingError("k must be at least 1 and below half the number of points (\(n)), got \(k)")
        }
        let graph = NearestNeighbors.graph(output, k: k, seed: 0)
        let penalties = Buffer<Double>(repeating: 0, count: n)
        Chunks.forEach(n, size: 16, work: n * n * input.dim) { range in
            var distances = [Float](repeating: 0, count: n)
            var keys = [(Float, Int32)](repeating: (0, 0), count: k), closer = [Int](repeating: 0, count: k + 1)
            for i in range {
                for l in 0..<n { distances[l] = input.squaredDistance(i, l) }
                // The embedding neighbours' input keys, ascending; then one pass
                // counts, for each, the points ahead of it: its rank.
                for r in 0..<k {
                    let j = graph.indices[i * k + r]
                    keys[r] = (distances[Int(j)], j)
                }
                keys.sort { NeighborHeap.before($0.0, $0.1, $1.0, $1.1) }
                for r in 0...k { closer[r] = 0 }
                for l in 0..<n where l != i {
                    // Bucket: how many of the sorted keys come before (distances[l], l).
                    var lo = 0, hi = k
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if NeighborHeap.before(keys[mid].0, keys[mid].1, distances[l], Int32(l)) { lo = mid + 1 } else { hi = mid }
                    }
                    closer[lo] += 1
                }
                // Buckets 0...r hold every point up to keys[r] itself, so their
                // total is keys[r]'s rank (1 + the points strictly before it).
                var penalty = 0, rank = 0
                for r in 0..<k {
                    rank += closer[r]
                    penalty += max(0, rank - k)
                }
                penalties[i] = Double(penalty)
            }
        }
        var total = 0.0
        for i in 0..<n { total += penalties[i] }
        let (nd, kd) = (Double(n), Double(k))
        if Interruption.requested { throw .stopped }
        return 1 - 2 / (nd * kd * (2 * nd - 3 * kd - 1)) * total
    }
}
