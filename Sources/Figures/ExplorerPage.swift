import Foundation

/// The explorer as HTML: the sheets as `data:` images, a style sheet and a
/// script of its own, all inline. Without the script (scripts off, print)
/// it is a static picture of the first image and the unit that fires most
/// on it; the script only shows and hides images and shifts sheets, so the
/// page computes nothing and loads nothing.
///
/// Crops are CSS: a box of the tile's aspect ratio, `overflow: hidden`,
/// holding the whole sheet at `width: 100%`, moved by `translateY` in
/// percent of the sheet's height, so it scales with the column on a phone.
extension ExplorerFigure {
    public func html(alt: String) -> String {
        let first = layers[0]
        let unit = first.peaks[0].indices.max { first.peaks[0][$0] < first.peaks[0][$1] } ?? 0
        var out = "<div class=\"explorer\" role=\"group\" aria-label=\"\(esc(alt))\" data-l=\"0\" data-u=\"\(unit)\">"
        out += "<style>\(ExplorerFigure.css)</style>"
        out += "<p class=\"ex-help\">Pick an image, then a unit: click or tap it, or focus a layer and use the arrow keys.</p>"
        out += "<noscript><p class=\"ex-note\">Scripts are off: this shows the first image and \(esc(first.name)) unit \(unit).</p></noscript>"
        out += "<div class=\"ex-images\" role=\"radiogroup\" aria-label=\"Images\">"
        for (i, sheet) in images.enumerated() {
            let on = i == 0
            out += "<button type=\"button\" role=\"radio\" aria-checked=\"\(on)\" tabindex=\"\(on ? 0 : -1)\" data-i=\"\(i)\" title=\"\(esc(labels[i]))\">"
                + "<img src=\"\(uri(sheet))\" alt=\"image \(i + 1): \(esc(labels[i]))\"></button>"
        }
        out += "</div>"
        for (l, layer) in layers.enumerated() {
            let a = layer.activations[0]
            let scale = max(1, min(6, 480 / a.width))
            let u = l == 0 ? unit : 0
            out += "<div class=\"ex-layer\" data-name=\"\(esc(layer.name))\" data-n=\"\(layer.units)\" data-c=\"\(a.columns)\" "
                + "data-tw=\"\(a.tileWidth)\" data-th=\"\(a.tileHeight)\">"
            out += "<p class=\"ex-name\">\(esc(layer.name)) <span>\(layer.units) units</span></p>"
            out += "<div class=\"ex-grid\" tabindex=\"0\" role=\"slider\" aria-label=\"\(esc(layer.name)) units\" aria-valuemin=\"0\" "
                + "aria-valuemax=\"\(layer.units - 1)\" aria-valuenow=\"\(u)\" style=\"width:\(a.width * scale)px\">"
            for (i, sheet) in layer.activations.enumerated() {
                let peaks = layer.peaks[i].map(ExplorerFigure.number).joined(separator: " ")
                out += "<img data-i=\"\(i)\" data-v=\"\(peaks)\"\(i == 0 ? "" : " hidden") src=\"\(uri(sheet))\" alt=\"\">"
            }
            let (w, h) = (Double(a.tileWidth + 1), Double(a.tileHeight + 1))
            let (col, row) = (Double(u % a.columns), Double(u / a.columns))
            out += "<span class=\"ex-ring\"\(l == 0 ? "" : " hidden") style=\"left:\(pct(col * w, a.width));top:\(pct(row * h, a.height));"
                + "width:\(pct(w + 1, a.width));height:\(pct(h + 1, a.height))\"></span>"
            out += "</div></div>"
        }
        out += "<div class=\"ex-unit\"><p class=\"ex-status\" aria-live=\"polite\">\(esc(first.name)) unit \(unit): "
            + "\(ExplorerFigure.number(first.peaks[0][unit])) on \(esc(labels[0]))</p>"
        for (l, layer) in layers.enumerated() {
            let u = l == 0 ? unit : 0
            out += "<div class=\"ex-set\"\(l == 0 ? "" : " hidden")>"
            if let f = layer.filters {
                out += panel([f], unit: u, width: 64, label: "its filter")
            }
            let k = layer.patches.columns
            out += panel([layer.patches], unit: u, width: max(1, 360 / layer.patches.width) * layer.patches.width,
                         label: "its top \(k) patches over \(pool)")
            out += panel(layer.projections, unit: u, width: 140, label: "its deconvnet projection on this image")
            out += "</div>"
        }
        out += "</div><script>\(ExplorerFigure.script)</script></div>"
        return out
    }

    /// One band of a sheet (a row of tiles `unit`), `width` pixels wide at most;
    /// several sheets are one a picked image.
    private func panel(_ sheets: [Sheet], unit: Int, width: Int, label: String) -> String {
        let s = sheets[0], band = s.tileHeight + 1, rows = s.rows
        var out = "<div class=\"ex-panel\"><div class=\"ex-crop\" data-t=\"\(s.tileHeight)\" data-n=\"\(rows)\" "
            + "style=\"width:\(width)px;aspect-ratio:\(s.width)/\(s.tileHeight)\">"
        // The window is the tile's rows only: a rounding error of up to a
        // sheet pixel (print rasterizes the large sheet coarsely) shows the
        // gap, never the unit above or below.
        let shift = Decimals.trimmed(-100 * Double(unit * band + 1) / Double(rows * band + 1), 3)
        for (i, sheet) in sheets.enumerated() {
            let tag = sheets.count > 1 ? " data-i=\"\(i)\"\(i == 0 ? "" : " hidden")" : ""
            out += "<img\(tag) src=\"\(uri(sheet))\" alt=\"\" style=\"transform:translateY(\(shift)%)\">"
        }
        return out + "</div><p>\(esc(label))</p></div>"
    }

    private func uri(_ s: Sheet) -> String { "data:image/png;base64," + Base64.encode(s.png) }
    private func esc(_ s: String) -> String { SVGCanvas.escape(s) }
    private func pct(_ x: Double, _ total: Int) -> String { Decimals.trimmed(100 * x / Double(total), 3) + "%" }

    /// Three significant digits, as the page shows a unit's value.
    static func number(_ x: Float) -> String {
        guard x.isFinite else { return "–" }
        return String(format: "%.3g", Double(x))
    }

    /// Scoped to `.explorer`; the card stays light in a dark page, as figures do.
    static let css = ".explorer{background:#fff;color:#1d2329;color-scheme:light;border-radius:6px;padding:.6rem;text-align:left;"
        + "font:14px/1.4 system-ui,sans-serif}.explorer [hidden]{display:none!important}"
        + ".explorer img{image-rendering:pixelated;display:block;max-width:none;border:0;background:none;padding:0}"
        + ".ex-help{margin:0 0 .5rem;color:#535e69}.explorer:not(.live) .ex-help{display:none}.ex-note{margin:0 0 .5rem;color:#535e69}"
        + ".ex-images{display:flex;flex-wrap:wrap;gap:4px;margin:0 0 .4rem}"
        + ".ex-images button{padding:2px;border:2px solid transparent;border-radius:5px;background:none;cursor:pointer;touch-action:manipulation}"
        + ".ex-images button[aria-checked=true]{border-color:#0b5cd5}.ex-images img{width:44px;height:44px}"
        + ".explorer button:focus-visible,.ex-grid:focus-visible{outline:3px solid #0b5cd5;outline-offset:2px}"
        + ".ex-layer{margin:.5rem 0}.ex-name{margin:0 0 .2rem;font-weight:600}.ex-name span{font-weight:400;color:#535e69}"
        + ".ex-grid{position:relative;max-width:100%;line-height:0;cursor:pointer;touch-action:manipulation}.ex-grid img{width:100%;height:auto}"
        + ".ex-ring{position:absolute;border:2px solid #ff9f1a;box-shadow:0 0 0 1px #1d2329;pointer-events:none}"
        + ".ex-grid:focus-visible .ex-ring{border-width:3px}"
        + ".ex-unit{border-top:1px solid #d9dee3;margin-top:.6rem;padding-top:.5rem}.ex-status{margin:0 0 .4rem;font-weight:600}"
        + ".ex-set{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:flex-start}.ex-panel{max-width:100%}"
        + ".ex-panel p{margin:.25rem 0 0;font-size:13px;color:#535e69;max-width:22rem}"
        + ".ex-crop{overflow:hidden;max-width:100%;outline:1px solid #b9c0c7}.ex-crop img{width:100%;height:auto}"
        + "@media print{.ex-help,.ex-note{display:none}}"
}
