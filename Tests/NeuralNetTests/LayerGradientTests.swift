import Testing
import Tensors
@testable import NeuralNet

/// Every layer's backward pass against central differences of its forward
/// pass, through `gradientCheck`: parameter and input gradients must agree
/// to a relative error below 1e-2 (with the 1e-3 floor of `relativeError`).
struct LayerGradientTests {
    static let tolerance = 1e-2

    struct Case: Sendable, CustomTestStringConvertible {
        let network: String
        var loss = Loss.crossEntropy
        /// MSE against random targets rather than one-hot labels.
        var targets = false
        var batch = 3
        /// Standard deviation of the inputs.
        var scale: Float = 1
        var epsilon: Float = 1e-2
        var seed: UInt64 = 7
        var testDescription: String { "\(network) [\(loss.rawValue)\(targets ? ", targets" : "")]" }
    }

    /// One layer each, straight into the loss (cross-entropy applies its own
    /// softmax when the network has none), so a wrong backward cannot hide
    /// behind another layer's.
    static let layers: [Case] = [
        Case(network: "INPUT 6x6x2 -> CONV3-3"),
        Case(network: "INPUT 7x7x2 -> CONV3-3/2/0"),
        Case(network: "INPUT 6x6x2 -> CONV2-3/2"),
        Case(network: "INPUT 6x6x2 -> CONV5-3/1/2"),
        Case(network: "INPUT 5x5x1 -> CONV1-2"),
        // Max pooling and ReLU have kinks; a step of 1e-3 stays clear of
        // them for these inputs (the seed is one where no two values of a
        // window, and no ReLU input, lie within 2e-3 of each other).
        Case(network: "INPUT 6x6x2 -> POOL2", epsilon: 1e-3),
        Case(network: "INPUT 7x7x2 -> POOL3/2", epsilon: 1e-3),
        Case(network: "INPUT 6x6x2 -> AVGPOOL2"),
        Case(network: "INPUT 7x7x2 -> AVGPOOL3/2"),
        Case(network: "INPUT 4x4x2 -> FC-5"),
        Case(network: "INPUT 6 -> FC-4"),
        Case(network: "INPUT 3x3x2 -> RELU", epsilon: 1e-3),
        Case(network: "INPUT 3x3x2 -> TANH"),
        Case(network: "INPUT 3x3x2 -> SIGMOID"),
        // AlexNet's α = 1e-4 makes the cross-channel term vanish for unit
        // inputs; inputs of size ~20 make it a third of the gradient, and 7
        // channels give windows that are cut at both ends and whole.
        Case(network: "INPUT 2x2x7 -> LRN", scale: 20),
        Case(network: "INPUT 5 -> SOFTMAX", loss: .mse, targets: true),
        Case(network: "INPUT 6 -> DROPOUT-0.5"),
        Case(network: "INPUT 4x4x2 -> DROPOUT-0.3 -> FC-3"),
    ]

    /// The losses, and the layers composed.
    static let networks: [Case] = [
        Case(network: "INPUT 4x4x2 -> FC-5 -> SOFTMAX"),
        Case(network: "INPUT 4x4x2 -> FC-5"),
        Case(network: "INPUT 5 -> SOFTMAX"),
        Case(network: "INPUT 4x4x2 -> FC-5", loss: .mse),
        Case(network: "INPUT 4x4x2 -> FC-5", loss: .mse, targets: true),
        Case(network: "INPUT 4x4x2 -> FC-5 -> SIGMOID", loss: .mse, targets: true),
        Case(network: "INPUT 4x4x2 -> FC-5 -> SOFTMAX", loss: .mse),
        Case(network: "INPUT 6x6x6 -> CONV3-5 -> TANH -> LRN -> AVGPOOL2 -> FC-4 -> SIGMOID -> FC-3", scale: 3),
        Case(network: "INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> CONV3-8 -> RELU -> POOL2"
                 + " -> FC-16 -> RELU -> FC-10 -> SOFTMAX", batch: 2, epsilon: 1e-3),
    ]

    @Test(arguments: layers + networks)
    func backwardMatchesCentralDifferences(_ c: Case) throws {
        let net = try Batches.network(c.network)
        let images = try Batches.images(for: net, batch: c.batch, seed: c.seed, std: c.scale)
        let labels = Batches.labels(for: net, batch: c.batch, seed: c.seed)
        let targets = c.targets ? try Batches.targets(for: net, batch: c.batch, seed: c.seed) : nil
        let result = try net.gradientCheck(images: images, labels: labels, loss: c.loss, targets: targets,
                                           epsilon: c.epsilon, seed: c.seed)
        let parametrized = net.layers.filter { $0.parameterCount > 0 }.map(\.spec.name)
        #expect(result.perLayer.map(\.layer) == parametrized + ["input"])
        #expect(result.perLayer.allSatisfy { $0.checked > 0 })
        for layer in result.perLayer {
            #expect(layer.maxRelativeError < Self.tolerance, "\(layer.layer): \(layer.maxRelativeError)")
        }
        #expect(result.maxRelativeError < Self.tolerance)
    }
}
