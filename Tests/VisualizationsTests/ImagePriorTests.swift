import Tensors
import Testing
@testable import Visualizations

/// The image priors (total variation, the α-norm) by hand and by central
/// differences, and the plane operations the optimizer applies to images.
@Suite struct ImagePriorTests {
    /// ∂f/∂x by central differences of a per-image value f, summed over images.
    static func numeric(_ f: (Tensor) -> [Float], at x: Tensor, h: Float = 1e-2) -> [Float] {
        (0..<x.count).map { i in
            var up = x, down = x
            up.scalars[i] += h
            down.scalars[i] -= h
            return (f(up).reduce(0, +) - f(down).reduce(0, +)) / (2 * h)
        }
    }

    @Test func totalVariationByHand() throws {
        // One 2×2 plane [[0, 1], [3, 5]]: at (0,0) right 1, down 3 → 10; at (0,1)
        // down 4 → 16; at (1,0) right 2 → 4; (1,1) has no neighbours. TV₂ = 30.
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [0, 1, 3, 5])
        #expect(TotalVariation(beta: 2).value(of: x) == [30])
        // β = 1: √10 + 4 + 2.
        let classic = TotalVariation(beta: 1).value(of: x)[0], expected = Float(10).squareRoot() + 6
        #expect(abs(classic - expected) < 1e-5)
        // A constant image has none, and each image of a batch has its own value.
        let batch = Tensor(shape: [2, 1, 2, 2], scalars: [0, 1, 3, 5, 7, 7, 7, 7])
        #expect(TotalVariation().value(of: batch) == [30, 0])
    }

    @Test func totalVariationGradientMatchesDifferences() throws {
        let x = try Tensor.uniform(shape: [2, 2, 5, 4], seed: 3)
        for beta: Float in [2, 1, 1.5] {
            let tv = TotalVariation(beta: beta)
            let numeric = Self.numeric(tv.value(of:), at: x, h: 1e-3)
            #expect(TinyNetworks.close(tv.gradient(of: x).scalars, numeric, tolerance: 5e-3), "β = \(beta)")
        }
    }

    @Test func alphaNormByHandAndByDifferences() throws {
        let x = Tensor(shape: [2, 3], scalars: [1, -2, 0, 0.5, 0, 0])
        #expect(AlphaNorm(alpha: 6).value(of: x) == [65, 0.015625])
        #expect(AlphaNorm(alpha: 2).gradient(of: x).scalars == [2, -4, 0, 1, 0, 0])
        let y = try Tensor.uniform(shape: [2, 1, 3, 3], seed: 2, low: -1, high: 1)
        for alpha: Float in [6, 2, 3.5] {
            let prior = AlphaNorm(alpha: alpha)
            #expect(TinyNetworks.close(prior.gradient(of: y).scalars, Self.numeric(prior.value(of:), at: y, h: 1e-3),
                                       tolerance: 5e-3), "α = \(alpha)")
        }
    }

    @Test func jitterRollsAndUnrolls() throws {
        let x = Tensor(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
        // Down one row and right one column, wrapping around.
        #expect(Jitter.roll(x, dy: 1, dx: 1).scalars == [6, 4, 5, 3, 1, 2])
        let y = try Tensor.uniform(shape: [2, 3, 5, 4], seed: 1)
        #expect(Jitter.roll(Jitter.roll(y, dy: -2, dx: 3), dy: 2, dx: -3) == y)
        // Offsets stay within the range and depend only on the seed and step.
        let jitter = Jitter(pixels: 2, seed: 9)
        let offsets = (0..<50).map { jitter.offset(step: $0) }
        #expect(offsets.allSatisfy { abs($0.dy) <= 2 && abs($0.dx) <= 2 })
        #expect(Set(offsets.map { $0.dy * 10 + $0.dx }).count > 10)
        #expect(offsets.map(\.dy) == (0..<50).map { Jitter(pixels: 2, seed: 9).offset(step: $0).dy })
        #expect(Jitter(pixels: 0, seed: 9).offset(step: 3) == (0, 0))
    }

    @Test func blurKeepsConstantsAndSpreadsAPoint() throws {
        let flat = try Tensor(repeating: 0.3, shape: [1, 2, 5, 5])
        #expect(TinyNetworks.close(GaussianBlur(sigma: 1).apply(flat).scalars, flat.scalars))
        var point = try Tensor(zeros: [1, 1, 7, 7])
        point.scalars[24] = 1
        let spread = GaussianBlur(sigma: 0.8).apply(point).scalars
        #expect(abs(spread.reduce(0, +) - 1) < 1e-5)  // far from the edges nothing is lost
        #expect(spread[24] < 1 && spread[23] == spread[25] && spread[17] == spread[31] && spread[23] > spread[22])
        #expect(GaussianBlur(sigma: 0).apply(point) == point)
    }

    @Test func resizingKeepsSmoothImages() throws {
        // Bilinear resampling reproduces a ramp (away from the clamped border)
        // and a constant everywhere.
        let ramp = Tensor(shape: [1, 1, 1, 8], scalars: (0..<8).map(Float.init))
        let half = ImageResize.bilinear(ramp, height: 1, width: 4)
        #expect(half.scalars == [0.5, 2.5, 4.5, 6.5])
        let flat = try Tensor(repeating: 2, shape: [2, 1, 6, 6])
        #expect(ImageResize.bilinear(ImageResize.bilinear(flat, height: 3, width: 3), height: 6, width: 6) == flat)
    }
}
