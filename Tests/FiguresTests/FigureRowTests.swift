import Testing
@testable import Figures

/// Figures side by side: one wrapping flex row with each figure inside.
@Suite struct FigureRowTests {
    @Test func layoutWrapsAndEscapes() throws {
        let svg = LinePlot(series: [.init(label: "a", y: [1, 2])]).svg()
        let row = FigureRow(items: [.svg(svg), .png([1, 2, 3], width: 2, height: 1, displayWidth: 20, alt: "a <b>")],
                            captions: [nil, "before & after"], label: "two", title: "Side <by> side")
        try row.validate()
        let html = row.html()
        #expect(html.contains("display:flex;flex-wrap:wrap"))
        #expect(html.contains(svg))
        #expect(html.contains("src=\"data:image/png;base64,AQID\" width=\"20\" height=\"10\" alt=\"a &lt;b&gt;\""))
        #expect(html.contains("before &amp; after"))
        #expect(html.contains("Side &lt;by&gt; side"))
        #expect(!html.contains("<script"))
    }

    @Test func emptyOrHugeRowsAreRefused() {
        #expect(throws: FigureError.self) { try FigureRow(items: [], captions: [], label: "").validate() }
        let many = [FigureRow.Item](repeating: .svg("<svg/>"), count: 13)
        #expect(throws: FigureError.self) {
            try FigureRow(items: many, captions: .init(repeating: nil, count: 13), label: "").validate()
        }
    }
}

/// Grouped bars: one bar per series in each category, with a legend.
@Suite struct GroupedBarChartTests {
    @Test func groupsCarryALegendAndEveryBar() {
        let chart = BarChart(labels: ["conv1", "conv2", "fc1"], series: [[1, 2, 3], [3, 2, 1]], names: ["before", "after"],
                             title: "Dead units")
        let svg = chart.svg()
        #expect(SVGChecks.problems(svg) == [] && !SVGChecks.isPlaceholder(svg))
        #expect(svg.contains(">before</text>") && svg.contains(">after</text>"))
        #expect(svg.contains("Grouped bar chart: Dead units"))
        // Six bars and two legend boxes.
        #expect(SVGChecks.count("<rect", in: svg) >= 6 + 2)
        #expect(chart.values == [1, 2, 3])
    }

    @Test func mismatchesAreExplained() {
        let short = BarChart(labels: ["a", "b"], series: [[1, 2], [1]], names: ["x", "y"])
        #expect(throws: FigureError("series 'y' has 1 value but there are 2 labels")) { try short.validate() }
        let unnamed = BarChart(labels: ["a"], series: [[1], [2]], names: ["x"])
        #expect(throws: FigureError.self) { try unnamed.validate() }
    }
}
