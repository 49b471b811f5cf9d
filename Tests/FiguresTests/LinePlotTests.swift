import Testing
@testable import Figures

@Suite struct LinePlotTests {
    @Test func goldenSampleIsAWellFormedFigure() {
        let svg = Samples.lossPlot.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains(">train</text>") && svg.contains(">test</text>"))  // legend
        #expect(svg.contains(">epoch</text>") && svg.contains(">loss</text>"))
        #expect(svg.contains("<title>Line plot: Cross-entropy loss while training; x: epoch; y: loss; series: train, test</title>"))
        #expect(SVGChecks.count("<path", in: svg) == 2)
    }

    @Test func oneSeriesNeedsNoLegend() {
        let svg = LinePlot(series: [.init(label: "only", y: [1, 2, 3])]).svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(!svg.contains(">only</text>"))
    }

    @Test func nonFinitePointsBreakTheLine() {
        let svg = LinePlot(series: [.init(label: "a", y: [1, 2, .nan, 3, 4, .infinity, 5])]).svg()
        #expect(SVGChecks.problems(svg) == [])
        let path = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
        #expect(SVGChecks.count("M", in: String(path)) == 2)  // [1, 2] and [3, 4]; 5 stands alone
        #expect(SVGChecks.count("<circle", in: svg) == 5)  // markers on every finite point
    }

    @Test func aLonePointBetweenGapsIsStillDrawn() {
        let y = [Double.nan] + [Double](repeating: .nan, count: 30) + [2.0]
        let svg = LinePlot(series: [.init(label: "a", y: y)]).svg()
        #expect(!SVGChecks.isPlaceholder(svg))
        #expect(SVGChecks.count("<circle", in: svg) == 1)
        #expect(!svg.contains("<path"))
    }

    @Test func degenerateDataStillPlots() {
        for series in [[LinePlot.Series(label: "p", x: [3], y: [7])],
                       [.init(label: "flat", y: [5, 5, 5, 5])],
                       [.init(label: "zero", y: [0, 0])],
                       [.init(label: "tiny", x: [0, 1e-9], y: [1e-12, 3e-12])],
                       [.init(label: "huge", x: [0, 1], y: [1e300, -1e300])]] {
            let svg = LinePlot(series: series).svg()
            #expect(SVGChecks.problems(svg) == [], "\(series[0].label)")
            #expect(!SVGChecks.isPlaceholder(svg), "\(series[0].label)")
        }
    }

    @Test func unplottableInputGetsAPlaceholderAndAnError() {
        let cases: [(LinePlot, String)] = [
            (LinePlot(series: []), "no series"),
            (LinePlot(series: [.init(label: "loss", x: [1, 2], y: [1])]), "series &#39;loss&#39; has 2 x values but 1 y value"),
            (LinePlot(series: [.init(label: "a", y: [.nan, .infinity])]), "no series has a point"),
            (LinePlot(series: [.init(label: "a", x: [-1e308, 1e308], y: [0, 1])]), "too large"),
        ]
        for (plot, message) in cases {
            let svg = plot.svg()
            #expect(SVGChecks.problems(svg) == [])
            #expect(SVGChecks.isPlaceholder(svg))
            #expect(svg.contains(message), "\(message)")
        }
        #expect(throws: FigureError.self) { try cases[1].0.validate() }
        #expect(throws: Never.self) { try Samples.lossPlot.validate() }
    }

    @Test func textIsEscaped() {
        let plot = LinePlot(series: [.init(label: "<b>", y: [1, 2]), .init(label: "a&b", y: [2, 1])],
                            title: "x < y & \"z\"", xlabel: "it's", ylabel: "\u{7}bell")
        let svg = plot.svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains("x &lt; y &amp; &quot;z&quot;"))
        #expect(svg.contains("&lt;b&gt;") && svg.contains("a&amp;b") && svg.contains("it&#39;s"))
        #expect(!svg.contains("<b>") && !svg.contains("\u{7}"))
    }

    @Test func absurdSizesAreClamped() {
        let svg = LinePlot(series: [.init(label: "a", y: [1, 2])], width: -5, height: 1_000_000).svg()
        #expect(svg.contains("viewBox=\"0 0 160 4000\""))
    }
}
