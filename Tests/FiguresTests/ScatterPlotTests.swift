import Testing
@testable import Figures

@Suite struct ScatterPlotTests {
    @Test func classesGetColoursAndALegend() {
        let svg = Samples.clusters.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(SVGChecks.count("<circle cx", in: svg) == 90 + 3)  // points and legend dots
        for name in ["T-shirt/top", "Trouser", "Sneaker"] { #expect(svg.contains(">\(name)</text>")) }
        #expect(svg.contains("<g fill=\"\(Palette.color(7))\">"))
        #expect(svg.contains("90 points in 3 classes"))
    }

    @Test func missingNamesFallBackToTheIndex() {
        let svg = ScatterPlot(x: [0, 1], y: [0, 1], categories: [0, 12], categoryNames: ["zero"]).svg()
        #expect(svg.contains(">zero</text>") && svg.contains(">class 12</text>"))
    }

    @Test func withoutClassesThereIsNoLegend() {
        let svg = ScatterPlot(x: [0, 1, 2], y: [2, 1, 0]).svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(SVGChecks.count("<circle", in: svg) == 3)
    }

    @Test func pointsAndArraysAreTheSamePlot() {
        let a = ScatterPlot(points: [(1, 2), (3, 4)], categories: [0, 1], title: "t")
        let b = ScatterPlot(x: [1, 3], y: [2, 4], categories: [0, 1], title: "t")
        #expect(a.svg() == b.svg())
        #expect(a.points.map(\.0) == [1, 3])
    }

    @Test func nonFinitePointsAreSkippedAndCounted() {
        let svg = ScatterPlot(x: [0, .nan, 2, 3], y: [0, 1, .infinity, 3]).svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(SVGChecks.count("<circle", in: svg) == 2)
        #expect(svg.contains("2 with non-finite coordinates not drawn"))
    }

    @Test func manyPointsGetSmallerTranslucentDots() {
        let n = 3000
        let svg = ScatterPlot(x: (0..<n).map { Double($0 % 97) }, y: (0..<n).map { Double($0 % 89) }).svg()
        #expect(svg.contains("fill-opacity=\"0.75\"") && svg.contains("r=\"1.8\""))
    }

    @Test func badInputIsExplained() {
        #expect(ScatterPlot(x: [1, 2], y: [1]).svg().contains("2 x values but 1 y value"))
        #expect(ScatterPlot(x: [1], y: [1], categories: [0, 1]).svg().contains("1 point but 2 class labels"))
        #expect(ScatterPlot(x: [], y: []).svg().contains("no points"))
        #expect(ScatterPlot(x: [.nan], y: [1]).svg().contains("no point has finite coordinates"))
        #expect(throws: FigureError.self) { try ScatterPlot(x: [1, 2], y: [1]).validate() }
    }
}
