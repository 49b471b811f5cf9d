import Foundation
import Testing
@testable import NeuralNet

/// The gates' exp, sigmoid and tanh against Foundation's, over the range a
/// pre-activation takes and past it (where they must saturate, not overflow).
struct VectorMathTests {
    static let points = stride(from: -100.0 as Float, through: 100, by: 0.01).map { $0 }

    @Test func expIsAccurateToAFewUlp() {
        for x in Self.points where x > -80 && x < 80 {
            let exact = Foundation.exp(Double(x))
            #expect(abs(Double(VectorMath.exp(x)) - exact) <= 4e-7 * exact, "exp(\(x))")
        }
        #expect(VectorMath.exp(-1000) >= 0 && VectorMath.exp(1000).isFinite)
    }

    @Test func sigmoidAndTanhAreAccurateAbsolutely() {
        for x in Self.points {
            let sigmoid = 1 / (1 + Foundation.exp(-Double(x)))
            #expect(abs(Double(VectorMath.sigmoid(x)) - sigmoid) <= 2e-7, "sigmoid(\(x))")
            #expect(abs(Double(VectorMath.tanh(x)) - Foundation.tanh(Double(x))) <= 3e-7, "tanh(\(x))")
        }
        #expect(VectorMath.tanh(1e6) == 1 && VectorMath.tanh(-1e6) == -1 && VectorMath.sigmoid(-1e6) >= 0)
    }
}
