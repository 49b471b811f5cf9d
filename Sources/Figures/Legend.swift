/// A key from colour to series or class name, placed right of the plot area.
struct Legend {
    enum Swatch { case line, dot, box }

    struct Entry {
        let label: String
        let color: String
    }

    let entries: [Entry]
    let swatch: Swatch

    static let size = 12.0, rowHeight = 20.0, swatchWidth = 18.0
    static let maxLabelWidth = 130.0

    /// Only worth drawing when it tells series apart, unless `single`: a
    /// class map all of one class still needs to say which.
    init?(_ entries: [Entry], swatch: Swatch, single: Bool = false) {
        guard entries.count > (single ? 0 : 1) else { return nil }
        self.entries = entries.map {
            Entry(label: TextMetrics.truncate($0.label, maxWidth: Legend.maxLabelWidth, size: Legend.size),
                  color: $0.color)
        }
        self.swatch = swatch
    }

    var width: Double {
        let widest = entries.map { TextMetrics.width($0.label, size: Legend.size) }.max() ?? 0
        return Legend.swatchWidth + 6 + widest
    }

    /// Entries that do not fit in `maxHeight` are summarised as "+ N more".
    func draw(_ c: inout SVGCanvas, x: Double, y: Double, maxHeight: Double) {
        let fit = max(1, Int(maxHeight / Legend.rowHeight))
        let shown = entries.count <= fit ? entries[...] : entries.prefix(fit - 1)
        for (i, entry) in shown.enumerated() {
            let cy = y + 8 + Double(i) * Legend.rowHeight
            switch swatch {
            case .line:
                c.line(x, cy, x + Legend.swatchWidth, cy, stroke: entry.color, width: 2.5)
            case .dot:
                c.circle(x + Legend.swatchWidth / 2, cy, r: 4.5, fill: entry.color)
            case .box:
                c.rect(x: x + 3, y: cy - 6, width: 12, height: 12, fill: entry.color)
            }
            c.text(entry.label, x: x + Legend.swatchWidth + 6, y: cy, size: Legend.size, anchor: .start)
        }
        if shown.count < entries.count {
            let cy = y + 8 + Double(shown.count) * Legend.rowHeight
            c.text("+ \(entries.count - shown.count) more", x: x, y: cy, size: Legend.size,
                   anchor: .start, fill: SVGCanvas.mutedInk)
        }
    }
}
