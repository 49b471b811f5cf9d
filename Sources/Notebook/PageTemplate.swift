/// The page around a lesson: one self-contained file with its CSS inline.
/// No script, font or stylesheet is fetched from anywhere.
enum PageTemplate {
    struct Link { var title: String; var href: String }

    static func page(title: String, description: String?, article: String, tally: Tally,
                     previous: Link?, next: Link?) -> String {
        let nav = "<nav class=\"top\"><a href=\"index.html\">All lessons</a></nav>"
        var footer = "<nav class=\"pager\">"
        if let p = previous { footer += "<a class=\"prev\" href=\"\(HTML.href(p.href))\">← \(HTML.escape(p.title))</a>" }
        if let n = next { footer += "<a class=\"next\" href=\"\(HTML.href(n.href))\">\(HTML.escape(n.title)) →</a>" }
        footer += "</nav>"
        let desc = description.map { "<p class=\"lede\">\(HTML.escape($0))</p>\n" } ?? ""
        // The lede and tally go under the lesson's own title when it opens the page.
        var article = article
        var header = "<header class=\"lesson\">\(desc)\(badge(tally))</header>"
        if article.hasPrefix("<h1"), let end = article.range(of: "</h1>\n") {
            article.insert(contentsOf: header + "\n", at: end.upperBound)
            header = ""
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Lectern">
        <title>\(HTML.escape(title))</title>
        <style>\(css)\(FormatAdditionsCSS.css)</style>
        </head>
        <body>
        \(nav)
        <main>
                \(header)
        <article>
        \(article)</article>
        \(footer)
        </main>
        </body>
        </html>

        """
    }

    static func badge(_ t: Tally) -> String {
        let total = t.passed + t.failed
        if total == 0 && t.errors == 0 { return "" }
        let cls = t.isGreen ? "ok" : "bad"
        var text = "\(t.passed) of \(total) documented number\(total == 1 ? "" : "s") reproduce"
        if total == 1 { text = t.passed == 1 ? "its 1 documented number reproduces" : "its 1 documented number does not reproduce" }
        if t.errors > 0 { text += " · \(t.errors) error\(t.errors == 1 ? "" : "s")" }
        return "<p class=\"tally \(cls)\">\(text)</p>"
    }

    static let css = """
    :root{--ink:#1d2329;--muted:#5b6670;--rule:#d9dee3;--paper:#fff;--code-bg:#f5f7f9;--accent:#1f6feb;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;color-scheme:light}
    *{box-sizing:border-box}
    body{margin:0;background:var(--paper);color:var(--ink);font:18px/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;-webkit-font-smoothing:antialiased}
    main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 4rem}
    nav.top{max-width:46rem;margin:0 auto;padding:.8rem 1.25rem 0;font:14px/1.4 system-ui,sans-serif}
    nav a,a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
    h1,h2,h3,h4{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.25;margin:2rem 0 .6rem}
    h1{font-size:2rem;margin-top:1rem}h2{font-size:1.45rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem}h3{font-size:1.15rem}
    .anchor{visibility:hidden;margin-left:.4rem;color:var(--muted);font-weight:400}h1:hover .anchor,h2:hover .anchor,h3:hover .anchor{visibility:visible}
    .lede{font-size:1.15rem;color:var(--muted);margin:.2rem 0}
    .tally{display:inline-block;font:13px/1.4 system-ui,sans-serif;padding:.2rem .6rem;border-radius:1rem;margin:.4rem 0}
    .tally.ok{background:#dafbe1;color:var(--ok)}.tally.bad{background:#ffebe9;color:var(--bad)}
    p,ul,ol,blockquote{margin:.8rem 0}blockquote{border-left:3px solid var(--rule);margin-left:0;padding-left:1rem;color:var(--muted)}
    code,pre{font:14.5px/1.5 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
    :not(pre)>code{background:var(--code-bg);padding:.1em .3em;border-radius:4px}
    pre{margin:0;overflow-x:auto}
    pre.code{background:var(--code-bg);padding:.8rem 1rem;border-radius:6px;margin:1rem 0}
    .cell{margin:1.4rem 0;border:1px solid var(--rule);border-radius:8px;overflow:hidden}
    .cell pre.source{background:var(--code-bg);padding:.8rem 1rem;border-bottom:1px solid var(--rule)}
    .cell.error{border-color:#f0b4b4}.cell.skipped{border-style:dashed}
    .outputs{padding:.6rem 1rem}
    .output.text{margin:.3rem 0}.output.text .type{display:block;font:12px system-ui,sans-serif;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    figure{margin:.8rem 0;text-align:center}figure svg{max-width:100%;height:auto}
    figcaption{font:14px/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.4rem;text-align:left}
    figcaption .label{font-weight:600;color:var(--ink)}
    img.pixels{image-rendering:pixelated;image-rendering:crisp-edges;max-width:100%;height:auto;border:1px solid var(--rule)}
    img{max-width:100%}
    .table-wrap{overflow-x:auto}
    table{border-collapse:collapse;margin:.8rem auto;font:15px/1.4 system-ui,sans-serif}
    th,td{padding:.3rem .7rem;border-bottom:1px solid var(--rule);text-align:left}
    th{border-bottom:2px solid var(--ink);font-weight:600}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    tfoot td{font-weight:600;border-top:2px solid var(--ink);border-bottom:none}
    figure.table{text-align:left}figure.table figcaption{margin:0 0 .2rem}
    ul.checks{list-style:none;margin:0;padding:.4rem 1rem .6rem;border-top:1px solid var(--rule);font:13.5px/1.5 system-ui,sans-serif;color:var(--muted)}
    ul.checks code{background:none;padding:0}
    ul.checks .mark{display:inline-block;width:1.1em;font-weight:700}
    ul.checks .pass .mark{color:var(--ok)}ul.checks .fail,ul.checks .error{color:var(--bad)}
    .claim{white-space:nowrap;border-bottom:1px dotted var(--muted)}
    .claim .mark{font:700 .7em system-ui,sans-serif;vertical-align:super;margin-left:.1em}
    .claim.pass .mark{color:var(--ok)}.claim.fail,.claim.error{color:var(--bad)}
    .claim .computed{font-size:.85em}
    .claim.placeholder{color:inherit;border-bottom:2px dashed var(--bad)}.claim.placeholder .mark{color:var(--bad)}
    .claim.erratum del{color:var(--bad);text-decoration-thickness:2px}.claim.erratum ins{text-decoration:none;color:var(--ok);font-weight:600}
    .value{font-variant-numeric:tabular-nums}
    .inline-error{color:var(--bad)}
    .error-box{margin:.6rem 1rem;padding:.6rem .8rem;background:#ffebe9;border-left:4px solid var(--bad);font:14px/1.45 system-ui,sans-serif;border-radius:4px}
    .error-box .where{font-family:ui-monospace,monospace;font-size:13px;color:var(--muted)}
    .note.skipped{margin:.6rem 1rem;padding:.5rem .8rem;background:#fff8c5;border-left:4px solid var(--warn);font:14px/1.45 system-ui,sans-serif;border-radius:4px}
    .math-tex{color:var(--warn)}.math-tex.display{display:block;text-align:center}
    .katex-display{display:block;margin:1rem 0;text-align:center;overflow-x:auto}
    math{font-size:1.08em}
    li.task{list-style:none}
    .source .k{color:#8250df;font-weight:600}.source .n{color:#0550ae}.source .s{color:#0a3069}.source .c{color:#6e7781;font-style:italic}
    .source .f{color:#953800}.source .o{color:#57606a}.source .cl{color:#1a7f37}.source .a{color:#6639ba}
    nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);font:15px system-ui,sans-serif}
    nav.pager .next{margin-left:auto}
    section.footnotes{margin-top:2.5rem;border-top:1px solid var(--rule);font-size:.9rem}.footnote-ref a,.footnote-back{text-decoration:none}
    ol.lessons{padding-left:1.4rem}ol.lessons li{margin:.7rem 0}ol.lessons .desc{display:block;color:var(--muted);font-size:.95rem}
    """
}
