import Testing
@testable import Lab
import Tensors

/// `randomize(net, down_to=, seed=)`: Adebayo et al.'s cascading
/// randomization re-draws every layer from the top down to `down_to`, and
/// leaves the layers below it exactly as they were.
@Suite struct RandomizeBuiltinTests {
    static let setup = """
        net = cnn("INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> RELU -> FC-2 -> SOFTMAX", seed=1)
        edited = with_weights(net, "fc2", w=ones([2, 3]), b=[5, 5])
        """

    static func tensor(_ expr: String) -> Tensor? { Harness.value(expr, setup: setup)?.tensor }

    @Test func layersBelowDownToAreKept() throws {
        let kept = try #require(Self.tensor("weights(randomize(edited, down_to=\"fc2\", seed=3), \"fc1\").w"))
        #expect(kept == Self.tensor("weights(edited, \"fc1\").w"))
        let conv = try #require(Self.tensor("weights(randomize(edited, down_to=\"fc1\", seed=3), \"conv1\").w"))
        #expect(conv == Self.tensor("weights(edited, \"conv1\").w"))
    }

    @Test func layersFromDownToUpAreRedrawnAsCnnWould() throws {
        // A fresh draw with the same seed is cnn(description, seed=3)'s start.
        let fresh = try #require(Self.tensor("weights(randomize(edited, down_to=\"fc2\", seed=3), \"fc2\").w"))
        #expect(fresh == Self.tensor("weights(cnn(\"INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> RELU -> FC-2 -> SOFTMAX\", seed=3), \"fc2\").w"))
        #expect(fresh != Self.tensor("weights(edited, \"fc2\").w"))
        #expect(Self.tensor("weights(randomize(edited, down_to=\"fc2\", seed=3), \"fc2\").b")?.scalars == [0, 0])
        // No down_to: every layer.
        #expect(Self.tensor("weights(randomize(edited, seed=3), \"conv1\").w")
                == Self.tensor("weights(cnn(\"INPUT 4x4x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> RELU -> FC-2 -> SOFTMAX\", seed=3), \"conv1\").w"))
    }

    @Test func errorsPointAtDownTo() {
        #expect(Harness.error("r = randomize(net, down_to=\"fc9\")", setup: Self.setup)?.message.contains("no layer named 'fc9'") == true)
        #expect(Harness.error("r = randomize(net, down_to=\"input\")", setup: Self.setup)?.message.contains("not its input") == true)
    }
}
