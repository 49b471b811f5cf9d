import Tensors

/// Euclidean nearest neighbours, exact, through a vantage-point tree:
/// nearest first, ties to the lower index.
public enum NearestNeighbors {
    /// The k nearest rows of `x` to each row of `queries`: N_q lists of k
    /// indices into x. `queries` may be one vector (D values), or rows
    /// shaped like x's. A query that is itself a row of x finds that row
    /// first (distance 0).
    public static func search(_ x: Tensor, queries: Tensor, k: Int) throws(EmbeddingError) -> [[Int]] {
        let data = try Rows(x, what: "x")
        let asRows = queries.rank == 1 ? Tensor(shape: [1, queries.count], scalars: queries.scalars) : queries
        let q = try Rows(asRows, what: "queries")
        guard q.dim == data.dim else {
            throw EmbeddingError("queries have \(q.dim) values each but the points of x have \(data.dim)")
        }
        guard k >= 1, k <= data.count else {
            throw EmbeddingError("k must be between 1 and the number of points (\(data.count)), got \(k)")
        }
        let found = Buffer<Int32>(repeating: 0, count: q.count * k)
        // Both searches are exact and agree to the bit; the products win
        // once the tree cannot prune (many dimensions) and there is enough to batch.
        if data.dim > 24, q.count * data.count >= 1 << 16 {
            ProductSearch.nearest(data, queries: q, k: k, into: found)
        } else {
            let tree = VantagePointTree(data, seed: 0)
            Chunks.forEach(q.count, work: q.count * data.count * data.dim / 8) { range in
                var heap = NeighborHeap()
                for i in range {
                    tree.nearest(to: q.row(i), k: k, into: &heap)
                    for r in 0..<k { found[i * k + r] = heap.indices[r] }
                }
            }
        }
        if Interruption.requested { throw .stopped }
        return (0..<q.count).map { i in (0..<k).map { Int(found[i * k + $0]) } }
    }

    /// Every point's k nearest other points, as `k` indices and squared
    /// distances a row (nearest first). A vantage-point tree in few
    /// dimensions; in many, where the tree prunes almost nothing, the
    /// GEMM-filtered search, which gives the same answer to the bit.
    static func graph(_ rows: Rows, k: Int, seed: UInt64) -> NeighborGraph {
        let indices = Buffer<Int32>(repeating: 0, count: rows.count * k)
        let distances = Buffer<Float>(repeating: 0, count: rows.count * k)
        if rows.dim > 64, rows.count >= 256 {
            ProductSearch.nearest(rows, queries: rows, k: k, excludingSelf: true, into: indices, distances: distances)
            return NeighborGraph(count: rows.count, k: k, indices: indices, distances: distances)
        }
        let tree = VantagePointTree(rows, seed: seed)
        Chunks.forEach(rows.count) { range in
            var heap = NeighborHeap()
            for i in range {
                tree.nearest(to: rows.row(i), k: k, excluding: i, into: &heap)
                for r in 0..<k {
                    indices[i * k + r] = heap.indices[r]
                    distances[i * k + r] = heap.distances[r]
                }
            }
        }
        return NeighborGraph(count: rows.count, k: k, indices: indices, distances: distances)
    }
}

/// Each point's k nearest others: row i is slots i·k ..< (i+1)·k.
struct NeighborGraph: Sendable {
    let count: Int
    let k: Int
    let indices: Buffer<Int32>
    /// Squared Euclidean distances.
    let distances: Buffer<Float>
}
