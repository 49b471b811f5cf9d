import NeuralNet
import Tensors

/// ∂S_c/∂x for a batch, S_c the class score before the softmax: what
/// saliency and guided backprop share. They differ only in the rule the
/// ReLUs send the gradient back with.
enum ScoreGradient {
    /// x (N, C, H, W), one class per image → (N, C, H, W), the gradient of
    /// each image's own class score. Seeding the score layer with a one-hot
    /// row per image gets all N gradients from one backward pass, since
    /// images in a batch do not mix.
    static func compute(_ network: Network, images x: Tensor, classes: [Int],
                        rule: ReLURule) throws(NetworkError) -> (batch: ImageBatch, gradient: [Float]) {
        let batch = try ImageBatch(x, network: network)
        let layer = network.scoreLayer
        guard layer >= 0 else { throw NetworkError("the network has no layer to take a class score from") }
        let outputs = network.outputShape(ofLayer: layer).reduce(1, *)
        try batch.check(classes: classes, outputs: outputs)
        var gradient = [Float]()
        gradient.reserveCapacity(x.count)
        for lo in stride(from: 0, to: batch.count, by: ImageBatch.chunk) {
            let range = lo..<min(batch.count, lo + ImageBatch.chunk)
            var seed = [Float](repeating: 0, count: range.count * outputs)
            for (row, image) in range.enumerated() { seed[row * outputs + classes[image]] = 1 }
            let (_, g) = try network.inputGradient(batch.slice(x, range), layer: layer,
                                                   seed: Tensor(shape: [range.count, outputs], scalars: seed), rule: rule)
            gradient += g.scalars
        }
        return (batch, gradient)
    }
}
