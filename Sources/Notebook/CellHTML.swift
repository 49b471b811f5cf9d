import Foundation
import Figures
import Lab

/// HTML for what cells produced: a block's source, outputs, checks and
/// errors; an inline value or documented number.
enum CellHTML {
    static func block(_ b: LessonRun.BlockResult, index: Int, builtins: Set<String>,
                      figures: inout Int, tables: inout Int) -> String {
        let anchor = b.id ?? "block-\(index)"
        let status = b.run.status.rawValue
        var out = ""
        if b.attributes.solution {
            // A broken solution opens itself: the author must see its error box.
            out += "<details class=\"solution\"\(b.run.status == .ok ? "" : " open")><summary>Solution</summary>\n"
        }
        // The cell's extra class and style when a figure takes it out of the column.
        var wide = (cls: "", style: "")
        let opening = out.count
        if b.attributes.echo {
            let source = "<pre class=\"source\"><code>\(lines(Highlighter.html(b.source, builtins: builtins)))</code></pre>\n"
            out += b.attributes.fold ? "<details class=\"source-fold\"><summary>Source</summary>\n\(source)</details>\n" : source
        }
        if b.run.status == .skipped, let why = b.run.skipReason {
            out += "<div class=\"note skipped\"><strong>Skipped.</strong> This block \(HTML.escape(why)).</div>\n"
        }
        if b.attributes.output, !b.run.outputs.isEmpty {
            out += "<div class=\"outputs\">\n"
            for o in b.run.outputs { out += output(o, figures: &figures, tables: &tables) }
            out += "</div>\n"
            // A figure wider than the column takes the cell out of the column with it.
            let widest = b.run.outputs.compactMap { o -> Double? in if case let .figure(f) = o { naturalWidth(f) } else { nil } }.max() ?? 0
            let want = (widest + cellPadding - columnWidth).rounded(.up)
            if want > 0 { wide = (" wide", " style=\"--want:\(Int(want))px\"") }
        }
        if !b.run.claims.isEmpty {
            out += "<ul class=\"checks\">\n"
            for c in b.run.claims { out += check(c) }
            out += "</ul>\n"
        }
        for d in b.run.diagnostics { out += errorBox(d) }
        out.insert(contentsOf: "<section class=\"cell \(status)\(wide.cls)\"\(wide.style) id=\"\(HTML.escape(anchor))\">\n",
                   at: out.index(out.startIndex, offsetBy: opening))
        out += "</section>\n"
        if b.attributes.solution { out += "</details>\n" }
        return out
    }

    /// The figure's alt text as its SVG's `aria-label` (what a screen
    /// reader says for `role="img"`), replacing the one the picture came with.
    static func labelled(_ svg: String, _ alt: String) -> String {
        guard svg.hasPrefix("<svg"), let close = svg.firstIndex(of: ">") else { return svg }
        var tag = String(svg[..<close])
        if let a = tag.range(of: " aria-label=\""), let end = tag[a.upperBound...].firstIndex(of: "\"") {
            tag.replaceSubrange(a.lowerBound...end, with: "")
        }
        return tag + " aria-label=\"\(HTML.escape(alt))\"" + svg[close...]
    }

    /// The text column's width in CSS pixels (46rem less main's padding), and
    /// what a cell adds around a figure (its padding and border).
    static let columnWidth = 696.0, cellPadding = 34.0

    /// The width and height a figure is drawn for: its SVG's viewBox, or
    /// the width its PNG is shown at.
    static func naturalSize(_ f: FigureValue) -> (Double, Double) {
        switch f.content {
        case let .png(_, w, h, displayWidth):
            return (Double(displayWidth), Double(displayWidth * h / max(w, 1)))
        case .explorer:
            // Its own layout wraps to the column; it is never enlarged.
            return (0, 0)
        case let .svg(svg):
            guard svg.hasPrefix("<svg"), let box = svg.range(of: "viewBox=\""),
                  let end = svg[box.upperBound...].firstIndex(of: "\"") else {
                // A row of figures (HTML): as wide as its widest part.
                return (rowWidth(svg), 0)
            }
            let parts = svg[box.upperBound..<end].split(separator: " ").compactMap { Double($0) }
            return parts.count == 4 ? (parts[2], parts[3]) : (0, 0)
        }
    }

    static func naturalWidth(_ f: FigureValue) -> Double { naturalSize(f).0 }

    /// The least width a row of figures keeps: the sum of its parts' legible widths, capped at a wide page.
    static func rowWidth(_ html: String) -> Double {
        var total = 0.0
        var rest = html[...]
        while let r = rest.range(of: "min-width:") {
            let digits = rest[r.upperBound...].prefix { $0.isNumber || $0 == "." }
            total += Double(digits) ?? 0
            rest = rest[r.upperBound...]
        }
        return min(total, 860)
    }

    static func errorBox(_ d: Diagnostic) -> String {
        "<div class=\"error-box\" role=\"alert\"><span class=\"where\">\(HTML.escape(d.file)):\(d.location.line):\(d.location.column)</span> "
            + "<strong>error:</strong> \(HTML.escape(d.message))</div>\n"
    }

    static func output(_ o: Output, figures: inout Int, tables: inout Int) -> String {
        switch o {
        case let .text(t, caption):
            let cap = caption.map { "<span class=\"type\">\(HTML.escape($0))</span>" } ?? ""
            return "<div class=\"output text\">\(cap)<pre>\(HTML.escape(t))</pre></div>\n"
        case let .figure(f):
            figures += 1
            let body: String
            switch f.content {
            case let .svg(svg): body = labelled(svg, f.alt)
            case let .png(bytes, w, h, displayWidth):
                let uri = "data:image/png;base64," + Data(bytes).base64EncodedString()
                // Large pictures of many small images (an embedding grid) scroll rather than shrink past 3/4.
                let least = displayWidth > 600 ? " style=\"min-width:\(displayWidth * 3 / 4)px\"" : ""
                body = "<img class=\"pixels\" src=\"\(uri)\" width=\"\(displayWidth)\" height=\"\(displayWidth * h / max(w, 1))\" alt=\"\(HTML.escape(f.alt))\"\(least)>"
            case let .explorer(e): body = e.html(alt: f.alt)
            }
            var caption = "<span class=\"label\">Figure \(figures).</span>"
            switch f.content {
            case .png, .explorer: if let t = f.title { caption += " <strong>\(HTML.escape(t))</strong>" }
            case .svg: break
            }
            if let c = f.caption { caption += " " + HTML.escape(c) }
            let (w, h) = naturalSize(f)
            let size = w > 0 && h > 0 ? " style=\"--w:\(Int(w))px;--ar:\(String(format: "%.3f", w / h))\"" : ""
            // A labelled figure's id is its label, the anchor of `@fig-NAME`.
            let id = HTML.escape(f.label ?? "figure-\(figures)")
            let shown: String
            if body.contains("<script") {
                // An interactive figure keeps its clicks: it scrolls, but does not enlarge.
                shown = "<div class=\"figure-scroll\">\(body)</div>"
            } else {
                shown = "<input type=\"checkbox\" class=\"zoom\" id=\"\(id)-zoom\" aria-label=\"Enlarge figure \(figures)\">"
                    + "<label class=\"figure-scroll\" for=\"\(id)-zoom\">\(body)</label>"
                    + "<span class=\"zoom-hint\" aria-hidden=\"true\">click to enlarge</span>"
            }
            return "<figure class=\"output figure\" id=\"\(id)\"\(size)>\(shown)<figcaption>\(caption)</figcaption></figure>\n"
        case let .table(t):
            tables += 1
            return table(t, number: tables)
        }
    }

    static func table(_ t: TableValue, number: Int) -> String {
        var out = "<figure class=\"output table\" id=\"\(HTML.escape(t.label ?? "table-\(number)"))\">"
        var caption = "<span class=\"label\">Table \(number).</span>"
        if let title = t.title { caption += " <strong>\(HTML.escape(title))</strong>" }
        if let c = t.caption { caption += " " + HTML.escape(c) }
        out += "<figcaption>\(caption)</figcaption><div class=\"table-wrap\"><table class=\"data\">\n<thead><tr>"
        let numeric = t.columns.indices.map { i in t.rows.allSatisfy { i < $0.count && ($0[i].number != nil || $0[i].text.isEmpty) } && !t.rows.isEmpty }
        for (i, c) in t.columns.enumerated() { out += "<th\(numeric[i] ? " class=\"num\"" : "")>\(HTML.escape(c))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        func row(_ cells: [TableValue.Cell]) -> String {
            cells.enumerated().map { i, c in
                "<td\(c.number != nil || (i < numeric.count && numeric[i]) ? " class=\"num\"" : "")>\(HTML.escape(c.text))</td>"
            }.joined()
        }
        for r in t.rows { out += "<tr>\(row(r))</tr>\n" }
        out += "</tbody>\n"
        if let f = t.footer { out += "<tfoot><tr>\(row(f))</tr></tfoot>\n" }
        return out + "</table></div></figure>\n"
    }

    static func check(_ c: ClaimResult) -> String {
        let mark = c.status == .pass ? "✓" : c.status == .fail ? "✗" : "!"
        var detail = ""
        switch c.status {
        case .pass, .fail:
            if !c.computedText.isEmpty { detail = " <span class=\"computed\">computed \(HTML.escape(c.computedText))</span>" }
        case .error:
            detail = " <span class=\"computed\">\(HTML.escape(c.error?.message ?? "error"))</span>"
        }
        if let w = c.warning { detail += " <span class=\"weak\">(\(HTML.escape(w)))</span>" }
        return "<li class=\"\(c.status.rawValue)\"><span class=\"mark\">\(mark)</span> <code>expect \(HTML.escape(c.source))</code>\(detail)</li>\n"
    }

    static func inline(_ r: InlineRun) -> String {
        if let c = r.claim { return claim(c, written: r.text) }
        if let d = r.diagnostic {
            return "<span class=\"inline-error\" title=\"\(HTML.escape(d.rendered))\"><code>\(HTML.escape(r.text))</code> ⚠</span>"
        }
        return "<span class=\"value\">\(HTML.escape(r.text))</span>"
    }

    /// Each line of highlighted source in a block of its own, so a line too
    /// long for the column wraps under itself with a hanging indent (`--i`
    /// is its own indentation). Tokens never span lines; if one ever did,
    /// the source is left as one block, which still wraps.
    static func lines(_ highlighted: String) -> String {
        let rows = highlighted.split(separator: "\n", omittingEmptySubsequences: false)
        let balanced = rows.allSatisfy { $0.components(separatedBy: "<span").count == $0.components(separatedBy: "</span>").count }
        guard balanced else { return highlighted }
        return rows.enumerated().map { i, row in
            let last = i == rows.count - 1
            if last && row.isEmpty { return "" }
            let indent = row.prefix { $0 == " " }.count
            let style = indent > 0 ? " style=\"--i:\(indent)\"" : ""
            return "<span class=\"line\"\(style)>\(row)\(last ? "" : "\n")</span>"
        }.joined()
    }

    /// A documented number, shown as written with a mark. It is focusable,
    /// and its explanation (what was computed) is a child shown as a popover
    /// on hover and on keyboard or touch focus, read by screen readers, and
    /// printed beside the number.
    static func claim(_ c: ClaimResult, written: String) -> String {
        let computed = HTML.escape(c.computedText)
        let shown = HTML.escape(c.documented ?? written)
        func tip(_ text: String) -> String { "<span class=\"tip\">\(text)</span>" }
        switch (c.kind, c.status) {
        case (.erratum, .pass):
            let like = (try? Claim.parse(c.documented ?? "")).flatMap { claim -> String? in
                if case let .number(x)? = c.computed { return claim.formatLike(x) }
                return nil
            } ?? c.computedText
            return "<span class=\"claim erratum\" tabindex=\"0\">"
                + "<del>\(shown)</del> <ins>\(HTML.escape(like))</ins>"
                + tip("corrected: the source says \(shown); computed \(computed)") + "</span>"
        case (_, .pass) where c.warning != nil:
            // Subtle on purpose: the reader sees a checked number; the author sees why the check is weak.
            return "<span class=\"claim pass weak\" tabindex=\"0\">\(shown)<span class=\"mark\" aria-hidden=\"true\">✓</span>"
                + tip("reproduces, but could hardly fail: computed \(computed); \(HTML.escape(c.warning!))") + "</span>"
        case (_, .pass):
            return "<span class=\"claim pass\" tabindex=\"0\">\(shown)<span class=\"mark\" aria-hidden=\"true\">✓</span>"
                + tip("reproduces: computed \(computed)") + "</span>"
        case (_, .fail) where c.fill != nil:
            // A draft: the number it will say, marked as not yet written.
            let fill = HTML.escape(c.fill!)
            return "<span class=\"claim fail placeholder\" tabindex=\"0\">\(fill)"
                + "<span class=\"mark\" aria-hidden=\"true\">?</span>"
                + tip("a placeholder, not yet written: check --fix writes \(fill)") + "</span>"
        case (_, .fail):
            let note = c.kind == .erratum ? "marked as an erratum, but it reproduces" : "does not reproduce"
            return "<span class=\"claim fail\" tabindex=\"0\">\(shown)<span class=\"mark\" aria-hidden=\"true\">✗</span>"
                + " <span class=\"computed\">(computed \(computed))</span>" + tip("\(note): computed \(computed)") + "</span>"
        case (_, .error):
            return "<span class=\"claim error\" tabindex=\"0\">\(shown)<span class=\"mark\" aria-hidden=\"true\">⚠</span>"
                + tip(HTML.escape(c.error?.rendered ?? "error")) + "</span>"
        }
    }
}
