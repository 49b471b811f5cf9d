import Testing
@testable import Lab
import Tensors

/// The figure built-ins' newer options: log axes and limits on `plot` and
/// `scatter`, grouped `bar`s, `histogram`, `row`, and `symmetric=` scaling.
@Suite struct FigureOptionTests {
    static func figure(_ expr: String, setup: String = "") -> FigureValue? {
        guard case let .object(o)? = Harness.value(expr, setup: setup) else { return nil }
        return o as? FigureValue
    }

    static func svg(_ expr: String, setup: String = "") -> String? {
        guard case let .svg(s)? = figure(expr, setup: setup)?.content else { return nil }
        return s
    }

    static func expectError(_ source: String, _ text: String, setup: String = "") {
        let d = Harness.error(source, setup: setup)
        #expect(d?.message.contains(text) == true, "\(source): \(d?.message ?? "no error")")
    }

    @Test func plotTakesScalesAndLimits() throws {
        let log = try #require(Self.svg("plot([0.0001, 0.001, 0.01], [3, 2, 1], xscale=\"log\", ylim=[0, 5])"))
        #expect(log.contains(">10⁻⁴</text>") && log.contains(">10⁻²</text>"))
        #expect(!log.contains(" not drawn"))
        let epochs = try #require(Self.svg("plot([1, 2, 3], [0.5, 0.7, 0.8])"))
        #expect(!epochs.contains(">1.5</text>") && epochs.contains(">2</text>"))
        let scatter = try #require(Self.svg("scatter([[1, 10], [2, 100]], yscale=\"log\", xlim=[0, 3])"))
        #expect(scatter.contains(">100</text>"))
        Self.expectError("p = plot([1, 2], [0, 1], yscale=\"log\")", "yscale=\"log\" needs positive y values")
        Self.expectError("p = plot([1, 2], [1, 2], xscale=\"ln\")", "'xscale' must be \"linear\" or \"log\"")
        Self.expectError("p = plot([1, 2], [1, 2], xlim=[2, 1])", "'xlim' must be [low, high] with low below high")
        Self.expectError("p = plot([1, 2], [1, 2], ylim=3)", "'ylim' must be a list of two numbers")
        Self.expectError("p = scatter([[1, 1]], xscale=\"log\", xlim=[0, 1])", "'xlim' must be above 0 on a log scale")
    }

    @Test func barTakesSeveralSeries() throws {
        let record = try #require(Self.svg("bar([\"conv1\", \"fc1\"], {before: [1, 2], after: [3, 4]})"))
        #expect(record.contains(">before</text>") && record.contains(">after</text>"))
        let matrix = try #require(Self.svg("bar([\"a\", \"b\", \"c\"], [[1, 2, 3], [4, 5, 6]], legend=[\"x\", \"y\"])"))
        #expect(matrix.contains(">x</text>") && matrix.contains(">y</text>"))
        let lists = try #require(Self.svg("bar([\"a\", \"b\"], [[1, 2], [3, 4], [5, 6]])"))
        #expect(lists.contains(">series 3</text>"))
        // One series is the chart it always was.
        #expect(Self.svg("bar([\"a\", \"b\"], [1, 2])")?.contains("<title>Bar chart") == true)
        Self.expectError("b = bar([\"a\", \"b\"], [[1, 2], [3]])", "series 'series 2' has 1 value but there are 2 labels")
        Self.expectError("b = bar([\"a\"], [[1], [2]], legend=[\"x\"])", "1 legend names for 2 series")
        Self.expectError("b = bar([\"a\"], {x: \"no\"})", "series 'x' must be a list of numbers")
    }

    @Test func histogramBinsLikeNumPy() throws {
        let svg = try #require(Self.svg("histogram([0, 1, 1, 2, 3, 3], bins=3, title=\"counts\")"))
        #expect(svg.contains("3 bins from 0 to 3, the highest 3"))
        #expect(svg.contains(">count</text>"))
        let edges = try #require(Self.figure("histogram([0.5, 1.5, 9], bins=[0, 1, 2])"))
        #expect(edges.alt == "histogram of 3 values in 2 bins, 1 outside the range or not finite")
        #expect(Self.figure("histogram([1, 2], caption=\"Spread.\")")?.alt == "Spread.")
        let density = try #require(Self.svg("histogram(randn([100], seed=1), density=true, range=[-4, 4])"))
        #expect(density.contains(">density</text>"))
        #expect(Self.svg("histogram([2, 2, 2])")?.contains("10 bins from 1.5 to 2.5") == true)
        Self.expectError("h = histogram([1, 2], bins=0)", "'bins' must be a whole number of bins from 1 to 10000")
        Self.expectError("h = histogram([1, 2], bins=[2, 1])", "finite and increasing")
        Self.expectError("h = histogram([1, 2], range=[1])", "'range' must be a list of two numbers")
        Self.expectError("h = histogram([1, 2], bins=[0, 1], range=[0, 1])", "range= goes with a number of bins")
        Self.expectError("h = histogram([0 / 0])", "no finite values")
    }

    @Test func rowPutsFiguresSideBySide() throws {
        let setup = "a = plot([1, 2], [1, 2], title=\"loss\")\nb = image(ones([4, 4]), title=\"input\")"
        let row = try #require(Self.figure("row(a, b, caption=\"Two views\")", setup: setup))
        guard case let .svg(html) = row.content else { Issue.record("not inline"); return }
        #expect(html.contains("flex-wrap:wrap"))
        #expect(html.contains("<img class=\"pixels\""))
        #expect(html.contains(">input</span>"))
        #expect(row.caption == "Two views")
        #expect(row.alt == "Two views", "the caption, as format 1.1 says")
        #expect(Self.figure("row(a, b)", setup: setup)?.alt == "2 figures side by side: loss; input")
        #expect(Self.figure("row(a, b, alt=\"curves\")", setup: setup)?.alt == "curves")
        #expect(Self.figure("row([a, b])", setup: setup) != nil)
        #expect(Self.figure("row(row(a, b), a)", setup: setup) != nil)
        Self.expectError("r = row(a, 3)", "figure 2 is a number; row takes figures", setup: setup)
        Self.expectError("r = row()", "a row needs at least one figure")
    }

    @Test func symmetricScalingPutsZeroAtGrey() throws {
        // Values -2, 0, 1: symmetric maps -2 to black, 0 to mid-grey, 1 to three-quarters.
        let b = try FigureBuiltins.bitmap(Tensor(shape: [1, 3], scalars: [-2, 0, 1]), cmap: .gray,
                                          at: SourceLocation(line: 1, column: 1),
                                          range: FigureBuiltins.symmetricRange(Tensor(shape: [1, 3], scalars: [-2, 0, 1])))
        #expect(b.pixels[0] == 0 && (127...128).contains(b.pixels[1]) && (191...192).contains(b.pixels[2]))
        #expect(Self.figure("image([[-1, 0], [0, 1]], symmetric=true)") != nil)
        #expect(Self.figure("grid([[[-1, 0], [0, 1]], [[0, 0], [0, 0]]], symmetric=true)") != nil)
    }

    @Test func gridsTakeRowAndColumnHeaders() throws {
        let svg = try #require(Self.svg("grid(zeros([6, 4, 4]), cols=[\"input\", \"saliency\", \"deconvnet\"], rows=[\"bag\", \"boot\"])"))
        #expect(svg.contains(">saliency</text>") && svg.contains(">boot</text>"))
        #expect(svg.contains("rows: bag, boot"))
        let maps = try #require(Self.svg("heatmap(rand([4, 3, 3]), cols=2, rows=[\"trained\", \"random\"])"))
        #expect(maps.contains(">random</text>"))
        Self.expectError("g = grid(zeros([6, 4, 4]), cols=3, rows=[\"a\"])", "1 row header")
        Self.expectError("g = grid(zeros([6, 4, 4]), cols=[\"a\", \"b\", \"c\", \"d\"], rows=[\"x\", \"y\"])", "8 places for 6 images")
    }

    @Test func gridsWithoutAScaleFitThePage() throws {
        // 32 filters of 3×3 in 16 columns: tiles shrink toward a 700 px column, not below 36 px, and the
        // 16 columns stay while they fit a wide page (860 px); 40 columns wrap to a divisor that fits, 10.
        let svg = try #require(Self.svg("grid(rand([32, 3, 3]), cols=16)"))
        let width = try #require(svg.split(separator: "\"").dropFirst().first { $0.hasPrefix("0 0 ") }?.split(separator: " ")[2])
        #expect(Double(width)! <= 860 && Double(width)! > 700)
        #expect(svg.contains("in 16 columns"))
        #expect(Self.svg("grid(rand([80, 3, 3]), cols=40)")?.contains("in 10 columns") == true)
        let fixed = try #require(Self.svg("grid(rand([32, 3, 3]), cols=16, scale=24)"))
        #expect(!fixed.contains("viewBox=\"0 0 \(width) "))
    }

    @Test func confusionShowsNamesCountsAndABar() throws {
        let svg = try #require(Self.svg("confusion([[50, 2], [7, 41]], classes=[\"cat\", \"dog\"])"))
        #expect(svg.contains(">cat</text>") && svg.contains(">41</text>") && svg.contains(">predicted class</text>"))
        #expect(svg.contains("<image"), "the colour bar's ramp")
        Self.expectError("c = confusion([[1, 2, 3]])", "a square matrix")
        Self.expectError("c = confusion([[1, 2], [3, 4]], classes=[\"a\"])", "1 class names for a 2×2 matrix")
    }

    @Test func plotTicksWhereTheAuthorSays() throws {
        let angles = try #require(Self.svg("plot([0, 45, 90, 135, 180, 225, 270, 315], [1, 2, 3, 4, 5, 6, 7, 8], xticks=[0, 90, 180, 270])"))
        #expect(angles.contains(">270</text>") && !angles.contains(">100</text>"))
        let layers = try #require(Self.svg("plot([0, 1, 2], [3, 1, 2], xticks=[\"conv1\", \"pool1\", \"fc1\"])"))
        #expect(layers.contains(">pool1</text>"))
        Self.expectError("p = plot([0, 1, 2], [3, 1, 2], xticks=[\"conv1\"])", "1 tick names for 3 x values")
    }
}
