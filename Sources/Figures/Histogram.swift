/// How values are distributed: bars over adjacent bins on a numeric x axis
/// (weights, activations, gradients, the confidence of predictions).
///
/// Bins follow NumPy's `histogram`: each holds the values from its left
/// edge up to, not including, its right edge, except the last, which holds
/// its right edge too; values outside the edges are not counted.
public struct Histogram: Sendable {
    /// Ascending bin edges: one more than there are bins.
    public var edges: [Double]
    /// One height per bin: a count, or a density.
    public var heights: [Double]
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var width: Int
    public var height: Int

    public init(edges: [Double], heights: [Double], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, width: Int = 640, height: Int = 400) {
        self.edges = edges
        self.heights = heights
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    /// How many of `values` fall in each bin between `edges` (ascending);
    /// NaN and values outside the edges in none.
    public static func counts<Values: Sequence<Double>>(_ values: Values, edges: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: max(0, edges.count - 1))
        guard let first = edges.first, let last = edges.last, !counts.isEmpty else { return counts }
        for v in values where v >= first && v <= last {
            // The last edge that is at or below v (a binary search), kept in the last bin.
            var (lo, hi) = (0, edges.count - 1)
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if edges[mid] <= v { lo = mid } else { hi = mid }
            }
            counts[min(lo, counts.count - 1)] += 1
        }
        return counts
    }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard edges.count >= 2 else { throw FigureError("a histogram needs at least one bin (two edges)") }
        guard heights.count == edges.count - 1 else {
            throw FigureError("a histogram with \(Plural.count(edges.count, "edge")) has \(edges.count - 1) bins, "
                              + "but \(Plural.count(heights.count, "height")) were given")
        }
        guard edges.allSatisfy(\.isFinite), zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FigureError("the bin edges must be finite and increasing")
        }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: Double(width), height: Double(height),
                                         kind: "Histogram", message: error.message)
        }
    }

    private func render() throws(FigureError) -> String {
        try validate()
        var extent = Extent()
        extent.add(0)
        for h in heights where h.isFinite { extent.add(h) }
        if extent.upper == 0 { extent.add(1) }  // no values in range: an empty axis up to 1
        let whole = edges.allSatisfy { $0 == $0.rounded() }
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .linear(lower: edges[0], upper: edges[edges.count - 1]),
                                  yLower: extent.lower, yUpper: extent.upper, legend: nil, padding: .bars, wholeX: whole)
        var c = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawBackground(&c)
        let zero = frame.py(0)
        for (i, h) in heights.enumerated() where h.isFinite && h > 0 {
            let (x0, x1) = (frame.px(edges[i]), frame.px(edges[i + 1]))
            let gap = x1 - x0 > 4 ? 1.0 : 0
            c.rect(x: x0 + gap / 2, y: frame.py(h), width: max(0.5, x1 - x0 - gap), height: zero - frame.py(h),
                   fill: Palette.color(0))
        }
        c.line(frame.left, zero, frame.left + frame.plotWidth, zero, stroke: SVGCanvas.ink)
        frame.drawForeground(&c)
        let detail = "\(Plural.count(heights.count, "bin")) from \(Decimals.short(edges[0])) to "
            + "\(Decimals.short(edges[edges.count - 1])), the highest \(Decimals.short(heights.filter(\.isFinite).max() ?? 0))"
        return c.document(label: Describe.plot("Histogram", title: title, xlabel: xlabel, ylabel: ylabel, detail: detail))
    }
}
