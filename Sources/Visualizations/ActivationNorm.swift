import NeuralNet
import Tensors

/// DeepDream's objective: make a layer respond more strongly to whatever it
/// already sees. The value raised is ½‖a‖² (of one feature map, or of the
/// whole layer), whose gradient at the layer is the activations themselves:
/// "set the gradient to the activations" in the original recipe.
public struct ActivationNorm: InputObjective {
    public let layers: [Int]
    /// Only this feature map (or output, for a vector layer); nil for all.
    public let channel: Int?
    let channels: Int

    public init(_ network: Network, layer: Int, channel: Int? = nil) throws(NetworkError) {
        guard layer >= 0, layer < network.layerCount else {
            throw NetworkError("layer index \(layer) is out of range: the network has \(network.layerCount) layers")
        }
        let shape = network.outputShape(ofLayer: layer)
        if let channel, channel < 0 || channel >= shape[0] {
            throw NetworkError("unit \(channel) does not exist: the layer has \(shape[0]) units, numbered 0 to \(shape[0] - 1)")
        }
        layers = [layer]
        self.channel = channel
        channels = shape[0]
    }

    public func evaluate(_ outputs: [Tensor]) -> ObjectiveValue {
        let a = outputs[0], n = a.shape[0], per = n == 0 ? 0 : a.count / n, plane = per / channels
        var loss = [Float](repeating: 0, count: n)
        var seed = [Float](repeating: 0, count: a.count)
        for e in 0..<n {
            let range = channel.map { (e * per + $0 * plane)..<(e * per + ($0 + 1) * plane) } ?? (e * per)..<((e + 1) * per)
            var sum: Float = 0
            for i in range {
                sum += a.scalars[i] * a.scalars[i]
                seed[i] = -a.scalars[i]
            }
            loss[e] = -sum / 2
        }
        return ObjectiveValue(loss: loss, seeds: [Tensor(shape: a.shape, scalars: seed)])
    }

    /// ‖a‖ of each image (N values) from a layer's outputs, restricted to
    /// `channel` when given: what DeepDream raises, as a lesson reports it.
    public func norms(_ output: Tensor) -> [Float] {
        evaluate([output]).loss.map { (-2 * $0).squareRoot() }
    }
}
