import Figures
import Foundation
import Testing
@testable import Lab
import Tensors

/// The unit built-ins (LESSON-FORMAT.md section 6, understanding a trained
/// network): `filters`, `filter_stats`, `unit_stats`, `top_patches`,
/// `top_classes`, on networks set by hand with `with_weights`.
@Suite struct UnitBuiltinTests {
    /// A pixel detector: conv1 channel 0 is −(centre pixel), channel 1
    /// +(centre pixel), then RELU and POOL2 on 6×6 images, each dark but for
    /// a pixel or two: image 0 (2, 3) = 0.5; image 1 (0, 0) = 0.9; image 2
    /// (5, 4) = 0.7; image 3 dark; image 4 (3, 3) = 0.2 and (1, 4) = 0.8.
    static let setup = """
        centre = arange(9) == 4
        net = with_weights(cnn("INPUT 6x6x1 -> CONV3-2 -> RELU -> POOL2"), "conv1",
                           w=reshape(concat([-centre, centre]), [2, 1, 3, 3]), b=[0, 0])
        px = arange(36)
        ds = dataset(reshape(stack([0.5 * (px == 15), 0.9 * (px == 0), 0.7 * (px == 34), 0 * px,
                                    0.2 * (px == 21) + 0.8 * (px == 10)]), [5, 1, 6, 6]), [2, 0, 1, 0, 2])
        """

    static func session(cache: BuiltinCache? = nil) -> Session {
        let s = Harness.session()
        s.cache = cache
        let r = Harness.run(setup, in: s, id: "setup")
        #expect(r.status == .ok, "setup failed: \(r.diagnostics.map(\.message))")
        return s
    }

    static func run(_ source: String, in s: Session) {
        let r = Harness.run(source, in: s, id: "run")
        #expect(r.status == .ok, "\(source): \(r.diagnostics.map(\.message))")
    }

    static func value(_ expr: String, in s: Session) -> Value? {
        let r = Harness.run("value_ = " + expr, in: s, id: "value")
        #expect(r.status == .ok, "\(expr): \(r.diagnostics.map(\.message))")
        return r.status == .ok ? s.value(of: "value_") : nil
    }

    static func error(_ statement: String) -> Diagnostic? { Harness.error(statement, setup: setup) }

    static func column(of needle: String, in line: String) -> Int {
        guard let range = line.range(of: needle) else { return 0 }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    // MARK: - top_patches and top_classes

    @Test func topPatchesRanksCropsAndLabelsAsWorkedOut() throws {
        let s = Self.session()
        Self.run("p = top_patches(net, ds, layer=\"pool1\", unit=1, k=3)", in: s)
        // The three brightest pixels: 0.9 (image 1), 0.8 (image 4), 0.7 (image 2),
        // in pool cells (0, 0), (0, 2) and (2, 2); pool1's field is 4 pixels
        // from −1 in steps of 2.
        #expect(Self.value("p.indices", in: s)?.flat == [1, 4, 2])
        #expect(close(Self.value("p.values", in: s)?.flat, [0.9, 0.8, 0.7]))
        #expect(Self.value("p.labels", in: s)?.flat == [0, 2, 1])
        #expect(Self.value("p.positions", in: s)?.tensor == Tensor(shape: [3, 2], scalars: [0, 0, 0, 2, 2, 2]))
        #expect(Self.value("p.size", in: s)?.number == 4)
        #expect(Self.value("shape(p.patches)", in: s)?.flat == [3, 1, 4, 4])
        // Image 1's pixel (0, 0) sits one row and column into its crop; image
        // 4's (1, 4) at (2, 1) of the crop from (−1, 3).
        #expect(close(Self.value("[p.patches[0, 0, 1, 1], p.patches[1, 0, 2, 1], sum(p.patches)]", in: s)?.flat,
                      [0.9, 0.8, 2.4]))
        // k past the dataset's size gives every image.
        #expect(Self.value("top_patches(net, ds, layer=\"pool1\", unit=1).indices", in: s)?.flat == [1, 4, 2, 0, 3])
    }

    @Test func topClassesCountsTheLabelsOfTheTopImages() {
        let s = Self.session()
        // Ranking 1, 4, 2, 0, 3 with labels 0, 2, 1, 2, 0.
        #expect(Self.value("top_classes(net, ds, layer=\"pool1\", unit=1, k=3)", in: s)?.flat == [1, 1, 1])
        #expect(Self.value("top_classes(net, ds, layer=\"pool1\", unit=1)", in: s)?.flat == [2, 1, 2])
        #expect(Self.value("top_classes(net, ds, layer=\"conv1\", unit=1, k=4)", in: s)?.flat == [1, 1, 2])
    }

    @Test func topPatchesAndTopClassesAreMemoizedByContent() throws {
        let cache = ModelBuiltinTests.CountingCache()
        let s = Self.session(cache: cache)
        let call = "top_patches(net, ds, layer=\"pool1\", unit=1, k=3)"
        Self.run("a = " + call, in: s)
        #expect((cache.stores, cache.hits) == (1, 0))
        let key = try #require(cache.entries.keys.first)
        Self.run("b = " + call, in: s)
        #expect((cache.stores, cache.hits) == (1, 1))
        for field in ["patches", "indices", "values", "labels", "positions", "size"] {
            #expect(Self.value("a.\(field) == b.\(field)", in: s)?.flat?.allSatisfy { $0 == 1 } == true, "\(field)")
        }
        // Every argument is part of the key, and so is the network's content.
        for other in ["top_patches(net, ds, layer=\"pool1\", unit=0, k=3)", "top_patches(net, ds, layer=\"pool1\", unit=1, k=2)",
                      "top_patches(net, ds, layer=\"conv1\", unit=1, k=3)", "top_patches(net, take(ds, 4), layer=\"pool1\", unit=1, k=3)",
                      "top_patches(with_weights(net, \"conv1\", b=[0, 1]), ds, layer=\"pool1\", unit=1, k=3)",
                      "top_classes(net, ds, layer=\"pool1\", unit=1, k=3)"] {
            let stores = cache.stores
            Self.run("c = " + other, in: s)
            #expect(cache.stores == stores + 1, "\(other) was not computed afresh")
        }
        // A damaged entry is recomputed and replaced, never trusted.
        let good = try #require(cache.entries[key])
        for offset in [2, good.count / 2, good.count - 1] {
            var bad = good
            bad[offset] ^= 0x20
            cache.entries[key] = bad
            Self.run("d = " + call, in: s)
            #expect(cache.entries[key] == good)
            #expect(Self.value("d.indices", in: s)?.flat == [1, 4, 2])
        }
        cache.entries[key] = Array(good.prefix(good.count - 3))
        Self.run("e = " + call, in: s)
        #expect(cache.entries[key] == good)
    }

    @Test func topPatchesChecksItsArgumentsFirst() throws {
        let missing = try #require(Self.error("top_patches(net, ds, unit=1)"))
        #expect(missing.message == "top_patches needs the argument 'layer' (top_patches(net, dataset, layer, unit, k=))")
        #expect(Self.error("top_patches(net, ds, layer=\"pool1\")")?.message
            == "top_patches needs the argument 'unit' (top_patches(net, dataset, layer, unit, k=))")
        let line = "top_patches(net, ds, layer=\"pool1\", unit=2)"
        let unit = try #require(Self.error(line))
        #expect(unit.message == "top_patches: pool1 has 2 units, numbered 0 to 1; there is no unit 2")
        #expect(unit.location.line == 10 && unit.location.column == Self.column(of: "2)", in: line))
        #expect(Self.error("top_patches(net, ds, layer=\"pool1\", unit=0, k=0)")?.message == "top_patches: 'k' must be at least 1, got 0")
        #expect(Self.error("top_classes(net, ds, layer=\"pool9\", unit=0)")?.message.hasPrefix("top_classes: no layer named 'pool9'") == true)
        #expect(Self.error("top_patches(net, ds.images, layer=\"pool1\", unit=0)")?.message.hasPrefix("top_patches: 'dataset' must be a dataset") == true)
        let shape = try #require(Self.error("w = dataset(zeros([2, 1, 5, 5]), [0, 1])\ntop_patches(net, w, layer=\"pool1\", unit=0)"))
        #expect(shape.message == "top_patches: the images must be N × (1, 6, 6) for this network's INPUT, got (2, 1, 5, 5)")
    }

    // MARK: - filter_stats and unit_stats

    @Test func filterStatsOfThePixelDetector() {
        // The filters are −δ and +δ: |r| = 1. A centred δ is [0 1 0] ⊗ [0 1 0];
        // [0 1 0] has 1/3 of its energy at u = 0, none at u = 1, 2/3 at
        // u = 2, so (1/3)² is low and the roughness 8/9.
        let s = Self.session()
        Self.run("f = filter_stats(net)", in: s)
        #expect(close(Self.value("[f.correlation, f.roughness, f.filters]", in: s)?.flat, [1, 8.0 / 9, 2]))
        Self.run("g = filter_stats(with_weights(net, \"conv1\", w=ones([2, 1, 3, 3])), layer=\"conv1\")", in: s)
        // Constant filters: smooth, and no variance to correlate.
        #expect(close(Self.value("[g.correlation, g.roughness]", in: s)?.flat, [0, 0], tol: 1e-12))
        #expect(Self.error("filter_stats(net, layer=\"pool1\")")?.message
            == "filter_stats: 'pool1' is not a convolution; filter statistics need a CONV layer (conv1)")
        #expect(Self.error("filter_stats(cnn(\"INPUT 4 -> FC-2\"))")?.message
            == "filter_stats: this network has no CONV layer; name a layer with layer=")
    }

    @Test func unitStatsOfHandSetChannels() {
        // 1×1 convolution: channel 0 = relu(x), channel 1 = relu(x − 10)
        // (dead), channel 2 = relu(0.5 − x), over images all 0, one corner 1,
        // all 1. Inactive values 7 + 12 + 5 of 36; channel 2's spatial means
        // (.5, .375, 0) are .5 − .5 × channel 0's (0, .25, 1): |r| = 1.
        let s = Self.session()
        Self.run("""
            u = with_weights(cnn("INPUT 2x2x1 -> CONV1-3 -> RELU"), "conv1", w=reshape([1, 1, -1], [3, 1, 1, 1]), b=[0, -10, 0.5])
            d = dataset(reshape([0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], [3, 1, 2, 2]), [0, 1, 2])
            st = unit_stats(u, d, layer="relu1")
            """, in: s)
        #expect(close(Self.value("[st.dead, st.sparsity, st.correlation, st.units]", in: s)?.flat, [1.0 / 3, 2.0 / 3, 1, 3]))
        // Without layer= it reads the last layer (no FC here), relu1 again.
        #expect(close(Self.value("unit_stats(u, d).sparsity", in: s)?.flat, [2.0 / 3]))
        #expect(Self.error("unit_stats(net, ds, layer=\"fc9\")")?.message.hasPrefix("unit_stats: no layer named 'fc9'") == true)
    }

    @Test func unitStatsIsMemoizedExactly() {
        let cache = ModelBuiltinTests.CountingCache()
        let s = Self.session(cache: cache)
        Self.run("a = unit_stats(net, ds, layer=\"conv1\")", in: s)
        Self.run("b = unit_stats(net, ds, layer=\"conv1\")", in: s)
        #expect((cache.stores, cache.hits) == (1, 1))
        // Numbers keep every bit through the cache.
        #expect(Self.value("[a.dead == b.dead, a.sparsity == b.sparsity, a.correlation == b.correlation]", in: s)?.flat == [1, 1, 1])
    }

    // MARK: - filters

    @Test func filtersDrawsOneLabelledTileAFilter() throws {
        let s = Self.session()
        guard case let .object(o)? = Self.value("filters(net, title=\"conv1\")", in: s), let figure = o as? FigureValue,
              case let .svg(svg) = figure.content else {
            Issue.record("filters did not return an SVG figure")
            return
        }
        #expect(figure.alt == "conv1", "format 1.1: the title, when there is no caption")
        // Two tiles and the colour bar's ramp.
        #expect(svg.components(separatedBy: "<image").count - 1 == 3)
        let many = Self.session()
        Self.run("m = cnn(\"INPUT 6x6x1 -> CONV3-4 -> RELU -> CONV3-5\")", in: many)
        guard case let .object(o2)? = Self.value("filters(m, layer=\"conv2\")", in: many), let f2 = o2 as? FigureValue else { return }
        #expect(f2.alt == "5 filters of conv2, 3×3, mean over 4 input channels")
        guard case let .object(o3)? = Self.value("filters(m, layer=\"conv2\", channel=3)", in: many), let f3 = o3 as? FigureValue else { return }
        #expect(f3.alt == "5 filters of conv2, 3×3, input channel 3")
        // A linear classifier's rows are shown as the images they weigh.
        guard case let .object(o4)? = Self.value("filters(cnn(\"INPUT 4x5x1 -> FC-3\"), layer=\"fc1\")", in: many),
              let f4 = o4 as? FigureValue else { return }
        #expect(f4.alt == "3 filters of fc1, 4×5")
        // Colour only for a first layer reading three channels.
        guard case let .object(o5)? = Self.value("filters(cnn(\"INPUT 5x5x3 -> CONV3-2\"))", in: many),
              let f5 = o5 as? FigureValue else { return }
        #expect(f5.alt == "2 filters of conv1, 3×3, in colour")
    }

    @Test func filtersShowsTheChosenUnits() throws {
        let s = Harness.session()
        Harness.run("m = cnn(\"INPUT 6x6x1 -> CONV3-8\", seed=1)", in: s)
        let r = Harness.run("f = filters(m, units=[5, 2])\ng = filters(m, units=7)", in: s)
        #expect(r.status == .ok, "\(r.diagnostics.map(\.message))")
        guard case let .object(o)? = s.value(of: "f"), let f = o as? FigureValue, case let .svg(svg) = f.content else {
            Issue.record("filters(units=) did not return an SVG figure")
            return
        }
        #expect(f.alt == "2 filters of conv1, 3×3")
        let five = try #require(svg.range(of: ">5</text>")), two = try #require(svg.range(of: ">2</text>"))
        #expect(five.lowerBound < two.lowerBound)
        #expect(!svg.contains(">7</text>"))
        // The picked filters are the layer's own, in the order asked.
        let w = Tensor(shape: [3, 1, 1, 2], scalars: [0, 1, 2, 3, 4, 5])
        #expect(UnitBuiltins.pick([2, 0], from: w).scalars == [4, 5, 0, 1])
        for (call, text) in [("filters(m, units=[8])", "conv1 has 8 filters, numbered 0 to 7; there is no filter 8"),
                             ("filters(m, units=[])", "'units' must be a filter number or a list of them"),
                             ("filters(m, units=1.5)", "there is no filter 1.5")] {
            let d = Harness.run("x = " + call, in: s).diagnostics.first
            #expect(d?.message.contains(text) == true, "\(call): \(d?.message ?? "no error")")
        }
    }

    @Test func eachTileIsScaledToItsOwnLargestWeightWithZeroInTheMiddle() throws {
        // Filter 0 goes −1, 0, 2; filter 1 is filter 0 times 100. Each maps
        // −m...m (m = 2 and 200) onto the colormap: 0 to the middle, 2 to
        // the top, −1 a quarter of the way up; so both tiles are the same.
        let w = Tensor(shape: [2, 1, 1, 3], scalars: [-1, 0, 2, -100, 0, 200])
        let tiles = try UnitBuiltins.filterTiles(w, channel: nil, rgb: false, cmap: .coolwarm)
        #expect(tiles[0] == tiles[1])
        func rgb(_ t: Double) -> [UInt8] { let c = Colormap.coolwarm.rgb(t); return [c.0, c.1, c.2] }
        #expect(tiles[0].pixels == rgb(0.25) + rgb(0.5) + rgb(1))
        // An all-zero filter is the middle colour throughout, not an error.
        let zero = try UnitBuiltins.filterTiles(Tensor(shape: [1, 1, 1, 2], scalars: [0, 0]), channel: nil, rgb: false, cmap: .coolwarm)
        #expect(zero[0].pixels == rgb(0.5) + rgb(0.5))
        // Several channels: their mean (2, −1: m = 2, so 1 and 1/4 of the
        // way up), or the one asked for (3, −1: m = 3, so 1 and 1/3).
        let two = Tensor(shape: [1, 2, 1, 2], scalars: [1, -1, 3, -1])
        #expect(try UnitBuiltins.filterTiles(two, channel: nil, rgb: false, cmap: .gray)[0].pixels == [255, 64])
        #expect(try UnitBuiltins.filterTiles(two, channel: 1, rgb: false, cmap: .gray)[0].pixels == [255, 85])
    }

    @Test func filtersReportsBadRequests() {
        #expect(Self.error("filters(net, layer=\"relu1\")")?.message
            == "filters: relu1 has no filters to show; name a CONV layer, or an FC layer that reads an image")
        #expect(Self.error("filters(net, channel=1)")?.message
            == "filters: conv1's filters have 1 channel, numbered 0 to 0; there is no channel 1")
        #expect(Self.error("filters(net, cmap=\"jet\")")?.message.hasPrefix("filters: unknown colormap 'jet'") == true)
        #expect(Self.error("filters(cnn(\"INPUT 8 -> FC-2 -> FC-2\"), layer=\"fc2\")")?.message
            == "filters: fc2 has no filters to show; name a CONV layer, or an FC layer that reads an image")
    }

    // MARK: - The record codec

    @Test func recordsOfNumbersAndTensorsRoundTripExactly() throws {
        let record = Record([("x", .number(0.1 + 0.2)), ("t", .tensor(Tensor(shape: [2, 0, 3], scalars: []))),
                             ("nan", .number(.nan)), ("v", .tensor(Tensor([1.5, -0, .infinity]))), ("é", .number(-7))])
        let bytes = RecordCodec.encode(record)
        let back = try #require(RecordCodec.decode(bytes))
        #expect(back.names == ["x", "t", "nan", "v", "é"])
        #expect(back["x"]?.number == 0.1 + 0.2 && back["é"]?.number == -7 && back["nan"]?.number?.isNaN == true)
        #expect(back["t"]?.tensor?.shape == [2, 0, 3])
        #expect(back["v"]?.tensor?.scalars.map(\.bitPattern) == [1.5, -0, Float.infinity].map(\.bitPattern))
        // Anything else is not encoded, and so never cached.
        #expect(RecordCodec.encode(Record([("s", .string("no"))])).isEmpty)
        // Every truncation fails to decode.
        for n in 0..<bytes.count { #expect(RecordCodec.decode(Array(bytes.prefix(n))) == nil) }
    }
}
