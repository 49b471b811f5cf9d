import Tensors

extension NearestNeighbors {
    /// Leave-one-out k-nearest-neighbour accuracy: the share of points
    /// whose k nearest other points (ties to the lower index) vote for the
    /// point's own label. A tie between classes goes to the class of the
    /// nearest neighbour among the tied ones.
    public static func votingAccuracy(_ points: Tensor, labels: [Int], k: Int) throws(EmbeddingError) -> Double {
        let rows = try Rows(points, what: "points")
        let n = rows.count
        guard labels.count == n else {
            throw EmbeddingError("there are \(n) points but \(labels.count) labels; give one label a point")
        }
        guard n >= 2 else { throw EmbeddingError("kNN accuracy needs at least 2 points, got \(n)") }
        guard k >= 1, k < n else { throw EmbeddingError("k must be between 1 and the number of points minus one (\(n - 1)), got \(k)") }
        let classes = Array(Set(labels)).sorted()
        let dense = labels.map { label in classes.firstIndex(of: label) ?? 0 }
        let graph = graph(rows, k: k, seed: 0)
        let correct = Buffer<Int32>(repeating: 0, count: n)
        Chunks.forEach(n) { range in
            var votes = [Int](repeating: 0, count: classes.count)
            for i in range {
                for c in 0..<votes.count { votes[c] = 0 }
                var best = 0
                for r in 0..<k {
                    let c = dense[Int(graph.indices[i * k + r])]
                    votes[c] += 1
                    best = max(best, votes[c])
                }
                var winner = 0
                for r in 0..<k {
                    let c = dense[Int(graph.indices[i * k + r])]
                    if votes[c] == best { winner = c; break }
                }
                correct[i] = winner == dense[i] ? 1 : 0
            }
        }
        var hits = 0
        for i in 0..<n { hits += Int(correct[i]) }
        if Interruption.requested { throw .stopped }
        return Double(hits) / Double(n)
    }
}
