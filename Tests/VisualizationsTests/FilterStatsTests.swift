import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// Filter statistics on filters set by hand, with the values worked out in
/// the comments. 3×3 slices below are written row by row.
@Suite struct FilterStatsTests {
    // Zero-mean building blocks. ramp and its transpose are orthogonal:
    // Σ (j − 1)(i − 1) over the grid = (Σ (j − 1)) · (Σ (i − 1)) = 0.
    static let ramp: [Float] = [-1, 0, 1, -1, 0, 1, -1, 0, 1]
    static let vertical: [Float] = [-1, -1, -1, 0, 0, 0, 1, 1, 1]
    static let saddle: [Float] = [1, 0, -1, 0, 0, 0, -1, 0, 1]
    static let constant: [Float] = Array(repeating: 0.7, count: 9)
    static let checkerboard: [Float] = [1, -1, 1, -1, 1, -1, 1, -1, 1]
    static let blob: [Float] = [1, 2, 1, 2, 4, 2, 1, 2, 1]

    /// (filters, 1, 3, 3) from single-channel filters.
    static func filters(_ fs: [[Float]]) -> Tensor {
        Tensor(shape: [fs.count, 1, 3, 3], scalars: fs.flatMap { $0 })
    }

    @Test func identicalAndNegatedFiltersCorrelateFully() throws {
        // Every pair is a copy or a sign flip: |r| = 1 for all three pairs.
        let stats = try FilterStats(weights: Self.filters([Self.ramp, Self.ramp, Self.ramp.map { -$0 }]))
        #expect(abs(stats.correlation - 1) < 1e-6)
        #expect(stats.filters == 3)
    }

    @Test func orthogonalFiltersDoNotCorrelate() throws {
        #expect(abs(try FilterStats(weights: Self.filters([Self.ramp, Self.vertical])).correlation) < 1e-6)
        // [ramp, vertical, ramp]: pairs 0, 1, 0, so the mean is 1/3.
        let mixed = try FilterStats(weights: Self.filters([Self.ramp, Self.vertical, Self.ramp]))
        #expect(abs(mixed.correlation - 1.0 / 3) < 1e-6)
    }

    @Test func constantFiltersAreLeftOutOfThePairs() throws {
        // A constant has no variance: only the (ramp, ramp) pair counts.
        let stats = try FilterStats(weights: Self.filters([Self.ramp, Self.constant, Self.ramp]))
        #expect(abs(stats.correlation - 1) < 1e-6)
        // Nothing left to pair: 0 by definition.
        #expect(try FilterStats(weights: Self.filters([Self.constant, Self.constant])).correlation == 0)
        #expect(try FilterStats(weights: Self.filters([Self.ramp])).correlation == 0)
    }

    @Test func smoothFiltersAreNotRough() throws {
        // A constant is the DCT's (0, 0) alone; for k = 3 the ramp is exactly
        // basis 1 (cos 30°, cos 90°, cos 150° ∝ (1, 0, −1)), so (0, 1); the
        // saddle is (1, 1). All inside the low block u, v ≤ 1.
        for f in [Self.constant, Self.ramp, Self.vertical, Self.saddle] {
            #expect(try FilterStats(weights: Self.filters([f])).roughness < 1e-9, "\(f)")
        }
    }

    @Test func theBlobAndTheCheckerboardScoreAsWorkedOut() throws {
        // [1 2 1] has energy 6: 16/3 at u = 0, 0 at u = 1, 2/3 at u = 2, so
        // 8/9 of it is low. The blob is [1 2 1] ⊗ [1 2 1]: (8/9)² low, 17/81 rough.
        #expect(abs(try FilterStats(weights: Self.filters([Self.blob])).roughness - 17.0 / 81) < 1e-9)
        // [1 −1 1]: 1/3 at u = 0, 0 at u = 1, 8/3 at u = 2: 1/9 low; the
        // checkerboard is (1/9)² low, 80/81 rough.
        #expect(abs(try FilterStats(weights: Self.filters([Self.checkerboard])).roughness - 80.0 / 81) < 1e-9)
    }

    @Test func roughnessPoolsEnergyOverSlices() throws {
        // One filter, two channels of energy 9 each: the constant 1 (all
        // low) and the checkerboard (80/81 high): (80/81 · 9) / 18 = 40/81.
        let w = Tensor(shape: [1, 2, 3, 3], scalars: Array(repeating: 1, count: 9) + Self.checkerboard)
        #expect(abs(try FilterStats(weights: w).roughness - 40.0 / 81) < 1e-9)
        // Scaling a filter changes neither number.
        let scaled = Tensor(shape: [1, 2, 3, 3], scalars: w.scalars.map { $0 * 40 })
        #expect(abs(try FilterStats(weights: scaled).roughness - 40.0 / 81) < 1e-9)
    }

    @Test func whiteNoiseIsRough() throws {
        // The DCT is orthonormal, so white noise spreads its energy evenly
        // over the k² coefficients: the share above half Nyquist is the
        // share of such coefficients, 5/9 for 3×3 and 16/25 for 5×5.
        for (k, expected) in [(3, 5.0 / 9), (5, 16.0 / 25)] {
            let noise = try Tensor.normal(shape: [500, 4, k, k], seed: 7)
            let stats = try FilterStats(weights: noise)
            #expect(abs(stats.roughness - expected) < 0.02, "k = \(k): \(stats.roughness)")
            // Independent filters: |r| averages about √(2/π)/√(C·k·k), small.
            #expect(stats.correlation < 0.3)
        }
    }

    @Test func oneByOneFiltersHaveNoRoughness() throws {
        #expect(try FilterStats(weights: Tensor(shape: [3, 2, 1, 1], scalars: [1, -2, 3, 4, -5, 6])).roughness == 0)
        #expect(try FilterStats(weights: Tensor(shape: [2, 1, 3, 3], scalars: Array(repeating: 0, count: 18))).roughness == 0)
    }

    @Test func aConvolutionOfANetworkIsReadByName() throws {
        let net = try Network(NetworkDescription.parse("INPUT 5x5x1 -> CONV3-2 -> RELU -> FC-2"), seed: 0)
            .replacingWeights(layer: "conv1", w: Self.filters([Self.ramp, Self.ramp]), b: nil)
        let stats = try FilterStats(network: net, layer: "CONV1")
        #expect(abs(stats.correlation - 1) < 1e-6 && stats.roughness < 1e-9)
        #expect(throws: NetworkError.self) { try FilterStats(network: net, layer: "fc1") }
        let error = #expect(throws: NetworkError.self) { try FilterStats(network: net, layer: "relu1") }
        #expect(error?.message == "'relu1' is not a convolution; filter statistics need a CONV layer (conv1)")
    }

    @Test func badShapesAndNonFiniteWeightsAreReported() throws {
        #expect(throws: NetworkError.self) { try FilterStats(weights: Tensor(shape: [2, 9], scalars: Array(repeating: 1, count: 18))) }
        #expect(throws: NetworkError.self) { try FilterStats(weights: Tensor(shape: [1, 1, 2, 3], scalars: Array(repeating: 1, count: 6))) }
        var w = Self.filters([Self.ramp, Self.blob])
        w.scalars[4] = .nan
        let stats = try FilterStats(weights: w)
        #expect(stats.correlation.isNaN && stats.roughness.isNaN)
    }
}
