import Foundation
import Testing
@testable import Embedding

/// ∂KL/∂y against central differences of KL itself, and Barnes-Hut against
/// the exact gradient. Both gradients are written without the factor 4 and
/// run in Float; KL is computed in Double.
@Suite struct GradientTests {
    @Test func exactGradientMatchesFiniteDifferencesOfKL() {
        let rows = try! Rows(Fixture.gaussian(7, 3, seed: 5), what: "x")
        let p = Affinities.dense(rows, perplexity: 3)
        let y = Fixture.randomEmbedding(7, scale: 1, seed: 6)
        let g = Embedding2D(count: 7)
        ExactGradient.compute(y, p: Fixture.float(p), exaggeration: 1, into: g)
        let h = 1e-6
        var worst = 0.0
        for i in 0..<7 {
            for (coordinate, analytic) in [(y.x, g.x[i]), (y.y, g.y[i])] {
                let saved = coordinate[i]
                coordinate[i] = saved + h
                let up = KLDivergence.dense(y, p: p)
                coordinate[i] = saved - h
                let down = KLDivergence.dense(y, p: p)
                coordinate[i] = saved
                let numeric = (up - down) / (2 * h)
                worst = max(worst, abs(4 * analytic - numeric) / max(abs(numeric), 1e-3))
            }
        }
        // Float rounding in the gradient, not the formula, is what is left.
        #expect(worst < 1e-4, "largest relative error \(worst)")
    }

    /// Float arithmetic, Double answers: at the start (scale 1e-4) and the
    /// end (tens), with two near-duplicates, against a plain Double sum,
    /// the error measured against the size of the terms.
    @Test(arguments: [1e-4, 30.0])
    func exactGradientKeepsItsPrecisionAtEveryScale(scale: Double) {
        let n = 90
        let p = Affinities.dense(try! Rows(Fixture.gaussian(n, 4, seed: 13), what: "x"), perplexity: 10)
        let y = Fixture.randomEmbedding(n, scale: scale, seed: 14)
        y.x[1] = y.x[0] + scale * 1e-4
        y.y[1] = y.y[0]
        let g = Embedding2D(count: n)
        let z = ExactGradient.compute(y, p: Fixture.float(p), exaggeration: 1, into: g)
        var (referenceZ, worst) = (0.0, 0.0)
        for i in 0..<n { for j in 0..<n where j != i { referenceZ += 1 / (1 + pow(y.x[i] - y.x[j], 2) + pow(y.y[i] - y.y[j], 2)) } }
        for i in 0..<n {
            var (gx, gy, size) = (0.0, 0.0, 0.0)
            for j in 0..<n where j != i {
                let dx = y.x[i] - y.x[j], dy = y.y[i] - y.y[j]
                let w = 1 / (1 + dx * dx + dy * dy), f = p[i * n + j] * w - w * w / referenceZ
                gx += f * dx
                gy += f * dy
                size += abs(f * dx) + abs(f * dy)
            }
            worst = max(worst, (abs(gx - g.x[i]) + abs(gy - g.y[i])) / size)
        }
        #expect(abs(z - referenceZ) / referenceZ < 1e-6)
        #expect(worst < 1e-5, "error \(worst) of the terms' size at scale \(scale)")
    }

    @Test func exaggerationScalesOnlyTheAttraction() {
        let rows = try! Rows(Fixture.gaussian(9, 2, seed: 7), what: "x")
        let p = Fixture.float(Affinities.dense(rows, perplexity: 3))
        let y = Fixture.randomEmbedding(9, scale: 2, seed: 8)
        let (g1, g12, g0) = (Embedding2D(count: 9), Embedding2D(count: 9), Embedding2D(count: 9))
        ExactGradient.compute(y, p: p, exaggeration: 1, into: g1)
        ExactGradient.compute(y, p: p, exaggeration: 12, into: g12)
        ExactGradient.compute(y, p: p, exaggeration: 0, into: g0)
        for i in 0..<9 {
            #expect(abs((g12.x[i] - g0.x[i]) - 12 * (g1.x[i] - g0.x[i])) < 1e-6)
        }
    }

    @Test(arguments: [0.0, 0.1, 0.5])
    func barnesHutApproachesTheExactGradient(theta: Double) {
        let n = 300
        let rows = try! Rows(Fixture.gaussian(n, 5, seed: 9), what: "x")
        let dense = Affinities.dense(rows, perplexity: 10)
        let sparse = SparseMatrix(dense: dense, count: n)
        let y = Fixture.randomEmbedding(n, scale: 5, seed: 10)
        let exact = Embedding2D(count: n), approximate = Embedding2D(count: n)
        let zExact = ExactGradient.compute(y, p: Fixture.float(dense), exaggeration: 1, into: exact)
        var bh = BarnesHutGradient(theta: theta)
        let zApproximate = bh.compute(y, p: sparse, exaggeration: 1, into: approximate)
        var error = 0.0, norm = 0.0
        for i in 0..<n {
            error += pow(exact.x[i] - approximate.x[i], 2) + pow(exact.y[i] - approximate.y[i], 2)
            norm += pow(exact.x[i], 2) + pow(exact.y[i], 2)
        }
        let relative = sqrt(error / norm)
        // θ = 0 opens every cell: only Float rounding is left.
        let tolerance = theta == 0 ? 1e-5 : theta * theta * 0.1
        #expect(relative < tolerance, "relative gradient error \(relative) at θ = \(theta)")
        #expect(abs(zApproximate - zExact) / zExact < max(1e-6, theta * theta * 0.05))
    }

    @Test func theSparseKLEqualsTheDenseKL() {
        let rows = try! Rows(Fixture.gaussian(40, 3, seed: 11), what: "x")
        let dense = Affinities.dense(rows, perplexity: 5)
        let y = Fixture.randomEmbedding(40, scale: 3, seed: 12)
        let a = KLDivergence.dense(y, p: dense)
        let b = KLDivergence.sparse(y, p: SparseMatrix(dense: dense, count: 40))
        #expect(abs(a - b) < 1e-10)
        #expect(a > 0)
    }
}
