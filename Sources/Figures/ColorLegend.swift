/// A colour bar: which colour stands for which value in a heatmap or a
/// colour-mapped image. Use it standalone (`svg()`) or attach it to an
/// `ImageGrid`, which draws it to the right of the tiles.
public struct ColorLegend: Sendable {
    public var cmap: Colormap
    /// The values at the bottom and top of the bar (the range the image was
    /// normalised with).
    public var lower: Double
    public var upper: Double
    public var label: String?
    /// Length of the bar in pixels when drawn standalone.
    public var length: Int

    public init(cmap: Colormap, lower: Double, upper: Double, label: String? = nil, length: Int = 200) {
        self.cmap = cmap
        self.lower = lower
        self.upper = upper
        self.label = label
        self.length = length
    }

    static let barWidth = 14.0, tickSize = 12.0

    /// Room it needs to the right of where a bar of `height` starts.
    func width(height: Double) -> Double {
        let labels = tickLabels(height: height).map { TextMetrics.width($0.1, size: Self.tickSize) }.max() ?? 0
        return Self.barWidth + 8 + labels + (label?.isEmpty == false ? 24 : 0)
    }

    public func svg() -> String {
        let barHeight = Double(min(max(length, 60), 2000))
        let pad = 10.0
        var c = SVGCanvas(width: width(height: barHeight) + 2 * pad, height: barHeight + 2 * pad + 8)
        do {
            try draw(&c, x: pad, y: pad + 4, height: barHeight)
        } catch {
            return SVGCanvas.placeholder(width: 240, height: 120, kind: "Colour bar", message: error.message)
        }
        return c.document(label: description)
    }

    var description: String {
        "Colour bar: \(cmap.rawValue) from \(Decimals.short(lower)) to \(Decimals.short(upper))"
            + (label.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
    }

    func draw(_ c: inout SVGCanvas, x: Double, y: Double, height: Double) throws(FigureError) {
        guard lower.isFinite, upper.isFinite else {
            throw FigureError("a colour bar needs finite bounds, got \(lower) and \(upper)")
        }
        // The ramp is a 1×256 PNG stretched smoothly: no gradient ids to collide in a page.
        var ramp = [UInt8]()
        for i in (0..<256).reversed() {
            let (r, g, b) = cmap.rgb(Double(i) / 255)
            ramp += [r, g, b]
        }
        let uri = try PNGEncoder.dataURI(Bitmap(width: 1, height: 256, channels: 3, pixels: ramp))
        c.raw("<image x=\"\(c.n(x))\" y=\"\(c.n(y))\" width=\"\(c.n(Self.barWidth))\" height=\"\(c.n(height))\""
              + " preserveAspectRatio=\"none\" href=\"\(uri)\"/>")
        c.rect(x: x, y: y, width: Self.barWidth, height: height, fill: "none", stroke: SVGCanvas.mutedInk)
        let span = upper - lower
        for (value, text) in tickLabels(height: height) {
            let ty = span == 0 ? y + height / 2 : y + height - (value - lower) / span * height
            c.line(x + Self.barWidth, ty, x + Self.barWidth + 4, ty, stroke: SVGCanvas.mutedInk)
            c.text(Decimals.typeset(text), x: x + Self.barWidth + 7, y: ty, size: Self.tickSize, anchor: .start,
                   fill: SVGCanvas.mutedInk)
        }
        if let label, !label.isEmpty {
            let text = TextMetrics.truncate(label, maxWidth: height, size: 13)
            c.text(text, x: x + width(height: height) - 8, y: y + height / 2, size: 13, rotate: -90)
        }
    }

    /// Nice ticks inside the range, or just the two ends when none fit.
    private func tickLabels(height: Double) -> [(Double, String)] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let (lo, hi) = (min(lower, upper), max(lower, upper))
        if lo == hi { return [(lo, Decimals.short(lo))] }
        let all = NiceScale.ticks(lower: lo, upper: hi, maxCount: max(2, Int(height / 28)))
        let step = NiceScale.step(of: all)
        let slack = (hi - lo) * 1e-9
        let inside = all.filter { $0 >= lo - slack && $0 <= hi + slack }
        if inside.count >= 2 { return inside.map { ($0, NiceScale.label($0, step: step)) } }
        return [(lo, Decimals.short(lo)), (hi, Decimals.short(hi))]
    }
}
