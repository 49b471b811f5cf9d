import Testing
@testable import Figures

/// Issue 16: colour bars with 3 to 5 round ticks, never one or two, and
/// never a bare end written as "7.3e-5".
@Suite struct ColorLegendTests {
    @Test func threeToFiveRoundTicks() {
        for (lo, hi) in [(0.0, 1.0), (0.0, 0.33), (-1.0, 1.0), (0.0, 7.3e-5), (0.12, 0.98), (0.0, 1234.0), (3.0, 3.4)] {
            let ticks = ColorLegend(cmap: .viridis, lower: lo, upper: hi).tickLabels(height: 60)
            #expect((3...5).contains(ticks.count), "\(lo)...\(hi): \(ticks.map(\.1))")
            #expect(ticks.allSatisfy { $0.0 >= lo - 1e-12 && $0.0 <= hi + 1e-12 })
            #expect(ticks.allSatisfy { !$0.1.contains("e") }, "\(ticks.map(\.1))")
        }
    }

    @Test func tinyAndHugeValuesNameTheirPowerOfTen() {
        let tiny = ColorLegend(cmap: .magma, lower: 0, upper: 7.3e-5)
        #expect(tiny.factorText == "×10⁻⁵")
        #expect(tiny.tickLabels(height: 100).map(\.1) == ["0", "2", "4", "6"])
        #expect(ColorLegend(cmap: .magma, lower: 0, upper: 0.5).factorText == nil)
        #expect(ColorLegend(cmap: .magma, lower: 0, upper: 3e6).factorText == "×10⁶")
    }

    @Test func everyFigureKeepsItsTextLegible() {
        let svg = ColorLegend(cmap: .viridis, lower: 0, upper: 1, label: "a long label that wraps onto two lines").svg()
        #expect(svg.contains("min-width:"))
        #expect(!svg.contains("…"), "the label wraps instead of being cut")
    }
}
