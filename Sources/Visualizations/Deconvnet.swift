import NeuralNet
import Tensors

/// Zeiler and Fergus's deconvnet projection (2014): what in the image one
/// unit of a layer responded to.
///
/// Forward to the layer, set every activation there to zero but the chosen
/// one (which keeps its value), and send that back down: unpool through the
/// forward pass's max-pooling switches, rectify at each ReLU (g·[g > 0],
/// with no mask from the forward pass), and filter with the transposed
/// filters. That is the network's backward pass with the `.deconv` ReLU
/// rule, so the deconvnet needs no second copy of the weights.
public enum Deconvnet {
    /// Which activation of the layer to keep.
    public enum Unit: Sendable, Equatable {
        /// Feature map (or FC output) `channel`, at its strongest activation
        /// in each image, as in the paper's figures. The first maximum in
        /// reading order wins ties.
        case strongest(channel: Int)
        /// Feature map `channel` at row `y`, column `x` of the layer's output.
        case at(channel: Int, y: Int, x: Int)
    }

    public struct Projection: Sendable {
        /// (N, C, H, W): the projection in pixel space, signed.
        public let image: Tensor
        /// The activation kept in each image, (N).
        public let activation: Tensor
        /// Where it was: row and column in the layer's output (0, 0 for a vector layer).
        public let positions: [(y: Int, x: Int)]
    }

    /// x (N, C, H, W); `layer` is an index into the network's layers.
    public static func project(_ network: Network, images x: Tensor, layer: Int,
                               unit: Unit) throws(NetworkError) -> Projection {
        let batch = try ImageBatch(x, network: network)
        guard layer >= 0, layer < network.layerCount else {
            throw NetworkError("layer index \(layer) is out of range: the network has \(network.layerCount) layers")
        }
        let shape = network.outputShape(ofLayer: layer)
        let (channels, height, width) = shape.count == 3 ? (shape[0], shape[1], shape[2]) : (shape[0], 1, 1)
        let plane = height * width
        let channel: Int
        switch unit {
        case let .strongest(c): channel = c
        case let .at(c, y, x):
            channel = c
            guard shape.count == 3 else { throw NetworkError("this layer's output is a vector, so a unit has no position") }
            guard (0..<height).contains(y), (0..<width).contains(x) else {
                throw NetworkError("position (\(y), \(x)) is outside the layer's \(height)×\(width) feature maps")
            }
        }
        guard (0..<channels).contains(channel) else {
            let what = shape.count == 3 ? "feature maps" : "outputs"
            throw NetworkError("unit \(channel) does not exist: the layer has \(channels) \(what), numbered 0 to \(channels - 1)")
        }
        var image = [Float](), kept = [Float](), positions: [(y: Int, x: Int)] = []
        image.reserveCapacity(x.count)
        for lo in stride(from: 0, to: batch.count, by: ImageBatch.chunk) {
            let range = lo..<min(batch.count, lo + ImageBatch.chunk)
            let part = batch.slice(x, range)
            let output = try network.forward(part, through: layer)
            var seed = [Float](repeating: 0, count: output.count)
            for n in 0..<range.count {
                let base = (n * channels + channel) * plane
                var best: Int
                if case let .at(_, y, x) = unit { best = y * width + x } else {
                    best = 0
                    for i in 1..<plane where output.scalars[base + i] > output.scalars[base + best] { best = i }
                }
                seed[base + best] = output.scalars[base + best]
                kept.append(output.scalars[base + best])
                positions.append((best / width, best % width))
            }
            let (_, g) = try network.inputGradient(part, layer: layer, seed: Tensor(shape: output.shape, scalars: seed),
                                                   rule: .deconv)
            image += g.scalars
        }
        return Projection(image: Tensor(shape: x.shape, scalars: image), activation: Tensor(kept), positions: positions)
    }
}
