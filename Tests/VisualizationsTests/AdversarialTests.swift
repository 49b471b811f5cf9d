import NeuralNet
import Tensors
import Testing
@testable import Visualizations

/// The fast gradient sign method and the minimal-perturbation attack: the
/// properties a lesson claims on the test set, on a network small enough
/// to run in milliseconds.
@Suite struct AdversarialTests {
    static let network = Network(try! NetworkDescription.parse(
        "INPUT 6x6x1 -> CONV3-4 -> RELU -> POOL2 -> FC-3 -> SOFTMAX"), seed: 13)
    static let images = try! Tensor.uniform(shape: [5, 1, 6, 6], seed: 2)
    static var labels: [Int] { try! network.evaluate(images: images, labels: [0, 0, 0, 0, 0]).predictions }

    @Test func theDirectionIsTheSignOfTheLossGradient() throws {
        let direction = try FastGradientSign.direction(Self.network, images: Self.images, labels: Self.labels)
        let objective = try ClassObjective(Self.network, quantity: .logProbability, classes: Self.labels)
        let gradient = try Self.network.objectiveGradient(Self.images, objective).gradient
        #expect(direction.scalars == gradient.scalars.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 })
        // A step along it raises every image's loss.
        let before = try Self.network.objectiveValue(Self.images, objective).loss
        let after = try Self.network.objectiveValue(FastGradientSign.perturb(Self.images, direction: direction, eps: 0.01), objective).loss
        #expect(zip(after, before).allSatisfy { $0 > $1 })
    }

    @Test func epsilonZeroChangesNothingAndEveryStepStaysInItsBox() throws {
        let direction = try FastGradientSign.direction(Self.network, images: Self.images, labels: Self.labels)
        #expect(FastGradientSign.perturb(Self.images, direction: direction, eps: 0) == Self.images)
        for eps: Float in [0.01, 0.1, 0.5] {
            let adversarial = FastGradientSign.perturb(Self.images, direction: direction, eps: eps)
            let delta = zip(adversarial.scalars, Self.images.scalars).map { $0 - $1 }
            #expect(delta.allSatisfy { abs($0) <= eps * (1 + 1e-6) }, "ε = \(eps)")
            #expect(adversarial.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
        // Where the box does not cut it off, a pixel moves by exactly ε.
        let small = FastGradientSign.perturb(Self.images, direction: direction, eps: 1e-3)
        let inside = Self.images.scalars.indices.filter { Self.images.scalars[$0] > 1e-3 && Self.images.scalars[$0] < 1 - 1e-3 }
        #expect(inside.count > 150)
        #expect(inside.allSatisfy { i in direction.scalars[i] == 0 || abs(abs(small.scalars[i] - Self.images.scalars[i]) - 1e-3) < 1e-6 })
    }

    @Test func randomSignsAreBalancedAndSeeded() throws {
        let signs = try FastGradientSign.randomSigns(shape: [4, 1, 10, 10], seed: 3)
        #expect(signs.scalars.allSatisfy { $0 == 1 || $0 == -1 })
        let mean = signs.scalars.reduce(0, +) / 400
        #expect(abs(mean) < 0.15)
        #expect(signs == (try FastGradientSign.randomSigns(shape: [4, 1, 10, 10], seed: 3)))
        #expect(signs != (try FastGradientSign.randomSigns(shape: [4, 1, 10, 10], seed: 4)))
    }

    @Test func theMinimalPerturbationChangesTheAnswerInsideTheBox() throws {
        let labels = Self.labels
        let result = try MinimalPerturbation.find(Self.network, images: Self.images, labels: labels)
        #expect(result.success.allSatisfy { $0 })
        #expect(zip(result.predictions, labels).allSatisfy { $0 != $1 })
        #expect(result.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        let delta = zip(result.images.scalars, Self.images.scalars).map { $0 - $1 }
        #expect(TinyNetworks.close(result.perturbation.scalars, delta))
        // The bisection leaves it on the boundary: half of it no longer fools.
        let half = Tensor(shape: Self.images.shape, scalars: zip(Self.images.scalars, delta).map { $0 + $1 / 2 })
        let answers = try Self.network.evaluate(images: half, labels: labels).predictions
        #expect(zip(answers, labels).filter { $0 == $1 }.count >= 4)
        // Each result is decisively past the boundary in the scores, so no
        // batch split of the products can turn its answer back.
        let scores = try Self.network.forward(result.images, through: Self.network.scoreLayer)
        let classes = scores.count / labels.count
        for (i, label) in labels.enumerated() {
            let s = Array(scores.scalars[(i * classes)..<((i + 1) * classes)])
            let rival = s.indices.filter { $0 != label }.max { s[$0] < s[$1] }!
            #expect(s[label] - s[rival] < -MinimalPerturbation.decisive)
        }
    }

    @Test func aTargetedPerturbationReachesItsTarget() throws {
        let labels = Self.labels
        let targets = labels.map { ($0 + 1) % 3 }
        let result = try MinimalPerturbation.find(Self.network, images: Self.images, labels: labels, targets: targets)
        #expect(result.predictions == targets)
        #expect(result.success.allSatisfy { $0 })
    }
}
