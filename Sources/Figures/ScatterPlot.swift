/// Points in the plane, optionally coloured by class: embeddings (t-SNE,
/// PCA) of images, with one colour per label.
///
/// Dots shrink and turn slightly transparent as their number grows, so
/// thousands of points still show their density. Points with a non-finite
/// coordinate are left out (the accessible description counts them).
public struct ScatterPlot: Sendable {
    public var x: [Double]
    public var y: [Double]
    /// One class index per point; colours follow `Palette`.
    public var categories: [Int]?
    /// Names of class indices 0, 1, ...; missing names read "class k".
    public var categoryNames: [String]?
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    public var width: Int
    public var height: Int
    /// Scale and limits of each axis; points outside the limits are not drawn.
    public var xaxis = AxisSettings.automatic
    public var yaxis = AxisSettings.automatic

    public init(x: [Double], y: [Double], categories: [Int]? = nil, categoryNames: [String]? = nil,
                title: String? = nil, xlabel: String? = nil, ylabel: String? = nil,
                width: Int = 640, height: Int = 400) {
        self.x = x
        self.y = y
        self.categories = categories
        self.categoryNames = categoryNames
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.width = width
        self.height = height
    }

    public init(points: [(Double, Double)], categories: [Int]? = nil, categoryNames: [String]? = nil,
                title: String? = nil, xlabel: String? = nil, ylabel: String? = nil,
                width: Int = 640, height: Int = 400) {
        self.init(x: points.map(\.0), y: points.map(\.1), categories: categories,
                  categoryNames: categoryNames, title: title, xlabel: xlabel, ylabel: ylabel,
                  width: width, height: height)
    }

    public var points: [(Double, Double)] { Array(zip(x, y)) }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard x.count == y.count else {
            throw FigureError("the scatter plot has \(Plural.count(x.count, "x value")) but \(Plural.count(y.count, "y value"))")
        }
        guard !x.isEmpty else { throw FigureError("nothing to plot: the scatter plot has no points") }
        if let categories, categories.count != x.count {
            throw FigureError("the scatter plot has \(Plural.count(x.count, "point")) but \(Plural.count(categories.count, "class label"))")
        }
        guard zip(x, y).contains(where: { $0.isFinite && $1.isFinite }) else {
            throw FigureError("nothing to plot: no point has finite coordinates")
        }
        try xaxis.check(x, name: "x")
        try yaxis.check(y, name: "y")
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: Double(width), height: Double(height),
                                         kind: "Scatter plot", message: error.message)
        }
    }

    private func render() throws(FigureError) -> String {
        try validate()
        var xs = Extent(), ys = Extent()
        var groups: [Int: [Int]] = [:]
        var skipped = 0
        var wholeX = true
        for i in x.indices {
            guard x[i].isFinite, y[i].isFinite else { skipped += 1; continue }
            xs.add(x[i])
            ys.add(y[i])
            wholeX = wholeX && x[i] == x[i].rounded()
            groups[categories?[i] ?? 0] = []
        }
        let classes = groups.keys.sorted()
        let legend = categories == nil ? nil : Legend(classes.map {
            Legend.Entry(label: name(of: $0), color: Palette.color($0))
        }, swatch: .dot)
        let frame = try PlotFrame(width: width, height: height, title: title, xlabel: xlabel, ylabel: ylabel,
                                  x: .linear(lower: xs.lower, upper: xs.upper),
                                  yLower: ys.lower, yUpper: ys.upper, legend: legend,
                                  xSettings: xaxis, ySettings: yaxis, wholeX: wholeX)
        var outside = 0
        for i in x.indices where x[i].isFinite && y[i].isFinite {
            guard frame.contains(x[i], y[i]) else { outside += 1; continue }
            groups[categories?[i] ?? 0, default: []].append(i)
        }
        var c = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawBackground(&c)

        let drawn = x.count - skipped - outside
        let r = drawn <= 200 ? 3.5 : (drawn <= 2000 ? 2.5 : 1.8)
        let opacity = drawn <= 200 ? "" : " fill-opacity=\"0.75\""
        for k in classes {
            c.raw("<g fill=\"\(Palette.color(k))\"\(opacity)>")
            for i in groups[k] ?? [] {
                c.raw("<circle cx=\"\(c.n(frame.px(x[i])))\" cy=\"\(c.n(frame.py(y[i])))\" r=\"\(c.n(r))\"/>")
            }
            c.raw("</g>")
        }
        frame.drawForeground(&c)
        var detail = Plural.count(drawn, "point")
        if categories != nil { detail += " in \(Plural.count(classes.count, "class", "classes"))" }
        if skipped > 0 { detail += ", \(skipped) with non-finite coordinates not drawn" }
        if outside > 0 { detail += ", \(outside) outside the axis limits not drawn" }
        return c.document(label: Describe.plot("Scatter plot", title: title, xlabel: xlabel, ylabel: ylabel,
                                               detail: detail))
    }

    private func name(of k: Int) -> String {
        if let names = categoryNames, names.indices.contains(k), !names[k].isEmpty { return names[k] }
        return "class \(k)"
    }
}
