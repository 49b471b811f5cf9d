import Foundation

/// Course-wide search without a server: every page carries a small index of
/// the course (each lesson's title, description and h2/h3 headings with
/// their anchors) as JSON, and a script that matches words typed into a box
/// against it. A result links to the lesson or straight to the heading. The
/// page still loads nothing; without scripts the box is not shown.
///
/// A word matches the start of a word of the entry ("sal" finds "Saliency");
/// an entry matches when every word typed does. Lessons come first, then
/// headings, at most 12 results.
enum SearchIndex {
    struct Entry: Sendable {
        var title: String
        var href: String
        var description: String?
        /// h2 and h3 headings in page order: their text and anchor.
        var headings: [(text: String, id: String)]
    }

    /// The h2 and h3 headings of a parsed lesson with the ids the page gives
    /// them: like `RenderStage`, every heading's text (formulas restored)
    /// slugged in page order and numbered by `HeadingIDs`.
    static func headings(_ lesson: ParsedLesson) -> [(text: String, id: String)] {
        var ids = HeadingIDs(), out: [(String, String)] = []
        func visit(_ node: MarkdownNode) {
            if case let .heading(level) = node.kind {
                let text = MathText.restore(node.plainText, formulas: lesson.formulas)
                let id = ids.unique(HTML.slug(text))
                if level == 2 || level == 3 { out.append((text.trimmingCharacters(in: .whitespacesAndNewlines), id)) }
                return
            }
            node.children.forEach(visit)
        }
        visit(lesson.tree)
        return out
    }

    /// The index as JSON: `[[title, href, description, [heading, id, ...]], ...]`,
    /// escaped so that it cannot close the script element holding it.
    static func json(_ entries: [Entry]) -> String {
        let rows: [[Any]] = entries.map { e in
            [e.title, e.href, e.description ?? "", e.headings.flatMap { [$0.text, $0.id] }]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "[]" }
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// A search box (one in the sidebar, one in the phone's menu); hidden
    /// until the script runs.
    static func box(_ n: Int) -> String {
        "<div class=\"search\" role=\"search\" hidden><label for=\"search-\(n)\" class=\"nav-title\">Search the course</label>"
            + "<input id=\"search-\(n)\" type=\"search\" autocomplete=\"off\" placeholder=\"e.g. saliency\" aria-controls=\"search-\(n)-results\">"
            + "<ol id=\"search-\(n)-results\" class=\"search-results\" aria-live=\"polite\"></ol></div>\n"
    }

    /// The index and the script, once a page, at the end of the body.
    static func script(_ entries: [Entry]) -> String {
        if entries.isEmpty { return "" }
        return "<script type=\"application/json\" id=\"search-index\">\(json(entries))</script>\n<script>\(code)</script>\n"
    }

    /// Matches on keystrokes; results are links built with textContent, so
    /// nothing in the index is ever parsed as HTML.
    static let code = """
    (function(){var D=JSON.parse(document.getElementById('search-index').textContent),E=[];\
    function W(s){return s.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').split(/[^a-z0-9]+/).filter(Boolean)}\
    D.forEach(function(d){E.push({t:d[0],h:d[1],w:W(d[0]+' '+d[2]),l:1});for(var i=0;i<d[3].length;i+=2)\
    E.push({t:d[3][i],s:d[0],h:d[1]+'#'+d[3][i+1],w:W(d[3][i])})});\
    [].forEach.call(document.querySelectorAll('.search'),function(b){var q=b.querySelector('input'),o=b.querySelector('ol');b.hidden=false;\
    q.oninput=function(){var t=W(q.value),n=0;o.textContent='';if(!t.length)return;\
    E.filter(function(e){return t.every(function(x){return e.w.some(function(y){return y.indexOf(x)==0})})})\
    .sort(function(a,c){return(c.l||0)-(a.l||0)}).slice(0,12).forEach(function(e){var li=document.createElement('li'),a=document.createElement('a');\
    a.href=e.h;a.textContent=e.t;li.appendChild(a);if(e.s){var s=document.createElement('span');s.textContent=e.s;li.appendChild(s)}o.appendChild(li);n++});\
    if(!n){var li=document.createElement('li');li.textContent='No lesson or heading has these words.';o.appendChild(li)}};\
    q.onkeydown=function(e){if(e.key=='Enter'){var a=o.querySelector('a');if(a)location.href=a.href}}})})();
    """

    static let css = ".search{margin:.8rem 0}.search label{display:block}.search input{width:100%;font:14px/1.4 system-ui,sans-serif;"
        + "padding:.35rem .5rem;border:1px solid var(--rule);border-radius:6px;background:var(--paper);color:var(--ink)}"
        + ".search input:focus-visible{outline:2px solid var(--accent);outline-offset:1px}"
        + ".search-results{list-style:none;margin:.3rem 0 0;padding:0;font:14px/1.4 system-ui,sans-serif}"
        + ".search-results li{margin:.25rem 0}.search-results span{display:block;font-size:12.5px;color:var(--muted)}"
        + "@media print{.search{display:none}}"
}
