/// One bar per category, with its value printed at the bar's end: class
/// counts, per-class accuracy, parameter counts per layer.
///
/// Bars grow from zero, so negative values hang below a dark zero line.
/// A non-finite value gets no bar and the label "n/a".
public struct BarChart: Sendable {
    public var labels: [String]
    public var values: [Double]
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var width: Int
    public var height: Int

    public init(labels: [String], values: [Double], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, width: Int = 640, height: Int = 400) {
        self.labels = labels
        self.values = values
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard !values.isEmpty else { throw FigureError("nothing to plot: the bar chart has no values") }
        guard labels.count == values.count else {
            throw FigureError("the bar chart has \(Plural.count(labels.count, "label")) but \(Plural.count(values.count, "value"))")
        }
        guard values.contains(where: \.isFinite) else {
            throw FigureError("nothing to plot: no bar has a finite value")
        }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: Double(width), height: Double(height),
                                         kind: "Bar chart", message: error.message)
        }
    }

    private func render() throws(FigureError) -> String {
        try validate()
        var extent = Extent()
        extent.add(0)
        for v in values where v.isFinite { extent.add(v) }
        // Headroom keeps value labels past the longest bars inside the plot.
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .categories(labels), yLower: extent.lower, yUpper: extent.upper,
                                  legend: nil, padding: .bars)
        var c = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawBackground(&c)

        let zero = frame.py(0)
        let barWidth = min(frame.slotWidth * 0.7, 90)
        let texts = values.map { $0.isFinite ? Decimals.typeset(Decimals.short($0)) : "n/a" }
        let valueSize = 11.5
        let showValues = texts.allSatisfy { TextMetrics.width($0, size: valueSize) <= frame.slotWidth - 2 }
        for (i, v) in values.enumerated() {
            let cx = frame.categoryCenter(i)
            var end = zero
            if v.isFinite {
                end = frame.py(v)
                c.rect(x: cx - barWidth / 2, y: min(zero, end), width: barWidth, height: abs(end - zero),
                       fill: Palette.color(0))
            }
            if showValues {
                let y = v < 0 ? end + 10 : end - 9
                c.text(texts[i], x: cx, y: y, size: valueSize, fill: SVGCanvas.mutedInk)
            }
        }
        c.line(frame.left, zero, frame.left + frame.plotWidth, zero, stroke: SVGCanvas.ink)
        frame.drawForeground(&c)
        return c.document(label: Describe.plot("Bar chart", title: title, xlabel: xlabel, ylabel: ylabel,
                                               detail: summary(texts)))
    }

    /// The values themselves, for screen readers (the first 20 bars).
    private func summary(_ texts: [String]) -> String {
        let pairs = zip(labels, texts).prefix(20).map { "\($0) \($1)" }
        return "bars: " + pairs.joined(separator: ", ") + (values.count > 20 ? ", …" : "")
    }
}
