import Tensors

/// A penalty on an image that the input optimizer adds to its objective
/// (total variation, the α-norm): one value per image, and its gradient.
/// A prior writes one routine that does both, so the two never disagree.
public protocol ImagePrior: Sendable {
    /// Each image's value; adds weight · the gradient into `gradient` when given.
    func run(_ x: Tensor, weight: Float, gradient: UnsafeMutablePointer<Float>?) -> [Float]
}

extension ImagePrior {
    /// x: N × ... → one value per image.
    public func value(of x: Tensor) -> [Float] { run(x, weight: 0, gradient: nil) }

    /// The prior's gradient, shaped as x.
    public func gradient(of x: Tensor) -> Tensor {
        var g = [Float](repeating: 0, count: x.count)
        g.withUnsafeMutableBufferPointer { _ = run(x, weight: 1, gradient: $0.baseAddress!) }
        return Tensor(shape: x.shape, scalars: g)
    }
}
