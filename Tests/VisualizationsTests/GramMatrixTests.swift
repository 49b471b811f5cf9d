import Tensors
import Testing
@testable import Visualizations

/// The Gram matrix style is built on: by hand, symmetric, blind to where
/// things are, and its backward pass by central differences.
@Suite struct GramMatrixTests {
    @Test func byHand() throws {
        // Two maps over three positions: F = [[1, 2, 3], [0, 1, -1]], G = F Fᵀ / 3.
        let f = Tensor(shape: [1, 2, 1, 3], scalars: [1, 2, 3, 0, 1, -1])
        let g = GramMatrix.compute(f)
        #expect(g.shape == [1, 2, 2])
        let expected: [Float] = [14, -1, -1, 2].map { $0 / 3 }
        #expect(TinyNetworks.close(g.scalars, expected))
    }

    @Test func symmetricAndBlindToShuffledPositions() throws {
        let a = try Tensor.normal(shape: [2, 4, 5, 6], seed: 1)
        let g = GramMatrix.compute(a)
        for e in 0..<2 {
            for i in 0..<4 { for j in 0..<4 { #expect(g.scalars[e * 16 + i * 4 + j] == g.scalars[e * 16 + j * 4 + i]) } }
        }
        // One permutation of the 30 positions, the same for every map.
        let order = (0..<30).map { ($0 * 7 + 3) % 30 }
        var shuffled = a
        for plane in 0..<8 {
            for (to, from) in order.enumerated() { shuffled.scalars[plane * 30 + to] = a.scalars[plane * 30 + from] }
        }
        #expect(shuffled != a)
        #expect(TinyNetworks.close(GramMatrix.compute(shuffled).scalars, g.scalars, tolerance: 1e-5))
    }

    @Test func backwardMatchesDifferences() throws {
        let a = try Tensor.normal(shape: [2, 3, 2, 2], seed: 4)
        // A symmetric weight per image.
        let raw = try Tensor.normal(shape: [2, 3, 3], seed: 5).scalars
        var w = raw
        for e in 0..<2 { for i in 0..<3 { for j in 0..<3 { w[e * 9 + i * 3 + j] = raw[e * 9 + i * 3 + j] + raw[e * 9 + j * 3 + i] } } }
        func value(_ t: Tensor) -> Float { zip(GramMatrix.compute(t).scalars, w).reduce(0) { $0 + $1.0 * $1.1 } }
        let h: Float = 1e-2
        let numeric = (0..<a.count).map { i -> Float in
            var up = a, down = a
            up.scalars[i] += h
            down.scalars[i] -= h
            return (value(up) - value(down)) / (2 * h)
        }
        #expect(TinyNetworks.close(GramMatrix.backward(a, weights: w).scalars, numeric, tolerance: 1e-3))
    }
}
