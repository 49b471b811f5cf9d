import Foundation

/// A confusion matrix as a reader needs it: the class names along both
/// sides (true class down the left, predicted class along the top), the
/// count written in every cell, and a colour bar for the shading.
///
/// Cells are SVG rectangles, not a stretched bitmap, so the counts sit on
/// their cells and stay sharp when the page enlarges the figure. The
/// diagonal (the correct answers) usually dwarfs the rest; shading by the
/// share of each true class (`rowShare`) keeps the mistakes visible.
public struct ConfusionMatrix: Sendable {
    /// `counts[t][p]`: how many examples of true class t were predicted as p.
    public var counts: [[Double]]
    public var classes: [String]
    public var title: String?
    public var cmap: Colormap
    /// Shade each cell by its share of its row (the true class) rather
    /// than by its count; the cells still show the counts.
    public var rowShare: Bool

    public init(counts: [[Double]], classes: [String], title: String? = nil, cmap: Colormap = .viridis, rowShare: Bool = true) {
        self.counts = counts
        self.classes = classes
        self.title = title
        self.cmap = cmap
        self.rowShare = rowShare
    }

    public func validate() throws(FigureError) {
        let n = counts.count
        guard n > 0 else { throw FigureError("nothing to show: the confusion matrix is empty") }
        guard n <= 60 else { throw FigureError("a confusion matrix of \(n) classes is too large to read (at most 60)") }
        guard counts.allSatisfy({ $0.count == n }) else { throw FigureError("a confusion matrix must be square (classes × classes)") }
        guard classes.count == n else {
            throw FigureError("the confusion matrix has \(Plural.count(n, "class", "classes")) but \(Plural.count(classes.count, "class name"))")
        }
        guard counts.joined().allSatisfy({ $0.isFinite }) else { throw FigureError("the confusion matrix holds a value that is not finite") }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: 480, height: 200, kind: "Confusion matrix", message: error.message)
        }
    }

    static let nameSize = 12.0, countSize = 12.0, axisSize = 13.0, titleSize = 15.0, pad = 10.0

    private func render() throws(FigureError) -> String {
        try validate()
        let n = counts.count
        let names = classes.map { TextMetrics.truncate($0, maxWidth: 120, size: Self.nameSize) }
        let texts = counts.map { $0.map { Decimals.short($0) } }
        let widestCount = texts.joined().map { TextMetrics.width($0, size: Self.countSize) }.max() ?? 0
        let cell = max(34, widestCount + 10)
        let widestName = names.map { TextMetrics.width($0, size: Self.nameSize) }.max() ?? 0
        let shares = counts.map { row -> [Double] in
            let total = row.reduce(0, +)
            return row.map { total > 0 ? $0 / total : 0 }
        }
        let shade = rowShare ? shares : counts
        // Shares run to 1 (a class always right); counts to the largest.
        let upper = rowShare ? 1 : (shade.joined().max() ?? 1)
        let legend = ColorLegend(cmap: cmap, lower: 0, upper: upper > 0 ? upper : 1,
                                 label: rowShare ? "share of the true class" : "count")
        let gridSize = Double(n) * cell
        let titleLines = title.map { $0.isEmpty ? [] : TextMetrics.wrap($0, maxWidth: 520, size: Self.titleSize, maxLines: 3) } ?? []
        let titleRoom = titleLines.isEmpty ? 0 : Double(titleLines.count) * 20 + 8
        // Column names lean 45 degrees above the grid; the axis title sits above them.
        let columnRoom = widestName * 0.72 + 14
        let top = Self.pad + titleRoom + 22 + columnRoom + (legend.factorText == nil ? 0 : 18)
        let left = Self.pad + 22 + widestName + 10
        let barRoom = legend.width(height: gridSize) + 24
        let width = max(left + gridSize + barRoom + Self.pad, (titleLines.map { TextMetrics.width($0, size: Self.titleSize) }.max() ?? 0) + 2 * Self.pad)
        let height = top + gridSize + Self.pad + 6

        var c = SVGCanvas(width: width, height: height)
        for (i, line) in titleLines.enumerated() {
            c.text(line, x: width / 2, y: Self.pad + 10 + Double(i) * 20, size: Self.titleSize, bold: true)
        }
        c.text("predicted class", x: left + gridSize / 2, y: Self.pad + titleRoom + 8, size: Self.axisSize)
        c.text("true class", x: Self.pad + 8, y: top + gridSize / 2, size: Self.axisSize, rotate: -90)
        for (j, name) in names.enumerated() {
            let cx = left + (Double(j) + 0.5) * cell
            c.text(name, x: cx - 2, y: top - 8, size: Self.nameSize, anchor: .start, fill: SVGCanvas.mutedInk, rotate: -45)
        }
        for (i, name) in names.enumerated() {
            c.text(name, x: left - 8, y: top + (Double(i) + 0.5) * cell, size: Self.nameSize, anchor: .end, fill: SVGCanvas.mutedInk)
        }
        for i in 0..<n {
            for j in 0..<n {
                let t = upper > 0 ? shade[i][j] / upper : 0
                let (r, g, b) = cmap.rgb(t)
                let fill = String(format: "#%02x%02x%02x", r, g, b)
                let (x, y) = (left + Double(j) * cell, top + Double(i) * cell)
                c.rect(x: x, y: y, width: cell, height: cell, fill: fill, stroke: "#fff")
                // Dark ink on light cells, white on dark (relative luminance).
                let light = 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) > 140
                c.text(texts[i][j], x: x + cell / 2, y: y + cell / 2, size: Self.countSize,
                       fill: light ? SVGCanvas.ink : "#fff", bold: i == j)
            }
        }
        try legend.draw(&c, x: left + gridSize + 16, y: top, height: gridSize)
        let total = counts.joined().reduce(0, +)
        let correct = (0..<n).reduce(0) { $0 + counts[$1][$1] }
        let detail = "\(n) classes (\(classes.joined(separator: ", "))); \(Decimals.short(correct)) of \(Decimals.short(total)) on the diagonal"
        return c.document(label: Describe.plot("Confusion matrix", title: title, xlabel: "predicted class", ylabel: "true class",
                                               detail: detail))
    }
}
