import NeuralNet
import Tensors

/// Networks small enough to work out by hand, with every weight set.
enum TinyNetworks {
    static func network(_ text: String, _ weights: [(layer: String, w: [Float], b: [Float])]) throws -> Network {
        var net = Network(try NetworkDescription.parse(text), seed: 0)
        for (layer, w, b) in weights {
            let shape = try net.weights(layer: layer).w.shape
            net = try net.replacingWeights(layer: layer, w: Tensor(shape: shape, scalars: w), b: Tensor(b))
        }
        return net
    }

    /// INPUT 2x2x1 -> CONV1-1 -> RELU -> FC-2 -> SOFTMAX: the convolution
    /// doubles each pixel, and class 0's score weighs the four ReLU outputs
    /// by w0 = [1, -3, 0.5, 4]. Class 1's row is there only to show that the
    /// methods follow the score, not the probability.
    static func doubling() throws -> Network {
        try network("INPUT 2x2x1 -> CONV1-1 -> RELU -> FC-2 -> SOFTMAX",
                    [("conv1", [2], [0]), ("fc1", [1, -3, 0.5, 4, 5, 6, -7, 8], [0, 0])])
    }

    /// The image the tests explain on `doubling()`: the conv gives 2, 2, -2, 2,
    /// so the ReLU is open at every pixel but the third.
    static let image = Tensor(shape: [1, 1, 2, 2], scalars: [1, 1, -1, 1])

    static func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }
}
