import Foundation
import Tensors

/// Mahendran and Vedaldi's total-variation prior, which favours images made
/// of smooth patches over pixel noise:
///
///     TV_β(x) = Σ over channels and pixels (i, j) of
///               ((x[i, j+1] − x[i, j])² + (x[i+1, j] − x[i, j])²)^(β/2)
///
/// where a difference that would leave the image counts as 0. β = 2 is the
/// smooth quadratic; β = 1 is the classic TV that keeps sharp edges (its
/// gradient is taken as 0 where both differences are 0).
public struct TotalVariation: ImagePrior, Equatable {
    public let beta: Float

    public init(beta: Float = 2) { self.beta = beta }

    /// Each image's value; adds weight · the gradient (∂TV/∂x) into `gradient` when given.
    public func run(_ x: Tensor, weight: Float, gradient: UnsafeMutablePointer<Float>?) -> [Float] {
        let (n, planes, h, w) = PlaneLayout.dims(x)
        var values = [Float](repeating: 0, count: n)
        let half = beta / 2
        x.scalars.withUnsafeBufferPointer { all in
            for p in 0..<(n * planes) {
                let src = all.baseAddress! + p * h * w, dst = gradient.map { $0 + p * h * w }
                var total: Float = 0
                for i in 0..<h {
                    for j in 0..<w {
                        let v = src[i * w + j]
                        let right = j + 1 < w ? src[i * w + j + 1] - v : 0
                        let down = i + 1 < h ? src[(i + 1) * w + j] - v : 0
                        let s = right * right + down * down
                        guard s > 0 else { continue }
                        total += half == 1 ? s : Float(Foundation.pow(Double(s), Double(half)))
                        guard let dst else { continue }
                        // d(s^(β/2))/ds = (β/2) s^(β/2 − 1); ds/d(right) = 2 right, and so on.
                        let slope = weight * 2 * (half == 1 ? 1 : half * Float(Foundation.pow(Double(s), Double(half - 1))))
                        dst[i * w + j] -= slope * (right + down)
                        if j + 1 < w { dst[i * w + j + 1] += slope * right }
                        if i + 1 < h { dst[(i + 1) * w + j] += slope * down }
                    }
                }
                values[p / planes] += total
            }
        }
        return values
    }
}
