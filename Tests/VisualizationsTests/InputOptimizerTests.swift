import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// The shared gradient-descent engine: it descends, keeps its box, is the
/// same bytes for the same seed, and its priors and options do what they say.
@Suite struct InputOptimizerTests {
    static let network = Network(try! NetworkDescription.parse(
        "INPUT 8x8x1 -> CONV3-4 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"), seed: 5)

    static func settings(seed: UInt64 = 1) -> InputOptimizer {
        var o = InputOptimizer()
        o.steps = 30
        o.learningRate = 0.05
        o.jitter = 1
        o.blurEvery = 5
        o.l2 = 0.01
        o.tvWeight = 0.01
        o.seed = seed
        return o
    }

    @Test func raisesTheClassScoreInsideTheBox() throws {
        let objective = try ClassObjective(Self.network, quantity: .score, classes: [0, 2])
        let start = try Tensor(repeating: 0.5, shape: [2, 1, 8, 8])
        let result = try Self.settings().run(Self.network, from: start, objective: objective)
        let before = try Self.network.objectiveValue(start, objective).loss
        #expect(zip(result.final.loss, before).allSatisfy { $0 < $1 })
        #expect(result.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(result.loss.shape == [30, 2] && result.objective.shape == [30, 2])
        #expect(result.final.seeds.isEmpty && result.finalLoss.count == 2)
        // The priors are added to the objective: loss ≥ objective.
        #expect(zip(result.loss.scalars, result.objective.scalars).allSatisfy { $0 >= $1 })
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let objective = try ClassObjective(Self.network, quantity: .logProbability, classes: [1])
        let start = try Tensor.uniform(shape: [1, 1, 8, 8], seed: 4)
        let a = try Self.settings(seed: 7).run(Self.network, from: start, objective: objective)
        let b = try Self.settings(seed: 7).run(Self.network, from: start, objective: objective)
        let c = try Self.settings(seed: 8).run(Self.network, from: start, objective: objective)
        #expect(a.images == b.images && a.loss == b.loss)
        #expect(a.images != c.images)  // another seed jitters differently
    }

    @Test func everyNormalizationDescends() throws {
        let target = try Self.network.forward(try Tensor.uniform(shape: [1, 1, 8, 8], seed: 9), through: 2)
        let objective = FeatureReconstruction(layer: 2, target: target)
        let start = try Tensor.uniform(shape: [1, 1, 8, 8], seed: 3)
        for normalization in [InputOptimizer.Normalization.none, .meanAbs, .rms, .adam] {
            var o = InputOptimizer()
            o.steps = 60
            o.normalization = normalization
            o.learningRate = normalization == .none ? 0.5 : 0.02
            o.finalLearningRate = o.learningRate / 10
            let result = try o.run(Self.network, from: start, objective: objective)
            #expect(result.final.loss[0] < result.objective.scalars[0] / 4, "\(normalization)")
        }
    }

    @Test func checkpointsCanStopARun() throws {
        struct Stop: Error {}
        var calls = 0
        let objective = try ClassObjective(Self.network, quantity: .score, classes: [0])
        #expect(throws: Stop.self) {
            try Self.settings().run(Self.network, from: try Tensor(zeros: [1, 1, 8, 8]), objective: objective) {
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    @Test func deepDreamRaisesTheNormOverOctaves() throws {
        var o = InputOptimizer()
        o.steps = 5
        o.learningRate = 0.02
        o.normalization = .meanAbs
        o.momentum = 0
        o.jitter = 1
        let x = try Tensor.uniform(shape: [2, 1, 8, 8], seed: 6)
        let result = try DeepDream.run(Self.network, images: x, layer: 1, octaves: 2, scale: 2, optimizer: o)
        #expect(zip(result.normAfter, result.normBefore).allSatisfy { $0 > $1 })
        #expect(result.loss.shape == [10, 2])
        #expect(result.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
