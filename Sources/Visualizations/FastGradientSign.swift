import NeuralNet
import Tensors

/// Goodfellow, Shlens and Szegedy's fast gradient sign method: one step of
/// size ε along the sign of the gradient of the loss for the true label,
///
///     x_adv = clip(x + ε · sign(∇_x −log p_label(x)), 0, 1).
///
/// Every pixel moves by exactly ε (less where the box cuts it off, none
/// where the gradient is 0), so ‖x_adv − x‖∞ ≤ ε, and a network that is
/// nearly linear in its input loses most where many small moves add up.
/// The sign does not depend on ε, so one backward pass serves every ε.
public enum FastGradientSign {
    /// sign(∇_x −log p_label) for each image (N × C × H × W, values −1, 0, 1),
    /// a chunk of images per backward pass.
    public static func direction(_ network: Network, images x: Tensor, labels: [Int],
                                 checkpoint: (() throws -> Void)? = nil) throws -> Tensor {
        let batch = try ImageBatch(x, network: network)
        try batch.check(classes: labels, outputs: network.outputShape(ofLayer: max(network.scoreLayer, 0)).reduce(1, *))
        var signs = [Float]()
        signs.reserveCapacity(x.count)
        for lo in stride(from: 0, to: batch.count, by: ImageBatch.chunk) {
            try checkpoint?()
            let range = lo..<min(batch.count, lo + ImageBatch.chunk)
            let objective = try ClassObjective(network, quantity: .logProbability, classes: Array(labels[range]))
            let (_, g) = try network.objectiveGradient(batch.slice(x, range), objective)
            signs += g.scalars.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }
        }
        return Tensor(shape: x.shape, scalars: signs)
    }

    /// clip(x + ε · direction, box): the adversarial images for one ε (any
    /// direction of ±1s, so random sign noise goes through the same door).
    public static func perturb(_ x: Tensor, direction: Tensor, eps: Float, box: ClosedRange<Float> = 0...1) -> Tensor {
        var out = x.scalars
        direction.scalars.withUnsafeBufferPointer { d in
            for i in 0..<out.count {
                let start = out[i]
                var moved = min(max(start + eps * d[i], box.lowerBound), box.upperBound)
                // Rounding can land a hair beyond ε; step back so |δ| ≤ ε holds exactly.
                while abs(moved - start) > eps { moved = moved > start ? moved.nextDown : moved.nextUp }
                out[i] = moved
            }
        }
        return Tensor(shape: x.shape, scalars: out)
    }

    /// Random signs (±1, each with probability ½), drawn from `seed`: the
    /// baseline perturbation of the same size that knows nothing of the network.
    public static func randomSigns(shape: [Int], seed: UInt64) throws -> Tensor {
        let stream = RandomStream(seed: seed)
        let count = try Tensor.checkedCount(shape)
        return Tensor(shape: shape, scalars: (0..<count).map { stream.value(at: UInt64($0)) >> 63 == 0 ? -1 : 1 })
    }
}
