import Testing
@testable import Figures

@Suite struct GoldenFigureTests {
    @Test func linePlotWithTwoSeries() {
        Golden.check(Samples.lossPlot.svg(), named: "line-plot.svg")
    }

    @Test func barChartWithRotatedLabels() {
        Golden.check(Samples.accuracyBars.svg(), named: "bar-chart.svg")
    }

    @Test func scatterPlotWithClasses() {
        Golden.check(Samples.clusters.svg(), named: "scatter-plot.svg")
    }

    @Test func twoByTwoImageGrid() {
        Golden.check(Samples.grid.svg(), named: "image-grid.svg")
    }

    @Test func sameInputSameBytes() {
        #expect(Samples.lossPlot.svg() == Samples.lossPlot.svg())
        #expect(Samples.clusters.svg() == Samples.clusters.svg())
        #expect(Samples.grid.svg() == Samples.grid.svg())
    }

    @Test func goldenDiffPointsAtTheFirstChangedLine() {
        let diff = Golden.difference("a\nb\nc", "a\nB\nc")
        #expect(diff?.contains("line 2") == true)
        #expect(diff?.contains("- b") == true)
        #expect(diff?.contains("+ B") == true)
        #expect(Golden.difference("same", "same") == nil)
    }
}
