import Foundation
import Testing
@testable import Tensors

struct UnaryOpTests {
    static let x: [Float] = [-2.5, -0.5, 0, 0.5, 1.5, 4]

    @Test(arguments: [
        (UnaryOp.neg, [2.5, 0.5, 0, -0.5, -1.5, -4]),
        (.abs, [2.5, 0.5, 0, 0.5, 1.5, 4]),
        (.exp, UnaryOpTests.x.map { Foundation.exp($0) }),
        (.sqrt, [.nan, .nan, 0, 0.70710678, 1.22474487, 2]),
        (.sign, [-1, -1, 0, 1, 1, 1]),
        (.sigmoid, UnaryOpTests.x.map { 1 / (1 + Foundation.exp(-$0)) }),
        (.tanh, UnaryOpTests.x.map { Foundation.tanh($0) }),
        (.relu, [0, 0, 0, 0.5, 1.5, 4]),
        (.round, [-3, -1, 0, 1, 2, 4]),  // half away from zero
    ] as [(UnaryOp, [Float])])
    func everyOperation(op: UnaryOp, expected: [Float]) {
        let result = Tensor(shape: [2, 3], scalars: Self.x).apply(op)
        #expect(result.shape == [2, 3])
        #expect(close(result.scalars, expected), "\(op)")
    }

    @Test func logOfPositiveZeroAndNegative() {
        let r = Tensor([1, Float(M_E), 0, -1]).apply(.log)
        #expect(close(Array(r.scalars[0..<2]), [0, 1]))
        #expect(r.scalars[2] == -.infinity)
        #expect(r.scalars[3].isNaN)
    }

    @Test func sigmoidIsStableAtExtremes() {
        let r = Tensor([-1000, -100, 100, 1000]).apply(.sigmoid)
        #expect(r.scalars.allSatisfy { $0.isFinite })
        #expect(r.scalars[0] == 0)
        #expect(r.scalars[3] == 1)
    }

    @Test func nanSurvivesSignAndRelu() {
        #expect(Tensor([.nan]).apply(.sign).scalars[0].isNaN)
        #expect(Tensor([.nan]).apply(.relu).scalars[0].isNaN)
    }

    @Test func clipping() {
        let t = Tensor([-5, -1, 0, 1, 5, .nan])
        let c = t.clipped(min: -1, max: 2)
        #expect(Array(c.scalars[0..<5]) == [-1, -1, 0, 1, 2])
        #expect(c.scalars[5].isNaN)
        // NumPy's order: with min > max every value becomes max.
        #expect(Tensor([0, 10]).clipped(min: 5, max: 1).scalars == [1, 1])
    }
}
