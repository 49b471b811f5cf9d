import Foundation
import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// Every objective of the input optimizer against central differences of
/// its own value: the gradient the network's backward pass brings to the
/// pixels must be the derivative of the number the objective reports.
@Suite struct ObjectiveGradientTests {
    /// TANH and average pooling keep the network smooth, so differences
    /// with h = 1e-2 are accurate to about 1e-4 in Float32.
    static let network = Network(try! NetworkDescription.parse(
        "INPUT 6x6x1 -> CONV3-3 -> TANH -> AVGPOOL2 -> CONV3-4 -> TANH -> FC-5 -> SOFTMAX"), seed: 7)
    static let images = try! Tensor.uniform(shape: [2, 1, 6, 6], seed: 3)

    /// The largest |analytic − numeric| over every input value, relative to
    /// the largest |numeric|, for the sum of the images' values.
    static func worstError(_ objective: any InputObjective, at x: Tensor = images) throws -> Float {
        let (_, gradient) = try network.objectiveGradient(x, objective)
        let h: Float = 1e-2
        var worst: Float = 0, scale: Float = 1e-3
        for i in 0..<x.count {
            var up = x, down = x
            up.scalars[i] += h
            down.scalars[i] -= h
            let plus = try network.objectiveValue(up, objective).loss.reduce(0, +)
            let minus = try network.objectiveValue(down, objective).loss.reduce(0, +)
            let numeric = (plus - minus) / (2 * h)
            worst = max(worst, abs(gradient.scalars[i] - numeric))
            scale = max(scale, abs(numeric))
        }
        return worst / scale
    }

    @Test func classScoreProbabilityAndLogProbability() throws {
        for quantity in [ClassObjective.Quantity.score, .probability, .logProbability] {
            let objective = try ClassObjective(Self.network, quantity: quantity, classes: [1, 4])
            #expect(try Self.worstError(objective) < 2e-3, "\(quantity)")
        }
    }

    @Test func classValuesAreTheScoreAndTheProbability() throws {
        let scores = try Self.network.forward(Self.images, through: Self.network.scoreLayer)
        let p = try Self.network.forward(Self.images)
        let score = try ClassObjective(Self.network, quantity: .score, classes: [1, 4])
        let probability = try ClassObjective(Self.network, quantity: .probability, classes: [1, 4])
        let log = try ClassObjective(Self.network, quantity: .logProbability, classes: [1, 4])
        #expect(try Self.network.objectiveValue(Self.images, score).loss == [-scores.scalars[1], -scores.scalars[9]])
        let pc = try Self.network.objectiveValue(Self.images, probability).loss
        #expect(TinyNetworks.close(pc, [-p.scalars[1], -p.scalars[9]]))
        let lp = try Self.network.objectiveValue(Self.images, log).loss
        #expect(TinyNetworks.close(lp, [-Foundation.log(p.scalars[1]), -Foundation.log(p.scalars[9])], tolerance: 1e-4))
    }

    @Test func featureReconstruction() throws {
        // The target is another image's code, so the loss is far from 0.
        let other = try Tensor.uniform(shape: [2, 1, 6, 6], seed: 11)
        for layer in [0, 2, 5] {
            let objective = FeatureReconstruction(layer: layer, target: try Self.network.forward(other, through: layer))
            #expect(try Self.worstError(objective) < 2e-3, "layer \(layer)")
        }
        // At its own code the loss is 0.
        let own = FeatureReconstruction(layer: 3, target: try Self.network.forward(Self.images, through: 3))
        #expect(try Self.network.objectiveValue(Self.images, own).loss == [0, 0])
    }

    @Test func activationNormOfALayerAndOfOneMap() throws {
        for channel in [nil, 2] as [Int?] {
            let objective = try ActivationNorm(Self.network, layer: 4, channel: channel)
            #expect(try Self.worstError(objective) < 2e-3, "channel \(String(describing: channel))")
        }
        // The value is −½‖a‖²; `norms` reports ‖a‖.
        let a = try Self.network.forward(Self.images, through: 1)
        let objective = try ActivationNorm(Self.network, layer: 1)
        let first = a.scalars[0..<108].reduce(Float(0)) { $0 + $1 * $1 }
        #expect(abs(objective.norms(a)[0] - first.squareRoot()) < 1e-5)
    }

    @Test func styleLossOverTwoLayersWithContent() throws {
        let style = try Tensor.uniform(shape: [1, 1, 6, 6], seed: 5)
        let content = try Tensor.uniform(shape: [2, 1, 6, 6], seed: 6)
        let objective = try StyleObjective(Self.network, style: style, content: content, styleLayers: [1, 4],
                                           contentLayer: 3, styleWeight: 1, contentWeight: 0.5)
        #expect(try Self.worstError(objective) < 2e-3)
        // Its parts: the style image has no style loss, and a content image no content loss.
        let value = try Self.network.objectiveValue(Tensor(shape: [2, 1, 6, 6], scalars: style.scalars + content.scalars[36...]),
                                                    objective)
        #expect(abs(value.components[0][0]) < 1e-6 && abs(value.components[1][1]) < 1e-6)
        #expect(objective.componentNames == ["style", "content"])
    }

    @Test func objectivesReadingSeveralLayersNeedOneBackwardPass() throws {
        // The style objective's layers are seeded together; its gradient is
        // the sum of the gradients of its parts taken one layer at a time.
        let style = try Tensor.uniform(shape: [1, 1, 6, 6], seed: 5)
        let both = try StyleObjective(Self.network, style: style, content: Self.images, styleLayers: [1, 4], contentLayer: nil,
                                      styleWeight: 2, contentWeight: 0)
        let first = try StyleObjective(Self.network, style: style, content: Self.images, styleLayers: [1], contentLayer: nil,
                                       styleWeight: 1, contentWeight: 0)
        let second = try StyleObjective(Self.network, style: style, content: Self.images, styleLayers: [4], contentLayer: nil,
                                        styleWeight: 1, contentWeight: 0)
        let x = try Tensor.uniform(shape: [2, 1, 6, 6], seed: 8)
        let g = try Self.network.objectiveGradient(x, both).gradient.scalars
        let g1 = try Self.network.objectiveGradient(x, first).gradient.scalars
        let g2 = try Self.network.objectiveGradient(x, second).gradient.scalars
        #expect(TinyNetworks.close(g, zip(g1, g2).map(+), tolerance: 1e-4))
    }
}
