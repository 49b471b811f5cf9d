import Foundation

/// Adam's running moments of the gradient, one pair per pixel (Kingma and
/// Ba 2015), for `InputOptimizer.Normalization.adam`: each pixel's step is
/// scaled by its own gradient history, so pixels the objective barely
/// touches still move, and steps shrink where the gradient keeps changing sign.
struct AdamMoments {
    var first: [Float], second: [Float]
    var count = 0

    init(count: Int) {
        first = [Float](repeating: 0, count: count)
        second = first
    }

    /// x ← x − η · m̂ / (√v̂ + ε), with the bias-corrected moments.
    mutating func step(_ x: inout [Float], gradient g: [Float], rate eta: Float, beta1: Float, beta2: Float = 0.999) {
        count += 1
        let c1 = 1 - Foundation.pow(beta1, Float(count)), c2 = 1 - Foundation.pow(beta2, Float(count))
        for i in 0..<x.count {
            first[i] = beta1 * first[i] + (1 - beta1) * g[i]
            second[i] = beta2 * second[i] + (1 - beta2) * g[i] * g[i]
            x[i] -= eta * (first[i] / c1) / ((second[i] / c2).squareRoot() + 1e-8)
        }
    }
}
