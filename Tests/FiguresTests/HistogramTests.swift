import Testing
@testable import Figures

/// Histograms bin as NumPy does and draw one bar per bin.
@Suite struct HistogramTests {
    @Test func binsAreHalfOpenButTheLastIsClosed() {
        // np.histogram([0, 1, 1, 2, 3, 3], bins=3, range=(0, 3)) counts [1, 2, 3].
        #expect(Histogram.counts([0, 1, 1, 2, 3, 3], edges: [0, 1, 2, 3]) == [1, 2, 3])
        // Outside the edges and NaN: not counted.
        #expect(Histogram.counts([-1, 0.5, 4, .nan], edges: [0, 1, 2, 3]) == [1, 0, 0])
        #expect(Histogram.counts([5], edges: [0, 10]) == [1])
    }

    @Test func drawsOneBarPerNonEmptyBin() {
        let h = Histogram(edges: [0, 1, 2, 3], heights: [1, 0, 3], title: "values", xlabel: "x", ylabel: "count")
        let svg = h.svg()
        #expect(SVGChecks.problems(svg) == [] && !SVGChecks.isPlaceholder(svg))
        #expect(svg.contains("Histogram: values"))
        #expect(svg.contains("3 bins from 0 to 3"))
    }

    @Test func badEdgesAreExplained() {
        #expect(throws: FigureError.self) { try Histogram(edges: [0], heights: []).validate() }
        #expect(throws: FigureError.self) { try Histogram(edges: [0, 2, 1], heights: [1, 1]).validate() }
        #expect(throws: FigureError.self) { try Histogram(edges: [0, 1], heights: [1, 2]).validate() }
    }
}
