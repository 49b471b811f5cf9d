import Testing
@testable import Embedding

/// The attractive half of the Barnes-Hut gradient against plain Double
/// sums, at the scales an embedding goes through: 1e-4 at the start, tens
/// at the end. Errors are measured against Σ |p w (yᵢ − yⱼ)|, the size of
/// the terms, since the net force of a point pulled from all sides can be
/// far smaller than what makes it up.
@Test(arguments: [1e-4, 1.0, 30.0])
func attractionMatchesPlainSums(scale: Double) {
    let n = 200
    let rows = try! Rows(Fixture.gaussian(n, 5, seed: 9), what: "x")
    let p = Affinities.sparse(NearestNeighbors.graph(rows, k: 30, seed: 1), perplexity: 10)
    let y = Fixture.randomEmbedding(n, scale: scale, seed: 3)
    // Two near-duplicates far from the origin, the case Float coordinates lose.
    y.x[1] = y.x[0] + scale * 1e-4
    y.y[1] = y.y[0]
    let g = Embedding2D(count: n)
    Attraction.add(y, p: p, scale: 1, into: g)
    var worst = 0.0
    for i in 0..<n {
        var (ax, ay, size) = (0.0, 0.0, 0.0)
        for e in p.rowStart[i]..<p.rowStart[i + 1] {
            let j = Int(p.columns[e])
            let dx = y.x[i] - y.x[j], dy = y.y[i] - y.y[j]
            let q = p.values[e] / (1 + dx * dx + dy * dy)
            ax += q * dx
            ay += q * dy
            size += abs(q * dx) + abs(q * dy)
        }
        worst = max(worst, (abs(ax - g.x[i]) + abs(ay - g.y[i])) / size)
    }
    #expect(worst < 1e-6, "error \(worst) of the terms' size at scale \(scale)")
}
