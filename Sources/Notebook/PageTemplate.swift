import Foundation

/// The page around a lesson: one self-contained file with its CSS inline.
/// No script, font or stylesheet is fetched from anywhere.
///
/// Layout: at 70rem and wider, a sticky sidebar (the course's name, its
/// lessons, "On this page") beside a 46rem column; narrower, the sidebar
/// gives way to a bar with the course's name, the lesson's place in the
/// course and a collapsed `<details>` menu holding the same two lists. The
/// previous and next links sit in the bar and at the foot of the page.
enum PageTemplate {
    struct Link: Sendable { var title: String; var href: String }

    /// A lesson's page; `position` is its index in `course.lessons` (nil for
    /// the index, which has no neighbours and no table of contents).
    static func page(title: String, description: String?, article: String, tally: Tally,
                     course: Course = Course(), position: Int? = nil) -> String {
        let previous = position.flatMap { $0 > 0 && $0 - 1 < course.lessons.count ? course.lessons[$0 - 1] : nil }
        let next = position.flatMap { $0 + 1 < course.lessons.count ? course.lessons[$0 + 1] : nil }
        let desc = description.map { "<p class=\"lede\">\(HTML.escape($0))</p>\n" } ?? ""
        let legendHTML = position != nil && (tally.passed + tally.failed) > 0 ? legend : ""
        // The lede and tally go under the lesson's own title when it opens the page.
        var article = article
        var header = "<header class=\"lesson\">\(desc)\(badge(tally))\(legendHTML)</header>"
        if article.hasPrefix("<h1"), let end = article.range(of: "</h1>\n") {
            article.insert(contentsOf: header + "\n", at: end.upperBound)
            header = ""
        }
        let contents = position == nil ? [] : toc(article)
        let courseName = HTML.escape(course.title ?? "All lessons")
        let place = position.map { "<p class=\"place\">Lesson \($0 + 1) of \(course.lessons.count)</p>" } ?? ""
        let lists = lessonList(course, current: position) + tocList(contents)
        let sidebar = """
            <aside class="sidebar">
            <p class="course"><a href="index.html">\(courseName)</a></p>
            \(place)
            \(course.search.isEmpty ? "" : SearchIndex.box(1))\(lists)</aside>
            """
        let menuLabel = position == nil ? "Lessons" : contents.isEmpty ? "Lessons" : "Lessons and contents"
        let bar = """
            <header class="bar">
            <p class="course"><a href="index.html">\(courseName)</a></p>
            \(place)
            \(pager(previous, next, top: true))<details class="menu"><summary>\(menuLabel)</summary>
            \(course.search.isEmpty ? "" : SearchIndex.box(2))\(lists)</details>
            </header>
            """
        let pageTitle = course.title.map { title == $0 ? title : "\(title) · \($0)" } ?? title
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Lectern">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.escape(pageTitle))</title>
        <style>\(css)\(FormatAdditionsCSS.css)\(FigureCSS.css)\(CodeHighlighter.css)\(ErrataBox.css)\(SearchIndex.css)</style>
        </head>
        <body>
        <a class="skip" href="#content">Skip to the text</a>
        <div class="layout">
        \(sidebar)
        <div class="column">
        \(bar)
        <main id="content">
                \(header)
        <article>
        \(article)</article>
        \(pager(previous, next, top: false))</main>
        </div>
        </div>
        \(SearchIndex.script(course.search))</body>
        </html>

        """
    }

    static func pager(_ previous: Link?, _ next: Link?, top: Bool) -> String {
        if previous == nil && next == nil { return "" }
        var out = "<nav class=\"pager\(top ? " top" : "")\" aria-label=\"Previous and next lesson\(top ? "" : " (foot of the page)")\">"
        if let p = previous {
            out += "<a class=\"prev\" href=\"\(HTML.href(p.href))\" rel=\"prev\"><span class=\"dir\">← Previous</span> <span class=\"name\">\(HTML.escape(p.title))</span></a>"
        }
        if let n = next {
            out += "<a class=\"next\" href=\"\(HTML.href(n.href))\" rel=\"next\"><span class=\"dir\">Next →</span> <span class=\"name\">\(HTML.escape(n.title))</span></a>"
        }
        return out + "</nav>\n"
    }

    static func lessonList(_ course: Course, current: Int?) -> String {
        if course.lessons.isEmpty { return "" }
        var out = "<nav class=\"lessons-nav\" aria-label=\"Lessons\"><ol>\n"
        for (i, l) in course.lessons.enumerated() {
            let here = i == current ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(HTML.href(l.href))\"\(here)>\(HTML.escape(l.title))</a></li>\n"
        }
        return out + "</ol></nav>\n"
    }

    struct Heading { var level: Int; var id: String; var html: String }

    /// The article's h2 and h3 headings, for "On this page". Their HTML is
    /// kept (math, emphasis) without the links and ids inside them, so the
    /// list neither nests links nor repeats an id.
    static func toc(_ article: String) -> [Heading] {
        guard let re = try? NSRegularExpression(pattern: "<h([23]) id=\"([^\"]*)\">([\\s\\S]*?)</h\\1>") else { return [] }
        let ns = article as NSString
        return re.matches(in: article, range: NSRange(location: 0, length: ns.length)).map { m in
            var inner = ns.substring(with: m.range(at: 3))
            for pattern in ["<a class=\"anchor\"[^>]*>#</a>", "<sup class=\"footnote-ref\">[\\s\\S]*?</sup>", "</?a\\b[^>]*>", " id=\"[^\"]*\""] {
                inner = inner.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
            }
            return Heading(level: Int(ns.substring(with: m.range(at: 1))) ?? 2, id: ns.substring(with: m.range(at: 2)),
                           html: inner.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func tocList(_ headings: [Heading]) -> String {
        if headings.isEmpty { return "" }
        var out = "<nav class=\"toc\" aria-label=\"On this page\"><p class=\"nav-title\">On this page</p><ol>\n"
        for h in headings {
            out += "<li class=\"h\(h.level)\"><a href=\"#\(HTML.escape(h.id))\">\(h.html)</a></li>\n"
        }
        return out + "</ol></nav>\n"
    }

    /// What the marks on a page's documented numbers mean, under its tally.
    static let legend = "<p class=\"legend\"><span class=\"key\"><span class=\"ok-mark\">✓</span> reproduces</span> "
        + "<span class=\"key\"><del>struck</del> <ins>new</ins> an erratum, corrected</span> "
        + "<span class=\"key\"><span class=\"bad-mark\">✗</span> does not reproduce</span> "
        + "<span class=\"key\">focus or tap a number for its computed value</span></p>"

    /// "20 documented numbers: 18 reproduce · 2 corrected": errata, which
    /// pass by being wrong as documented, are counted apart.
    static func badge(_ t: Tally) -> String {
        let total = t.passed + t.failed
        if total == 0 && t.errors == 0 { return "" }
        let cls = t.isGreen ? "ok" : "bad"
        var parts: [String] = []
        let reproduce = t.passed - t.errata
        if reproduce > 0 { parts.append("\(reproduce) reproduce\(reproduce == 1 ? "s" : "")") }
        if t.errata > 0 { parts.append("\(t.errata) corrected") }
        if t.failed > 0 { parts.append("\(t.failed) do\(t.failed == 1 ? "es" : "") not reproduce") }
        if t.errors > 0 { parts.append("\(t.errors) error\(t.errors == 1 ? "" : "s")") }
        let head = total > 0 ? "\(total) documented number\(total == 1 ? "" : "s"): " : ""
        return "<p class=\"tally \(cls)\">\(head)\(parts.joined(separator: " · "))</p>"
    }

    static let css = """
    :root{--ink:#1d2329;--muted:#535e69;--rule:#d9dee3;--paper:#fff;--side:#f6f8fa;--code-bg:#f5f7f9;--accent:#0b5cd5;--ok:#1a7f37;--bad:#c4212c;--warn:#7d5400;--ok-bg:#dafbe1;--bad-bg:#ffebe9;--warn-bg:#fff8c5;--tip-bg:#1d2329;--tip-ink:#fff;--hl-k:#8250df;--hl-n:#0550ae;--hl-s:#0a3069;--hl-c:#57606a;--hl-f:#953800;--hl-o:#57606a;--hl-cl:#1a7f37;--hl-a:#6639ba;color-scheme:light}
    @media (prefers-color-scheme:dark){:root{--ink:#e6edf3;--muted:#9ea8b3;--rule:#343b44;--paper:#0f1419;--side:#151b22;--code-bg:#171d24;--accent:#6cb0ff;--ok:#56d364;--bad:#ff8a80;--warn:#e3b341;--ok-bg:#11301c;--bad-bg:#3a1618;--warn-bg:#352a0a;--tip-bg:#e6edf3;--tip-ink:#0f1419;--hl-k:#d2a8ff;--hl-n:#79c0ff;--hl-s:#a5d6ff;--hl-c:#9ea8b3;--hl-f:#ffa657;--hl-o:#b1bac4;--hl-cl:#7ee787;--hl-a:#d2a8ff;color-scheme:dark}
    figure.output.figure>svg,figure.output.figure>img,article img{background:#fff;color:#1d2329;border-radius:6px;padding:4px}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--paper);color:var(--ink);font:18px/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;-webkit-font-smoothing:antialiased;overflow-wrap:break-word}
    .skip{position:absolute;left:.5rem;top:.5rem;transform:translateY(-300%);background:var(--paper);padding:.4rem .8rem;z-index:10}.skip:focus{transform:none}
    .layout{display:block}
    .column{min-width:0}
    main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 4rem}
    .sidebar{display:none}
    .bar{max-width:46rem;margin:0 auto;padding:.7rem 1.25rem 0;font:14px/1.4 system-ui,sans-serif;display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem 1rem}
    .bar .course{margin:0;font-weight:600}.bar .place{margin:0;color:var(--muted)}
    .bar .pager{flex-basis:100%;margin:0;padding:0;border:0;font-size:14px}
    .menu{flex-basis:100%;border:1px solid var(--rule);border-radius:6px;background:var(--side)}
    .menu summary{cursor:pointer;padding:.35rem .7rem;font-weight:600}
    .menu nav{padding:0 .7rem .5rem}
    .lessons-nav ol,.toc ol{margin:0;padding-left:1.7rem;font:14px/1.45 system-ui,sans-serif}
    .lessons-nav li,.toc li{margin:.2rem 0}
    .lessons-nav a[aria-current]{font-weight:700;color:var(--ink)}
    .toc ol{list-style:none;padding-left:0}.toc li.h3{padding-left:1rem;font-size:13.5px}
    .nav-title{font:600 12px/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:1rem 0 .3rem}
    @media (min-width:70rem){
    .layout{display:grid;grid-template-columns:17rem minmax(0,1fr);min-height:100vh;background:linear-gradient(to right,var(--side) calc(17rem - 1px),var(--rule) calc(17rem - 1px),var(--rule) 17rem,var(--paper) 17rem)}
    .sidebar{display:block;position:sticky;top:0;height:100vh;overflow-y:auto;padding:1.2rem 1rem 2rem;font:14px/1.45 system-ui,sans-serif}
    .sidebar .course{font-weight:700;font-size:15px;margin:0 0 .2rem}.sidebar .place{color:var(--muted);margin:0 0 .8rem}
    .sidebar .lessons-nav ol{padding-left:1.6rem}
    .bar .course,.bar .place,.menu{display:none}
    .column main,.column .bar{margin-left:max(1rem,calc(50% - 23rem - 4rem))}}
    nav a,a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
    a:focus-visible,summary:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
    h1,h2,h3,h4{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.25;margin:2rem 0 .6rem;break-after:avoid}
    h1{font-size:2rem;margin-top:1rem}h2{font-size:1.45rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem}h3{font-size:1.15rem}
    h2,h3{scroll-margin-top:1rem}
    .anchor{visibility:hidden;margin-left:.4rem;color:var(--muted);font-weight:400}h1:hover .anchor,h2:hover .anchor,h3:hover .anchor,.anchor:focus{visibility:visible}
    .lede{font-size:1.15rem;color:var(--muted);margin:.2rem 0}
    .tally{display:inline-block;font:13px/1.4 system-ui,sans-serif;padding:.2rem .6rem;border-radius:1rem;margin:.4rem 0}
    .tally.ok{background:var(--ok-bg);color:var(--ok)}.tally.bad{background:var(--bad-bg);color:var(--bad)}
    .legend{font:12.5px/1.5 system-ui,sans-serif;color:var(--muted);margin:.1rem 0 .6rem}.legend .key{white-space:nowrap;margin-right:.9rem}
    .legend .key:last-child{white-space:normal}
    .legend .ok-mark{color:var(--ok);font-weight:700}.legend .bad-mark{color:var(--bad);font-weight:700}
    .legend del{color:var(--bad)}.legend ins{text-decoration:none;color:var(--ok);font-weight:600}
    p,ul,ol,blockquote{margin:.8rem 0}blockquote{border-left:3px solid var(--rule);margin-left:0;padding-left:1rem;color:var(--muted)}
    code,pre{font:14.5px/1.5 ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace}
    :not(pre)>code{background:var(--code-bg);padding:.1em .3em;border-radius:4px;overflow-wrap:anywhere}
    pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
    pre.code{background:var(--code-bg);padding:.8rem 1rem;border-radius:6px;margin:1rem 0}
    pre .line{display:block;padding-left:calc(var(--i,0)*1ch + 2ch);text-indent:calc(-1*(var(--i,0)*1ch + 2ch))}
    .cell{margin:1.4rem 0;border:1px solid var(--rule);border-radius:8px;overflow:hidden}
    .cell pre.source{background:var(--code-bg);padding:.8rem 1rem;border-bottom:1px solid var(--rule)}
    .cell.error{border-color:var(--bad)}.cell.skipped{border-style:dashed}
    .outputs{padding:.6rem 1rem}
    .output.text{margin:.3rem 0}.output.text .type{display:block;font:12px system-ui,sans-serif;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
    figure{margin:.8rem 0;text-align:center;break-inside:avoid}figure svg{max-width:100%;height:auto}
    figcaption{font:14px/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.4rem;text-align:left}
    figcaption .label{font-weight:600;color:var(--ink)}
    img.pixels{image-rendering:pixelated;image-rendering:crisp-edges;max-width:100%;height:auto;border:1px solid var(--rule)}
    img{max-width:100%;height:auto}
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
    .claim{position:relative;border-bottom:1px dotted var(--muted);cursor:help}
    .claim:focus{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
    .claim .mark{font:700 .7em system-ui,sans-serif;vertical-align:super;margin-left:.1em}
    .claim.pass .mark{color:var(--ok)}.claim.fail,.claim.error{color:var(--bad)}
    .claim .computed{font-size:.85em}
    .claim .tip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
    .claim:hover .tip,.claim:focus .tip{left:0;top:calc(100% + .35rem);z-index:5;width:max-content;max-width:min(22rem,calc(100vw - 2rem));height:auto;overflow:visible;clip-path:none;white-space:normal;padding:.3rem .6rem;border-radius:6px;background:var(--tip-bg);color:var(--tip-ink);font:13px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25)}
    .claim.placeholder{color:inherit;border-bottom:2px dashed var(--bad)}.claim.placeholder .mark{color:var(--bad)}
    .claim.erratum del{color:var(--bad);text-decoration-thickness:2px}.claim.erratum ins{text-decoration:none;color:var(--ok);font-weight:600}
    .value{font-variant-numeric:tabular-nums}
    .inline-error{color:var(--bad)}
    .error-box{margin:.6rem 1rem;padding:.6rem .8rem;background:var(--bad-bg);border-left:4px solid var(--bad);font:14px/1.45 system-ui,sans-serif;border-radius:4px}
    .error-box .where{font-family:ui-monospace,monospace;font-size:13px;color:var(--muted)}
    .note.skipped{margin:.6rem 1rem;padding:.5rem .8rem;background:var(--warn-bg);border-left:4px solid var(--warn);font:14px/1.45 system-ui,sans-serif;border-radius:4px}
    .math-tex{color:var(--warn)}.math-tex.display{display:block;text-align:center;overflow-x:auto}
    .katex-display,.katex:has(>math[display=block]){display:block;margin:1rem 0;text-align:center;overflow-x:auto;overflow-y:hidden}
    math{font-size:1.08em}
    li.task{list-style:none}
    .source .k{color:var(--hl-k);font-weight:600}.source .n{color:var(--hl-n)}.source .s{color:var(--hl-s)}.source .c{color:var(--hl-c);font-style:italic}
    .source .f{color:var(--hl-f)}.source .o{color:var(--hl-o)}.source .cl{color:var(--hl-cl)}.source .a{color:var(--hl-a)}
    nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);font:15px/1.4 system-ui,sans-serif}
    nav.pager a{display:flex;flex-direction:column;min-width:0;max-width:48%}nav.pager .dir{font-size:.8em;color:var(--muted)}
    nav.pager .next{margin-left:auto;text-align:right}
    nav.pager.top a{flex-direction:row;gap:.3rem;max-width:49%}nav.pager.top .dir{font-size:1em;color:var(--accent);white-space:nowrap}
    nav.pager.top .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    @media (max-width:40rem){body{font-size:17px}main{padding:.6rem 1rem 3rem}.bar{padding:.6rem 1rem 0}h1{font-size:1.6rem}h2{font-size:1.3rem}
    code,pre{font-size:13.5px}.cell pre.source,.outputs{padding:.6rem .7rem}nav.pager.top .name{display:none}
    .claim:hover .tip,.claim:focus .tip{position:static;display:inline;padding:0 .3rem;box-shadow:none;margin-left:.2rem}}
    section.footnotes{margin-top:2.5rem;border-top:1px solid var(--rule);font-size:.9rem}.footnote-ref a,.footnote-back{text-decoration:none}
    .intro{margin-bottom:1.5rem}
    ol.lessons{padding-left:1.4rem}ol.lessons li{margin:.7rem 0}ol.lessons .desc{display:block;color:var(--muted);font-size:.95rem}
    @media print{:root{--ink:#000;--muted:#444;--rule:#bbb;--paper:#fff;--code-bg:#f3f3f3;--accent:#000;--ok:#1a7f37;--bad:#b00020;--hl-c:#444;color-scheme:light}
    body{font-size:11pt}.sidebar,.bar,nav.pager,.skip,.anchor,.legend .key:last-child{display:none!important}
    .layout{display:block;background:none}main,.column main{max-width:none;margin:0;padding:0}
    pre,code{font-size:9pt}.cell{overflow:visible;break-inside:auto}
    figure,table,.error-box{break-inside:avoid}h1,h2,h3,h4{break-after:avoid;break-inside:avoid}
    figure.output.figure>svg,figure.output.figure>img,article img{background:none;padding:0}
    .claim{border-bottom:none}.claim .tip{position:static;width:auto;height:auto;overflow:visible;clip-path:none;display:inline;font-size:.8em;color:var(--muted)}
    .claim .tip::before{content:" ["}.claim .tip::after{content:"]"}
    .claim:hover .tip,.claim:focus .tip{background:none;color:var(--muted);box-shadow:none;padding:0}
    .katex-display,.katex:has(>math[display=block]),.table-wrap{overflow:visible}}
    """
}
