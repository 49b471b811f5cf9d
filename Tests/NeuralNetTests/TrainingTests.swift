import Testing
import Tensors
@testable import NeuralNet

/// Training on a problem a tiny network can solve: 64 random 4×4 images,
/// labelled 1 when the left half is brighter than the right.
struct TrainingTests {
    static let description = "INPUT 4x4x1 -> CONV3-4 -> RELU -> FC-8 -> RELU -> FC-2 -> SOFTMAX"

    static func problem() throws -> (images: Tensor, labels: [Int]) {
        let images = try Tensor.uniform(shape: [64, 1, 4, 4], seed: 21)
        let labels = (0..<64).map { n in
            var left: Float = 0, right: Float = 0
            for r in 0..<4 {
                for c in 0..<4 {
                    let v = images.scalars[n * 16 + r * 4 + c]
                    if c < 2 { left += v } else { right += v }
                }
            }
            return left > right ? 1 : 0
        }
        return (images, labels)
    }

    static func options(_ optimizer: OptimizerKind) -> TrainingOptions {
        var options = TrainingOptions()
        options.optimizer = optimizer
        options.learningRate = optimizer == .adam ? 1e-2 : 5e-2
        options.epochs = 30
        options.batch = 16
        options.seed = 3
        return options
    }

    @Test(arguments: OptimizerKind.allCases)
    func trainingDrivesTheLossDown(_ optimizer: OptimizerKind) throws {
        let (images, labels) = try Self.problem()
        #expect((8...56).contains(labels.reduce(0, +)), "both classes should be common")
        let net = try Batches.network(Self.description, seed: 5)
        let before = try net.evaluate(images: images, labels: labels)
        let (trained, history) = try net.trained(images: images, labels: labels, options: Self.options(optimizer))
        let after = try trained.evaluate(images: images, labels: labels)
        #expect(history.epochLoss.count == 30 && history.stepLoss.count == 30 * 4)
        #expect(after.loss < before.loss / 3, "\(before.loss) → \(after.loss)")
        #expect(after.accuracy >= 0.9)
        #expect(try #require(history.epochLoss.last) < history.epochLoss[0] / 2)
    }

    @Test(arguments: OptimizerKind.allCases)
    func trainingIsDeterministic(_ optimizer: OptimizerKind) throws {
        let (images, labels) = try Self.problem()
        let net = try Batches.network(Self.description, seed: 5)
        var options = Self.options(optimizer)
        options.epochs = 3
        let (first, firstHistory) = try net.trained(images: images, labels: labels, options: options)
        let (second, secondHistory) = try net.trained(images: images, labels: labels, options: options)
        #expect(first.parameters == second.parameters)
        #expect(firstHistory == secondHistory)
        #expect(first.parameters != net.parameters)
        // The network trained from is a value: training returned a copy.
        #expect(net.parameters == (try Batches.network(Self.description, seed: 5)).parameters)
    }
}
