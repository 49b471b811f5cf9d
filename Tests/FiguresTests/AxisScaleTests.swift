import Testing
@testable import Figures

/// Axis ranges and ticks: whole-number data gets whole-number ticks, log
/// axes get powers of ten, and limits are kept as given.
@Suite struct AxisScaleTests {
    static func scale(_ lower: Double, _ upper: Double, _ settings: AxisSettings = .automatic,
                      whole: Bool = false, length: Double = 500) throws -> AxisScale {
        try AxisScale(lower: lower, upper: upper, length: length, spacing: 75, padding: .points, name: "x",
                      settings: settings, wholeNumbers: whole)
    }

    @Test func wholeNumberDataGetsNoFractionalTicks() throws {
        // Three epochs on a wide axis would otherwise be ticked every 0.5 or 0.2.
        let free = try Self.scale(1, 3)
        #expect(free.ticks.contains { $0 != $0.rounded() })
        let whole = try Self.scale(1, 3, whole: true)
        #expect(whole.ticks == [1, 2, 3])
        #expect(whole.labels == ["1", "2", "3"])
        // One epoch still gets two whole ticks around it.
        let one = try Self.scale(1, 1, whole: true)
        #expect(one.ticks.count >= 2 && one.ticks.allSatisfy { $0 == $0.rounded() } && one.ticks.contains(1))
        // Wide ranges keep their 1-2-5 steps.
        #expect(try Self.scale(0, 1000, whole: true).ticks == (try Self.scale(0, 1000).ticks))
    }

    @Test func limitsAreKeptExactly() throws {
        let s = try Self.scale(-5, 50, AxisSettings(limits: 0...10))
        #expect((s.low, s.high) == (0, 10))
        #expect(s.ticks.first == 0 && s.ticks.last == 10)
        #expect(s.fraction(5) == 0.5)
        // Limits narrower than two whole numbers fall back to fractional ticks.
        let narrow = try Self.scale(0, 3, AxisSettings(limits: 0.5...1.5), whole: true)
        #expect(narrow.ticks.count >= 2)
    }

    @Test func logAxesTickPowersOfTen() throws {
        let s = try Self.scale(1, 1000, AxisSettings(scale: .log))
        #expect(s.ticks == [1, 10, 100, 1000])
        #expect(s.labels == ["1", "10", "100", "1000"])
        #expect(abs(s.fraction(10) - s.fraction(1) - (s.fraction(100) - s.fraction(10))) < 1e-12)
        // Within one decade the axis widens to the powers around it.
        let narrow = try Self.scale(3, 8, AxisSettings(scale: .log))
        #expect(narrow.ticks == [1, 10])
        // Far from 1, labels are powers of ten.
        let small = try Self.scale(1e-6, 1e-2, AxisSettings(scale: .log))
        #expect(small.labels.first == "10⁻⁶" && small.labels.last == "10⁻²")
        // Many decades: every other (or third...) power, still in order.
        let wide = try Self.scale(1e-30, 1e30, AxisSettings(scale: .log), length: 300)
        #expect(wide.ticks.count <= 5 && wide.ticks.count >= 2)
        // Fixed limits inside a decade: 1-2-5 ticks.
        let fixed = try Self.scale(3, 8, AxisSettings(scale: .log, limits: 2...9))
        #expect(fixed.ticks == [2, 5])
        #expect(AxisScale.power(2e5) == "2×10⁵")
    }

    @Test func logAxesRefuseNonPositiveData() {
        #expect(throws: FigureError.self) { try AxisSettings(scale: .log).check([1, 0, -2], name: "y") }
        do {
            try AxisSettings(scale: .log).check([1, 0, -2], name: "y")
        } catch {
            #expect(error.message == "yscale=\"log\" needs positive y values, but 2 y values are 0 or below (the smallest is -2)")
        }
        #expect(throws: FigureError.self) { try AxisSettings(scale: .log, limits: -1...1).check([1], name: "x") }
        #expect(throws: Never.self) { try AxisSettings(scale: .log).check([1, .nan, 2], name: "x") }
    }

    @Test func plotsWithLogAxesAndLimitsDraw() {
        var p = LinePlot(series: [.init(label: "lr", x: [1e-4, 1e-3, 1e-2, 1e-1], y: [0.5, 0.8, 0.9, 0.2])])
        p.xaxis = AxisSettings(scale: .log)
        let svg = p.svg()
        #expect(SVGChecks.problems(svg) == [] && !SVGChecks.isPlaceholder(svg))
        #expect(svg.contains(">10⁻⁴</text>") && svg.contains(">10⁻¹</text>"))
        // A limit cuts the line at the frame: no point is drawn outside it.
        var cut = LinePlot(series: [.init(label: "a", y: [0, 10, 0, 10])])
        cut.yaxis = AxisSettings(limits: 0...5)
        let clipped = cut.svg()
        #expect(SVGChecks.problems(clipped) == [] && !SVGChecks.isPlaceholder(clipped))
        #expect(SVGChecks.count("<circle", in: clipped) == 2)  // the two points at 0
        var bad = LinePlot(series: [.init(label: "a", y: [1, 0])])
        bad.yaxis = AxisSettings(scale: .log)
        #expect(SVGChecks.isPlaceholder(bad.svg()))
        var scatter = ScatterPlot(x: [1, 2, 30], y: [1, 2, 3])
        scatter.xaxis = AxisSettings(limits: 0...10)
        #expect(scatter.svg().contains("1 outside the axis limits not drawn"))
    }

    @Test func clippingKeepsThePartInside() throws {
        let box = (x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0)
        let (a, b) = try #require(LinePlot.clip((-5, 5), (5, 5), to: box))
        #expect(a == (0, 5) && b == (5, 5))
        #expect(LinePlot.clip((-5, -5), (-1, 20), to: box) == nil)
    }
}
