import Testing
import Tensors
@testable import NeuralNet

/// The ways of running a network forward agree with each other: `forward`
/// on a batch, on one input, chunk by chunk, and through `inputGradient`.
@Suite struct InferenceTests {
    static let text = "INPUT 6x6x2 -> CONV3-3 -> RELU -> POOL2 -> FC-4 -> SOFTMAX"

    @Test func chunksConcatenateToTheWholeBatch() throws {
        let net = try Batches.network(Self.text)
        let x = try Batches.images(for: net, batch: 7, seed: 3)
        let layer = try net.layerIndex("pool1")
        let whole = try net.forward(x, through: layer)
        var pieces: [Float] = [], firsts: [Int] = []
        try net.forEachChunk(of: x, through: layer, chunk: 3) { first, count, output in
            firsts.append(first)
            #expect(output.count == count * 3 * 3 * 3)
            pieces += output
        }
        #expect(firsts == [0, 3, 6])
        #expect(pieces == whole.scalars)
    }

    @Test func chunkErrorsStopThePass() throws {
        struct Stop: Error {}
        let net = try Batches.network(Self.text)
        let x = try Batches.images(for: net, batch: 5, seed: 4)
        var calls = 0
        #expect(throws: Stop.self) {
            try net.forEachChunk(of: x, through: 0, chunk: 2) { _, _, _ in calls += 1; throw Stop() }
        }
        #expect(calls == 1)
        #expect(throws: NetworkError.self) { try net.forEachChunk(of: x, through: 9) { _, _, _ in } }
    }

    @Test func oneInputIsTheBatchOfOne() throws {
        let net = try Batches.network(Self.text)
        let x = try Batches.images(for: net, batch: 1, seed: 5)
        let single = try net.forward(Tensor(shape: net.inputShape, scalars: x.scalars))
        #expect(single.shape == [4])
        #expect(abs(single.scalars.reduce(0, +) - 1) < 1e-5)
        let batched = try net.forward(x)
        #expect(batched.shape == [1, 4])
        for (a, b) in zip(single.scalars, batched.scalars) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func inputGradientReturnsTheLayerOutput() throws {
        let net = try Batches.network(Self.text)
        let x = try Batches.images(for: net, batch: 2, seed: 6)
        let (output, gradient) = try net.inputGradient(x, layer: net.scoreLayer, seed: nil)
        let scores = try net.forward(x, through: net.scoreLayer)
        #expect(output.shape == scores.shape)
        for (a, b) in zip(output.scalars, scores.scalars) { #expect(abs(a - b) < 1e-5) }
        #expect(gradient.shape == x.shape)
        #expect(net.scoreLayer == net.layerCount - 2)
    }
}
