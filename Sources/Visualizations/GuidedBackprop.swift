import NeuralNet
import Tensors

/// Guided backpropagation (Springenberg et al. 2015): the saliency gradient,
/// except that every ReLU passes back only positive gradient through
/// positive inputs, g·[x > 0]·[g > 0]. Only what raises the class score
/// through active units survives, so the maps look like sharp edges of the
/// object, and (Adebayo et al. 2018) look much the same whatever the upper
/// layers' weights are: they show the image more than the decision.
public enum GuidedBackprop {
    public struct Result: Sendable {
        /// The signed gradient, (N, C, H, W): what Springenberg et al. show as an image.
        public let gradient: Tensor
        /// (N, H, W): the largest |gradient| over channels, the same
        /// reduction as `Saliency`, so the two maps compare like with like.
        public let map: Tensor
    }

    /// x (N, C, H, W) and one class per image.
    public static func compute(_ network: Network, images x: Tensor, classes: [Int]) throws(NetworkError) -> Result {
        let (batch, gradient) = try ScoreGradient.compute(network, images: x, classes: classes, rule: .guided)
        let map = gradient.channelMaxAbs(count: batch.count, channels: batch.channels, plane: batch.plane)
        return Result(gradient: Tensor(shape: x.shape, scalars: gradient),
                      map: Tensor(shape: [batch.count, batch.height, batch.width], scalars: map))
    }
}
