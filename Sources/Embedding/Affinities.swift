/// The input similarities t-SNE matches: p(j|i) calibrated per row to the
/// perplexity, then symmetrised, pᵢⱼ = (p(j|i) + p(i|j)) / 2N, so P is
/// symmetric and sums to 1.
///
/// Exact t-SNE uses every pair (`dense`); Barnes-Hut uses each point's
/// 3·perplexity nearest neighbours (`sparse`), where the Gaussian has all
/// but a negligible share of its mass.
enum Affinities {
    /// N×N, row-major, zero on the diagonal.
    static func dense(_ rows: Rows, perplexity: Double) -> Buffer<Double> {
        let n = rows.count
        let p = Buffer<Double>(repeating: 0, count: n * n)
        Chunks.forEach(n, size: 16, work: n * n * rows.dim) { range in
            var d2 = [Double](repeating: 0, count: n - 1)
            var conditional = [Double](repeating: 0, count: n - 1)
            for i in range {
                for j in 0..<n where j != i { d2[j < i ? j : j - 1] = Double(rows.squaredDistance(i, j)) }
                PerplexityCalibration.row(d2, count: n - 1, perplexity: perplexity, into: &conditional)
                for j in 0..<n where j != i { p[i * n + j] = conditional[j < i ? j : j - 1] }
            }
        }
        let scale = 1 / (2 * Double(n))
        for i in 0..<n {
            for j in i..<n {
                let s = (p[i * n + j] + p[j * n + i]) * scale
                p[i * n + j] = s
                p[j * n + i] = s
            }
        }
        return p
    }

    /// Compressed rows of the symmetrised P over the neighbour graph.
    static func sparse(_ graph: NeighborGraph, perplexity: Double) -> SparseMatrix {
        let n = graph.count, k = graph.k
        let conditional = Buffer<Double>(repeating: 0, count: n * k)
        Chunks.forEach(n) { range in
            var d2 = [Double](repeating: 0, count: k)
            for i in range {
                for r in 0..<k { d2[r] = Double(graph.distances[i * k + r]) }
                PerplexityCalibration.row(d2, count: k, perplexity: perplexity, into: conditional.pointer + i * k)
            }
        }
        // Row i holds its own k entries and one for every point that has i
        // among its neighbours; a pair in both lists is merged below.
        var starts = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            starts[i + 1] += k
            for r in 0..<k { starts[Int(graph.indices[i * k + r]) + 1] += 1 }
        }
        for i in 0..<n { starts[i + 1] += starts[i] }
        var fill = Array(starts.dropLast())
        var entries = [(Int32, Double)](repeating: (0, 0), count: starts[n])
        for i in 0..<n {
            for r in 0..<k {
                let j = Int(graph.indices[i * k + r]), v = conditional[i * k + r]
                entries[fill[i]] = (Int32(j), v)
                fill[i] += 1
                entries[fill[j]] = (Int32(i), v)
                fill[j] += 1
            }
        }
        let scale = 1 / (2 * Double(n))
        var rowStart = [0], columns: [Int32] = [], values: [Double] = []
        columns.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        for i in 0..<n {
            let row = entries[starts[i]..<starts[i + 1]].sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            var at = 0
            while at < row.count {
                var sum = row[at].1, next = at + 1
                while next < row.count, row[next].0 == row[at].0 {
                    sum += row[next].1
                    next += 1
                }
                columns.append(row[at].0)
                values.append(sum * scale)
                at = next
            }
            rowStart.append(columns.count)
        }
        return SparseMatrix(count: n, rowStart: Buffer(rowStart), columns: Buffer(columns), values: Buffer(values))
    }
}
