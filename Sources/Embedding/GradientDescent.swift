/// The t-SNE optimiser: momentum with per-coordinate gains (Jacobs's
/// delta-bar-delta, as van der Maaten's reference implementations use it).
///
///     gain ← gain + 0.2 if sign(g) ≠ sign(u), else gain · 0.8; at least 0.01
///     u    ← momentum · u − η · gain · g
///     y    ← y + u, then centred on the origin
///
/// A coordinate that keeps going downhill speeds up; one whose gradient
/// turned against its last step (it overshot) slows down. sign(0) is 0, so
/// the first step raises every gain.
/// Gains and velocities carry over from the early phase to the late one, as
/// in bhtsne and openTSNE. Centring changes no distance; it keeps the
/// quadtree's box and the coordinates' rounding from drifting.
struct GradientDescent {
    let position: Embedding2D
    let learningRate: Double
    private let gradient: Embedding2D
    private let velocity: Embedding2D
    private let gains: Embedding2D
    static let minimumGain = 0.01

    init(start: Embedding2D, learningRate: Double) {
        position = start
        self.learningRate = learningRate
        let n = start.count
        gradient = Embedding2D(count: n)
        velocity = Embedding2D(count: n)
        gains = Embedding2D(count: n)
        gains.x.fill(1)
        gains.y.fill(1)
    }

    /// One step; `compute(position, into)` writes the gradient.
    func step(momentum: Double, _ compute: (Embedding2D, Embedding2D) -> Void) {
        compute(position, gradient)
        let n = position.count
        for (y, g, u, gain) in [(position.x, gradient.x, velocity.x, gains.x), (position.y, gradient.y, velocity.y, gains.y)] {
            let yp = y.pointer, gp = g.pointer, up = u.pointer, kp = gain.pointer
            var sum = 0.0
            for i in 0..<n {
                let flipped = (gp[i] > 0 ? 1 : gp[i] < 0 ? -1 : 0) != (up[i] > 0 ? 1 : up[i] < 0 ? -1 : 0)
                kp[i] = max(Self.minimumGain, flipped ? kp[i] + 0.2 : kp[i] * 0.8)
                up[i] = momentum * up[i] - learningRate * kp[i] * gp[i]
                yp[i] += up[i]
                sum += yp[i]
            }
            let mean = sum / Double(n)
            for i in 0..<n { yp[i] -= mean }
        }
    }

    var isFinite: Bool {
        for i in 0..<position.count where !position.x[i].isFinite || !position.y[i].isFinite { return false }
        return true
    }
}
