import Foundation
import Testing
@testable import Embedding
import Tensors

@Suite struct PCATests {
    /// Three orthonormal directions in 4-D (a rotation of the first three axes).
    static let u: [[Float]] = [[0.6, 0.8, 0, 0], [-0.8, 0.6, 0, 0], [0, 0, 0.28, -0.96]]

    /// ±3u₀, ±u₁, ±0.1u₂ around a mean: the covariance is exactly
    /// (18 u₀u₀ᵀ + 2 u₁u₁ᵀ + 0.02 u₂u₂ᵀ) / 5.
    static func data() -> Tensor {
        let mean: [Float] = [1, -2, 3, 0.5]
        var values: [Float] = []
        for (direction, length) in zip(u, [Float(3), 1, 0.1]) {
            for sign: Float in [1, -1] { values += (0..<4).map { mean[$0] + sign * length * direction[$0] } }
        }
        return Tensor(shape: [6, 4], scalars: values)
    }

    @Test func findsTheKnownComponentsAndVariances() throws {
        let pca = try PCA.fit(Self.data(), components: 3)
        for c in 0..<3 {
            let row = Array(pca.components.scalars[(c * 4)..<(c * 4 + 4)])
            // The sign convention makes the largest-magnitude entry positive.
            let expected = Self.u[c].map { $0 * (Self.u[c].max(by: { abs($0) < abs($1) })! < 0 ? -1 : 1) }
            for j in 0..<4 { #expect(abs(row[j] - expected[j]) < 1e-5) }
        }
        let expectedVariances = [18.0 / 5, 2.0 / 5, 0.02 / 5]
        for c in 0..<3 { #expect(abs(pca.variances[c] - expectedVariances[c]) < 1e-5 * max(1, expectedVariances[c])) }
        #expect(pca.mean.scalars == [1, -2, 3, 0.5])
        let projected = try pca.project(Self.data())
        #expect(projected.shape == [6, 3])
        // The first point is mean + 3u₀: 3 along the first component (whose sign flipped to +u₀), 0 elsewhere.
        #expect(abs(projected.scalars[0] - 3) < 1e-5 && abs(projected.scalars[1]) < 1e-5 && abs(projected.scalars[2]) < 1e-5)
    }

    @Test func eigenpairsOfARandomSymmetricMatrix() throws {
        let n = 30
        let g = Fixture.gaussian(n, n, seed: 41).scalars.map(Double.init)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = g[i * n + j] + g[j * n + i] } }
        let original = a
        let (values, vectors) = try SymmetricEigen.largest(&a, n: n, k: n)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        let trace = (0..<n).reduce(0.0) { $0 + original[$1 * n + $1] }
        #expect(abs(values.reduce(0, +) - trace) < 1e-9)
        for c in 0..<n {
            let v = Array(vectors[(c * n)..<(c * n + n)])
            var residual = 0.0
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + original[i * n + $1] * v[$1] }
                residual = max(residual, abs(av - values[c] * v[i]))
            }
            #expect(residual < 1e-9)
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        }
    }

    @Test func badArgumentsAreErrors() {
        #expect(throws: EmbeddingError.self) { try PCA.fit(Self.data(), components: 5) }
        #expect(throws: EmbeddingError.self) { try PCA.fit(Self.data(), components: 0) }
        #expect(throws: EmbeddingError.self) { try PCA.fit(Tensor([1, 2, 3]), components: 1) }
        #expect(throws: EmbeddingError.self) { try PCA.fit(Self.data(), components: 1).project(Fixture.gaussian(3, 5)) }
    }
}

/// A caller can cut the eigensolver short; what it abandoned is never returned.
@Suite struct PCAStopTests {
    @Test func aStoppedFitThrowsStopped() {
        let x = Fixture.gaussian(40, 30, seed: 3)
        #expect(throws: EmbeddingError.stopped) { try PCA.fit(x, components: 2, stop: { true }) }
        final class Polls: @unchecked Sendable { var count = 0 }
        let polls = Polls()
        #expect(throws: EmbeddingError.stopped) {
            try PCA.fit(x, components: 2, stop: { polls.count += 1; return polls.count > 10 })
        }
        #expect(polls.count == 11)
        #expect((try? PCA.fit(x, components: 2, stop: { false })) != nil)
    }

    @Test func chunksSkipTheirWorkOnceStopped() {
        final class Seen: @unchecked Sendable { var pieces = 0 }
        let seen = Seen()
        Chunks.$serial.withValue(true) {
            Interruption.withStop({ true }) {
                Chunks.forEach(1000) { _ in seen.pieces += 1 }
            }
        }
        #expect(seen.pieces == 0)
    }
}
