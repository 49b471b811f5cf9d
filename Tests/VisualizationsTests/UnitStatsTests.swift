import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// Unit statistics on networks whose units are set by hand to copy an
/// input, to be dead, or to respond to the opposite of an input.
@Suite struct UnitStatsTests {
    /// FC-3 then ReLU on 2-vectors: unit 0 copies x₀, unit 1 copies x₁,
    /// unit 2 has zero weights and bias −1, so it is never active.
    static func vectorNet() throws -> Network {
        try Network(NetworkDescription.parse("INPUT 2 -> FC-3 -> RELU"), seed: 0)
            .replacingWeights(layer: "fc1", w: Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 0, 0]), b: Tensor([0, 0, -1]))
    }

    /// Samples (0, 0), (1, 1), (2, 0), (3, 1), repeated `times` times.
    static func samples(times: Int = 1) -> Tensor {
        let one: [Float] = [0, 0, 1, 1, 2, 0, 3, 1]
        return Tensor(shape: [4 * times, 2], scalars: Array(Array(repeating: one, count: times).joined()))
    }

    @Test func aVectorLayerMatchesTheHandCount() throws {
        // Unit 0 responds (0, 1, 2, 3), unit 1 (0, 1, 0, 1), unit 2 (0, 0, 0, 0).
        // dead: unit 2 of 3. sparsity: zeros 1 + 2 + 4 = 7 of 12 values.
        // correlation: unit 2 is constant and left out. Units 0 and 1:
        // deviations (−1.5, −.5, .5, 1.5) and (−.5, .5, −.5, .5); Σ products
        // = .75 − .25 − .25 + .75 = 1, Σ squares 5 and 1, so r = 1/√5.
        let stats = try UnitStats(network: Self.vectorNet(), images: Self.samples(), layer: 1)
        #expect(stats.units == 3 && stats.samples == 4)
        #expect(abs(stats.dead - 1.0 / 3) < 1e-12)
        #expect(abs(stats.sparsity - 7.0 / 12) < 1e-12)
        #expect(abs(stats.correlation - 1 / 5.0.squareRoot()) < 1e-6)
    }

    @Test func activeMeansAboveZeroSoTheLayerBeforeTheReLUAgrees() throws {
        // fc1's unit 2 outputs −1 everywhere: not active, as after the ReLU.
        // Correlation is the same: the ReLU changes no value of units 0 and 1.
        let before = try UnitStats(network: Self.vectorNet(), images: Self.samples(), layer: 0)
        let after = try UnitStats(network: Self.vectorNet(), images: Self.samples(), layer: 1)
        #expect(before == after)
    }

    @Test func statisticsDoNotDependOnHowTheSamplesAreChunked() throws {
        // 75 copies are 300 samples, two chunks of the scan; every share and
        // correlation is unchanged by repeating the set.
        let stats = try UnitStats(network: Self.vectorNet(), images: Self.samples(times: 75), layer: 1)
        #expect(stats.samples == 300)
        #expect(abs(stats.dead - 1.0 / 3) < 1e-12)
        #expect(abs(stats.sparsity - 7.0 / 12) < 1e-12)
        #expect(abs(stats.correlation - 1 / 5.0.squareRoot()) < 1e-6)
    }

    @Test func aConvolutionsUnitsAreItsChannels() throws {
        // 1×1 convolution, three channels over 2×2 images:
        //   channel 0 = relu(x), channel 1 = relu(x − 10) (dead on [0, 1]),
        //   channel 2 = relu(0.5 − x).
        let net = try Network(NetworkDescription.parse("INPUT 2x2x1 -> CONV1-3 -> RELU"), seed: 0)
            .replacingWeights(layer: "conv1", w: Tensor(shape: [3, 1, 1, 1], scalars: [1, 1, -1]), b: Tensor([0, -10, 0.5]))
        // Images: all 0; one corner 1; all 1.
        let images = Tensor(shape: [3, 1, 2, 2], scalars: [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1])
        // Inactive values: channel 0: 4 + 3 + 0; channel 1: 12; channel 2:
        // 0 + 1 + 4. That is 24 of 36. Channel 1 is dead: 1 of 3.
        // Spatial means: channel 0 (0, .25, 1), channel 2 (.5, .375, 0) =
        // .5 − .5 · channel 0, so |r| = 1; channel 1 is left out.
        let stats = try UnitStats(network: net, images: images, layer: 1)
        #expect(stats.units == 3)
        #expect(abs(stats.dead - 1.0 / 3) < 1e-12)
        #expect(abs(stats.sparsity - 24.0 / 36) < 1e-12)
        #expect(abs(stats.correlation - 1) < 1e-6)
    }

    @Test func noSamplesOrTheWrongShapeIsAnError() throws {
        let net = try Self.vectorNet()
        #expect(throws: NetworkError.self) { try UnitStats(network: net, images: Tensor(shape: [0, 2], scalars: []), layer: 1) }
        let error = #expect(throws: NetworkError.self) {
            try UnitStats(network: net, images: Tensor(shape: [2, 3], scalars: Array(repeating: 0, count: 6)), layer: 1)
        }
        #expect(error?.message == "the images must be N × (2) for this network's INPUT, got (2, 3)")
        #expect(throws: NetworkError.self) { try UnitStats(network: net, images: Self.samples(), layer: 5) }
    }

    @Test func aCheckpointCanStopTheScan() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try UnitStats(network: Self.vectorNet(), images: Self.samples(), layer: 1, checkpoint: { throw Stop() })
        }
    }
}
