import NeuralNet
import Tensors

/// Mahendran and Vedaldi's inversion loss: how far an image's code at one
/// layer is from a target code Φ₀, relative to the target's size,
/// ‖Φ(x) − Φ₀‖² / ‖Φ₀‖². Relative, so one regulariser weight suits every
/// layer, and a value of 0.01 means the codes agree to 10% in norm.
public struct FeatureReconstruction: InputObjective {
    public let layers: [Int]
    /// N × the layer's shape: one target code per image.
    public let target: Tensor
    /// ‖Φ₀‖² of each image's target; 1 where the target is all zeros (a
    /// code of dead units), so the loss is then the plain squared norm.
    let norms: [Float]

    public init(layer: Int, target: Tensor) {
        layers = [layer]
        self.target = target
        let n = target.shape.first ?? 0, per = n == 0 ? 0 : target.count / n
        norms = (0..<n).map { e in
            let sum = target.scalars[(e * per)..<((e + 1) * per)].reduce(Float(0)) { $0 + $1 * $1 }
            return sum > 0 ? sum : 1
        }
    }

    public func evaluate(_ outputs: [Tensor]) -> ObjectiveValue {
        let phi = outputs[0], n = norms.count, per = n == 0 ? 0 : phi.count / n
        var loss = [Float](repeating: 0, count: n)
        var seed = [Float](repeating: 0, count: phi.count)
        phi.scalars.withUnsafeBufferPointer { p in
            target.scalars.withUnsafeBufferPointer { t in
                for e in 0..<n {
                    var sum: Float = 0
                    let scale = 2 / norms[e]
                    for i in (e * per)..<((e + 1) * per) {
                        let d = p[i] - t[i]
                        sum += d * d
                        seed[i] = scale * d
                    }
                    loss[e] = sum / norms[e]
                }
            }
        }
        return ObjectiveValue(loss: loss, seeds: [Tensor(shape: phi.shape, scalars: seed)])
    }
}
