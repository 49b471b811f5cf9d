import Tensors
import Testing
@testable import NeuralNet

/// `inputGradient(_:layers:seeds:)`: one backward pass seeded at several
/// layers gives what separate passes, one a layer, add up to.
@Suite struct LayerSeedsTests {
    static let network = Network(try! NetworkDescription.parse(
        "INPUT 6x6x2 -> CONV3-3 -> RELU -> POOL2 -> CONV3-4 -> RELU -> FC-5 -> SOFTMAX"), seed: 2)

    static func close(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) }
    }

    @Test func severalSeedsEqualTheSumOfSinglePasses() throws {
        let x = try Tensor.uniform(shape: [3, 2, 6, 6], seed: 4)
        let layers = [1, 4, 5, -1]
        let seeds = try layers.enumerated().map { i, layer in
            try Tensor.normal(shape: [3] + Self.network.outputShape(ofLayer: layer), seed: UInt64(10 + i))
        }
        var seen: [[Int]] = []
        let (outputs, gradient) = try Self.network.inputGradient(x, layers: layers) { outputs in
            seen = outputs.map(\.shape)
            return seeds
        }
        #expect(seen == layers.map { [3] + Self.network.outputShape(ofLayer: $0) })
        #expect(outputs[2] == (try Self.network.forward(x, through: 5)))
        var expected = seeds[3].scalars  // the input's own seed passes straight through
        for (layer, seed) in zip(layers, seeds) where layer >= 0 {
            let single = try Self.network.inputGradient(x, layer: layer, seed: seed).gradient.scalars
            expected = zip(expected, single).map(+)
        }
        #expect(Self.close(gradient.scalars, expected))
    }

    @Test func aLayerListedTwiceGetsBothSeeds() throws {
        let x = try Tensor.uniform(shape: [1, 2, 6, 6], seed: 5)
        let seed = try Tensor.normal(shape: [1, 5], seed: 1)
        let twice = try Self.network.inputGradient(x, layers: [5, 5]) { _ in [seed, seed] }.gradient
        let once = try Self.network.inputGradient(x, layer: 5, seed: seed).gradient
        #expect(Self.close(twice.scalars, once.scalars.map { 2 * $0 }))
    }

    @Test func badLayersAndSeedsAreErrors() throws {
        let x = try Tensor.uniform(shape: [1, 2, 6, 6], seed: 5)
        #expect(throws: NetworkError.self) { try Self.network.inputGradient(x, layers: []) { _ in [] } }
        #expect(throws: NetworkError.self) { try Self.network.inputGradient(x, layers: [7]) { $0 } }
        #expect(throws: NetworkError.self) { try Self.network.inputGradient(x, layers: [2]) { _ in [Tensor([1])] } }
        #expect(throws: NetworkError.self) { try Self.network.inputGradient(x, layers: [2, 3]) { [$0[0]] } }
    }
}
