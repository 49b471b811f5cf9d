import Foundation
import Testing
@testable import Lab
import Tensors

/// `saliency`, `guided_backprop`, `deconv`, `occlusion` and `heatmap`
/// (LESSON-FORMAT.md section 6): shapes, the numbers of a network small
/// enough to work out by hand, and located errors. The methods' arithmetic
/// is tested in VisualizationsTests.
@Suite struct AttributionBuiltinTests {
    /// The conv doubles each pixel; class 0's score weighs the ReLU outputs
    /// by [1, -3, 0.5, 4]. On x = [1, 1, -1, 1] the ReLU is shut at pixel 2,
    /// so ∂S_0/∂x = 2 · [1, -3, 0, 4] = [2, -6, 0, 8].
    static let setup = """
        tiny = cnn("INPUT 2x2x1 -> CONV1-1 -> RELU -> FC-2 -> SOFTMAX")
        tiny = with_weights(tiny, "conv1", w=reshape([2], [1, 1, 1, 1]), b=[0])
        net = with_weights(tiny, "fc1", w=[[1, -3, 0.5, 4], [5, 6, -7, 8]], b=[0, 0])
        x = reshape([1, 1, -1, 1], [1, 2, 2])
        xs = reshape([1, 1, -1, 1, 1, -1, 1, 1], [2, 1, 2, 2])
        pooled = cnn("INPUT 4x4x1 -> CONV3-3 -> RELU -> POOL2 -> FC-2 -> SOFTMAX", seed=1)
        img = reshape(arange(16) / 16, [1, 4, 4])
        """

    static func value(_ expr: String) -> Value? { Harness.value(expr, setup: setup) }
    static func tensor(_ expr: String) -> Tensor? { value(expr)?.tensor }

    /// The error of one statement and the column of `needle` in it.
    static func error(_ statement: String, at needle: String) -> (message: String, located: Bool)? {
        guard let d = Harness.error(statement, setup: setup) else { return nil }
        let column = statement.range(of: needle).map { statement.distance(from: statement.startIndex, to: $0.lowerBound) + 1 }
        return (d.message, d.location.line == 10 && d.location.column == column)
    }

    @Test func saliencyOfOneImageAndOfABatch() throws {
        let one = try #require(Self.tensor("saliency(net, x, 0)"))
        #expect(one.shape == [2, 2])
        #expect(one.scalars == [2, 6, 0, 8])
        // The second image [1, -1, 1, 1] shuts pixel 1 instead; class 1's
        // weights [5, 6, -7, 8] give 2 · [5, 0, 7, 8].
        let both = try #require(Self.tensor("saliency(net, xs, [0, 1])"))
        #expect(both.shape == [2, 2, 2])
        #expect(both.scalars == [2, 6, 0, 8, 10, 0, 14, 16])
        // One number is every image's class.
        #expect(Self.tensor("saliency(net, xs, 0)")?.scalars == [2, 6, 0, 8, 2, 0, 1, 8])
    }

    @Test func guidedBackpropGivesTheMapOrTheSignedGradient() throws {
        // Guided: the negative gradient through the open ReLU at pixel 1 is dropped.
        #expect(Self.tensor("guided_backprop(net, x, 0)")?.scalars == [2, 0, 0, 8])
        let signed = try #require(Self.tensor("guided_backprop(net, xs, [0, 0], signed=true)"))
        #expect(signed.shape == [2, 1, 2, 2])
        #expect(Self.tensor("guided_backprop(net, x, 0, signed=true)")?.shape == [1, 2, 2])
    }

    @Test func deconvProjectsOneUnit() throws {
        // fc1's unit 0 holds 1·2 − 3·2 + 4·2 = 4; back through the FC layer,
        // rectified, doubled: [8, 0, 4, 32] (the shut pixel 2 is not masked).
        #expect(Self.tensor("deconv(net, x, layer=\"fc1\", unit=0)")?.scalars == [8, 0, 4, 32])
        #expect(Self.tensor("deconv(pooled, img, layer=\"pool1\", unit=2)")?.shape == [1, 4, 4])
        #expect(Self.tensor("deconv(pooled, reshape(arange(32), [2, 1, 4, 4]), layer=\"conv1\", unit=1, at=[3, 0])")?.shape
            == [2, 1, 4, 4])
    }

    @Test func occlusionMapsAndPredictedClasses() throws {
        // A 1×1 occluder of 0.5 at each pixel: S_0 − S_1 changes only where
        // the ReLU is open, so covering pixel 2 (shut, −1 → 0.5) does change it.
        let p = try #require(Self.tensor("occlusion(net, x, 0, size=1, stride=1)"))
        #expect(p.shape == [2, 2])
        #expect(p.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Self.tensor("occlusion(pooled, img, 1, size=2, stride=2, predicted=true)")?.shape == [2, 2])
        #expect(Self.tensor("occlusion(pooled, reshape(arange(32) / 32, [2, 1, 4, 4]), [0, 1], size=3, stride=1)")?.shape
            == [2, 2, 2])
        // Defaults: a 6-pixel square at stride 2, clamped to the image.
        #expect(Self.tensor("occlusion(pooled, img, 0)")?.shape == [1, 1])
    }

    @Test func occlusionIsMemoized() throws {
        let cache = ModelBuiltinTests.CountingCache()
        let s = Harness.session()
        s.cache = cache
        Harness.run(Self.setup, in: s, id: "setup")
        Harness.run("a = occlusion(pooled, img, 1, size=2, stride=1)", in: s, id: "a")
        Harness.run("a2 = occlusion(pooled, img, 1, size=2, stride=1)", in: s, id: "a2")
        #expect((cache.stores, cache.hits) == (1, 1))
        // Every argument is part of the key: predicted= and fill= make entries of their own.
        Harness.run("b = occlusion(pooled, img, 1, size=2, stride=1, predicted=true)", in: s, id: "b")
        Harness.run("c = occlusion(pooled, img, 1, size=2, stride=1, fill=0)", in: s, id: "c")
        #expect(cache.stores == 3)
        #expect(s.value(of: "a")?.tensor?.shape == [3, 3] && s.value(of: "b")?.tensor?.shape == [3, 3])
    }

    @Test func heatmapsAreFigures() throws {
        for call in ["heatmap(saliency(net, x, 0))",
                     "heatmap(occlusion(pooled, img, 1, size=2, stride=1), over=img, range=[0, 1], legend=\"p\")",
                     "heatmap(occlusion(pooled, img, 1, size=2, stride=1), over=img, upsample=\"bilinear\", cmap=\"magma\")",
                     "heatmap(saliency(net, xs, [0, 1]), over=xs, labels=[\"a\", \"b\"], title=\"two\")"] {
            guard case let .object(o)? = Self.value(call), let figure = o as? FigureValue, case let .svg(svg) = figure.content else {
                Issue.record("\(call) did not make a figure")
                continue
            }
            #expect(svg.contains("<svg") && svg.contains("Colour bar"))
        }
    }

    @Test func classMapsGetAKeyNotAColourBar() throws {
        let call = "heatmap(occlusion(pooled, img, 1, size=2, stride=1, predicted=true), over=img, classes=[\"zero\", \"one\"])"
        guard case let .object(o)? = Self.value(call), let figure = o as? FigureValue, case let .svg(svg) = figure.content else {
            Issue.record("\(call) did not make a figure")
            return
        }
        #expect(!svg.contains("Colour bar") && svg.contains("key: "))
        // Only the classes on the map are in the key, in class order.
        let two = "heatmap(reshape([1, 0, 1, 1], [2, 2]), classes=[\"a\", \"b\", \"c\"])"
        guard case let .object(o2)? = Self.value(two), let f2 = o2 as? FigureValue, case let .svg(svg2) = f2.content else {
            Issue.record("\(two) did not make a figure")
            return
        }
        #expect(svg2.contains("key: a, b") && !svg2.contains(">c<"))
        #expect(Self.error("h = heatmap(reshape([0, 2, 0, 0], [2, 2]), classes=[\"a\", \"b\"])", at: "reshape")?.message
                    .contains("class numbers 0 to 1; found 2") == true)
        #expect(Self.error("h = heatmap(x, classes=[\"a\"], cmap=\"magma\")", at: "\"magma\"")?.located == true)
        #expect(Self.error("h = heatmap(reshape([0, 0, 0, 0], [2, 2]), over=img, classes=[\"a\"], upsample=\"bilinear\")",
                           at: "\"bilinear\"")?.message.contains("cannot be blended") == true)
    }

    @Test func errorsPointAtTheArgument() throws {
        let cases: [(String, String, String)] = [
            ("s = saliency(net, xs, [0, 1, 1])", "[0, 1, 1]", "there are 2 images but 3 classes"),
            ("s = saliency(net, x, 2)", "2)", "class 2 does not exist; this network scores 2 classes, numbered 0 to 1"),
            ("s = saliency(net, x, 0.5)", "0.5", "class 0.5 does not exist"),
            ("s = saliency(net, zeros([3, 3]), 0)", "([3, 3])", "'x' must be one image (1, 2, 2) or a batch (N, 1, 2, 2)"),
            ("s = guided_backprop(net, x, [0, 1])", "[0, 1]", "there is 1 image but 2 classes in 'class'"),
            ("d = deconv(net, x, layer=\"fc9\", unit=0)", "\"fc9\"", "no layer named 'fc9'"),
            ("d = deconv(net, x, layer=\"input\", unit=0)", "\"input\"", "not its input"),
            ("d = deconv(net, x, layer=\"fc1\", unit=2)", "2)", "fc1 has no unit 2; its 2 outputs are numbered 0 to 1"),
            ("d = deconv(net, x, layer=\"fc1\", unit=0, at=[0, 0])", "[0, 0]", "its units have no position"),
            ("d = deconv(pooled, img, layer=\"pool1\", unit=0, at=[2, 0])", "[2, 0]", "inside pool1's 2×2 feature maps"),
            ("o = occlusion(net, x, 0, size=3)", "3)", "'size' must be at most 2"),
            ("h = heatmap(x, cmap=\"jet\")", "\"jet\"", "unknown colormap 'jet'"),
            ("h = heatmap(x, range=[1, 0])", "[1, 0]", "low ≤ high"),
            ("h = heatmap(x, over=zeros([2, 2, 3, 3]))", "([2, 2, 3, 3])", "over= must be one image"),
            ("h = heatmap(x, alpha=2)", "2)", "alpha= must be between 0 and 1"),
            ("h = heatmap(zeros([2, 2, 2, 2]))", "([2, 2, 2, 2])", "map must be (H, W)"),
        ]
        for (statement, needle, text) in cases {
            let e = try #require(Self.error(statement, at: needle), "\(statement) should fail")
            #expect(e.message.contains(text), "\(statement): \(e.message)")
            #expect(e.located, "\(statement): not located at \(needle)")
        }
        #expect(Self.error("d = deconv(net, x, unit=0)", at: "deconv")?.message == "deconv needs the argument 'layer' (deconv(net, x, layer, unit, at=))")
        #expect(Self.error("d = deconv(net, x, layer=\"fc1\")", at: "deconv")?.message == "deconv needs the argument 'unit' (deconv(net, x, layer, unit, at=))")
        let vector = "v = saliency(cnn(\"INPUT 4 -> FC-2 -> SOFTMAX\"), [1, 2, 3, 4], 0)"
        #expect(Self.error(vector, at: "cnn")?.message.contains("works on images") == true)
    }
}
