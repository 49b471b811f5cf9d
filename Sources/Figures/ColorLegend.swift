import Foundation

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
        let factorW = factorText.map { TextMetrics.width($0, size: Self.tickSize) - Self.barWidth - 8 } ?? 0
        let lines = labelLines(height: height).count
        return Self.barWidth + 8 + max(labels, factorW) + (lines == 0 ? 0 : 8 + 16 * Double(lines))
    }

    func labelLines(height: Double) -> [String] {
        guard let label, !label.isEmpty else { return [] }
        return TextMetrics.wrap(label, maxWidth: max(height, 60), size: 13, maxLines: 2)
    }

    public func svg() -> String {
        let barHeight = Double(min(max(length, 60), 2000))
        let pad = 10.0
        let above = factorText == nil ? 0.0 : 18
        var c = SVGCanvas(width: width(height: barHeight) + 2 * pad, height: barHeight + 2 * pad + 8 + above)
        do {
            try draw(&c, x: pad, y: pad + 4 + above, height: barHeight)
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
        if let factorText {
            c.text(factorText, x: x, y: y - 9, size: Self.tickSize, anchor: .start, fill: SVGCanvas.mutedInk)
        }
        // The label turns along the bar and wraps onto a second line rather than lose words.
        let lines = labelLines(height: height)
        for (i, line) in lines.enumerated() {
            let lx = x + width(height: height) - 8 - 16 * Double(lines.count - 1 - i)
            c.text(line, x: lx, y: y + height / 2, size: 13, rotate: -90)
        }
    }

    /// 3 to 5 round ticks inside the range (never the bare ends written
    /// out as "7.3e-5"): the coarsest 1-2-5 step that puts at least three
    /// inside. Values far from 1 are written as multiples of a power of
    /// ten that `factor` names above the bar.
    func tickLabels(height: Double) -> [(Double, String)] {
        guard lower.isFinite, upper.isFinite else { return [] }
        let (lo, hi) = (min(lower, upper), max(lower, upper))
        let power = factor.map { pow(10, Double($0)) } ?? 1
        if lo == hi { return [(lo, Decimals.short(lo / power))] }
        let slack = (hi - lo) * 1e-9
        var best: [Double] = []
        for count in 2...12 {
            let inside = NiceScale.ticks(lower: lo, upper: hi, maxCount: count).filter { $0 >= lo - slack && $0 <= hi + slack }
            if inside.count > 5 { break }
            best = inside
            if inside.count >= 3 { break }
        }
        if best.count < 2 { best = [lo, hi] }
        let step = NiceScale.step(of: best) / power
        return best.map { ($0, NiceScale.label($0 / power, step: step)) }
    }

    /// The power of ten the tick labels are written in, when the values are
    /// too small or too large to read as plain numbers (below 0.01, or 10^5
    /// and above); nil otherwise.
    var factor: Int? {
        let largest = max(abs(lower), abs(upper))
        guard largest.isFinite, largest > 0 else { return nil }
        let e = Int(floor(log10(largest)))
        return e < -2 || e >= 5 ? e : nil
    }

    /// "×10⁻⁵": the factor's caption, drawn above the bar.
    var factorText: String? {
        factor.map { "×" + AxisScale.power(pow(10, Double($0))) }
    }
}
