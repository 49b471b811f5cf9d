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

    /// Headers over the columns and beside the rows, for grids whose
    /// position means something (a method a row, an image a column): one
    /// name each instead of a label repeated under every tile.
    public var rowHeaders: [String]?
    public var columnHeaders: [String]?
    /// When set, the tile scale is an upper bound: it shrinks (down to
    /// tiles `minTile` pixels wide) until the grid is at most this wide, and
    /// a grid without headers then wraps to fewer columns. Authors who give
    /// a scale get exactly that scale.
    public var fitWidth: Double?

    /// `tileScale` nil picks a scale that shows the largest tile at roughly
    /// 100 pixels, so 3×3 filters and 224×224 photos both read well, and
    /// fits the grid to a page's column.
    public init(tiles: [Bitmap], columns: Int = 0, labels: [String]? = nil, title: String? = nil,
                tileScale: Int? = nil, colorLegend: ColorLegend? = nil) {
        self.tiles = tiles
        self.colorLegend = colorLegend
        self.columns = columns
        self.labels = labels
        self.title = title
        let largest = tiles.map { max($0.width, $0.height) }.max() ?? 1
        self.tileScale = tileScale ?? min(24, max(1, 100 / max(1, largest)))
        if tileScale == nil { fitWidth = ImageGrid.columnWidth }
    }

    /// What fits a page's text column at full size (the page lets wider
    /// figures out of the column, or scroll, rather than shrink their text).
    public static let columnWidth = 700.0
    /// Tiles are not shrunk below this many pixels to fit.
    static let minTile = 36.0
    /// The widest a figure is shown at full size on a wide screen, out of
    /// the column (narrower screens scroll it).
    static let pageWidth = 860.0

    /// Throws what `svg()` would otherwise draw as a placeholder.
    public func validate() throws(FigureError) {
        guard !tiles.isEmpty else { throw FigureError("nothing to show: the image grid has no images") }
        if let labels, labels.count != tiles.count {
            throw FigureError("the image grid has \(Plural.count(tiles.count, "image")) but \(Plural.count(labels.count, "label"))")
        }
        if let bad = tiles.firstIndex(where: { !$0.isConsistent }) {
            throw FigureError("image \(bad) has pixel data that does not match its size")
        }
        let cols = layoutColumns
        let rows = (tiles.count + cols - 1) / cols
        if let columnHeaders, columnHeaders.count != cols {
            throw FigureError("the image grid has \(Plural.count(cols, "column")) but \(Plural.count(columnHeaders.count, "column header"))")
        }
        if let rowHeaders, rowHeaders.count != rows {
            throw FigureError("the image grid has \(Plural.count(rows, "row")) of \(cols) but \(Plural.count(rowHeaders.count, "row header"))")
        }
    }

    public func svg() -> String {
        do {
            return try render()
        } catch {
            return SVGCanvas.placeholder(width: 480, height: 200, kind: "Image grid", message: error.message)
        }
    }

    static let gap = 8.0, pad = 10.0, labelSize = 12.0, titleSize = 15.0, headerSize = 13.0
    static let maxLabelWidth = 140.0, maxRowHeaderWidth = 130.0
    /// A colour bar shorter than this has no room for its 3 to 5 ticks.
    static let minBarHeight = 110.0

    private var hasHeaders: Bool { rowHeaders != nil || columnHeaders != nil }

    private var requestedColumns: Int { columns > 0 ? min(columns, tiles.count) : Self.autoColumns(tiles.count) }

    /// The largest tile, in image pixels.
    private var tileSize: (w: Double, h: Double) {
        (Double(tiles.map(\.width).max() ?? 1), Double(tiles.map(\.height).max() ?? 1))
    }

    private var shortLabels: [String]? {
        labels?.map { TextMetrics.truncate($0, maxWidth: Self.maxLabelWidth, size: Self.labelSize) }
    }

    /// Room beside the tiles: the colour bar or key on the right, row headers on the left.
    private func sideRoom(barHeight: Double) -> Double {
        (colorLegend.map { $0.width(height: max(barHeight, Self.minBarHeight)) + 16 } ?? 0)
            + (keyLegend.flatMap { Legend($0.map { Legend.Entry(label: $0.label, color: $0.color) }, swatch: .box, single: true) }
                .map { $0.width + 16 } ?? 0)
            + rowHeaderWidth
    }

    private var rowHeaderWidth: Double {
        guard let rowHeaders else { return 0 }
        let widest = rowHeaders.flatMap { TextMetrics.wrap($0, maxWidth: Self.maxRowHeaderWidth, size: Self.headerSize, maxLines: 3) }
            .map { TextMetrics.width($0, size: Self.headerSize) }.max() ?? 0
        // Headers are bold, up to a quarter wider than the metrics' regular face (DejaVu Sans Bold).
        return widest * 1.25 + 14
    }

    /// The scale and column count actually drawn: as given, or fitted to `fitWidth`.
    private var layout: (scale: Double, columns: Int) {
        let given = Double(min(max(1, tileScale), 64))
        var cols = requestedColumns
        guard let fitWidth else { return (given, cols) }
        let labelW = shortLabels?.map { TextMetrics.width($0, size: Self.labelSize) }.max() ?? 0
        let headerW = columnHeaders?.map { min(TextMetrics.width($0, size: Self.headerSize), Self.maxLabelWidth) }.max() ?? 0
        let side = sideRoom(barHeight: 0) + 2 * Self.pad
        func width(_ scale: Double, _ cols: Int) -> Double {
            let cell = max(tileSize.w * scale, labelW, headerW)
            return Double(cols) * cell + Double(cols - 1) * Self.gap + side
        }
        var scale = given
        while scale > 1, width(scale, cols) > fitWidth, tileSize.w * (scale - 1) >= Self.minTile { scale -= 1 }
        // Still too wide even for a page that lets it out of the column:
        // wrap to fewer columns (unless headers pin each tile's place),
        // preferring a divisor of the columns asked for, so 16 becomes 2 × 8.
        if !hasHeaders, width(scale, cols) > Self.pageWidth {
            var fits = cols
            while fits > 1, width(scale, fits) > Self.pageWidth { fits -= 1 }
            let divisor = (1...fits).last { cols % $0 == 0 } ?? 1
            cols = divisor * 2 > fits ? divisor : fits
        }
        return (scale, cols)
    }

    /// Columns as laid out (for validation, which must agree with the drawing).
    var layoutColumns: Int { layout.columns }

    private func render() throws(FigureError) -> String {
        try validate()
        let (scale, cols) = layout
        let rows = (tiles.count + cols - 1) / cols
        let tileW = tileSize.w * scale
        let tileH = tileSize.h * scale
        let shortLabels = self.shortLabels
        let labelW = shortLabels?.map { TextMetrics.width($0, size: Self.labelSize) }.max() ?? 0
        let headers = columnHeaders?.map { TextMetrics.wrap($0, maxWidth: max(tileW, Self.maxLabelWidth), size: Self.headerSize, maxLines: 2) }
        let headerW = (headers?.flatMap { $0 }.map { TextMetrics.width($0, size: Self.headerSize) }.max() ?? 0) * 1.25
        let cellW = max(tileW, labelW, headers == nil ? 0 : min(headerW, Self.maxLabelWidth))
        let cellH = tileH + (shortLabels == nil ? 0 : 20)
        let gridW = Double(cols) * cellW + Double(cols - 1) * Self.gap
        let gridH = Double(rows) * cellH + Double(rows - 1) * Self.gap
        let titleLines = title.map { $0.isEmpty ? [] : TextMetrics.wrap($0, maxWidth: max(gridW, 420), size: Self.titleSize, maxLines: 3) } ?? []
        let titleW = titleLines.map { TextMetrics.width($0, size: Self.titleSize) }.max() ?? 0
        let headerLines = headers?.map(\.count).max() ?? 0
        let headerRoom = headerLines == 0 ? 0 : Double(headerLines) * 16 + 6
        let barHeight = max(gridH - (cellH - tileH), colorLegend == nil ? 0 : Self.minBarHeight)
        let key = keyLegend.flatMap { Legend($0.map { Legend.Entry(label: $0.label, color: $0.color) }, swatch: .box, single: true) }
        let rowRoom = rowHeaderWidth
        let barRoom = sideRoom(barHeight: barHeight) - rowRoom
        let width = max(rowRoom + gridW + barRoom, titleW) + 2 * Self.pad
        let titleRoom = titleLines.isEmpty ? 0 : Double(titleLines.count) * 20 + 10
        let top = Self.pad + titleRoom + headerRoom + (colorLegend?.factorText == nil ? 0 : 18)
        let keyHeight = key.map { Double($0.entries.count) * Legend.rowHeight } ?? 0
        let height = top + max(gridH, keyHeight, colorLegend == nil ? 0 : barHeight) + Self.pad
        let left = (width - gridW - barRoom - rowRoom) / 2 + rowRoom

        var c = SVGCanvas(width: width, height: height)
        for (i, line) in titleLines.enumerated() {
            c.text(line, x: width / 2, y: Self.pad + 10 + Double(i) * 20, size: Self.titleSize, bold: true)
        }
        if let headers {
            for (j, lines) in headers.enumerated() {
                let cx = left + Double(j) * (cellW + Self.gap) + cellW / 2
                for (k, line) in lines.enumerated() {
                    let y = top - headerRoom + 8 + Double(headerLines - lines.count + k) * 16
                    c.text(line, x: cx, y: y, size: Self.headerSize, bold: true)
                }
            }
        }
        if let rowHeaders {
            for (r, header) in rowHeaders.enumerated() {
                let lines = TextMetrics.wrap(header, maxWidth: Self.maxRowHeaderWidth, size: Self.headerSize, maxLines: 3)
                let cy = top + Double(r) * (cellH + Self.gap) + tileH / 2 - Double(lines.count - 1) * 8
                for (k, line) in lines.enumerated() {
                    c.text(line, x: left - 10, y: cy + Double(k) * 16, size: Self.headerSize, anchor: .end, bold: true)
                }
            }
        }
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
        if let columnHeaders { detail += "; columns: " + columnHeaders.joined(separator: ", ") }
        if let rowHeaders { detail += "; rows: " + rowHeaders.joined(separator: ", ") }
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
