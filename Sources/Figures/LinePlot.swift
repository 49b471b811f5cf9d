/// Lines through (x, y) points: training curves, accuracy against a
/// parameter, and the like.
///
/// A non-finite x or y breaks its line (a diverged step shows as a gap, not
/// as a spike to the edge); a point left alone between gaps is drawn as a
/// dot. Short series get markers on every point.
public struct LinePlot: Sendable {
    public struct Series: Sendable, Equatable {
        public var label: String
        public var x: [Double]
        public var y: [Double]

        public init(label: String, x: [Double], y: [Double]) {
            self.label = label
            self.x = x
            self.y = y
        }

        /// A series against its indices 0, 1, 2, ...
        public init(label: String, y: [Double]) {
            self.init(label: label, x: y.indices.map(Double.init), y: y)
        }
    }

    public var series: [Series]
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var width: Int
    public var height: Int

    /// Series with at most this many points get a marker on each point.
    static let markerLimit = 25

    public init(series: [Series], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, width: Int = 640, height: Int = 400) {
        self.series = series
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard !series.isEmpty else { throw FigureError("nothing to plot: the line plot has no series") }
        for (i, s) in series.enumerated() where s.x.count != s.y.count {
            throw FigureError("series \(quotedName(i)) has \(Plural.count(s.x.count, "x value")) but \(Plural.count(s.y.count, "y value"))")
        }
        guard series.contains(where: { s in zip(s.x, s.y).contains { $0.isFinite && $1.isFinite } }) else {
            throw FigureError("nothing to plot: no series has a point with finite x and y")
        }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: Double(width), height: Double(height),
                                         kind: "Line plot", message: error.message)
        }
    }

    private func render() throws(FigureError) -> String {
        try validate()
        var xs = Extent(), ys = Extent()
        for s in series {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite {
                xs.add(x)
                ys.add(y)
            }
        }
        let entries = series.indices.map { Legend.Entry(label: name(at: $0), color: Palette.color($0)) }
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .linear(lower: xs.lower, upper: xs.upper),
                                  yLower: ys.lower, yUpper: ys.upper,
                                  legend: Legend(entries, swatch: .line))
        var c = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawBackground(&c)
        for (i, s) in series.enumerated() {
            draw(s, color: Palette.color(i), frame: frame, into: &c)
        }
        frame.drawForeground(&c)
        let names = series.indices.map { name(at: $0) }.joined(separator: ", ")
        return c.document(label: Describe.plot("Line plot", title: title, xlabel: xlabel, ylabel: ylabel,
                                               detail: "series: \(names)"))
    }

    private func draw(_ s: Series, color: String, frame: PlotFrame, into c: inout SVGCanvas) {
        // Split at non-finite points into runs of drawable points.
        var runs: [[(Double, Double)]] = [[]]
        for (x, y) in zip(s.x, s.y) {
            if x.isFinite && y.isFinite {
                runs[runs.count - 1].append((frame.px(x), frame.py(y)))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        var d = ""
        for run in runs where run.count > 1 {
            for (k, p) in run.enumerated() {
                d += (k == 0 ? (d.isEmpty ? "M" : " M") : " L") + c.n(p.0) + " " + c.n(p.1)
            }
        }
        if !d.isEmpty { c.path(d, stroke: color, width: 2) }
        let markers = s.x.count <= LinePlot.markerLimit
        for run in runs where markers || run.count == 1 {
            for p in run { c.circle(p.0, p.1, r: 3.5, fill: color, stroke: "#fff") }
        }
    }

    private func name(at i: Int) -> String {
        series[i].label.isEmpty ? "series \(i + 1)" : series[i].label
    }

    private func quotedName(_ i: Int) -> String {
        series[i].label.isEmpty ? "\(i + 1)" : "'\(series[i].label)'"
    }
}
