import Foundation
import Testing
@testable import Lab
import Tensors

/// The built-ins that optimize or attack an input (LESSON-FORMAT.md section
/// 6): what their records hold, determinism, memoization and located
/// errors, on a network small enough to optimize in milliseconds. The
/// engine's arithmetic is tested in VisualizationsTests.
@Suite struct OptimizationBuiltinTests {
    static let setup = """
        net = cnn("INPUT 6x6x1 -> CONV3-2 -> RELU -> POOL2 -> FC-3 -> SOFTMAX", seed=2)
        x = rand([1, 6, 6], seed=1)
        xs = rand([4, 1, 6, 6], seed=2)
        """

    static func value(_ expr: String) -> Value? { Harness.value(expr, setup: setup) }

    static func record(_ expr: String) throws -> Record {
        guard case let .record(r)? = value(expr) else { throw Missing(expr: expr) }
        return r
    }

    struct Missing: Error { let expr: String }

    static func shape(_ r: Record, _ field: String) -> [Int]? { r[field]?.tensor?.shape }

    @Test func classModelsForOneClassAndForAList() throws {
        let one = try Self.record("class_model(net, 1, steps=5, seed=1)")
        #expect(one.names == ["image", "score", "probability", "predictions", "loss"])
        #expect(Self.shape(one, "image") == [1, 6, 6])
        #expect(one["score"]?.number != nil && Self.shape(one, "loss") == [6])
        let many = try Self.record("class_model(net, [0, 2], steps=5, seed=1)")
        #expect(Self.shape(many, "images") == [2, 1, 6, 6] && Self.shape(many, "score") == [2])
        #expect(Self.shape(many, "loss") == [2, 6])
        #expect(many["images"]?.tensor?.scalars.allSatisfy { $0 >= 0 && $0 <= 1 } == true)
    }

    @Test func inversionReportsItsErrorAndDistance() throws {
        let r = try Self.record("invert(net, x, layer=\"conv1\", steps=20, seed=1)")
        #expect(r.names == ["image", "error", "distance", "loss"])
        #expect(Self.shape(r, "image") == [1, 6, 6])
        let curve = try #require(r["loss"]?.tensor?.scalars)
        #expect(curve.count == 21 && curve.last! < curve.first!)
        let batch = try Self.record("invert(net, xs, steps=3, tv=0, alpha=1e-3, alpha_power=4, beta=1)")
        #expect(Self.shape(batch, "images") == [4, 1, 6, 6] && Self.shape(batch, "error") == [4])
    }

    @Test func deepDreamRaisesTheNorm() throws {
        let r = try Self.record("deepdream(net, xs, layer=\"relu1\", steps=4, octaves=2, scale=2, seed=1)")
        let before = try #require(r["norm_before"]?.tensor?.scalars), after = try #require(r["norm_after"]?.tensor?.scalars)
        #expect(zip(after, before).allSatisfy { $0 > $1 })
        #expect(Self.shape(r, "loss") == [4, 9])
        #expect(Self.shape(try Self.record("deepdream(net, x, unit=1, steps=2, octaves=1)"), "image") == [1, 6, 6])
    }

    @Test func styleTransferGivesItsCurves() throws {
        let r = try Self.record("style_transfer(net, x, xs[0], steps=10, style_layers=[\"conv1\", \"pool1\"], content_layer=\"conv1\")")
        #expect(r.names == ["image", "style_loss", "content_loss", "loss"])
        let style = try #require(r["style_loss"]?.tensor?.scalars)
        #expect(style.count == 11 && style.last! < style.first!)
        #expect(r["content_loss"]?.tensor?.scalars.first == 0)  // it starts from the content
        let noise = try Self.record("style_transfer(net, xs, xs[0], steps=2, init=\"noise\", seed=3)")
        #expect(Self.shape(noise, "images") == [4, 1, 6, 6] && Self.shape(noise, "style_loss") == [4, 3])
    }

    @Test func fgsmForOneEpsilonAndForACurve() throws {
        let labels = "argmax(predict(net, xs), axis=1)"
        let zero = try Self.record("fgsm(net, xs, \(labels), eps=0)")
        #expect(zero["images"]?.tensor == Self.value("xs")?.tensor)
        #expect(zero["accuracy"]?.number == 1 && zero["linf"]?.number == 0)
        let step = try Self.record("fgsm(net, xs, \(labels), eps=0.05)")
        let delta = try #require(step["perturbation"]?.tensor?.scalars)
        #expect(delta.allSatisfy { abs($0) <= 0.05 + 1e-6 } && step["linf"]!.number! <= 0.05 + 1e-6)
        #expect(Self.shape(step, "probabilities") == [4, 3])
        let curve = try Self.record("fgsm(net, xs, [0, 1, 2, 0], eps=[0, 0.1, 0.3], seed=1)")
        #expect(curve.names == ["eps", "accuracy", "noise_accuracy", "linf", "clean_accuracy"])
        #expect(Self.shape(curve, "accuracy") == [3])
        let one = try Self.record("fgsm(net, x, 1)")
        #expect(Self.shape(one, "image") == [1, 6, 6] && one["predictions"]?.number != nil)
    }

    @Test func minimalPerturbationsAndFoolingImages() throws {
        let r = try Self.record("minimal_perturbation(net, xs, argmax(predict(net, xs), axis=1))")
        #expect(r["success"]?.tensor?.scalars == [1, 1, 1, 1])
        #expect(r["images"]?.tensor?.scalars.allSatisfy { $0 >= 0 && $0 <= 1 } == true)
        #expect(Self.shape(r, "l2") == [4] && Self.shape(r, "relative") == [4])
        let targeted = try Self.record("minimal_perturbation(net, x, 0, target=2)")
        #expect(targeted["predictions"]?.number == 2)
        let fooled = try Self.record("fool(net, [0, 1, 2], steps=30, lr=0.05, seed=4)")
        #expect(fooled["predictions"]?.tensor?.scalars == [0, 1, 2])
        #expect(Self.shape(fooled, "images") == [3, 1, 6, 6])
    }

    @Test func gramMatricesAndShuffledPositions() throws {
        #expect(Self.value("gram(net, x, layer=\"conv1\")")?.tensor?.shape == [2, 2])
        #expect(Self.value("gram(net, xs)")?.tensor?.shape == [4, 2, 2])
        let a = "activations(net, x, layer=\"relu1\")"
        let same = Self.value("max(abs(gram(\(a)) - gram(shuffle_positions(\(a), seed=5))))")?.number
        #expect(same.map { $0 < 1e-5 } == true)
        #expect(Self.value("gram(\(a)) == gram(net, x, layer=\"relu1\")")?.tensor?.scalars.allSatisfy { $0 == 1 } == true)
        // Shuffling moves values but keeps each channel's set of values.
        let moved = Self.value("sum(abs(shuffle_positions(\(a), seed=5) - \(a)))")?.number
        #expect(moved.map { $0 > 0 } == true)
        #expect(Self.value("sum(shuffle_positions(\(a), seed=5)) - sum(\(a))")?.number.map { abs($0) < 1e-4 } == true)
    }

    @Test func theSameSeedGivesTheSameImage() throws {
        let s = Harness.session()
        Harness.run(Self.setup, in: s, id: "setup")
        Harness.run("a = fool(net, 1, steps=5, seed=7)\nb = fool(net, 1, steps=5, seed=7)\nc = fool(net, 1, steps=5, seed=8)", in: s)
        func image(_ name: String) -> Tensor? {
            guard case let .record(r)? = s.value(of: name) else { return nil }
            return r["image"]?.tensor
        }
        #expect(image("a") != nil && image("a") == image("b") && image("a") != image("c"))
    }

    @Test func everyBuiltinIsMemoizedByContent() throws {
        let cache = ModelBuiltinTests.CountingCache()
        let s = Harness.session()
        s.cache = cache
        Harness.run(Self.setup, in: s, id: "setup")
        let calls = ["class_model(net, 1, steps=3, seed=1)", "invert(net, x, steps=3, seed=1)",
                     "deepdream(net, x, steps=2, octaves=1, seed=1)", "style_transfer(net, x, xs[1], steps=3, seed=1)",
                     "fgsm(net, xs, 0, eps=0.1, seed=1)", "minimal_perturbation(net, x, 1)", "fool(net, 2, steps=3, seed=1)"]
        for (i, call) in calls.enumerated() { Harness.run("r\(i) = " + call, in: s, id: "a\(i)") }
        #expect((cache.stores, cache.hits) == (7, 0))
        for (i, call) in calls.enumerated() { Harness.run("q\(i) = " + call, in: s, id: "b\(i)") }
        #expect((cache.stores, cache.hits) == (7, 7))
        // Any setting, or the image, makes another entry.
        Harness.run("z = class_model(net, 1, steps=3, seed=1, l2=0.5)\nw = invert(net, xs[0], steps=3, seed=1)", in: s, id: "c")
        #expect(cache.stores == 9)
    }

    /// The error of one statement and the column of `needle` in it.
    static func error(_ statement: String, at needle: String) -> (message: String, located: Bool)? {
        guard let d = Harness.error(statement, setup: setup) else { return nil }
        let column = statement.range(of: needle).map { statement.distance(from: statement.startIndex, to: $0.lowerBound) + 1 }
        return (d.message, d.location.line == 10 && d.location.column == column)
    }

    @Test func errorsPointAtTheArgument() throws {
        let cases: [(String, String, String)] = [
            ("r = class_model(net, 3)", "3)", "class 3 does not exist; this network scores 3 classes, numbered 0 to 2"),
            ("r = class_model(net, \"a\")", "\"a\"", "'class' must be a class number, or a list of class numbers"),
            ("r = class_model(net, 1, steps=0)", "0)", "'steps' must be at least 1"),
            ("r = class_model(net, 1, lr=-1)", "-1)", "'lr' must be a positive number"),
            ("r = class_model(net, 1, momentum=1)", "1)", "'momentum' must be below 1"),
            ("r = class_model(net, 1, jitter=9)", "9)", "'jitter' must be at most 3"),
            ("r = invert(net, zeros([2, 6, 6]))", "([2, 6, 6])", "'x' must be one image (1, 6, 6) or a batch (N, 1, 6, 6)"),
            ("r = invert(net, x, layer=\"fc9\")", "\"fc9\"", "no layer named 'fc9'"),
            ("r = invert(net, x, layer=\"input\")", "\"input\"", "not its input"),
            ("r = invert(net, x, tv=-1)", "-1)", "'tv' must be a non-negative number"),
            ("r = deepdream(net, x, unit=2, layer=\"conv1\")", "2,", "conv1 has 2 units, numbered 0 to 1; there is no unit 2"),
            ("r = deepdream(net, x, scale=0.5)", "0.5)", "'scale' must be at least 1"),
            ("r = style_transfer(net, x, x, init=\"grey\")", "\"grey\"", "init must be \"content\" or \"noise\""),
            ("r = style_transfer(net, x, xs[0:2])", "[0:2]", "give one style image, or one per content image"),
            ("r = style_transfer(net, x, x, style_layers=[\"conv7\"])", "[\"conv7\"]", "no layer named 'conv7'"),
            ("r = fgsm(net, xs, [0, 1])", "[0, 1]", "there are 4 images but 2 classes in 'labels'"),
            ("r = fgsm(net, xs, 0, eps=-0.1)", "-0.1)", "eps must be finite and at least 0"),
            ("r = minimal_perturbation(net, x, 0, target=5)", "5)", "class 5 does not exist"),
            ("r = gram(net)", "gram", "give x, the image(s)"),
            ("r = gram(zeros([2, 3]), layer=\"conv1\")", "([2, 3])", "leave out x= and layer="),
            ("r = gram(\"net\")", "\"net\"", "'net' must be a model made by cnn(...), or a tensor of feature maps"),
            ("r = shuffle_positions(zeros([3]))", "([3])", "x must be C×H×W or N×C×H×W"),
            ("r = fool(net, arange(300))", "(300)", "300 classes make 300 images; one call takes at most 256"),
            ("r = invert(net, zeros([300, 1, 6, 6]))", "([300, 1, 6, 6])", "'x' holds 300 images; one call takes at most 256"),
        ]
        for (statement, needle, text) in cases {
            let e = try #require(Self.error(statement, at: needle), "\(statement) should fail")
            #expect(e.message.contains(text), "\(statement): \(e.message)")
            #expect(e.located, "\(statement): not located at \(needle)")
        }
        let vector = "r = fool(cnn(\"INPUT 4 -> FC-2 -> SOFTMAX\"), 0)"
        #expect(Self.error(vector, at: "cnn")?.message.contains("works on images") == true)
    }
}
