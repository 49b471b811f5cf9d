import Foundation
import Tensors

/// A Gaussian blur of every plane, applied to the image every few steps: it
/// damps the highest frequencies, which carry most of the gradient's noise
/// and little of what a person recognizes (Yosinski et al. 2015). Separable
/// (a row pass, then a column pass); pixels beyond the border repeat the
/// edge, so a uniform image stays unchanged.
public struct GaussianBlur: Sendable, Equatable {
    public let sigma: Float
    /// The normalized weights at offsets −r...r, r = ⌈3σ⌉.
    let weights: [Float]

    public init(sigma: Float) {
        self.sigma = sigma
        guard sigma > 0 else { weights = [1]; return }
        let r = Int((3 * sigma).rounded(.up))
        let raw = (-r...r).map { Foundation.exp(-Float($0 * $0) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
    }

    /// x: N × C × H × W (or any batch of planes), blurred.
    public func apply(_ x: Tensor) -> Tensor {
        guard weights.count > 1 else { return x }
        let (n, planes, h, w) = PlaneLayout.dims(x)
        var rows = [Float](repeating: 0, count: x.count), out = rows
        let r = weights.count / 2
        x.scalars.withUnsafeBufferPointer { src in
            rows.withUnsafeMutableBufferPointer { mid in
                out.withUnsafeMutableBufferPointer { dst in
                    for p in 0..<(n * planes) {
                        let base = p * h * w
                        for i in 0..<h {
                            for j in 0..<w {
                                var s: Float = 0
                                for k in -r...r { s += weights[k + r] * src[base + i * w + min(max(j + k, 0), w - 1)] }
                                mid[base + i * w + j] = s
                            }
                        }
                        for i in 0..<h {
                            for j in 0..<w {
                                var s: Float = 0
                                for k in -r...r { s += weights[k + r] * mid[base + min(max(i + k, 0), h - 1) * w + j] }
                                dst[base + i * w + j] = s
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: x.shape, scalars: out)
    }
}
