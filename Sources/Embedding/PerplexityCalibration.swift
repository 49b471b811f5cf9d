import Foundation

/// The Gaussian around each point, sized so that its neighbours'
/// conditional probabilities p(j|i) ∝ exp(−β d²ᵢⱼ) have entropy
/// log(perplexity): a dense region gets a narrow Gaussian, a sparse one a
/// wide one (van der Maaten and Hinton 2008, section 2).
///
/// The entropy H falls as β grows, with dH/dβ = −β·Var_p(d²). β is found in
/// Double by Newton steps on that derivative, kept inside a bracket that
/// every step narrows, and bisection (doubling until bracketed) whenever a
/// Newton step would leave it: a handful of steps instead of bisection's
/// forty, and never a wrong turn. It stops when the entropy is within
/// `tolerance` of the target. Distances are shifted by the row's smallest
/// before exponentiating, which the normalisation cancels, so no row
/// underflows to all zeros however far its neighbours are.
enum PerplexityCalibration {
    /// A tenth of the promised 1e-5, so recomputing the entropy from the
    /// rounded probabilities still lands within 1e-5.
    static let tolerance = 1e-6
    static let maxSteps = 200

    /// Writes p(j|i) for one row of squared distances into `p` (summing to
    /// 1) and returns the row's entropy in nats.
    @discardableResult
    static func row(_ d2: UnsafePointer<Double>, count: Int, perplexity: Double,
                    into p: UnsafeMutablePointer<Double>) -> Double {
        guard count > 0 else { return 0 }
        let target = log(perplexity)
        var nearest = Double.infinity
        for j in 0..<count { nearest = min(nearest, d2[j]) }
        var beta = 1.0, low = 0.0, high = Double.infinity
        var entropy = 0.0
        for _ in 0..<maxSteps {
            let (h, variance) = distribution(d2, count, nearest, beta, p)
            entropy = h
            let gap = entropy - target
            if abs(gap) < tolerance { break }
            if gap > 0 { low = beta } else { high = beta }  // too flat: β must grow
            let newton = beta + gap / (beta * variance)
            if newton > low, newton < high, newton.isFinite {
                beta = newton
            } else {
                beta = high.isFinite ? (low + high) / 2 : beta * 2
            }
            // Every distance equal (duplicates): the entropy is log(count)
            // whatever β is, and the bracket only shrinks without end.
            if high.isFinite && high - low <= 1e-15 * high || beta > 1e300 { break }
        }
        return entropy
    }

    /// p ∝ exp(−β (d² − nearest)), normalised; returns its entropy and the variance of d² under it.
    private static func distribution(_ d2: UnsafePointer<Double>, _ count: Int, _ nearest: Double, _ beta: Double,
                                     _ p: UnsafeMutablePointer<Double>) -> (Double, Double) {
        var sum = 0.0, first = 0.0, second = 0.0
        for j in 0..<count {
            let shifted = d2[j] - nearest
            let w = exp(-beta * shifted)
            p[j] = w
            sum += w
            first += w * shifted
            second += w * shifted * shifted
        }
        // sum ≥ 1: the nearest neighbour contributes exp(0).
        for j in 0..<count { p[j] /= sum }
        let mean = first / sum
        return (log(sum) + beta * mean, max(0, second / sum - mean * mean))
    }
}
