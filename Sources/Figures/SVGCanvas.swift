/// Accumulates SVG elements and wraps them in one self-contained `<svg>`.
///
/// Plots are inlined in HTML pages, so the document carries no `<style>`
/// (it would leak into the page) and no ids (two figures on a page would
/// collide); everything is presentation attributes. One element per line
/// keeps golden-file diffs readable.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var lines: [String] = []
    /// The smallest font size drawn, which sets how far the page may shrink
    /// the figure (see `legibleWidth`).
    private(set) var smallestText = Double.infinity

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let ink = "#222"
    static let mutedInk = "#555"
    static let gridColor = "#e5e5e5"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func raw(_ element: String) {
        lines.append(element)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, extra: String = "") {
        var s = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\"" }
        lines.append(s + extra + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                       stroke: String, width: Double = 1) {
        lines.append("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"/>")
    }

    mutating func path(_ d: String, stroke: String, width: Double) {
        lines.append("<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    mutating func circle(_ cx: Double, _ cy: Double, r: Double, fill: String, stroke: String? = nil) {
        var s = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        lines.append(s + "/>")
    }

    enum Anchor: String { case start, middle, end }

    /// Text whose vertical centre is at `y` (baseline shifted by a third of
    /// the size: `dominant-baseline` is not honoured by every renderer).
    mutating func text(_ content: String, x: Double, y: Double, size: Double,
                       anchor: Anchor = .middle, fill: String = SVGCanvas.ink,
                       bold: Bool = false, rotate: Double? = nil) {
        smallestText = min(smallestText, size)
        let baseline = y + size * 0.35
        var s = "<text x=\"\(n(x))\" y=\"\(n(baseline))\" font-size=\"\(n(size))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != SVGCanvas.ink { s += " fill=\"\(fill)\"" }
        if bold { s += " font-weight=\"600\"" }
        if let rotate { s += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        lines.append(s + ">" + SVGCanvas.escape(content) + "</text>")
    }

    /// The complete document. `label` is the accessible name (`<title>` and
    /// `aria-label`); it should say what the figure shows.
    func document(label: String) -> String {
        let w = n(width), h = n(height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"100%\""
        out += " style=\"max-width:\(w)px;min-width:\(n(legibleWidth))px;height:auto\" role=\"img\" aria-label=\"\(SVGCanvas.escape(label))\""
        out += " font-family=\"\(SVGCanvas.fontFamily)\" fill=\"\(SVGCanvas.ink)\">\n"
        out += "<title>\(SVGCanvas.escape(label))</title>\n"
        out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#fff\"/>\n"
        for line in lines { out += line + "\n" }
        return out + "</svg>\n"
    }

    /// Text is never shown below this many CSS pixels: a page that fits a
    /// figure to its column by scaling it down must stop here, and scroll
    /// instead (the page wraps every figure in a scroller).
    static let legibleText = 11.0

    /// The narrowest the figure may be shown at with its smallest text
    /// still `legibleText` pixels high; figures without text may shrink to
    /// a quarter (an image grid's pixels stay visible down to that).
    var legibleWidth: Double {
        smallestText.isFinite ? (width * SVGCanvas.legibleText / smallestText).rounded(.up) : (width / 4).rounded(.up)
    }

    /// Coordinates with at most two decimals, locale-free.
    func n(_ v: Double) -> String { Decimals.trimmed(v) }

    /// Escapes text for element content and attribute values, and drops
    /// characters XML 1.0 forbids (control codes would make the page invalid).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A figure-sized box saying why the figure could not be drawn, so a page
    /// still lays out and the reader sees the reason where the figure belongs.
    static func placeholder(width: Double, height: Double, kind: String, message: String) -> String {
        var c = SVGCanvas(width: width, height: height)
        c.rect(x: 0.5, y: 0.5, width: width - 1, height: height - 1, fill: "#fafafa",
               stroke: "#bbb", extra: " stroke-dasharray=\"5 4\"")
        let wrapped = TextMetrics.wrap(message, maxWidth: width - 40, size: 13)
        let top = height / 2 - Double(wrapped.count - 1) * 9 - 12
        c.text("\(kind) not drawn", x: width / 2, y: top, size: 14, bold: true)
        for (i, line) in wrapped.enumerated() {
            c.text(line, x: width / 2, y: top + 24 + Double(i) * 18, size: 13, fill: SVGCanvas.mutedInk)
        }
        return c.document(label: "\(kind) not drawn: \(message)")
    }
}
