import Testing
@testable import Figures

@Suite struct BarChartTests {
    @Test func barsCarryTheirValues() {
        let svg = Samples.accuracyBars.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains(">0.652</text>") && svg.contains(">Ankle boot</text>"))
        #expect(SVGChecks.count("fill=\"\(Palette.color(0))\"", in: svg) == 10)
        #expect(svg.contains("rotate(-40"))  // ten long names do not fit side by side
    }

    @Test func negativeBarsHangBelowZero() {
        let chart = BarChart(labels: ["up", "down"], values: [2, -1])
        let svg = chart.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains(">\u{2212}1</text>"))  // typographic minus
        // Both bars meet at the zero line: one ends there, the other starts there.
        let rects = svg.components(separatedBy: "<rect ").dropFirst(2).filter { $0.contains(Palette.color(0)) }
        let ys = rects.map { attribute("y", in: $0) }
        let heights = rects.map { attribute("height", in: $0) }
        #expect(rects.count == 2)
        #expect(abs(ys[0] + heights[0] - ys[1]) < 0.02)
    }

    @Test func shortNamesStayHorizontal() {
        let svg = BarChart(labels: ["a", "b", "c"], values: [1, 2, 3]).svg()
        #expect(!svg.contains("rotate(-40"))
    }

    @Test func nonFiniteValuesShowAsNA() {
        let svg = BarChart(labels: ["a", "b"], values: [1, .nan]).svg()
        #expect(!SVGChecks.isPlaceholder(svg))
        #expect(svg.contains(">n/a</text>"))
    }

    @Test func allZeroStillDraws() {
        let svg = BarChart(labels: ["a", "b"], values: [0, 0]).svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(!SVGChecks.isPlaceholder(svg))
    }

    @Test func mismatchedOrEmptyInputIsExplained() {
        #expect(BarChart(labels: ["a"], values: [1, 2]).svg().contains("1 label but 2 values"))
        #expect(BarChart(labels: [], values: []).svg().contains("no values"))
        #expect(BarChart(labels: ["a"], values: [.nan]).svg().contains("no bar has a finite value"))
        #expect(throws: FigureError.self) { try BarChart(labels: ["a"], values: []).validate() }
    }

    private func attribute(_ name: String, in element: Substring) -> Double {
        let value = element.components(separatedBy: " \(name)=\"")[1].prefix { $0 != "\"" }
        return Double(String(value)) ?? .nan
    }
}
