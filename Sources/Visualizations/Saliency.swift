import NeuralNet
import Tensors

/// Image-specific class saliency (Simonyan, Vedaldi and Zisserman 2014):
/// how much each pixel's change would move the class score, taken as the
/// largest |∂S_c/∂x| over the pixel's channels.
///
/// S_c is the score before the softmax: differentiating the probability
/// would also credit pixels that lower the other classes, and the
/// gradient vanishes where the network is confident.
public enum Saliency {
    /// x (N, C, H, W) and one class per image → (N, H, W), each map ≥ 0.
    public static func maps(_ network: Network, images x: Tensor, classes: [Int]) throws(NetworkError) -> Tensor {
        let (batch, gradient) = try ScoreGradient.compute(network, images: x, classes: classes, rule: .gradient)
        let map = gradient.channelMaxAbs(count: batch.count, channels: batch.channels, plane: batch.plane)
        return Tensor(shape: [batch.count, batch.height, batch.width], scalars: map)
    }
}
