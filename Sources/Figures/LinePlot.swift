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
    /// Scale and limits of each axis; data outside the limits is cut off.
    public var xaxis = AxisSettings.automatic
    public var yaxis = AxisSettings.automatic

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
        try xaxis.check(series.flatMap(\.x), name: "x")
        try yaxis.check(series.flatMap(\.y), name: "y")
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
        var wholeX = true
        for s in series {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite {
                xs.add(x)
                ys.add(y)
                wholeX = wholeX && x == x.rounded()
            }
        }
        let entries = series.indices.map { Legend.Entry(label: name(at: $0), color: Palette.color($0)) }
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .linear(lower: xs.lower, upper: xs.upper),
                                  yLower: ys.lower, yUpper: ys.upper,
                                  legend: Legend(entries, swatch: .line), xSettings: xaxis, ySettings: yaxis,
                                  wholeX: wholeX)
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
        if xaxis.limits != nil || yaxis.limits != nil {
            drawClipped(runs, color: color, markers: s.x.count <= LinePlot.markerLimit, frame: frame, into: &c)
            return
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

    /// Lines cut at the plot area's edges, for axes with limits; markers
    /// only on the points inside.
    private func drawClipped(_ runs: [[(Double, Double)]], color: String, markers: Bool, frame: PlotFrame,
                             into c: inout SVGCanvas) {
        let box = (x0: frame.left, y0: frame.top, x1: frame.left + frame.plotWidth, y1: frame.top + frame.plotHeight)
        func inside(_ p: (Double, Double)) -> Bool {
            p.0 >= box.x0 - 1e-6 && p.0 <= box.x1 + 1e-6 && p.1 >= box.y0 - 1e-6 && p.1 <= box.y1 + 1e-6
        }
        var d = ""
        var pen: (Double, Double)?
        for run in runs where run.count > 1 {
            pen = nil
            for k in 1..<run.count {
                guard let (a, b) = LinePlot.clip(run[k - 1], run[k], to: box) else { pen = nil; continue }
                if pen.map({ $0.0 != a.0 || $0.1 != a.1 }) ?? true {
                    d += (d.isEmpty ? "M" : " M") + c.n(a.0) + " " + c.n(a.1)
                }
                d += " L" + c.n(b.0) + " " + c.n(b.1)
                pen = b
            }
        }
        if !d.isEmpty { c.path(d, stroke: color, width: 2) }
        for run in runs where markers || run.count == 1 {
            for p in run where inside(p) { c.circle(p.0, p.1, r: 3.5, fill: color, stroke: "#fff") }
        }
    }

    /// The part of segment a–b inside the box (Liang and Barsky's clipping), or nil.
    static func clip(_ a: (Double, Double), _ b: (Double, Double),
                     to box: (x0: Double, y0: Double, x1: Double, y1: Double)) -> ((Double, Double), (Double, Double))? {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        var (t0, t1) = (0.0, 1.0)
        for (p, q) in [(-dx, a.0 - box.x0), (dx, box.x1 - a.0), (-dy, a.1 - box.y0), (dy, box.y1 - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return nil }
            }
        }
        return ((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy))
    }

    private func name(at i: Int) -> String {
        series[i].label.isEmpty ? "series \(i + 1)" : series[i].label
    }

    private func quotedName(_ i: Int) -> String {
        series[i].label.isEmpty ? "\(i + 1)" : "'\(series[i].label)'"
    }
}
