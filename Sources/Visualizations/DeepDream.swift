import Foundation
import NeuralNet
import Tensors

/// Mordvintsev, Olah and Tyka's DeepDream: raise ½‖a‖² of a layer (or of one
/// of its feature maps) by normalised gradient steps with random jitter, so
/// whatever the layer half-sees in the image is drawn more strongly.
///
/// The original runs octaves: the image at a coarse scale first, then finer.
/// A network with FC layers takes one input size only, so here octave k
/// (of K, with ratio `scale`) computes its steps at 1/scale^(K−1−k) of the
/// image's size and brings them back up: the first octaves paint coarse
/// blobs, the last adds pixel-level detail, and the image keeps its size.
public enum DeepDream {
    public struct Result: Sendable {
        public let images: Tensor
        /// (octaves · steps) × N: −½‖a‖² at each step.
        public let loss: Tensor
        /// ‖a‖ of each image before and after.
        public let normBefore: [Float], normAfter: [Float]
    }

    /// `optimizer` gives η, the jitter, the box and the seed; its `steps`
    /// are per octave.
    public static func run(_ network: Network, images x: Tensor, layer: Int, channel: Int? = nil, octaves: Int,
                           scale: Float, optimizer: InputOptimizer,
                           checkpoint: (() throws -> Void)? = nil) throws -> Result {
        _ = try ImageBatch(x, network: network)
        let objective = try ActivationNorm(network, layer: layer, channel: channel)
        let before = objective.norms(try network.forward(x, through: layer))
        var image = x, loss: [Float] = []
        for octave in 0..<max(1, octaves) {
            var settings = optimizer
            settings.resolution = pow(scale, Float(max(1, octaves) - 1 - octave))
            settings.seed = RandomStream.seed(combining: optimizer.seed, UInt64(octave))
            let result = try settings.run(network, from: image, objective: objective, checkpoint: checkpoint)
            image = result.images
            loss += result.objective.scalars
        }
        let after = objective.norms(try network.forward(image, through: layer))
        return Result(images: image, loss: Tensor(shape: [loss.count / max(x.shape[0], 1), x.shape[0]], scalars: loss),
                      normBefore: before, normAfter: after)
    }
}
