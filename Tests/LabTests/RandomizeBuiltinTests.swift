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

/// `probe`: one layer gives a number, a list of layers a tensor, and
/// errors name the argument.
@Suite struct ProbeBuiltinTests {
    static let setup = """
        net = cnn("INPUT 2x2x1 -> CONV1-2 -> RELU -> FC-2 -> SOFTMAX", seed=1)
        xs = reshape([1, 0.1, 0.2, 0.3, -1, 0.3, 0.1, 0.2, 1, 0.2, 0.3, 0.1, -1, 0.1, 0.1, 0.3], [4, 1, 2, 2])
        data = dataset(xs, [1, 0, 1, 0])
        """

    @Test func oneLayerOrSeveral() throws {
        let one = try #require(Harness.value("probe(net, data, data, layer=\"input\", epochs=30, lr=0.1, seed=1)", setup: Self.setup)?.number)
        #expect(one == 1)
        let many = try #require(Harness.value("probe(net, data, data, layer=[\"input\", \"relu1\"], seed=1)", setup: Self.setup)?.tensor)
        #expect(many.shape == [2])
    }

    @Test func errorsNameTheArgument() {
        for (source, text) in [("p = probe(net, data, data, layer=[\"fc9\"])", "no layer named 'fc9'"),
                               ("p = probe(net, data, data, layer=[])", "lists no layers"),
                               ("p = probe(net, data, data, lr=0)", "'lr' must be a positive number"),
                               ("p = probe(net, data, dataset(xs, [0, 1, 2, 1]))", "never shows")] {
            let d = Harness.error(source, setup: Self.setup)
            #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
        }
    }
}
