/// Images in rows and columns with optional captions under each: dataset
/// samples, filters, top-activating patches, reconstructions.
///
/// Each tile is an `<image>` with its PNG inline and drawn with hard pixel
/// edges, so a 28×28 digit scaled up shows its pixels rather than a blur.
public struct ImageGrid: Sendable {
    public var tiles: [Bitmap]
    /// Tiles per row; 0 or less picks a near-square layout.
    public var columns: Int
    public var labels: [String]?
    public var title: String?
    /// Screen pixels per image pixel of the largest tile; smaller tiles are
    /// stretched to the same cell size.
    public var tileScale: Int
    /// A colour bar drawn right of the tiles, for colour-mapped images and heatmaps.
    public var colorLegend: ColorLegend?
    /// A key from colour to name drawn right of the tiles, for maps of
    /// categories (the most probable class under an occluder).
    public var keyLegend: [(label: String, color: String)]?

    /// `tileScale` nil picks a scale that shows the largest tile at roughly
    /// 100 pixels, so 3×3 filters and 224×224 photos both read well.
    public init(tiles: [Bitmap], columns: Int = 0, labels: [String]? = nil, title: String? = nil,
                tileScale: Int? = nil, colorLegend: ColorLegend? = nil) {
        self.tiles = tiles
        self.colorLegend = colorLegend
        self.columns = columns
        self.labels = labels
        self.title = title
        let largest = tiles.map { max($0.width, $0.height) }.max() ?? 1
        self.tileScale = tileScale ?? min(24, max(1, 100 / max(1, largest)))
    }

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard !tiles.isEmpty else { throw FigureError("nothing to show: the image grid has no images") }
        if let labels, labels.count != tiles.count {
            throw FigureError("the image grid has \(Plural.count(tiles.count, "image")) but \(Plural.count(labels.count, "label"))")
        }
        if let bad = tiles.firstIndex(where: { !$0.isConsistent }) {
            throw FigureError("image \(bad) has pixel data that does not match its size")
        }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: 480, height: 200, kind: "Image grid", message: error.message)
        }
    }

    static let gap = 8.0, pad = 10.0, labelSize = 12.0, titleSize = 15.0
    static let maxLabelWidth = 140.0

    private func render() throws(FigureError) -> String {
        try validate()
        let scale = Double(min(max(1, tileScale), 64))
        let cols = columns > 0 ? min(columns, tiles.count) : Self.autoColumns(tiles.count)
        let rows = (tiles.count + cols - 1) / cols
        let tileW = Double(tiles.map(\.width).max() ?? 1) * scale
        let tileH = Double(tiles.map(\.height).max() ?? 1) * scale
        let shortLabels = labels?.map { TextMetrics.truncate($0, maxWidth: Self.maxLabelWidth, size: Self.labelSize) }
        let labelW = shortLabels?.map { TextMetrics.width($0, size: Self.labelSize) }.max() ?? 0
        let cellW = max(tileW, labelW)
        let cellH = tileH + (shortLabels == nil ? 0 : 20)
        let gridW = Double(cols) * cellW + Double(cols - 1) * Self.gap
        let titleText = title.flatMap { $0.isEmpty ? nil : TextMetrics.truncate($0, maxWidth: 600, size: Self.titleSize) }
        let titleW = titleText.map { TextMetrics.width($0, size: Self.titleSize) } ?? 0
        let barHeight = Double(rows) * cellH + Double(rows - 1) * Self.gap - (cellH - tileH)
        let key = keyLegend.flatMap { Legend($0.map { Legend.Entry(label: $0.label, color: $0.color) }, swatch: .box, single: true) }
        let barRoom = (colorLegend.map { $0.width(height: barHeight) + 16 } ?? 0) + (key.map { $0.width + 16 } ?? 0)
        let width = max(gridW + barRoom, titleW) + 2 * Self.pad
        let top = Self.pad + (titleText == nil ? 0 : 30)
        let keyHeight = key.map { Double($0.entries.count) * Legend.rowHeight } ?? 0
        let height = top + max(Double(rows) * cellH + Double(rows - 1) * Self.gap, keyHeight) + Self.pad
        let left = (width - gridW - barRoom) / 2

        var c = SVGCanvas(width: width, height: height)
        if let titleText { c.text(titleText, x: width / 2, y: Self.pad + 10, size: Self.titleSize, bold: true) }
        for (i, tile) in tiles.enumerated() {
            let cellX = left + Double(i % cols) * (cellW + Self.gap)
            let cellY = top + Double(i / cols) * (cellH + Self.gap)
            // Smaller tiles are stretched to the cell, so a 7×7 map sits beside its 28×28 image.
            let fit = min(tileW / Double(tile.width), tileH / Double(tile.height))
            let (w, h) = (Double(tile.width) * fit, Double(tile.height) * fit)
            let (x, y) = (cellX + (cellW - w) / 2, cellY + (tileH - h) / 2)
            let uri = try PNGEncoder.dataURI(tile)
            c.raw("<image x=\"\(c.n(x))\" y=\"\(c.n(y))\" width=\"\(c.n(w))\" height=\"\(c.n(h))\""
                  + " preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\""
                  + " style=\"image-rendering:pixelated\" href=\"\(uri)\"/>")
            c.rect(x: x - 0.5, y: y - 0.5, width: w + 1, height: h + 1, fill: "none", stroke: "#c8c8c8")
            if let shortLabels {
                c.text(shortLabels[i], x: cellX + cellW / 2, y: cellY + tileH + 11, size: Self.labelSize,
                       fill: SVGCanvas.mutedInk)
            }
        }
        if let colorLegend {
            try colorLegend.draw(&c, x: left + gridW + 16, y: top, height: barHeight)
        }
        if let key {
            key.draw(&c, x: left + gridW + barRoom - key.width, y: top, maxHeight: keyHeight)
        }
        var detail = "\(Plural.count(tiles.count, "image")) in \(Plural.count(cols, "column"))"
        if let labels { detail += "; labels: " + labels.prefix(20).joined(separator: ", ") + (labels.count > 20 ? ", …" : "") }
        if let colorLegend { detail += "; " + colorLegend.description }
        if let key { detail += "; key: " + key.entries.map(\.label).joined(separator: ", ") }
        return c.document(label: Describe.plot("Image grid", title: title, xlabel: nil, ylabel: nil, detail: detail))
    }

    /// Near-square, at most 10 wide (wider grids get too small on a page).
    static func autoColumns(_ n: Int) -> Int {
        var cols = 1
        while cols * cols < n { cols += 1 }
        return min(cols, 10)
    }
}
