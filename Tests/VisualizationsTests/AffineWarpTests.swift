import Tensors
import Testing
@testable import Visualizations

/// Translation, rotation and scaling worked out on small images by hand.
@Suite struct AffineWarpTests {
    /// A 3×3 image with one bright pixel at (row, column).
    static func dot(_ row: Int, _ col: Int, size: Int = 3) -> Tensor {
        var v = [Float](repeating: 0, count: size * size)
        v[row * size + col] = 1
        return Tensor(shape: [size, size], scalars: v)
    }

    @Test func wholePixelShiftsMoveAndFillWithZero() {
        #expect(AffineWarp.apply(Self.dot(1, 1), .translation(dx: 1, dy: 0)) == Self.dot(1, 2))
        #expect(AffineWarp.apply(Self.dot(1, 1), .translation(dx: 0, dy: -1)) == Self.dot(0, 1))
        // Off the edge: nothing comes back in.
        #expect(AffineWarp.apply(Self.dot(1, 2), .translation(dx: 1, dy: 0)).scalars.allSatisfy { $0 == 0 })
    }

    @Test func halfPixelShiftSplitsTheDot() {
        let out = AffineWarp.apply(Self.dot(1, 1), .translation(dx: 0.5, dy: 0))
        #expect(out.scalars[4] == 0.5 && out.scalars[5] == 0.5 && out.scalars.reduce(0, +) == 1)
    }

    @Test func ninetyDegreesCounterclockwiseTakesRightToTop() {
        let out = AffineWarp.apply(Self.dot(1, 2), .rotation(degrees: 90))
        #expect(out.scalars.map { ($0 * 1e5).rounded() / 1e5 } == Self.dot(0, 1).scalars)
        // A full turn is the identity; every plane of a batch turns alike.
        let batch = Tensor(shape: [2, 1, 3, 3], scalars: Self.dot(0, 0).scalars + Self.dot(2, 1).scalars)
        let turned = AffineWarp.apply(batch, .rotation(degrees: 360))
        #expect(zip(turned.scalars, batch.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func scalingAboutTheCentre() {
        // Doubling a 5×5 image moves a dot at offset (0, 1) from the centre to offset (0, 2).
        let out = AffineWarp.apply(Self.dot(2, 3, size: 5), .scaling(2))
        #expect(out.scalars[2 * 5 + 4] == 1)
        // The centre stays put, and scale 1 is the identity.
        #expect(AffineWarp.apply(Self.dot(2, 2, size: 5), .scaling(0.5)).scalars[12] == 1)
        #expect(AffineWarp.apply(Self.dot(0, 3, size: 5), .scaling(1)) == Self.dot(0, 3, size: 5))
    }
}
