import NeuralNet
import Tensors
import Testing
@testable import Visualizations

@Suite struct GuidedBackpropTests {
    @Test func dropsNegativeGradientThroughAnOpenReLU() throws {
        let net = try TinyNetworks.doubling()
        // At the ReLU the gradient of S_0 is w0 = [1, -3, 0.5, 4] and the
        // forward input is [2, 2, -2, 2]. Plain: w0 · [x > 0] = [1, -3, 0, 4];
        // guided also needs g > 0: [1, 0, 0, 4]. The conv doubles: [2, 0, 0, 8].
        // Pixel 1 is where they differ: its ReLU is open, its gradient negative.
        let guided = try GuidedBackprop.compute(net, images: TinyNetworks.image, classes: [0])
        #expect(guided.gradient.shape == [1, 1, 2, 2])
        #expect(guided.gradient.scalars == [2, 0, 0, 8])
        #expect(guided.map.shape == [1, 2, 2])
        #expect(guided.map.scalars == [2, 0, 0, 8])
        let plain = try Saliency.maps(net, images: TinyNetworks.image, classes: [0])
        #expect(plain.scalars == [2, 6, 0, 8])
    }

    @Test func keepsTheSignOfTheInputGradient() throws {
        // The rule acts at ReLUs only: with none, guided backprop is the plain,
        // signed gradient (here FC row 0, whose negative entries survive).
        let net = try TinyNetworks.network("INPUT 2x2x1 -> FC-2 -> SOFTMAX", [("fc1", [1, -2, 0, 3, 0, 0, 0, 0], [0, 0])])
        let r = try GuidedBackprop.compute(net, images: TinyNetworks.image, classes: [0])
        #expect(r.gradient.scalars == [1, -2, 0, 3])
        #expect(r.map.scalars == [1, 2, 0, 3])
    }

    @Test func batchesLikeOneImageAtATime() throws {
        let net = Network(try NetworkDescription.parse("INPUT 8x8x3 -> CONV3-4 -> RELU -> POOL2 -> FC-5 -> RELU -> FC-3 -> SOFTMAX"), seed: 7)
        let x = try Tensor.uniform(shape: [3, 3, 8, 8], seed: 5)
        let all = try GuidedBackprop.compute(net, images: x, classes: [2, 0, 1])
        let second = try GuidedBackprop.compute(net, images: Tensor(shape: [1, 3, 8, 8], scalars: Array(x.scalars[192..<384])),
                                                classes: [0])
        #expect(TinyNetworks.close(Array(all.gradient.scalars[192..<384]), second.gradient.scalars))
        #expect(TinyNetworks.close(Array(all.map.scalars[64..<128]), second.map.scalars))
    }
}
