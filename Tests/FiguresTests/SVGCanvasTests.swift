import Testing
@testable import Figures

@Suite struct SVGCanvasTests {
    @Test func escapingCoversMarkupQuotesAndControlCharacters() {
        #expect(SVGCanvas.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(SVGCanvas.escape("x\u{0}y\u{1B}z\u{85}") == "xyz")
        #expect(SVGCanvas.escape("tab\tnew\nline") == "tab new line")
        #expect(SVGCanvas.escape("ünï 😀 ×") == "ünï 😀 ×")
    }

    @Test func placeholderIsAFigureSizedMessage() {
        let svg = SVGCanvas.placeholder(width: 300, height: 200, kind: "Thing", message: "because <reasons>")
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains("viewBox=\"0 0 300 200\""))
        #expect(svg.contains("<title>Thing not drawn: because &lt;reasons&gt;</title>"))
    }

    @Test func textMetricsTruncateAndWrap() {
        let long = String(repeating: "word ", count: 40)
        #expect(TextMetrics.truncate(long, maxWidth: 100, size: 12).hasSuffix("…"))
        #expect(TextMetrics.width(TextMetrics.truncate(long, maxWidth: 100, size: 12), size: 12) <= 100)
        #expect(TextMetrics.truncate("short", maxWidth: 100, size: 12) == "short")
        #expect(TextMetrics.wrap(long, maxWidth: 200, size: 12).count > 1)
    }

    @Test func colourBarStandsAlone() {
        let svg = ColorLegend(cmap: .coolwarm, lower: -0.37, upper: 0.42, label: "weight").svg()
        #expect(SVGChecks.problems(svg) == [])
        #expect(svg.contains(">\u{2212}0.2</text>") && svg.contains(">0.4</text>"))
        #expect(SVGChecks.isPlaceholder(ColorLegend(cmap: .gray, lower: .nan, upper: 1).svg()))
        #expect(SVGChecks.problems(ColorLegend(cmap: .gray, lower: 3, upper: 3).svg()) == [])
    }

    @Test func paletteHasTenDistinctColoursAndWraps() {
        #expect(Set(Palette.colors).count == 10)
        #expect(Palette.color(10) == Palette.color(0))
        #expect(Palette.color(-1) == Palette.color(9))
    }
}
