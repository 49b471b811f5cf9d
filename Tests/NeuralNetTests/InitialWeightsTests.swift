import Testing
import Tensors
@testable import NeuralNet

/// A layer's starting weights depend on the seed and the layer itself
/// (name, token, input shape), never on where it sits among the others.
struct InitialWeightsTests {
    static func network(_ text: String, seed: UInt64 = 1) throws -> Network {
        Network(try NetworkDescription.parse(text), seed: seed)
    }

    @Test func addingALayerWithoutWeightsChangesNoOtherLayer() throws {
        let plain = try Self.network("INPUT 8x8x1 -> CONV3-4 -> RELU -> FC-16 -> RELU -> FC-3 -> SOFTMAX")
        let dropout = try Self.network("INPUT 8x8x1 -> CONV3-4 -> RELU -> DROPOUT-0.5 -> FC-16 -> RELU -> DROPOUT-0.5 -> FC-3 -> SOFTMAX")
        for layer in ["conv1", "fc1", "fc2"] {
            #expect(try plain.weights(layer: layer).w == dropout.weights(layer: layer).w, "\(layer)")
        }
    }

    @Test func aLayerWhoseInputChangesIsDrawnAfresh() throws {
        let narrow = try Self.network("INPUT 8x8x1 -> CONV3-4 -> RELU -> FC-16 -> FC-3")
        let wide = try Self.network("INPUT 8x8x1 -> CONV3-8 -> RELU -> FC-16 -> FC-3")
        #expect(try narrow.weights(layer: "fc2").w == wide.weights(layer: "fc2").w)
        // fc1 reads 4 channels in one and 8 in the other: no shared draw to keep.
        #expect(try narrow.weights(layer: "fc1").w.shape != wide.weights(layer: "fc1").w.shape)
    }

    @Test func layersOfOneNetworkAndSeedsDrawDifferentNumbers() throws {
        let net = try Self.network("INPUT 16 -> FC-16 -> FC-16 -> FC-16")
        let w1 = try net.weights(layer: "fc1").w, w2 = try net.weights(layer: "fc2").w
        #expect(w1 != w2)  // same token and shape, different names
        #expect(try Self.network("INPUT 16 -> FC-16 -> FC-16 -> FC-16", seed: 2).weights(layer: "fc1").w != w1)
    }
}
