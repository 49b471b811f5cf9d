/// One bar per category, with its value printed at the bar's end: class
/// counts, per-class accuracy, parameter counts per layer.
///
/// Bars grow from zero, so negative values hang below a dark zero line.
/// A non-finite value gets no bar and the label "n/a". Several series make
/// grouped bars: one bar of each series side by side in every category, in
/// the series' colours, with a legend.
public struct BarChart: Sendable {
    public var labels: [String]
    /// The first (or only) series.
    public var values: [Double] {
        get { series.first ?? [] }
        set { if series.isEmpty { series = [newValue] } else { series[0] = newValue } }
    }
    /// One list of values per series, each with one value per label.
    public var series: [[Double]]
    /// The series' names, for the legend.
    public var seriesNames: [String] = []
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var width: Int
    public var height: Int

    public init(labels: [String], values: [Double], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, width: Int = 640, height: Int = 400) {
        self.labels = labels
        self.series = [values]
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    /// Grouped bars: `series[j][i]` is series j's value for label i.
    public init(labels: [String], series: [[Double]], names: [String], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, width: Int = 640, height: Int = 400) {
        self.init(labels: labels, values: [], title: title, xlabel: xlabel, ylabel: ylabel, width: width, height: height)
        self.series = series
        seriesNames = names
    }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard !series.isEmpty else { throw FigureError("nothing to plot: the bar chart has no series") }
        if series.count > 1 {
            guard seriesNames.count == series.count else {
                throw FigureError("the bar chart has \(Plural.count(series.count, "series", "series")) but "
                                  + "\(Plural.count(seriesNames.count, "series name"))")
            }
            for (j, values) in series.enumerated() where values.count != labels.count {
                throw FigureError("series '\(seriesNames[j])' has \(Plural.count(values.count, "value")) but there "
                                  + "\(labels.count == 1 ? "is 1 label" : "are \(labels.count) labels")")
            }
            guard series.contains(where: { $0.contains(where: \.isFinite) }) else {
                throw FigureError("nothing to plot: no bar has a finite value")
            }
            return
        }
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
        if series.count > 1 { return try renderGroups() }
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
        let valueSize = 12.0
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

    /// Grouped bars: within each category's slot, one bar per series, left to right.
    private func renderGroups() throws(FigureError) -> String {
        var extent = Extent()
        extent.add(0)
        for values in series { for v in values where v.isFinite { extent.add(v) } }
        let legend = Legend(seriesNames.indices.map { Legend.Entry(label: seriesNames[$0], color: Palette.color($0)) },
                            swatch: .box)
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .categories(labels), yLower: extent.lower, yUpper: extent.upper,
                                  legend: legend, padding: .bars)
        var c = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawBackground(&c)

        let zero = frame.py(0)
        let groupWidth = min(frame.slotWidth * 0.8, 90 * Double(series.count))
        let barWidth = groupWidth / Double(series.count)
        let valueSize = 11.0
        let texts = series.map { $0.map { $0.isFinite ? Decimals.typeset(Decimals.short($0)) : "n/a" } }
        let showValues = texts.allSatisfy { $0.allSatisfy { TextMetrics.width($0, size: valueSize) <= barWidth + 2 } }
        for (j, values) in series.enumerated() {
            for (i, v) in values.enumerated() {
                let cx = frame.categoryCenter(i) - groupWidth / 2 + (Double(j) + 0.5) * barWidth
                var end = zero
                if v.isFinite {
                    end = frame.py(v)
                    c.rect(x: cx - barWidth / 2 + 0.5, y: min(zero, end), width: barWidth - 1, height: abs(end - zero),
                           fill: Palette.color(j))
                }
                if showValues {
                    c.text(texts[j][i], x: cx, y: v < 0 ? end + 10 : end - 8, size: valueSize, fill: SVGCanvas.mutedInk)
                }
            }
        }
        c.line(frame.left, zero, frame.left + frame.plotWidth, zero, stroke: SVGCanvas.ink)
        frame.drawForeground(&c)
        let detail = zip(seriesNames, texts).prefix(6).map { name, values in
            name + ": " + zip(labels, values).prefix(12).map { "\($0) \($1)" }.joined(separator: ", ")
        }.joined(separator: "; ")
        return c.document(label: Describe.plot("Grouped bar chart", title: title, xlabel: xlabel, ylabel: ylabel,
                                               detail: detail))
    }

    /// The values themselves, for screen readers (the first 20 bars).
    private func summary(_ texts: [String]) -> String {
        let pairs = zip(labels, texts).prefix(20).map { "\($0) \($1)" }
        return "bars: " + pairs.joined(separator: ", ") + (values.count > 20 ? ", …" : "")
    }
}
