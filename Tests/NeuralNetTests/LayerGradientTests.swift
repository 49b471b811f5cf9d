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
        /// Standard deviation of the inputs. At 0.5 the Float32 noise in the
        /// loss (about 1e-7 of the scores, over 2h) and the O(h²) truncation
        /// of the default step both stay a few times below the tolerance:
        /// every case here checks to about 5e-3 or better on each of seeds 1...40.
        var scale: Float = 0.5
        var epsilon: Float = 1e-2
        var seed: UInt64 = 7
        var testDescription: String { "\(network) [\(loss.rawValue)\(targets ? ", targets" : "")]" }
    }

    /// One layer each, straight into the loss (cross-entropy applies its own
    /// softmax when the network has none), so a wrong backward cannot hide
    /// behind another layer's. ReLU and max pooling need no special inputs:
    /// `gradientCheck` replaces values whose step straddles a kink.
    static let layers: [Case] = [
        Case(network: "INPUT 6x6x2 -> CONV3-3"),
        Case(network: "INPUT 7x7x2 -> CONV3-3/2/0"),
        Case(network: "INPUT 6x6x2 -> CONV2-3/2"),
        Case(network: "INPUT 6x6x2 -> CONV5-3/1/2"),
        Case(network: "INPUT 5x5x3 -> CONV1-2"),
        Case(network: "INPUT 6x6x2 -> POOL2"),
        Case(network: "INPUT 7x7x2 -> POOL3/2"),
        Case(network: "INPUT 6x6x2 -> AVGPOOL2"),
        Case(network: "INPUT 7x7x2 -> AVGPOOL3/2"),
        Case(network: "INPUT 4x4x2 -> FC-5"),
        Case(network: "INPUT 6 -> FC-4"),
        Case(network: "INPUT 3x3x2 -> RELU"),
        Case(network: "INPUT 3x3x2 -> TANH"),
        Case(network: "INPUT 3x3x2 -> SIGMOID"),
        // AlexNet's α = 1e-4 makes the cross-channel term vanish for unit
        // inputs; at ~40 it is a fifth of the gradient, and 7 channels give
        // windows cut at both ends as well as whole ones. MSE keeps every
        // output's gradient large, and a step of 1 (small beside the inputs)
        // keeps the Float32 noise of outputs near 15 below the tolerance.
        Case(network: "INPUT 2x2x7 -> LRN", loss: .mse, targets: true, scale: 40, epsilon: 1),
        Case(network: "INPUT 5 -> SOFTMAX", loss: .mse, targets: true),
        Case(network: "INPUT 6 -> DROPOUT-0.5"),
        Case(network: "INPUT 4x4x2 -> DROPOUT-0.3 -> FC-3"),
    ]

    /// The losses, and the layers composed.
    static let networks: [Case] = [
        Case(network: "INPUT 4x4x2 -> FC-5 -> SOFTMAX"),
        Case(network: "INPUT 4x4x2 -> FC-5"),
        // Cross-entropy starts below a final SOFTMAX, even when it is the only layer.
        Case(network: "INPUT 5 -> SOFTMAX"),
        Case(network: "INPUT 4x4x2 -> FC-5", loss: .mse),
        Case(network: "INPUT 4x4x2 -> FC-5", loss: .mse, targets: true),
        Case(network: "INPUT 4x4x2 -> FC-5 -> SIGMOID", loss: .mse, targets: true),
        Case(network: "INPUT 4x4x2 -> FC-5 -> SOFTMAX", loss: .mse),
        Case(network: "INPUT 6x6x6 -> CONV3-5 -> TANH -> LRN -> AVGPOOL2 -> FC-4 -> SIGMOID -> FC-3"),
        Case(network: "INPUT 5x5x2 -> CONV3-6 -> RELU -> LRN -> POOL3/2 -> FC-4 -> RELU -> DROPOUT-0.5 -> FC-3 -> SOFTMAX"),
        // Zero biases put many ReLU inputs and pooling runners-up within a
        // step of switching, so many values are replaced (see
        // `gradientCheck`); inputs of 0.1 keep the scores, and with them
        // the noise, small enough that every seed of 1...40 checks to 3e-3.
        Case(network: "INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> CONV3-8 -> RELU -> POOL2"
                 + " -> FC-16 -> RELU -> FC-10 -> SOFTMAX", batch: 2, scale: 0.1),
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

    /// The budget is spread over conv1's weights and biases, fc1's, and the
    /// input, smallest groups filled first; each group gets one at least.
    @Test func gradientCheckSharesItsBudget() throws {
        let net = try Batches.network("INPUT 6x6x2 -> CONV3-3 -> TANH -> FC-4")
        let images = try Batches.images(for: net, batch: 2, seed: 1)
        let labels = Batches.labels(for: net, batch: 2, seed: 1)
        let result = try net.gradientCheck(images: images, labels: labels, samples: 20)
        #expect(result.perLayer.map(\.layer) == ["conv1", "fc1", "input"])
        #expect(result.checked == 20 && result.skipped == 0)
        // conv1: its 3 biases and 4 weights; fc1: 4 biases and 5 weights; 4 inputs.
        #expect(result.perLayer.map(\.checked) == [3 + 4, 5 + 4, 4])
        #expect(Network.shares([54, 3, 432, 4, 144], budget: 20) == [4, 3, 5, 4, 4])
        #expect(Network.shares([54, 3, 432, 4, 144], budget: 2) == [1, 1, 1, 1, 1])
        let again = try net.gradientCheck(images: images, labels: labels, samples: 20)
        #expect(again.maxRelativeError == result.maxRelativeError)
    }

    @Test func gradientCheckRejectsBadArguments() throws {
        let net = try Batches.network("INPUT 4 -> FC-2")
        let images = try Tensor.normal(shape: [2, 4], seed: 1)
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: images, labels: [0, 1], samples: 0) }
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: images, labels: [0, 1], epsilon: 0) }
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: images, labels: [0, 1], epsilon: .nan) }
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: images, labels: [0, 3]) }
        let wrong = try Tensor.normal(shape: [2, 5], seed: 1)
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: wrong, labels: [0, 1]) }
        let empty = Tensor(shape: [0, 4], scalars: [])
        #expect(throws: NetworkError.self) { try net.gradientCheck(images: empty, labels: []) }
    }

    @Test func relativeErrorIsAbsoluteBelowTheFloor() {
        #expect(Network.relativeError(0, 1e-6) == 1e-3)
        #expect(abs(Network.relativeError(2, 2.02) - 0.02 / 2.02) < 1e-12)
        #expect(Network.relativeError(-1, 1) == 2)
        #expect(Network.worse(0.1, .nan).isNaN && Network.worse(.nan, 0.1).isNaN)
    }
}
