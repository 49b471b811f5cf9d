import Foundation
import Tensors

/// Mahendran and Vedaldi's α-norm prior, ‖x‖_α^α = Σ |x_i|^α: with a large
/// α (they use 6) it costs almost nothing inside the image's range and
/// rises steeply beyond it, so it keeps a reconstruction from drifting to
/// extreme pixel values without pulling ordinary ones to zero.
public struct AlphaNorm: ImagePrior, Equatable {
    public let alpha: Float

    public init(alpha: Float = 6) { self.alpha = alpha }

    /// Each image's value; adds weight · the gradient (α |x|^(α−1) sign(x)) into `gradient` when given.
    public func run(_ x: Tensor, weight: Float, gradient: UnsafeMutablePointer<Float>?) -> [Float] {
        let n = x.shape.first ?? 0, per = n == 0 ? 0 : x.count / n
        let a = Double(alpha)
        var values = [Float](repeating: 0, count: n)
        x.scalars.withUnsafeBufferPointer { v in
            for e in 0..<n {
                var total = 0.0
                for i in (e * per)..<((e + 1) * per) {
                    let m = Double(abs(v[i]))
                    guard m > 0 else { continue }
                    let power = Foundation.pow(m, a - 1)
                    total += power * m
                    if let gradient { gradient[i] += weight * Float(a * power) * (v[i] < 0 ? -1 : 1) }
                }
                values[e] = Float(total)
            }
        }
        return values
    }
}
