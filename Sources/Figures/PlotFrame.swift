/// The shared skeleton of the 2-D plots: margins, grid, axes, tick labels,
/// title, axis labels and legend, plus the data-to-pixel mapping.
///
/// Layout is computed from estimated text widths so tick labels, rotated
/// category names and the legend always get room instead of clipping.
struct PlotFrame {
    enum XAxis {
        case linear(lower: Double, upper: Double)
        case categories([String])
    }

    let width: Double, height: Double
    private(set) var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
    private var x: AxisScale?
    private var y: AxisScale
    private let title: String?, xlabel: String?, ylabel: String?
    /// Titles and axis titles wrap onto more lines rather than lose words.
    private var titleLines: [String] = [], xlabelLines: [String] = [], ylabelLines: [String] = []
    /// Named x ticks that would overlap are turned, as category names are.
    private var rotateXTicks = false
    private let categories: [String]
    private var rotateCategories = false
    private let legend: Legend?

    static let tickSize = 12.0, labelSize = 13.0, titleSize = 15.0

    init(width: Int, height: Int, title: String?, xlabel: String?, ylabel: String?,
         x xAxis: XAxis, yLower: Double, yUpper: Double, legend: Legend?,
         padding: AxisScale.Padding = .points, xSettings: AxisSettings = .automatic,
         ySettings: AxisSettings = .automatic, wholeX: Bool = false) throws(FigureError) {
        self.width = Double(min(max(width, 160), 4000))
        self.height = Double(min(max(height, 120), 4000))
        self.title = title.flatMap { $0.isEmpty ? nil : $0 }
        self.xlabel = xlabel.flatMap { $0.isEmpty ? nil : $0 }
        self.ylabel = ylabel.flatMap { $0.isEmpty ? nil : $0 }
        self.legend = legend
        if case .categories(let names) = xAxis {
            categories = names.map { TextMetrics.truncate($0, maxWidth: 110, size: Self.tickSize) }
        } else {
            categories = []
        }

        // Vertical room first: the y ticks depend only on the plot height,
        // and their labels' width sets the left margin.
        let figureWidth = self.width
        titleLines = title.flatMap { $0.isEmpty ? nil : TextMetrics.wrap($0, maxWidth: figureWidth - 24, size: Self.titleSize, maxLines: 3) } ?? []
        xlabelLines = xlabel.flatMap { $0.isEmpty ? nil : TextMetrics.wrap($0, maxWidth: figureWidth - 80, size: Self.labelSize, maxLines: 3) } ?? []
        top = 14 + (titleLines.isEmpty ? 0 : 8 + 20 * Double(titleLines.count))
        let xlabelRoom = xlabelLines.isEmpty ? 0.0 : 6 + 16 * Double(xlabelLines.count)
        bottom = 10 + 24 + xlabelRoom
        y = try AxisScale(lower: yLower, upper: yUpper, length: self.height - top - bottom,
                          spacing: 40, padding: padding, name: "y", settings: ySettings)
        let room = self.height - top - bottom
        ylabelLines = ylabel.flatMap { $0.isEmpty ? nil : TextMetrics.wrap($0, maxWidth: room, size: Self.labelSize, maxLines: 3) } ?? []
        right = 16 + (legend.map { $0.width + 12 } ?? 0)
        setLeft()

        switch xAxis {
        case .linear(let lower, let upper):
            let scale = try AxisScale(lower: lower, upper: upper, length: self.width - left - right,
                                      spacing: 75, padding: .points, name: "x", settings: xSettings, wholeNumbers: wholeX)
            x = scale
            let lastHalf = TextMetrics.width(scale.labels.last ?? "", size: Self.tickSize) / 2
            let overhang = lastHalf - (1 - scale.fraction(scale.ticks.last ?? 0)) * (self.width - left - right)
            right = max(right, overhang + 6)
            // Named ticks (layer names) that do not fit between their neighbours lean 40 degrees.
            if xSettings.tickLabels != nil, scale.ticks.count > 1 {
                let gap = (self.width - left - right) * zip(scale.ticks.dropFirst(), scale.ticks).map { abs(scale.fraction($0) - scale.fraction($1)) }.min()!
                let widest = scale.labels.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0
                if widest > gap - 6 {
                    rotateXTicks = true
                    bottom = 10 + 10 + widest * 0.643 + Self.tickSize + xlabelRoom
                    y = try AxisScale(lower: yLower, upper: yUpper, length: self.height - top - bottom,
                                      spacing: 40, padding: padding, name: "y", settings: ySettings)
                }
            }
        case .categories:
            // Names that do not fit their slot are turned 40 degrees.
            let slot = (self.width - left - right) / Double(max(1, categories.count))
            let widest = categories.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0
            if widest > slot - 6 {
                rotateCategories = true
                bottom = 10 + 10 + widest * 0.643 + Self.tickSize + xlabelRoom
                y = try AxisScale(lower: yLower, upper: yUpper, length: self.height - top - bottom,
                                  spacing: 40, padding: padding, name: "y", settings: ySettings)
                setLeft()
                // A long first name leans left past the axis: make room.
                let firstWidth = TextMetrics.width(categories.first ?? "", size: Self.tickSize)
                left = max(left, firstWidth * 0.766 - slot / 2 + 10)
            }
        }
        guard plotWidth > 40, plotHeight > 40 else {
            throw FigureError("the figure is too small for its labels; make it larger or shorten the labels")
        }
    }

    private mutating func setLeft() {
        let widest = y.labels.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0
        left = 10 + (ylabelLines.isEmpty ? 0 : 8 + 16 * Double(ylabelLines.count)) + widest + 10
    }

    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    func px(_ v: Double) -> Double { left + (x?.fraction(v) ?? 0.5) * plotWidth }

    func py(_ v: Double) -> Double { top + plotHeight - y.fraction(v) * plotHeight }

    /// Whether (x, y) lies within the axes' ranges (limits cut data off).
    func contains(_ vx: Double, _ vy: Double) -> Bool {
        let fy = y.fraction(vy), fx = x?.fraction(vx) ?? 0.5
        return fx >= -1e-9 && fx <= 1 + 1e-9 && fy >= -1e-9 && fy <= 1 + 1e-9
    }

    var slotWidth: Double { plotWidth / Double(max(1, categories.count)) }

    func categoryCenter(_ i: Int) -> Double { left + (Double(i) + 0.5) * slotWidth }

    /// Title, grid and tick labels: everything drawn beneath the data.
    func drawBackground(_ c: inout SVGCanvas) {
        for (i, line) in titleLines.enumerated() {
            c.text(line, x: width / 2, y: 20 + 20 * Double(i), size: Self.titleSize, bold: true)
        }
        for (t, label) in zip(y.ticks, y.labels) {
            let ty = py(t)
            c.line(left, ty, left + plotWidth, ty, stroke: SVGCanvas.gridColor)
            c.line(left - 5, ty, left, ty, stroke: SVGCanvas.mutedInk)
            c.text(label, x: left - 8, y: ty, size: Self.tickSize, anchor: .end, fill: SVGCanvas.mutedInk)
        }
        let axisY = top + plotHeight
        if let x {
            for (t, label) in zip(x.ticks, x.labels) {
                let tx = px(t)
                c.line(tx, top, tx, axisY, stroke: SVGCanvas.gridColor)
                c.line(tx, axisY, tx, axisY + 5, stroke: SVGCanvas.mutedInk)
                if rotateXTicks {
                    c.text(label, x: tx + 4, y: axisY + 14, size: Self.tickSize, anchor: .end, fill: SVGCanvas.mutedInk, rotate: -40)
                } else {
                    c.text(label, x: tx, y: axisY + 16, size: Self.tickSize, fill: SVGCanvas.mutedInk)
                }
            }
        }
        for (i, name) in categories.enumerated() {
            let cx = categoryCenter(i)
            c.line(cx, axisY, cx, axisY + 5, stroke: SVGCanvas.mutedInk)
            if rotateCategories {
                c.text(name, x: cx + 4, y: axisY + 14, size: Self.tickSize, anchor: .end,
                       fill: SVGCanvas.mutedInk, rotate: -40)
            } else {
                c.text(name, x: cx, y: axisY + 16, size: Self.tickSize, fill: SVGCanvas.mutedInk)
            }
        }
        for (i, line) in xlabelLines.enumerated() {
            let y = height - 16 - 16 * Double(xlabelLines.count - 1 - i)
            c.text(line, x: left + plotWidth / 2, y: y, size: Self.labelSize)
        }
        for (i, line) in ylabelLines.enumerated() {
            c.text(line, x: 16 + 16 * Double(i), y: top + plotHeight / 2, size: Self.labelSize, rotate: -90)
        }
    }

    /// Axis lines and legend: drawn over the data so they stay crisp.
    func drawForeground(_ c: inout SVGCanvas) {
        let axisY = top + plotHeight
        c.line(left, top, left, axisY, stroke: SVGCanvas.mutedInk)
        c.line(left, axisY, left + plotWidth, axisY, stroke: SVGCanvas.mutedInk)
        legend?.draw(&c, x: left + plotWidth + 14, y: top, maxHeight: plotHeight)
    }
}
