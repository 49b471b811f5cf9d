/// Figures side by side: a before/after pair, a filter grid beside its
/// activations. The page shows them in one row that wraps to one figure a
/// line when the screen is too narrow for them, so the row is HTML (a
/// flexbox with inline styles, since pages carry no script and figures
/// bring no stylesheet), with each figure's SVG or PNG inside.
public struct FigureRow: Sendable {
    public enum Item: Sendable, Equatable {
        /// An SVG document (or an HTML fragment made by another row).
        case svg(String)
        /// PNG bytes, shown `displayWidth` pixels wide with crisp pixels.
        case png([UInt8], width: Int, height: Int, displayWidth: Int, alt: String)
    }

    public var items: [Item]
    /// One optional caption per item, shown under it.
    public var captions: [String?]
    /// What the row shows, for screen readers.
    public var label: String
    /// A title above the row.
    public var title: String?

    /// A row holds at most this many figures; more would not fit side by side.
    public static let maxItems = 12

    public init(items: [Item], captions: [String?], label: String, title: String? = nil) {
        self.items = items
        self.captions = captions
        self.label = label
        self.title = title
    }

    public func validate() throws(FigureError) {
        guard !items.isEmpty else { throw FigureError("a row needs at least one figure") }
        guard items.count <= FigureRow.maxItems else {
            throw FigureError("a row of \(items.count) figures is too many to sit side by side (at most \(FigureRow.maxItems))")
        }
        guard captions.count == items.count else {
            throw FigureError("a row of \(Plural.count(items.count, "figure")) has \(Plural.count(captions.count, "caption"))")
        }
    }

    /// Each cell takes an equal share of the row and at least 13rem (or the
    /// whole width on a narrower screen), below which the row wraps.
    public func html() -> String {
        var out = ""
        if let title, !title.isEmpty {
            out += "<span style=\"display:block;font:600 15px/1.4 system-ui,sans-serif;margin-bottom:.4rem\">\(SVGCanvas.escape(title))</span>\n"
        }
        // Spans, not divs: the page may wrap the row in a <label> (click to enlarge), which holds phrasing content.
        out += "<span class=\"figure-row\" role=\"group\" aria-label=\"\(SVGCanvas.escape(label))\" "
            + "style=\"display:flex;flex-wrap:wrap;gap:.8rem 1rem;justify-content:center;align-items:flex-start\">\n"
        for (item, caption) in zip(items, captions) {
            // A cell keeps its figure's legible width, so the row wraps (or scrolls) before text shrinks.
            let least = FigureRow.legibleWidth(item).map { "max(min(100%,13rem),\($0)px)" } ?? "min(100%,13rem)"
            out += "<span style=\"display:block;flex:1 1 0;min-width:\(least);text-align:center\">"
            switch item {
            case let .svg(svg):
                out += svg
            case let .png(bytes, width, height, displayWidth, alt):
                let uri = "data:image/png;base64," + Base64.encode(bytes)
                out += "<img class=\"pixels\" src=\"\(uri)\" width=\"\(displayWidth)\" "
                    + "height=\"\(displayWidth * height / max(width, 1))\" alt=\"\(SVGCanvas.escape(alt))\" "
                    + "style=\"max-width:100%;height:auto\">"
            }
            if let caption, !caption.isEmpty {
                out += "<span style=\"display:block;font:13px/1.4 system-ui,sans-serif;color:#57606a;margin-top:.2rem\">"
                    + SVGCanvas.escape(caption) + "</span>"
            }
            out += "</span>\n"
        }
        return out + "</span>\n"
    }

    /// The `min-width` an item's SVG carries (`SVGCanvas.legibleWidth`), if any.
    static func legibleWidth(_ item: Item) -> Int? {
        guard case let .svg(svg) = item, let r = svg.range(of: "min-width:") else { return nil }
        return Int(Double(svg[r.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0)
    }
}
